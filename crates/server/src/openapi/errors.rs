//! The error responses of an operation, from [`ApiError`] itself: each
//! problem a route can meet gives its status and code, and the body the
//! server sends for it (in Japanese, the default) is the example. Problems
//! with the same status are one response listing their codes.

use std::collections::BTreeMap;

use chrono::DateTime;
use serde_json::{Map, Value, json};
use shinsei_ir::{Bundle, SelectError};
use shinsei_runtime::{Options, ValidationResult};

use crate::error::{ApiError, Problem};
use crate::state::Limits;

/// A problem as documented: when it happens, and the error the server sends.
#[derive(Clone)]
pub(super) struct Documented {
    /// When (one short clause).
    pub when: &'static str,
    /// The error, with the runtime's verdict where the server attaches it.
    pub error: ApiError,
}

/// `problem` happening `when`.
pub(super) fn doc(when: &'static str, problem: Problem) -> Documented {
    Documented {
        when,
        error: ApiError::new(problem),
    }
}

/// What the connection layer answers before any route runs, for every
/// operation (conn/: the request-head gate, the connection bound), and the
/// layers' own refusals (request decoding, catch-panic).
pub(super) fn protocol(limits: &Limits) -> Vec<Documented> {
    vec![
        doc(
            "the request head breaks HTTP/1.1 (e.g. a bad header line)",
            Problem::BadHead("a header line without a colon"),
        ),
        doc(
            "the request line alone is longer than a head may be",
            Problem::UriTooLong,
        ),
        doc(
            "the request head is over the limit",
            Problem::HeadTooLarge(limits.max_head),
        ),
        doc(
            "the request head did not arrive in time",
            Problem::HeadTimeout(limits.header_timeout.as_secs()),
        ),
        doc(
            "a `Content-Encoding` other than gzip, br or identity, or several",
            Problem::ContentEncoding,
        ),
        doc("not HTTP/1.1 or HTTP/1.0", Problem::HttpVersion),
        doc(
            "every connection slot is taken (with `Retry-After`)",
            Problem::Busy,
        ),
        doc(
            "a bug: the handler panicked (the process goes on)",
            Problem::Internal,
        ),
    ]
}

/// Query-string problems of a route that reads one.
pub(super) fn query(name: &'static str) -> Vec<Documented> {
    vec![
        doc("an unknown query parameter", Problem::QueryUnknown),
        doc("a query parameter with a bad value", Problem::Query(name)),
        doc(
            "a query parameter given twice",
            Problem::QueryRepeated(name),
        ),
    ]
}

/// No such form, no such version, none in force on the date asked.
pub(super) fn selection() -> Vec<Documented> {
    let id = "shobyo_teate".to_owned();
    let on = chrono::NaiveDate::from_ymd_opt(2020, 4, 1).unwrap_or_default();
    vec![
        doc("no form has this id", Problem::UnknownForm),
        doc(
            "the form has no such version",
            Problem::Select(SelectError::UnknownVersion {
                id: id.clone(),
                version: "0".to_owned(),
            }),
        ),
        doc(
            "no version is in force on the date asked",
            Problem::Select(SelectError::NoneEffective { id, on }),
        ),
    ]
}

/// The runtime's refusals of a body: not JSON it can read (with its
/// verdict), over the limit, and an envelope that names no verdict on this
/// form (the runtime's code and verdict) — each as the validate handler
/// turns the runtime's result into an error.
pub(super) fn envelope(limits: &Limits) -> Vec<Documented> {
    let refused = |when: &'static str, body: &[u8]| -> Option<Documented> {
        let result = runtime(body);
        let error = crate::routes::refused("shobyo_teate", result).err()?;
        Some(Documented { when, error })
    };
    [
        refused("not JSON the runtime can read (syntax, depth, a key twice, invalid UTF-8)", b"{"),
        refused("the envelope is not an object", b"[]"),
        refused("the envelope names no form", b"{}"),
        refused(
            "no version of the form is in force on the filing date (or the one named is not)",
            br#"{"form":"shobyo_teate","fields":{}}"#,
        ),
        Some(doc(
            "the envelope's `form` is not the form of the URL",
            Problem::FormMismatch,
        )),
        Some(doc(
            "the body is over the limit (refused while it streams, or at once from its Content-Length)",
            Problem::BodyTooLarge(u64::try_from(limits.max_body).unwrap_or(u64::MAX)),
        )),
    ]
    .into_iter()
    .flatten()
    .collect()
}

/// A body that could not be read, or not in time.
pub(super) fn body(limits: &Limits) -> Vec<Documented> {
    vec![
        doc(
            "the body could not be read to its end (client gone, broken chunking)",
            Problem::BodyUnreadable,
        ),
        doc(
            "the body did not arrive in time",
            Problem::BodyTimeout(limits.body_timeout.as_secs()),
        ),
    ]
}

/// The runtime's verdict on `body` against a bundle holding one empty
/// `shobyo_teate` whose only version takes effect after the filing date:
/// enough for what is refused before a form's fields are read.
fn runtime(body: &[u8]) -> ValidationResult {
    let now = DateTime::parse_from_rfc3339("2026-03-02T10:00:00+09:00").unwrap_or_default();
    let not_yet = serde_json::from_value(json!({
        "id": "shobyo_teate", "title": {"ja": "健康保険 傷病手当金 支給申請書"},
        "version": "2027.1", "effective": {"from": "2027-04-01"}, "category": "benefit",
        "applicants": [], "qualification": [], "fields": [], "rules": [], "computed": [],
        "attachments": [], "params": [], "source": "shobyo_teate.form",
    }));
    let bundle = Bundle::new(not_yet.into_iter().collect(), BTreeMap::new());
    shinsei_runtime::validate_bytes(&bundle, body, now, &Options::default())
}

/// The responses of `problems`, one per status, each referencing `error`
/// (the `Error` schema) with one example per problem.
pub(super) fn responses(problems: &[Documented], error: &Value) -> BTreeMap<u16, Value> {
    let mut by_status: BTreeMap<u16, Vec<&Documented>> = BTreeMap::new();
    for d in problems {
        by_status
            .entry(d.error.status.as_u16())
            .or_default()
            .push(d);
    }
    by_status
        .into_iter()
        .map(|(status, list)| {
            let mut examples = Map::new();
            let mut lines = Vec::new();
            for d in &list {
                let body: Value = serde_json::from_slice(&d.error.body()).unwrap_or(Value::Null);
                let mut key = d.error.code.to_owned();
                let mut n = 2;
                while examples.contains_key(&key) {
                    key = format!("{}.{n}", d.error.code);
                    n += 1;
                }
                examples.insert(key, json!({ "summary": d.when, "value": body }));
                lines.push(format!("- `{}`: {}", d.error.code, d.when));
            }
            let reason = axum::http::StatusCode::from_u16(status)
                .ok()
                .and_then(|s| s.canonical_reason())
                .unwrap_or("Error");
            let mut response = Map::new();
            response.insert(
                "description".to_owned(),
                format!("{reason}. `error.code`:\n{}", lines.join("\n")).into(),
            );
            if status == 503 {
                response.insert(
                    "headers".to_owned(),
                    json!({"Retry-After": {"$ref": "#/components/headers/Retry-After"}}),
                );
            }
            response.insert(
                "content".to_owned(),
                json!({"application/json": {"schema": error, "examples": examples}}),
            );
            (status, Value::Object(response))
        })
        .collect()
}
