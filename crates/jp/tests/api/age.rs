use chrono::NaiveDate;
use shinsei_jp::age::{
    add_months, add_years, age_on, end_of_month, fiscal_year, months_between, start_of_month,
    years_between,
};

use crate::d;

#[test]
fn age_is_reached_the_day_before_the_birthday() {
    let b = d(2000, 4, 1);
    assert_eq!(age_on(b, d(2010, 3, 30)), Some(9));
    assert_eq!(age_on(b, d(2010, 3, 31)), Some(10));
    assert_eq!(age_on(b, d(2010, 4, 1)), Some(10));
    assert_eq!(age_on(b, b), Some(0));
    assert_eq!(age_on(b, d(2000, 3, 31)), None);
    let b = d(1956, 1, 14);
    assert_eq!(age_on(b, d(2026, 1, 12)), Some(69));
    assert_eq!(age_on(b, d(2026, 1, 13)), Some(70));
}

#[test]
fn age_of_someone_born_on_february_29() {
    // 民法143条2項ただし書: no 2/29 in the last year, so the period ends on 2/28.
    let b = d(2004, 2, 29);
    assert_eq!(age_on(b, d(2022, 2, 27)), Some(17));
    assert_eq!(age_on(b, d(2022, 2, 28)), Some(18));
    assert_eq!(age_on(b, d(2022, 3, 1)), Some(18));
    // In a leap year the day before 2/29 is 2/28 as well.
    assert_eq!(age_on(b, d(2024, 2, 27)), Some(19));
    assert_eq!(age_on(b, d(2024, 2, 28)), Some(20));
    // Born on 3/1 after a 2/29: the day before is 2/29 in leap years.
    let b = d(2004, 3, 1);
    assert_eq!(age_on(b, d(2008, 2, 28)), Some(3));
    assert_eq!(age_on(b, d(2008, 2, 29)), Some(4));
    assert_eq!(age_on(b, d(2005, 2, 28)), Some(1));
}

#[test]
fn age_extremes_do_not_panic() {
    assert_eq!(age_on(NaiveDate::MIN, NaiveDate::MAX), None);
    assert!(age_on(d(1, 1, 2), NaiveDate::MAX).is_some());
    assert_eq!(age_on(NaiveDate::MAX, NaiveDate::MAX), Some(0));
}

#[test]
fn month_arithmetic_clamps_to_month_end() {
    assert_eq!(add_months(d(2026, 1, 31), 1), Some(d(2026, 2, 28)));
    assert_eq!(add_months(d(2024, 1, 31), 1), Some(d(2024, 2, 29)));
    assert_eq!(add_months(d(2026, 3, 31), -1), Some(d(2026, 2, 28)));
    assert_eq!(add_months(d(2026, 12, 15), 1), Some(d(2027, 1, 15)));
    assert_eq!(add_months(d(2026, 1, 15), -13), Some(d(2024, 12, 15)));
    assert_eq!(add_months(d(2026, 1, 15), 0), Some(d(2026, 1, 15)));
    assert_eq!(add_years(d(2024, 2, 29), 1), Some(d(2025, 2, 28)));
    assert_eq!(add_years(d(2024, 2, 29), 4), Some(d(2028, 2, 29)));
    assert_eq!(add_years(d(2026, 5, 10), -2), Some(d(2024, 5, 10)));
    assert_eq!(add_months(NaiveDate::MAX, 1), None);
    assert_eq!(add_months(NaiveDate::MIN, -1), None);
    assert_eq!(add_months(d(2026, 1, 1), i64::MAX), None);
    assert_eq!(add_months(d(2026, 1, 1), i64::MIN), None);
    assert_eq!(add_years(d(2026, 1, 1), i64::MAX / 2), None);
}

#[test]
fn months_between_counts_whole_months() {
    assert_eq!(months_between(d(2026, 1, 31), d(2026, 2, 28)), 1);
    assert_eq!(months_between(d(2026, 1, 31), d(2026, 2, 27)), 0);
    assert_eq!(months_between(d(2026, 1, 15), d(2026, 4, 14)), 2);
    assert_eq!(months_between(d(2026, 1, 15), d(2026, 4, 15)), 3);
    assert_eq!(months_between(d(2026, 4, 15), d(2026, 1, 15)), -3);
    assert_eq!(months_between(d(2026, 4, 14), d(2026, 1, 15)), -2);
    assert_eq!(months_between(d(2026, 1, 15), d(2026, 1, 15)), 0);
    assert_eq!(years_between(d(2024, 2, 29), d(2026, 2, 28)), 2);
    assert_eq!(years_between(d(2000, 4, 1), d(2010, 3, 31)), 9);
    let _ = months_between(NaiveDate::MIN, NaiveDate::MAX);
    let _ = months_between(NaiveDate::MAX, NaiveDate::MIN);
}

#[test]
fn month_bounds_and_fiscal_year() {
    assert_eq!(end_of_month(d(2024, 2, 10)), d(2024, 2, 29));
    assert_eq!(end_of_month(d(2026, 12, 1)), d(2026, 12, 31));
    assert_eq!(end_of_month(NaiveDate::MAX), NaiveDate::MAX);
    assert_eq!(start_of_month(d(2026, 12, 31)), d(2026, 12, 1));
    assert_eq!(fiscal_year(d(2026, 3, 31)), 2025);
    assert_eq!(fiscal_year(d(2026, 4, 1)), 2026);
    assert_eq!(fiscal_year(d(2026, 1, 1)), 2025);
    assert_eq!(fiscal_year(d(2026, 12, 31)), 2026);
}
