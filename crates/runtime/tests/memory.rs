//! Bounded memory per request: a 1 MiB submission of any shape makes
//! `validate` (and `export_application`, which validates before it keeps
//! anything) allocate at most a small multiple of its size at peak.
//!
//! A counting global allocator measures the peak bytes held during each call
//! (allocation sizes, not a timing). Everything runs in one `#[test]` so no
//! other test allocates at the same time.

mod common;

use common::*;
use peak_alloc::PeakAlloc;
use shinsei_ir::{AttachmentSlot, FieldKind, MediaType, Presence, Text};
use shinsei_runtime::{
    ExportError, Options, export_application, read_application, validate, validate_with_states,
};

#[global_allocator]
static ALLOC: PeakAlloc = PeakAlloc;

/// Body size of every shape (the default request limit).
const BODY: usize = 1024 * 1024;
/// The bound: peak bytes held during a call, over the body's size.
const MAX_RATIO: usize = 8;

fn form_under_test() -> shinsei_ir::Bundle {
    let item = vec![
        field("from", "開始日", FieldKind::Date),
        field("to", "終了日", FieldKind::Date),
    ];
    let mut form = form(
        "m",
        vec![
            field(
                "name",
                "氏名",
                FieldKind::Text {
                    min_len: None,
                    max_len: Some(50),
                    chars: None,
                    lines: None,
                },
            ),
            field("leave", "期間", list(0, 4, item)),
            field(
                "kinds",
                "種類",
                FieldKind::Multi {
                    options: options(&["a", "b", "c"]),
                    min: 0,
                    max: Some(3),
                },
            ),
            field(
                "bank",
                "口座",
                group(vec![field("code", "銀行コード", text())]),
            ),
            field("span", "期間", FieldKind::Period),
        ],
    );
    form.attachments = vec![AttachmentSlot {
        id: "doc".into(),
        label: Text::ja("書類"),
        help: None,
        accept: vec![MediaType::Pdf],
        max_size: 1_000_000,
        max_count: 2,
        presence: Presence::Optional,
        required_src: None,
    }];
    bundle(vec![form])
}

/// `open` + `unit` repeated (comma-separated) + `close`, filled to `BODY`.
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

/// The shortest distinct keys: `n` in base 91 over printable ASCII other
/// than `"` and `\`, after `prefix`.
fn key(prefix: &str, mut n: u32) -> String {
    let digits: Vec<char> = ('#'..='~').filter(|c| *c != '\\').collect();
    let mut k = String::from(prefix);
    loop {
        k.push(digits[(n % 91) as usize]);
        n /= 91;
        if n == 0 {
            return k;
        }
    }
}

/// `open` + distinct members `"<key>":0` + `close`, filled to `BODY`.
fn members(open: &str, close: &str) -> String {
    members_with(open, close, "")
}

/// Same, each key starting with `prefix`.
fn members_with(open: &str, close: &str, prefix: &str) -> String {
    let mut s = String::with_capacity(BODY);
    s.push_str(open);
    let mut n = 0_u32;
    loop {
        let member = format!("{}\"{}\":0", if n == 0 { "" } else { "," }, key(prefix, n));
        if s.len() + member.len() + close.len() > BODY {
            break;
        }
        s.push_str(&member);
        n += 1;
    }
    s.push_str(close);
    s
}

const HEAD: &str = r#"{"form":"m","applicant":{"role":"insured"},"#;

fn shapes() -> Vec<(&'static str, String)> {
    let nested = format!("{}{}", "[".repeat(60), "]".repeat(60));
    vec![
        ("root array of {}", fill("[", "{}", "]")),
        ("root array of []", fill("[", "[]", "]")),
        ("root array of numbers", fill("[", "0", "]")),
        ("root array of nested arrays", fill("[", &nested, "]")),
        (
            "unknown member: [{}…]",
            fill(&format!("{HEAD}\"x\":["), "{}", "]}"),
        ),
        ("unknown root members", members(r#"{"form":"m","#, "}")),
        (
            "list of {} (max 4)",
            fill(&format!("{HEAD}\"fields\":{{\"leave\":["), "{}", "]}}"),
        ),
        (
            "list of {} before form",
            fill(r#"{"fields":{"leave":["#, "{}", r#"]},"form":"m"}"#),
        ),
        (
            "list of [] (max 4)",
            fill(&format!("{HEAD}\"fields\":{{\"leave\":["), "[]", "]}}"),
        ),
        (
            "text given [{}…]",
            fill(&format!("{HEAD}\"fields\":{{\"name\":["), "{}", "]}}"),
        ),
        (
            "multi of strings",
            fill(&format!("{HEAD}\"fields\":{{\"kinds\":["), "\"a\"", "]}}"),
        ),
        (
            "multi of {}",
            fill(&format!("{HEAD}\"fields\":{{\"kinds\":["), "{}", "]}}"),
        ),
        (
            "unknown fields",
            members(&format!("{HEAD}\"fields\":{{"), "}}"),
        ),
        (
            "unknown group members",
            members(&format!("{HEAD}\"fields\":{{\"bank\":{{"), "}}}"),
        ),
        (
            "unknown period members",
            members(&format!("{HEAD}\"fields\":{{\"span\":{{"), "}}}"),
        ),
        (
            "unknown qualification members",
            members(&format!("{HEAD}\"qualification\":{{"), "}}"),
        ),
        (
            "unknown applicant members",
            members(r#"{"form":"m","applicant":{"#, "}}"),
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
            "skipped object of escaped keys",
            members_with(&format!("{HEAD}\"x\":{{"), "}}", "\\n"),
        ),
        (
            "long escaped text",
            fill(
                &format!("{HEAD}\"fields\":{{\"name\":\""),
                "\\u3042",
                "\"}}",
            ),
        ),
    ]
}

#[test]
fn peak_allocation_per_call_stays_a_small_multiple_of_the_body() {
    let bundle = form_under_test();
    let options = Options::default();
    let mut report = Vec::new();
    for (name, body) in shapes() {
        assert!(
            body.len() <= BODY && body.len() > BODY - 256,
            "{name}: {}",
            body.len()
        );
        for call in ["validate", "states", "export"] {
            let before = ALLOC.current_usage();
            ALLOC.reset_peak_usage();
            let codes: Vec<String> = match call {
                "states" => {
                    let (r, _) = validate_with_states(&bundle, &body, now(), &options);
                    r.errors.into_iter().map(|e| e.code).collect()
                }
                // The application file is made of valid submissions only:
                // nothing is kept of an invalid one but its result.
                "export" => match export_application(&bundle, &body, Some(now()), &options) {
                    Err(ExportError::Invalid(r)) => r.errors.into_iter().map(|e| e.code).collect(),
                    other => panic!("{name}: export gave {other:?}"),
                },
                _ => {
                    let r = validate(&bundle, &body, now(), &options);
                    r.errors.into_iter().map(|e| e.code).collect()
                }
            };
            let peak = ALLOC.peak_usage().saturating_sub(before);
            let ratio = peak as f64 / body.len() as f64;
            report.push(format!(
                "{name:<34} {call:<8} peak {:>9} B = {ratio:>6.2}× body; {} errors, first {:?}",
                peak,
                codes.len(),
                codes.first()
            ));
            assert!(!codes.is_empty(), "{name}: every shape here is invalid");
            assert!(
                peak <= MAX_RATIO * body.len(),
                "{name}: peak {peak} B is {ratio:.1}× the body\n{}",
                report.join("\n")
            );
        }
    }
    for (name, file, refused) in application_files() {
        assert!(file.len() <= BODY && file.len() > BODY - 2048, "{name}");
        let before = ALLOC.current_usage();
        ALLOC.reset_peak_usage();
        let read = read_application(&file, options.max_bytes);
        let peak = ALLOC.peak_usage().saturating_sub(before);
        let ratio = peak as f64 / file.len() as f64;
        report.push(format!(
            "{name:<34} read     peak {peak:>9} B = {ratio:>6.2}× body; {}",
            match &read {
                Ok(_) => "read".to_owned(),
                Err(e) => e.to_string(),
            }
        ));
        assert_eq!(read.is_err(), refused, "{name}: {read:?}");
        assert!(
            peak <= MAX_RATIO * file.len(),
            "{name}: peak {peak} B is {ratio:.1}× the file\n{}",
            report.join("\n")
        );
        drop(read);
    }
    println!("{}", report.join("\n"));
}

/// 1 MiB application files: `fields` filled with `unit`s (a list), and
/// whether reading refuses it (too many values for its size).
fn application_files() -> Vec<(&'static str, String, bool)> {
    let open = r#"{"format":"shinsei.application","format_version":1,"form":"m","version":"2026.1","title":"","submitted_at":"2026-04-01T09:00:00+09:00","bundle_hash":"sha256:0","normalized":{},"envelope":{"form":"m","applicant":{"role":"insured"},"fields":{"leave":["#;
    vec![
        ("file: list of numbers", fill(open, "0", "]}}}"), true),
        ("file: list of {}", fill(open, "{}", "]}}}"), true),
        ("file: list of []", fill(open, "[]", "]}}}"), true),
        (
            "file: list of empty strings",
            fill(open, "\"\"", "]}}}"),
            true,
        ),
        (
            "file: list of 1 KiB strings",
            fill(open, &format!("\"{}\"", "あ".repeat(340)), "]}}}"),
            false,
        ),
        (
            "file: list of one-member objects",
            fill(open, r#"{"a":0}"#, "]}}}"),
            true,
        ),
        (
            "file: normalized of distinct keys",
            members(
                r#"{"format":"shinsei.application","format_version":1,"form":"m","version":"2026.1","title":"","submitted_at":"","bundle_hash":"","envelope":{},"normalized":{"#,
                "}}",
            ),
            true,
        ),
    ]
}
