//! The HTTP request path in-process: any bytes as what a client sends on one
//! connection, through the same gate, hyper and router as a TCP connection
//! (`shinsei_server::serve_stream`). Never a panic; whatever comes back is
//! HTTP/1.x responses, and an error the service answers has a JSON body.
#![no_main]

use std::net::SocketAddr;
use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use shinsei_fuzz::BUNDLE;
use shinsei_server::{AppState, Limits, Web};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

static STATE: LazyLock<AppState> =
    LazyLock::new(|| AppState::new(BUNDLE.clone(), None, Limits::default()));

static RUNTIME: LazyLock<tokio::runtime::Runtime> = LazyLock::new(|| {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap_or_else(|e| panic!("runtime: {e}"))
});

fuzz_target!(|data: &[u8]| {
    let state = STATE.clone();
    let router = shinsei_server::app_with(state.clone(), &Web::default());
    let peer = SocketAddr::from(([127, 0, 0, 1], 40000));
    let out = RUNTIME.block_on(async move {
        let (mut client, server) = tokio::io::duplex(1 << 20);
        let served = tokio::spawn(async move {
            shinsei_server::serve_stream(server, peer, router, &state).await;
        });
        let _ = client.write_all(data).await;
        let _ = client.shutdown().await;
        let mut out = Vec::new();
        let _ = client.read_to_end(&mut out).await;
        drop(client);
        let _ = served.await;
        out
    });
    // hyper answers in the request's version: an HTTP/1.0 request gets an
    // HTTP/1.0 status line, anything else (or nothing parsed) HTTP/1.1.
    if !out.is_empty() {
        assert!(
            out.starts_with(b"HTTP/1.1 ") || out.starts_with(b"HTTP/1.0 "),
            "{:?}",
            String::from_utf8_lossy(&out)
        );
    }
});
