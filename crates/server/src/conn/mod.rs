//! Connections: the accept loop, a bound on how many are open at once, and
//! each one served by hyper behind the [`gate`] — which checks every request
//! head first (a malformed one gets the service's JSON error, never hyper's
//! empty `400`) and bounds slow heads, idle keep-alive connections and
//! stalled writes.
//!
//! | bound | default | then |
//! |---|---|---|
//! | connections open at once | 512 | `503 server.busy` (JSON), closed |
//! | first byte → end of a head (a new connection: start → end of its first head) | 10 s | `408 request.timeout`, closed |
//! | idle between requests on a keep-alive connection | 60 s | closed quietly |
//! | a response write making no progress | 60 s | closed |
//! | a head's size | 16 KiB | `431 request.head_too_large` (`414 request.uri_too_long` for the request line alone) |

mod answer;
mod chunked;
mod gate;
mod head;

use std::convert::Infallible;
use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::extract::ConnectInfo;
use hyper::body::Incoming;
use hyper_util::rt::TokioIo;
use tokio::io::{AsyncRead, AsyncWrite};
use tokio::net::TcpListener;
use tokio::sync::{Semaphore, watch};
use tower::ServiceExt as _;

use crate::error::{ApiError, Problem};
use crate::state::{AppState, Limits};

pub(crate) use gate::{Gate, GateLimits, Outcome};

/// Serves `router` on `listener` until `shutdown` completes, then lets the
/// open connections finish their requests in flight.
pub(crate) async fn serve(
    listener: TcpListener,
    router: Router,
    state: AppState,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let limits = state.limits().clone();
    let slots = Arc::new(Semaphore::new(limits.max_connections));
    let (stop, stopping) = watch::channel(false);
    let mut shutdown = std::pin::pin!(shutdown);
    loop {
        let (tcp, peer) = tokio::select! {
            () = &mut shutdown => break,
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(e) if is_per_connection(&e) => continue,
                Err(e) => {
                    // Out of file descriptors or memory: wait rather than spin.
                    tracing::error!(target: "shinsei::serve", error = %e, "accept failed; retrying in 1 s");
                    tokio::time::sleep(Duration::from_secs(1)).await;
                    continue;
                }
            },
        };
        let _ = tcp.set_nodelay(true);
        let Ok(slot) = Arc::clone(&slots).try_acquire_owned() else {
            state.metrics().refused_connection();
            tokio::spawn(async move {
                let busy = ApiError::new(Problem::Busy);
                answer::send(tcp, &busy, "retry-after: 1\r\n").await;
            });
            continue;
        };
        let (router, state, limits, stopping) = (
            router.clone(),
            state.clone(),
            limits.clone(),
            stopping.clone(),
        );
        tokio::spawn(async move {
            connection(tcp, peer, router, &state, &limits, stopping).await;
            drop(slot);
        });
    }
    // Idle connections close now; the others after their request in flight.
    let _ = stop.send(true);
    let all = u32::try_from(limits.max_connections).unwrap_or(u32::MAX);
    let _ = slots.acquire_many(all).await;
    Ok(())
}

/// Accept errors that concern one connection only (it was reset before we
/// took it): the loop goes on at once.
fn is_per_connection(e: &std::io::Error) -> bool {
    matches!(
        e.kind(),
        std::io::ErrorKind::ConnectionRefused
            | std::io::ErrorKind::ConnectionAborted
            | std::io::ErrorKind::ConnectionReset
    )
}

/// The gate's bounds from the service's limits.
pub(crate) fn gate_limits(limits: &Limits) -> GateLimits {
    GateLimits {
        header_timeout: limits.header_timeout,
        idle_timeout: limits.idle_timeout,
        max_head: limits.max_head,
    }
}

/// Serves one connection over any byte stream exactly as [`crate::serve`] serves
/// an accepted TCP connection (the gate, hyper, the router, the refusal as
/// JSON): what the in-process HTTP fuzz target drives.
pub async fn serve_stream<S>(io: S, peer: SocketAddr, router: Router, state: &AppState)
where
    S: AsyncRead + AsyncWrite + Unpin + Send + 'static,
{
    let limits = state.limits().clone();
    // Never changes: the connection ends on its own.
    let (_stop, stopping) = watch::channel(false);
    connection(io, peer, router, state, &limits, stopping).await;
}

/// Serves one connection: hyper behind the gate, then the gate's last word.
async fn connection<S>(
    tcp: S,
    peer: SocketAddr,
    router: Router,
    state: &AppState,
    limits: &Limits,
    mut stopping: watch::Receiver<bool>,
) where
    S: AsyncRead + AsyncWrite + Unpin + Send + 'static,
{
    let service = hyper::service::service_fn(move |mut req: hyper::Request<Incoming>| {
        req.extensions_mut().insert(ConnectInfo(peer));
        let router = router.clone();
        Box::pin(async move { Ok::<_, Infallible>(infallible(router.oneshot(req).await)) })
    });
    let gate = Gate::new(tcp, gate_limits(limits));
    let mut conn = hyper::server::conn::http1::Builder::new()
        // The gate bounds heads and idle time; hyper must not close on its
        // own when the gate ends the stream with a response in flight.
        .header_read_timeout(None)
        .half_close(true)
        .serve_connection(TokioIo::new(gate), service);
    let finished = tokio::select! {
        r = std::future::poll_fn(|cx| conn.poll_without_shutdown(cx)) => r,
        _ = stopping.changed() => {
            std::pin::Pin::new(&mut conn).graceful_shutdown();
            std::future::poll_fn(|cx| conn.poll_without_shutdown(cx)).await
        }
    };
    let gate = conn.into_parts().io.into_inner();
    let outcome = gate.outcome().cloned();
    let tcp = gate.into_inner();
    match (outcome, finished) {
        (Some(Outcome::Refused(problem)), Ok(())) => {
            let error = ApiError::new(problem);
            state.metrics().protocol_error(error.status.as_u16());
            tracing::info!(
                target: "shinsei::http",
                route = "other",
                status = error.status.as_u16(),
                code = error.code,
                "request refused before routing"
            );
            answer::send(tcp, &error, "").await;
        }
        _ => answer::close(tcp).await,
    }
}

/// `Result<T, Infallible>` → `T`.
fn infallible<T>(r: Result<T, Infallible>) -> T {
    match r {
        Ok(t) => t,
        Err(never) => match never {},
    }
}
