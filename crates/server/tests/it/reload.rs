//! Reloads swap the bundle atomically; a broken one is refused and the old
//! one stays; `/admin/reload` is loopback-only or token-protected.

use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::Duration;

use axum::body::Body;
use axum::extract::connect_info::MockConnectInfo;
use axum::http::{Request, StatusCode};
use shinsei_server::{AppState, BundleSource, Limits, ReloadError};

use crate::common::*;

/// Changes the form's title so that each reload makes a different bundle.
fn edit_title(dir: &std::path::Path, n: usize) {
    let path = dir.join("shobyo_teate/shobyo_teate.form");
    let text = std::fs::read_to_string(&path).unwrap();
    let lines: Vec<String> = text
        .lines()
        .map(|l| match l.strip_prefix("form shobyo_teate \"") {
            Some(rest) => {
                let end = rest.find('"').unwrap();
                format!(
                    "form shobyo_teate \"傷病手当金支給申請書 {n}\"{}",
                    &rest[end + 1..]
                )
            }
            None => l.to_owned(),
        })
        .collect();
    std::fs::write(&path, lines.join("\n") + "\n").unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reload_under_concurrent_load_drops_nothing() {
    let dir = small_forms("reload-load");
    let state = AppState::load(BundleSource::Forms(vec![dir.clone()]), Limits::default()).unwrap();
    let first_hash = state.snapshot().bundle.hash.clone();
    let (addr, _stop) = listen(state.clone()).await;
    let body = Arc::new(typical().to_string());
    let done = Arc::new(AtomicBool::new(false));
    let ok = Arc::new(AtomicUsize::new(0));
    let failed = Arc::new(AtomicUsize::new(0));

    // 4 clients, each on its own keep-alive connection, until the reloads are
    // done (bounded: at most 20,000 requests each).
    let mut clients = Vec::new();
    for _ in 0..4 {
        let (body, done, ok, failed) = (body.clone(), done.clone(), ok.clone(), failed.clone());
        clients.push(tokio::spawn(async move {
            let mut c = Client::connect(addr).await;
            for _ in 0..20_000 {
                if done.load(Ordering::Relaxed) {
                    break;
                }
                let r = c
                    .request(
                        "POST",
                        VALIDATE,
                        &[("content-type", "application/json")],
                        body.as_bytes(),
                    )
                    .await;
                match r {
                    Ok(r) if r.status == 200 && r.json()["valid"] == true => {
                        ok.fetch_add(1, Ordering::Relaxed)
                    }
                    _ => failed.fetch_add(1, Ordering::Relaxed),
                };
            }
        }));
    }
    // Reload 6 times, alternating the admin endpoint and the API, each with
    // a changed form; the bundle must change every time.
    let mut admin = Client::connect(addr).await;
    let mut hashes = vec![first_hash];
    for n in 0..6 {
        tokio::time::sleep(Duration::from_millis(30)).await;
        let dir = dir.clone();
        tokio::task::spawn_blocking(move || edit_title(&dir, n))
            .await
            .unwrap();
        let hash = if n % 2 == 0 {
            let r = admin
                .request("POST", "/admin/reload", &[], b"")
                .await
                .unwrap();
            assert_eq!(r.status, 200, "{}", String::from_utf8_lossy(&r.body));
            r.json()["report"]["hash"].as_str().unwrap().to_owned()
        } else {
            state.reload().await.unwrap().hash
        };
        assert_ne!(Some(&hash), hashes.last(), "reload {n} changed the bundle");
        hashes.push(hash);
    }
    tokio::time::sleep(Duration::from_millis(30)).await;
    done.store(true, Ordering::Relaxed);
    for c in clients {
        c.await.unwrap();
    }
    let (ok, failed) = (ok.load(Ordering::Relaxed), failed.load(Ordering::Relaxed));
    eprintln!("{ok} requests during 6 reloads, {failed} failed");
    assert_eq!(failed, 0);
    assert!(ok >= 4, "the clients ran");
    assert_eq!(state.snapshot().bundle.hash, *hashes.last().unwrap());
    let r = admin
        .request("GET", "/v1/forms/shobyo_teate", &[], b"")
        .await
        .unwrap();
    assert_eq!(r.json()["title"]["ja"], "傷病手当金支給申請書 5");
}

#[tokio::test]
async fn a_broken_bundle_is_refused_and_the_old_one_stays() {
    let dir = small_forms("reload-broken");
    let state = AppState::load(BundleSource::Forms(vec![dir.clone()]), Limits::default()).unwrap();
    let hash = state.snapshot().bundle.hash.clone();
    let router =
        app(state.clone()).layer(MockConnectInfo(SocketAddr::from(([127, 0, 0, 1], 5555))));
    let form = dir.join("shobyo_teate/shobyo_teate.form");
    let good = std::fs::read_to_string(&form).unwrap();

    // A syntax error, then a type error: both refused.
    for broken in [
        good.replacen('{', "{{", 1),
        good.replacen("check to >= from", "check to >= fro", 1),
    ] {
        assert_ne!(broken, good);
        std::fs::write(&form, &broken).unwrap();
        let err = state.reload().await.unwrap_err();
        assert!(matches!(err, ReloadError::Load(_)), "{err}");
        let (status, body) = send(
            &router,
            Request::post("/admin/reload").body(Body::empty()).unwrap(),
        )
        .await;
        assert_error(status, &body, 422, "reload.failed");
        assert_eq!(state.snapshot().bundle.hash, hash, "the old bundle stays");
        let (status, body) = send(&router, post_json(VALIDATE, typical().to_string())).await;
        assert_eq!((status, &body["valid"]), (StatusCode::OK, &true.into()));
    }
    // No forms at all.
    std::fs::remove_file(&form).unwrap();
    std::fs::remove_dir_all(dir.join("shared")).unwrap();
    assert!(state.reload().await.is_err());
    assert_eq!(state.snapshot().bundle.hash, hash);
    // Fixed: accepted again.
    std::fs::create_dir_all(dir.join("shared")).unwrap();
    for entry in std::fs::read_dir(root().join("forms/shared")).unwrap() {
        let p = entry.unwrap().path();
        std::fs::copy(&p, dir.join("shared").join(p.file_name().unwrap())).unwrap();
    }
    std::fs::write(&form, &good).unwrap();
    let report = state.reload().await.unwrap();
    assert_eq!(report.hash, hash);
    assert!(!report.changed);
    let (_, metrics, text) = send_raw(&router, get("/metrics")).await;
    assert!(metrics.starts_with("text/plain"));
    let text = String::from_utf8(text).unwrap();
    assert!(
        text.contains("shinsei_reloads_total{outcome=\"refused\"} 5"),
        "{text}"
    );
    assert!(
        text.contains("shinsei_reloads_total{outcome=\"ok\"} 1"),
        "{text}"
    );
}

#[tokio::test]
async fn a_broken_bundle_file_is_refused() {
    let dir = scratch("reload-bundle-file");
    let file = dir.join("bundle.json");
    let bundle = bundle();
    let good = serde_json::to_string(&bundle).unwrap();
    std::fs::write(&file, &good).unwrap();
    let state = AppState::load(BundleSource::Bundle(file.clone()), Limits::default()).unwrap();
    assert_eq!(state.snapshot().bundle.hash, bundle.hash);

    let mut wrong_ir: serde_json::Value = serde_json::from_str(&good).unwrap();
    wrong_ir["ir_version"] = 999.into();
    let tampered = good.replacen("傷病手当金支給申請書", "傷病手当金支給申請書X", 1);
    // Cut in the middle, on a character boundary (the bundle holds Japanese text).
    let half = (0..=good.len() / 2)
        .rev()
        .find(|&i| good.is_char_boundary(i))
        .unwrap();
    // Nested deeper than any compiler writes, with a hash that matches.
    let mut too_deep = bundle.clone();
    for _ in 0..shinsei_ir::limits::MAX_EXPR_DEPTH {
        let check = &mut too_deep.forms[0].rules[0].check;
        *check = shinsei_ir::Expr::Unary {
            op: shinsei_ir::UnOp::Not,
            arg: Box::new(std::mem::replace(check, shinsei_ir::Expr::Today)),
        };
    }
    too_deep.hash = shinsei_check::hash(&too_deep);
    for (what, text) in [
        ("not JSON", "{\"ir_version\": ".to_owned()),
        (
            "nested too deeply",
            serde_json::to_string(&too_deep).unwrap(),
        ),
        ("truncated", good[..half].to_owned()),
        ("another IR version", wrong_ir.to_string()),
        ("edited without a new hash", tampered),
    ] {
        std::fs::write(&file, text).unwrap();
        let err = state.reload().await.expect_err(what);
        eprintln!("{what}: {err}");
        if what == "nested too deeply" {
            assert!(err.to_string().contains("nests too deeply"), "{err}");
        }
        assert_eq!(state.snapshot().bundle.hash, bundle.hash, "{what}");
    }
    std::fs::write(&file, &good).unwrap();
    state.reload().await.unwrap();
}

#[tokio::test]
async fn admin_reload_is_loopback_only_or_token_protected() {
    let dir = small_forms("reload-admin");
    let source = BundleSource::Forms(vec![dir]);
    let reload = |token: Option<&str>| {
        let mut r = Request::post("/admin/reload");
        if let Some(t) = token {
            r = r.header("authorization", format!("Bearer {t}"));
        }
        r.body(Body::empty()).unwrap()
    };
    let state = AppState::load(source.clone(), Limits::default()).unwrap();
    let remote =
        app(state.clone()).layer(MockConnectInfo(SocketAddr::from(([203, 0, 113, 9], 4000))));
    let (status, body) = send(&remote, reload(None)).await;
    assert_error(status, &body, 403, "admin.forbidden");
    let local = app(state.clone()).layer(MockConnectInfo(SocketAddr::from(([127, 0, 0, 1], 4000))));
    assert_eq!(send(&local, reload(None)).await.0, StatusCode::OK);
    // A page in the operator's browser posting to loopback (CSRF): refused.
    for (name, value) in [
        ("origin", "https://evil.example"),
        ("origin", "null"),
        ("sec-fetch-site", "cross-site"),
    ] {
        let mut req = reload(None);
        req.headers_mut().insert(name, value.parse().unwrap());
        let (status, body) = send(&local, req).await;
        assert_error(status, &body, 403, "admin.forbidden");
    }
    // No peer address known (not served by a listener): refused.
    let (status, _) = send(&app(state), reload(None)).await;
    assert_eq!(status, StatusCode::FORBIDDEN);

    let limits = Limits {
        admin_token: Some("s3cret".into()),
        ..Limits::default()
    };
    let state = AppState::load(source, limits).unwrap();
    let remote =
        app(state.clone()).layer(MockConnectInfo(SocketAddr::from(([203, 0, 113, 9], 4000))));
    let local = app(state).layer(MockConnectInfo(SocketAddr::from(([127, 0, 0, 1], 4000))));
    assert_eq!(
        send(&remote, reload(Some("s3cret"))).await.0,
        StatusCode::OK
    );
    assert_eq!(
        send(&remote, reload(Some("wrong"))).await.0,
        StatusCode::FORBIDDEN
    );
    // With a token, loopback needs it too.
    assert_eq!(send(&local, reload(None)).await.0, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn a_fixed_bundle_has_nothing_to_reload() {
    let state = state();
    assert!(matches!(state.reload().await, Err(ReloadError::NoSource)));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn watch_reloads_when_the_forms_change() {
    let dir = small_forms("reload-watch");
    let source = BundleSource::Forms(vec![dir.clone()]);
    let state = AppState::load(source.clone(), Limits::default()).unwrap();
    let before = state.snapshot().bundle.hash.clone();
    let watcher = shinsei_server::watch(state.clone(), source, Duration::from_millis(50));
    tokio::time::sleep(Duration::from_millis(120)).await;
    edit_title(&dir, 7);
    let deadline = std::time::Instant::now() + Duration::from_secs(60);
    while state.snapshot().bundle.hash == before {
        assert!(
            std::time::Instant::now() < deadline,
            "no reload after the change"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let title = &state.snapshot().bundle.forms[0].title;
    assert_eq!(title.ja, "傷病手当金支給申請書 7");
    watcher.abort();
}

/// A form whose rule nests `n` parentheses deep.
fn parenthesized(n: usize) -> String {
    format!(
        "form deep \"深い\" {{\n  version \"1\"  effective 2026-04-01..  category 給付  applicants insured\n  field a \"数\": integer\n  rule r {{ check {}a > 1{}  at a  message \"x\" }}\n}}\n",
        "(".repeat(n),
        ")".repeat(n)
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_form_nested_too_deeply_is_refused_by_reload_and_the_server_lives_on() {
    let dir = small_forms("reload-deep");
    let state = AppState::load(BundleSource::Forms(vec![dir.clone()]), Limits::default()).unwrap();
    let hash = state.snapshot().bundle.hash.clone();
    let (addr, _stop) = listen(state.clone()).await;
    let mut client = Client::connect(addr).await;
    let body = typical().to_string();

    // 130 parentheses passed `shinsei check` (main thread) and overflowed a
    // worker's stack on reload, aborting the service (issue 15); 700 and
    // more overflowed `check` too. Reload now refuses them as check does.
    std::fs::create_dir_all(dir.join("deep")).unwrap();
    for n in [130, 700, 20_000] {
        let form = parenthesized(n);
        std::fs::write(dir.join("deep/deep.form"), &form).unwrap();
        let r = client
            .request("POST", "/admin/reload", &[], b"")
            .await
            .unwrap();
        assert_eq!(r.status, 422, "{n}: {}", String::from_utf8_lossy(&r.body));
        let message = r.json()["error"]["message"].as_str().unwrap().to_owned();
        assert!(message.contains("nesting-too-deep"), "{n}: {message}");
        // The same verdict as `shinsei check` on the same file.
        let mut db = shinsei_syntax::SourceDb::new();
        db.add("deep.form", form);
        let check = shinsei_check::compile(&db);
        assert_eq!(check.diagnostics.len(), 1);
        assert!(message.contains(&check.diagnostics[0].message), "{message}");
        // The service lives on, with its old bundle.
        let r = client
            .request(
                "POST",
                VALIDATE,
                &[("content-type", "application/json")],
                body.as_bytes(),
            )
            .await
            .unwrap();
        assert_eq!((r.status, &r.json()["valid"]), (200, &true.into()));
        assert_eq!(state.snapshot().bundle.hash, hash);
    }

    // A form at the limits reloads and its deepest rules are evaluated on a
    // worker's stack.
    std::fs::remove_file(dir.join("deep/deep.form")).unwrap();
    std::fs::copy(
        root().join("tests/fixtures/limits/at_the_limits.form"),
        dir.join("deep/at_the_limits.form"),
    )
    .unwrap();
    let r = client
        .request("POST", "/admin/reload", &[], b"")
        .await
        .unwrap();
    assert_eq!(r.status, 200, "{}", String::from_utf8_lossy(&r.body));
    let mut inner = serde_json::json!({ "b": 1, "c": 2 });
    for i in (2..=7).rev() {
        inner = serde_json::json!({ format!("g{i}"): inner });
    }
    let deep = serde_json::json!({
        "form": "at_the_limits",
        "submitted_at": "2026-04-01T10:00:00+09:00",
        "applicant": { "role": "insured" },
        "fields": { "a": 1, "g1": inner }
    });
    let r = client
        .request(
            "POST",
            "/v1/forms/at_the_limits/validate?dry_run=true&now=2026-04-01T10:00:00%2B09:00",
            &[("content-type", "application/json")],
            deep.to_string().as_bytes(),
        )
        .await
        .unwrap();
    assert_eq!(r.status, 200, "{}", String::from_utf8_lossy(&r.body));
    assert_eq!(
        r.json()["valid"],
        true,
        "{}",
        String::from_utf8_lossy(&r.body)
    );
}
