//! Where the time of one `POST /v1/forms/{id}/validate` goes, without sockets:
//! the runtime alone, its serialization, and the whole router in process.
//! `cargo run --release -p shinsei-server --example timing`
//!
//! Budgets are measured (here and by scripts/load-test.sh), never asserted in tests.

use std::time::Instant;

use axum::body::Body;
use axum::http::Request;
use http_body_util::BodyExt as _;
use shinsei_runtime::Options;
use shinsei_server::{AppState, BundleSource, Limits};
use tower::ServiceExt as _;

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn time(n: usize, mut f: impl FnMut()) -> f64 {
    let mut rounds = Vec::new();
    for _ in 0..7 {
        let t = Instant::now();
        for _ in 0..n {
            f();
        }
        rounds.push(t.elapsed().as_secs_f64() * 1e6 / n as f64);
    }
    median(rounds)
}

fn main() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let bundle = BundleSource::Forms(vec![root.join("forms")])
        .load()
        .expect("forms compile");
    let case: serde_json::Value = serde_json::from_slice(
        &std::fs::read(root.join("forms/shobyo_teate/cases/valid_insured_first_claim.json"))
            .unwrap(),
    )
    .unwrap();
    let body = serde_json::to_vec(&case["submission"]).unwrap();
    let now = chrono::DateTime::parse_from_rfc3339("2026-03-02T10:00:00+09:00").unwrap();
    let opts = Options::default();

    let n = 20_000;
    let validate = time(n, || {
        let r = shinsei_runtime::validate_bytes(&bundle, &body, now, &opts);
        assert!(r.valid);
    });
    let result = shinsei_runtime::validate_bytes(&bundle, &body, now, &opts);
    let serialize = time(n, || {
        std::hint::black_box(result.to_json());
    });

    let router = shinsei_server::app(AppState::new(bundle, None, Limits::default()), None);
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let uri = "/v1/forms/shobyo_teate/validate?dry_run=true&now=2026-03-02T10:00:00%2B09:00";
    let routed = time(n / 4, || {
        let req = Request::post(uri)
            .header("content-type", "application/json")
            .body(Body::from(body.clone()))
            .unwrap();
        rt.block_on(async {
            let res = router.clone().oneshot(req).await.unwrap();
            assert_eq!(res.status(), 200);
            res.into_body().collect().await.unwrap();
        });
    });
    println!("runtime validate_bytes   {validate:7.2} µs (median of 7 rounds)");
    println!("serialize the result     {serialize:7.2} µs");
    println!("router in process        {routed:7.2} µs (no log subscriber)");
}
