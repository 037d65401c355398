//! Values that cross the JS boundary besides the shared contracts
//! ([`shinsei_runtime::ValidationResult`], [`shinsei_describe::FormDescription`]).
//!
//! Like the contracts, their JSON keys are snake_case; only function names
//! are camelCase. Their TypeScript declarations (`src/types.d.ts`) are
//! generated from these definitions by `tests/types.rs`.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
pub use shinsei_describe::FormSummary;
use shinsei_ir::{QualField, Text};
pub use shinsei_runtime::contract::{Applicant, Attachment, QualificationRecord, Submission};
use shinsei_runtime::state::FieldState;
use shinsei_runtime::{AttachmentSummary, Issue, Lang};

/// The loaded bundle.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct BundleInfo {
    /// `sha256:` + hex digest of the bundle's forms and parameters (the
    /// server's `bundle_hash`: equal hashes mean equal verdicts).
    pub hash: String,
    /// IR format version of the bundle.
    pub ir_version: u32,
    /// Number of form versions.
    pub forms: u32,
    /// Whether this is the bundle compiled into the package (not one given
    /// to `loadBundle`).
    pub embedded: bool,
    /// Whether the bundle carries the documentation source texts (rule
    /// `source`, `visible_when`, `required_when` and `condition` in
    /// `describeForm`). The embedded bundle leaves them out to stay small;
    /// verdicts do not depend on them.
    pub source_texts: bool,
    /// Version of the shinsei runtime in this package.
    pub runtime_version: String,
}

/// Options of `validate`, `validateField` and `fieldStates`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ValidateOptions {
    /// Language of messages (default `ja`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lang: Option<Lang>,
    /// Largest submission accepted, in bytes of JSON (default 1 MiB).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_bytes: Option<u32>,
    /// Put the legal basis next to each error and warning that has one
    /// (`basis` of the issue; default `false`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub basis: Option<bool>,
}

/// Options of `renderHtml`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RenderOptions {
    /// The 返戻理由のお知らせ (the verdict's errors with the entries they
    /// concern and their basis) instead of the entered contents (default
    /// `false`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub returned: Option<bool>,
    /// Largest submission accepted, in bytes of JSON (default 1 MiB).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_bytes: Option<u32>,
}

/// The verdict on one field or section, for validate-as-you-type.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct FieldValidation {
    /// The JSON Pointer asked about (`""` is the whole submission).
    pub path: String,
    /// No error at or under `path`.
    pub valid: bool,
    /// Errors at or under `path`, in the order `validate` gives them.
    pub errors: Vec<Issue>,
    /// Warnings at or under `path`.
    pub warnings: Vec<Issue>,
    /// Normalized values at or under `path` (pointer → value).
    pub normalized: BTreeMap<String, serde_json::Value>,
    /// Whether each field is shown and required now (show and hide
    /// conditional fields with it).
    pub fields: Vec<FieldState>,
    /// The whole submission has no error (`validate(...).valid`).
    pub form_valid: bool,
    /// Number of errors in the whole submission.
    pub form_errors: u32,
    /// Computed values (as in `validate`).
    pub computed: BTreeMap<String, serde_json::Value>,
    /// Required and missing attachment slots (as in `validate`).
    pub attachments: AttachmentSummary,
}

/// The 資格 fields of one form, filled from a qualification record
/// (`prefill`). Show them read-only; put `qualification` in the envelope.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Prefill {
    /// Form id.
    pub form: String,
    /// Form version.
    pub version: String,
    /// The envelope's `qualification` object: the form's 資格 fields found
    /// in the record.
    pub qualification: BTreeMap<String, String>,
    /// One entry per 資格 field the form shows, in the form's order.
    pub entries: Vec<PrefillEntry>,
    /// Required 資格 fields the record lacks (validation will report them).
    pub missing: Vec<QualField>,
}

/// One 資格 field of a form with its value from the record.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct PrefillEntry {
    /// Key in `qualification`.
    pub id: QualField,
    /// Label.
    pub label: Text,
    /// JSON Pointer, e.g. `/qualification/symbol`.
    pub path: String,
    /// Whether the form requires it.
    pub required: bool,
    /// The record's value (`null` when the record has none).
    pub value: Option<String>,
}
