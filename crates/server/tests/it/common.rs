//! Helpers: the bundled forms compiled once, requests through the router
//! (`oneshot`), a tiny HTTP/1.1 client for tests on a real listener, and
//! scratch directories.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};

use axum::Router;
use axum::body::Body;
use axum::http::{Request, StatusCode};
use http_body_util::BodyExt as _;
use serde_json::Value;
use shinsei_ir::Bundle;
use shinsei_server::{AppState, Limits};
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;
use tower::ServiceExt as _;

/// The validate URL of the typical case, as a dry run at its `now` (a
/// Monday, 10:00 JST).
pub const VALIDATE: &str =
    "/v1/forms/shobyo_teate/validate?dry_run=true&now=2026-03-02T10:00:00%2B09:00";

/// The workspace root.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The bundled forms, compiled once per test binary.
pub fn bundle() -> Bundle {
    static BUNDLE: OnceLock<Bundle> = OnceLock::new();
    BUNDLE
        .get_or_init(|| {
            shinsei_server::BundleSource::Forms(vec![root().join("forms")])
                .load()
                .expect("the bundled forms compile")
        })
        .clone()
}

/// A state serving the bundled forms (no reload source).
pub fn state() -> AppState {
    AppState::new(bundle(), None, Limits::default())
}

/// The router with its layers.
pub fn app(state: AppState) -> Router {
    shinsei_server::app(state, None)
}

/// The typical submission: `valid_insured_first_claim.json`'s.
pub fn typical() -> Value {
    let path = root().join("forms/shobyo_teate/cases/valid_insured_first_claim.json");
    let case: Value = serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap();
    case["submission"].clone()
}

/// A JSON POST.
pub fn post_json(uri: &str, body: impl Into<Body>) -> Request<Body> {
    Request::post(uri)
        .header("content-type", "application/json")
        .body(body.into())
        .unwrap()
}

/// A GET.
pub fn get(uri: &str) -> Request<Body> {
    Request::get(uri).body(Body::empty()).unwrap()
}

/// Sends `req` through `router`: status, content type and body bytes.
pub async fn send_raw(router: &Router, req: Request<Body>) -> (StatusCode, String, Vec<u8>) {
    let res = router.clone().oneshot(req).await.unwrap();
    let status = res.status();
    let ct = res
        .headers()
        .get("content-type")
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default();
    let bytes = res.into_body().collect().await.unwrap().to_bytes().to_vec();
    (status, ct, bytes)
}

/// Sends `req` and parses the JSON answer (asserting it is JSON).
pub async fn send(router: &Router, req: Request<Body>) -> (StatusCode, Value) {
    let (status, ct, bytes) = send_raw(router, req).await;
    assert_eq!(
        ct,
        "application/json",
        "{status}: {}",
        String::from_utf8_lossy(&bytes)
    );
    let v = serde_json::from_slice(&bytes).unwrap_or_else(|e| {
        panic!(
            "{status}: not JSON ({e}): {}",
            String::from_utf8_lossy(&bytes)
        )
    });
    (status, v)
}

/// Asserts a JSON error with this status and code.
pub fn assert_error(status: StatusCode, body: &Value, want_status: u16, want_code: &str) {
    assert_eq!(status.as_u16(), want_status, "{body}");
    assert_eq!(body["error"]["status"], want_status, "{body}");
    assert_eq!(body["error"]["code"], want_code, "{body}");
    assert!(
        body["error"]["message"]
            .as_str()
            .is_some_and(|m| !m.is_empty()),
        "{body}"
    );
}

/// A fresh scratch directory under the target directory.
pub fn scratch(name: &str) -> PathBuf {
    static N: AtomicUsize = AtomicUsize::new(0);
    let dir = std::env::temp_dir().join(format!(
        "shinsei-server-test-{}-{}-{name}",
        std::process::id(),
        N.fetch_add(1, Ordering::Relaxed)
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// A copy of the forms needed for shobyo_teate (its form and the shared
/// blocks) in a scratch directory: small, so that it compiles fast.
pub fn small_forms(name: &str) -> PathBuf {
    let dir = scratch(name);
    for sub in ["shobyo_teate", "shared"] {
        std::fs::create_dir_all(dir.join(sub)).unwrap();
        for entry in std::fs::read_dir(root().join("forms").join(sub)).unwrap() {
            let p = entry.unwrap().path();
            if p.extension().is_some_and(|e| e == "form") {
                std::fs::copy(&p, dir.join(sub).join(p.file_name().unwrap())).unwrap();
            }
        }
    }
    dir
}

/// A minimal HTTP/1.1 client over one keep-alive connection (bodies with
/// Content-Length only, which is what the service sends).
pub struct Client {
    stream: BufReader<TcpStream>,
}

/// A response: status and body.
pub struct Response {
    pub status: u16,
    pub body: Vec<u8>,
}

impl Response {
    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body).unwrap()
    }
}

impl Client {
    pub async fn connect(addr: SocketAddr) -> Client {
        Client {
            stream: BufReader::new(TcpStream::connect(addr).await.unwrap()),
        }
    }

    /// Writes raw bytes.
    pub async fn write(&mut self, bytes: &[u8]) -> std::io::Result<()> {
        self.stream.get_mut().write_all(bytes).await
    }

    /// Sends a request and reads the response.
    pub async fn request(
        &mut self,
        method: &str,
        path: &str,
        headers: &[(&str, &str)],
        body: &[u8],
    ) -> std::io::Result<Response> {
        let mut head = format!(
            "{method} {path} HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-length: {}\r\n",
            body.len()
        );
        for (k, v) in headers {
            head.push_str(&format!("{k}: {v}\r\n"));
        }
        head.push_str("\r\n");
        let mut all = head.into_bytes();
        all.extend_from_slice(body);
        self.write(&all).await?;
        self.read_response().await
    }

    /// Reads one response.
    pub async fn read_response(&mut self) -> std::io::Result<Response> {
        let bad = |m: &str| std::io::Error::new(std::io::ErrorKind::InvalidData, m.to_owned());
        let mut line = String::new();
        if self.stream.read_line(&mut line).await? == 0 {
            return Err(std::io::ErrorKind::UnexpectedEof.into());
        }
        let status: u16 = line
            .split_whitespace()
            .nth(1)
            .and_then(|s| s.parse().ok())
            .ok_or_else(|| bad("status line"))?;
        let mut len = 0_usize;
        loop {
            line.clear();
            if self.stream.read_line(&mut line).await? == 0 {
                return Err(std::io::ErrorKind::UnexpectedEof.into());
            }
            let l = line.trim_end();
            if l.is_empty() {
                break;
            }
            if let Some((k, v)) = l.split_once(':')
                && k.eq_ignore_ascii_case("content-length")
            {
                len = v.trim().parse().map_err(|_| bad("content-length"))?;
            }
        }
        let mut body = vec![0; len];
        self.stream.read_exact(&mut body).await?;
        Ok(Response { status, body })
    }
}

/// Starts the service on 127.0.0.1:0; returns its address and a handle
/// that stops it when dropped.
pub async fn listen(state: AppState) -> (SocketAddr, tokio::sync::oneshot::Sender<()>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    tokio::spawn(shinsei_server::serve_on(
        listener,
        state,
        shinsei_server::Web::default(),
        async move {
            let _ = stopped.await;
        },
    ));
    (addr, stop)
}
