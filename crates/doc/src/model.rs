//! The catalog's model of one form version: every text already in plain
//! Japanese, ready for the HTML and Markdown renderers (which only lay it out).

/// One form version, as the catalog shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FormDoc {
    /// Form id (`form` in the envelope).
    pub id: String,
    /// Title (申請書名).
    pub title: String,
    /// English title, if the author wrote one.
    pub title_en: Option<String>,
    /// Version (`version` in the envelope).
    pub version: String,
    /// Effective dates in Japanese, e.g. `2026年（令和8年）1月13日から`.
    pub effective: String,
    /// Category (給付, 適用, 保健, 貸付, 証交付).
    pub category: String,
    /// Who may file it (被保険者, 被扶養者, 社会保険労務士).
    pub applicants: Vec<String>,
    /// The 資格 fields shown (auto-filled, read-only).
    pub qualification: Vec<QualDoc>,
    /// Every field, group and list, depth-first in declaration order.
    pub fields: Vec<FieldDoc>,
    /// Attachment slots.
    pub attachments: Vec<AttachmentDoc>,
    /// Named rules, in the order of the form (lists and groups in place).
    pub rules: Vec<RuleDoc>,
    /// Values computed for display.
    pub computed: Vec<ComputedDoc>,
    /// Effective-dated parameters the form uses.
    pub params: Vec<ParamDoc>,
    /// Source file of the form.
    pub source: String,
    /// The legal basis of the application (記載事項・添付書類), if stated.
    pub basis: Option<String>,
    /// What changed since the previous version (its `migrate` block), in
    /// plain Japanese, one line per statement; empty for a first version.
    pub migration: Option<MigrationDoc>,
    /// Things the renderer could not resolve (empty for a well-formed bundle):
    /// they are shown as 「（不明な項目）」 and reported by `shinsei doc`.
    pub problems: Vec<String>,
}

/// A 資格 field shown on the form.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QualDoc {
    /// Japanese name (保険者番号, 氏名, …).
    pub label: String,
    /// Whether it must be present.
    pub required: bool,
}

/// One row of the field table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldDoc {
    /// Nesting depth (0 = top level; members of a group or list are one deeper).
    pub depth: usize,
    /// Label shown to the member.
    pub label: String,
    /// Key path in `fields`, e.g. `bank.bank_code`, `leave[].from`.
    pub key: String,
    /// Anchor id for links (`f-` + key with `.`/`[]` made safe).
    pub anchor: String,
    /// The type in plain Japanese (日付, 金額（円）, 選択：病気／ケガ, …).
    pub kind: String,
    /// Whether the row is a group or a list (its members follow, one deeper).
    pub container: bool,
    /// 必須, 任意, or `…のときは必須`.
    pub presence: String,
    /// Shown only when … (`…のときに表示`).
    pub visible: Option<String>,
    /// Help text shown to the member.
    pub help: Option<String>,
}

/// An attachment slot.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AttachmentDoc {
    /// Slot id (`slot` in the envelope).
    pub id: String,
    /// Label.
    pub label: String,
    /// Accepted file types, e.g. `PDF・JPEG・PNG`.
    pub accept: String,
    /// Largest file, e.g. `10 MB`.
    pub max_size: String,
    /// Most files, e.g. `5ファイルまで`.
    pub max_count: String,
    /// 必須, 任意, or `…のときは必須`.
    pub presence: String,
    /// Whether the slot is required only under a condition.
    pub conditional: bool,
    /// Help text.
    pub help: Option<String>,
}

/// A named rule (`rule.<name>`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RuleDoc {
    /// Error code, `rule.<name>`.
    pub code: String,
    /// Anchor id for links.
    pub anchor: String,
    /// Whether it blocks the submission.
    pub severity: SeverityDoc,
    /// Where it runs: `None` for the whole form, else e.g.
    /// `「療養のために休んだ期間」の各行`.
    pub scope: Option<String>,
    /// What must hold, in plain Japanese (one sentence, ending in 「こと。」).
    pub text: String,
    /// When the sentence ends in a list (`次のいずれかに当てはまること：`), its items.
    pub items: Vec<String>,
    /// Values the sentence uses more than once, named 〔A〕, 〔B〕…: `〔A〕：…`.
    pub notes: Vec<String>,
    /// The message shown to the member.
    pub message: String,
    /// The field the issue points at, e.g. `「終了日」`.
    pub at: String,
    /// The JSON Pointer of that field (`*` for every item of a list).
    pub at_path: String,
    /// The rule as written in the `.form` file.
    pub source: String,
    /// The legal basis, if the rule states it.
    pub basis: Option<String>,
}

/// A version's `migrate` block, for reviewers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MigrationDoc {
    /// The previous version.
    pub from: String,
    /// One line per statement, in plain Japanese.
    pub lines: Vec<String>,
}

/// Error or warning.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SeverityDoc {
    /// Blocks the submission (エラー).
    Error,
    /// Shown, never blocks (警告).
    Warning,
}

impl SeverityDoc {
    /// `エラー` or `警告`.
    pub fn ja(self) -> &'static str {
        match self {
            SeverityDoc::Error => "エラー",
            SeverityDoc::Warning => "警告",
        }
    }
    /// What it does to the submission.
    pub fn effect(self) -> &'static str {
        match self {
            SeverityDoc::Error => "申請できません",
            SeverityDoc::Warning => "注意を表示（申請は可能）",
        }
    }
}

/// A computed value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ComputedDoc {
    /// Key in `computed`.
    pub name: String,
    /// Label.
    pub label: String,
    /// Kind of value (金額（円）, 日付, 日数・数値, …).
    pub kind: String,
    /// How it is computed, in plain Japanese.
    pub text: String,
    /// Values the text uses more than once, named 〔A〕, 〔B〕…: `〔A〕：…`.
    pub notes: Vec<String>,
    /// Shown only when … (`…のときに表示`).
    pub visible: Option<String>,
    /// The formula as written in the `.form` file.
    pub source: String,
}

/// An effective-dated parameter.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParamDoc {
    /// Name used in the forms.
    pub name: String,
    /// Label.
    pub label: String,
    /// Column headers after 適用開始日: one (`金額`) or one per key of a table.
    pub columns: Vec<String>,
    /// Rows: first day, values (one per column), note.
    pub rows: Vec<ParamRow>,
}

/// One period of a parameter.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParamRow {
    /// 適用開始日.
    pub from: String,
    /// Values, one per column.
    pub values: Vec<String>,
    /// Where the number comes from.
    pub note: Option<String>,
}
