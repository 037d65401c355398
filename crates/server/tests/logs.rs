//! Personal data stays out of the logs: they carry form ids, versions, codes
//! and timings only.
//!
//! Its own test binary: tracing caches each log site's interest process-wide,
//! and tests running in parallel threads (without this subscriber) would race
//! with it.

#[path = "it/common.rs"]
#[allow(dead_code, reason = "shared helpers, partly used here")]
mod common;

use std::io::Write;
use std::sync::{Arc, Mutex};

use axum::body::Body;
use axum::http::Request;

use common::*;

/// A `MakeWriter` into a shared buffer.
#[derive(Clone, Default)]
struct Buffer(Arc<Mutex<Vec<u8>>>);

impl Write for Buffer {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl<'a> tracing_subscriber::fmt::MakeWriter<'a> for Buffer {
    type Writer = Buffer;
    fn make_writer(&'a self) -> Self::Writer {
        self.clone()
    }
}

/// Values no log line may contain.
const SECRETS: [&str; 13] = [
    "鈴木 花子",
    "鈴木",
    "スズキ ハナコ",
    "スズキ",
    "87654321",   // 記号
    "4242",       // 番号
    "1987-06-15", // birth date
    "7654321",    // account number
    "大阪府大阪市北区梅田",
    "0698765432",         // phone
    "5300001",            // postal code
    "腰椎椎間板ヘルニア", // diagnosis
    "秘密のファイル名",
];

fn submission() -> serde_json::Value {
    let mut s = typical();
    let q = &mut s["qualification"];
    q["name_kanji"] = "鈴木 花子".into();
    q["name_kana"] = "スズキ ハナコ".into();
    q["symbol"] = "87654321".into();
    q["number"] = "4242".into();
    q["birth_date"] = "1987-06-15".into();
    let f = &mut s["fields"];
    f["address"] = "大阪府大阪市北区梅田9-9-9".into();
    f["phone"] = "0698765432".into();
    f["postal_code"] = "5300001".into();
    f["bank"]["account_number"] = "7654321".into();
    f["bank"]["holder_kana"] = "スズキ ハナコ".into();
    f["diagnosis"] = "腰椎椎間板ヘルニア".into();
    s
}

#[test]
fn no_submitted_value_appears_in_the_logs() {
    let buffer = Buffer::default();
    let subscriber = shinsei_server::subscriber(buffer.clone());
    tracing::subscriber::with_default(subscriber, || {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        rt.block_on(async {
            let router = app(state());
            let good = submission();
            // Valid, invalid (values in wrong places), malformed JSON that
            // quotes the values, an unknown field named after the person, a
            // form mismatch, a non-dry run with `now`, an attachment with a
            // telling file name.
            let (s, b) = send(&router, post_json(VALIDATE, good.to_string())).await;
            assert_eq!((s.as_u16(), &b["valid"]), (200, &true.into()), "{b}");
            let mut bad = good.clone();
            bad["qualification"]["birth_date"] = "1987-06-15x".into();
            bad["fields"]["bank"]["account_number"] = "7654321鈴木".into();
            bad["fields"]["鈴木 花子"] = "87654321".into();
            let (s, b) = send(&router, post_json(VALIDATE, bad.to_string())).await;
            assert_eq!((s.as_u16(), &b["valid"]), (200, &false.into()));
            let text = good.to_string();
            send(&router, post_json(VALIDATE, format!("{}, 鈴木 花子 1987-06-15", &text[..text.len() - 1]))).await;
            send(&router, post_json(VALIDATE, text.replacen("\"form\"", "\"form\" 87654321", 1))).await;
            send(&router, post_json("/v1/forms/ninkei_shutoku/validate", text.clone())).await;
            send(&router, post_json("/v1/forms/shobyo_teate/validate?now=1987-06-15", text.clone())).await;
            send(&router, post_json("/v1/forms/shobyo_teate/validate?dry_run=1&now=1987-06-15", text)).await;
            let upload = Request::post("/v1/forms/shobyo_teate/attachments/doctor_opinion?file_name=%E7%A7%98%E5%AF%86%E3%81%AE%E3%83%95%E3%82%A1%E3%82%A4%E3%83%AB%E5%90%8D.pdf")
                .header("content-type", "application/pdf")
                .body(Body::from("%PDF-1.7 鈴木 花子 87654321"))
                .unwrap();
            send(&router, upload).await;
        });
    });
    let logs = String::from_utf8(buffer.0.lock().unwrap().clone()).unwrap();
    // The capture works: one line per request, with form, version, codes.
    assert_eq!(logs.lines().count(), 8, "{logs}");
    for line in logs.lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        assert_eq!(v["target"], "shinsei::http");
        assert!(v["micros"].is_u64());
    }
    assert!(logs.contains("\"form\":\"shobyo_teate\""), "{logs}");
    assert!(logs.contains("\"version\":\"2026.1\""), "{logs}");
    assert!(logs.contains("format.date"), "{logs}");
    assert!(logs.contains("envelope.malformed"), "{logs}");
    // Numbers (timings, sizes, statuses) may hold any digits — a `micros` of
    // 142420 holds "4242" — so the secrets, all strings, are looked for in
    // the keys and string values of every line.
    fn strings(v: &serde_json::Value, out: &mut String) {
        match v {
            serde_json::Value::String(s) => out.push_str(s),
            serde_json::Value::Array(items) => items.iter().for_each(|i| strings(i, out)),
            serde_json::Value::Object(members) => members.iter().for_each(|(k, v)| {
                out.push_str(k);
                strings(v, out);
            }),
            _ => {}
        }
        out.push('\n');
    }
    let mut words = String::new();
    for line in logs.lines() {
        strings(&serde_json::from_str(line).unwrap(), &mut words);
    }
    for secret in SECRETS {
        assert!(!words.contains(secret), "{secret:?} in the logs:\n{logs}");
    }
}
