//! Structure-aware: a valid case's submission with some of its values
//! replaced, removed or duplicated, so that the fuzzer spends its time past
//! the envelope, in decoding, visibility, rules and attachments. Never a
//! panic; an accepted submission's canonical form is accepted too.
#![no_main]

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use serde_json::Value;
use shinsei_fuzz::{BUNDLE, CASES, now};
use shinsei_runtime::{Options, validate};

/// What to do to one value of the submission.
#[derive(Arbitrary, Debug)]
enum Change {
    Text(String),
    Integer(i64),
    Number(f64),
    Bool(bool),
    Null,
    /// Remove the value (from its object or list).
    Remove,
    /// Put the value twice in its list, or wrap it in a list.
    Double,
    /// An empty object in its place.
    Object,
    /// The value's text with a character inserted (control characters,
    /// full-width digits, era names: whatever the fuzzer finds).
    Insert(u8, char),
}

#[derive(Arbitrary, Debug)]
struct Input {
    case: u16,
    changes: Vec<(u16, Change)>,
    english: bool,
}

/// Every place of `v` (its root excluded), depth first.
fn places(v: &Value, at: &mut Vec<String>, out: &mut Vec<String>) {
    let children: Vec<(String, &Value)> = match v {
        Value::Object(m) => m
            .iter()
            .map(|(k, c)| (k.replace('~', "~0").replace('/', "~1"), c))
            .collect(),
        Value::Array(a) => a
            .iter()
            .enumerate()
            .map(|(i, c)| (i.to_string(), c))
            .collect(),
        _ => return,
    };
    for (key, child) in children {
        at.push(key);
        out.push(format!("/{}", at.join("/")));
        places(child, at, out);
        at.pop();
    }
}

fn apply(root: &mut Value, pointer: &str, change: Change) {
    let Some((parent, last)) = pointer.rsplit_once('/') else {
        return;
    };
    let Some(container) = root.pointer_mut(parent) else {
        return;
    };
    let key = last.replace("~1", "/").replace("~0", "~");
    match (container, change) {
        (Value::Object(m), Change::Remove) => {
            m.remove(&key);
        }
        (Value::Array(a), Change::Remove) => {
            if let Ok(i) = key.parse::<usize>() {
                if i < a.len() {
                    a.remove(i);
                }
            }
        }
        (Value::Array(a), Change::Double) => {
            if let Some(item) = key.parse::<usize>().ok().and_then(|i| a.get(i)).cloned() {
                a.push(item);
            }
        }
        (container, change) => {
            let slot = match container {
                Value::Object(m) => m.get_mut(&key),
                Value::Array(a) => key.parse::<usize>().ok().and_then(|i| a.get_mut(i)),
                _ => None,
            };
            let Some(slot) = slot else {
                return;
            };
            *slot = match change {
                Change::Text(s) => Value::String(s),
                Change::Integer(n) => Value::from(n),
                Change::Number(x) => {
                    serde_json::Number::from_f64(x).map_or(Value::Null, Value::Number)
                }
                Change::Bool(b) => Value::Bool(b),
                Change::Null => Value::Null,
                Change::Double => Value::Array(vec![slot.take()]),
                Change::Object => Value::Object(serde_json::Map::new()),
                Change::Insert(at, c) => {
                    let mut s = match slot.take() {
                        Value::String(s) => s,
                        other => other.to_string(),
                    };
                    let mut i = usize::from(at).min(s.len());
                    while !s.is_char_boundary(i) {
                        i -= 1;
                    }
                    s.insert(i, c);
                    Value::String(s)
                }
                Change::Remove => return,
            };
        }
    }
}

fuzz_target!(|input: Input| {
    if CASES.is_empty() {
        return;
    }
    let mut submission = CASES[usize::from(input.case) % CASES.len()].clone();
    for (which, change) in input.changes.into_iter().take(8) {
        let mut all = Vec::new();
        places(&submission, &mut Vec::new(), &mut all);
        if all.is_empty() {
            break;
        }
        let pointer = all[usize::from(which) % all.len()].clone();
        apply(&mut submission, &pointer, change);
    }
    let text = submission.to_string();
    let options = Options {
        lang: if input.english {
            shinsei_runtime::Lang::En
        } else {
            shinsei_runtime::Lang::Ja
        },
        ..Options::default()
    };
    let result = validate(&BUNDLE, &text, now(), &options);
    assert_eq!(
        result.valid,
        result.errors.is_empty(),
        "valid iff no errors"
    );
    if result.valid {
        if let Some(canonical) = &result.canonical {
            let again = validate(&BUNDLE, canonical.as_str(), now(), &options);
            assert!(
                again.valid,
                "the canonical form of a valid submission is refused: {:?}\n{text}\n{}",
                again.errors,
                canonical.as_str()
            );
        }
    }
});
