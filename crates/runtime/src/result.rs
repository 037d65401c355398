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
        }
    }
}
