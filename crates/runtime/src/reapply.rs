//! Re-application (再申請) from an application file: the file's values,
//! migrated through every form version that took effect since the file was
//! made (each version's `migrate` block), with the 資格 fields re-read from
//! the member's current record, validated by the version in force now.
//!
//! The result says, per field, what the member must look at again — a value
//! dropped because its field or option is gone or its type changed, a new
//! field to fill in, a value the form's author asks to review, a 資格 value
//! that changed since the file was made — and then gives the ordinary verdict.

use chrono::{DateTime, FixedOffset};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use shinsei_ir::{Bundle, Form, MigrationStep, Text};

use crate::application::{ApplicationFile, FORMAT, FORMAT_VERSION};
use crate::messages::{Lang, Msg, qual_label};
use crate::migrate::{self, Note, NoteKind, Renames, entered, ids_of, map_pointer};
use crate::prefill::{RecordError, prefill_json};
use crate::result::{Issue, IssueSeverity};
use crate::{Options, ValidationResult, validate_with_states};

/// An application file re-applied under the version in force.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Reapplication {
    /// Form id.
    pub form: String,
    /// The version the file was made under.
    pub from_version: String,
    /// The version in force now, which `envelope` is made for and `result`
    /// judged by.
    pub version: String,
    /// What the member must look at again, by field: `migration.*` and
    /// `qualification.changed` notices (severity `warning`). Pointers are
    /// into `envelope`, except for `migration.removed`: into the file's
    /// envelope, where the dropped value was.
    pub changes: Vec<Issue>,
    /// The envelope to continue from: the file's values, migrated; the 資格
    /// fields from the member's record; `version` set, no `submitted_at`
    /// (the re-application is submitted anew).
    #[schemars(with = "crate::contract::Submission")]
    pub envelope: Value,
    /// The ordinary verdict on `envelope` at the moment of re-application.
    pub result: ValidationResult,
}

/// Why a file cannot be re-applied.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum ReapplyError {
    /// Not an application file (not JSON, missing members, another format).
    #[error("not an application file: {0}")]
    Malformed(String),
    /// A format version this runtime does not read.
    #[error(
        "application file format version {0} is not supported (this runtime reads {FORMAT_VERSION})"
    )]
    FormatVersion(u32),
    /// The bundle has no such form.
    #[error("the bundle has no form `{0}`")]
    UnknownForm(String),
    /// The bundle no longer (or not yet) has the version the file was made under.
    #[error("the bundle has no version `{version}` of form `{form}` (the file was made under it)")]
    UnknownVersion {
        /// Form id.
        form: String,
        /// The file's version.
        version: String,
    },
    /// No version of the form is in force at the moment of re-application.
    #[error("no version of form `{form}` is in force on {on}")]
    NoneInForce {
        /// Form id.
        form: String,
        /// The JST date.
        on: chrono::NaiveDate,
    },
    /// The file was made under a version newer than the one in force.
    #[error("the file was made under version `{file}`, newer than `{current}` in force")]
    FileIsNewer {
        /// The file's version.
        file: String,
        /// The version in force.
        current: String,
    },
    /// The qualification record is not usable.
    #[error(transparent)]
    Record(#[from] RecordError),
}

/// How many times its length an application file's tree may take. The
/// files exported from the bundled cases take 5.3–7.6× (indented, as
/// `shinsei export` writes them), 6.7–11.8× written compactly: a tree of
/// small objects costs far more than its text (docs/application-file.md).
pub const TREE_RATIO: usize = 16;

/// Reads an application file (JSON text), at most `max_bytes` long.
pub fn read_application(text: &str, max_bytes: usize) -> Result<ApplicationFile, ReapplyError> {
    if text.len() > max_bytes {
        return Err(ReapplyError::Malformed(format!(
            "larger than {max_bytes} bytes"
        )));
    }
    // Its tree is built (the values are migrated as JSON): a file of many
    // tiny values, whose tree would cost many times its size, is refused
    // first, so that reading stays within the runtime's memory bound.
    if !crate::tree_cost::within(text, TREE_RATIO) {
        return Err(ReapplyError::Malformed(format!(
            "too many values for its size (its tree would take over {TREE_RATIO}× its {} bytes)",
            text.len()
        )));
    }
    let mut value: Value = serde_json::from_str(text).map_err(|e| {
        ReapplyError::Malformed(format!(
            "not JSON (line {}, column {})",
            e.line(),
            e.column()
        ))
    })?;
    match value.get("format").and_then(Value::as_str) {
        Some(FORMAT) => {}
        _ => {
            return Err(ReapplyError::Malformed(format!(
                "`format` is not \"{FORMAT}\""
            )));
        }
    }
    match value.get("format_version").and_then(Value::as_u64) {
        Some(v) if v == u64::from(FORMAT_VERSION) => {}
        Some(v) => {
            return Err(ReapplyError::FormatVersion(
                u32::try_from(v).unwrap_or(u32::MAX),
            ));
        }
        None => {
            return Err(ReapplyError::Malformed(
                "no numeric `format_version`".into(),
            ));
        }
    }
    // Read member by member, not with the derived deserializer (which would
    // add its code to the WASM module for one call).
    const KEYS: [&str; 9] = [
        "format",
        "format_version",
        "form",
        "version",
        "title",
        "submitted_at",
        "bundle_hash",
        "envelope",
        "normalized",
    ];
    if let Some(key) = value
        .as_object()
        .and_then(|o| o.keys().find(|k| !KEYS.contains(&k.as_str())))
    {
        return Err(ReapplyError::Malformed(format!("unknown member `{key}`")));
    }
    let text_of = |key: &str| -> Result<String, ReapplyError> {
        value
            .get(key)
            .and_then(Value::as_str)
            .map(str::to_owned)
            .ok_or_else(|| ReapplyError::Malformed(format!("`{key}` must be a string")))
    };
    let (form, version, title, submitted_at, bundle_hash) = (
        text_of("form")?,
        text_of("version")?,
        text_of("title")?,
        text_of("submitted_at")?,
        text_of("bundle_hash")?,
    );
    let mut take = |key: &str| value.get_mut(key).map(Value::take);
    let envelope = match take("envelope") {
        Some(e @ Value::Object(_)) => e,
        _ => {
            return Err(ReapplyError::Malformed(
                "`envelope` must be an object".into(),
            ));
        }
    };
    let normalized = match take("normalized") {
        Some(Value::Object(m)) => m.into_iter().collect(),
        _ => {
            return Err(ReapplyError::Malformed(
                "`normalized` must be an object".into(),
            ));
        }
    };
    Ok(ApplicationFile {
        format: FORMAT.to_owned(),
        format_version: FORMAT_VERSION,
        form,
        version,
        title,
        submitted_at,
        bundle_hash,
        envelope,
        normalized,
    })
}

/// Re-applies `file` at `now` for the member whose qualification record is
/// `record` (a JSON object keyed like the envelope's `qualification`).
pub fn reapply(
    bundle: &Bundle,
    file: &ApplicationFile,
    record: &Value,
    now: DateTime<FixedOffset>,
    options: &Options,
) -> Result<Reapplication, ReapplyError> {
    let lang = options.lang;
    let versions: Vec<&Form> = bundle.forms.iter().filter(|f| f.id == file.form).collect();
    if versions.is_empty() {
        return Err(ReapplyError::UnknownForm(file.form.clone()));
    }
    let Some(start) = versions.iter().position(|f| f.version == file.version) else {
        return Err(ReapplyError::UnknownVersion {
            form: file.form.clone(),
            version: file.version.clone(),
        });
    };
    let on = shinsei_jp::calendar::jst_date(now);
    let target =
        bundle
            .select(&file.form, None, Some(on))
            .map_err(|_| ReapplyError::NoneInForce {
                form: file.form.clone(),
                on,
            })?;
    let end = versions
        .iter()
        .position(|f| f.version == target.version)
        .unwrap_or(start);
    if end < start {
        return Err(ReapplyError::FileIsNewer {
            file: file.version.clone(),
            current: target.version.clone(),
        });
    }
    let qual = prefill_json(target, record)?;

    let mut envelope = file.canonical_envelope();
    let mut fields = envelope
        .get_mut("fields")
        .map(Value::take)
        .unwrap_or_else(|| Value::Object(Map::new()));
    let mut notes: Vec<Note> = Vec::new();
    // Renames of the versions passed so far, to point back into the file.
    let mut history: Vec<Renames> = Vec::new();
    let chain = versions.get(start..=end).unwrap_or_default();
    for pair in chain.windows(2) {
        let (Some(old), Some(new)) = (pair.first(), pair.get(1)) else {
            continue;
        };
        let Some(m) = &new.migration else {
            history.push(Renames::default());
            continue;
        };
        let back = |p: &str| {
            history
                .iter()
                .rev()
                .fold(p.to_owned(), |p, r| map_pointer(&p, |ids| r.backward(ids)))
        };
        let before = notes.len();
        let renames = migrate::apply(&mut fields, m, old, new, &back, &mut notes);
        // Earlier notes (except removed values, which point into the file)
        // follow this version's renames.
        for n in notes
            .iter_mut()
            .take(before)
            .filter(|n| n.kind != NoteKind::Removed)
        {
            n.pointer = map_pointer(&n.pointer, |ids| renames.forward(ids));
        }
        history.push(renames);
    }
    let attachment_notes = drop_unknown_slots(&mut envelope, &versions, target);

    let obj = envelope.as_object_mut();
    if let Some(obj) = obj {
        obj.insert("fields".into(), fields);
        obj.insert("version".into(), Value::String(target.version.clone()));
        obj.remove("submitted_at");
        let mut q = Map::new();
        for (k, v) in &qual.qualification {
            q.insert(k.clone(), Value::String(v.clone()));
        }
        obj.insert("qualification".into(), Value::Object(q));
    }
    let text = serde_json::to_string(&envelope).unwrap_or_default();
    let (result, states) = validate_with_states(bundle, &text, now, options);

    let mut changes: Vec<Issue> = notes
        .iter()
        .chain(&attachment_notes)
        .map(|n| note_issue(n, lang))
        .collect();
    // New fields to fill in and values to look at again, where shown.
    for (i, version) in chain.iter().enumerate().skip(1) {
        let Some(m) = &version.migration else {
            continue;
        };
        let later: &[Renames] = history.get(i..).unwrap_or_default();
        for step in &m.steps {
            let (path, message, added) = match step {
                MigrationStep::Add { path, message } => (path, message.as_ref(), true),
                MigrationStep::Review { path, message } => (path, Some(message), false),
                _ => continue,
            };
            let now_path = later.iter().fold(path.clone(), |p, r| r.forward(&p));
            let Some(field) = target.field_at(&now_path) else {
                continue; // removed again by a later version
            };
            for state in states.fields.iter().filter(|s| s.visible) {
                if ids_of(&state.path).as_deref() != Some(now_path.as_slice()) {
                    continue;
                }
                let has_value = envelope.pointer(&state.path).is_some_and(entered);
                if added == has_value {
                    continue;
                }
                let msg = if added {
                    Msg::MigrationAdded
                } else {
                    Msg::MigrationReview
                };
                changes.push(issue(&state.path, msg, &field.label, message, lang));
            }
        }
    }
    changes.extend(qualification_changes(
        file, &envelope, &result, target, lang,
    ));
    // In (path, code) order; an insertion sort, as the list is short and a
    // sort function would add its code to the WASM module.
    let mut ordered: Vec<Issue> = Vec::with_capacity(changes.len());
    for i in changes {
        let at = ordered.partition_point(|o| (&o.path, &o.code) <= (&i.path, &i.code));
        ordered.insert(at, i);
    }
    let changes = ordered;
    Ok(Reapplication {
        form: file.form.clone(),
        from_version: file.version.clone(),
        version: target.version.clone(),
        changes,
        envelope,
        result,
    })
}

fn issue(path: &str, msg: Msg, label: &Text, why: Option<&Text>, lang: Lang) -> Issue {
    let why = why
        .map(|w| match lang {
            Lang::Ja => format!("（{}）", w.get(lang.tag())),
            Lang::En => format!(" ({})", w.get(lang.tag())),
        })
        .unwrap_or_default();
    Issue {
        severity: IssueSeverity::Warning,
        ..Issue::error(
            path,
            msg,
            lang,
            &[("label", label.get(lang.tag())), ("why", &why)],
        )
    }
}

fn note_issue(n: &Note, lang: Lang) -> Issue {
    let msg = match n.kind {
        NoteKind::Removed => Msg::MigrationRemoved,
        NoteKind::Choice => Msg::MigrationChoice,
        NoteKind::Cleared => Msg::MigrationCleared,
    };
    issue(&n.pointer, msg, &n.label, n.why.as_ref(), lang)
}

/// Drops the attachments whose slot the version in force does not have.
fn drop_unknown_slots(envelope: &mut Value, versions: &[&Form], target: &Form) -> Vec<Note> {
    let mut notes = Vec::new();
    let Some(Value::Array(items)) = envelope.get_mut("attachments") else {
        return notes;
    };
    let mut index = 0_usize;
    items.retain(|a| {
        let here = index;
        index = index.saturating_add(1);
        let slot = a.get("slot").and_then(Value::as_str).unwrap_or_default();
        if target.attachments.iter().any(|s| s.id == slot) {
            return true;
        }
        let label = versions
            .iter()
            .flat_map(|f| &f.attachments)
            .find(|s| s.id == slot)
            .map_or_else(|| Text::ja(slot), |s| s.label.clone());
        notes.push(Note {
            kind: NoteKind::Removed,
            pointer: format!("/attachments/{here}"),
            label,
            why: None,
        });
        false
    });
    notes
}

/// A 資格 value of the record that differs from the file's.
fn qualification_changes(
    file: &ApplicationFile,
    envelope: &Value,
    result: &ValidationResult,
    target: &Form,
    lang: Lang,
) -> Vec<Issue> {
    let before = file.canonical_envelope();
    let mut out = Vec::new();
    for item in &target.qualification {
        let pointer = format!("/qualification/{}", item.field.id());
        let (Some(old), Some(new)) = (before.pointer(&pointer), envelope.pointer(&pointer)) else {
            continue;
        };
        let new = result.normalized.get(&pointer).unwrap_or(new);
        let same = match (old.as_str(), new.as_str()) {
            (Some(a), Some(b)) => a.trim() == b.trim(),
            _ => old == new,
        };
        if !same {
            let label = qual_label(item.field, lang);
            let mut i = Issue::error(
                &pointer,
                Msg::QualificationChanged,
                lang,
                &[("label", label)],
            );
            i.severity = IssueSeverity::Warning;
            out.push(i);
        }
    }
    out
}
