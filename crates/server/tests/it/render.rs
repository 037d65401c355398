//! `POST /v1/forms/{id}/render` through the real router: the documents are
//! exactly shinsei-render's (what `shinsei render` writes), HTML or PDF by
//! `Accept`, from an envelope or an application file; refusals as JSON errors.

use axum::body::Body;
use axum::http::{Request, StatusCode};
use chrono::DateTime;
use serde_json::Value;
use shinsei_runtime::{DEFAULT_MAX_BYTES, Options};

use crate::common::*;

const NOW: &str = "2026-03-02T10:00:00+09:00";
const RENDER: &str = "/v1/forms/shobyo_teate/render?now=2026-03-02T10:00:00%2B09:00";

fn now() -> chrono::DateTime<chrono::FixedOffset> {
    DateTime::parse_from_rfc3339(NOW).unwrap()
}

fn post(uri: &str, accept: Option<&str>, body: impl Into<Body>) -> Request<Body> {
    let mut req = Request::post(uri).header("content-type", "application/json");
    if let Some(a) = accept {
        req = req.header("accept", a);
    }
    req.body(body.into()).unwrap()
}

/// A case of 傷病手当金 that the runtime finds invalid, and its `now`.
/// The page `uri` answers to `body` (no `Accept`), after checking it is a
/// `200` of HTML.
async fn html(uri: &str, body: String) -> String {
    let (status, ct, bytes) = send_raw(&app(state()), post(uri, None, body)).await;
    assert_eq!(
        status,
        StatusCode::OK,
        "{}",
        String::from_utf8_lossy(&bytes)
    );
    assert_eq!(ct, "text/html; charset=utf-8");
    String::from_utf8(bytes).unwrap()
}

fn invalid_case() -> (String, String) {
    let path = root().join("forms/shobyo_teate/cases/invalid_continuation_one_year.json");
    let case: Value = serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap();
    let now = case["now"].as_str().unwrap_or(NOW).to_owned();
    (case["submission"].to_string(), now)
}

#[tokio::test]
async fn the_entered_contents_are_shinsei_renders_html_byte_for_byte() {
    let bundle = bundle();
    let body = typical().to_string();
    let page = html(RENDER, body.clone()).await;
    let direct = shinsei_render::document_html(&bundle, &body, now(), DEFAULT_MAX_BYTES).unwrap();
    assert_eq!(page, direct);
    assert!(direct.contains("申請書情報") && direct.contains("傷病手当金支給申請書"));
    // The same for Accept: text/html and */*.
    for accept in [
        "text/html",
        "*/*",
        "text/html;q=0.9, application/pdf;q=0.5",
        "text/*",
    ] {
        let (status, ct, _) =
            send_raw(&app(state()), post(RENDER, Some(accept), body.clone())).await;
        assert_eq!(
            (status, ct.as_str()),
            (StatusCode::OK, "text/html; charset=utf-8"),
            "{accept}"
        );
    }
}

#[tokio::test]
async fn the_returned_notice_carries_the_reasons_with_their_basis() {
    let bundle = bundle();
    let (body, at) = invalid_case();
    let uri = format!(
        "/v1/forms/shobyo_teate/render?returned=true&now={}",
        at.replace('+', "%2B")
    );
    let page = html(&uri, body.clone()).await;
    let at = DateTime::parse_from_rfc3339(&at).unwrap();
    let direct = shinsei_render::notice_html(&bundle, &body, at, DEFAULT_MAX_BYTES).unwrap();
    assert_eq!(page, direct);
    assert!(page.contains("返戻理由のお知らせ"), "{page}");
    assert!(page.contains("根拠"), "a reason with its basis: {page}");
}

#[tokio::test]
async fn without_now_the_envelopes_submitted_at_is_the_instant() {
    let bundle = bundle();
    let mut sub = typical();
    sub["submitted_at"] = NOW.into();
    let body = sub.to_string();
    let (status, _, bytes) = send_raw(
        &app(state()),
        post("/v1/forms/shobyo_teate/render", None, body.clone()),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let direct = shinsei_render::document_html(&bundle, &body, now(), DEFAULT_MAX_BYTES).unwrap();
    assert_eq!(String::from_utf8(bytes).unwrap(), direct);
}

#[tokio::test]
async fn an_application_file_renders_its_values_as_the_runtime_understood_them() {
    let bundle = bundle();
    let file = shinsei_runtime::export_application(
        &bundle,
        &typical().to_string(),
        Some(now()),
        &Options::default(),
    )
    .unwrap();
    let text = serde_json::to_string(&file).unwrap();
    let uri = "/v1/forms/shobyo_teate/render?input=application";
    let page = html(uri, text.clone()).await;
    let at = DateTime::parse_from_rfc3339(&file.submitted_at).unwrap();
    let envelope = file.canonical_envelope().to_string();
    let direct = shinsei_render::document_html(&bundle, &envelope, at, DEFAULT_MAX_BYTES).unwrap();
    assert_eq!(page, direct);

    // An envelope is not an application file; a file of another form is not this form's.
    let (status, body) = send(&app(state()), post(uri, None, typical().to_string())).await;
    assert_error(status, &body, 400, "application.malformed");
    let other = "/v1/forms/kogaku_ryoyohi/render?input=application";
    let (status, body) = send(&app(state()), post(other, None, text)).await;
    assert_error(status, &body, 422, "envelope.form");
}

#[tokio::test]
async fn a_pdf_when_asked_for_and_a_font_is_installed() {
    let body = typical().to_string();
    let (status, ct, bytes) = send_raw(
        &app(state()),
        post(RENDER, Some("application/pdf"), body.clone()),
    )
    .await;
    if shinsei_render::pdf::system_font().is_some() {
        assert_eq!(
            status,
            StatusCode::OK,
            "{}",
            String::from_utf8_lossy(&bytes)
        );
        assert_eq!(ct, "application/pdf");
        assert!(bytes.starts_with(b"%PDF-"), "a PDF");
        assert!(
            bytes.len() > 10_000,
            "{} bytes: the font subset is embedded",
            bytes.len()
        );
        // PDF preferred over HTML by quality.
        let accept = "text/html;q=0.5, application/pdf";
        let (_, ct, _) = send_raw(&app(state()), post(RENDER, Some(accept), body)).await;
        assert_eq!(ct, "application/pdf");
    } else {
        let body: Value = serde_json::from_slice(&bytes).unwrap();
        assert_error(status, &body, 406, "render.pdf");
    }
}

#[tokio::test]
async fn refusals_are_json_errors_with_codes() {
    let body = typical().to_string();
    let router = app(state());
    let (status, v) = send(&router, post("/v1/forms/nope/render", None, body.clone())).await;
    assert_error(status, &v, 404, "envelope.form");
    let req = Request::post(RENDER)
        .header("content-type", "text/plain")
        .body(Body::from(body.clone()))
        .unwrap();
    let (status, v) = send(&router, req).await;
    assert_error(status, &v, 415, "request.content_type");
    let (status, v) = send(&router, post(RENDER, Some("image/png"), body.clone())).await;
    assert_error(status, &v, 406, "request.accept");
    let (status, v) = send(&router, post(RENDER, Some("text/html;q=0"), body.clone())).await;
    assert_error(status, &v, 406, "request.accept");
    let (status, v) = send(
        &router,
        post(&format!("{RENDER}&returned=yes"), None, body.clone()),
    )
    .await;
    assert_error(status, &v, 400, "request.query");
    let (status, v) = send(
        &router,
        post(&format!("{RENDER}&dry_run=true"), None, body.clone()),
    )
    .await;
    assert_error(status, &v, 400, "request.query");
    let (status, v) = send(&router, post(RENDER, None, "{")).await;
    assert_error(status, &v, 400, "envelope.malformed");
    let other = "/v1/forms/kogaku_ryoyohi/render";
    let (status, v) = send(&router, post(other, None, body)).await;
    assert_error(status, &v, 422, "envelope.form");
    let big = vec![b' '; DEFAULT_MAX_BYTES + 1];
    let (status, v) = send(&router, post(RENDER, None, big)).await;
    assert_error(status, &v, 413, "envelope.too_large");
}
