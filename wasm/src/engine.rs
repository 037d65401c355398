//! The entry points as plain Rust over a loaded bundle: what the JS
//! functions in `lib.rs` call after converting their arguments. Native code
//! (tests, the batch runner) uses it directly.

use chrono::{DateTime, FixedOffset};
use serde_json::Value;
use shinsei_describe::FormDescription;
use shinsei_ir::{Bundle, Form, IR_VERSION};
pub use shinsei_runtime::prefill::RecordValue;
use shinsei_runtime::prefill::{RecordError, prefill};
use shinsei_runtime::state::FieldStates;
use shinsei_runtime::{
    ApplicationFile, ExportError, Options, Reapplication, ReapplyError, ValidationResult,
};

use crate::embedded::Embedded;
use crate::error::{ApiError, ErrorCode};
use crate::read::read_binary;
use crate::types::{BundleInfo, FieldValidation, FormSummary, Prefill, PrefillEntry};

/// The same bundle as `shinsei compile` writes it, for native tools and
/// tests (not compiled into the WASM module).
#[cfg(not(target_arch = "wasm32"))]
pub const BUNDLE_JSON: &str = include_str!(concat!(env!("OUT_DIR"), "/bundle.json"));

/// A loaded bundle and everything the entry points do with it.
#[derive(Debug)]
pub struct Engine {
    bundle: Source,
}

/// Where the engine's forms come from.
#[derive(Debug)]
enum Source {
    /// The bundle compiled from `forms/` when this crate was built, without
    /// the documentation source texts ([`crate::slim`]), read one form at a
    /// time ([`crate::embedded`]).
    Embedded(Embedded),
    /// A bundle given to [`Engine::load`], read whole.
    Loaded(Bundle),
}

impl Engine {
    /// The embedded bundle (no form is read until one is asked for).
    pub fn embedded() -> Result<Engine, ApiError> {
        Ok(Engine {
            bundle: Source::Embedded(Embedded::new()),
        })
    }

    /// A bundle from `shinsei compile --binary` (its bytes), checked for IR
    /// version, shape and nesting. Its `hash` is taken as given: it is the
    /// content hash the compiler wrote (recomputing it would need the IR's
    /// serializers in the module).
    ///
    /// Only the binary form: reading the JSON form too would need a second
    /// set of the IR's deserializers in the module (about 47 KB gzipped).
    pub fn load(bytes: &[u8]) -> Result<Engine, ApiError> {
        Ok(Engine {
            bundle: Source::Loaded(read_binary(bytes)?),
        })
    }

    /// The whole bundle (for the embedded one: every form read).
    pub fn bundle(&self) -> Result<&Bundle, ApiError> {
        match &self.bundle {
            Source::Embedded(e) => e.whole(),
            Source::Loaded(b) => Ok(b),
        }
    }

    /// A bundle with every version of form `id` (the embedded bundle reads
    /// only that form, unless it has read them all; with no such form, the
    /// whole bundle, which says so).
    fn bundle_of(&self, id: &str) -> Result<&Bundle, ApiError> {
        match &self.bundle {
            Source::Embedded(e) if e.whole_is_read() => e.whole(),
            Source::Embedded(e) => e.form(id).unwrap_or_else(|| e.whole()),
            Source::Loaded(b) => Ok(b),
        }
    }

    /// `run` over the bundle of the form the submission names, if the
    /// embedded bundle is loaded and the output shows (`named`) that the
    /// submission did name that form; else over the whole bundle. A form's
    /// bundle gives a submission of that form the whole bundle's answers.
    fn run<T>(
        &self,
        submission: &str,
        run: impl Fn(&Bundle) -> T,
        named: fn(&T, &str) -> bool,
    ) -> Result<T, ApiError> {
        let mut own = match &self.bundle {
            // Once every form is read, no need to look for the submission's.
            Source::Embedded(e) if e.whole_is_read() => None,
            Source::Embedded(e) => shinsei_runtime::envelope_form(submission)
                .and_then(|id| Some((e.form(&id)?, id)))
                .map(|(own, id)| own.map(|own| (own, id)))
                .transpose()?,
            Source::Loaded(_) => None,
        };
        // One call of `run` in the code (inlined twice, it would be twice
        // in the module).
        loop {
            let bundle = match own {
                Some((b, _)) => b,
                None => self.bundle()?,
            };
            let out = run(bundle);
            match own.take() {
                Some((_, id)) if !named(&out, &id) => {}
                _ => return Ok(out),
            }
        }
    }

    /// The ids of the embedded bundle's forms read so far (each is read the
    /// first time it is asked for); every form of a loaded bundle.
    pub fn forms_read(&self) -> Vec<&str> {
        match &self.bundle {
            Source::Embedded(e) => e.read_so_far(),
            Source::Loaded(b) => {
                let mut ids: Vec<&str> = b.forms.iter().map(|f| f.id.as_str()).collect();
                ids.dedup();
                ids
            }
        }
    }

    /// What is loaded.
    pub fn info(&self) -> BundleInfo {
        let (hash, ir_version, forms, embedded, source_texts) = match &self.bundle {
            Source::Embedded(e) => (
                e.hash().to_owned(),
                IR_VERSION,
                e.form_versions(),
                true,
                e.source_texts(),
            ),
            Source::Loaded(b) => (
                b.hash.clone(),
                b.ir_version,
                u32::try_from(b.forms.len()).unwrap_or(u32::MAX),
                false,
                b.forms.iter().any(|f| !f.source.is_empty()),
            ),
        };
        BundleInfo {
            hash,
            ir_version,
            forms,
            embedded,
            source_texts,
            runtime_version: env!("CARGO_PKG_VERSION").to_owned(),
        }
    }

    /// [`Engine::list_forms`] as JSON text (the embedded bundle answers
    /// from its index, reading no form).
    pub fn list_forms_json(&self) -> Result<String, ApiError> {
        match &self.bundle {
            Source::Embedded(e) if !e.whole_is_read() => Ok(e.summaries().to_owned()),
            _ => Ok(to_json(&self.list_forms()?)),
        }
    }

    /// Every form version, by id then effective date.
    pub fn list_forms(&self) -> Result<Vec<FormSummary>, ApiError> {
        Ok(self
            .bundle()?
            .forms
            .iter()
            .map(shinsei_describe::summary)
            .collect())
    }

    /// The version of form `id` that applies ([`Bundle::select`]): `version`
    /// if named, else the one in force on the JST date of `now`, else (with
    /// neither) the newest; with both, `version` must be in force that day.
    pub fn form(
        &self,
        id: &str,
        version: Option<&str>,
        now: Option<DateTime<FixedOffset>>,
    ) -> Result<&Form, ApiError> {
        let on = now.map(shinsei_jp::calendar::jst_date);
        self.bundle_of(id)?
            .select(id, version, on)
            .map_err(|e| ApiError::from(&e))
    }

    /// The field tree of a form version (what the server's
    /// `GET /v1/forms/{id}` returns).
    pub fn describe_form(
        &self,
        id: &str,
        version: Option<&str>,
        now: Option<DateTime<FixedOffset>>,
    ) -> Result<FormDescription, ApiError> {
        let form = self.form(id, version, now)?;
        Ok(shinsei_describe::describe(form, self.bundle_of(id)?))
    }

    /// Validates a submission (JSON text).
    pub fn validate(
        &self,
        submission: &str,
        now: DateTime<FixedOffset>,
        options: &Options,
    ) -> Result<ValidationResult, ApiError> {
        self.run(
            submission,
            |b| shinsei_runtime::validate(b, submission, now, options),
            |r, id| r.form.as_deref() == Some(id),
        )
    }

    /// [`Engine::validate`] with the result as JSON text: the same bytes as
    /// the native runtime and the server give.
    pub fn validate_json(
        &self,
        submission: &str,
        now: DateTime<FixedOffset>,
        options: &Options,
    ) -> Result<String, ApiError> {
        Ok(result_json(&self.validate(submission, now, options)?))
    }

    /// The 申請書情報 of a submission (JSON text), or with `returned` the
    /// 返戻理由のお知らせ, as an HTML page: byte for byte what
    /// `shinsei render` and `POST /v1/forms/{id}/render` write. Validated at
    /// `now`; a submission that names no form version of the bundle is
    /// refused with the runtime's code.
    pub fn render_html(
        &self,
        submission: &str,
        now: DateTime<FixedOffset>,
        returned: bool,
        max_bytes: usize,
    ) -> Result<String, ApiError> {
        // Made at all, it is of a version of the form the submission names:
        // with only that form's versions, the whole bundle's page.
        let made = self.run(
            submission,
            |bundle| {
                if returned {
                    shinsei_render::notice_html(bundle, submission, now, max_bytes)
                } else {
                    shinsei_render::document_html(bundle, submission, now, max_bytes)
                }
            },
            |made, _| made.is_ok(),
        )?;
        made.map_err(|shinsei_render::RenderError::NoForm(result)| {
            let first = result.errors.first();
            // The runtime's code, as the server answers (`envelope.form`
            // when the first error is no envelope code).
            let code = first
                .and_then(|e| shinsei_runtime::Code::parse(&e.code))
                .and_then(ErrorCode::of_envelope)
                .unwrap_or(ErrorCode::EnvelopeForm);
            ApiError::new(code, first.map_or("", |e| e.message.as_str()))
                .at(first.map_or("", |e| e.path.as_str()))
        })
    }

    /// The application file (申請ファイル) of a valid submission, validated at
    /// `now` (default: its `submitted_at`).
    pub fn export_application(
        &self,
        submission: &str,
        now: Option<DateTime<FixedOffset>>,
        options: &Options,
    ) -> Result<ApplicationFile, ApiError> {
        // Exported at all, it is of a version of the form the submission
        // names: with only that form's versions, the whole bundle's file.
        let exported = self.run(
            submission,
            |bundle| shinsei_runtime::export_application(bundle, submission, now, options),
            |file, _| file.is_ok(),
        )?;
        exported.map_err(|e| {
            let code = match &e {
                ExportError::Invalid(_) => ErrorCode::ApplicationInvalid,
                ExportError::NoTime => ErrorCode::ArgumentNow,
                ExportError::Unrepresentable(_) => ErrorCode::ArgumentSubmission,
            };
            let path = match &e {
                ExportError::Invalid(r) => r.errors.first().map(|i| i.path.clone()),
                _ => None,
            };
            let err = ApiError::new(code, e.to_string());
            match path {
                Some(p) => err.at(p),
                None => err,
            }
        })
    }

    /// Re-applies an application file (JSON text) at `now` for the member
    /// whose qualification record is `record` (a JSON object).
    pub fn reapply(
        &self,
        application: &str,
        record: &Value,
        now: DateTime<FixedOffset>,
        options: &Options,
    ) -> Result<Reapplication, ApiError> {
        let file = shinsei_runtime::read_application(application, options.max_bytes)
            .map_err(reapply_error)?;
        // Re-application stays within the versions of the file's form.
        shinsei_runtime::reapply(self.bundle_of(&file.form)?, &file, record, now, options)
            .map_err(reapply_error)
    }

    /// Whether each field of a submission (JSON text) is shown and required.
    pub fn field_states(
        &self,
        submission: &str,
        now: DateTime<FixedOffset>,
        options: &Options,
    ) -> Result<FieldStates, ApiError> {
        self.run(
            submission,
            |b| shinsei_runtime::state::field_states(b, submission, now, options),
            |s, id| s.form.as_deref() == Some(id),
        )
    }

    /// The issues at or under JSON Pointer `path`, with the state of every
    /// field (validate-as-you-type).
    pub fn validate_field(
        &self,
        submission: &str,
        path: &str,
        now: DateTime<FixedOffset>,
        options: &Options,
    ) -> Result<FieldValidation, ApiError> {
        if !(path.is_empty() || path.starts_with('/')) {
            return Err(ApiError::new(
                ErrorCode::ArgumentPath,
                format!("`{path}` is not a JSON Pointer: it must be empty or start with `/`"),
            ));
        }
        // One parse and one decoding for both, and no canonical submission
        // (this runs on every keystroke and shows neither).
        let (result, states) = self.run(
            submission,
            |b| shinsei_runtime::validate_as_you_type(b, submission, now, options),
            |(r, _), id| r.form.as_deref() == Some(id),
        )?;
        let errors: Vec<_> = result
            .errors
            .iter()
            .filter(|i| under(&i.path, path))
            .cloned()
            .collect();
        Ok(FieldValidation {
            path: path.to_owned(),
            valid: errors.is_empty(),
            errors,
            warnings: result
                .warnings
                .iter()
                .filter(|i| under(&i.path, path))
                .cloned()
                .collect(),
            normalized: result
                .normalized
                .iter()
                .filter(|(p, _)| under(p, path))
                .map(|(p, v)| (p.clone(), v.clone()))
                .collect(),
            fields: states.fields,
            form_valid: result.valid,
            form_errors: u32::try_from(result.errors.len()).unwrap_or(u32::MAX),
            computed: result.computed,
            attachments: result.attachments,
        })
    }

    /// The 資格 fields form `id` shows, filled from `record` (a JSON object).
    pub fn prefill(
        &self,
        id: &str,
        record: &Value,
        version: Option<&str>,
        now: Option<DateTime<FixedOffset>>,
    ) -> Result<Prefill, ApiError> {
        let form = self.form(id, version, now)?;
        let Some(record) = record.as_object() else {
            return Err(not_an_object());
        };
        self.prefill_form(form, &mut |key| match record.get(key) {
            None | Some(Value::Null) => RecordValue::Missing,
            Some(Value::String(s)) => RecordValue::Text(s.clone()),
            Some(_) => RecordValue::Other,
        })
    }

    /// [`Engine::prefill`] with the record read through `lookup`.
    pub fn prefill_form(
        &self,
        form: &Form,
        lookup: &mut dyn FnMut(&str) -> RecordValue,
    ) -> Result<Prefill, ApiError> {
        let filled = prefill(form, lookup).map_err(|e| match e {
            RecordError::NotAString(key) => {
                ApiError::new(ErrorCode::ArgumentType, e.to_string()).at(format!("/{key}"))
            }
            RecordError::NotAnObject => not_an_object(),
        })?;
        // The labels and pointers are describe's; the values, the runtime's
        // prefill (the same that re-application uses).
        let entries = shinsei_describe::qualification(form)
            .into_iter()
            .zip(filled.items)
            .map(|(entry, (_, value))| PrefillEntry {
                id: entry.id,
                label: entry.label,
                path: entry.path,
                required: entry.required,
                value,
            })
            .collect();
        let out = Prefill {
            form: form.id.clone(),
            version: form.version.clone(),
            qualification: filled.qualification,
            entries,
            missing: filled.missing,
        };
        Ok(out)
    }
}

/// A re-application error as a boundary error.
fn reapply_error(e: ReapplyError) -> ApiError {
    let code = match &e {
        ReapplyError::Malformed(_) | ReapplyError::FormatVersion(_) => {
            ErrorCode::ApplicationMalformed
        }
        ReapplyError::UnknownForm(_) => ErrorCode::EnvelopeForm,
        ReapplyError::UnknownVersion { .. } | ReapplyError::FileIsNewer { .. } => {
            ErrorCode::ApplicationVersion
        }
        ReapplyError::NoneInForce { .. } => ErrorCode::EnvelopeVersion,
        ReapplyError::Record(_) => ErrorCode::ArgumentType,
    };
    let path = match &e {
        ReapplyError::Record(RecordError::NotAString(key)) => format!("/{key}"),
        ReapplyError::UnknownVersion { .. } | ReapplyError::FileIsNewer { .. } => {
            "/version".to_owned()
        }
        ReapplyError::UnknownForm(_) => "/form".to_owned(),
        ReapplyError::FormatVersion(_) => "/format_version".to_owned(),
        _ => String::new(),
    };
    ApiError::new(code, e.to_string()).at(path)
}

/// The error for a record that is not an object.
pub fn not_an_object() -> ApiError {
    ApiError::new(
        ErrorCode::ArgumentType,
        "the qualification record must be an object",
    )
}

/// A validation result as JSON text, as every shell writes it.
pub fn result_json(result: &ValidationResult) -> String {
    result.to_json()
}

/// Any contract value as JSON text, as every shell writes it.
pub fn to_json<T: serde::Serialize>(value: &T) -> String {
    // Only string-keyed maps and plain data: serialization cannot fail.
    serde_json::to_string(value).unwrap_or_default()
}

/// Whether pointer `path` is `prefix` or below it.
fn under(path: &str, prefix: &str) -> bool {
    match path.strip_prefix(prefix) {
        Some(rest) => rest.is_empty() || rest.starts_with('/') || prefix.is_empty(),
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::under;

    #[test]
    fn pointer_prefixes_follow_segments() {
        assert!(under("/fields/leave/0/to", "/fields/leave"));
        assert!(under("/fields/leave", "/fields/leave"));
        assert!(!under("/fields/leave_kind", "/fields/leave"));
        assert!(under("/fields/x", ""));
        assert!(under("", ""));
        assert!(!under("", "/fields"));
    }
}
