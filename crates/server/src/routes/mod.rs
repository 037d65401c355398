//! The routes, the fallbacks (JSON 404/405, or a static directory), and the
//! layers every request goes through: observe (metrics and one access-log line)
//! and catch-panic (a JSON 500; the process goes on).

mod admin;
mod attachments;
mod forms;
mod handlers;
mod render;
mod validate;

pub(crate) use admin::{Health, Reload};
pub(crate) use attachments::Check as AttachmentCheck;
pub(crate) use validate::refused;

use std::path::PathBuf;
use std::time::Instant;

use axum::Router;
use axum::body::Body;
use axum::extract::{MatchedPath, Request, State};
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use tower::ServiceExt as _;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::services::ServeDir;

use crate::api::{self, ROUTES, is_api};
use crate::error::{ApiError, ErrorCode, Problem};
use crate::state::AppState;
use crate::web::Web;

/// The API routes with their fallbacks, without the layers.
pub fn routes(state: AppState, static_dir: Option<PathBuf>) -> Router {
    let api = ROUTES
        .iter()
        .fold(Router::new(), |router, r| {
            router.route(r.path, handlers::method_router(r))
        })
        .method_not_allowed_fallback(method_not_allowed)
        .with_state(state);
    match static_dir {
        None => api.fallback(not_found),
        Some(dir) => {
            let files = ServeDir::new(dir)
                .append_index_html_on_directories(true)
                .precompressed_br()
                .precompressed_gzip();
            api.fallback(move |req: Request| static_or_not_found(files.clone(), req))
        }
    }
}

/// `routes` with the layers, without CORS.
pub fn app(state: AppState, static_dir: Option<PathBuf>) -> Router {
    app_with(state, &Web::files(static_dir))
}

/// `routes` with the layers: what [`crate::serve`] runs.
pub fn app_with(state: AppState, web: &Web) -> Router {
    layers_with(routes(state.clone(), web.static_dir.clone()), state, web)
}

/// The layers around any router, without CORS.
pub fn layers(router: Router, state: AppState) -> Router {
    layers_with(router, state, &Web::default())
}

/// The layers around any router, innermost first: request decompression
/// (`Content-Encoding`), panic → JSON 500, then
/// the browser-facing layers ([`crate::web`]: validators and lifetimes,
/// compression, CORS), then observe (so preflights are counted and logged).
pub fn layers_with(router: Router, state: AppState, web: &Web) -> Router {
    let router = crate::encoding::wrap(router);
    crate::web::wrap(router.layer(CatchPanicLayer::custom(panicked)), web)
        .layer(middleware::from_fn_with_state(state, observe))
}

async fn openapi() -> Response {
    let mut r = crate::OPENAPI.as_str().into_response();
    r.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    r
}

async fn not_found() -> ApiError {
    ApiError::new(Problem::NotFound)
}

async fn method_not_allowed() -> ApiError {
    ApiError::new(Problem::MethodNotAllowed)
}

/// The API's paths always answer JSON; anything else may be a static file.
async fn static_or_not_found(files: ServeDir, req: Request) -> Response {
    let path = req.uri().path();
    let api = is_api(path);
    if api || !matches!(*req.method(), Method::GET | Method::HEAD) {
        return ApiError::new(if api {
            Problem::NotFound
        } else {
            Problem::MethodNotAllowed
        })
        .into_response();
    }
    match files.oneshot(req).await {
        Ok(r) if r.status() == StatusCode::NOT_FOUND => {
            ApiError::new(Problem::NotFound).into_response()
        }
        Ok(r) => r.map(Body::new),
        Err(never) => match never {},
    }
}

/// Catch-panic's response: no payload in it (it may hold input), nor in the log.
fn panicked(_payload: Box<dyn std::any::Any + Send + 'static>) -> Response {
    tracing::error!(target: "shinsei::http", "a request handler panicked; answered 500");
    ApiError::new(Problem::Internal).into_response()
}

/// What the validate handler leaves for the access log: codes only, never
/// paths (they can hold keys a client made up) nor values.
#[derive(Clone, Debug)]
pub struct VerdictLog {
    /// The form id (from the URL, known to the bundle).
    pub form: String,
    /// The version validated against.
    pub version: Option<String>,
    /// Whether the submission is valid.
    pub valid: bool,
    /// Error codes, in order.
    pub errors: Vec<String>,
    /// Warning codes, in order.
    pub warnings: Vec<String>,
}

/// Metrics and one structured access-log line per request: method, route
/// template, status, microseconds, and for verdicts form, version and codes.
async fn observe(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let start = Instant::now();
    // The template the router matched (none for the fallbacks).
    let route = api::label_index(
        req.extensions()
            .get::<MatchedPath>()
            .map(MatchedPath::as_str),
    );
    let method = req.method().clone();
    let response = next.run(req).await;
    let elapsed = start.elapsed();
    let status = response.status().as_u16();
    state.metrics().request(route, status, elapsed);
    let label = api::label(route);
    let micros = u64::try_from(elapsed.as_micros()).unwrap_or(u64::MAX);
    let code = response.extensions().get::<ErrorCode>().map(|c| c.0);
    match response.extensions().get::<VerdictLog>() {
        Some(v) => {
            state.metrics().verdict(
                &v.form,
                v.valid,
                v.errors.iter().map(String::as_str),
                v.warnings.iter().map(String::as_str),
            );
            tracing::info!(
                target: "shinsei::http",
                method = %method,
                route = label,
                status,
                micros,
                form = %v.form,
                version = v.version.as_deref().unwrap_or(""),
                valid = v.valid,
                errors = %v.errors.join(","),
                warnings = %v.warnings.join(","),
                code = code.unwrap_or(""),
            );
        }
        None => tracing::info!(
            target: "shinsei::http",
            method = %method,
            route = label,
            status,
            micros,
            code = code.unwrap_or(""),
        ),
    }
    response
}
