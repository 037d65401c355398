//! The compact form of the embedded bundle: the bundle's JSON with every
//! object written as an array of its values, its keys kept once in a table
//! of shapes. Gzipped it is about 15% smaller than the plain JSON, which
//! matters for the size budget; unpacking gives the plain JSON value back.
//!
//! `{"shapes": [["a", "b"], …], "root": X}` where an object `{"a": 1, "b":
//! 2}` of shape `k` is `[k + 1, 1, 2]` and an array `[1, 2]` is `[0, 1, 2]`.
//! `build.rs` packs ([`pack`]); the engine unpacks ([`unpack`]).

use serde_json::{Map, Value};

/// Packs a JSON value.
pub fn pack(v: &Value) -> Value {
    let mut shapes: Vec<Vec<String>> = Vec::new();
    let root = pack_value(v, &mut shapes);
    let mut out = Map::new();
    out.insert(
        "shapes".into(),
        Value::Array(
            shapes
                .into_iter()
                .map(|keys| Value::Array(keys.into_iter().map(Value::String).collect()))
                .collect(),
        ),
    );
    out.insert("root".into(), root);
    Value::Object(out)
}

fn pack_value(v: &Value, shapes: &mut Vec<Vec<String>>) -> Value {
    match v {
        Value::Object(m) => {
            let keys: Vec<String> = m.keys().cloned().collect();
            let k = match shapes.iter().position(|s| *s == keys) {
                Some(k) => k,
                None => {
                    shapes.push(keys);
                    shapes.len() - 1
                }
            };
            let mut out = vec![Value::from(k + 1)];
            out.extend(m.values().map(|x| pack_value(x, shapes)));
            Value::Array(out)
        }
        Value::Array(items) => {
            let mut out = vec![Value::from(0)];
            out.extend(items.iter().map(|x| pack_value(x, shapes)));
            Value::Array(out)
        }
        other => other.clone(),
    }
}

/// Unpacks what [`pack`] made; `None` if it is not that.
pub fn unpack(packed: Value) -> Option<Value> {
    let Value::Object(mut m) = packed else {
        return None;
    };
    let shapes: Vec<Vec<String>> = match m.remove("shapes")? {
        Value::Array(shapes) => shapes
            .into_iter()
            .map(|s| match s {
                Value::Array(keys) => keys
                    .into_iter()
                    .map(|k| match k {
                        Value::String(k) => Some(k),
                        _ => None,
                    })
                    .collect(),
                _ => None,
            })
            .collect::<Option<_>>()?,
        _ => return None,
    };
    unpack_value(m.remove("root")?, &shapes)
}

fn unpack_value(v: Value, shapes: &[Vec<String>]) -> Option<Value> {
    let Value::Array(items) = v else {
        return Some(v);
    };
    let mut it = items.into_iter();
    let tag = usize::try_from(it.next()?.as_u64()?).ok()?;
    if tag == 0 {
        return it
            .map(|x| unpack_value(x, shapes))
            .collect::<Option<Vec<_>>>()
            .map(Value::Array);
    }
    let keys = shapes.get(tag.checked_sub(1)?)?;
    if it.len() != keys.len() {
        return None;
    }
    let mut out = Map::new();
    for (k, x) in keys.iter().zip(it) {
        out.insert(k.clone(), unpack_value(x, shapes)?);
    }
    Some(Value::Object(out))
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::{pack, unpack};

    #[test]
    fn round_trips() {
        let v = json!({"a": [1, {"b": null, "c": "x"}, []], "d": {"b": 2, "c": [0]}, "e": {}});
        let p = pack(&v);
        assert_eq!(
            p.get("shapes"),
            Some(&json!([["a", "d", "e"], ["b", "c"], []]))
        );
        assert_eq!(unpack(p), Some(v));
        assert_eq!(unpack(json!({"shapes": [], "root": [1]})), None);
    }
}
