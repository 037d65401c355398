//! Bad input gets a clear JSON error with a code, and the service goes on.

use std::time::Duration;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use axum::routing::get as route_get;
use shinsei_server::{AppState, Limits};

use crate::common::*;

#[tokio::test]
async fn malformed_json() {
    let (status, body) = send(
        &app(state()),
        post_json(VALIDATE, r#"{"form": "shobyo_teate", "#),
    )
    .await;
    assert_error(status, &body, 400, "envelope.malformed");
    // The runtime's verdict comes along, and the message names no input.
    assert_eq!(body["result"]["errors"][0]["code"], "envelope.malformed");
    assert_eq!(body["result"]["valid"], false);
}

#[tokio::test]
async fn wrong_content_type() {
    let router = app(state());
    let sub = typical().to_string();
    for ct in [
        "text/plain",
        "application/x-www-form-urlencoded",
        "application/json; charset=latin1",
    ] {
        let req = Request::post(VALIDATE)
            .header("content-type", ct)
            .body(Body::from(sub.clone()))
            .unwrap();
        let (status, body) = send(&router, req).await;
        assert_error(status, &body, 415, "request.content_type");
    }
    let req = Request::post(VALIDATE)
        .body(Body::from(sub.clone()))
        .unwrap();
    let (status, body) = send(&router, req).await;
    assert_error(status, &body, 415, "request.content_type");
    // Parameters are fine.
    let req = Request::post(VALIDATE)
        .header("content-type", "Application/JSON; charset=UTF-8")
        .body(Body::from(sub))
        .unwrap();
    assert_eq!(send(&router, req).await.0, StatusCode::OK);
}

#[tokio::test]
async fn unknown_form() {
    let router = app(state());
    for req in [
        get("/v1/forms/nope"),
        get("/v1/forms/nope/schema"),
        post_json("/v1/forms/nope/validate", typical().to_string()),
    ] {
        let (status, body) = send(&router, req).await;
        assert_error(status, &body, 404, "envelope.form");
    }
    // The envelope names a form the bundle does not have.
    let mut sub = typical();
    sub["form"] = "nope".into();
    let (status, body) = send(&router, post_json(VALIDATE, sub.to_string())).await;
    assert_error(status, &body, 422, "envelope.form");
    // Or another form than the URL's.
    let (status, body) = send(
        &router,
        post_json(
            "/v1/forms/ninkei_shutoku/validate?dry_run=true&now=2026-03-02T10:00:00%2B09:00",
            typical().to_string(),
        ),
    )
    .await;
    assert_error(status, &body, 422, "envelope.form");
    // Or none.
    let mut sub = typical();
    sub.as_object_mut().unwrap().remove("form");
    let (status, body) = send(&router, post_json(VALIDATE, sub.to_string())).await;
    assert_error(status, &body, 422, "envelope.form");
}

#[tokio::test]
async fn unknown_version() {
    let router = app(state());
    for uri in [
        "/v1/forms/shobyo_teate?version=1999.1",
        "/v1/forms/shobyo_teate/schema?version=1999.1",
    ] {
        let (status, body) = send(&router, get(uri)).await;
        assert_error(status, &body, 404, "envelope.version");
    }
    let mut sub = typical();
    sub["version"] = "1999.1".into();
    let (status, body) = send(&router, post_json(VALIDATE, sub.to_string())).await;
    assert_error(status, &body, 422, "envelope.version");
    assert_eq!(body["result"]["errors"][0]["path"], "/version");
}

#[tokio::test]
async fn body_over_the_limit() {
    let limits = Limits {
        max_body: 4096,
        ..Limits::default()
    };
    let router = app(AppState::new(bundle(), None, limits));
    let mut sub = typical();
    sub["fields"]["job"] = "あ".repeat(2000).into();
    let (status, body) = send(&router, post_json(VALIDATE, sub.to_string())).await;
    assert_error(status, &body, 413, "envelope.too_large");
    // The default limit is 1 MiB.
    let big = format!(
        r#"{{"form": "shobyo_teate", "pad": "{}"}}"#,
        "x".repeat(1024 * 1024)
    );
    let (status, body) = send(&app(state()), post_json(VALIDATE, big)).await;
    assert_error(status, &body, 413, "envelope.too_large");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn body_over_the_limit_without_a_length() {
    // Chunked: the limit holds while streaming, not only on Content-Length.
    let limits = Limits {
        max_body: 4096,
        ..Limits::default()
    };
    let (addr, _stop) = listen(AppState::new(bundle(), None, limits)).await;
    let mut c = Client::connect(addr).await;
    let chunk = "x".repeat(1000);
    let mut req = format!(
        "POST {VALIDATE} HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\ntransfer-encoding: chunked\r\n\r\n"
    );
    for _ in 0..8 {
        req.push_str(&format!("{:x}\r\n{chunk}\r\n", chunk.len()));
    }
    req.push_str("0\r\n\r\n");
    c.write(req.as_bytes()).await.unwrap();
    let r = c.read_response().await.unwrap();
    assert_eq!(r.status, 413);
    assert_eq!(r.json()["error"]["code"], "envelope.too_large");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_content_length_over_the_limit_is_refused_at_once() {
    // Announced but never sent: the answer must not wait for the body
    // (the body timeout here is far longer than the test allows).
    let limits = Limits {
        max_body: 4096,
        body_timeout: Duration::from_secs(60),
        ..Limits::default()
    };
    let (addr, _stop) = listen(AppState::new(bundle(), None, limits)).await;
    let mut c = Client::connect(addr).await;
    let head = format!(
        "POST {VALIDATE} HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\ncontent-length: 2000000\r\n\r\n{{}}"
    );
    c.write(head.as_bytes()).await.unwrap();
    let r = tokio::time::timeout(Duration::from_secs(10), c.read_response())
        .await
        .expect("answered before the body arrived")
        .unwrap();
    assert_eq!(r.status, 413);
    assert_eq!(r.json()["error"]["code"], "envelope.too_large");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_body_that_does_not_arrive_in_time() {
    let limits = Limits {
        body_timeout: Duration::from_millis(300),
        ..Limits::default()
    };
    let (addr, _stop) = listen(AppState::new(bundle(), None, limits)).await;
    let mut c = Client::connect(addr).await;
    let head = format!(
        "POST {VALIDATE} HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\ncontent-length: 100\r\n\r\n{{\"form\""
    );
    c.write(head.as_bytes()).await.unwrap();
    let r = tokio::time::timeout(Duration::from_secs(10), c.read_response())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(r.status, 408);
    assert_eq!(r.json()["error"]["code"], "request.timeout");
}

#[tokio::test]
async fn deeply_nested_json() {
    let deep = format!(
        r#"{{"form": "shobyo_teate", "fields": {}{}}}"#,
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    let (status, body) = send(&app(state()), post_json(VALIDATE, deep)).await;
    assert_error(status, &body, 400, "envelope.malformed");
    let unclosed = "{\"a\":".repeat(50_000);
    let (status, body) = send(&app(state()), post_json(VALIDATE, unclosed)).await;
    assert_error(status, &body, 400, "envelope.malformed");
}

#[tokio::test]
async fn invalid_utf8() {
    let mut bytes = typical().to_string().into_bytes();
    let at = bytes.len() / 2;
    bytes.splice(at..at, [0xFF, 0xFE, 0xC3]);
    let (status, body) = send(&app(state()), post_json(VALIDATE, bytes)).await;
    assert_error(status, &body, 400, "envelope.malformed");
}

#[tokio::test]
async fn huge_strings() {
    // Under the body limit, so a verdict: the field's length rule says no.
    let mut sub = typical();
    sub["qualification"]["name_kanji"] = "協".repeat(300_000).into();
    sub["fields"]["job"] = "x".repeat(100_000).into();
    let (status, body) = send(&app(state()), post_json(VALIDATE, sub.to_string())).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["valid"], false);
    let paths: Vec<&str> = body["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["path"].as_str().unwrap())
        .collect();
    assert!(paths.contains(&"/qualification/name_kanji"), "{paths:?}");
    assert!(paths.contains(&"/fields/job"), "{paths:?}");
    // Nothing of the string comes back in a message (the canonical
    // submission carries the value as sent: it could not be read).
    for issues in [&body["errors"], &body["warnings"]] {
        assert!(!issues.to_string().contains(&"x".repeat(100)));
    }
    assert_eq!(body["canonical"]["fields"]["job"], sub["fields"]["job"]);
}

#[tokio::test]
async fn numbers_out_of_range() {
    let router = app(state());
    let with = |n: &str| typical().to_string().replacen("300000", n, 1);
    // Beyond what JSON numbers can be read as: malformed.
    let (status, body) = send(&router, post_json(VALIDATE, with("1e400"))).await;
    assert_error(status, &body, 400, "envelope.malformed");
    // Integers beyond 64 bits: a verdict on the field's range.
    let path = "/fields/standard_monthly/0/amount";
    for (n, code) in [
        ("-99999999999999999999999999999", "range.min"),
        ("18446744073709551616", "range.max"),
        ("123456789012345678901234567890", "range.max"),
    ] {
        let (status, body) = send(&router, post_json(VALIDATE, with(n))).await;
        assert_eq!(status, StatusCode::OK, "{n}: {body}");
        let e = &body["errors"][0];
        assert_eq!(
            (e["path"].as_str(), e["code"].as_str()),
            (Some(path), Some(code)),
            "{n}: {body}"
        );
    }
}

#[tokio::test]
async fn duplicate_keys_and_non_objects() {
    let dup = r#"{"form": "shobyo_teate", "form": "ninkei_shutoku"}"#;
    let (status, body) = send(&app(state()), post_json(VALIDATE, dup)).await;
    assert_error(status, &body, 400, "envelope.malformed");
    for not_object in ["[]", "\"shobyo_teate\"", "null", "12"] {
        let (status, body) = send(&app(state()), post_json(VALIDATE, not_object)).await;
        assert_error(status, &body, 422, "type");
    }
    let (status, body) = send(&app(state()), post_json(VALIDATE, "")).await;
    assert_error(status, &body, 400, "envelope.malformed");
}

#[tokio::test]
async fn bad_query_parameters() {
    let router = app(state());
    let sub = typical().to_string();
    for uri in [
        "/v1/forms/shobyo_teate/validate?now=2026-03-02T10:00:00%2B09:00",
        "/v1/forms/shobyo_teate/validate?dry_run=true&now=yesterday",
        "/v1/forms/shobyo_teate/validate?dry_run=maybe",
        "/v1/forms/shobyo_teate/validate?lang=fr",
        "/v1/forms/shobyo_teate/validate?version=2026.1",
        "/v1/forms/shobyo_teate/validate?x=%FF",
    ] {
        let (status, body) = send(&router, post_json(uri, sub.clone())).await;
        assert_error(status, &body, 400, "request.query");
    }
    let (status, body) = send(&router, get("/v1/forms?verison=1")).await;
    assert_error(status, &body, 400, "request.query");
}

#[tokio::test]
async fn unknown_routes_and_methods() {
    let router = app(state());
    let (status, body) = send(&router, get("/v2/forms")).await;
    assert_error(status, &body, 404, "request.not_found");
    let (status, body) = send(&router, get("/v1/forms/shobyo_teate/validate")).await;
    assert_error(status, &body, 405, "request.method");
    let (status, body) = send(
        &router,
        Request::delete("/v1/forms").body(Body::empty()).unwrap(),
    )
    .await;
    assert_error(status, &body, 405, "request.method");
    let (status, body) = send(&router, get("/admin/reload")).await;
    assert_error(status, &body, 405, "request.method");
}

async fn boom() -> &'static str {
    let v: Vec<&str> = Vec::new();
    v[1] // an index out of bounds, as a bug would
}

#[tokio::test]
async fn a_panic_is_a_json_500_and_the_next_request_is_served() {
    let routes = shinsei_server::routes(state(), None).route("/boom", route_get(boom));
    let router = shinsei_server::layers(routes, state());
    let (status, body) = send(&router, get("/boom")).await;
    assert_error(status, &body, 500, "internal");
    let (status, _) = send(&router, post_json(VALIDATE, typical().to_string())).await;
    assert_eq!(status, StatusCode::OK);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_process_keeps_serving_after_bad_requests() {
    let (addr, _stop) = listen(state()).await;
    let sub = typical().to_string();
    let json = [("content-type", "application/json")];
    // Bad requests on one connection (keep-alive survives an error answer).
    let mut c = Client::connect(addr).await;
    for body in ["{", "[[[[[[", "\u{0}", "{\"form\": 1}"] {
        let r = c
            .request("POST", VALIDATE, &json, body.as_bytes())
            .await
            .unwrap();
        assert!((400..500).contains(&r.status), "{}", r.status);
        assert!(r.json()["error"]["code"].is_string());
    }
    let r = c
        .request("POST", VALIDATE, &json, &[0xFF, 0xFF])
        .await
        .unwrap();
    assert_eq!(r.status, 400);
    // Garbage that is not HTTP, a request cut in the middle, a body shorter
    // than announced, an enormous header: each on its own connection.
    let garbage: [&[u8]; 4] = [
        b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03 not http at all\r\n\r\n",
        b"POST /v1/forms/shobyo_teate/validate HTTP/1.1\r\ncontent-le",
        b"POST /v1/forms/shobyo_teate/validate HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\ncontent-length: 1000\r\n\r\n{\"form\"",
        &[b'a'; 200_000],
    ];
    for g in garbage {
        let mut bad = Client::connect(addr).await;
        let _ = bad.write(g).await;
        drop(bad);
    }
    let mut huge_header = Client::connect(addr).await;
    let long = "y".repeat(1_000_000);
    let r = huge_header
        .request("GET", "/healthz", &[("x-long", &long)], b"")
        .await;
    assert!(
        r.map_or(true, |r| r.status == 431 || r.status == 400),
        "header too large refused"
    );
    tokio::time::sleep(Duration::from_millis(50)).await;
    // Still serving, on the old connection and on a new one.
    let r = c
        .request("POST", VALIDATE, &json, sub.as_bytes())
        .await
        .unwrap();
    assert_eq!(r.status, 200);
    assert_eq!(r.json()["valid"], true);
    let mut fresh = Client::connect(addr).await;
    let r = fresh.request("GET", "/healthz", &[], b"").await.unwrap();
    assert_eq!(r.status, 200);
}

/// A validate request whose body is `body` encoded as `coding`.
fn encoded(coding: &str, body: Vec<u8>) -> Request<Body> {
    Request::post(VALIDATE)
        .header("content-type", "application/json")
        .header("content-encoding", coding)
        .body(Body::from(body))
        .unwrap()
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    use std::io::Write as _;
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    e.write_all(bytes).unwrap();
    e.finish().unwrap()
}

fn br(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut input = bytes;
    let params = brotli::enc::BrotliEncoderParams {
        quality: 5,
        ..Default::default()
    };
    brotli::BrotliCompress(&mut input, &mut out, &params).unwrap();
    out
}

#[tokio::test]
async fn compressed_bodies_are_decoded_within_the_limit() {
    let body = typical().to_string().into_bytes();
    for (coding, bytes) in [
        ("gzip", gzip(&body)),
        ("x-gzip", gzip(&body)),
        ("GZIP", gzip(&body)),
        ("br", br(&body)),
        ("identity", body.clone()),
    ] {
        let (status, v) = send(&app(state()), encoded(coding, bytes)).await;
        assert_eq!(
            (status, &v["valid"]),
            (StatusCode::OK, &true.into()),
            "{coding}: {v}"
        );
    }
    // A bomb: 16 MiB of spaces is 16 KB of gzip, a few dozen bytes of
    // brotli; decoding stops at the 1 MiB limit.
    let zeros = vec![b' '; 16 << 20];
    for (coding, bytes) in [("gzip", gzip(&zeros)), ("br", br(&zeros))] {
        let (status, v) = send(&app(state()), encoded(coding, bytes)).await;
        assert_error(status, &v, 413, "envelope.too_large");
    }
    // Not what it says it is.
    let (status, v) = send(&app(state()), encoded("gzip", body.clone())).await;
    assert_error(status, &v, 400, "request.body");
}

#[tokio::test]
async fn other_content_codings_are_refused_with_415() {
    let body = typical().to_string().into_bytes();
    for coding in ["compress", "deflate", "zstd", "gzip, br", "gzip;q=1", ""] {
        let (status, v) = send(&app(state()), encoded(coding, body.clone())).await;
        assert_error(status, &v, 415, "request.content_encoding");
    }
    // Two headers.
    let req = Request::post(VALIDATE)
        .header("content-type", "application/json")
        .header("content-encoding", "gzip")
        .header("content-encoding", "gzip")
        .body(Body::from(gzip(&gzip(&body))))
        .unwrap();
    let (status, v) = send(&app(state()), req).await;
    assert_error(status, &v, 415, "request.content_encoding");
}

#[tokio::test]
async fn a_repeated_query_parameter_is_refused() {
    for uri in [
        format!("{VALIDATE}&now=2026-03-03T10:00:00%2B09:00"),
        format!("{VALIDATE}&dry_run=false"),
        "/v1/forms/shobyo_teate?version=2026.1&version=2026.1".to_owned(),
        "/v1/forms/shobyo_teate/schema?lang=en&lang=en".to_owned(),
    ] {
        let req = if uri.contains("validate") {
            post_json(&uri, typical().to_string())
        } else {
            get(&uri)
        };
        let (status, v) = send(&app(state()), req).await;
        assert_error(status, &v, 400, "request.query");
    }
}
