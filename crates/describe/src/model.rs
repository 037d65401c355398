//! The description types: a stable, snake_case JSON contract for frontends
//! (the app, the portal) and the HTTP service (`GET /v1/forms/{id}`).
//!
//! Labels and messages are bilingual [`Text`] (`{ja, en?}`); dates are ISO
//! `YYYY-MM-DD` strings; paths are JSON Pointers into the submission envelope,
//! with `-` standing for "every item" of a list.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use shinsei_ir::{Category, CharClass, ChoiceOption, QualField, Role, Severity, Text, ValueType};

/// One form version as seen from outside: enough to render it, explain its
/// rules and build a submission.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct FormDescription {
    /// Form id (`form` in the envelope).
    pub id: String,
    /// Version (`version` in the envelope).
    pub version: String,
    /// Title.
    pub title: Text,
    /// Category.
    pub category: CategoryInfo,
    /// Dates on which this version accepts submissions (JST, inclusive).
    pub effective: Effective,
    /// Roles allowed to file the form (`applicant.role`).
    pub applicants: Vec<ApplicantInfo>,
    /// The 資格 fields shown on this form, auto-filled and read-only.
    pub qualification: Vec<QualificationEntry>,
    /// The field tree (`fields` in the envelope), in declaration order.
    pub fields: Vec<FieldDescription>,
    /// Attachment slots, in declaration order.
    pub attachments: Vec<AttachmentDescription>,
    /// Values computed for display (`computed` in the validation result).
    pub computed: Vec<ComputedDescription>,
    /// Named rules, in declaration order (error code `rule.<name>`).
    pub rules: Vec<RuleDescription>,
    /// The effective-dated parameters the form uses.
    pub params: Vec<ParamDescription>,
    /// Hash of the bundle this description was made from (`sha256:…`).
    pub bundle_hash: String,
    /// The legal basis of the application itself (what it must state, which
    /// documents are attached), where the form states it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub basis: Option<String>,
}

/// One form version in a list (`listForms`; the versions of
/// `GET /v1/forms`): what it is, when it applies, who may file it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct FormSummary {
    /// Form id (`form` in the envelope).
    pub id: String,
    /// Version (`version` in the envelope).
    pub version: String,
    /// Title.
    pub title: Text,
    /// Category.
    pub category: CategoryInfo,
    /// Dates on which this version accepts submissions (JST, inclusive).
    pub effective: Effective,
    /// Roles allowed to file it.
    pub applicants: Vec<ApplicantInfo>,
}

/// A category id and its Japanese name.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct CategoryInfo {
    /// Identifier (`benefit`, `enrollment`, `health`, `loan`, `certificate`).
    pub id: Category,
    /// Japanese name (給付, 適用, 保健, 貸付, 証交付).
    pub ja: String,
}

/// An inclusive date range; `to` absent means open-ended.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Effective {
    /// First day (`YYYY-MM-DD`).
    #[schemars(extend("format" = "date"))]
    pub from: String,
    /// Last day (`YYYY-MM-DD`), if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(extend("format" = "date"))]
    pub to: Option<String>,
}

/// A role id and its Japanese name.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ApplicantInfo {
    /// Identifier (`insured`, `dependent`, `agent`).
    pub id: Role,
    /// Japanese name.
    pub ja: String,
}

/// A 資格 field shown on the form.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct QualificationEntry {
    /// Key in `qualification`.
    pub id: QualField,
    /// Label.
    pub label: Text,
    /// Whether the submission must carry it.
    pub required: bool,
    /// JSON Pointer, e.g. `/qualification/symbol`.
    pub path: String,
}

/// The kind of input a field takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum FieldType {
    /// Free text.
    Text,
    /// 全角カタカナ.
    Kana,
    /// Integer.
    Integer,
    /// Yen amount (integer).
    Yen,
    /// Exact rate (`"3/10"`, `"0.3"` or an integer).
    Rate,
    /// Date (`YYYY-MM-DD`).
    Date,
    /// Date period `{from, to}`.
    Period,
    /// Year-month (`YYYY-MM`).
    Month,
    /// Yes / no.
    Bool,
    /// One of `options`.
    Choice,
    /// A set of `options`.
    Multi,
    /// 郵便番号 (7 digits).
    PostalCode,
    /// Phone number (10–11 digits).
    Phone,
    /// E-mail address.
    Email,
    /// Address text.
    Address,
    /// A fixed or bounded number of digits.
    Digits,
    /// A nested object of `fields`.
    Group,
    /// A repeating list of objects of `fields`.
    List,
}

/// Whether a value must be given.
///
/// For fields this is the declared presence; a field whose `visible` is
/// `conditional` is only required while it is shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Requirement {
    /// Required (whenever shown).
    Always,
    /// May be left out.
    Optional,
    /// Required when a condition holds (see `condition`).
    Conditional,
}

/// Whether a field is shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Visibility {
    /// Always shown.
    Always,
    /// Shown when a condition holds (see `condition`); a hidden field's value
    /// is ignored with an `unknown_field` warning.
    Conditional,
}

/// One field, group or list of the field tree.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct FieldDescription {
    /// Key in its object.
    pub id: String,
    /// JSON Pointer into the envelope; `-` stands for every item of a list,
    /// e.g. `/fields/leave/-/from`.
    pub path: String,
    /// Label.
    pub label: Text,
    /// Help text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub help: Option<Text>,
    /// Kind of input.
    #[serde(rename = "type")]
    pub ty: FieldType,
    /// Whether it must be filled.
    pub required: Requirement,
    /// Whether it is always shown.
    pub visible: Visibility,
    /// Source text of the `when` condition (shown only while it holds).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub visible_when: Option<String>,
    /// Source text of the `required when` condition.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub required_when: Option<String>,
    /// Limits checked by the validator (only the ones that apply).
    pub constraints: Constraints,
    /// Options of a `choice` or `multi` field, in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub options: Vec<ChoiceOption>,
    /// Members of a `group`, or of one item of a `list`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<FieldDescription>,
}

/// Limits of a field; a key is present only when it applies.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Constraints {
    /// Minimum length in characters (`length.min`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_len: Option<u32>,
    /// Maximum length in characters (`length.max`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_len: Option<u32>,
    /// Allowed characters of a text field.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub chars: Option<CharClass>,
    /// A multi-line text field (render a text area): line breaks allowed,
    /// at most this many lines (`length.max`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lines: Option<u32>,
    /// Smallest number (`range.min`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min: Option<i64>,
    /// Largest number (`range.max`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<i64>,
    /// Number of digits (`format.digits`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub digits: Option<Bounds>,
    /// Number of items of a list or options of a multi (`items.min`, `items.max`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub items: Option<Bounds>,
}

/// Inclusive bounds on a count.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Bounds {
    /// Minimum.
    pub min: u32,
    /// Maximum, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<u32>,
}

/// An attachment slot.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct AttachmentDescription {
    /// Slot id (`slot` in an `attachments` entry).
    pub slot: String,
    /// Label.
    pub label: Text,
    /// Help text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub help: Option<Text>,
    /// Accepted MIME types (`application/pdf`, `image/jpeg`, `image/png`).
    pub accept: Vec<String>,
    /// Largest file in bytes (the insurer's per-type limits also apply).
    pub max_size: u64,
    /// Most files in this slot.
    pub max_count: u32,
    /// Whether at least one file is needed.
    pub required: Requirement,
    /// Source text of the condition, for display.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub condition: Option<String>,
}

/// A value computed for display.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ComputedDescription {
    /// Key in `computed` of the validation result.
    pub name: String,
    /// Label.
    pub label: Text,
    /// Type of the value (integers and yen are JSON integers, dates ISO strings).
    #[serde(rename = "type")]
    pub ty: ValueType,
}

/// A named rule.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct RuleDescription {
    /// Error code, `rule.<name>`.
    pub code: String,
    /// `error` blocks the submission, `warning` never does.
    pub severity: Severity,
    /// Message.
    pub message: Text,
    /// JSON Pointer of the object the rule is checked for: `/fields` at form
    /// level, `/fields/leave/-` for every item of the list `leave`.
    pub scope_path: String,
    /// JSON Pointer (same `-` convention) of where an error is reported.
    pub at_path: String,
    /// Source text of the rule's `when` and `check`.
    pub source: String,
    /// The legal basis of the rule (a law, a regulation, the insurer's
    /// guidance), where the form states it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub basis: Option<String>,
}

/// An effective-dated parameter.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ParamDescription {
    /// Name used in rules.
    pub name: String,
    /// Description.
    pub label: Text,
    /// Type of the values.
    #[serde(rename = "type")]
    pub ty: ValueType,
    /// For a table, its keys in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub keys: Vec<String>,
    /// Periods by start date; each lasts until the next one starts.
    pub periods: Vec<ParamPeriodDescription>,
}

/// The value of a parameter from a date on.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ParamPeriodDescription {
    /// First day (`YYYY-MM-DD`).
    #[schemars(extend("format" = "date"))]
    pub from: String,
    /// The value as JSON: yen and integers as numbers, rates as `"num/den"`,
    /// dates as `YYYY-MM-DD`, months as `YYYY-MM`, durations as
    /// `{"n": 2, "unit": "years"}`; a table is an object keyed like `keys`.
    pub value: serde_json::Value,
    /// Where the number comes from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}
