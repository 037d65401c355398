//! The validation result (a stable contract) and the collector that builds it.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::messages::{Lang, Msg};

/// The verdict on one submission.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ValidationResult {
    /// True exactly when `errors` is empty.
    pub valid: bool,
    /// The form id given in the envelope (when it was a string).
    pub form: Option<String>,
    /// The form version the submission was validated against.
    pub version: Option<String>,
    /// Blocking issues, in a deterministic order.
    pub errors: Vec<Issue>,
    /// Non-blocking issues.
    pub warnings: Vec<Issue>,
    /// Computed values that are known, by name.
    pub computed: BTreeMap<String, serde_json::Value>,
    /// Attachment slots required for this submission and those missing.
    pub attachments: AttachmentSummary,
    /// Values the runtime normalized (JSON Pointer → normalized value); only
    /// values that changed. Omitted when empty.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub normalized: BTreeMap<String, serde_json::Value>,
    /// The whole submission in canonical form, once a form version was
    /// chosen (omitted before): what to send or store.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub canonical: Option<Canonical>,
}

/// The submission in canonical form: every value the runtime read, normalized
/// (ISO dates, ASCII digits, 全角カタカナ, JSON integers, choice keys); values
/// it could not read as sent; absent values, hidden fields and unknown keys
/// left out; `version` set to the version validated against; keys in the
/// contract's and the form's order. Revalidating the canonical form of a
/// valid submission gives the same verdict.
///
/// It holds the JSON text the runtime wrote. [`ValidationResult::to_json`]
/// copies it into the result as it is; serializing through serde (indented
/// JSON, snapshots) reads it back into a tree, keys in their order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Canonical(String);

impl Canonical {
    /// Wraps the text the runtime wrote.
    pub(crate) fn new(text: String) -> Canonical {
        Canonical(text)
    }

    /// The JSON text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The JSON value (keys sorted, as `serde_json::Value` keeps them).
    pub fn to_value(&self) -> serde_json::Value {
        serde_json::from_str(&self.0).unwrap_or(serde_json::Value::Null)
    }
}

impl<'de> Deserialize<'de> for Canonical {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let raw = Box::<serde_json::value::RawValue>::deserialize(d)?;
        Ok(Canonical(raw.get().to_owned()))
    }
}

impl JsonSchema for Canonical {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "CanonicalSubmission".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        // The envelope's members as a client reads them. A value the runtime
        // refused stays as it was sent (`"applicant": 5`, `"fields": []`,
        // `"attachments": false`), so only `form` and `version` have a type
        // of their own; a valid submission's are the canonical schema's.
        schemars::json_schema!({
            "type": "object",
            "description": "The submission envelope in canonical form: every value normalized (the form's canonical schema describes it: `shinsei schema --canonical`).",
            "required": ["form", "version"],
            "properties": {
                "form": { "type": "string", "description": "Form id." },
                "version": { "type": "string", "description": "The form version it was judged against." },
                "submitted_at": { "description": "When it was submitted (RFC 3339), as sent." },
                "applicant": { "description": "`applicant`, as sent." },
                "qualification": { "description": "The 資格 fields, normalized." },
                "fields": {
                    "description": "The form's fields, by id, every value normalized (和暦 dates as ISO dates, full-width digits as numbers, hiragana as katakana); as sent when it is not an object."
                },
                "attachments": { "description": "Attached files (metadata only); as sent when it is not a list." }
            }
        })
    }
}

impl ValidationResult {
    /// The result as compact JSON text: what every shell sends, the same
    /// bytes as `serde_json::to_string(&result)` without reading the
    /// canonical submission back (it is copied as it is).
    pub fn to_json(&self) -> String {
        // Every field but `canonical`, which comes last.
        #[derive(Serialize)]
        struct Head<'a> {
            valid: bool,
            form: &'a Option<String>,
            version: &'a Option<String>,
            errors: &'a [Issue],
            warnings: &'a [Issue],
            computed: &'a BTreeMap<String, serde_json::Value>,
            attachments: &'a AttachmentSummary,
            #[serde(skip_serializing_if = "BTreeMap::is_empty")]
            normalized: &'a BTreeMap<String, serde_json::Value>,
        }
        let head = Head {
            valid: self.valid,
            form: &self.form,
            version: &self.version,
            errors: &self.errors,
            warnings: &self.warnings,
            computed: &self.computed,
            attachments: &self.attachments,
            normalized: &self.normalized,
        };
        // Plain data with string keys: serialization cannot fail.
        let mut out = serde_json::to_string(&head).unwrap_or_default();
        if let Some(c) = &self.canonical
            && out.ends_with('}')
        {
            out.pop();
            out.reserve(c.0.len().saturating_add(14));
            out.push_str(",\"canonical\":");
            out.push_str(&c.0);
            out.push('}');
        }
        out
    }
}

/// Required and missing attachment slots.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct AttachmentSummary {
    /// Slots that need at least one file, in declaration order.
    pub required: Vec<String>,
    /// Required slots with no file, in declaration order.
    pub missing: Vec<String>,
}

/// One error or warning.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Issue {
    /// RFC 6901 JSON Pointer into the envelope (`""` is the whole document).
    pub path: String,
    /// Stable code from the closed vocabulary (see [`crate::Code`]) or `rule.<name>`.
    pub code: String,
    /// Human-readable message in the requested language.
    pub message: String,
    /// Whether it blocks the submission.
    pub severity: IssueSeverity,
    /// The legal basis (a law, a regulation, the insurer's guidance) — only
    /// when asked for (`Options::basis`) and known: a rule's own, the form's
    /// for `required` and `attachment.missing`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub basis: Option<String>,
}

/// Severity of an [`Issue`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum IssueSeverity {
    /// Blocks the submission.
    Error,
    /// Shown, never blocks.
    Warning,
}

impl Issue {
    /// A built-in error.
    pub(crate) fn error(
        path: impl Into<String>,
        msg: Msg,
        lang: Lang,
        args: &[(&str, &str)],
    ) -> Issue {
        Issue {
            path: path.into(),
            code: msg.code().as_str().to_owned(),
            message: msg.render(lang, args),
            severity: IssueSeverity::Error,
            basis: None,
        }
    }

    /// A built-in warning.
    pub(crate) fn warning(
        path: impl Into<String>,
        msg: Msg,
        lang: Lang,
        args: &[(&str, &str)],
    ) -> Issue {
        Issue {
            severity: IssueSeverity::Warning,
            ..Issue::error(path, msg, lang, args)
        }
    }
}

/// Collects issues and normalized values in emission order.
#[derive(Debug, Default)]
pub(crate) struct Report {
    pub errors: Vec<Issue>,
    pub warnings: Vec<Issue>,
    pub normalized: BTreeMap<String, serde_json::Value>,
}

impl Report {
    /// Files an issue under its severity.
    pub fn push(&mut self, issue: Issue) {
        match issue.severity {
            IssueSeverity::Error => self.errors.push(issue),
            IssueSeverity::Warning => self.warnings.push(issue),
        }
    }

    /// Files a built-in error.
    pub fn error(&mut self, path: impl Into<String>, msg: Msg, lang: Lang, args: &[(&str, &str)]) {
        self.errors.push(Issue::error(path, msg, lang, args));
    }

    /// Turns the collected issues into a result.
    pub fn finish(self, form: Option<String>, version: Option<String>) -> ValidationResult {
        ValidationResult {
            valid: self.errors.is_empty(),
            form,
            version,
            errors: self.errors,
            warnings: self.warnings,
            computed: BTreeMap::new(),
            attachments: AttachmentSummary::default(),
            normalized: self.normalized,
            canonical: None,
        }
    }
}
