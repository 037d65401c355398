//! Shapes that shared functions leave in the IR once inlined, recognised so
//! they read as the law writes them.

use shinsei_ir::{AggOp, BinOp, Builtin, DurationUnit, Expr, Literal};

/// `months_period_last_day(start, n)` (forms/shared/rules.form), inlined as
/// `if day(add_months(s, n)) == day(s) then add_months(s, n) - 1 day else add_months(s, n)`:
/// the last day of the n-month period that starts on `s` (民法143条).
pub fn period_end(e: &Expr) -> Option<(&Expr, i64)> {
    let Expr::If {
        cond,
        then,
        otherwise,
    } = e
    else {
        return None;
    };
    let Expr::Binary {
        op: BinOp::Eq,
        lhs,
        rhs,
    } = cond.as_ref()
    else {
        return None;
    };
    let (s1, n1) = add_months(call1(lhs, Builtin::Day)?)?;
    let s2 = call1(rhs, Builtin::Day)?;
    let Expr::Binary {
        op: BinOp::Sub,
        lhs: shifted,
        rhs: one_day,
    } = then.as_ref()
    else {
        return None;
    };
    let (s3, n3) = add_months(shifted)?;
    let (s4, n4) = add_months(otherwise)?;
    let is_one_day = matches!(
        one_day.as_ref(),
        Expr::Lit(Literal::Duration {
            n: 1,
            unit: DurationUnit::Days
        })
    );
    (is_one_day && s1 == s2 && s1 == s3 && s1 == s4 && n1 == n3 && n1 == n4).then_some((s1, n1))
}

/// `f(x)` → `x`.
fn call1(e: &Expr, f: Builtin) -> Option<&Expr> {
    match e {
        Expr::Call { func, args } if *func == f => match args.as_slice() {
            [x] => Some(x),
            _ => None,
        },
        _ => None,
    }
}

/// `add_months(s, n)` with a literal n.
fn add_months(e: &Expr) -> Option<(&Expr, i64)> {
    match e {
        Expr::Call {
            func: Builtin::AddMonths,
            args,
        } => match args.as_slice() {
            [s, Expr::Lit(Literal::Int(n))] => Some((s, *n)),
            _ => None,
        },
        _ => None,
    }
}

/// `sum(list, x) / count(list)` → the list and `x` (an average).
pub fn mean<'e>(lhs: &'e Expr, rhs: &'e Expr) -> Option<(&'e shinsei_ir::FieldRef, &'e Expr)> {
    match (lhs, rhs) {
        (
            Expr::Aggregate {
                op: AggOp::Sum,
                list: l1,
                body: Some(x),
            },
            Expr::Aggregate {
                op: AggOp::Count,
                list: l2,
                body: None,
            },
        ) if l1 == l2 => Some((l1, x)),
        _ => None,
    }
}

/// `(x * n) / d` with integer literals → `x`, n, d (「xのd分のn」).
pub fn fraction<'e>(lhs: &'e Expr, rhs: &Expr) -> Option<(&'e Expr, i64, i64)> {
    let Expr::Lit(Literal::Int(d)) = rhs else {
        return None;
    };
    match lhs {
        Expr::Binary {
            op: BinOp::Mul,
            lhs: x,
            rhs: n,
        } => match n.as_ref() {
            Expr::Lit(Literal::Int(n)) if *n > 0 && *d > 0 => Some((x, *n, *d)),
            _ => None,
        },
        _ => None,
    }
}

/// A duration literal's count and unit.
pub fn duration(e: &Expr) -> Option<(i64, DurationUnit)> {
    match e {
        Expr::Lit(Literal::Duration { n, unit }) => Some((*n, *unit)),
        _ => None,
    }
}

/// `end_of_month(add_months(d, 12 - month(d)))` → `d` (12月31日 of d's year).
pub fn year_end(arg: &Expr) -> Option<&Expr> {
    let Expr::Call {
        func: Builtin::AddMonths,
        args,
    } = arg
    else {
        return None;
    };
    let [d, n] = args.as_slice() else {
        return None;
    };
    let Expr::Binary {
        op: BinOp::Sub,
        lhs,
        rhs,
    } = n
    else {
        return None;
    };
    let twelve = matches!(lhs.as_ref(), Expr::Lit(Literal::Int(12)));
    (twelve && call1(rhs, Builtin::Month) == Some(d)).then_some(d)
}

/// `end_of_month(add_months(start_of_month(d), (fiscal_year(d) + 1 - year(d)) * 12 + 3 - month(d)))`
/// → `d` (3月31日 at the end of d's 年度).
pub fn fiscal_year_end(arg: &Expr) -> Option<&Expr> {
    let Expr::Call {
        func: Builtin::AddMonths,
        args,
    } = arg
    else {
        return None;
    };
    let [start, n] = args.as_slice() else {
        return None;
    };
    let d = call1(start, Builtin::StartOfMonth)?;
    let mentions = |f: Builtin| contains_call(n, f, d);
    (mentions(Builtin::FiscalYear) && mentions(Builtin::Year) && mentions(Builtin::Month))
        .then_some(d)
}

/// Whether `e` contains the call `f(d)`.
fn contains_call(e: &Expr, f: Builtin, d: &Expr) -> bool {
    if call1(e, f) == Some(d) {
        return true;
    }
    match e {
        Expr::Binary { lhs, rhs, .. } => contains_call(lhs, f, d) || contains_call(rhs, f, d),
        Expr::Unary { arg, .. } => contains_call(arg, f, d),
        _ => false,
    }
}

/// An integer literal, possibly negated (`-11`).
pub fn int(e: &Expr) -> Option<i64> {
    match e {
        Expr::Lit(Literal::Int(n)) => Some(*n),
        Expr::Unary {
            op: shinsei_ir::UnOp::Neg,
            arg,
        } => match arg.as_ref() {
            Expr::Lit(Literal::Int(n)) => n.checked_neg(),
            _ => None,
        },
        _ => None,
    }
}
