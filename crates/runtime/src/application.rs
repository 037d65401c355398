//! The application file (申請ファイル): what the member gets back, with the
//! 返戻理由のお知らせ, when an application is returned (返戻), to re-apply from
//! (seed 000, "４．審査状況の確認"). `docs/application-file.md` documents the
//! format; its JSON Schema is `docs/schemas/application-file.schema.json`.
//!
//! It wraps the envelope as the member submitted it with what re-application
//! needs: the form id and the version it was made under, when it was
//! submitted, the hash of the bundle that judged it, and the values the
//! runtime normalized (`normalized`, JSON Pointer → value, exactly the
//! validation result's). Applying `normalized` onto `envelope` gives the
//! canonical values; re-application starts from those.
//!
//! Only a valid submission is exported: a file is made from what the service
//! accepted.

use std::collections::BTreeMap;

use chrono::{DateTime, FixedOffset};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use shinsei_ir::Bundle;

use crate::{Options, ValidationResult, validate};

/// The value of [`ApplicationFile::format`].
pub const FORMAT: &str = "shinsei.application";
/// The version of the file format this runtime writes and reads.
pub const FORMAT_VERSION: u32 = 1;

/// The codes of an application file's problems where they cross a shell's
/// boundary, spelled once: the service (`POST /v1/forms/{id}/render?input=application`)
/// and the WASM package (`exportApplication`, `reapply`) answer with these.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FileCode {
    /// Not an application file: not JSON, a member missing, another format
    /// or format version (`application.malformed`).
    Malformed,
    /// The bundle does not have the version the file was made under, or that
    /// version is newer than the one in force (`application.version`).
    Version,
    /// Only a valid submission becomes an application file
    /// (`application.invalid`).
    Invalid,
}

impl FileCode {
    /// The code as written, e.g. `application.malformed`.
    pub const fn as_str(self) -> &'static str {
        match self {
            FileCode::Malformed => "application.malformed",
            FileCode::Version => "application.version",
            FileCode::Invalid => "application.invalid",
        }
    }
}

/// An application file (申請ファイル), version 1.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "申請ファイル (shinsei application file, format version 1)")]
pub struct ApplicationFile {
    /// Always `shinsei.application`.
    #[schemars(schema_with = "format_schema")]
    pub format: String,
    /// The version of this file format (1). A reader refuses versions it does
    /// not know.
    #[schemars(range(min = 1, max = 1))]
    pub format_version: u32,
    /// Form id (`form` of the envelope).
    pub form: String,
    /// The form version the application was made under and validated against.
    pub version: String,
    /// The form's title (申請書名), for people reading the file.
    pub title: String,
    /// When it was submitted (RFC 3339 with offset).
    pub submitted_at: String,
    /// `sha256:` hash of the bundle that judged it (the server's
    /// `bundle_hash`): equal hashes mean the same rules.
    pub bundle_hash: String,
    /// The envelope as the member submitted it, with `version` and
    /// `submitted_at` filled in.
    #[schemars(schema_with = "envelope_schema")]
    pub envelope: Value,
    /// The values the runtime normalized (JSON Pointer into `envelope` →
    /// normalized value), as in the validation result: 和暦 dates as ISO
    /// dates, full-width digits as numbers, hiragana as katakana.
    pub normalized: BTreeMap<String, Value>,
}

impl ApplicationFile {
    /// The envelope with every normalized value in place: the values as the
    /// runtime understood them.
    pub fn canonical_envelope(&self) -> Value {
        let mut envelope = self.envelope.clone();
        for (pointer, value) in &self.normalized {
            if let Some(slot) = envelope.pointer_mut(pointer) {
                *slot = value.clone();
            }
        }
        envelope
    }
}

/// Why no application file was made.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum ExportError {
    /// The submission is not valid: the result says why.
    #[error("the submission is not valid ({} error(s), first `{}` at {:?}); only a valid submission is exported",
        .0.errors.len(),
        .0.errors.first().map_or("", |e| e.code.as_str()),
        .0.errors.first().map_or("", |e| e.path.as_str()))]
    Invalid(Box<ValidationResult>),
    /// Neither a `now` nor the envelope's `submitted_at` says when it was submitted.
    #[error("no time of submission: give `now` or a `submitted_at` in the envelope")]
    NoTime,
    /// The envelope is valid but cannot be kept as JSON data (a number out
    /// of range in an ignored value).
    #[error("the envelope cannot be written into a file: {0}")]
    Unrepresentable(String),
}

/// Makes the application file of a valid submission (JSON text), validated
/// at `now` — by default the envelope's `submitted_at`, the moment it was
/// submitted.
pub fn export_application(
    bundle: &Bundle,
    submission: &str,
    now: Option<DateTime<FixedOffset>>,
    options: &Options,
) -> Result<ApplicationFile, ExportError> {
    // Only `submitted_at` is read before validating: no tree of a
    // submission the runtime has not bounded (it keeps at most a small
    // multiple of the body, `tests/memory.rs`).
    let submitted_at = if submission.len() > options.max_bytes {
        None
    } else {
        serde_json::from_str::<SubmittedAt<'_>>(submission)
            .ok()
            .and_then(|s| s.submitted_at)
            .map(|s| s.trim().to_owned())
    };
    let at = match (now, submitted_at.as_deref()) {
        (Some(now), _) => now,
        (None, Some(s)) => shinsei_jp::instant::parse_date_time(s).ok_or(ExportError::NoTime)?,
        (None, None) => return Err(ExportError::NoTime),
    };
    let result = validate(bundle, submission, at, options);
    if !result.valid {
        return Err(ExportError::Invalid(Box::new(result)));
    }
    // A valid submission has no member the form does not know, so its tree
    // is as small as the form's fields allow.
    let parsed = serde_json::from_str::<Value>(submission).ok();
    let (Some(mut envelope), Some(form), Some(version)) =
        (parsed, result.form.clone(), result.version.clone())
    else {
        return Err(ExportError::Unrepresentable(
            "it is not JSON that serde_json reads (e.g. a number out of range)".to_owned(),
        ));
    };
    let submitted_at = submitted_at.unwrap_or_else(|| at.to_rfc3339());
    if let Some(obj) = envelope.as_object_mut() {
        obj.insert("version".to_owned(), Value::String(version.clone()));
        obj.insert(
            "submitted_at".to_owned(),
            Value::String(submitted_at.clone()),
        );
    }
    let title = bundle
        .select(&form, Some(&version), None)
        .map(|f| f.title.ja.clone())
        .unwrap_or_default();
    Ok(ApplicationFile {
        format: FORMAT.to_owned(),
        format_version: FORMAT_VERSION,
        form,
        version,
        title,
        submitted_at,
        bundle_hash: bundle.hash.clone(),
        envelope,
        normalized: result.normalized,
    })
}

/// The one member read before validating; every other is skipped without
/// being kept.
#[derive(Deserialize)]
struct SubmittedAt<'a> {
    #[serde(borrow, default)]
    submitted_at: Option<std::borrow::Cow<'a, str>>,
}

fn format_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
    schemars::json_schema!({ "const": FORMAT })
}

/// The envelope's schema is the envelope type's own (`Submission`), so that
/// a client generated from it reads `fields`, `applicant` and the rest with
/// their types; a file's envelope has `version` and `submitted_at` filled in.
fn envelope_schema(g: &mut schemars::SchemaGenerator) -> schemars::Schema {
    let mut schema = g.subschema_for::<crate::contract::Submission>();
    schema.insert(
        "description".into(),
        "The envelope as the member submitted it, with `version` and `submitted_at` filled in; `shinsei schema <form>` gives a form's own schema.".into(),
    );
    schema
}
