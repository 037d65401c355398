//! The verdict diff: every case, re-application case (and every stored
//! submission given) run against both sides, listing each change of
//! verdict, of error, warning or re-application notice, of required
//! attachment and of computed amount — what the change does to real
//! applications.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use chrono::{DateTime, FixedOffset};
use serde::Serialize;
use serde_json::Value;
use shinsei_ir::{Bundle, ValueType};
use shinsei_runtime::{Issue, Options, ValidationResult};

use crate::cases::Case;
use crate::reapply_cases::ReapplyCase;

/// What running the inputs on both sides gave.
#[derive(Clone, Debug, Default, Serialize)]
pub struct VerdictDiff {
    /// Inputs run on both sides.
    pub inputs: usize,
    /// Inputs skipped (not JSON, no moment to validate at), with why.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub skipped: Vec<String>,
    /// The inputs whose verdict changed, in file order.
    pub changed: Vec<VerdictChange>,
}

/// One input whose verdict differs.
#[derive(Clone, Debug, Serialize)]
pub struct VerdictChange {
    /// The case or submission file.
    pub file: String,
    /// Its form and version on the new side (else the old).
    pub form: String,
    /// What differs: `verdict: valid → invalid`, `+ error rule.x at /p`,
    /// `computed total「支給額」: 500,000円 → 550,000円`, …
    pub details: Vec<String>,
}

/// One thing to validate: a file, and its submission with when and how, or
/// its re-application.
pub struct Input {
    /// As shown to people.
    pub file: String,
    what: What,
}

enum What {
    /// A case's submission or a stored envelope.
    Submission {
        submission: String,
        now: DateTime<FixedOffset>,
        options: Options,
    },
    /// A re-application case (`forms/<id>/reapply/*.json`): its file is
    /// re-applied on each side, and the notices and verdict compared.
    Reapply(Box<ReapplyCase>),
}

/// Reads a case file or a bare envelope, shown as `file`. `Err` says why it
/// is skipped.
pub fn read_input(path: &Path, file: &str) -> Result<Input, String> {
    let file = file.to_owned();
    let text = std::fs::read_to_string(path).map_err(|e| format!("{file}: {e}"))?;
    let value: Value = serde_json::from_str(&text).map_err(|e| format!("{file}: {e}"))?;
    if value.get("application").is_some() && value.get("record").is_some() {
        let case: ReapplyCase =
            serde_json::from_value(value).map_err(|e| format!("{file}: {e}"))?;
        return Ok(Input {
            file,
            what: What::Reapply(Box::new(case)),
        });
    }
    if value.get("submission").is_some() && value.get("expect").is_some() {
        let case: Case = serde_json::from_value(value).map_err(|e| format!("{file}: {e}"))?;
        let now = case.now().map_err(|e| format!("{file}: {e}"))?;
        return Ok(Input {
            what: What::Submission {
                submission: case.submission_text(),
                now,
                options: case.options(),
            },
            file,
        });
    }
    let now = value
        .get("submitted_at")
        .and_then(Value::as_str)
        .and_then(|s| DateTime::parse_from_rfc3339(s).ok())
        .ok_or_else(|| format!("{file}: no `submitted_at` to validate at"))?;
    Ok(Input {
        file,
        what: What::Submission {
            submission: text,
            now,
            options: Options::default(),
        },
    })
}

/// Runs `inputs` on both bundles.
pub fn verdicts(old: &Bundle, new: &Bundle, inputs: &[Input], skipped: Vec<String>) -> VerdictDiff {
    let mut changed = Vec::new();
    for input in inputs {
        let (details, a, b) = match &input.what {
            What::Submission {
                submission,
                now,
                options,
            } => {
                let run = |b: &Bundle| shinsei_runtime::validate(b, submission, *now, options);
                let (a, b) = (run(old), run(new));
                (compare(&a, &b, new, old), a, b)
            }
            What::Reapply(case) => match (case.run(old), case.run(new)) {
                (Ok(a), Ok(b)) => {
                    let mut d = Vec::new();
                    issues("notice", &a.changes, &b.changes, &mut d);
                    d.extend(compare(&a.result, &b.result, new, old));
                    (d, a.result, b.result)
                }
                (a, b) => {
                    let said = |r: &Result<shinsei_runtime::Reapplication, String>| match r {
                        Ok(r) => format!("re-applied under {}", r.version),
                        Err(e) => format!("refused ({e})"),
                    };
                    let (x, y) = (said(&a), said(&b));
                    if x == y {
                        continue;
                    }
                    let form = case.form_id().unwrap_or_default().to_owned();
                    changed.push(VerdictChange {
                        file: input.file.clone(),
                        form,
                        details: vec![format!("re-application: {x} → {y}")],
                    });
                    continue;
                }
            },
        };
        if !details.is_empty() {
            let form = match (&b.form, &b.version, &a.form, &a.version) {
                (Some(f), Some(v), ..) | (_, _, Some(f), Some(v)) => format!("{f} {v}"),
                (Some(f), None, ..) => f.clone(),
                _ => String::new(),
            };
            changed.push(VerdictChange {
                file: input.file.clone(),
                form,
                details,
            });
        }
    }
    VerdictDiff {
        inputs: inputs.len(),
        skipped,
        changed,
    }
}

fn compare(a: &ValidationResult, b: &ValidationResult, new: &Bundle, old: &Bundle) -> Vec<String> {
    let mut d = Vec::new();
    if a.version != b.version {
        d.push(format!(
            "version: {} → {}",
            a.version.as_deref().unwrap_or("none"),
            b.version.as_deref().unwrap_or("none")
        ));
    }
    if a.valid != b.valid {
        let v = |ok: bool| if ok { "valid" } else { "invalid" };
        d.push(format!("verdict: {} → {}", v(a.valid), v(b.valid)));
    }
    issues("error", &a.errors, &b.errors, &mut d);
    issues("warning", &a.warnings, &b.warnings, &mut d);
    let set = |v: &[String]| v.iter().cloned().collect::<BTreeSet<_>>();
    let (ra, rb) = (set(&a.attachments.required), set(&b.attachments.required));
    for s in rb.difference(&ra) {
        d.push(format!("+ attachment {s} required"));
    }
    for s in ra.difference(&rb) {
        d.push(format!("- attachment {s} no longer required"));
    }
    let keys: BTreeSet<&String> = a.computed.keys().chain(b.computed.keys()).collect();
    for k in keys {
        let (x, y) = (a.computed.get(k), b.computed.get(k));
        if x == y {
            continue;
        }
        let (ty, label) = computed_meta(b, new)
            .and_then(|m| m.get(k.as_str()).copied())
            .or_else(|| computed_meta(a, old).and_then(|m| m.get(k.as_str()).copied()))
            .unwrap_or((ValueType::Text, ""));
        let show = |v: Option<&Value>| v.map_or_else(|| "none".to_owned(), |v| value(ty, v));
        let label = if label.is_empty() {
            String::new()
        } else {
            format!("「{label}」")
        };
        d.push(format!("computed {k}{label}: {} → {}", show(x), show(y)));
    }
    d
}

/// `+ error code at path (message)` / `- error …` for each issue on one side only.
fn issues(kind: &str, a: &[Issue], b: &[Issue], d: &mut Vec<String>) {
    let key = |i: &Issue| (i.code.clone(), i.path.clone());
    let (ka, kb): (Vec<_>, Vec<_>) = (a.iter().map(key).collect(), b.iter().map(key).collect());
    for i in b.iter().filter(|i| !ka.contains(&key(i))) {
        d.push(format!(
            "+ {kind} {} at {} ({})",
            i.code,
            shown_path(&i.path),
            i.message
        ));
    }
    for i in a.iter().filter(|i| !kb.contains(&key(i))) {
        d.push(format!("- {kind} {} at {}", i.code, shown_path(&i.path)));
    }
}

fn shown_path(p: &str) -> &str {
    if p.is_empty() { "the submission" } else { p }
}

/// The type and label of each computed value of the form version `r` was
/// validated against.
fn computed_meta<'b>(
    r: &ValidationResult,
    bundle: &'b Bundle,
) -> Option<BTreeMap<&'b str, (ValueType, &'b str)>> {
    let (id, version) = (r.form.as_deref()?, r.version.as_deref()?);
    let form = bundle.select(id, Some(version), None).ok()?;
    Some(
        form.computed
            .iter()
            .map(|c| (c.name.as_str(), (c.ty, c.label.ja.as_str())))
            .collect(),
    )
}

/// A computed value as a reviewer reads it: `550,000円`, `2027年4月1日`, `19`.
fn value(ty: ValueType, v: &Value) -> String {
    use shinsei_doc::ja;
    match (ty, v) {
        (ValueType::Yen | ValueType::YenFrac, Value::Number(n)) => {
            n.as_i64().map_or_else(|| n.to_string(), ja::yen)
        }
        (ValueType::Int, Value::Number(n)) => n.as_i64().map_or_else(|| n.to_string(), ja::int),
        (ValueType::Date, Value::String(s)) => {
            chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").map_or_else(|_| s.clone(), ja::date)
        }
        (_, Value::Bool(true)) => "はい".to_owned(),
        (_, Value::Bool(false)) => "いいえ".to_owned(),
        (_, Value::String(s)) => s.clone(),
        (_, other) => other.to_string(),
    }
}
