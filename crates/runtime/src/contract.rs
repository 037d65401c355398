//! The submission envelope as a type: what a client sends to `validate`
//! (the contract in DESIGN.md, Contracts). The runtime reads submissions
//! with its own bounded reader (it never deserializes into these types);
//! they exist so that the JSON Schema of the envelope comes from one
//! definition for every shell: the WASM package's TypeScript declarations
//! and the service's OpenAPI document are generated from them.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use shinsei_ir::Role;

/// A submission envelope (the contract in DESIGN.md). `fields` follows the
/// form's field tree (see `describeForm`). Each form version's exact schema
/// is `GET /v1/forms/{id}/schema` (`shinsei schema <id>`: everything the
/// runtime accepts; `canonical=true`: the normalized values), and its
/// TypeScript types are in `shinsei-wasm/forms`.
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
