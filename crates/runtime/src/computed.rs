//! Computed values for display (`computed` in the result).

use std::collections::BTreeMap;

use serde_json::{Value as JsonValue, json};
use shinsei_ir::{DurationUnit, Form, ValueType};

use crate::decode::{iso_date, iso_month};
use crate::eval::Env;
use crate::tree::ROOT;
use crate::value::Value;
use crate::value::num::Rat;

/// Evaluates every computed value at form scope; unknown ones are omitted.
pub(crate) fn compute<'a>(env: &Env<'a>, form: &'a Form) -> BTreeMap<String, JsonValue> {
    let mut out = BTreeMap::new();
    for c in &form.computed {
        if let Some(cond) = &c.when
            && !matches!(env.eval(cond, ROOT), Some(Value::Bool(true)))
        {
            continue;
        }
        if let Some(v) = env.eval(&c.expr, ROOT) {
            out.insert(c.name.clone(), to_json(v, c.ty));
        }
    }
    out
}

fn fraction(r: Rat) -> JsonValue {
    JsonValue::String(format!("{}/{}", r.num(), r.den()))
}

/// The JSON form of a value: integers and yen as numbers, fractions as
/// `"num/den"`, dates and months as ISO strings, periods as `{from, to}`.
fn to_json(v: Value<'_>, ty: ValueType) -> JsonValue {
    match v {
        Value::Num(r) => match (ty, r.to_i64()) {
            (ValueType::Int | ValueType::Yen, Some(n)) => JsonValue::from(n),
            // Integral but beyond what every JSON reader holds exactly.
            (ValueType::Int | ValueType::Yen, None) if r.den() == 1 => {
                JsonValue::String(r.num().to_string())
            }
            _ => fraction(r),
        },
        Value::Bool(b) => JsonValue::Bool(b),
        Value::Date(d) => JsonValue::String(iso_date(d)),
        Value::Month(m) => JsonValue::String(iso_month(m)),
        Value::Period(from, to) => json!({ "from": iso_date(from), "to": iso_date(to) }),
        Value::Text(s) => JsonValue::String(s.to_owned()),
        Value::Multi(keys) => JsonValue::Array(
            keys.iter()
                .map(|k| JsonValue::String(k.to_string()))
                .collect(),
        ),
        Value::Duration(n, unit) => {
            let unit = match unit {
                DurationUnit::Days => "days",
                DurationUnit::Months => "months",
                DurationUnit::Years => "years",
            };
            json!({ "n": n, "unit": unit })
        }
    }
}
