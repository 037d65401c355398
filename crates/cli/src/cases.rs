//! Test cases written next to each form (`forms/<id>/cases/*.json`):
//! a submission, the instant it is validated at, and the expected verdict;
//! and what running one gave ([`CaseOutcome`]).
//!
//! ```json
//! {
//!   "description": "終了日が開始日より前",
//!   "now": "2026-02-02T10:00:00+09:00",
//!   "submission": { "form": "shobyo_teate", "...": "..." },
//!   "expect": { "errors": [ { "path": "/fields/leave/0/to", "code": "rule.period_order" } ] }
//! }
//! ```
//! `now` defaults to `submission.submitted_at`. `expect` holds `valid`
//! and/or the exact multiset of `errors` (path + code) and of `warnings`
//! (no key: no warnings); `computed`, `missing_attachments` and `normalized`
//! are compared only when given.

use std::collections::BTreeMap;

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use shinsei_runtime::state::FieldStates;
use shinsei_runtime::{Issue, Lang, Options, Trace, ValidationResult};

/// A case file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Case {
    /// What the case shows.
    #[serde(default)]
    pub description: String,
    /// When the submission is validated (RFC 3339); default `submission.submitted_at`.
    #[serde(default)]
    pub now: Option<String>,
    /// Message language (`ja` or `en`).
    #[serde(default)]
    pub lang: Option<String>,
    /// The envelope.
    pub submission: Value,
    /// The expected verdict.
    pub expect: Expect,
}

/// The expected verdict.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Expect {
    /// Whether the submission is valid.
    #[serde(default)]
    pub valid: Option<bool>,
    /// Exactly these errors (order does not matter).
    #[serde(default)]
    pub errors: Option<Vec<Expected>>,
    /// Exactly these warnings; no key means no warnings.
    #[serde(default)]
    pub warnings: Option<Vec<Expected>>,
    /// These computed values, when given.
    #[serde(default)]
    pub computed: Option<BTreeMap<String, Value>>,
    /// Exactly these missing attachment slots, when given.
    #[serde(default)]
    pub missing_attachments: Option<Vec<String>>,
    /// Exactly these normalized values (JSON Pointer → value), when given:
    /// what the runtime changed in what the member typed (`{}`: nothing).
    #[serde(default)]
    pub normalized: Option<BTreeMap<String, Value>>,
}

/// An expected issue.
#[derive(Clone, Debug, Deserialize, PartialEq, Eq, PartialOrd, Ord)]
#[serde(deny_unknown_fields)]
pub struct Expected {
    /// JSON Pointer.
    pub path: String,
    /// Code.
    pub code: String,
}

impl Case {
    /// The instant to validate at.
    pub fn now(&self) -> Result<DateTime<FixedOffset>, String> {
        let text = match &self.now {
            Some(n) => n.clone(),
            None => self
                .submission
                .get("submitted_at")
                .and_then(Value::as_str)
                .map(str::to_string)
                .ok_or("the case has no `now` and its submission no `submitted_at`")?,
        };
        DateTime::parse_from_rfc3339(&text)
            .map_err(|e| format!("`now` {text:?} is not RFC 3339: {e}"))
    }

    /// The options the case asks for (its `lang`).
    pub fn options(&self) -> Options {
        Options {
            lang: if self.lang.as_deref() == Some("en") {
                Lang::En
            } else {
                Lang::Ja
            },
            ..Options::default()
        }
    }

    /// The submission as JSON text, as the app would send it.
    pub fn submission_text(&self) -> String {
        serde_json::to_string(&self.submission).unwrap_or_default()
    }

    /// The form id the submission names.
    pub fn form_id(&self) -> Option<&str> {
        self.submission.get("form").and_then(Value::as_str)
    }

    /// Differences between the expectation and `result` (empty = pass).
    pub fn compare(&self, result: &ValidationResult) -> Vec<String> {
        let mut out = Vec::new();
        let e = &self.expect;
        if e.valid.is_none() && e.errors.is_none() {
            out.push("`expect` needs `valid` or `errors`".into());
        }
        if let Some(v) = e.valid
            && v != result.valid
        {
            out.push(format!("expected valid = {v}, got {}", result.valid));
        }
        let expected_errors = match (&e.errors, e.valid) {
            (Some(list), _) => Some(list.clone()),
            (None, Some(true)) => Some(Vec::new()),
            _ => None,
        };
        if let Some(list) = expected_errors {
            diff_issues("error", &list, &result.errors, &mut out);
        }
        // No `warnings` key means no warnings: an unexpected one fails the case.
        diff_issues(
            "warning",
            e.warnings.as_deref().unwrap_or_default(),
            &result.warnings,
            &mut out,
        );
        if let Some(map) = &e.computed {
            for (k, v) in map {
                match result.computed.get(k) {
                    Some(got) if got == v => {}
                    Some(got) => out.push(format!("computed `{k}`: expected {v}, got {got}")),
                    None => out.push(format!("computed `{k}`: expected {v}, got nothing")),
                }
            }
        }
        if let Some(map) = &e.normalized
            && *map != result.normalized
        {
            for (k, v) in map {
                match result.normalized.get(k) {
                    Some(got) if got == v => {}
                    Some(got) => out.push(format!("normalized `{k}`: expected {v}, got {got}")),
                    None => out.push(format!("normalized `{k}`: expected {v}, not normalized")),
                }
            }
            for (k, got) in &result.normalized {
                if !map.contains_key(k) {
                    out.push(format!("normalized `{k}` to {got}, not expected"));
                }
            }
        }
        if let Some(slots) = &e.missing_attachments
            && *slots != result.attachments.missing
        {
            out.push(format!(
                "missing attachments: expected {:?}, got {:?}",
                slots, result.attachments.missing
            ));
        }
        out
    }
}

/// One case's outcome.
#[derive(Serialize)]
pub struct CaseOutcome {
    /// The case file, as shown to people.
    pub file: String,
    /// The form it exercises: the submission's `form`, or for a case file
    /// that cannot be read, the folder it is in (`forms/<form>/cases/`).
    pub form: String,
    /// Whether it passed.
    pub passed: bool,
    /// What differed.
    pub problems: Vec<String>,
    /// What validating it gave (none when the file could not be read).
    #[serde(skip)]
    pub run: Option<Run>,
}

/// What validating one case gave.
pub struct Run {
    /// The verdict.
    pub result: ValidationResult,
    /// Which fields were shown and required.
    pub states: FieldStates,
    /// Which rules held or fired, which param periods were read.
    pub trace: Trace,
}

/// Compares issues as multisets of (path, code); describes each difference.
pub fn diff_issues(kind: &str, expected: &[Expected], got: &[Issue], out: &mut Vec<String>) {
    let mut want: Vec<Expected> = expected.to_vec();
    want.sort();
    let mut have: Vec<Expected> = got
        .iter()
        .map(|i| Expected {
            path: i.path.clone(),
            code: i.code.clone(),
        })
        .collect();
    have.sort();
    for w in &want {
        if let Some(pos) = have.iter().position(|h| h == w) {
            have.remove(pos);
        } else {
            out.push(format!(
                "expected {kind} {} at {:?}, not reported",
                w.code, w.path
            ));
        }
    }
    // Each unexpected issue with its own message (two issues may share a
    // path and a code, e.g. two missing attachments at `/attachments`).
    let mut unmatched: Vec<&Issue> = got.iter().collect();
    for w in &want {
        if let Some(pos) = unmatched
            .iter()
            .position(|i| i.path == w.path && i.code == w.code)
        {
            unmatched.remove(pos);
        }
    }
    for h in have {
        let msg = unmatched
            .iter()
            .position(|i| i.path == h.path && i.code == h.code)
            .map(|pos| unmatched.remove(pos).message.as_str())
            .unwrap_or("");
        out.push(format!(
            "unexpected {kind} {} at {:?} ({msg})",
            h.code, h.path
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn case(expect: &str) -> Case {
        serde_json::from_str(&format!(
            r#"{{"submission": {{"form": "f"}}, "expect": {expect}}}"#
        ))
        .unwrap()
    }

    fn result(normalized: &[(&str, &str)]) -> ValidationResult {
        ValidationResult {
            valid: true,
            normalized: normalized
                .iter()
                .map(|(k, v)| (k.to_string(), Value::from(*v)))
                .collect(),
            ..ValidationResult::default()
        }
    }

    #[test]
    fn normalized_is_compared_exactly_when_given() {
        let c = case(r#"{"valid": true, "normalized": {"/fields/d": "2026-04-06"}}"#);
        assert!(
            c.compare(&result(&[("/fields/d", "2026-04-06")]))
                .is_empty()
        );
        assert_eq!(
            c.compare(&result(&[("/fields/d", "2026-04-07")])),
            ["normalized `/fields/d`: expected \"2026-04-06\", got \"2026-04-07\""]
        );
        assert_eq!(
            c.compare(&result(&[])),
            ["normalized `/fields/d`: expected \"2026-04-06\", not normalized"]
        );
        assert_eq!(
            c.compare(&result(&[
                ("/fields/d", "2026-04-06"),
                ("/fields/k", "カナ")
            ])),
            ["normalized `/fields/k` to \"カナ\", not expected"]
        );
        // `{}`: nothing may be normalized; absent: not compared.
        assert_eq!(
            case(r#"{"valid": true, "normalized": {}}"#)
                .compare(&result(&[("/a", "b")]))
                .len(),
            1
        );
        assert!(
            case(r#"{"valid": true}"#)
                .compare(&result(&[("/a", "b")]))
                .is_empty()
        );
    }
}
