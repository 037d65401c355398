//! Expression semantics: three-valued logic, exact arithmetic, dates,
//! builtins, aggregates with frames, effective-dated parameters.

mod common;

use std::collections::BTreeMap;

use common::*;
use serde_json::json;
use shinsei_ir::{
    AggOp, BinOp, Builtin, DurationUnit, Expr, FieldKind, Literal, Param, ParamPeriod, ParamValue,
    QualField, Text, ValueType,
};

fn unknown() -> Expr {
    // A reference to an absent field.
    f(&[0])
}

fn logic(e: Expr) -> Option<serde_json::Value> {
    eval_with(
        vec![field("absent", "A", FieldKind::Bool)],
        json!({}),
        ValueType::Bool,
        e,
    )
}

#[test]
fn kleene_logic() {
    let (t, fl, u) = (|| lbool(true), || lbool(false), unknown);
    assert_eq!(logic(bin(BinOp::And, fl(), u())), Some(json!(false)));
    assert_eq!(logic(bin(BinOp::And, u(), fl())), Some(json!(false)));
    assert_eq!(logic(bin(BinOp::And, t(), u())), None);
    assert_eq!(logic(bin(BinOp::And, t(), t())), Some(json!(true)));
    assert_eq!(logic(bin(BinOp::Or, t(), u())), Some(json!(true)));
    assert_eq!(logic(bin(BinOp::Or, u(), t())), Some(json!(true)));
    assert_eq!(logic(bin(BinOp::Or, fl(), u())), None);
    assert_eq!(logic(bin(BinOp::Or, fl(), fl())), Some(json!(false)));
    assert_eq!(logic(not(u())), None);
    assert_eq!(logic(not(fl())), Some(json!(true)));
    assert_eq!(logic(bin(BinOp::Eq, u(), u())), None);
    assert_eq!(logic(present(&[0])), Some(json!(false)));
    let set = Expr::In {
        value: Box::new(ltext("b")),
        set: vec![ltext("a"), unknown(), ltext("b")],
    };
    assert_eq!(logic(set), Some(json!(true)));
    let set = Expr::In {
        value: Box::new(ltext("c")),
        set: vec![ltext("a"), unknown()],
    };
    assert_eq!(logic(set), None);
    let set = Expr::In {
        value: Box::new(ltext("c")),
        set: vec![ltext("a")],
    };
    assert_eq!(logic(set), Some(json!(false)));
    let iff = Expr::If {
        cond: Box::new(unknown()),
        then: Box::new(lbool(true)),
        otherwise: Box::new(lbool(true)),
    };
    assert_eq!(logic(iff), None);
    let coalesce = call(Builtin::Coalesce, vec![unknown(), lbool(true)]);
    assert_eq!(logic(coalesce), Some(json!(true)));
}

#[test]
fn exact_arithmetic_and_rounding() {
    let two_thirds = bin(BinOp::Mul, lyen(10_000), lrate(2, 3));
    assert_eq!(
        eval(ValueType::YenFrac, two_thirds.clone()),
        Some(json!("20000/3"))
    );
    let rounded = call(Builtin::Round, vec![two_thirds.clone(), lint(1)]);
    assert_eq!(eval(ValueType::Yen, rounded), Some(json!(6667)));
    assert_eq!(
        eval(
            ValueType::Yen,
            call(Builtin::Floor, vec![two_thirds.clone(), lint(10)])
        ),
        Some(json!(6660))
    );
    assert_eq!(
        eval(
            ValueType::Yen,
            call(Builtin::Ceil, vec![two_thirds, lint(10)])
        ),
        Some(json!(6670))
    );
    // 四捨五入 goes away from zero at exactly one half.
    let half = bin(BinOp::Div, lint(-5), lint(2));
    assert_eq!(
        eval(
            ValueType::Int,
            call(Builtin::Round, vec![half.clone(), lint(1)])
        ),
        Some(json!(-3))
    );
    assert_eq!(
        eval(
            ValueType::Int,
            call(Builtin::Floor, vec![half.clone(), lint(1)])
        ),
        Some(json!(-3))
    );
    assert_eq!(
        eval(ValueType::Int, call(Builtin::Ceil, vec![half, lint(1)])),
        Some(json!(-2))
    );
    assert_eq!(
        eval(ValueType::Int, bin(BinOp::Div, lint(1), lint(0))),
        None
    );
    assert_eq!(
        eval(ValueType::Int, call(Builtin::Round, vec![lint(5), lint(0)])),
        None
    );
    // Overflow is unknown, never a panic.
    let mut big = lint(i64::MAX);
    for _ in 0..4 {
        big = bin(BinOp::Mul, big.clone(), big);
    }
    assert_eq!(eval(ValueType::Int, big), None);
    assert_eq!(
        eval(
            ValueType::Int,
            Expr::Unary {
                op: shinsei_ir::UnOp::Neg,
                arg: Box::new(lint(i64::MIN))
            }
        ),
        Some(json!("9223372036854775808"))
    );
    assert_eq!(
        eval(ValueType::Int, bin(BinOp::Sub, lint(3), lint(5))),
        Some(json!(-2))
    );
    assert_eq!(
        eval(ValueType::Int, call(Builtin::Abs, vec![lint(-7)])),
        Some(json!(7))
    );
    assert_eq!(
        eval(
            ValueType::Int,
            call(Builtin::Min, vec![lint(3), lint(-1), lint(2)])
        ),
        Some(json!(-1))
    );
    assert_eq!(
        eval(
            ValueType::Int,
            call(Builtin::Max, vec![lint(3), unknown(), lint(2)])
        ),
        None
    );
    assert_eq!(eval(ValueType::Rate, lrate(6, 4)), Some(json!("3/2")));
    assert_eq!(
        eval(
            ValueType::Bool,
            bin(BinOp::Eq, lrate(1, 2), bin(BinOp::Div, lint(2), lint(4)))
        ),
        Some(json!(true))
    );
    assert_eq!(
        eval(ValueType::Bool, bin(BinOp::Lt, lrate(1, 3), lrate(1, 2))),
        Some(json!(true))
    );
}

#[test]
fn dates_and_durations() {
    let jan31 = || ldate(2026, 1, 31);
    let months = |n| ldur(n, DurationUnit::Months);
    assert_eq!(
        eval(ValueType::Date, bin(BinOp::Add, jan31(), months(1))),
        Some(json!("2026-02-28"))
    );
    assert_eq!(
        eval(
            ValueType::Date,
            bin(BinOp::Sub, ldate(2024, 3, 31), months(1))
        ),
        Some(json!("2024-02-29"))
    );
    let feb29 = ldate(2024, 2, 29);
    assert_eq!(
        eval(
            ValueType::Date,
            bin(BinOp::Add, feb29.clone(), ldur(1, DurationUnit::Years))
        ),
        Some(json!("2025-02-28"))
    );
    assert_eq!(
        eval(
            ValueType::Date,
            bin(BinOp::Add, jan31(), ldur(19, DurationUnit::Days))
        ),
        Some(json!("2026-02-19"))
    );
    assert_eq!(
        eval(
            ValueType::Date,
            bin(BinOp::Add, jan31(), ldur(i64::MAX, DurationUnit::Days))
        ),
        None
    );
    let b = |func, args| eval(ValueType::Int, call(func, args));
    assert_eq!(
        b(
            Builtin::DaysBetween,
            vec![ldate(2026, 1, 5), ldate(2026, 1, 20)]
        ),
        Some(json!(15))
    );
    assert_eq!(
        b(Builtin::MonthsBetween, vec![jan31(), ldate(2026, 2, 28)]),
        Some(json!(1))
    );
    assert_eq!(
        b(Builtin::MonthsBetween, vec![ldate(2026, 2, 28), jan31()]),
        Some(json!(-1))
    );
    assert_eq!(
        b(
            Builtin::YearsBetween,
            vec![ldate(2024, 2, 29), ldate(2026, 2, 28)]
        ),
        Some(json!(2))
    );
    assert_eq!(
        b(Builtin::AgeOn, vec![ldate(2000, 4, 1), ldate(2010, 3, 31)]),
        Some(json!(10))
    );
    assert_eq!(
        b(Builtin::AgeOn, vec![ldate(2000, 4, 1), ldate(2010, 3, 30)]),
        Some(json!(9))
    );
    assert_eq!(
        b(Builtin::AgeOn, vec![ldate(2000, 4, 1), ldate(1999, 3, 30)]),
        None
    );
    assert_eq!(
        b(Builtin::FiscalYear, vec![ldate(2026, 3, 31)]),
        Some(json!(2025))
    );
    assert_eq!(
        b(Builtin::Year, vec![ldate(2026, 3, 31)]),
        Some(json!(2026))
    );
    assert_eq!(b(Builtin::Month, vec![ldate(2026, 3, 31)]), Some(json!(3)));
    assert_eq!(b(Builtin::Day, vec![ldate(2026, 3, 31)]), Some(json!(31)));
    assert_eq!(b(Builtin::Len, vec![ltext("キョウカイ")]), Some(json!(5)));
    let dt = |func, args| eval(ValueType::Date, call(func, args));
    assert_eq!(
        dt(Builtin::EndOfMonth, vec![ldate(2024, 2, 10)]),
        Some(json!("2024-02-29"))
    );
    assert_eq!(
        dt(Builtin::StartOfMonth, vec![ldate(2024, 2, 10)]),
        Some(json!("2024-02-01"))
    );
    assert_eq!(
        dt(Builtin::AddMonths, vec![jan31(), lint(1)]),
        Some(json!("2026-02-28"))
    );
    assert_eq!(
        dt(Builtin::AddYears, vec![feb29, lint(4)]),
        Some(json!("2028-02-29"))
    );
    assert_eq!(
        dt(Builtin::AddDays, vec![jan31(), lint(-31)]),
        Some(json!("2025-12-31"))
    );
    // 2026-02-01 is a Sunday; 2026-02-11 is 建国記念の日.
    assert_eq!(
        dt(Builtin::NextBusinessDay, vec![ldate(2026, 2, 1)]),
        Some(json!("2026-02-02"))
    );
    assert_eq!(
        dt(Builtin::AddBusinessDays, vec![ldate(2026, 2, 9), lint(2)]),
        Some(json!("2026-02-12"))
    );
    assert_eq!(
        dt(Builtin::AddBusinessDays, vec![ldate(2025, 12, 26), lint(1)]),
        Some(json!("2026-01-05"))
    );
    let flag = |func, args| eval(ValueType::Bool, call(func, args));
    assert_eq!(
        flag(Builtin::IsHoliday, vec![ldate(2026, 2, 11)]),
        Some(json!(true))
    );
    assert_eq!(
        flag(Builtin::IsBusinessDay, vec![ldate(2026, 1, 2)]),
        Some(json!(false))
    );
    assert_eq!(
        flag(Builtin::IsBusinessDay, vec![ldate(2026, 1, 5)]),
        Some(json!(true))
    );
    let month = Expr::Lit(Literal::Month {
        year: 2024,
        month: 2,
    });
    assert_eq!(
        eval(ValueType::Date, call(Builtin::LastDay, vec![month.clone()])),
        Some(json!("2024-02-29"))
    );
    assert_eq!(
        eval(
            ValueType::Date,
            call(Builtin::FirstDay, vec![month.clone()])
        ),
        Some(json!("2024-02-01"))
    );
    assert_eq!(
        eval(
            ValueType::Month,
            bin(BinOp::Add, month.clone(), ldur(11, DurationUnit::Months))
        ),
        Some(json!("2025-01"))
    );
    assert_eq!(
        eval(ValueType::Month, call(Builtin::MonthOf, vec![jan31()])),
        Some(json!("2026-01"))
    );
    assert_eq!(
        eval(
            ValueType::Bool,
            bin(BinOp::Lt, month, call(Builtin::MonthOf, vec![jan31()]))
        ),
        Some(json!(true))
    );
    assert_eq!(
        eval(ValueType::Date, Expr::Today),
        Some(json!("2026-01-13"))
    );
}

#[test]
fn periods() {
    let p = |a: (i32, u32, u32), b: (i32, u32, u32)| {
        call(
            Builtin::Period,
            vec![ldate(a.0, a.1, a.2), ldate(b.0, b.1, b.2)],
        )
    };
    let jan = p((2026, 1, 1), (2026, 1, 31));
    let mid = p((2026, 1, 31), (2026, 2, 10));
    let feb = p((2026, 2, 1), (2026, 2, 28));
    assert_eq!(
        eval(ValueType::Period, jan.clone()),
        Some(json!({ "from": "2026-01-01", "to": "2026-01-31" }))
    );
    assert_eq!(eval(ValueType::Period, p((2026, 2, 1), (2026, 1, 1))), None);
    assert_eq!(
        eval(ValueType::Int, call(Builtin::Days, vec![jan.clone()])),
        Some(json!(31))
    );
    assert_eq!(
        eval(ValueType::Date, call(Builtin::PeriodTo, vec![jan.clone()])),
        Some(json!("2026-01-31"))
    );
    assert_eq!(
        eval(
            ValueType::Date,
            call(Builtin::PeriodFrom, vec![jan.clone()])
        ),
        Some(json!("2026-01-01"))
    );
    let t = |func, args| eval(ValueType::Bool, call(func, args));
    assert_eq!(
        t(Builtin::Overlaps, vec![jan.clone(), mid.clone()]),
        Some(json!(true))
    );
    assert_eq!(
        t(Builtin::Overlaps, vec![jan.clone(), feb.clone()]),
        Some(json!(false))
    );
    assert_eq!(
        t(
            Builtin::Within,
            vec![p((2026, 1, 2), (2026, 1, 3)), jan.clone()]
        ),
        Some(json!(true))
    );
    assert_eq!(
        t(Builtin::Within, vec![mid, jan.clone()]),
        Some(json!(false))
    );
    assert_eq!(
        t(Builtin::InPeriod, vec![ldate(2026, 1, 31), jan]),
        Some(json!(true))
    );
}

fn leave_form() -> Vec<shinsei_ir::Field> {
    vec![
        field(
            "leave",
            "休んだ期間",
            list(
                0,
                10,
                vec![
                    field("from", "開始日", FieldKind::Date).required(),
                    field("to", "終了日", FieldKind::Date).required(),
                    field("pay", "報酬", yen()),
                ],
            ),
        ),
        field("cap", "上限", yen()),
    ]
}

#[test]
fn aggregates_over_lists() {
    let list = || fr(0, &[0]);
    let items = json!({ "leave": [
        { "from": "2026-01-05", "to": "2026-01-10", "pay": 100 },
        { "from": "2026-01-11", "to": "2026-01-20", "pay": "２００" },
        { "from": "2026-01-21", "to": "2026-01-25", "pay": 300 }
    ], "cap": 500 });
    let e = |ty, expr| eval_with(leave_form(), items.clone(), ty, expr);
    assert_eq!(
        e(ValueType::Yen, agg(AggOp::Sum, list(), Some(ff(1, &[2])))),
        Some(json!(600))
    );
    assert_eq!(
        e(ValueType::Int, agg(AggOp::Count, list(), None)),
        Some(json!(3))
    );
    let big_pay = bin(BinOp::Gt, ff(1, &[2]), lyen(150));
    assert_eq!(
        e(
            ValueType::Int,
            agg(AggOp::Count, list(), Some(big_pay.clone()))
        ),
        Some(json!(2))
    );
    assert_eq!(
        e(
            ValueType::Bool,
            agg(AggOp::All, list(), Some(big_pay.clone()))
        ),
        Some(json!(false))
    );
    assert_eq!(
        e(ValueType::Bool, agg(AggOp::Any, list(), Some(big_pay))),
        Some(json!(true))
    );
    assert_eq!(
        e(ValueType::Date, agg(AggOp::Min, list(), Some(ff(1, &[0])))),
        Some(json!("2026-01-05"))
    );
    assert_eq!(
        e(ValueType::Date, agg(AggOp::Max, list(), Some(ff(1, &[1])))),
        Some(json!("2026-01-25"))
    );
    assert_eq!(
        e(ValueType::Date, agg(AggOp::Last, list(), Some(ff(1, &[1])))),
        Some(json!("2026-01-25"))
    );
    assert_eq!(
        e(ValueType::Yen, agg(AggOp::First, list(), Some(ff(1, &[2])))),
        Some(json!(100))
    );
    assert_eq!(
        e(
            ValueType::Bool,
            agg(AggOp::Distinct, list(), Some(ff(1, &[0])))
        ),
        Some(json!(true))
    );
    let period = call(Builtin::Period, vec![ff(1, &[0]), ff(1, &[1])]);
    assert_eq!(
        e(
            ValueType::Bool,
            agg(AggOp::Disjoint, list(), Some(period.clone()))
        ),
        Some(json!(true))
    );
    // The body reads the form root (frame 0) from inside each item (frame 1).
    let under_cap = bin(BinOp::Le, ff(1, &[2]), ff(0, &[1]));
    assert_eq!(
        e(ValueType::Bool, agg(AggOp::All, list(), Some(under_cap))),
        Some(json!(true))
    );

    let overlapping = json!({ "leave": [
        { "from": "2026-01-05", "to": "2026-01-10" },
        { "from": "2026-01-10", "to": "2026-01-20" }
    ] });
    let e2 = |ty, expr| eval_with(leave_form(), overlapping.clone(), ty, expr);
    assert_eq!(
        e2(ValueType::Bool, agg(AggOp::Disjoint, list(), Some(period))),
        Some(json!(false))
    );
    // Absent pay in some item ⇒ the sum is unknown; Any with no decisive item is unknown.
    assert_eq!(
        e2(ValueType::Yen, agg(AggOp::Sum, list(), Some(ff(1, &[2])))),
        None
    );
    let paid = bin(BinOp::Gt, ff(1, &[2]), lyen(0));
    assert_eq!(
        e2(ValueType::Bool, agg(AggOp::Any, list(), Some(paid.clone()))),
        None
    );
    assert_eq!(
        e2(ValueType::Int, agg(AggOp::Count, list(), Some(paid))),
        None
    );

    // An absent list is empty.
    let e3 = |ty, expr| eval_with(leave_form(), json!({}), ty, expr);
    assert_eq!(
        e3(ValueType::Yen, agg(AggOp::Sum, list(), Some(ff(1, &[2])))),
        Some(json!(0))
    );
    assert_eq!(
        e3(ValueType::Bool, agg(AggOp::All, list(), Some(lbool(false)))),
        Some(json!(true))
    );
    assert_eq!(
        e3(ValueType::Bool, agg(AggOp::Any, list(), Some(lbool(true)))),
        Some(json!(false))
    );
    assert_eq!(
        e3(
            ValueType::Date,
            agg(AggOp::First, list(), Some(ff(1, &[0])))
        ),
        None
    );
    assert_eq!(
        e3(ValueType::Int, agg(AggOp::Max, list(), Some(ff(1, &[2])))),
        None
    );
    assert_eq!(e3(ValueType::Bool, present(&[0])), Some(json!(false)));
}

#[test]
fn rule_inside_a_list_and_a_form_level_sum() {
    let mut form = form("t", leave_form());
    form.rules.push(rule(
        "period_order",
        &[0],
        bin(BinOp::Ge, ff(1, &[1]), ff(1, &[0])),
        &[1],
    ));
    form.rules.push(rule(
        "total_cap",
        &[],
        bin(
            BinOp::Le,
            agg(AggOp::Sum, fr(0, &[0]), Some(ff(1, &[2]))),
            f(&[1]),
        ),
        &[1],
    ));
    let b = bundle(vec![form]);
    let r = run(
        &b,
        &env(json!({ "leave": [
            { "from": "2026-01-05", "to": "2026-01-04", "pay": 400 },
            { "from": "2026-01-11", "to": "2026-01-20", "pay": 200 },
            { "from": "2026-01-21", "to": "2026-01-01", "pay": 0 }
        ], "cap": 500 })),
    );
    assert_errors(
        &r,
        &[
            ("/fields/leave/0/to", "rule.period_order"),
            ("/fields/leave/2/to", "rule.period_order"),
            ("/fields/cap", "rule.total_cap"),
        ],
    );
    assert_eq!(r.errors[0].message, "period_order に違反しています");
    let en = shinsei_runtime::validate(
        &b,
        &env(json!({ "leave": [{ "from": "2026-01-05", "to": "2026-01-04" }] })).to_string(),
        now(),
        &shinsei_runtime::Options {
            lang: shinsei_runtime::Lang::En,
            ..Default::default()
        },
    );
    assert_eq!(en.errors[0].message, "period_order violated");
}

#[test]
fn rule_severity_guard_and_unknown() {
    let mut form = form(
        "t",
        vec![
            field("paid", "報酬あり", FieldKind::Bool),
            field("amount", "額", yen()),
        ],
    );
    let mut r = rule(
        "amount_small",
        &[],
        bin(BinOp::Lt, f(&[1]), lyen(1000)),
        &[1],
    );
    r.severity = shinsei_ir::Severity::Warning;
    r.when = Some(f(&[0]));
    form.rules.push(r);
    let b = bundle(vec![form]);
    let res = run(&b, &env(json!({ "paid": true, "amount": 5000 })));
    assert_errors(&res, &[]);
    assert_eq!(
        warnings(&res),
        vec![pc("/fields/amount", "rule.amount_small")]
    );
    assert!(res.valid);
    // Guard false or unknown: no firing. Check unknown: no firing.
    for fields in [
        json!({ "paid": false, "amount": 5000 }),
        json!({ "amount": 5000 }),
        json!({ "paid": true }),
    ] {
        assert!(run(&b, &env(fields)).warnings.is_empty());
    }
}

fn lump_sum_param() -> Param {
    Param {
        name: "lump_sum".into(),
        label: Text::ja("出産育児一時金"),
        ty: ValueType::Yen,
        keys: vec![],
        periods: vec![
            ParamPeriod {
                from: d(2009, 10, 1),
                value: ParamValue::Single(Literal::Yen(420_000)),
                note: None,
            },
            ParamPeriod {
                from: d(2023, 4, 1),
                value: ParamValue::Single(Literal::Yen(500_000)),
                note: None,
            },
        ],
        source: "params.form".into(),
    }
}

#[test]
fn params_by_date() {
    let mut form = form("t", vec![field("birth", "出産日", FieldKind::Date)]);
    form.computed
        .push(computed("lump", ValueType::Yen, param("lump_sum", f(&[0]))));
    let mut table = BTreeMap::new();
    table.insert("tokyo".to_owned(), Literal::Int(10));
    let keyed = Param {
        name: "rate".into(),
        label: Text::ja("料率"),
        ty: ValueType::Int,
        keys: vec!["tokyo".into()],
        periods: vec![ParamPeriod {
            from: d(2020, 1, 1),
            value: ParamValue::Keyed(table),
            note: None,
        }],
        source: "params.form".into(),
    };
    let key = |k: &str| Expr::Param {
        name: "rate".into(),
        at: Box::new(Expr::Today),
        key: Some(Box::new(ltext(k))),
    };
    form.computed
        .push(computed("rate", ValueType::Int, key("tokyo")));
    form.computed
        .push(computed("rate_missing", ValueType::Int, key("osaka")));
    form.computed.push(computed(
        "nothing",
        ValueType::Int,
        param("nope", Expr::Today),
    ));
    let mut params = BTreeMap::new();
    params.insert("lump_sum".to_owned(), lump_sum_param());
    params.insert("rate".to_owned(), keyed);
    let b = shinsei_ir::Bundle::new(vec![form], params);
    let lump = |birth: &str| {
        run(&b, &env(json!({ "birth": birth })))
            .computed
            .get("lump")
            .cloned()
    };
    assert_eq!(lump("2023-03-31"), Some(json!(420_000)));
    assert_eq!(lump("2023-04-01"), Some(json!(500_000)));
    assert_eq!(lump("2009-09-30"), None);
    let r = run(&b, &env(json!({})));
    assert_eq!(r.computed.get("lump"), None);
    assert_eq!(r.computed.get("rate"), Some(&json!(10)));
    assert_eq!(r.computed.get("rate_missing"), None);
    assert_eq!(r.computed.get("nothing"), None);
}

#[test]
fn qualification_and_role_in_expressions() {
    let mut form = form("t", vec![]);
    form.computed.push(computed(
        "age",
        ValueType::Int,
        call(
            Builtin::AgeOn,
            vec![Expr::Qual(QualField::BirthDate), Expr::Today],
        ),
    ));
    form.computed.push(computed(
        "sex",
        ValueType::Choice,
        Expr::Qual(QualField::Sex),
    ));
    form.computed
        .push(computed("role", ValueType::Choice, Expr::Role));
    form.computed.push(computed(
        "kana",
        ValueType::Text,
        Expr::Qual(QualField::NameKana),
    ));
    let b = bundle(vec![form]);
    let mut s = env(json!({}));
    s["qualification"] = json!({ "birth_date": "昭和31年1月14日", "sex": "female", "name_kana": "きょうかい はなこ" });
    let r = run(&b, &s);
    assert_eq!(r.computed.get("age"), Some(&json!(70)));
    assert_eq!(r.computed.get("sex"), Some(&json!("female")));
    assert_eq!(r.computed.get("role"), Some(&json!("insured")));
    assert_eq!(
        r.computed.get("kana"),
        Some(&json!("キョウカイ\u{3000}ハナコ"))
    );
    s["qualification"] = json!({ "birth_date": "nope" });
    assert_eq!(run(&b, &s).computed.get("age"), None);
}

#[test]
fn multi_contains_and_text_comparisons() {
    let fields = vec![field(
        "m",
        "M",
        shinsei_ir::FieldKind::Multi {
            options: options(&["a", "b"]),
            min: 0,
            max: None,
        },
    )];
    let contains = |k: &str| call(Builtin::Contains, vec![f(&[0]), ltext(k)]);
    assert_eq!(
        eval_with(
            fields.clone(),
            json!({ "m": ["b"] }),
            ValueType::Bool,
            contains("b")
        ),
        Some(json!(true))
    );
    assert_eq!(
        eval_with(
            fields.clone(),
            json!({ "m": ["b"] }),
            ValueType::Bool,
            contains("a")
        ),
        Some(json!(false))
    );
    assert_eq!(
        eval_with(
            fields.clone(),
            json!({ "m": [] }),
            ValueType::Bool,
            contains("a")
        ),
        Some(json!(false))
    );
    assert_eq!(
        eval_with(
            fields.clone(),
            json!({ "m": ["b", "a"] }),
            ValueType::Multi,
            f(&[0])
        ),
        Some(json!(["b", "a"]))
    );
    assert_eq!(
        eval_with(
            fields,
            json!({ "m": ["x"] }),
            ValueType::Bool,
            contains("a")
        ),
        None
    );
    assert_eq!(
        eval(ValueType::Bool, bin(BinOp::Lt, ltext("a"), ltext("b"))),
        Some(json!(true))
    );
    assert_eq!(
        eval(ValueType::Bool, bin(BinOp::Eq, ltext("a"), lint(1))),
        None,
        "mismatched types are unknown"
    );
}

/// More repeated subexpressions than the memo keeps on the stack (32): each
/// of the 40 `add_days(x, i)`, read by two computed values, has a slot of
/// its own in the memo's vector, and every value is right.
#[test]
fn many_repeated_subexpressions() {
    let mut form = form("t", vec![field("x", "X", FieldKind::Date)]);
    for i in 0..40_u32 {
        for copy in ["a", "b"] {
            let e = call(Builtin::AddDays, vec![f(&[0]), lint(i64::from(i))]);
            form.computed
                .push(computed(&format!("{copy}{i}"), ValueType::Date, e));
        }
    }
    let r = run(&bundle(vec![form]), &env(json!({ "x": "2026-01-01" })));
    assert_errors(&r, &[]);
    let start = d(2026, 1, 1);
    for i in 0..40_u32 {
        let want = json!((start + chrono::Days::new(u64::from(i))).to_string());
        assert_eq!(r.computed.get(&format!("a{i}")), Some(&want), "a{i}");
        assert_eq!(r.computed.get(&format!("b{i}")), Some(&want), "b{i}");
    }
}
