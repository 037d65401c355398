//! Neither function panics on IR the compiler would never produce (the WASM
//! package may be handed a bundle from anywhere).

use serde_json::json;
use shinsei_describe::{SchemaKind, describe, envelope_schema};
use shinsei_ir::{Bundle, Form};

use crate::common::{bundle, form};

#[test]
fn dangling_indices_and_missing_params_do_not_panic() {
    let mut broken: Form = form("shobyo_teate", "2026.1").clone();
    for rule in &mut broken.rules {
        rule.scope = vec![u32::MAX, 0];
        rule.at = vec![7, u32::MAX, 3];
    }
    broken.params.push("no_such_param".to_owned());
    broken.attachments.clear();
    let empty = Bundle::new(vec![], Default::default());
    let d = describe(&broken, &empty);
    assert!(d.params.is_empty());
    assert!(d.rules.iter().all(|r| r.scope_path == "/fields"));
    for kind in [SchemaKind::Input, SchemaKind::Canonical] {
        let schema = envelope_schema(&broken, &empty, kind);
        jsonschema::meta::validate(&schema).unwrap();
        let attachments = &schema["properties"]["attachments"];
        let array = match kind {
            SchemaKind::Input => &attachments["anyOf"][0],
            SchemaKind::Canonical => attachments,
        };
        assert_eq!(array["maxItems"], json!(0));
    }
}

#[test]
fn keyed_and_odd_param_values_become_plain_json() {
    let params = json!({
        "table": {
            "name": "table", "label": {"ja": "表"}, "ty": "rate", "keys": ["b", "a"],
            "periods": [{"from": "2026-04-01", "value": {"keyed": {
                "a": {"rate": {"num": 2, "den": 3}}, "b": {"month": {"year": 2026, "month": 4}}
            }}}],
            "source": "x.form"
        },
        "span": {
            "name": "span", "label": {"ja": "期間"}, "ty": "duration",
            "periods": [{"from": "2026-04-01", "value": {"single": {"duration": {"n": 2, "unit": "years"}}}}],
            "source": "x.form"
        }
    });
    let mut b: Bundle = bundle().clone();
    b.params = serde_json::from_value(params).unwrap();
    let mut f = form("shobyo_teate", "2026.1").clone();
    f.params = vec!["table".to_owned(), "span".to_owned()];
    let d = serde_json::to_value(describe(&f, &b)).unwrap();
    assert_eq!(d["params"][0]["keys"], json!(["b", "a"]));
    assert_eq!(
        d["params"][0]["periods"][0]["value"],
        json!({"a": "2/3", "b": "2026-04"})
    );
    assert_eq!(
        d["params"][1]["periods"][0]["value"],
        json!({"n": 2, "unit": "years"})
    );
}
