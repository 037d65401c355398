//! How the service serves browsers, as layers around the routes (they do not
//! know the routes' handlers):
//!
//! - **compression**: gzip and brotli for every compressible answer of 1 KiB
//!   or more — JSON and static files alike — as the client's
//!   `Accept-Encoding` allows; a static file with a precompressed sibling
//!   (`app.js.br`, `app.js.gz`, written by the portal's build) is sent as it
//!   is, without compressing it again;
//! - **validators and lifetimes** (`cache`): an `ETag` on every `GET` of
//!   the API's JSON and of static files, `304 Not Modified` on a matching
//!   `If-None-Match`, and a `Cache-Control` for each kind of answer;
//! - **CORS** (`cors`): off unless origins are given (`--cors-origin`);
//!   then preflights are answered and the allowed origins may read answers.

mod cache;
mod cors;

use std::path::PathBuf;

use axum::Router;
use axum::middleware;
use tower_http::compression::predicate::{NotForContentType, Predicate, SizeAbove};
use tower_http::compression::{CompressionLayer, CompressionLevel};

pub use cache::{IMMUTABLE, NO_STORE, REVALIDATE, api_get_revalidated};
pub use cors::{Cors, CorsOrigin, CorsPolicy, POLICY as CORS_POLICY, parse_origin};

/// The browser-facing options of the service.
#[derive(Clone, Debug, Default)]
pub struct Web {
    /// A directory served at `/` (the portal page), if any.
    pub static_dir: Option<PathBuf>,
    /// Which other origins' pages may call the API.
    pub cors: Cors,
}

impl Web {
    /// Static files from `dir` (if any), no CORS.
    pub fn files(static_dir: Option<PathBuf>) -> Web {
        Web {
            static_dir,
            cors: Cors::Off,
        }
    }
}

/// Answers smaller than this are sent as they are: compressing them saves
/// little and costs a few microseconds on every validation.
pub const COMPRESS_MIN_BYTES: u16 = 1024;

/// Wraps `router` (already wrapped in catch-panic) in the layers above;
/// outermost first: CORS, compression, validators and lifetimes.
pub(crate) fn wrap(router: Router, web: &Web) -> Router {
    let compressible = SizeAbove::new(COMPRESS_MIN_BYTES)
        .and(NotForContentType::GRPC)
        .and(NotForContentType::IMAGES)
        .and(NotForContentType::SSE)
        .and(NotForContentType::const_new("application/pdf"));
    let router = router.layer(middleware::from_fn(cache::validators)).layer(
        CompressionLayer::new()
            .no_deflate()
            .no_zstd()
            // gzip 6 and brotli 4: the levels nginx uses on the fly.
            .quality(CompressionLevel::Default)
            .compress_when(compressible),
    );
    match cors::layer(&web.cors) {
        Some(cors) => router.layer(cors),
        None => router,
    }
}
