//! One compiled form version: header, field tree, rules, computed values and
//! attachment slots.

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::expr::{Expr, QualField, ValueType};
use crate::migration::Migration;
use crate::text::Text;

enumerated! {
/// Category of a form (申請の種類).
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    /// 給付 — benefits paid in money.
    Benefit,
    /// 適用 — enrolment and changes of coverage.
    Enrollment,
    /// 保健 — health checks and guidance.
    Health,
    /// 貸付 — loans.
    Loan,
    /// 証交付 — issuing certificates and cards.
    Certificate,
}
}

impl Category {
    /// The Japanese name used in `.form` files.
    pub fn ja(self) -> &'static str {
        match self {
            Category::Benefit => "給付",
            Category::Enrollment => "適用",
            Category::Health => "保健",
            Category::Loan => "貸付",
            Category::Certificate => "証交付",
        }
    }
}

enumerated! {
/// Who files the application.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// 被保険者 (logs in with their own My Number card).
    Insured,
    /// 被扶養者.
    Dependent,
    /// 社会保険労務士 acting for the member.
    Agent,
}
}

impl Role {
    /// The identifier used in envelopes and `.form` files.
    pub fn id(self) -> &'static str {
        match self {
            Role::Insured => "insured",
            Role::Dependent => "dependent",
            Role::Agent => "agent",
        }
    }
    /// Japanese name.
    pub fn ja(self) -> &'static str {
        match self {
            Role::Insured => "被保険者",
            Role::Dependent => "被扶養者",
            Role::Agent => "社会保険労務士",
        }
    }
}

/// One entry of a form's `qualification` line.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct QualItem {
    /// Which field.
    pub field: QualField,
    /// Shown and required (`true`), or shown and optional (`false`, written `name?`).
    pub required: bool,
}

/// An inclusive range of dates; `to = None` means open-ended.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct DateRange {
    /// First day (inclusive).
    pub from: NaiveDate,
    /// Last day (inclusive), if any.
    #[serde(default, skip_serializing_if = "crate::wire::absent")]
    pub to: Option<NaiveDate>,
}

impl DateRange {
    /// Whether `d` lies inside the range.
    pub fn contains(&self, d: NaiveDate) -> bool {
        d >= self.from && self.to.is_none_or(|to| d <= to)
    }
}

/// One compiled version of a form.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Form {
    /// ASCII snake_case id, e.g. `shobyo_teate`.
    pub id: String,
    /// Title (e.g. 傷病手当金支給申請書).
    pub title: Text,
    /// Version string, e.g. `2026.1`.
    pub version: String,
    /// Dates on which this version accepts submissions (by `submitted_at`, JST).
    pub effective: DateRange,
    /// Category.
    pub category: Category,
    /// Roles allowed to file it.
    pub applicants: Vec<Role>,
    /// The 資格 fields shown on this form.
    pub qualification: Vec<QualItem>,
    /// The top-level fields (`fields` in the envelope).
    pub fields: Vec<Field>,
    /// All rules of the form, including those inside lists and groups.
    pub rules: Vec<Rule>,
    /// Values computed for display (`computed` in the result), in source order.
    pub computed: Vec<Computed>,
    /// Attachment slots.
    pub attachments: Vec<AttachmentSlot>,
    /// Names of the bundle parameters this form uses (for documentation).
    pub params: Vec<String>,
    /// Source file the form was compiled from (relative path, `/` separated).
    pub source: String,
    /// The legal basis of the application itself — what it must contain and
    /// which documents are attached (e.g. 健康保険法施行規則第84条). Issues
    /// that are not a rule's (`required`, `attachment.missing` …) rest on it.
    #[serde(default, skip_serializing_if = "crate::wire::absent")]
    pub basis: Option<String>,
    /// What changed since the previous version (`migrate from`), for
    /// re-applying an application file made under it.
    #[serde(default, skip_serializing_if = "crate::wire::absent")]
    pub migration: Option<Migration>,
}

impl Form {
    /// The field at the path of ids `ids` (`["bank", "account_number"]`),
    /// through groups and lists (a list's item fields by id, no index).
    pub fn field_at(&self, ids: &[impl AsRef<str>]) -> Option<&Field> {
        let mut fields = self.fields.as_slice();
        let mut found = None;
        for id in ids {
            let f = fields.iter().find(|f| f.id == id.as_ref())?;
            fields = match &f.kind {
                FieldKind::Group { fields } | FieldKind::List { fields, .. } => fields,
                _ => &[],
            };
            found = Some(f);
        }
        found
    }
}

/// Whether a field (or attachment) must be filled.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Presence {
    /// Must be present whenever it is visible.
    Required,
    /// May be absent.
    Optional,
    /// Must be present when the condition is true (absent/unknown ⇒ optional).
    RequiredWhen(Expr),
}

/// A field, a group or a list.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Field {
    /// JSON key.
    pub id: String,
    /// Label shown to the member.
    pub label: Text,
    /// Help text.
    #[serde(default, skip_serializing_if = "crate::wire::absent")]
    pub help: Option<Text>,
    /// Type and constraints.
    pub kind: FieldKind,
    /// Required / optional / required-when.
    pub presence: Presence,
    /// Shown only when this condition is true. A hidden field is not required,
    /// its rules do not run, and a value sent for it is reported as
    /// `unknown_field` (warning) and ignored.
    #[serde(default, skip_serializing_if = "crate::wire::absent")]
    pub visible_when: Option<Expr>,
    /// Source text of the `when` condition (visibility), for documentation.
    #[serde(default, skip_serializing_if = "crate::wire::absent")]
    pub visible_src: Option<String>,
    /// Source text of the `required when` condition, for documentation.
    #[serde(default, skip_serializing_if = "crate::wire::absent")]
    pub required_src: Option<String>,
}

enumerated! {
/// Character classes for `text(chars …)`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum CharClass {
    /// 全角カタカナ (with 長音, 中黒 and full-width space); hiragana and half-width kana are normalized.
    Katakana,
    /// The 全銀 口座名義 set: katakana (small kana stored as large), A–Z, 0–9, space, `( ) . - /`.
    Zengin,
    /// Printable ASCII.
    Ascii,
    /// JIS X 0208 (漢字 第1・第2水準, かな, 全角英数字・記号): what 協会けんぽ's
    /// systems store for a name written in kanji. Typed ASCII and half-width
    /// kana are widened; 異体字 outside the set (髙, 﨑, 𠮷 …) are refused.
    Jis,
}
}

impl CharClass {
    /// The class's name in `text(chars …)`, e.g. `katakana`.
    pub const fn name(self) -> &'static str {
        match self {
            CharClass::Katakana => "katakana",
            CharClass::Zengin => "zengin",
            CharClass::Ascii => "ascii",
            CharClass::Jis => "jis",
        }
    }
}

/// One option of a `choice` or `multi` field.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct ChoiceOption {
    /// The JSON value.
    pub key: String,
    /// Label shown to the member.
    pub label: Text,
}

/// Type and constraints of a field.
///
/// Input rules (runtime): strings are trimmed (ASCII and full-width spaces);
/// full-width digits and letters are accepted where digits/letters are
/// expected; every accepted change is reported in `normalized`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum FieldKind {
    /// Free text. Lengths count Unicode scalar values after normalization.
    Text {
        /// Minimum length (`length.min`).
        #[serde(default, skip_serializing_if = "crate::wire::absent")]
        min_len: Option<u32>,
        /// Maximum length (`length.max`).
        #[serde(default, skip_serializing_if = "crate::wire::absent")]
        max_len: Option<u32>,
        /// Allowed characters (`format.kana` for katakana/zengin, `type` otherwise).
        #[serde(default, skip_serializing_if = "crate::wire::absent")]
        chars: Option<CharClass>,
        /// A multi-line field: line breaks and tabs are allowed, in at most
        /// this many lines (`length.max`). Without it, a line break is a
        /// control character like any other (`format.text`).
        #[serde(default, skip_serializing_if = "crate::wire::absent")]
        lines: Option<u32>,
    },
    /// 全角カタカナ; hiragana and half-width katakana normalized (`format.kana`).
    Kana {
        /// Maximum length.
        #[serde(default, skip_serializing_if = "crate::wire::absent")]
        max_len: Option<u32>,
    },
    /// Integer: JSON integer, or a string of (full-width) digits.
    Integer {
        /// Minimum (`range.min`).
        #[serde(default, skip_serializing_if = "crate::wire::absent")]
        min: Option<i64>,
        /// Maximum (`range.max`).
        #[serde(default, skip_serializing_if = "crate::wire::absent")]
        max: Option<i64>,
    },
    /// Yen amount: a non-negative integer unless `min` says otherwise. Also
    /// accepts strings of (full-width) digits with `,` separators.
    Yen {
        /// Minimum (default 0).
        #[serde(default, skip_serializing_if = "crate::wire::absent")]
        min: Option<i64>,
        /// Maximum.
        #[serde(default, skip_serializing_if = "crate::wire::absent")]
        max: Option<i64>,
    },
    /// Exact rate given as a string `"3/10"` or `"0.3"`, or an integer.
    Rate,
    /// Date: ISO `YYYY-MM-DD`, `YYYY/M/D`, or 和暦 (`令和7年12月2日`, `R7.12.2`), full-width digits allowed.
    Date,
    /// Object `{ "from": date, "to": date }`; `to` before `from` ⇒ `range.min` at `/to`.
    Period,
    /// Year-month `YYYY-MM` (or `令和7年12月`).
    Month,
    /// JSON boolean.
    Bool,
    /// One of the option keys (`choice`).
    Choice {
        /// The options.
        options: Vec<ChoiceOption>,
    },
    /// A set of option keys (JSON array, no duplicates).
    Multi {
        /// The options.
        options: Vec<ChoiceOption>,
        /// Minimum number chosen (`items.min`).
        #[serde(default)]
        min: u32,
        /// Maximum number chosen (`items.max`), if any.
        #[serde(default, skip_serializing_if = "crate::wire::absent")]
        max: Option<u32>,
    },
    /// 郵便番号: 7 digits, hyphen allowed (`format.postal_code`); normalized to `NNNNNNN`.
    PostalCode,
    /// Phone number: 10–11 digits, hyphens/parentheses allowed (`format.phone`); normalized to digits.
    Phone,
    /// E-mail address (`format.email`).
    Email,
    /// Address text, 1–200 characters.
    Address,
    /// A string of exactly `min..=max` ASCII digits (`format.digits`).
    Digits {
        /// Minimum number of digits.
        min: u32,
        /// Maximum number of digits.
        max: u32,
    },
    /// A nested object of fields.
    Group {
        /// Members.
        #[serde(deserialize_with = "crate::wire::nested")]
        fields: Vec<Field>,
    },
    /// A repeating list of objects.
    List {
        /// Minimum item count (`items.min`).
        min: u32,
        /// Maximum item count (`items.max`).
        max: u32,
        /// Fields of one item.
        #[serde(deserialize_with = "crate::wire::nested")]
        fields: Vec<Field>,
    },
}

enumerated! {
/// Severity of a rule.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Blocks the submission.
    Error,
    /// Shown, never blocks.
    Warning,
}
}

/// A named cross-field rule (`rule.<name>`).
///
/// Evaluation: for every instance of `scope` (the root, or every item of the
/// list/group path), if the scope is visible and `when` is true, `check` is
/// evaluated; if it is *false* the rule fires at `at` (or the scope's path).
/// If `when` or `check` is unknown (an input is absent), the rule does not fire.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Rule {
    /// Name; the error code is `rule.<name>`.
    pub name: String,
    /// Error or warning.
    pub severity: Severity,
    /// Member indices from the form root to the group/list the rule lives in
    /// (empty = form level). Each list on the path is iterated.
    pub scope: Vec<u32>,
    /// Guard: the rule applies only when this is true.
    #[serde(default, skip_serializing_if = "crate::wire::absent")]
    pub when: Option<Expr>,
    /// The condition that must hold.
    pub check: Expr,
    /// Member indices, relative to `scope`, of the field the error points at.
    #[serde(default, skip_serializing_if = "crate::wire::empty")]
    pub at: Vec<u32>,
    /// Message.
    pub message: Text,
    /// Source text of `when` and `check`, for documentation.
    pub source: String,
    /// The legal basis of the rule (a law, a regulation, the insurer's
    /// published guidance), e.g. `健康保険法第99条第1項`.
    #[serde(default, skip_serializing_if = "crate::wire::absent")]
    pub basis: Option<String>,
}

/// A value computed for display (`computed` in the result).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Computed {
    /// Key in `computed`.
    pub name: String,
    /// Label.
    pub label: Text,
    /// Type of the value (integers and yen are JSON integers, dates ISO strings).
    pub ty: ValueType,
    /// Expression (evaluated at form scope). Unknown ⇒ omitted from the result.
    pub expr: Expr,
    /// Shown only while this holds (false or unknown ⇒ omitted).
    #[serde(default, skip_serializing_if = "crate::wire::absent")]
    pub when: Option<Expr>,
    /// Source text, for documentation.
    pub source: String,
}

enumerated! {
/// Media types the insurer accepts.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum MediaType {
    /// `application/pdf`, up to 15 MB.
    Pdf,
    /// `image/jpeg`, 100 KB – 20 MB, 512–8,192 px each side.
    Jpeg,
    /// `image/png`, 100 KB – 20 MB, 512–8,192 px each side.
    Png,
}
}

impl MediaType {
    /// MIME type.
    pub fn mime(self) -> &'static str {
        match self {
            MediaType::Pdf => "application/pdf",
            MediaType::Jpeg => "image/jpeg",
            MediaType::Png => "image/png",
        }
    }
    /// From a MIME type (case-insensitive; `image/jpg` accepted).
    pub fn from_mime(s: &str) -> Option<MediaType> {
        match s.trim().to_ascii_lowercase().as_str() {
            "application/pdf" => Some(MediaType::Pdf),
            "image/jpeg" | "image/jpg" => Some(MediaType::Jpeg),
            "image/png" => Some(MediaType::Png),
            _ => None,
        }
    }
    /// The insurer's own size limit for this type, in bytes (§32.4).
    pub fn max_bytes(self) -> u64 {
        match self {
            MediaType::Pdf => 15 * 1024 * 1024,
            MediaType::Jpeg | MediaType::Png => 20 * 1024 * 1024,
        }
    }
    /// The insurer's minimum size for this type, in bytes (§32.4).
    pub fn min_bytes(self) -> u64 {
        match self {
            MediaType::Pdf => 1,
            MediaType::Jpeg | MediaType::Png => 100 * 1024,
        }
    }
}

/// An attachment slot.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct AttachmentSlot {
    /// Slot id (`slot` in the envelope).
    pub id: String,
    /// Label.
    pub label: Text,
    /// Help text.
    #[serde(default, skip_serializing_if = "crate::wire::absent")]
    pub help: Option<Text>,
    /// Accepted media types (`attachment.type`).
    pub accept: Vec<MediaType>,
    /// Maximum size of one file in bytes (`attachment.size`); never above the
    /// insurer's limit for the type.
    pub max_size: u64,
    /// Maximum number of files (`attachment.count`).
    pub max_count: u32,
    /// Whether at least one file is required (`attachment.missing`).
    pub presence: Presence,
    /// Source text of the `required when` condition, for documentation.
    #[serde(default, skip_serializing_if = "crate::wire::absent")]
    pub required_src: Option<String>,
}
