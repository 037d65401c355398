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
use shinsei_ir::{QualField, Role, Text};
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

/// A member's qualification record, as the qualification system gives it.
/// `prefill` takes the keys the form shows; others are ignored.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct QualificationRecord {
    /// 保険者番号 (8 digits).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub insurer_number: Option<String>,
    /// 支部, e.g. `東京`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub branch: Option<String>,
    /// 記号 (1–8 digits).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub symbol: Option<String>,
    /// 番号 (1–8 digits).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number: Option<String>,
    /// 枝番 (2 digits).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub branch_no: Option<String>,
    /// 漢字氏名.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name_kanji: Option<String>,
    /// カナ氏名.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name_kana: Option<String>,
    /// 性別: `male` or `female`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sex: Option<String>,
    /// 生年月日 (`YYYY-MM-DD`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub birth_date: Option<String>,
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

/// A submission envelope (the contract in DESIGN.md). `fields` follows the
/// form's field tree (see `describeForm`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Submission {
    /// Form id.
    pub form: String,
    /// Form version; omitted: the version effective at `submitted_at`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    /// When it was submitted (RFC 3339); omitted: `now`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub submitted_at: Option<String>,
    /// Who files it.
    pub applicant: Applicant,
    /// The 資格 fields (see `prefill`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub qualification: Option<QualificationRecord>,
    /// The form's fields, by id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fields: Option<BTreeMap<String, serde_json::Value>>,
    /// Attached files (metadata only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attachments: Option<Vec<Attachment>>,
}

/// `applicant` in the envelope.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Applicant {
    /// The role.
    pub role: Role,
}

/// One attached file's metadata.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Attachment {
    /// Slot id (see `describeForm(...).attachments`).
    pub slot: String,
    /// File name.
    pub file_name: String,
    /// `application/pdf`, `image/jpeg` or `image/png`.
    pub media_type: String,
    /// Size in bytes.
    pub size: u64,
    /// Image width in pixels (JPEG/PNG).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub width: Option<u32>,
    /// Image height in pixels (JPEG/PNG).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub height: Option<u32>,
}
