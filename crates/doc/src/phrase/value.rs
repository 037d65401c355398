//! Values as Japanese noun phrases; built-in functions and aggregates, both as
//! values and as conditions.

use shinsei_ir::{AggOp, BinOp, Builtin, DurationUnit, Expr, FieldRef, Literal, QualField, UnOp};

use super::clause::Clause;
use super::patterns;
use crate::field_types::Kind;
use crate::ja;
use crate::scope::{Ctx, UNKNOWN_FIELD};

/// 土日・祝日・年末年始, as the service calendar defines them.
const NON_BUSINESS: &str = "土日・祝日・年末年始（12月29日〜1月3日）";

impl Ctx<'_> {
    /// The value `e` as a noun phrase.
    pub fn value(&self, e: &Expr) -> String {
        if let Some(label) = self.computed_label(e) {
            return format!("計算値「{label}」");
        }
        if let Some(name) = self.name_of(e) {
            return name.to_owned();
        }
        match e {
            Expr::Lit(l) => ja::literal(l),
            Expr::Field(r) => self.label(r),
            Expr::Present(_) => format!("{}かどうか", self.clause(e, false).plain()),
            Expr::Qual(QualField::BirthDate) => "「生年月日（資格情報）」".to_owned(),
            Expr::Qual(q) => format!("「{}（資格情報）」", q.ja()),
            Expr::Role => "申請者の区分".to_owned(),
            Expr::Today => "申請日".to_owned(),
            Expr::Unary { op: UnOp::Neg, arg } => format!("マイナス{}", self.value(arg)),
            Expr::Binary {
                op: op @ (BinOp::Add | BinOp::Sub | BinOp::Mul | BinOp::Div),
                lhs,
                rhs,
            } => self.arithmetic(*op, lhs, rhs),
            Expr::Unary { .. } | Expr::Binary { .. } | Expr::In { .. } => {
                format!("{}かどうか", self.clause(e, false).plain())
            }
            Expr::If {
                cond,
                then,
                otherwise,
            } => {
                if let Some((start, n)) = patterns::period_end(e) {
                    let span = ja::duration(n, DurationUnit::Months);
                    return format!("{}から始まる{span}の期間の末日", self.value(start));
                }
                // `if a then x else if b then y else z`: one list of cases.
                let mut cases = vec![(cond.as_ref(), then.as_ref())];
                let mut rest = otherwise.as_ref();
                while let Expr::If {
                    cond,
                    then,
                    otherwise,
                } = rest
                {
                    let named = self.computed_label(rest).is_some()
                        || self.name_of(rest).is_some()
                        || patterns::period_end(rest).is_some();
                    if named {
                        break;
                    }
                    cases.push((cond, then));
                    rest = otherwise;
                }
                if let [(cond, then)] = cases.as_slice() {
                    return format!(
                        "（{}は{}、{}は{}）",
                        self.clause(cond, false).toki(),
                        self.value(then),
                        self.otherwise(cond),
                        self.value(rest)
                    );
                }
                let parts: Vec<String> = cases
                    .iter()
                    .map(|(c, v)| format!("{}は{}", self.clause(c, false).toki(), self.value(v)))
                    .collect();
                format!(
                    "（{}、いずれでもないときは{}）",
                    parts.join("、そうでなく"),
                    self.value(rest)
                )
            }
            Expr::Call { func, args } => self.call_value(*func, args, e),
            Expr::Aggregate { op, list, body } => {
                self.aggregate_value(*op, list, body.as_deref(), e)
            }
            Expr::Param { name, at, key } => self.param_value(name, at, key.as_deref()),
        }
    }

    /// `d` shifted by `n` `unit`s: 「…の翌日」, 「…の24か月後」.
    fn shifted(&self, d: &Expr, n: i64, unit: DurationUnit) -> String {
        let base = self.value(d);
        let span = ja::duration(n, unit);
        match (n, unit) {
            (0, _) => base,
            (1, DurationUnit::Days) => format!("{base}の翌日"),
            (-1, DurationUnit::Days) => format!("{base}の前日"),
            (n, _) if n > 0 => format!("{base}の{span}後"),
            _ => format!("{base}の{span}前"),
        }
    }

    fn arithmetic(&self, op: BinOp, lhs: &Expr, rhs: &Expr) -> String {
        let kind = self.kind(&Expr::Binary {
            op,
            lhs: Box::new(lhs.clone()),
            rhs: Box::new(rhs.clone()),
        });
        let noun = if kind == Kind::Money { "額" } else { "数" };
        match op {
            BinOp::Add | BinOp::Sub if matches!(self.kind(lhs), Kind::Date | Kind::Month) => {
                match patterns::duration(rhs) {
                    Some((n, unit)) => {
                        self.shifted(lhs, if op == BinOp::Sub { -n } else { n }, unit)
                    }
                    None if op == BinOp::Add => {
                        format!("{}に{}を加えた日", self.value(lhs), self.value(rhs))
                    }
                    None => format!("{}から{}を引いた日", self.value(lhs), self.value(rhs)),
                }
            }
            BinOp::Add
                if patterns::int(rhs) == Some(1)
                    && matches!(
                        lhs,
                        Expr::Call {
                            func: Builtin::DaysBetween,
                            ..
                        }
                    ) =>
            {
                // days_between(a, b) + 1: both days counted.
                match lhs {
                    Expr::Call { args, .. } => format!("{}の日数（両日を含む）", self.span(args)),
                    _ => String::new(),
                }
            }
            BinOp::Add => {
                let mut terms = Vec::new();
                flatten_add(lhs, &mut terms);
                flatten_add(rhs, &mut terms);
                if terms.iter().any(|t| matches!(t, Expr::Lit(_))) {
                    format!("{}に{}を加えた{noun}", self.value(lhs), self.value(rhs))
                } else {
                    format!("{}の合計", self.terms(&terms))
                }
            }
            BinOp::Sub => format!("{}から{}を引いた{noun}", self.value(lhs), self.value(rhs)),
            BinOp::Mul => match rhs {
                Expr::Lit(Literal::Int(n)) => format!("{}の{}倍", self.value(lhs), ja::int(*n)),
                _ => format!("{}に{}を掛けた{noun}", self.value(lhs), self.value(rhs)),
            },
            _ => {
                if let Some((list, x)) = patterns::mean(lhs, rhs) {
                    return format!("{}の{}の平均", self.label(list), self.body_value(list, x));
                }
                if let Some((x, n, d)) = patterns::fraction(lhs, rhs) {
                    return format!("{}の{}", self.value(x), ja::rate(n, d));
                }
                let noun = if kind == Kind::Money { "額" } else { "値" };
                format!("{}を{}で割った{noun}", self.value(lhs), self.value(rhs))
            }
        }
    }

    /// `「A」と「B」`; consecutive fields of one group share it:
    /// `「G」の「a」、「b」と「c」`.
    fn terms(&self, terms: &[&Expr]) -> String {
        // Each term as (group labels, own label) when it is a plain field of a group.
        let split = |t: &Expr| match t {
            Expr::Field(r) if self.computed_label(t).is_none() && self.name_of(t).is_none() => {
                let parts = self.label_parts(r);
                parts
                    .split_last()
                    .filter(|(_, g)| !g.is_empty())
                    .map(|(l, g)| (g.join("の"), l.clone()))
            }
            _ => None,
        };
        let mut out: Vec<String> = Vec::new();
        let mut run: Option<(String, Vec<String>)> = None;
        let flush = |run: &mut Option<(String, Vec<String>)>, out: &mut Vec<String>| {
            if let Some((g, names)) = run.take() {
                out.push(format!("{g}の{}", names.join("、")));
            }
        };
        for t in terms {
            match (split(t), &mut run) {
                (Some((g, l)), Some((rg, names))) if *rg == g => names.push(l),
                (Some((g, l)), _) => {
                    flush(&mut run, &mut out);
                    run = Some((g, vec![l]));
                }
                (None, _) => {
                    flush(&mut run, &mut out);
                    out.push(self.value(t));
                }
            }
        }
        flush(&mut run, &mut out);
        match out.split_last() {
            Some((last, head)) if !head.is_empty() => format!("{}と{last}", head.join("と")),
            Some((last, _)) => last.clone(),
            None => String::new(),
        }
    }

    /// A list item's value, seen from outside the list.
    fn body_value(&self, list: &FieldRef, body: &Expr) -> String {
        match self.item(list) {
            Some(item) => item.value(body),
            None => UNKNOWN_FIELD.to_owned(),
        }
    }

    /// The built-in `func` as a condition.
    pub(super) fn call_clause(&self, func: Builtin, args: &[Expr], neg: bool, e: &Expr) -> Clause {
        let v = |i: usize| {
            args.get(i)
                .map_or_else(|| UNKNOWN_FIELD.to_owned(), |a| self.value(a))
        };
        let (plain, renyou) = match (func, neg) {
            (Builtin::IsHoliday, false) => {
                return Clause::noun(format!("{}が祝日（振替休日・国民の休日を含む）", v(0)));
            }
            (Builtin::IsHoliday, true) => {
                return Clause::noun(format!(
                    "{}が祝日（振替休日・国民の休日を含む）以外の日",
                    v(0)
                ));
            }
            (Builtin::IsBusinessDay, false) => {
                return Clause::noun(format!("{}が営業日（{NON_BUSINESS}以外の日）", v(0)));
            }
            (Builtin::IsBusinessDay, true) => {
                return Clause::noun(format!("{}が{NON_BUSINESS}のいずれか", v(0)));
            }
            (Builtin::Overlaps, false) => ("重なる", "重なり"),
            (Builtin::Overlaps, true) => ("重ならない", "重ならず"),
            (Builtin::Within, false) => return Clause::noun(format!("{}が{}の範囲内", v(0), v(1))),
            (Builtin::Within, true) => {
                return Clause::noun(format!("{}の一部または全部が{}の範囲外", v(0), v(1)));
            }
            (Builtin::InPeriod, false) => {
                return Clause::noun(format!("{}が{}の範囲内", v(0), v(1)));
            }
            (Builtin::InPeriod, true) => {
                return Clause::noun(format!("{}が{}の範囲外", v(0), v(1)));
            }
            (Builtin::Contains, _) => {
                let opts = args.first().and_then(|m| self.options_of(m));
                let key = args
                    .get(1)
                    .map_or_else(String::new, |k| self.operand(k, opts.as_ref()));
                let (p, r) = if neg {
                    ("選ばれていない", "選ばれておらず")
                } else {
                    ("選ばれている", "選ばれており")
                };
                return Clause::verb(
                    format!("{}で{key}が{p}", v(0)),
                    format!("{}で{key}が{r}", v(0)),
                );
            }
            (Builtin::Coalesce, _) => return self.coalesce_clause(args, neg, e),
            _ => return self.truth(e, neg),
        };
        Clause::verb(
            format!("{}と{}が{plain}", v(0), v(1)),
            format!("{}と{}が{renyou}", v(0), v(1)),
        )
    }

    /// `coalesce(x, false)` as a condition is `x` (absent counts as いいえ).
    fn coalesce_clause(&self, args: &[Expr], neg: bool, e: &Expr) -> Clause {
        match args {
            [x, Expr::Lit(Literal::Bool(default))] if self.kind(x) == Kind::Bool => {
                if neg == *default {
                    // Holds when x is the non-default answer: plain x (or not x).
                    self.clause(x, neg)
                } else {
                    let answer = if *default {
                        "「いいえ」"
                    } else {
                        "「はい」"
                    };
                    Clause::noun(format!("{}が{answer}以外（未入力を含む）", self.value(x)))
                }
            }
            _ => self.truth(e, neg),
        }
    }

    fn call_value(&self, func: Builtin, args: &[Expr], e: &Expr) -> String {
        use Builtin as B;
        let v = |i: usize| {
            args.get(i)
                .map_or_else(|| UNKNOWN_FIELD.to_owned(), |a| self.value(a))
        };
        let lit_int = |i: usize| args.get(i).and_then(patterns::int);
        match func {
            B::DaysBetween => format!("{}から{}までの日数", v(0), v(1)),
            B::MonthsBetween => format!("{}から{}までの月数（満）", v(0), v(1)),
            B::YearsBetween => format!("{}から{}までの年数（満）", v(0), v(1)),
            B::AddDays | B::AddMonths | B::AddYears => {
                let unit = match func {
                    B::AddDays => DurationUnit::Days,
                    B::AddMonths => DurationUnit::Months,
                    _ => DurationUnit::Years,
                };
                match (args.first(), lit_int(1)) {
                    (Some(d), Some(n)) => self.shifted(d, n, unit),
                    _ => {
                        let u = match unit {
                            DurationUnit::Days => "日",
                            DurationUnit::Months => "か月",
                            DurationUnit::Years => "年",
                        };
                        format!("{}の（{}）{u}後", v(0), v(1))
                    }
                }
            }
            B::AgeOn => match args.first() {
                Some(Expr::Qual(QualField::BirthDate)) => {
                    format!("{}時点の年齢（資格情報の生年月日による）", v(1))
                }
                _ => format!("{}時点の年齢（{}による）", v(1), v(0)),
            },
            B::StartOfMonth => format!("{}の月の初日", v(0)),
            B::EndOfMonth => match args.first() {
                Some(a) if patterns::year_end(a).is_some() => {
                    format!(
                        "{}の年の12月31日",
                        patterns::year_end(a).map_or_else(String::new, |d| self.value(d))
                    )
                }
                Some(a) if patterns::fiscal_year_end(a).is_some() => format!(
                    "{}の属する年度の末日（3月31日）",
                    patterns::fiscal_year_end(a).map_or_else(String::new, |d| self.value(d))
                ),
                _ => format!("{}の月の末日", v(0)),
            },
            B::MonthOf => format!("{}の年月", v(0)),
            B::FirstDay => format!("{}の初日", v(0)),
            B::LastDay => format!("{}の末日", v(0)),
            B::Year => format!("{}の年", v(0)),
            B::Month => format!("{}の月", v(0)),
            B::Day => format!("{}の日", v(0)),
            B::FiscalYear => format!("{}の年度", v(0)),
            B::NextBusinessDay => format!("{}（{NON_BUSINESS}に当たるときはその翌営業日）", v(0)),
            B::AddBusinessDays => match lit_int(1) {
                Some(n) => format!("{}の{n}営業日後", v(0)),
                None => format!("{}の（{}）営業日後", v(0), v(1)),
            },
            B::Period => format!("{}の期間", self.span(args)),
            B::PeriodFrom => match args.first() {
                Some(Expr::Call {
                    func: B::Period,
                    args: inner,
                }) => inner.first().map_or_else(String::new, |a| self.value(a)),
                _ => format!("{}の開始日", v(0)),
            },
            B::PeriodTo => match args.first() {
                Some(Expr::Call {
                    func: B::Period,
                    args: inner,
                }) => inner.get(1).map_or_else(String::new, |a| self.value(a)),
                _ => format!("{}の終了日", v(0)),
            },
            B::Days => match args.first() {
                Some(Expr::Call {
                    func: B::Period,
                    args: inner,
                }) => format!("{}の日数（両日を含む）", self.span(inner)),
                _ => format!("{}の日数（初日と末日を含む）", v(0)),
            },
            B::Len => match args.first().map(|a| self.kind(a)) {
                Some(Kind::Multi) => format!("{}で選んだ数", v(0)),
                _ => format!("{}の文字数", v(0)),
            },
            B::Round | B::Floor | B::Ceil => {
                let how = match func {
                    B::Round => "四捨五入",
                    B::Floor => "切り捨て",
                    _ => "切り上げ",
                };
                let money = args.first().is_some_and(|a| self.kind(a) == Kind::Money);
                let unit = match (lit_int(1), money) {
                    (Some(u), true) => format!("{}未満", ja::yen(u)),
                    (Some(1), false) => "小数点以下".to_owned(),
                    (Some(u), false) => format!("{}未満", ja::int(u)),
                    (None, _) => format!("{}単位で", v(1)),
                };
                format!("{}（{unit}{how}）", v(0))
            }
            B::Min | B::Max => {
                let date = args
                    .first()
                    .is_some_and(|a| matches!(self.kind(a), Kind::Date | Kind::Month));
                let parts: Vec<String> = args.iter().map(|a| self.value(a)).collect();
                let which = match (func == B::Min, date, parts.len() > 2) {
                    (true, true, false) => "早い方",
                    (true, false, false) => "小さい方",
                    (false, true, false) => "遅い方",
                    (false, false, false) => "大きい方",
                    (true, true, true) => "最も早い日",
                    (true, false, true) => "最も小さいもの",
                    (false, true, true) => "最も遅い日",
                    (false, false, true) => "最も大きいもの",
                };
                if parts.len() > 2 {
                    format!("{}のうち{which}", parts.join("、"))
                } else {
                    format!("{}のうち{which}", parts.join("と"))
                }
            }
            B::Abs => format!("{}の絶対値", v(0)),
            B::Coalesce => {
                let mut parts = args.iter().map(|a| self.value(a));
                let first = parts.next().unwrap_or_default();
                let rest: Vec<String> = parts.collect();
                match rest.as_slice() {
                    [] => first,
                    [one] => format!("{first}（未入力のときは{one}）"),
                    _ => format!(
                        "{first}（未入力のときは順に{}のうち入力されているもの）",
                        rest.join("、")
                    ),
                }
            }
            B::IsHoliday
            | B::IsBusinessDay
            | B::Overlaps
            | B::Within
            | B::InPeriod
            | B::Contains => {
                format!("{}かどうか", self.clause(e, false).plain())
            }
        }
    }

    /// `「開始日」から「終了日」まで`, with a shared 「…の最初の行の」 factored out.
    fn span(&self, args: &[Expr]) -> String {
        match args {
            [
                Expr::Aggregate {
                    op: op1 @ (AggOp::First | AggOp::Last),
                    list: l1,
                    body: Some(a),
                },
                Expr::Aggregate {
                    op: op2,
                    list: l2,
                    body: Some(b),
                },
            ] if op1 == op2 && l1 == l2 => {
                let which = if *op1 == AggOp::First {
                    "最初"
                } else {
                    "最後"
                };
                format!(
                    "{}の{which}の行の{}から{}まで",
                    self.label(l1),
                    self.body_value(l1, a),
                    self.body_value(l2, b)
                )
            }
            [a, b] => format!("{}から{}まで", self.value(a), self.value(b)),
            _ => UNKNOWN_FIELD.to_owned(),
        }
    }

    /// An aggregate as a condition.
    pub(super) fn aggregate_clause(
        &self,
        op: AggOp,
        list: &FieldRef,
        body: Option<&Expr>,
        neg: bool,
        e: &Expr,
    ) -> Clause {
        let label = self.label(list);
        let Some(item) = self.item(list) else {
            return self.truth(e, neg);
        };
        match (op, body) {
            (AggOp::All, Some(b)) | (AggOp::Any, Some(b)) => {
                // not all(c) = any(not c); not any(c) = all(not c).
                let every = (op == AggOp::All) != neg;
                let inner = item.clause(b, neg);
                if every {
                    inner.prefixed(&format!("{label}のすべての行について"))
                } else {
                    inner.prefixed(&format!("{label}のいずれかの行で"))
                }
            }
            (AggOp::Distinct, Some(b)) => {
                let x = item.value(b);
                if neg {
                    Clause::verb(
                        format!("{label}に{x}が同じ行がある"),
                        format!("{label}に{x}が同じ行があり"),
                    )
                } else {
                    Clause::verb(
                        format!("{label}の各行の{x}がすべて異なる"),
                        format!("{label}の各行の{x}がすべて異なり"),
                    )
                }
            }
            (AggOp::Disjoint, Some(b)) => {
                let p = item.value(b);
                if neg {
                    Clause::verb(
                        format!("{label}に{p}が重なる行がある"),
                        format!("{label}に{p}が重なる行があり"),
                    )
                } else {
                    Clause::verb(
                        format!("{label}の各行の{p}が互いに重ならない"),
                        format!("{label}の各行の{p}が互いに重ならず"),
                    )
                }
            }
            _ => self.truth(e, neg),
        }
    }

    fn aggregate_value(&self, op: AggOp, list: &FieldRef, body: Option<&Expr>, e: &Expr) -> String {
        let label = self.label(list);
        let Some(item) = self.item(list) else {
            self.problem("aggregate over something that is not a list".to_owned());
            return UNKNOWN_FIELD.to_owned();
        };
        // 「「報酬額」」 for a plain field of the item, 「各行の…」 for a formula.
        let of = |b: &Expr| {
            let x = item.value(b);
            if matches!(b, Expr::Field(_)) {
                x
            } else {
                format!("各行の{x}")
            }
        };
        let date = body.is_some_and(|b| matches!(item.kind(b), Kind::Date | Kind::Month));
        match (op, body) {
            (AggOp::Count, None) => format!("{label}の件数"),
            (AggOp::Count, Some(c)) => {
                format!("{label}のうち{}行の数", item.clause(c, false).plain())
            }
            (AggOp::Sum, Some(b)) => format!("{label}の{}の合計", of(b)),
            (AggOp::Min, Some(b)) => format!(
                "{label}の{}のうち{}",
                of(b),
                if date {
                    "最も早い日"
                } else {
                    "最小のもの"
                }
            ),
            (AggOp::Max, Some(b)) => format!(
                "{label}の{}のうち{}",
                of(b),
                if date {
                    "最も遅い日"
                } else {
                    "最大のもの"
                }
            ),
            (AggOp::First, Some(b)) => format!("{label}の最初の行の{}", item.value(b)),
            (AggOp::Last, Some(b)) => format!("{label}の最後の行の{}", item.value(b)),
            (AggOp::All | AggOp::Any | AggOp::Distinct | AggOp::Disjoint, Some(_)) => {
                format!("{}かどうか", self.clause(e, false).plain())
            }
            (_, None) => {
                self.problem(format!("aggregate {op:?} without a body"));
                format!("{label}の{UNKNOWN_FIELD}")
            }
        }
    }

    fn param_value(&self, name: &str, at: &Expr, key: Option<&Expr>) -> String {
        let Some(param) = self.bundle.params.get(name) else {
            self.problem(format!("unknown parameter {name}"));
            return format!("『{name}』（{}の時点）", self.value(at));
        };
        let what = match Kind::of(param.ty) {
            Kind::Money => "の額",
            Kind::Date => "の日付",
            Kind::Bool | Kind::Text => "",
            _ => "の値",
        };
        let at = self.value(at);
        match key {
            None => format!("『{}』{what}（{at}の時点）", param.label.ja),
            Some(k) => {
                let key = match k {
                    Expr::Lit(Literal::Text(key)) => {
                        let label = crate::scope::param_key_labels(self.bundle, param)
                            .into_iter()
                            .find(|(k, _)| k == key)
                            .map_or_else(|| key.clone(), |(_, l)| l);
                        format!("「{label}」")
                    }
                    other => self.value(other),
                };
                format!(
                    "『{}』のうち{key}の区分{what}（{at}の時点）",
                    param.label.ja
                )
            }
        }
    }
}

/// The terms of a chain of `+` on numbers.
fn flatten_add<'e>(e: &'e Expr, out: &mut Vec<&'e Expr>) {
    match e {
        Expr::Binary {
            op: BinOp::Add,
            lhs,
            rhs,
        } => {
            flatten_add(lhs, out);
            flatten_add(rhs, out);
        }
        other => out.push(other),
    }
}
