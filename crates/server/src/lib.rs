//! The HTTP validation service behind `shinsei serve`.
//!
//! A thin shell around the core: it loads the bundle (compiling `.form` files
//! or reading a compiled bundle), keeps it behind an atomic swap so that it
//! can be reloaded without dropping a request (`SIGHUP`, `POST /admin/reload`,
//! `--watch`), and translates HTTP to the runtime and back:
//!
//! | route | what |
//! |---|---|
//! | `GET /v1/forms` | every form and its versions |
//! | `GET /v1/forms/{id}?version=` | `shinsei_describe::describe` of a version |
//! | `GET /v1/forms/{id}/schema?version=` | the JSON Schema of its envelope |
//! | `POST /v1/forms/{id}/validate` | the envelope in, the contract's `ValidationResult` out |
//! | `POST /v1/forms/{id}/attachments/{slot}` | an uploaded file's real type, size and pixels checked |
//! | `GET /v1/openapi.json` | the OpenAPI 3.1 document, generated ([`openapi`]; `docs/openapi.json`) |
//! | `GET /healthz`, `GET /metrics` | liveness; Prometheus text |
//! | `POST /admin/reload` | reload the bundle (loopback or admin token) |
//!
//! The router needs a tokio runtime with timers (`enable_all`): bodies have a
//! 30-second deadline.
//!
//! Answers are compressed (gzip, brotli), carry `ETag` and `Cache-Control`, and
//! CORS is answered for the origins given (see [`web`]).
//!
//! Every bad request gets a JSON error with a code (see [`error`]); a panic in
//! a handler is caught and answered `500`; logs carry form ids, versions,
//! result codes and timings, never a submitted value.
//!
//! ```
//! use axum::body::Body;
//! use axum::http::{Request, StatusCode};
//! use shinsei_server::{AppState, Limits, app};
//! use tower::ServiceExt;
//!
//! let mut db = shinsei_syntax::SourceDb::new();
//! db.add("demo.form", r#"
//! form demo "見本" {
//!   version "1"  effective 2026-01-01..  category 給付  applicants insured
//!   field from "開始日": date
//! }"#);
//! let bundle = shinsei_check::compile(&db).bundle.unwrap();
//! let router = app(AppState::new(bundle, None, Limits::default()), None);
//!
//! let envelope = r#"{"form": "demo", "applicant": {"role": "insured"}, "fields": {"from": "令和8年1月13日"}}"#;
//! let request = Request::post("/v1/forms/demo/validate?dry_run=true&now=2026-01-13T10:00:00%2B09:00")
//!     .header("content-type", "application/json")
//!     .body(Body::from(envelope))
//!     .unwrap();
//! let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
//! let response = rt.block_on(router.oneshot(request)).unwrap();
//! assert_eq!(response.status(), StatusCode::OK);
//! ```

// Requests are untrusted input: no handler may panic on one.
#![deny(clippy::unwrap_used)] // a bad request is a JSON error with a code, not an abort
#![deny(clippy::expect_used)] // same as unwrap
#![deny(clippy::panic)] // every handler answers with a response
#![deny(clippy::indexing_slicing)] // paths, queries and headers are looked up with get()

mod api;
mod clock;
mod conn;
mod encoding;
pub mod error;
mod logwriter;
mod metrics;
pub mod openapi;
mod query;
mod routes;
mod sniff;
mod state;
pub mod web;

use std::future::Future;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::{Duration, SystemTime};

use tokio::net::TcpListener;

/// The OpenAPI document served at `GET /v1/openapi.json` (generated once:
/// [`openapi::render`]).
pub static OPENAPI: std::sync::LazyLock<String> = std::sync::LazyLock::new(openapi::render);

pub use api::{OTHER, Operation, ROUTES, Route, RouteMethod};
pub use conn::serve_stream;
pub use metrics::Metrics;
pub use routes::{app, app_with, layers, layers_with, routes};
pub use shinsei_load::{BundleSource, LoadError};
pub use state::{AppState, Limits, ReloadError, Reloaded, Snapshot};
pub use web::{Cors, Web};

/// How to run the service.
#[derive(Clone, Debug)]
pub struct Config {
    /// Where the bundle comes from.
    pub source: BundleSource,
    /// Address to listen on (default `127.0.0.1:8080`).
    pub addr: SocketAddr,
    /// Body limits and the admin token.
    pub limits: Limits,
    /// A directory served at `/` (the portal page), if any.
    pub static_dir: Option<PathBuf>,
    /// Which other origins may call the API from a browser (default: none).
    pub cors: Cors,
    /// Worker threads (default: the number of cores).
    pub workers: Option<usize>,
    /// Poll the source files this often and reload when they change.
    pub watch: Option<Duration>,
}

/// Why the service could not start.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    /// The bundle could not be loaded.
    #[error(transparent)]
    Load(#[from] LoadError),
    /// The address could not be bound.
    #[error("cannot listen on {addr}: {reason}")]
    Bind {
        /// The address.
        addr: SocketAddr,
        /// Why.
        reason: String,
    },
    /// The runtime or the server failed.
    #[error("server error: {0}")]
    Io(String),
}

/// Runs the service until SIGINT or SIGTERM (blocking: builds a multi-thread
/// runtime with one worker per core, installs JSON logging on stdout, filtered
/// by `SHINSEI_LOG`, default `info`, buffered and flushed every 100 ms).
pub fn run(config: Config) -> Result<(), ServeError> {
    let out = logwriter::BufferedStdout::get();
    let _ = tracing::subscriber::set_global_default(subscriber(out.clone()));
    // The default hook prints the panic message, which may quote input: log
    // where it happened only. (CatchPanic answers the request.)
    std::panic::set_hook(Box::new(|info| {
        let (file, line) = info.location().map_or(("?", 0), |l| (l.file(), l.line()));
        tracing::error!(target: "shinsei::panic", file, line, "panic");
    }));
    let workers = config.workers.unwrap_or_else(|| {
        std::thread::available_parallelism().map_or(2, std::num::NonZeroUsize::get)
    });
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(workers.max(1))
        .enable_all()
        .build()
        .map_err(|e| ServeError::Io(e.to_string()))?;
    let outcome = rt.block_on(serve(config));
    if let Err(e) = &outcome {
        tracing::error!(target: "shinsei::serve", error = %e, "cannot serve");
    }
    out.flush_now();
    outcome
}

/// The JSON log format of the service, writing to `writer` (tests capture it).
pub fn subscriber<W>(writer: W) -> impl tracing::Subscriber + Send + Sync
where
    W: for<'w> tracing_subscriber::fmt::MakeWriter<'w> + Send + Sync + 'static,
{
    let filter = tracing_subscriber::EnvFilter::try_from_env("SHINSEI_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    tracing_subscriber::fmt()
        .json()
        .flatten_event(true)
        .with_current_span(false)
        .with_span_list(false)
        .with_env_filter(filter)
        .with_writer(writer)
        .finish()
}

/// Loads the bundle, binds, and serves until SIGINT or SIGTERM.
pub async fn serve(config: Config) -> Result<(), ServeError> {
    let source = config.source.clone();
    let limits = config.limits.clone();
    let state = tokio::task::spawn_blocking(move || AppState::load(source, limits))
        .await
        .map_err(|e| ServeError::Io(e.to_string()))??;
    let listener = TcpListener::bind(config.addr)
        .await
        .map_err(|e| ServeError::Bind {
            addr: config.addr,
            reason: e.to_string(),
        })?;
    let snap = state.snapshot();
    let addr = listener.local_addr().map_or(config.addr, |a| a);
    // For the person who started it; the JSON logs go to stdout.
    eprintln!(
        "shinsei serve: http://{addr}/ ({} form versions, bundle {}); JSON logs on stdout; Ctrl-C to stop",
        snap.bundle.forms.len(),
        snap.bundle.hash.get(..15).unwrap_or(&snap.bundle.hash)
    );
    tracing::info!(
        target: "shinsei::serve",
        addr = %addr,
        hash = %snap.bundle.hash,
        form_versions = snap.bundle.forms.len(),
        "listening"
    );
    spawn_sighup(state.clone());
    if let Some(every) = config.watch {
        let _detached = watch(state.clone(), config.source.clone(), every);
    }
    let web = Web {
        static_dir: config.static_dir,
        cors: config.cors,
    };
    serve_on(listener, state, web, shutdown_signal()).await
}

/// Serves `state` on `listener` until `shutdown` completes (requests in
/// flight are finished first). Peers' addresses are known to the handlers
/// (`/admin/reload` is loopback-only without a token). Connections are
/// bounded as [`Limits`] says, and every request head is checked before
/// hyper reads it, so that even a malformed one gets a JSON error.
pub async fn serve_on(
    listener: TcpListener,
    state: AppState,
    web: Web,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> Result<(), ServeError> {
    let router = app_with(state.clone(), &web);
    conn::serve(listener, router, state, shutdown)
        .await
        .map_err(|e| ServeError::Io(e.to_string()))
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = term => {},
    }
    tracing::info!(target: "shinsei::serve", "shutting down; finishing requests in flight");
}

/// `kill -HUP <pid>` reloads the bundle.
fn spawn_sighup(state: AppState) {
    #[cfg(unix)]
    tokio::spawn(async move {
        let Ok(mut hup) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::hangup())
        else {
            tracing::warn!(target: "shinsei::reload", "cannot listen for SIGHUP");
            return;
        };
        while hup.recv().await.is_some() {
            tracing::info!(target: "shinsei::reload", "SIGHUP: reloading");
            // The outcome is logged by reload().
            let _ = state.reload().await;
        }
    });
    #[cfg(not(unix))]
    let _ = state;
}

/// Polls the source's files (paths, sizes, modification times) every
/// `every` and reloads `state` when they change (`--watch`). A refused reload
/// is retried only after the next change. Runs until aborted.
pub fn watch(
    state: AppState,
    source: BundleSource,
    every: Duration,
) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let stamp = move |source: BundleSource| async move {
            tokio::task::spawn_blocking(move || {
                source
                    .files()
                    .into_iter()
                    .map(|p| {
                        let meta = std::fs::metadata(&p).ok();
                        let len = meta.as_ref().map_or(0, std::fs::Metadata::len);
                        let modified = meta.and_then(|m| m.modified().ok());
                        (p, len, modified.unwrap_or(SystemTime::UNIX_EPOCH))
                    })
                    .collect::<Vec<_>>()
            })
            .await
            .unwrap_or_default()
        };
        let mut last = stamp(source.clone()).await;
        let mut tick = tokio::time::interval(every);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tick.tick().await;
            let now = stamp(source.clone()).await;
            if now != last {
                tracing::info!(target: "shinsei::reload", "source files changed: reloading");
                let _ = state.reload().await;
                last = now;
            }
        }
    })
}

/// Parses a size: `1048576`, `512KiB`, `1MiB`, `1.5MiB` is refused (whole
/// numbers only); `KB`/`MB` are decimal, `K`/`M`, `KiB`/`MiB` binary.
pub fn parse_size(s: &str) -> Result<usize, String> {
    let t = s.trim();
    let split = t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len());
    let (digits, unit) = t.split_at(split);
    let n: usize = digits
        .parse()
        .map_err(|_| format!("{s:?} is not a size (e.g. 1MiB, 512KiB, 1048576)"))?;
    let mult: usize = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 1,
        "k" | "kib" => 1 << 10,
        "m" | "mib" => 1 << 20,
        "g" | "gib" => 1 << 30,
        "kb" => 1_000,
        "mb" => 1_000_000,
        "gb" => 1_000_000_000,
        _ => {
            return Err(format!(
                "{s:?}: unknown unit (B, KiB, MiB, GiB, KB, MB, GB)"
            ));
        }
    };
    n.checked_mul(mult)
        .filter(|n| *n > 0)
        .ok_or_else(|| format!("{s:?} is out of range"))
}

#[cfg(test)]
#[allow(
    clippy::unwrap_used,
    clippy::indexing_slicing,
    reason = "tests may panic"
)]
mod tests {
    use super::parse_size;

    #[test]
    fn sizes() {
        assert_eq!(parse_size("1MiB"), Ok(1 << 20));
        assert_eq!(parse_size("512KiB"), Ok(512 << 10));
        assert_eq!(parse_size("2mb"), Ok(2_000_000));
        assert_eq!(parse_size("1048576"), Ok(1 << 20));
        assert!(parse_size("1.5MiB").is_err());
        assert!(parse_size("0").is_err());
        assert!(parse_size("99999999999999999999GiB").is_err());
        assert!(parse_size("1 parsec").is_err());
    }
}
