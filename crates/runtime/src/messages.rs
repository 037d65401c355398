//! Built-in messages, Japanese and English, as data.
//!
//! Every message the runtime writes (except a rule's own, which the form
//! author wrote) comes from [`Msg::entry`]: its code, a Japanese template and
//! an English one. Templates name their arguments in braces (`{label}`,
//! `{limit}`); [`render`] is the one formatter that fills them. Words that
//! appear inside messages (JSON type names, envelope labels) are in
//! [`Word::text`].

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::codes::Code;
use crate::json::JsonKind;

/// Language of built-in messages and rule messages.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Lang {
    /// Japanese (the default).
    #[default]
    Ja,
    /// English (rule messages fall back to Japanese where the author wrote none).
    En,
}

impl Lang {
    /// The tag [`shinsei_ir::Text::get`] understands.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::Ja => "ja",
            Lang::En => "en",
        }
    }

    fn pick(self, ja: &'static str, en: &'static str) -> &'static str {
        match self {
            Lang::Ja => ja,
            Lang::En => en,
        }
    }
}

/// A built-in message.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Msg {
    Required,
    Type,
    TypeValue,
    UnknownField,
    HiddenField,
    LengthMax,
    LengthMin,
    RangeMin,
    RangeMax,
    PeriodOrder,
    FutureDate,
    Choice,
    ChoiceDuplicate,
    RoleChoice,
    InsurerNotBranch,
    BranchUnknown,
    BranchMismatch,
    ItemsMin,
    ItemsMax,
    FormatDate,
    DateBeforeGregorian,
    FormatMonth,
    FormatDateTime,
    FormatKana,
    FormatZengin,
    FormatText,
    FormatJis,
    FormatJisInstead,
    LinesMax,
    FileNameExtension,
    FileNameNoExtension,
    DigitsExact,
    DigitsRange,
    FormatPostalCode,
    FormatPhone,
    FormatEmail,
    ChecksumInsurer,
    AttachmentMissing,
    AttachmentType,
    AttachmentTooLarge,
    AttachmentTooSmall,
    AttachmentPixels,
    AttachmentCount,
    AttachmentUnknownSlot,
    ApplicantRole,
    ServiceClosed,
    FormMissing,
    FormUnknown,
    BundleVersion,
    VersionUnknown,
    VersionNone,
    VersionUnsettled,
    MalformedSyntax,
    MalformedDepth,
    MalformedDuplicate,
    MalformedUnknownMembers,
    MalformedAttachments,
    MalformedTooLarge,
    MalformedUtf8,
    MigrationAdded,
    MigrationRemoved,
    MigrationChoice,
    MigrationReview,
    MigrationCleared,
    QualificationChanged,
}

/// One row of the message table.
pub(crate) struct Entry {
    pub code: Code,
    pub ja: &'static str,
    pub en: &'static str,
}

const fn e(code: Code, ja: &'static str, en: &'static str) -> Entry {
    Entry { code, ja, en }
}

impl Msg {
    /// The message table.
    #[rustfmt::skip]
    pub(crate) fn entry(self) -> Entry {
        use Code as C;
        match self {
            Msg::Required => e(C::Required, "「{label}」は必須です", "{label} is required"),
            Msg::Type => e(C::Type, "「{label}」は{expected}で指定してください（{found}が指定されています）", "{label}: expected {expected}, found {found}"),
            Msg::TypeValue => e(C::Type, "「{label}」は{expected}で入力してください", "{label}: expected {expected}"),
            Msg::UnknownField => e(C::UnknownField, "この申請書にない項目です", "this form has no such field"),
            Msg::HiddenField => e(C::UnknownField, "この項目は入力の条件に当てはまらないため無視されます", "this field does not apply and is ignored"),
            Msg::LengthMax => e(C::LengthMax, "「{label}」は{limit}文字以内で入力してください", "{label} must be at most {limit} characters"),
            Msg::LengthMin => e(C::LengthMin, "「{label}」は{limit}文字以上で入力してください", "{label} must be at least {limit} characters"),
            Msg::RangeMin => e(C::RangeMin, "「{label}」は{limit}以上にしてください", "{label} must be at least {limit}"),
            Msg::RangeMax => e(C::RangeMax, "「{label}」は{limit}以下にしてください", "{label} must be at most {limit}"),
            Msg::PeriodOrder => e(C::RangeMin, "「{label}」の終了日は開始日以降にしてください", "{label}: the end must not be before the start"),
            Msg::FutureDate => e(C::RangeMax, "「{label}」に未来の日付は指定できません", "{label} must not be in the future"),
            Msg::Choice => e(C::Choice, "「{label}」の値が選択肢にありません", "{label}: not one of the options"),
            Msg::ChoiceDuplicate => e(C::Choice, "「{label}」で同じ選択肢が重複しています", "{label}: the same option is chosen twice"),
            Msg::RoleChoice => e(C::Choice, "申請者の区分は insured、dependent、agent のいずれかです", "the role must be insured, dependent or agent"),
            Msg::InsurerNotBranch => e(C::Choice, "「{label}」が協会けんぽの支部の番号ではありません", "{label} is not the number of a branch"),
            Msg::BranchUnknown => e(C::Choice, "「{label}」の支部名が正しくありません", "{label}: unknown branch"),
            Msg::BranchMismatch => e(C::Choice, "「{label}」が保険者番号の支部と一致しません", "{label} does not match the insurer number"),
            Msg::ItemsMin => e(C::ItemsMin, "「{label}」は{limit}件以上にしてください", "{label} needs at least {limit} items"),
            Msg::ItemsMax => e(C::ItemsMax, "「{label}」は{limit}件までです", "{label} allows at most {limit} items"),
            Msg::FormatDate => e(C::FormatDate, "「{label}」の日付が正しくありません（例: 2026-01-05、令和8年1月5日）", "{label} is not a valid date (e.g. 2026-01-05)"),
            Msg::DateBeforeGregorian => e(C::FormatDate, "「{label}」は明治6年1月1日より前の和暦（旧暦）の日付のため受け付けられません。西暦で入力してください", "{label}: a 和暦 date before 明治6年1月1日 (1873-01-01) is in the lunisolar calendar; give the Gregorian date"),
            Msg::FormatMonth => e(C::FormatDate, "「{label}」の年月が正しくありません（例: 2026-01、令和8年1月）", "{label} is not a valid year and month (e.g. 2026-01)"),
            Msg::FormatDateTime => e(C::FormatDate, "「{label}」はタイムゾーン付きの日時（例: 2026-01-13T09:30:00+09:00）で指定してください", "{label} must be an RFC 3339 date-time with offset (e.g. 2026-01-13T09:30:00+09:00)"),
            Msg::FormatKana => e(C::FormatKana, "「{label}」は全角カタカナで入力してください", "{label} must be written in katakana"),
            Msg::FormatText => e(C::FormatText, "「{label}」に使えない制御文字が含まれています（{position}文字目）", "{label} contains a control character that cannot be used (character {position})"),
            Msg::FormatJis => e(C::FormatText, "「{label}」の「{char}」（{position}文字目）は使えない文字です。JIS第1・第2水準の文字で入力してください", "{label}: {char} (character {position}) cannot be used; use characters of JIS X 0208"),
            Msg::FormatJisInstead => e(C::FormatText, "「{label}」の「{char}」（{position}文字目）は使えない文字です。「{instead}」で入力してください", "{label}: {char} (character {position}) cannot be used; write {instead} instead"),
            Msg::LinesMax => e(C::LengthMax, "「{label}」は{limit}行以内にしてください", "{label} must be at most {limit} lines"),
            Msg::FileNameExtension => e(C::AttachmentFileName, "ファイル名の拡張子が種類（{media}）と一致しません（{ext}にしてください）", "the file name's extension does not match its type ({media}: use {ext})"),
            Msg::FileNameNoExtension => e(C::AttachmentFileName, "ファイル名に拡張子（{ext}）を付けてください", "the file name needs an extension ({ext})"),
            Msg::FormatZengin => e(C::FormatKana, "「{label}」に口座名義に使えない文字が含まれています", "{label} contains characters not allowed in an account holder name"),
            Msg::DigitsExact => e(C::FormatDigits, "「{label}」は{n}桁の数字で入力してください", "{label} must be {n} digits"),
            Msg::DigitsRange => e(C::FormatDigits, "「{label}」は{min}〜{max}桁の数字で入力してください", "{label} must be {min} to {max} digits"),
            Msg::FormatPostalCode => e(C::FormatPostalCode, "「{label}」は7桁の郵便番号で入力してください（例: 100-0001）", "{label} must be a 7-digit postal code (e.g. 100-0001)"),
            Msg::FormatPhone => e(C::FormatPhone, "「{label}」は0から始まる10桁または11桁の電話番号で入力してください", "{label} must be a phone number of 10 or 11 digits starting with 0"),
            Msg::FormatEmail => e(C::FormatEmail, "「{label}」のメールアドレスが正しくありません", "{label} is not a valid e-mail address"),
            Msg::ChecksumInsurer => e(C::ChecksumInsurerNumber, "「{label}」の検証番号が一致しません", "{label}: the check digit does not match"),
            Msg::AttachmentMissing => e(C::AttachmentMissing, "「{label}」を添付してください", "attach {label}"),
            Msg::AttachmentType => e(C::AttachmentType, "「{label}」に添付できるファイルの種類は {accept} です", "{label} accepts {accept} only"),
            Msg::AttachmentTooLarge => e(C::AttachmentSize, "ファイルが大きすぎます（{limit}バイトまで）", "the file is too large (at most {limit} bytes)"),
            Msg::AttachmentTooSmall => e(C::AttachmentSize, "ファイルが小さすぎます（{limit}バイト以上）", "the file is too small (at least {limit} bytes)"),
            Msg::AttachmentPixels => e(C::AttachmentSize, "画像の縦と横は{min}〜{max}ピクセルにしてください", "each side of an image must be {min} to {max} pixels"),
            Msg::AttachmentCount => e(C::AttachmentCount, "「{label}」は{limit}件まで添付できます", "{label} allows at most {limit} files"),
            Msg::AttachmentUnknownSlot => e(C::AttachmentUnknownSlot, "この申請書にない添付書類の種類です", "this form has no such attachment slot"),
            Msg::ApplicantRole => e(C::ApplicantRole, "この申請書は{role}からは申請できません", "this form cannot be filed by {role}"),
            Msg::ServiceClosed => e(C::ServiceClosed, "受付時間外です（平日8時〜21時。祝日と12月29日〜1月3日を除く）", "the service is closed (weekdays 08:00–21:00 JST, except national holidays and 29 December–3 January)"),
            Msg::FormMissing => e(C::EnvelopeForm, "申請書の種類（form）を指定してください", "the form id is missing"),
            Msg::FormUnknown => e(C::EnvelopeForm, "この申請書は見つかりません", "unknown form"),
            Msg::BundleVersion => e(C::EnvelopeForm, "申請書データの形式（IR {found}）に対応していません（必要: IR {expected}）", "unsupported bundle format IR {found} (expected IR {expected})"),
            Msg::VersionUnknown => e(C::EnvelopeVersion, "この版は{date}時点では受け付けていません", "this version is not accepted on {date}"),
            Msg::VersionNone => e(C::EnvelopeVersion, "{date}時点で受け付けている版がありません", "no version of this form is accepted on {date}"),
            Msg::VersionUnsettled => e(C::EnvelopeVersion, "申請書の版を特定できませんでした（内部エラー）", "the form version could not be settled: the fields were read against another version (internal error)"),
            Msg::MalformedSyntax => e(C::EnvelopeMalformed, "JSONの構文が正しくありません（{line}行{column}列）", "invalid JSON at line {line}, column {column}"),
            Msg::MalformedDepth => e(C::EnvelopeMalformed, "JSONの入れ子が深すぎます（上限{limit}、{line}行{column}列）", "JSON nested deeper than {limit} at line {line}, column {column}"),
            Msg::MalformedDuplicate => e(C::EnvelopeMalformed, "同じキーが2回あります（{line}行{column}列）", "duplicate key at line {line}, column {column}"),
            Msg::MalformedUnknownMembers => e(C::EnvelopeMalformed, "フォームにないキーが多すぎます（1つのオブジェクトに{limit}個まで、{line}行{column}列）", "more than {limit} keys the form does not define in one object, at line {line}, column {column}"),
            Msg::MalformedAttachments => e(C::EnvelopeMalformed, "添付ファイルの件数が多すぎます（{limit}件まで、{line}行{column}列）", "more than {limit} attachments, at line {line}, column {column}"),
            Msg::MalformedTooLarge => e(C::EnvelopeTooLarge, "データが大きすぎます（上限{limit}バイト）", "input larger than {limit} bytes"),
            Msg::MalformedUtf8 => e(C::EnvelopeMalformed, "UTF-8として読めないバイトがあります（{offset}バイト目）", "invalid UTF-8 at byte {offset}"),
            Msg::MigrationAdded => e(C::MigrationAdded, "「{label}」は新しい様式で追加された項目です。入力してください{why}", "{label} is new on the form: please fill it in{why}"),
            Msg::MigrationRemoved => e(C::MigrationRemoved, "「{label}」は新しい様式にないため、入力されていた内容は引き継がれません{why}", "{label} is no longer on the form: what was entered is not carried over{why}"),
            Msg::MigrationChoice => e(C::MigrationChoice, "「{label}」で選ばれていた選択肢は新しい様式にないため、選び直してください{why}", "{label}: the option chosen is no longer on the form, please choose again{why}"),
            Msg::MigrationReview => e(C::MigrationReview, "「{label}」の内容を確認してください{why}", "please check {label} again{why}"),
            Msg::MigrationCleared => e(C::MigrationCleared, "「{label}」は新しい様式で入力のしかたが変わったため、入力し直してください{why}", "{label} is entered differently on the new form: please enter it again{why}"),
            Msg::QualificationChanged => e(C::QualificationChanged, "「{label}」が前回の申請時から変わっています。現在の資格情報で申請します", "{label} has changed since the application was made: the current record is used"),
        }
    }

    /// The code this message is reported under.
    pub(crate) fn code(self) -> Code {
        self.entry().code
    }

    /// The message in `lang` with `args` filled in.
    pub(crate) fn render(self, lang: Lang, args: &[(&str, &str)]) -> String {
        let entry = self.entry();
        render(lang.pick(entry.ja, entry.en), args)
    }
}

/// Words used inside messages.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Word {
    Null,
    Bool,
    Number,
    String,
    Array,
    Object,
    Integer,
    Rate,
    AsciiText,
    Submission,
    SubmittedAt,
    Applicant,
    Role,
    Qualification,
    Fields,
    Attachments,
    Attachment,
    Slot,
    FileName,
    MediaType,
    Size,
    Width,
    Height,
}

impl Word {
    /// The word in `lang`.
    pub(crate) fn text(self, lang: Lang) -> &'static str {
        let (ja, en) = match self {
            Word::Null => ("null", "null"),
            Word::Bool => ("真偽値（true/false）", "a boolean"),
            Word::Number => ("数値", "a number"),
            Word::String => ("文字列", "a string"),
            Word::Array => ("配列", "an array"),
            Word::Object => ("オブジェクト", "an object"),
            Word::Integer => ("整数", "an integer"),
            Word::Rate => ("割合（例: 2/3、0.5）", "a rate (e.g. 2/3, 0.5)"),
            Word::AsciiText => ("半角英数字・記号", "printable ASCII text"),
            Word::Submission => ("申請データ", "submission"),
            Word::SubmittedAt => ("提出日時", "submission time"),
            Word::Applicant => ("申請者", "applicant"),
            Word::Role => ("申請者の区分", "applicant role"),
            Word::Qualification => ("資格情報", "qualification"),
            Word::Fields => ("入力項目", "fields"),
            Word::Attachments => ("添付書類", "attachments"),
            Word::Attachment => ("添付ファイル", "attachment"),
            Word::Slot => ("添付書類の種類", "slot"),
            Word::FileName => ("ファイル名", "file name"),
            Word::MediaType => ("ファイルの種類", "media type"),
            Word::Size => ("ファイルサイズ", "file size"),
            Word::Width => ("画像の幅", "image width"),
            Word::Height => ("画像の高さ", "image height"),
        };
        lang.pick(ja, en)
    }

    /// The word for a JSON type.
    pub(crate) fn of_kind(kind: JsonKind) -> Word {
        match kind {
            JsonKind::Null => Word::Null,
            JsonKind::Bool => Word::Bool,
            JsonKind::Number => Word::Number,
            JsonKind::String => Word::String,
            JsonKind::Array => Word::Array,
            JsonKind::Object => Word::Object,
        }
    }
}

/// English names of the 資格 fields (Japanese ones come from the IR).
pub(crate) fn qual_label(field: shinsei_ir::QualField, lang: Lang) -> &'static str {
    use shinsei_ir::QualField as Q;
    let en = match field {
        Q::InsurerNumber => "insurer number",
        Q::Branch => "branch",
        Q::Symbol => "symbol",
        Q::Number => "number",
        Q::BranchNo => "branch number",
        Q::NameKanji => "name",
        Q::NameKana => "name (kana)",
        Q::Sex => "sex",
        Q::BirthDate => "date of birth",
    };
    lang.pick(field.ja(), en)
}

/// Names of the roles in messages.
pub(crate) fn role_name(role: shinsei_ir::Role, lang: Lang) -> &'static str {
    use shinsei_ir::Role as R;
    let en = match role {
        R::Insured => "the insured person",
        R::Dependent => "a dependent",
        R::Agent => "a labour and social security attorney",
    };
    lang.pick(role.ja(), en)
}

/// Fills `{name}` placeholders of `template` from `args`; unknown names stay as written.
pub(crate) fn render(template: &str, args: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len().saturating_add(32));
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let (before, from_open) = rest.split_at(open);
        out.push_str(before);
        let after_open = from_open.get(1..).unwrap_or("");
        match after_open.find('}') {
            Some(close) => {
                let name = after_open.get(..close).unwrap_or("");
                match args.iter().find(|(n, _)| *n == name) {
                    Some((_, value)) => out.push_str(value),
                    None => {
                        out.push('{');
                        out.push_str(name);
                        out.push('}');
                    }
                }
                rest = after_open.get(close.saturating_add(1)..).unwrap_or("");
            }
            None => {
                out.push_str(from_open);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}
