//! Validators and lifetimes: what a browser or a proxy may keep, and for how
//! long.
//!
//! | answer | `Cache-Control` | `ETag` |
//! |---|---|---|
//! | a static file in a directory named `assets` (content-hashed names) | [`IMMUTABLE`] | `W/"<size>-<mtime>"` |
//! | any other static file (`index.html`, …) | [`REVALIDATE`] | `W/"<size>-<mtime>"` |
//! | `GET` of the API's JSON (forms, descriptions, schemas, OpenAPI) | [`REVALIDATE`] | `W/"<sha-256 of the body>"` |
//! | everything else: verdicts (they hold personal data), uploads, errors, `/healthz`, `/metrics` | `no-store` | — |
//!
//! A `GET` whose `If-None-Match` matches gets `304 Not Modified` with no body.
//! The tags are weak: the same tag stands for the plain and the compressed
//! bytes (compression happens outside this layer). `If-None-Match` takes
//! precedence over `If-Modified-Since` (RFC 9110 §13.2.2), so the latter is
//! dropped before the static-file service sees it.

use std::fmt::Write as _;

use axum::body::{Body, HttpBody};
use axum::extract::Request;
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use sha2::{Digest, Sha256};

use crate::api::is_api;

/// Content-hashed static files: a year, never revalidated.
pub const IMMUTABLE: &str = "public, max-age=31536000, immutable";
/// Kept, but asked about again (with `If-None-Match`) before each use.
pub const REVALIDATE: &str = "no-cache";
/// Not kept by any cache: verdicts (personal data), uploads, errors, `/healthz`, `/metrics`.
pub const NO_STORE: &str = "no-store";

/// API bodies larger than this are not hashed (none is, today).
const MAX_HASHED_BYTES: u64 = 16 << 20;

/// Whether a `GET` of the API path `path` (a route's template will do) is
/// answered with an `ETag` and [`REVALIDATE`], and `304` on a match: every
/// API `GET` but the live numbers (`/healthz`, `/metrics`).
pub fn api_get_revalidated(path: &str) -> bool {
    path != "/healthz" && path != "/metrics"
}

/// The middleware: sets `Cache-Control` and `ETag`, answers `304`.
pub(crate) async fn validators(mut req: Request, next: Next) -> Response {
    let method = req.method().clone();
    let path = req.uri().path().to_owned();
    let if_none_match = req.headers().get(header::IF_NONE_MATCH).cloned();
    if if_none_match.is_some() {
        req.headers_mut().remove(header::IF_MODIFIED_SINCE);
    }
    let mut res = next.run(req).await;
    if res.headers().contains_key(header::CACHE_CONTROL) {
        return res; // the handler decided
    }
    let get = method == Method::GET || method == Method::HEAD;
    let (policy, tag) = match (get, is_api(&path), res.status()) {
        (false, ..) => (NO_STORE, None),
        (true, true, StatusCode::OK) => {
            if !api_get_revalidated(&path) || method == Method::HEAD {
                (NO_STORE, None)
            } else {
                let (tag, body) = body_tag(res).await;
                res = body;
                (REVALIDATE, tag)
            }
        }
        // A static file, ServeDir's own 304 (If-Modified-Since), or a range
        // of a file (whose Content-Length is the range's: no tag from it).
        (
            true,
            false,
            status @ (StatusCode::OK | StatusCode::NOT_MODIFIED | StatusCode::PARTIAL_CONTENT),
        ) => {
            if !res.headers().contains_key(header::VARY) {
                // Precompressed siblings are chosen by Accept-Encoding.
                res.headers_mut()
                    .insert(header::VARY, HeaderValue::from_static("accept-encoding"));
            }
            let policy = if path.split('/').any(|s| s == "assets") {
                IMMUTABLE
            } else {
                REVALIDATE
            };
            let tag = (status != StatusCode::PARTIAL_CONTENT)
                .then(|| file_tag(res.headers()))
                .flatten();
            (policy, tag)
        }
        _ => (NO_STORE, None),
    };
    let headers = res.headers_mut();
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(policy));
    let Some(tag) = tag else { return res };
    headers.insert(header::ETAG, tag.clone());
    if if_none_match.is_some_and(|inm| matches(&inm, &tag)) {
        return not_modified(res.headers());
    }
    res
}

/// `W/"<size hex>-<mtime>"` from the file's Content-Length and Last-Modified
/// (as nginx does), without reading the file.
fn file_tag(headers: &HeaderMap) -> Option<HeaderValue> {
    let len: u64 = headers
        .get(header::CONTENT_LENGTH)?
        .to_str()
        .ok()?
        .parse()
        .ok()?;
    let modified = headers.get(header::LAST_MODIFIED)?.to_str().ok()?;
    let secs = chrono::DateTime::parse_from_rfc2822(modified)
        .ok()?
        .timestamp();
    HeaderValue::from_str(&format!("W/\"{len:x}-{secs:x}\"")).ok()
}

/// `W/"<first 16 bytes of the body's SHA-256, hex>"`; the body is in memory
/// already (the API's views are precomputed), so reading it costs a copy of
/// a reference count.
async fn body_tag(res: Response) -> (Option<HeaderValue>, Response) {
    if res
        .body()
        .size_hint()
        .upper()
        .is_none_or(|n| n > MAX_HASHED_BYTES)
    {
        return (None, res);
    }
    let (parts, body) = res.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, usize::MAX).await else {
        // The body failed while being read: nothing can be sent anyway.
        return (None, StatusCode::INTERNAL_SERVER_ERROR.into_response());
    };
    let digest = Sha256::digest(&bytes);
    let mut tag = String::with_capacity(36);
    tag.push_str("W/\"");
    for b in digest.iter().take(16) {
        let _ = write!(tag, "{b:02x}");
    }
    tag.push('"');
    let res = Response::from_parts(parts, Body::from(bytes));
    (HeaderValue::from_str(&tag).ok(), res)
}

/// Weak comparison of `If-None-Match` (a list, or `*`) with `tag`.
fn matches(if_none_match: &HeaderValue, tag: &HeaderValue) -> bool {
    let Ok(list) = if_none_match.to_str() else {
        return false;
    };
    let Ok(tag) = tag.to_str() else { return false };
    let opaque = |t: &str| t.trim().trim_start_matches("W/").to_owned();
    let tag = opaque(tag);
    list.split(',')
        .any(|candidate| candidate.trim() == "*" || opaque(candidate) == tag)
}

/// `304` with the headers a cache needs to refresh what it holds.
fn not_modified(headers: &HeaderMap) -> Response {
    let mut res = StatusCode::NOT_MODIFIED.into_response();
    for name in [
        header::ETAG,
        header::CACHE_CONTROL,
        header::VARY,
        header::LAST_MODIFIED,
        header::CONTENT_LOCATION,
        header::EXPIRES,
    ] {
        for value in headers.get_all(&name) {
            res.headers_mut().append(name.clone(), value.clone());
        }
    }
    res
}

#[cfg(test)]
#[allow(clippy::unwrap_used, reason = "tests may panic")]
mod tests {
    use super::*;

    fn hv(s: &str) -> HeaderValue {
        HeaderValue::from_str(s).unwrap()
    }

    #[test]
    fn weak_comparison() {
        let tag = hv("W/\"abc\"");
        assert!(matches(&hv("W/\"abc\""), &tag));
        assert!(matches(&hv("\"abc\""), &tag));
        assert!(matches(&hv("\"x\", W/\"abc\""), &tag));
        assert!(matches(&hv("*"), &tag));
        assert!(!matches(&hv("W/\"abd\""), &tag));
        assert!(!matches(&hv("abc"), &tag));
    }

    #[test]
    fn file_tags_come_from_size_and_date() {
        let mut h = HeaderMap::new();
        h.insert(header::CONTENT_LENGTH, hv("631000"));
        h.insert(header::LAST_MODIFIED, hv("Sun, 06 Dec 2026 13:12:00 GMT"));
        assert_eq!(file_tag(&h).unwrap(), "W/\"9a0d8-6b155f20\"");
        h.remove(header::LAST_MODIFIED);
        assert_eq!(file_tag(&h), None);
    }
}
