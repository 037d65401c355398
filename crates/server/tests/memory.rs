//! Bounded memory per request through the server's request path: a 1 MiB
//! body of the worst shapes, sent in 16 KiB chunks as a socket would deliver
//! it, makes the whole request (body collection, validation, the JSON answer)
//! hold at most a small multiple of the body at peak.
//!
//! A counting global allocator measures allocation sizes, not time; the one
//! `#[test]` keeps other tests from allocating meanwhile.

use std::convert::Infallible;
use std::pin::Pin;
use std::task::{Context, Poll};

use axum::body::Body;
use axum::http::Request;
use bytes::Bytes;
use http_body::{Frame, SizeHint};
use http_body_util::BodyExt as _;
use peak_alloc::PeakAlloc;
use shinsei_server::{AppState, BundleSource, Limits};
use tower::ServiceExt as _;

#[global_allocator]
static ALLOC: PeakAlloc = PeakAlloc;

/// Body size of every shape (the default limit).
const BODY: usize = 1024 * 1024;
/// The bound: peak bytes held during the request, over the body's size.
const MAX_RATIO: usize = 8;

/// A body delivered in chunks, with its length known (as with Content-Length).
struct Chunks {
    data: Bytes,
}

impl http_body::Body for Chunks {
    type Data = Bytes;
    type Error = Infallible;
    fn poll_frame(
        mut self: Pin<&mut Self>,
        _: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, Infallible>>> {
        if self.data.is_empty() {
            return Poll::Ready(None);
        }
        let n = self.data.len().min(16 * 1024);
        Poll::Ready(Some(Ok(Frame::data(self.data.split_to(n)))))
    }
    fn size_hint(&self) -> SizeHint {
        SizeHint::with_exact(self.data.len() as u64)
    }
}

fn fill(open: &str, unit: &str, close: &str) -> String {
    let mut s = String::with_capacity(BODY);
    s.push_str(open);
    let mut first = true;
    while s.len() + unit.len() + 1 + close.len() <= BODY {
        if !first {
            s.push(',');
        }
        s.push_str(unit);
        first = false;
    }
    s.push_str(close);
    s
}

fn members(open: &str, close: &str) -> String {
    let digits: Vec<char> = ('#'..='~').filter(|c| *c != '\\').collect();
    let mut s = String::with_capacity(BODY);
    s.push_str(open);
    for n in 0_usize.. {
        let (mut k, mut m) = (String::new(), n);
        loop {
            k.push(digits[m % digits.len()]);
            m /= digits.len();
            if m == 0 {
                break;
            }
        }
        let member = format!("{}\"{k}\":0", if n == 0 { "" } else { "," });
        if s.len() + member.len() + close.len() > BODY {
            break;
        }
        s.push_str(&member);
    }
    s.push_str(close);
    s
}

const HEAD: &str = r#"{"form":"shobyo_teate","version":"2026.1","submitted_at":"2026-03-02T10:00:00+09:00","applicant":{"role":"insured"},"#;

fn shapes() -> Vec<(&'static str, String)> {
    vec![
        ("root array of {}", fill("[", "{}", "]")),
        ("root array of []", fill("[", "[]", "]")),
        ("root array of numbers", fill("[", "0", "]")),
        (
            "unknown member: [{}…]",
            fill(&format!("{HEAD}\"x\":["), "{}", "]}"),
        ),
        (
            "list of {} (max 12)",
            fill(&format!("{HEAD}\"fields\":{{\"leave\":["), "{}", "]}}"),
        ),
        (
            "text given [{}…]",
            fill(&format!("{HEAD}\"fields\":{{\"address\":["), "{}", "]}}"),
        ),
        (
            "unknown fields",
            members(&format!("{HEAD}\"fields\":{{"), "}}"),
        ),
        (
            "attachments of {}",
            fill(&format!("{HEAD}\"attachments\":["), "{}", "]}"),
        ),
        (
            "skipped object of distinct keys",
            members(&format!("{HEAD}\"x\":{{"), "}}"),
        ),
        (
            "long escaped text",
            fill(
                &format!("{HEAD}\"fields\":{{\"address\":\""),
                "\\u3042",
                "\"}}",
            ),
        ),
    ]
}

#[test]
fn peak_allocation_per_request_stays_a_small_multiple_of_the_body() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../forms");
    let bundle = BundleSource::Forms(vec![root])
        .load()
        .expect("the bundled forms compile");
    let router = shinsei_server::app(AppState::new(bundle, None, Limits::default()), None);
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let uri = "/v1/forms/shobyo_teate/validate?dry_run=true&now=2026-03-02T10:00:00%2B09:00";
    let mut report = Vec::new();
    for (name, body) in shapes() {
        assert!(body.len() <= BODY && body.len() > BODY - 256, "{name}");
        let len = body.len();
        let request = Request::post(uri)
            .header("content-type", "application/json")
            .body(Body::new(Chunks {
                data: Bytes::from(body),
            }))
            .unwrap();
        let router = router.clone();
        let before = ALLOC.current_usage();
        ALLOC.reset_peak_usage();
        let (status, answer) = rt.block_on(async move {
            let response = router.oneshot(request).await.unwrap();
            let status = response.status();
            let bytes = response.into_body().collect().await.unwrap().to_bytes();
            (status, bytes)
        });
        let peak = ALLOC.peak_usage().saturating_sub(before);
        let ratio = peak as f64 / len as f64;
        report.push(format!(
            "{name:<32} {status} peak {peak:>9} B = {ratio:>5.2}× body; answer {} B",
            answer.len()
        ));
        assert!(
            status.is_client_error() || status.is_success(),
            "{name}: {status}"
        );
        assert!(
            peak <= MAX_RATIO * len,
            "{name}: peak {peak} B is {ratio:.1}× the body\n{}",
            report.join("\n")
        );
    }
    println!("{}", report.join("\n"));
}
