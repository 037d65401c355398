//! The phrase renderer, one IR kind at a time: each case is a tiny form whose
//! only rule (or field, attachment, computed value) is rendered to Japanese.

use crate::common::{doc, form_with, rule_text};

/// Fields most cases use.
const FIELDS: &str = r#"
  field from "開始日": date
  field to "終了日": date
  field amount "報酬額": yen
  field children "出生児数": integer(min 0, max 10)
  field paid "報酬を受けましたか": bool
  field cause "傷病の区分": choice { illness "病気", injury "ケガ" }
  field docs "提出する書類": multi { receipt "領収書", statement "明細書" } optional
  field month "診療月": month
  field stay "入院期間": period
  field name "氏名": text(max 20)
  list leave "休んだ期間" min 1 max 12 {
    field from "開始日": date
    field to "終了日": date
    field pay "報酬額": yen
    field sick "病気ですか": bool
  }
  group bank "振込先" {
    field code "金融機関コード": digits(4)
  }
"#;

/// The rule `check <check>` rendered.
fn check(check: &str) -> String {
    rule_text(&format!(
        "{FIELDS}\n  rule r {{\n    check {check}\n    message \"m\"\n  }}"
    ))
}

/// The rule `when <when> check <check>` rendered.
fn when(when: &str, check: &str) -> String {
    rule_text(&format!(
        "{FIELDS}\n  rule r {{\n    when {when}\n    check {check}\n    message \"m\"\n  }}"
    ))
}

/// A computed value rendered.
fn value(expr: &str) -> String {
    let d = form_with(&format!("{FIELDS}\n  compute c \"計算値\" = {expr}"));
    d.computed[0].text.clone()
}

#[test]
fn comparisons_by_kind() {
    assert_eq!(
        check("to >= from"),
        "「終了日」が「開始日」以降であること。"
    );
    assert_eq!(
        check("to > from"),
        "「終了日」が「開始日」より後であること。"
    );
    assert_eq!(check("to <= today"), "「終了日」が申請日以前であること。");
    assert_eq!(
        check("to < 2026-04-01"),
        "「終了日」が2026年4月1日より前であること。"
    );
    assert_eq!(
        check("to == from"),
        "「終了日」が「開始日」と同じ日であること。"
    );
    assert_eq!(
        check("to != from"),
        "「終了日」が「開始日」と異なる日であること。"
    );
    assert_eq!(
        check("amount >= 1_000円"),
        "「報酬額」が1,000円以上であること。"
    );
    assert_eq!(check("amount > 0円"), "「報酬額」が0円を超えること。");
    assert_eq!(check("children <= 5"), "「出生児数」が5以下であること。");
    assert_eq!(check("children < 5"), "「出生児数」が5未満であること。");
    assert_eq!(check("children == 1"), "「出生児数」が1であること。");
    assert_eq!(check("children != 1"), "「出生児数」が1以外であること。");
    assert_eq!(
        check("cause == \"injury\""),
        "「傷病の区分」が「ケガ」であること。"
    );
    assert_eq!(
        check("cause != \"injury\""),
        "「傷病の区分」が「ケガ」以外であること。"
    );
    assert_eq!(
        check("paid == false"),
        "「報酬を受けましたか」が「いいえ」であること。"
    );
    assert_eq!(
        check("paid != true"),
        "「報酬を受けましたか」が「いいえ」であること。"
    );
    assert_eq!(check("name == \"協会\""), "「氏名」が「協会」であること。");
    assert_eq!(
        check("month >= month_of(from)"),
        "「診療月」が「開始日」の年月以降であること。"
    );
}

#[test]
fn logic_and_negation() {
    assert_eq!(
        check("paid"),
        "「報酬を受けましたか」が「はい」であること。"
    );
    assert_eq!(
        check("not paid"),
        "「報酬を受けましたか」が「いいえ」であること。"
    );
    assert_eq!(
        check("not (to < from)"),
        "「終了日」が「開始日」以降であること。"
    );
    assert_eq!(
        check("paid and to >= from"),
        "「報酬を受けましたか」が「はい」であり、かつ「終了日」が「開始日」以降であること。"
    );
    assert_eq!(
        check("paid or to >= from"),
        "「報酬を受けましたか」が「はい」であるか、または「終了日」が「開始日」以降であること。"
    );
    // De Morgan: not (a and b) = not a or not b.
    assert_eq!(
        check("not (paid and to >= from)"),
        "「報酬を受けましたか」が「いいえ」であるか、または「終了日」が「開始日」より前であること。"
    );
    assert_eq!(
        check("(paid and to >= from) or cause == \"illness\""),
        "次のいずれかに当てはまること：（1）「報酬を受けましたか」が「はい」であり、かつ「終了日」が「開始日」以降である（2）「傷病の区分」が「病気」である"
    );
    assert_eq!(check("true"), "常に満たされること。");
    assert_eq!(
        when("paid", "false"),
        "「報酬を受けましたか」が「はい」のときは、常にこのエラーとなる。"
    );
}

#[test]
fn presence_membership_and_conditionals() {
    assert_eq!(check("present(name)"), "「氏名」が入力されていること。");
    assert_eq!(
        check("not present(name)"),
        "「氏名」が入力されていないこと。"
    );
    assert_eq!(
        check("present(leave)"),
        "「休んだ期間」が1件以上入力されていること。"
    );
    assert_eq!(
        check("cause in [\"illness\", \"injury\"]"),
        "「傷病の区分」が「病気」、「ケガ」のいずれかであること。"
    );
    assert_eq!(
        check("cause in [\"illness\"]"),
        "「傷病の区分」が「病気」であること。"
    );
    assert_eq!(
        check("cause not in [\"illness\", \"injury\"]"),
        "「傷病の区分」が「病気」、「ケガ」のいずれでもないこと。"
    );
    assert_eq!(
        check("if paid then amount > 0円 else amount == 0円"),
        "「報酬を受けましたか」が「はい」のときは「報酬額」が0円を超える、「報酬を受けましたか」が「いいえ」のときは「報酬額」が0円であること。"
    );
    assert_eq!(
        value("if children >= 2 then 2 else 1"),
        "（「出生児数」が2以上のときは2、「出生児数」が2未満のときは1）"
    );
}

#[test]
fn context_values() {
    assert_eq!(
        check("applicant.role == \"agent\""),
        "申請者の区分が「社会保険労務士」であること。"
    );
    assert_eq!(
        check("qualification.sex == \"female\""),
        "「性別（資格情報）」が「女性」であること。"
    );
    assert_eq!(
        check("qualification.birth_date < from"),
        "「生年月日（資格情報）」が「開始日」より前であること。"
    );
    assert_eq!(
        check("-children < 0"),
        "マイナス「出生児数」が0未満であること。"
    );
    assert_eq!(
        check("bank.code == \"9900\""),
        "「振込先」の「金融機関コード」が「9900」であること。"
    );
}

#[test]
fn arithmetic() {
    assert_eq!(value("amount + amount"), "「報酬額」と「報酬額」の合計");
    assert_eq!(value("amount + 100円"), "「報酬額」に100円を加えた額");
    assert_eq!(value("amount - 100円"), "「報酬額」から100円を引いた額");
    assert_eq!(
        value("amount * children"),
        "「報酬額」に「出生児数」を掛けた額"
    );
    assert_eq!(value("amount * 3"), "「報酬額」の3倍");
    assert_eq!(
        value("round(amount * 2 / 3, 1)"),
        "「報酬額」の3分の2（1円未満四捨五入）"
    );
    assert_eq!(
        value("round(amount / 30, 10)"),
        "「報酬額」を30で割った額（10円未満四捨五入）"
    );
    assert_eq!(
        value("floor(amount * 0.7, 1)"),
        "「報酬額」に10分の7を掛けた額（1円未満切り捨て）"
    );
    assert_eq!(
        value("ceil(children / 3, 1)"),
        "「出生児数」を3で割った値（小数点以下切り上げ）"
    );
    assert_eq!(
        value("round(sum(leave, pay) / count(leave), 1)"),
        "「休んだ期間」の「報酬額」の平均（1円未満四捨五入）"
    );
    assert_eq!(value("from + 1 day"), "「開始日」の翌日");
    assert_eq!(value("from - 1 day"), "「開始日」の前日");
    assert_eq!(value("from + 3 days"), "「開始日」の3日後");
    assert_eq!(value("from - 6 months"), "「開始日」の6か月前");
    assert_eq!(value("from + 2 years"), "「開始日」の2年後");
}

#[test]
fn date_builtins() {
    assert_eq!(
        value("days_between(from, to)"),
        "「開始日」から「終了日」までの日数"
    );
    assert_eq!(
        value("months_between(from, to)"),
        "「開始日」から「終了日」までの月数（満）"
    );
    assert_eq!(
        value("years_between(from, to)"),
        "「開始日」から「終了日」までの年数（満）"
    );
    assert_eq!(value("add_days(from, 5)"), "「開始日」の5日後");
    assert_eq!(value("add_months(from, 18)"), "「開始日」の18か月後");
    assert_eq!(value("add_years(from, 1)"), "「開始日」の1年後");
    assert_eq!(
        value("add_months(from, 24) - 1 day"),
        "「開始日」の2年後の前日"
    );
    assert_eq!(
        value("age_on(qualification.birth_date, from)"),
        "「開始日」時点の年齢（資格情報の生年月日による）"
    );
    assert_eq!(value("start_of_month(from)"), "「開始日」の月の初日");
    assert_eq!(value("end_of_month(from)"), "「開始日」の月の末日");
    assert_eq!(value("month_of(from)"), "「開始日」の年月");
    assert_eq!(value("first_day(month)"), "「診療月」の初日");
    assert_eq!(value("last_day(month)"), "「診療月」の末日");
    assert_eq!(value("year(from)"), "「開始日」の年");
    assert_eq!(value("month(from)"), "「開始日」の月");
    assert_eq!(value("day(from)"), "「開始日」の日");
    assert_eq!(value("fiscal_year(from)"), "「開始日」の年度");
    assert_eq!(
        value("next_business_day(from + 19 days)"),
        "「開始日」の19日後（土日・祝日・年末年始（12月29日〜1月3日）に当たるときはその翌営業日）"
    );
    assert_eq!(value("add_business_days(from, 5)"), "「開始日」の5営業日後");
    assert_eq!(
        check("is_holiday(from)"),
        "「開始日」が祝日（振替休日・国民の休日を含む）であること。"
    );
    assert_eq!(
        check("not is_business_day(from)"),
        "「開始日」が土日・祝日・年末年始（12月29日〜1月3日）のいずれかであること。"
    );
    assert_eq!(
        check("age_on(qualification.birth_date, to) < 75"),
        "「終了日」時点の年齢（資格情報の生年月日による）が75歳未満であること。"
    );
}

#[test]
fn shared_function_shapes() {
    // jikou_last_day(K) = months_period_last_day(K, 24) (民法143条).
    assert_eq!(
        check("today <= jikou_last_day(to + 1 day)"),
        "申請日が「終了日」の翌日から2年以内であること。"
    );
    assert_eq!(
        check("months_period_last_day(from, 12) < to"),
        "「開始日」から始まる1年の期間が「終了日」の前日までに満了していること。"
    );
    assert_eq!(
        check("not (months_period_last_day(from, 12) < to)"),
        "「開始日」から始まる1年の期間が「終了日」の前日までに満了していないこと。"
    );
    assert_eq!(
        value("months_period_last_day(from, 6)"),
        "「開始日」から始まる6か月の期間の末日"
    );
    assert_eq!(
        value("end_of_month(add_months(from, 12 - month(from)))"),
        "「開始日」の年の12月31日"
    );
    assert_eq!(
        value("teate_nichigaku(hyojun_nichigaku(amount))"),
        "「報酬額」を30で割った額（10円未満四捨五入）の3分の2（1円未満四捨五入）"
    );
}

#[test]
fn period_builtins() {
    assert_eq!(
        value("days(period(from, to))"),
        "「開始日」から「終了日」までの日数（両日を含む）"
    );
    assert_eq!(
        value("days(stay)"),
        "「入院期間」の日数（初日と末日を含む）"
    );
    assert_eq!(value("period_from(stay)"), "「入院期間」の開始日");
    assert_eq!(value("period_to(stay)"), "「入院期間」の終了日");
    assert_eq!(value("stay.from"), "「入院期間」の開始日");
    assert_eq!(
        check("overlaps(stay, period(from, to))"),
        "「入院期間」と「開始日」から「終了日」までの期間が重なること。"
    );
    assert_eq!(
        check("not overlaps(stay, period(from, to))"),
        "「入院期間」と「開始日」から「終了日」までの期間が重ならないこと。"
    );
    assert_eq!(
        check("within(period(from, to), stay)"),
        "「開始日」から「終了日」までの期間が「入院期間」の範囲内であること。"
    );
    assert_eq!(
        check("in_period(from, stay)"),
        "「開始日」が「入院期間」の範囲内であること。"
    );
    assert_eq!(
        check("not in_period(from, stay)"),
        "「開始日」が「入院期間」の範囲外であること。"
    );
}

#[test]
fn text_number_and_choice_builtins() {
    assert_eq!(value("len(name)"), "「氏名」の文字数");
    assert_eq!(value("len(docs)"), "「提出する書類」で選んだ数");
    assert_eq!(value("min(from, to)"), "「開始日」と「終了日」のうち早い方");
    assert_eq!(
        value("max(amount, 1_000円)"),
        "「報酬額」と1,000円のうち大きい方"
    );
    assert_eq!(
        value("min(children, 3, 5)"),
        "「出生児数」、3、5のうち最も小さいもの"
    );
    assert_eq!(value("abs(children)"), "「出生児数」の絶対値");
    assert_eq!(
        value("coalesce(amount, 0円)"),
        "「報酬額」（未入力のときは0円）"
    );
    assert_eq!(
        check("contains(docs, \"receipt\")"),
        "「提出する書類」で「領収書」が選ばれていること。"
    );
    assert_eq!(
        check("not contains(docs, \"receipt\")"),
        "「提出する書類」で「領収書」が選ばれていないこと。"
    );
    assert_eq!(
        check("coalesce(paid, false)"),
        "「報酬を受けましたか」が「はい」であること。"
    );
    assert_eq!(
        check("not coalesce(paid, false)"),
        "「報酬を受けましたか」が「はい」以外（未入力を含む）であること。"
    );
}

#[test]
fn aggregates() {
    assert_eq!(
        check("count(leave) >= 1"),
        "「休んだ期間」の件数が1件以上であること。"
    );
    assert_eq!(
        value("count(leave, sick)"),
        "「休んだ期間」のうち「病気ですか」が「はい」である行の数"
    );
    assert_eq!(value("sum(leave, pay)"), "「休んだ期間」の「報酬額」の合計");
    assert_eq!(
        value("sum(leave, days(period(from, to)))"),
        "「休んだ期間」の各行の「開始日」から「終了日」までの日数（両日を含む）の合計"
    );
    assert_eq!(
        value("min(leave, from)"),
        "「休んだ期間」の「開始日」のうち最も早い日"
    );
    assert_eq!(
        value("max(leave, to)"),
        "「休んだ期間」の「終了日」のうち最も遅い日"
    );
    assert_eq!(
        value("max(leave, pay)"),
        "「休んだ期間」の「報酬額」のうち最大のもの"
    );
    assert_eq!(
        value("min(leave, pay)"),
        "「休んだ期間」の「報酬額」のうち最小のもの"
    );
    assert_eq!(
        value("first(leave).from"),
        "「休んだ期間」の最初の行の「開始日」"
    );
    assert_eq!(
        value("last(leave, to)"),
        "「休んだ期間」の最後の行の「終了日」"
    );
    assert_eq!(
        value("days(period(first(leave).from, first(leave).to))"),
        "「休んだ期間」の最初の行の「開始日」から「終了日」までの日数（両日を含む）"
    );
    assert_eq!(
        check("all(leave, from < to)"),
        "「休んだ期間」のすべての行について「開始日」が「終了日」より前であること。"
    );
    assert_eq!(
        check("any(leave, sick)"),
        "「休んだ期間」のいずれかの行で「病気ですか」が「はい」であること。"
    );
    // not all(c) = any(not c); not any(c) = all(not c).
    assert_eq!(
        check("not all(leave, sick)"),
        "「休んだ期間」のいずれかの行で「病気ですか」が「いいえ」であること。"
    );
    assert_eq!(
        check("not any(leave, to > today)"),
        "「休んだ期間」のすべての行について「終了日」が申請日以前であること。"
    );
    assert_eq!(
        check("distinct(leave, from)"),
        "「休んだ期間」の各行の「開始日」がすべて異なること。"
    );
    assert_eq!(
        check("disjoint(leave, period(from, to))"),
        "「休んだ期間」の各行の「開始日」から「終了日」までの期間が互いに重ならないこと。"
    );
    assert_eq!(
        check("not disjoint(leave, period(from, to))"),
        "「休んだ期間」に「開始日」から「終了日」までの期間が重なる行があること。"
    );
}

#[test]
fn params_single_and_keyed() {
    assert_eq!(
        value("ichijikin_full(from) * children"),
        "『出産育児一時金（産科医療補償制度の対象となる出産・1児につき）』の額（「開始日」の時点）に「出生児数」を掛けた額"
    );
    let (d, _) = doc(r#"
enum grade { a "区分ア", u "区分ウ" }
param cap "上限額": yen by grade {
  from 2015-01-01 { a 140_100円, u 44_400円 }
  from 2026-08-01 { a 150_000円, u 48_000円 } note "見直し"
}
form t "見本" {
  version "1"  effective 2026-01-13..  category 給付  applicants insured
  field month "診療月": month
  field g "所得区分": grade
  compute fixed "区分ウの上限" = cap(first_day(month), "u")
  compute by_field "上限" = cap(first_day(month), g)
}"#);
    assert!(d.problems.is_empty(), "{:?}", d.problems);
    assert_eq!(
        d.computed[0].text,
        "『上限額』のうち「区分ウ」の区分の額（「診療月」の初日の時点）"
    );
    assert_eq!(
        d.computed[1].text,
        "『上限額』のうち「所得区分」の区分の額（「診療月」の初日の時点）"
    );
    let p = &d.params[0];
    assert_eq!(p.columns, ["区分ア", "区分ウ"]);
    assert_eq!(p.rows[1].from, "2026年（令和8年）8月1日");
    assert_eq!(p.rows[1].values, ["150,000円", "48,000円"]);
    assert_eq!(p.rows[1].note.as_deref(), Some("見直し"));
}

#[test]
fn scopes_of_rules_in_lists_and_groups() {
    let d = form_with(&format!(
        "{FIELDS}\n  list more \"追加\" max 3 {{\n    field a \"日\": date\n    rule inner {{ check a >= from  at a  message \"m\" }}\n  }}\n  group g \"グループ\" {{\n    field b \"日\": date\n    rule in_group {{ check b <= today  message \"m\" }}\n  }}"
    ));
    let inner = d.rules.iter().find(|r| r.code == "rule.inner").unwrap();
    // `from` of the form, read from inside the list.
    assert_eq!(
        inner.text,
        "「追加」の各行について、「日」が「開始日」以降であること。"
    );
    assert_eq!(inner.at, "「日」");
    assert_eq!(inner.at_path, "/fields/more/-/a");
    let g = d.rules.iter().find(|r| r.code == "rule.in_group").unwrap();
    assert_eq!(
        g.text,
        "「グループ」について、「日」が申請日以前であること。"
    );
    assert_eq!(g.at, "「グループ」");
    assert_eq!(g.at_path, "/fields/g");
}

#[test]
fn field_and_attachment_conditions() {
    let d = form_with(&format!(
        "{FIELDS}\n  field reason \"理由\": text(max 40) when cause == \"injury\" required when paid\n  attachment a \"領収書\" {{\n    accept pdf, jpeg\n    max_size 5 MB\n    max_count 3\n    required when any(leave, sick)\n  }}"
    ));
    let f = d.fields.iter().find(|f| f.key == "reason").unwrap();
    assert_eq!(
        f.visible.as_deref(),
        Some("「傷病の区分」が「ケガ」のときに表示")
    );
    assert_eq!(f.presence, "「報酬を受けましたか」が「はい」のときは必須");
    assert_eq!(f.kind, "文字（最大40文字）");
    let a = &d.attachments[0];
    assert_eq!(
        a.presence,
        "「休んだ期間」のいずれかの行で「病気ですか」が「はい」のときは必須"
    );
    assert_eq!(
        (a.accept.as_str(), a.max_size.as_str(), a.max_count.as_str()),
        ("PDF・JPEG", "1ファイル5 MBまで", "3ファイルまで")
    );
    let list = d.fields.iter().find(|f| f.key == "leave[]").unwrap();
    assert_eq!(list.kind, "繰り返し（1〜12件）");
    let member = d.fields.iter().find(|f| f.key == "leave[].from").unwrap();
    assert_eq!(member.depth, 1);
}

#[test]
fn repeated_values_are_named_once() {
    // The same value twice in one sentence gets a name defined under it.
    let d = form_with(&format!(
        "{FIELDS}\n  let base = if paid then from else to\n  rule r {{\n    check age_on(base, today) >= 18 and age_on(base, today) < 75\n    message \"m\"\n  }}"
    ));
    let r = &d.rules[0];
    assert_eq!(
        r.text,
        "〔A〕が18歳以上であり、かつ〔A〕が75歳未満であること。"
    );
    assert_eq!(
        r.notes,
        [
            "〔A〕：申請日時点の年齢（（「報酬を受けましたか」が「はい」のときは「開始日」、「報酬を受けましたか」が「いいえ」のときは「終了日」）による）"
        ]
    );
    // Inside an aggregate, per item, with the list named.
    let v = form_with(&format!(
        "{FIELDS}\n  compute c \"計\" = sum(leave, if days(period(from, to)) * 2 > 3 then days(period(from, to)) * 2 else 0)"
    ));
    assert_eq!(
        v.computed[0].text,
        "「休んだ期間」の各行の（〔A〕が3を超えるときは〔A〕、〔A〕が3以下のときは0）の合計"
    );
    assert_eq!(
        v.computed[0].notes,
        ["〔A〕：「休んだ期間」の各行の「開始日」から「終了日」までの日数（両日を含む）の2倍"]
    );
    // else-if chains read as one list of cases.
    assert_eq!(
        value("if children >= 3 then 3 else if children >= 1 then 1 else 0"),
        "（「出生児数」が3以上のときは3、そうでなく「出生児数」が1以上のときは1、いずれでもないときは0）"
    );
    // Fields of one group share it.
    let g = form_with(&format!(
        "{FIELDS}\n  group inc \"収入\" {{\n    field a \"給与\": yen\n    field b \"年金\": yen\n    field c \"事業\": yen\n  }}\n  compute t \"合計\" = inc.a + inc.b + inc.c + amount"
    ));
    assert_eq!(
        g.computed[0].text,
        "「収入」の「給与」、「年金」、「事業」と「報酬額」の合計"
    );
}
