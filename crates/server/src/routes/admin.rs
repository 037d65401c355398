//! `GET /healthz`, `GET /metrics`, `POST /admin/reload`.

use std::net::SocketAddr;

use axum::extract::connect_info::{ConnectInfo, MockConnectInfo};
use axum::extract::{Request, State};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use schemars::JsonSchema;
use serde::Serialize;

use crate::error::{ApiError, Problem};
use crate::state::{AppState, ReloadError, Reloaded};

/// `GET /healthz`: liveness and what is served.
#[derive(Serialize, JsonSchema)]
pub(crate) struct Health<'a> {
    /// Always `ok` (a server that cannot serve does not answer).
    status: HealthStatus,
    /// `sha256:` hash of the bundle served.
    bundle_hash: &'a str,
    /// Number of form versions served.
    form_versions: usize,
    /// Seconds since the server started.
    uptime_seconds: u64,
}

/// The one value of [`Health::status`].
#[derive(Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
enum HealthStatus {
    /// Serving.
    Ok,
}

/// `POST /admin/reload`: the bundle was swapped in.
#[derive(Serialize, JsonSchema)]
pub(crate) struct Reload {
    /// Always `true` (a refused reload is `422 reload.failed`).
    reloaded: bool,
    /// What the reload did.
    report: Reloaded,
}

/// Liveness and what is served.
pub async fn healthz(State(state): State<AppState>) -> Response {
    let snap = state.snapshot();
    let body = Health {
        status: HealthStatus::Ok,
        bundle_hash: &snap.bundle.hash,
        form_versions: snap.bundle.forms.len(),
        uptime_seconds: state.uptime_secs(),
    };
    super::forms::json(serde_json::to_vec(&body).unwrap_or_default().into())
}

/// Prometheus text.
pub async fn metrics(State(state): State<AppState>) -> Response {
    let snap = state.snapshot();
    let text = state.metrics().render(
        &snap.bundle.hash,
        snap.bundle.forms.len(),
        state.uptime_secs(),
    );
    let mut r = text.into_response();
    r.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/plain; version=0.0.4; charset=utf-8"),
    );
    r
}

/// Reloads the bundle: `200` with the new hash, or `422 reload.failed` and
/// the old bundle stays. Allowed from loopback (but not from a web page), or
/// anywhere with the admin token (`Authorization: Bearer …`) when one is set —
/// then always required.
pub async fn reload(State(state): State<AppState>, req: Request) -> Response {
    if !allowed(&state, &req) {
        return ApiError::new(Problem::Forbidden).into_response();
    }
    match state.reload().await {
        Ok(report) => super::forms::json(
            serde_json::to_vec(&Reload {
                reloaded: true,
                report,
            })
            .unwrap_or_default()
            .into(),
        ),
        Err(ReloadError::Load(e)) => {
            ApiError::new(Problem::ReloadFailed(e.to_string())).into_response()
        }
        Err(e) => ApiError::new(Problem::ReloadFailed(e.to_string())).into_response(),
    }
}

fn allowed(state: &AppState, req: &Request) -> bool {
    match &state.limits().admin_token {
        Some(token) => req
            .headers()
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .is_some_and(|given| constant_time_eq(given.trim().as_bytes(), token.as_bytes())),
        // The listener's peer address (or, in tests, `MockConnectInfo`'s) —
        // and not from a web page: a browser on the operator's machine sends
        // `Origin` with every POST, so a page elsewhere cannot make it reload
        // through loopback (curl, kill -HUP and scripts send none).
        None => {
            !from_browser(req)
                && req
                    .extensions()
                    .get::<ConnectInfo<SocketAddr>>()
                    .map(|c| c.0)
                    .or_else(|| {
                        req.extensions()
                            .get::<MockConnectInfo<SocketAddr>>()
                            .map(|m| m.0)
                    })
                    .is_some_and(|peer| peer.ip().is_loopback())
        }
    }
}

/// Whether a web page sent the request (`Origin`, or fetch metadata naming a
/// site other than the server's own address bar).
fn from_browser(req: &Request) -> bool {
    let headers = req.headers();
    headers.contains_key(header::ORIGIN)
        || headers
            .get("sec-fetch-site")
            .is_some_and(|v| v.as_bytes() != b"none")
}

/// Compares without an early exit on the first differing byte.
fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0_u8, |acc, (x, y)| acc | (x ^ y)) == 0
}
