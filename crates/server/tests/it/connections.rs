//! The connection layer on a real socket (issue 15): protocol errors are
//! JSON like every other error, slow heads and idle keep-alive connections
//! are closed, the number of connections is bounded — and ordinary requests
//! go through meanwhile. Every wait is bounded by short limits.

use std::net::SocketAddr;
use std::time::{Duration, Instant};

use serde_json::Value;
use shinsei_server::{AppState, Limits};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

use crate::common::*;

async fn serve(limits: Limits) -> (SocketAddr, tokio::sync::oneshot::Sender<()>) {
    listen(AppState::new(bundle(), None, limits)).await
}

/// Everything the server sends until it closes (bounded: 10 s).
async fn read_all(stream: &mut TcpStream) -> Vec<u8> {
    let mut out = Vec::new();
    let read = tokio::time::timeout(Duration::from_secs(10), stream.read_to_end(&mut out)).await;
    assert!(read.is_ok(), "the server did not close the connection");
    out
}

/// The responses in `bytes` (each with a Content-Length): status and body.
fn responses(bytes: &[u8]) -> Vec<(u16, Vec<u8>)> {
    let mut out = Vec::new();
    let mut rest = bytes;
    while !rest.is_empty() {
        let end = rest
            .windows(4)
            .position(|w| w == b"\r\n\r\n")
            .expect("a complete head");
        let head = std::str::from_utf8(&rest[..end]).unwrap();
        let status = head.split_whitespace().nth(1).unwrap().parse().unwrap();
        let len: usize = head
            .lines()
            .find_map(|l| {
                let (k, v) = l.split_once(':')?;
                k.eq_ignore_ascii_case("content-length")
                    .then(|| v.trim().parse().unwrap())
            })
            .expect("a Content-Length");
        let body = rest[end + 4..end + 4 + len].to_vec();
        out.push((status, body));
        rest = &rest[end + 4 + len..];
    }
    out
}

/// Sends `bytes` on a new connection; the responses until the server closes.
async fn exchange(addr: SocketAddr, bytes: &[u8]) -> Vec<(u16, Value)> {
    let mut s = TcpStream::connect(addr).await.unwrap();
    s.write_all(bytes).await.unwrap();
    responses(&read_all(&mut s).await)
        .into_iter()
        .map(|(status, body)| {
            let json = serde_json::from_slice(&body).unwrap_or_else(|e| {
                panic!(
                    "{status}: not JSON ({e}): {}",
                    String::from_utf8_lossy(&body)
                )
            });
            (status, json)
        })
        .collect()
}

fn code(v: &Value) -> &str {
    v["error"]["code"].as_str().unwrap_or("")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn protocol_errors_are_json() {
    let (addr, _stop) = serve(Limits::default()).await;
    let long = "a".repeat(20_000);
    let cases: Vec<(&str, String, u16, &str)> = vec![
        (
            "obs-fold",
            "GET /healthz HTTP/1.1\r\nhost: x\r\nx-a: 1\r\n  folded\r\n\r\n".into(),
            400,
            "request.malformed",
        ),
        (
            "NUL in a header",
            "GET /healthz HTTP/1.1\r\nhost: x\r\nx-a: 1\0 2\r\n\r\n".into(),
            400,
            "request.malformed",
        ),
        (
            "space in a header name",
            "GET /healthz HTTP/1.1\r\nhost x: y\r\n\r\n".into(),
            400,
            "request.malformed",
        ),
        (
            "negative Content-Length",
            format!("POST {VALIDATE} HTTP/1.1\r\nhost: x\r\ncontent-length: -1\r\n\r\n"),
            400,
            "request.malformed",
        ),
        (
            "two Content-Lengths",
            format!(
                "POST {VALIDATE} HTTP/1.1\r\nhost: x\r\ncontent-length: 2\r\ncontent-length: 3\r\n\r\n{{}}"
            ),
            400,
            "request.malformed",
        ),
        (
            "unknown Transfer-Encoding",
            format!("POST {VALIDATE} HTTP/1.1\r\nhost: x\r\ntransfer-encoding: compress\r\n\r\n"),
            400,
            "request.malformed",
        ),
        (
            "not HTTP",
            "\u{16}\u{3}\u{1}\u{2}\0\r\n\r\n".into(),
            400,
            "request.malformed",
        ),
        (
            "HTTP/2 without upgrade",
            "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".into(),
            505,
            "request.version",
        ),
        (
            "a tunnel",
            "CONNECT example.com:443 HTTP/1.1\r\nhost: x\r\n\r\n".into(),
            405,
            "request.method",
        ),
        (
            "a huge header",
            format!("GET /healthz HTTP/1.1\r\nhost: x\r\nx-a: {long}\r\n\r\n"),
            431,
            "request.head_too_large",
        ),
        (
            "a huge target",
            format!("GET /{long} HTTP/1.1\r\nhost: x\r\n\r\n"),
            414,
            "request.uri_too_long",
        ),
    ];
    for (what, request, status, expected) in cases {
        let answers = exchange(addr, request.as_bytes()).await;
        assert_eq!(answers.len(), 1, "{what}: {answers:?}");
        let (got, body) = &answers[0];
        assert_eq!((*got, code(body)), (status, expected), "{what}: {body}");
        assert_eq!(body["error"]["status"], status, "{what}");
        assert!(!body["error"]["message"].as_str().unwrap().is_empty());
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_bad_head_after_good_requests_on_one_connection() {
    let (addr, _stop) = serve(Limits::default()).await;
    let body = typical().to_string();
    let mut bytes = format!(
        "POST {VALIDATE} HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n{body}",
        body.len()
    )
    .into_bytes();
    // A chunked one too: the gate must find where its body ends.
    bytes.extend_from_slice(
        format!(
            "POST {VALIDATE} HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\ntransfer-encoding: chunked\r\n\r\n{:x}\r\n{body}\r\n0\r\n\r\n",
            body.len()
        )
        .as_bytes(),
    );
    bytes.extend_from_slice(b"GET /healthz HTTP/1.1\r\nhost: x\r\nbad header: 1\r\n\r\n");
    bytes.extend_from_slice(b"GET /healthz HTTP/1.1\r\nhost: x\r\n\r\n");
    let answers = exchange(addr, &bytes).await;
    let summary: Vec<(u16, &str)> = answers.iter().map(|(s, b)| (*s, code(b))).collect();
    assert_eq!(
        summary,
        [(200, ""), (200, ""), (400, "request.malformed")],
        "the last request is never read"
    );
    assert_eq!(answers[0].1["valid"], true);
    assert_eq!(answers[1].1["valid"], true);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn slow_heads_and_idle_connections_are_closed() {
    let limits = Limits {
        header_timeout: Duration::from_millis(600),
        idle_timeout: Duration::from_millis(900),
        ..Limits::default()
    };
    let (addr, _stop) = serve(limits).await;

    // A head sent one byte every 150 ms (slowloris): 408 once 600 ms have
    // passed since its first byte, whatever it sends meanwhile.
    let started = Instant::now();
    let mut slow = TcpStream::connect(addr).await.unwrap();
    let head =
        b"GET /healthz HTTP/1.1\r\nhost: x\r\nx-padding: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\r\n\r\n";
    for b in head.iter().take(20) {
        if slow.write_all(&[*b]).await.is_err() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(150)).await;
    }
    let answers = responses(&read_all(&mut slow).await);
    assert_eq!(answers.len(), 1);
    assert_eq!(answers[0].0, 408);
    let body: Value = serde_json::from_slice(&answers[0].1).unwrap();
    assert_eq!(code(&body), "request.timeout");
    let took = started.elapsed();
    assert!(took < Duration::from_secs(5), "{took:?}");

    // A connection that sends nothing: 408 too.
    let mut silent = TcpStream::connect(addr).await.unwrap();
    let answers = responses(&read_all(&mut silent).await);
    assert_eq!(answers.iter().map(|a| a.0).collect::<Vec<_>>(), [408]);

    // A keep-alive connection: one request, then idle → closed quietly.
    let mut idle = TcpStream::connect(addr).await.unwrap();
    idle.write_all(b"GET /healthz HTTP/1.1\r\nhost: x\r\n\r\n")
        .await
        .unwrap();
    let started = Instant::now();
    let answers = responses(&read_all(&mut idle).await);
    assert_eq!(answers.iter().map(|a| a.0).collect::<Vec<_>>(), [200]);
    let took = started.elapsed();
    assert!(
        took >= Duration::from_millis(800) && took < Duration::from_secs(5),
        "{took:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn connections_are_bounded_and_requests_go_through_meanwhile() {
    let limits = Limits {
        max_connections: 3,
        header_timeout: Duration::from_secs(30),
        idle_timeout: Duration::from_secs(30),
        ..Limits::default()
    };
    let (addr, _stop) = serve(limits).await;
    // Two slow clients hold two slots…
    let mut held = Vec::new();
    for _ in 0..2 {
        let mut s = TcpStream::connect(addr).await.unwrap();
        s.write_all(b"GET /healthz HTTP/1.1\r\nhost").await.unwrap();
        held.push(s);
    }
    // …a client on the third is served, request after request…
    let mut c = Client::connect(addr).await;
    let body = typical().to_string();
    for _ in 0..3 {
        let r = c
            .request(
                "POST",
                VALIDATE,
                &[("content-type", "application/json")],
                body.as_bytes(),
            )
            .await
            .unwrap();
        assert_eq!((r.status, &r.json()["valid"]), (200, &true.into()));
    }
    // …and a fourth is refused with a JSON 503.
    tokio::time::sleep(Duration::from_millis(50)).await;
    let answers = exchange(addr, b"GET /healthz HTTP/1.1\r\nhost: x\r\n\r\n").await;
    assert_eq!(answers.len(), 1);
    assert_eq!((answers[0].0, code(&answers[0].1)), (503, "server.busy"));
    // A slot freed is a slot taken again.
    drop(held.pop());
    tokio::time::sleep(Duration::from_millis(200)).await;
    let answers = exchange(
        addr,
        b"GET /healthz HTTP/1.1\r\nhost: x\r\nconnection: close\r\n\r\n",
    )
    .await;
    assert_eq!(answers.iter().map(|a| a.0).collect::<Vec<_>>(), [200]);
    let metrics = c.request("GET", "/metrics", &[], b"").await.unwrap();
    let text = String::from_utf8(metrics.body).unwrap();
    assert!(
        text.contains("shinsei_connections_refused_total 1"),
        "{text}"
    );
}
