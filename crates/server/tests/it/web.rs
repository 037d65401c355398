//! Serving browsers, over the real router: gzip and brotli for JSON and
//! static files (precompressed siblings as they are), ETags and 304s,
//! Cache-Control per kind of answer, and CORS (off by default; preflights
//! answered for the origins given).

use std::path::Path;

use axum::Router;
use axum::body::Body;
use axum::http::{HeaderMap, HeaderValue, Request, StatusCode, header};
use http_body_util::BodyExt as _;
use shinsei_server::web::{IMMUTABLE, REVALIDATE, parse_origin};
use shinsei_server::{Cors, Web};
use tower::ServiceExt as _;
use tower_http::decompression::DecompressionLayer;

use crate::common::{VALIDATE, assert_error, post_json, scratch, send, state, typical};

/// Text that compresses well and is longer than the 1 KiB threshold.
fn script(n: usize) -> String {
    (0..n)
        .map(|i| format!("export const field{i} = \"/fields/leave/{i}/from\";\n"))
        .collect()
}

/// A static directory like the portal's build: an index, content-hashed
/// assets, and a file with a precompressed sibling.
fn site() -> std::path::PathBuf {
    let dir = scratch("web");
    std::fs::write(
        dir.join("index.html"),
        "<!doctype html><title>portal</title>",
    )
    .unwrap();
    std::fs::create_dir_all(dir.join("assets")).unwrap();
    std::fs::write(dir.join("assets/index-Bq3xY9aZ.js"), script(200)).unwrap();
    std::fs::write(dir.join("pre.js"), script(100)).unwrap();
    std::fs::write(dir.join("pre.js.br"), b"precompressed with brotli").unwrap();
    dir
}

fn router(dir: &Path, cors: Cors) -> Router {
    let web = Web {
        static_dir: Some(dir.to_path_buf()),
        cors,
    };
    shinsei_server::app_with(state(), &web)
}

/// A request with these headers.
fn req(method: &str, uri: &str, headers: &[(&str, &str)]) -> Request<Body> {
    let mut r = Request::builder().method(method).uri(uri);
    for (k, v) in headers {
        r = r.header(*k, *v);
    }
    r.body(Body::empty()).unwrap()
}

/// Status, headers and the body bytes as sent (still compressed).
async fn raw(router: &Router, r: Request<Body>) -> (StatusCode, HeaderMap, Vec<u8>) {
    let res = router.clone().oneshot(r).await.unwrap();
    let (parts, body) = res.into_parts();
    let bytes = body.collect().await.unwrap().to_bytes().to_vec();
    (parts.status, parts.headers, bytes)
}

/// The body as a client that decompresses would read it.
async fn decoded(router: &Router, r: Request<Body>) -> Vec<u8> {
    let service = tower::ServiceBuilder::new()
        .layer(DecompressionLayer::new())
        .service(router.clone());
    let res = service.oneshot(r).await.unwrap();
    res.into_body().collect().await.unwrap().to_bytes().to_vec()
}

fn h(headers: &HeaderMap, name: header::HeaderName) -> &str {
    headers.get(&name).map_or("", |v| v.to_str().unwrap())
}

#[tokio::test]
async fn static_files_are_compressed_with_what_the_client_accepts() {
    let dir = site();
    let app = router(&dir, Cors::Off);
    let path = "/assets/index-Bq3xY9aZ.js";
    let plain = std::fs::read(dir.join(&path[1..])).unwrap();

    for (accept, encoding) in [("gzip, deflate, br", "br"), ("gzip", "gzip"), ("", "")] {
        let (status, headers, body) =
            raw(&app, req("GET", path, &[("accept-encoding", accept)])).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(h(&headers, header::CONTENT_ENCODING), encoding, "{accept}");
        assert!(
            h(&headers, header::VARY).contains("accept-encoding"),
            "{headers:?}"
        );
        if encoding.is_empty() {
            assert_eq!(body, plain);
        } else {
            assert!(
                body.len() * 5 < plain.len(),
                "{encoding}: {} of {}",
                body.len(),
                plain.len()
            );
        }
    }
    let via_client = decoded(&app, req("GET", path, &[])).await;
    assert_eq!(via_client, plain, "the compressed bytes decode to the file");

    // A precompressed sibling is sent as it is; without one the layer compresses.
    let (_, headers, body) = raw(&app, req("GET", "/pre.js", &[("accept-encoding", "br")])).await;
    assert_eq!(h(&headers, header::CONTENT_ENCODING), "br");
    assert_eq!(body, b"precompressed with brotli");
    let (_, headers, _) = raw(&app, req("GET", "/pre.js", &[("accept-encoding", "gzip")])).await;
    assert_eq!(h(&headers, header::CONTENT_ENCODING), "gzip");

    // Under 1 KiB: not worth compressing.
    let (_, headers, body) = raw(&app, req("GET", "/", &[("accept-encoding", "br")])).await;
    assert_eq!(h(&headers, header::CONTENT_ENCODING), "");
    assert!(String::from_utf8(body).unwrap().contains("portal"));
}

#[tokio::test]
async fn static_files_have_etags_and_a_lifetime() {
    let dir = site();
    let app = router(&dir, Cors::Off);

    // Content-hashed names (in `assets/`) are immutable; the page is revalidated.
    let (_, headers, _) = raw(&app, req("GET", "/assets/index-Bq3xY9aZ.js", &[])).await;
    assert_eq!(h(&headers, header::CACHE_CONTROL), IMMUTABLE);
    let (status, headers, _) = raw(&app, req("GET", "/", &[])).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(h(&headers, header::CACHE_CONTROL), REVALIDATE);
    let tag = h(&headers, header::ETAG).to_owned();
    assert!(tag.starts_with("W/\"") && tag.ends_with('"'), "{tag}");

    // The same tag: 304, no body; another: the file.
    let (status, headers, body) = raw(&app, req("GET", "/", &[("if-none-match", &tag)])).await;
    assert_eq!(status, StatusCode::NOT_MODIFIED);
    assert!(body.is_empty());
    assert_eq!(h(&headers, header::ETAG), tag);
    assert_eq!(h(&headers, header::CACHE_CONTROL), REVALIDATE);
    let (status, _, body) = raw(&app, req("GET", "/", &[("if-none-match", "W/\"0-0\"")])).await;
    assert_eq!(status, StatusCode::OK);
    assert!(!body.is_empty());

    // If-None-Match wins over If-Modified-Since (a changed file is sent even
    // if its date says otherwise).
    let later = "Fri, 31 Dec 2100 23:59:59 GMT";
    let (status, _, _) = raw(
        &app,
        req(
            "GET",
            "/",
            &[("if-none-match", "W/\"0-0\""), ("if-modified-since", later)],
        ),
    )
    .await;
    assert_eq!(status, StatusCode::OK);

    // The tag follows the file.
    std::fs::write(
        dir.join("index.html"),
        "<!doctype html><title>portal, changed</title>",
    )
    .unwrap();
    let (_, headers, _) = raw(&app, req("GET", "/", &[])).await;
    assert_ne!(h(&headers, header::ETAG), tag);

    // A range of a file keeps the file's lifetime, with no tag of its own.
    let (status, headers, body) = raw(
        &app,
        req(
            "GET",
            "/assets/index-Bq3xY9aZ.js",
            &[("range", "bytes=0-9")],
        ),
    )
    .await;
    assert_eq!(status, StatusCode::PARTIAL_CONTENT);
    assert_eq!(body.len(), 10);
    assert_eq!(h(&headers, header::CACHE_CONTROL), IMMUTABLE);
    assert!(headers.get(header::ETAG).is_none());

    // A missing file is a JSON 404 that nobody keeps.
    let (status, headers, _) = raw(&app, req("GET", "/assets/gone-00000000.js", &[])).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(h(&headers, header::CACHE_CONTROL), "no-store");
}

#[tokio::test]
async fn api_json_is_compressed_and_revalidated() {
    let app = router(&site(), Cors::Off);
    let uri = "/v1/forms/shobyo_teate";
    let (status, headers, plain) = raw(&app, req("GET", uri, &[])).await;
    assert_eq!(status, StatusCode::OK);
    assert!(plain.len() > 1024, "the description is worth compressing");
    assert_eq!(h(&headers, header::CACHE_CONTROL), REVALIDATE);
    let tag = h(&headers, header::ETAG).to_owned();
    assert!(tag.starts_with("W/\"") && tag.len() == 2 + 2 + 32, "{tag}");

    let (_, headers, gz) = raw(&app, req("GET", uri, &[("accept-encoding", "gzip")])).await;
    assert_eq!(h(&headers, header::CONTENT_ENCODING), "gzip");
    assert_eq!(
        h(&headers, header::ETAG),
        tag,
        "one tag for every encoding (weak)"
    );
    assert!(
        gz.len() * 4 < plain.len(),
        "{} of {}",
        gz.len(),
        plain.len()
    );
    assert_eq!(decoded(&app, req("GET", uri, &[])).await, plain);

    let (status, _, body) = raw(&app, req("GET", uri, &[("if-none-match", &tag)])).await;
    assert_eq!(status, StatusCode::NOT_MODIFIED);
    assert!(body.is_empty());
    for other in [
        "/v1/forms",
        "/v1/forms/shobyo_teate/schema",
        "/v1/openapi.json",
    ] {
        let (status, headers, _) = raw(&app, req("GET", other, &[])).await;
        assert_eq!(status, StatusCode::OK, "{other}");
        assert_ne!(h(&headers, header::ETAG), tag, "{other}");
        assert_eq!(h(&headers, header::CACHE_CONTROL), REVALIDATE, "{other}");
    }
}

#[tokio::test]
async fn verdicts_errors_and_probes_are_never_stored() {
    let app = router(&site(), Cors::Off);
    let mut r = post_json(VALIDATE, typical().to_string());
    r.headers_mut()
        .insert(header::ACCEPT_ENCODING, HeaderValue::from_static("br"));
    let (status, headers, _) = raw(&app, r).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(h(&headers, header::CACHE_CONTROL), "no-store");
    assert!(headers.get(header::ETAG).is_none());
    // The verdict a client decodes is the verdict.
    let plain = decoded(&app, post_json(VALIDATE, typical().to_string())).await;
    let verdict: serde_json::Value = serde_json::from_slice(&plain).unwrap();
    assert_eq!(verdict["valid"], true);

    for uri in ["/healthz", "/metrics", "/v1/forms/nope"] {
        let (_, headers, _) = raw(&app, req("GET", uri, &[])).await;
        assert_eq!(h(&headers, header::CACHE_CONTROL), "no-store", "{uri}");
        assert!(headers.get(header::ETAG).is_none(), "{uri}");
    }
}

fn preflight(origin: &str) -> Request<Body> {
    req(
        "OPTIONS",
        "/v1/forms/shobyo_teate/validate",
        &[
            ("origin", origin),
            ("access-control-request-method", "POST"),
            (
                "access-control-request-headers",
                "content-type,content-encoding",
            ),
        ],
    )
}

#[tokio::test]
async fn cors_is_off_unless_origins_are_given() {
    let app = router(&site(), Cors::Off);
    let (status, body) = send(&app, preflight("http://localhost:5173")).await;
    assert_error(status, &body, 405, "request.method");
    let (_, headers, _) = raw(
        &app,
        req("GET", "/v1/forms", &[("origin", "http://localhost:5173")]),
    )
    .await;
    assert!(headers.get(header::ACCESS_CONTROL_ALLOW_ORIGIN).is_none());
}

#[tokio::test]
async fn cors_answers_preflights_for_the_allowed_origins() {
    let portal = "http://localhost:5173";
    let origin = parse_origin(portal).unwrap();
    let app = router(&site(), Cors::from_origins(&[origin]).unwrap());

    let (status, headers, body) = raw(&app, preflight(portal)).await;
    assert!(status.is_success(), "{status}");
    assert!(body.is_empty());
    assert_eq!(h(&headers, header::ACCESS_CONTROL_ALLOW_ORIGIN), portal);
    assert!(h(&headers, header::ACCESS_CONTROL_ALLOW_METHODS).contains("POST"));
    // A page may send its body compressed: Content-Encoding is allowed.
    let allowed = h(&headers, header::ACCESS_CONTROL_ALLOW_HEADERS);
    assert!(allowed.contains("content-type"), "{allowed}");
    assert!(allowed.contains("content-encoding"), "{allowed}");
    assert_eq!(h(&headers, header::ACCESS_CONTROL_MAX_AGE), "600");

    // Another origin gets no permission (the browser then refuses).
    let (_, headers, _) = raw(&app, preflight("https://evil.example")).await;
    assert!(headers.get(header::ACCESS_CONTROL_ALLOW_ORIGIN).is_none());

    // The request itself: allowed, readable, and marked as varying by origin.
    let mut r = post_json(VALIDATE, typical().to_string());
    r.headers_mut()
        .insert(header::ORIGIN, HeaderValue::from_static(portal));
    let (status, headers, _) = raw(&app, r).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(h(&headers, header::ACCESS_CONTROL_ALLOW_ORIGIN), portal);
    // (One `vary` header per layer: compression adds its own once the body is
    // large enough.)
    let vary: Vec<&str> = headers
        .get_all(header::VARY)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .collect();
    assert!(vary.iter().any(|v| v.contains("origin")), "{headers:?}");
    let exposed = h(&headers, header::ACCESS_CONTROL_EXPOSE_HEADERS);
    assert!(
        exposed.contains("etag") && exposed.contains("retry-after"),
        "{exposed}"
    );

    // Errors are readable too (the page can show the code).
    let (status, headers, _) = raw(&app, req("GET", "/v1/forms/nope", &[("origin", portal)])).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(h(&headers, header::ACCESS_CONTROL_ALLOW_ORIGIN), portal);

    let any = router(&site(), Cors::Any);
    let (_, headers, _) = raw(&any, preflight("https://anyone.example")).await;
    assert_eq!(h(&headers, header::ACCESS_CONTROL_ALLOW_ORIGIN), "*");
}
