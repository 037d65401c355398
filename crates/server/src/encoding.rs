//! Request bodies compressed by the client (`Content-Encoding: gzip` or
//! `br`) are decompressed as they are read, so every limit applies to the
//! decompressed bytes: a decompression bomb stops at `--max-body` with `413`
//! like any other large body. Any other coding — or several — is refused
//! with `415 request.content_encoding` (JSON) before the handler runs.

use axum::Router;
use axum::extract::Request;
use axum::http::{HeaderValue, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use shinsei_runtime::Lang;
use tower_http::decompression::RequestDecompressionLayer;

use crate::error::{ApiError, Problem};

/// `router` with request decompression and the check in front of it.
pub(crate) fn wrap(router: Router) -> Router {
    router
        .layer(
            RequestDecompressionLayer::new()
                .gzip(true)
                .br(true)
                .no_deflate()
                .no_zstd(),
        )
        .layer(middleware::from_fn(check))
}

/// Refuses a coding the decompression layer does not read, and spells the
/// ones it does as it expects them (`x-gzip`, `GZIP` → `gzip`).
async fn check(mut req: Request, next: Next) -> Response {
    let mut values = req.headers().get_all(header::CONTENT_ENCODING).iter();
    let coding = match (values.next(), values.next()) {
        (None, _) => return next.run(req).await,
        (Some(one), None) => one.to_str().ok().map(|v| v.trim().to_ascii_lowercase()),
        (Some(_), Some(_)) => None,
    };
    let canonical = match coding.as_deref() {
        Some("gzip" | "x-gzip") => "gzip",
        Some("br") => "br",
        Some("identity") => "identity",
        _ => {
            let en = req
                .uri()
                .query()
                .is_some_and(|q| q.split('&').any(|p| p == "lang=en"));
            let lang = if en { Lang::En } else { Lang::Ja };
            return ApiError::new(Problem::ContentEncoding)
                .lang(lang)
                .into_response();
        }
    };
    req.headers_mut().insert(
        header::CONTENT_ENCODING,
        HeaderValue::from_static(canonical),
    );
    next.run(req).await
}
