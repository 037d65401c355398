//! The endpoints, end to end through the router.

use axum::body::Body;
use axum::http::{Request, StatusCode};
use serde_json::Value;
use shinsei_runtime::Options;

use crate::common::*;

#[tokio::test]
async fn lists_every_form_with_its_versions() {
    let bundle = bundle();
    let (status, body) = send(&app(state()), get("/v1/forms")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["bundle_hash"], bundle.hash);
    let forms = body["forms"].as_array().unwrap();
    let mut ids: Vec<&str> = bundle.forms.iter().map(|f| f.id.as_str()).collect();
    ids.dedup();
    assert_eq!(forms.len(), ids.len());
    let shobyo = forms.iter().find(|f| f["id"] == "shobyo_teate").unwrap();
    assert_eq!(shobyo["title"]["ja"], "傷病手当金支給申請書");
    assert_eq!(shobyo["category"]["id"], "benefit");
    assert_eq!(shobyo["versions"][0]["version"], "2026.1");
}

#[tokio::test]
async fn describe_and_schema_are_exactly_the_describe_crates() {
    let bundle = bundle();
    let router = app(state());
    for form in &bundle.forms {
        let q = format!("?version={}", form.version);
        let (status, body) = send(&router, get(&format!("/v1/forms/{}{q}", form.id))).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(
            body,
            serde_json::to_value(shinsei_describe::describe(form, &bundle)).unwrap()
        );
        use shinsei_describe::{SchemaKind, envelope_schema};
        let (status, body) = send(&router, get(&format!("/v1/forms/{}/schema{q}", form.id))).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(body, envelope_schema(form, &bundle, SchemaKind::Input));
        for canonical in ["&canonical=true", "&canonical"] {
            let url = format!("/v1/forms/{}/schema{q}{canonical}", form.id);
            let (status, body) = send(&router, get(&url)).await;
            assert_eq!(status, StatusCode::OK);
            assert_eq!(body, envelope_schema(form, &bundle, SchemaKind::Canonical));
        }
        let url = format!("/v1/forms/{}/schema{q}&canonical=false", form.id);
        let (_, body) = send(&router, get(&url)).await;
        assert_eq!(body, envelope_schema(form, &bundle, SchemaKind::Input));
    }
    // Without a version: the one effective today, which here is the only one.
    let (_, body) = send(&router, get("/v1/forms/shobyo_teate")).await;
    assert_eq!(body["version"], "2026.1");
}

#[tokio::test]
async fn validate_returns_the_runtimes_bytes() {
    let bundle = bundle();
    let body = serde_json::to_vec(&typical()).unwrap();
    let (status, ct, bytes) = send_raw(&app(state()), post_json(VALIDATE, body.clone())).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(ct, "application/json");
    let now = chrono::DateTime::parse_from_rfc3339("2026-03-02T10:00:00+09:00").unwrap();
    let direct = shinsei_runtime::validate_bytes(&bundle, &body, now, &Options::default());
    assert!(direct.valid);
    assert_eq!(bytes, serde_json::to_vec(&direct).unwrap(), "byte for byte");
}

#[tokio::test]
async fn an_invalid_submission_is_a_200_verdict_with_codes() {
    let mut sub = typical();
    sub["fields"]["leave"][0]["to"] = "2026-02-01".into();
    let (status, body) = send(&app(state()), post_json(VALIDATE, sub.to_string())).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["valid"], false);
    let codes: Vec<&str> = body["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["code"].as_str().unwrap())
        .collect();
    assert!(codes.contains(&"rule.period_order"), "{codes:?}");
}

#[tokio::test]
async fn basis_on_request_puts_the_legal_basis_next_to_each_error() {
    let mut sub = typical();
    sub["fields"]["leave"][0]["to"] = "2026-02-01".into();
    sub["fields"]["occupational"] = true.into();
    let router = app(state());
    let (_, plain) = send(&router, post_json(VALIDATE, sub.to_string())).await;
    assert!(!plain.to_string().contains("\"basis\""), "none by default");
    let url = format!("{VALIDATE}&basis=true");
    let (status, body) = send(&router, post_json(&url, sub.to_string())).await;
    assert_eq!(status, StatusCode::OK);
    let basis = |code: &str| {
        body["errors"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["code"] == code)
            .map(|e| e["basis"].clone())
    };
    assert_eq!(
        basis("rule.not_occupational"),
        Some("健康保険法第55条第1項".into())
    );
    assert_eq!(
        basis("rule.period_order"),
        Some(Value::Null),
        "a consistency check has none"
    );
    let (status, _) = send(
        &router,
        post_json(&format!("{VALIDATE}&basis=maybe"), sub.to_string()),
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn without_a_dry_run_now_is_the_servers_clock() {
    // A dry run on a Sunday is closed; the same request without `now` is
    // judged at the server's time, whatever it is: no service.closed from
    // the Sunday, and a verdict on the form.
    let sub = typical().to_string();
    let router = app(state());
    let sunday = "/v1/forms/shobyo_teate/validate?dry_run=true&now=2026-03-01T10:00:00%2B09:00";
    let (_, body) = send(&router, post_json(sunday, sub.clone())).await;
    assert_eq!(body["errors"][0]["code"], "service.closed");
    let (status, body) = send(&router, post_json("/v1/forms/shobyo_teate/validate", sub)).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["form"], "shobyo_teate");
    assert_eq!(body["version"], "2026.1");
}

#[tokio::test]
async fn messages_follow_lang() {
    let mut sub = typical();
    sub["fields"]["leave"][0]["to"] = "2026-02-01".into();
    let uri = format!("{VALIDATE}&lang=en");
    let (_, body) = send(&app(state()), post_json(&uri, sub.to_string())).await;
    let msg = body["errors"][0]["message"].as_str().unwrap();
    assert!(msg.is_ascii(), "{msg}");
    let (_, body) = send(&app(state()), get("/v1/forms/nope?lang=en")).await;
    assert_eq!(body["error"]["message"], "unknown form");
}

/// A PNG header of `w`×`h` padded to `size` bytes.
pub fn png(w: u32, h: u32, size: usize) -> Vec<u8> {
    let mut v = vec![0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13];
    v.extend_from_slice(b"IHDR");
    v.extend_from_slice(&w.to_be_bytes());
    v.extend_from_slice(&h.to_be_bytes());
    v.extend_from_slice(&[8, 6, 0, 0, 0]);
    v.resize(size.max(v.len()), 0);
    v
}

/// A JPEG (APP0, then SOF0) of `w`×`h` padded to `size` bytes.
fn jpeg(w: u16, h: u16, size: usize) -> Vec<u8> {
    let mut v = vec![0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10];
    v.extend_from_slice(b"JFIF\0\x01\x01\0\0\x01\0\x01\0\0");
    v.extend_from_slice(&[0xFF, 0xC0, 0x00, 0x11, 0x08]);
    v.extend_from_slice(&h.to_be_bytes());
    v.extend_from_slice(&w.to_be_bytes());
    v.extend_from_slice(&[3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1]);
    v.resize(size.max(v.len()), 0);
    v
}

fn upload(uri: &str, content_type: &str, bytes: Vec<u8>) -> Request<Body> {
    Request::post(uri)
        .header("content-type", content_type)
        .body(Body::from(bytes))
        .unwrap()
}

const SLOT: &str = "/v1/forms/shobyo_teate/attachments/doctor_opinion";

#[tokio::test]
async fn attachments_pass_when_the_bytes_match() {
    let router = app(state());
    let pdf = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n".to_vec();
    let (status, body) = send(
        &router,
        upload(
            &format!("{SLOT}?file_name=ikensho.pdf"),
            "application/pdf",
            pdf,
        ),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["valid"], true, "{body}");
    assert_eq!(body["entry"]["file_name"], "ikensho.pdf");
    assert_eq!(body["entry"]["media_type"], "application/pdf");
    assert_eq!(body["entry"]["size"], 15);

    let (_, body) = send(&router, upload(SLOT, "image/png", png(1240, 1754, 200_000))).await;
    assert_eq!(body["valid"], true, "{body}");
    assert_eq!(body["entry"]["width"], 1240);
    assert_eq!(body["entry"]["height"], 1754);

    let (_, body) = send(
        &router,
        upload(SLOT, "image/jpeg", jpeg(2000, 1500, 150_000)),
    )
    .await;
    assert_eq!(body["valid"], true, "{body}");
    assert_eq!(body["detected_type"], "image/jpeg");
    assert_eq!(body["entry"]["width"], 2000);
}

fn codes_at(body: &Value) -> Vec<(String, String)> {
    body["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["path"].as_str().unwrap().to_owned(),
                e["code"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

#[tokio::test]
async fn attachments_are_checked_against_their_real_type_size_and_pixels() {
    let router = app(state());
    let pair = |p: &str, c: &str| (p.to_owned(), c.to_owned());
    // Declared PDF, really a PNG.
    let (status, body) = send(
        &router,
        upload(SLOT, "application/pdf", png(1000, 1000, 200_000)),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["valid"], false);
    assert_eq!(body["detected_type"], "image/png");
    assert_eq!(
        codes_at(&body),
        vec![pair("/media_type", "attachment.type")]
    );
    // Neither PDF, JPEG nor PNG.
    let (_, body) = send(
        &router,
        upload(SLOT, "application/pdf", b"GIF89a....".to_vec()),
    )
    .await;
    assert_eq!(body["detected_type"], Value::Null);
    assert_eq!(codes_at(&body)[0], pair("/media_type", "attachment.type"));
    // Too few pixels, and too many.
    let (_, body) = send(&router, upload(SLOT, "image/png", png(300, 1000, 200_000))).await;
    assert_eq!(codes_at(&body), vec![pair("/width", "attachment.size")]);
    let (_, body) = send(
        &router,
        upload(SLOT, "image/jpeg", jpeg(1000, 9000, 200_000)),
    )
    .await;
    assert_eq!(codes_at(&body), vec![pair("/height", "attachment.size")]);
    // An image under the insurer's 100 KB minimum.
    let (_, body) = send(&router, upload(SLOT, "image/png", png(1000, 1000, 50_000))).await;
    assert_eq!(codes_at(&body), vec![pair("/size", "attachment.size")]);
    // A truncated image header.
    let (_, body) = send(
        &router,
        upload(SLOT, "image/png", png(1000, 1000, 0)[..18].to_vec()),
    )
    .await;
    assert!(
        codes_at(&body).contains(&pair("/media_type", "attachment.type")),
        "{body}"
    );
}

#[tokio::test]
async fn attachment_requests_refused_before_reading() {
    let router = app(state());
    let (status, body) = send(
        &router,
        upload(
            "/v1/forms/shobyo_teate/attachments/nope",
            "application/pdf",
            b"%PDF-".to_vec(),
        ),
    )
    .await;
    assert_error(status, &body, 404, "attachment.unknown_slot");
    let (status, body) = send(
        &router,
        upload(
            "/v1/forms/nope/attachments/x",
            "application/pdf",
            b"%PDF-".to_vec(),
        ),
    )
    .await;
    assert_error(status, &body, 404, "envelope.form");
    let (status, body) = send(&router, upload(SLOT, "image/gif", b"GIF89a".to_vec())).await;
    assert_error(status, &body, 415, "attachment.type");
    let (status, body) = send(&router, Request::post(SLOT).body(Body::from("x")).unwrap()).await;
    assert_error(status, &body, 415, "attachment.type");
    // doctor_opinion allows 10 MiB.
    let mut big = b"%PDF-1.7\n".to_vec();
    big.resize(10 * 1024 * 1024 + 1, b' ');
    let (status, body) = send(&router, upload(SLOT, "application/pdf", big)).await;
    assert_error(status, &body, 413, "attachment.size");
}

#[tokio::test]
async fn health_and_metrics() {
    let router = app(state());
    let (status, body) = send(&router, get("/healthz")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["status"], "ok");
    assert_eq!(body["bundle_hash"], bundle().hash);

    let mut bad = typical();
    bad["fields"]["leave"][0]["to"] = "2026-02-01".into();
    send(&router, post_json(VALIDATE, typical().to_string())).await;
    send(&router, post_json(VALIDATE, bad.to_string())).await;
    send(&router, post_json(VALIDATE, "{")).await;
    let (status, ct, bytes) = send_raw(&router, get("/metrics")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(ct.starts_with("text/plain; version=0.0.4"));
    let text = String::from_utf8(bytes).unwrap();
    for line in [
        "shinsei_http_requests_total{route=\"/v1/forms/{id}/validate\",status=\"200\"} 2",
        "shinsei_http_requests_total{route=\"/v1/forms/{id}/validate\",status=\"400\"} 1",
        "shinsei_http_requests_total{route=\"/healthz\",status=\"200\"} 1",
        "shinsei_http_request_duration_seconds_count{route=\"/v1/forms/{id}/validate\"} 3",
        "shinsei_verdicts_total{form=\"shobyo_teate\",valid=\"true\"} 1",
        "shinsei_verdicts_total{form=\"shobyo_teate\",valid=\"false\"} 1",
        "shinsei_verdict_codes_total{form=\"shobyo_teate\",severity=\"error\",code=\"rule.period_order\"} 1",
        "shinsei_http_request_duration_seconds_bucket{route=\"/v1/forms/{id}/validate\",le=\"+Inf\"} 3",
    ] {
        assert!(text.lines().any(|l| l == line), "missing {line}\n{text}");
    }
}

#[tokio::test]
async fn serves_a_static_directory_and_keeps_the_api_json() {
    let dir = scratch("static");
    std::fs::write(
        dir.join("index.html"),
        "<!doctype html><title>portal</title>",
    )
    .unwrap();
    std::fs::write(dir.join("app.js"), "console.log(1)").unwrap();
    let router = shinsei_server::app(state(), Some(dir));
    let (status, ct, bytes) = send_raw(&router, get("/")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(ct.starts_with("text/html"), "{ct}");
    assert!(String::from_utf8(bytes).unwrap().contains("portal"));
    let (status, ct, _) = send_raw(&router, get("/app.js")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(ct.contains("javascript"), "{ct}");
    let (status, body) = send(&router, get("/missing.png")).await;
    assert_error(status, &body, 404, "request.not_found");
    let (status, body) = send(&router, get("/v1/nothing/here")).await;
    assert_error(status, &body, 404, "request.not_found");
    let (status, body) = send(
        &router,
        Request::post("/index.html").body(Body::empty()).unwrap(),
    )
    .await;
    assert_error(status, &body, 405, "request.method");
}
