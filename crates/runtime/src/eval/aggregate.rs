//! Aggregates over a list; the body is evaluated in each item's frame.

use std::cmp::Ordering;

use chrono::NaiveDate;
use shinsei_ir::{AggOp, Expr, FieldRef};

use super::Env;
use super::builtins::overlaps;
use crate::tree::InstId;
use crate::value::Value;
use crate::value::num::Rat;

/// Evaluates `op(list, body)` (see [`AggOp`] for each operation's rules).
pub(super) fn run<'a>(
    env: &Env<'a>,
    op: AggOp,
    list: &FieldRef,
    body: Option<&'a Expr>,
    frame: InstId,
) -> Option<Value<'a>> {
    let items = env.list_items(list, frame)?;
    let each = |item: InstId| env.eval(body?, item);
    match op {
        AggOp::Count => {
            let Some(filter) = body else {
                return Some(Value::Num(Rat::int(i128::try_from(items.len()).ok()?)));
            };
            let mut n: i128 = 0;
            for &item in items {
                if env.truth(filter, item)? {
                    n = n.checked_add(1)?;
                }
            }
            Some(Value::Num(Rat::int(n)))
        }
        AggOp::Sum => {
            let mut acc = Rat::ZERO;
            for &item in items {
                acc = acc.add(each(item)?.as_num()?)?;
            }
            Some(Value::Num(acc))
        }
        AggOp::All | AggOp::Any => {
            // Kleene: a decisive item wins over unknown ones.
            let decisive = matches!(op, AggOp::Any);
            let mut unknown = false;
            for &item in items {
                match each(item).and_then(Value::as_bool) {
                    Some(b) if b == decisive => return Some(Value::Bool(decisive)),
                    Some(_) => {}
                    None => unknown = true,
                }
            }
            if unknown {
                None
            } else {
                Some(Value::Bool(!decisive))
            }
        }
        AggOp::Min | AggOp::Max => {
            let want = if matches!(op, AggOp::Min) {
                Ordering::Less
            } else {
                Ordering::Greater
            };
            let mut best: Option<Value<'a>> = None;
            for &item in items {
                let v = each(item)?;
                best = Some(match best {
                    Some(b) if v.compare(b)? != want => b,
                    _ => v,
                });
            }
            best
        }
        AggOp::First => each(*items.first()?),
        AggOp::Last => each(*items.last()?),
        AggOp::Distinct => {
            let mut values: Vec<Value<'a>> = Vec::with_capacity(items.len());
            for &item in items {
                values.push(each(item)?);
            }
            let mut distinct = true;
            for (i, v) in values.iter().enumerate() {
                for w in values.iter().skip(i.saturating_add(1)) {
                    distinct &= !v.equals(*w)?;
                }
            }
            Some(Value::Bool(distinct))
        }
        AggOp::Disjoint => {
            let mut periods: Vec<(NaiveDate, NaiveDate)> = Vec::with_capacity(items.len());
            for &item in items {
                periods.push(each(item)?.as_period()?);
            }
            periods.sort_unstable();
            let disjoint = periods.windows(2).all(|w| match w {
                [p, q] => !overlaps(*p, *q),
                _ => true,
            });
            Some(Value::Bool(disjoint))
        }
    }
}
