//! The server and the WASM package are two shells over one core: asked the
//! same thing, they give the same answer. The same requests go to the real
//! router (`shinsei_server::app`) and to the WASM engine (natively, over the
//! same bundle): the form version chosen (also on a date no version covers),
//! the description, and the codes for bad inputs must agree.

use axum::body::Body;
use axum::http::Request;
use chrono::{DateTime, FixedOffset};
use http_body_util::BodyExt as _;
use serde_json::{Value, json};
use shinsei_server::{AppState, Limits};
use shinsei_tests::bundled_forms;
use shinsei_wasm::Engine;
use tower::ServiceExt as _;

fn at(s: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(s).unwrap()
}

/// Percent-encodes `+` and `:` in an RFC 3339 instant for a query string.
fn query_instant(s: &str) -> String {
    s.replace(':', "%3A").replace('+', "%2B")
}

/// Sends one request to the real router: status and JSON body.
fn serve(router: &axum::Router, req: Request<Body>) -> (u16, Value) {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        let res = router.clone().oneshot(req).await.unwrap();
        let status = res.status().as_u16();
        let bytes = res.into_body().collect().await.unwrap().to_bytes();
        (status, serde_json::from_slice(&bytes).unwrap())
    })
}

fn shells() -> (axum::Router, Engine) {
    let bundle = bundled_forms();
    let engine = Engine::load(&shinsei_ir::binary::encode(&bundle)).unwrap();
    assert_eq!(engine.bundle().unwrap().hash, bundle.hash);
    let router = shinsei_server::app(AppState::new(bundle, None, Limits::default()), None);
    (router, engine)
}

#[test]
fn a_form_asked_for_gets_the_same_version_or_the_same_code() {
    let (router, engine) = shells();
    // (form, version, now): a date no version covers, before and far after;
    // an unknown form and version; a named version not in force that day;
    // and the ordinary cases.
    let asks: [(&str, Option<&str>, Option<&str>); 8] = [
        ("shobyo_teate", None, Some("2000-01-01T10:00:00+09:00")),
        ("shobyo_teate", None, Some("2026-01-04T23:59:59+09:00")),
        ("shobyo_teate", None, Some("2026-03-02T10:00:00+09:00")),
        (
            "shobyo_teate",
            Some("2026.1"),
            Some("2000-01-01T10:00:00+09:00"),
        ),
        ("shobyo_teate", Some("2026.1"), None),
        ("shobyo_teate", Some("1999.1"), None),
        ("nope", None, Some("2026-03-02T10:00:00+09:00")),
        ("nope", Some("2026.1"), None),
    ];
    let mut refused = 0;
    for (id, version, now) in asks {
        let mut query = Vec::new();
        if let Some(v) = version {
            query.push(format!("version={v}"));
        }
        if let Some(n) = now {
            query.push(format!("now={}", query_instant(n)));
        }
        let uri = format!("/v1/forms/{id}?{}", query.join("&"));
        let (status, body) = serve(&router, Request::get(&uri).body(Body::empty()).unwrap());
        let wasm = engine.describe_form(id, version, now.map(at));
        match wasm {
            Ok(d) => {
                assert_eq!(status, 200, "{uri}: {body}");
                assert_eq!(body, serde_json::to_value(&d).unwrap(), "{uri}");
            }
            Err(e) => {
                refused += 1;
                assert_eq!(status, 404, "{uri}: {body}");
                assert_eq!(body["error"]["code"], e.code.as_str(), "{uri}: {e}");
            }
        }
    }
    assert_eq!(refused, 6, "the refusals are what this test is about");
}

#[test]
fn bad_submissions_get_the_same_codes() {
    let (router, engine) = shells();
    let now = "2026-03-02T10:00:00+09:00";
    let typical: Value = serde_json::from_str(
        &std::fs::read_to_string(
            shinsei_tests::root().join("forms/shobyo_teate/cases/valid_insured_first_claim.json"),
        )
        .unwrap(),
    )
    .unwrap();
    let envelope = typical["submission"].clone();
    let with = |key: &str, value: Value| {
        let mut e = envelope.clone();
        e[key] = value;
        e.to_string()
    };
    let bodies = [
        "{".to_owned(),
        "[]".to_owned(),
        "{\"form\": \"shobyo_teate\", \"form\": \"shobyo_teate\"}".to_owned(),
        format!("{}{}", "[".repeat(200), "]".repeat(200)),
        json!({}).to_string(),
        with("form", json!("nope")),
        with("form", json!(42)),
        with("version", json!("1999.1")),
        with("submitted_at", json!("2000-01-01T10:00:00+09:00")),
        with("fields", json!([])),
        with("applicant", json!({"role": "stranger"})),
        envelope.to_string(),
    ];
    for body in &bodies {
        let uri = format!(
            "/v1/forms/shobyo_teate/validate?dry_run=true&now={}",
            query_instant(now)
        );
        let req = Request::post(&uri)
            .header("content-type", "application/json")
            .body(Body::from(body.clone()))
            .unwrap();
        let (status, answer) = serve(&router, req);
        let wasm: Value = serde_json::from_str(
            &engine
                .validate_json(body, at(now), &shinsei_runtime::Options::default())
                .unwrap(),
        )
        .unwrap();
        let short = body.chars().take(60).collect::<String>();
        if status == 200 {
            assert_eq!(answer, wasm, "{short}");
        } else {
            // A refusal carries the runtime's verdict and its first code.
            assert_eq!(answer["result"], wasm, "{short}");
            assert_eq!(
                answer["error"]["code"], wasm["errors"][0]["code"],
                "{short}"
            );
        }
    }
}
