//! The server and the WASM package are two shells over one core: asked the
//! same thing, they give the same answer. The same requests go to the real
//! router (`shinsei_server::app`) and to the WASM engine (natively) in each
//! of the ways the package reads forms: a whole bundle passed to
//! `loadBundle`, the embedded bundle (read one form at a time, the
//! submission's form found by `shinsei_runtime::envelope_form`), and the
//! core module (`shinsei-wasm/core`) given one form's own bundle
//! (`shinsei compile --binary --only ID`). The form version chosen (also on
//! a date no version covers), the description, and the codes for bad inputs
//! must agree.

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
    let (status, bytes) = serve_bytes(router, req);
    (status, serde_json::from_slice(&bytes).unwrap())
}

/// Sends one request to the real router: status and body.
fn serve_bytes(router: &axum::Router, req: Request<Body>) -> (u16, Vec<u8>) {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        let res = router.clone().oneshot(req).await.unwrap();
        let status = res.status().as_u16();
        let bytes = res.into_body().collect().await.unwrap().to_bytes();
        (status, bytes.to_vec())
    })
}

/// A server and a WASM engine that must answer alike, named for the
/// failure message.
struct Pair {
    name: &'static str,
    router: axum::Router,
    engine: Engine,
}

/// Each way the package reads forms, beside a server over the same forms.
/// The embedded bundle leaves out the documentation source texts
/// (`shinsei_wasm::slim`), so its server serves the same slimmed bundle;
/// the core module gets the own bundle of the form asked about
/// (`shobyo_teate`: a form it does not have is refused as by the server).
fn shells() -> Vec<Pair> {
    let bundle = bundled_forms();
    let router = |b: shinsei_ir::Bundle| {
        shinsei_server::app(AppState::new(b, None, Limits::default()), None)
    };
    let whole = Engine::load(&shinsei_ir::binary::encode(&bundle)).unwrap();
    assert_eq!(whole.bundle().unwrap().hash, bundle.hash);

    let embedded = Engine::embedded().unwrap();
    assert_eq!(
        embedded.info().hash,
        bundle.hash,
        "the embedded bundle is forms/"
    );
    let mut slim = bundle.clone();
    shinsei_wasm::slim::strip_sources(&mut slim);

    let own = shinsei_check::subset(&bundle, &["shobyo_teate"]);
    let core = Engine::load(&shinsei_ir::binary::encode(&own)).unwrap();
    vec![
        Pair {
            name: "loadBundle(whole bundle)",
            router: router(bundle),
            engine: whole,
        },
        Pair {
            name: "embedded",
            router: router(slim),
            engine: embedded,
        },
        Pair {
            name: "core + loadBundle(own bundle)",
            router: router(own),
            engine: core,
        },
    ]
}

#[test]
fn a_form_asked_for_gets_the_same_version_or_the_same_code() {
    for Pair {
        name,
        router,
        engine,
    } in shells()
    {
        asked_alike(name, &router, &engine);
    }
}

fn asked_alike(name: &str, router: &axum::Router, engine: &Engine) {
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
        let (status, body) = serve(router, Request::get(&uri).body(Body::empty()).unwrap());
        let wasm = engine.describe_form(id, version, now.map(at));
        match wasm {
            Ok(d) => {
                assert_eq!(status, 200, "{name}: {uri}: {body}");
                assert_eq!(body, serde_json::to_value(&d).unwrap(), "{name}: {uri}");
            }
            Err(e) => {
                refused += 1;
                assert_eq!(status, 404, "{name}: {uri}: {body}");
                assert_eq!(body["error"]["code"], e.code.as_str(), "{name}: {uri}: {e}");
            }
        }
    }
    assert_eq!(
        refused, 6,
        "{name}: the refusals are what this test is about"
    );
}

#[test]
fn bad_submissions_get_the_same_codes() {
    let now = "2026-03-02T10:00:00+09:00";
    let bodies = bad_bodies();
    let pairs = shells();
    for (
        Pair {
            name,
            router,
            engine,
        },
        body,
    ) in pairs
        .iter()
        .flat_map(|p| bodies.iter().map(move |b| (p, b)))
    {
        let uri = format!(
            "/v1/forms/shobyo_teate/validate?dry_run=true&now={}",
            query_instant(now)
        );
        let req = Request::post(&uri)
            .header("content-type", "application/json")
            .body(Body::from(body.clone()))
            .unwrap();
        let (status, answer) = serve(router, req);
        let wasm: Value = serde_json::from_str(
            &engine
                .validate_json(body, at(now), &shinsei_runtime::Options::default())
                .unwrap(),
        )
        .unwrap();
        let short = format!("{name}: {}", body.chars().take(60).collect::<String>());
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

/// Submissions to refuse or to find invalid, and the typical valid one.
fn bad_bodies() -> Vec<String> {
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
    vec![
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
        // The form's id written with an escape: the embedded bundle finds
        // the form to read from the envelope's text.
        envelope
            .to_string()
            .replacen("\"shobyo_teate\"", "\"shobyo\\u005fteate\"", 1),
    ]
}

/// `POST /v1/forms/{id}/render` and `renderHtml`: the same page, or the
/// same code for a submission that names no form version.
#[test]
fn a_page_asked_for_is_the_same_page_or_the_same_code() {
    let now = "2026-03-02T10:00:00+09:00";
    let bodies = bad_bodies();
    let mut refused = 0;
    for (pair, body) in shells()
        .iter()
        .flat_map(|p| bodies.iter().map(move |b| (p, b)))
    {
        let uri = format!("/v1/forms/shobyo_teate/render?now={}", query_instant(now));
        let req = Request::post(&uri)
            .header("content-type", "application/json")
            .header("accept", "text/html")
            .body(Body::from(body.clone()))
            .unwrap();
        let (status, answer) = serve_bytes(&pair.router, req);
        let wasm =
            pair.engine
                .render_html(body, at(now), false, shinsei_runtime::DEFAULT_MAX_BYTES);
        let short = format!(
            "{}: {}",
            pair.name,
            body.chars().take(60).collect::<String>()
        );
        match wasm {
            Ok(html) => {
                assert_eq!(status, 200, "{short}: {}", String::from_utf8_lossy(&answer));
                assert!(answer == html.as_bytes(), "{short}: not the same page");
            }
            Err(e) => {
                refused += 1;
                assert_ne!(status, 200, "{short}: {e}");
                let answer: Value = serde_json::from_slice(&answer).unwrap();
                assert_eq!(answer["error"]["code"], e.code.as_str(), "{short}: {e}");
            }
        }
    }
    assert!(
        refused >= 3 * 6,
        "{refused}: the refusals are what this test is about"
    );
}
