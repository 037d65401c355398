//! The closed vocabulary of result codes.
//!
//! Frontends and the server branch on these strings; nothing else is ever
//! emitted except `rule.<name>` for a form's own rules.

/// A built-in result code.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Code {
    /// A required value is absent.
    Required,
    /// The JSON value has the wrong type (or cannot be read as the field's type).
    Type,
    /// A key the form does not define (error), or a value for a hidden field (warning).
    UnknownField,
    /// Too long.
    LengthMax,
    /// Too short.
    LengthMin,
    /// Below the minimum (or before the start).
    RangeMin,
    /// Above the maximum (or in the future).
    RangeMax,
    /// Not one of the allowed values.
    Choice,
    /// Too few items.
    ItemsMin,
    /// Too many items.
    ItemsMax,
    /// Not a date (or month, or date-time).
    FormatDate,
    /// Not 全角カタカナ (or not the 全銀 character set).
    FormatKana,
    /// Not the right number of digits.
    FormatDigits,
    /// Not a 郵便番号.
    FormatPostalCode,
    /// Not a phone number.
    FormatPhone,
    /// Not an e-mail address.
    FormatEmail,
    /// 保険者番号 check digit mismatch.
    ChecksumInsurerNumber,
    /// A required attachment is missing.
    AttachmentMissing,
    /// Media type not accepted by the slot.
    AttachmentType,
    /// File too large or too small, or image dimensions out of range.
    AttachmentSize,
    /// Too many files for the slot.
    AttachmentCount,
    /// The slot does not exist on the form.
    AttachmentUnknownSlot,
    /// The applicant's role may not file this form.
    ApplicantRole,
    /// Outside service hours.
    ServiceClosed,
    /// Unknown or missing form id.
    EnvelopeForm,
    /// Unknown or not effective version.
    EnvelopeVersion,
    /// Not a readable JSON document.
    EnvelopeMalformed,
}

impl Code {
    /// Every built-in code, in documentation order.
    pub const ALL: [Code; 27] = [
        Code::Required,
        Code::Type,
        Code::UnknownField,
        Code::LengthMax,
        Code::LengthMin,
        Code::RangeMin,
        Code::RangeMax,
        Code::Choice,
        Code::ItemsMin,
        Code::ItemsMax,
        Code::FormatDate,
        Code::FormatKana,
        Code::FormatDigits,
        Code::FormatPostalCode,
        Code::FormatPhone,
        Code::FormatEmail,
        Code::ChecksumInsurerNumber,
        Code::AttachmentMissing,
        Code::AttachmentType,
        Code::AttachmentSize,
        Code::AttachmentCount,
        Code::AttachmentUnknownSlot,
        Code::ApplicantRole,
        Code::ServiceClosed,
        Code::EnvelopeForm,
        Code::EnvelopeVersion,
        Code::EnvelopeMalformed,
    ];

    /// The stable string.
    pub fn as_str(self) -> &'static str {
        match self {
            Code::Required => "required",
            Code::Type => "type",
            Code::UnknownField => "unknown_field",
            Code::LengthMax => "length.max",
            Code::LengthMin => "length.min",
            Code::RangeMin => "range.min",
            Code::RangeMax => "range.max",
            Code::Choice => "choice",
            Code::ItemsMin => "items.min",
            Code::ItemsMax => "items.max",
            Code::FormatDate => "format.date",
            Code::FormatKana => "format.kana",
            Code::FormatDigits => "format.digits",
            Code::FormatPostalCode => "format.postal_code",
            Code::FormatPhone => "format.phone",
            Code::FormatEmail => "format.email",
            Code::ChecksumInsurerNumber => "checksum.insurer_number",
            Code::AttachmentMissing => "attachment.missing",
            Code::AttachmentType => "attachment.type",
            Code::AttachmentSize => "attachment.size",
            Code::AttachmentCount => "attachment.count",
            Code::AttachmentUnknownSlot => "attachment.unknown_slot",
            Code::ApplicantRole => "applicant.role",
            Code::ServiceClosed => "service.closed",
            Code::EnvelopeForm => "envelope.form",
            Code::EnvelopeVersion => "envelope.version",
            Code::EnvelopeMalformed => "envelope.malformed",
        }
    }

    /// The code of a failed version selection ([`shinsei_ir::Bundle::select`]):
    /// `envelope.form` for a form that is not there (or a bundle this build
    /// cannot read), `envelope.version` for a version that is not there or
    /// not in force. The server and the WASM package answer with it too.
    pub fn for_selection(e: &shinsei_ir::SelectError) -> Code {
        use shinsei_ir::SelectError as E;
        match e {
            E::UnsupportedBundle { .. } | E::UnknownForm { .. } => Code::EnvelopeForm,
            E::UnknownVersion { .. } | E::NotEffective { .. } | E::NoneEffective { .. } => {
                Code::EnvelopeVersion
            }
        }
    }

    /// The code for a string of the vocabulary (not `rule.*`).
    pub fn parse(s: &str) -> Option<Code> {
        Code::ALL.into_iter().find(|c| c.as_str() == s)
    }
}

/// Prefix of the codes of a form's own rules.
pub const RULE_PREFIX: &str = "rule.";

/// The code of rule `name`: `rule.<name>`.
pub fn rule_code(name: &str) -> String {
    let mut code = String::with_capacity(RULE_PREFIX.len().saturating_add(name.len()));
    code.push_str(RULE_PREFIX);
    code.push_str(name);
    code
}

/// Whether `s` belongs to the vocabulary (a built-in code or `rule.<name>`).
pub fn is_known(s: &str) -> bool {
    Code::parse(s).is_some() || s.strip_prefix(RULE_PREFIX).is_some_and(|n| !n.is_empty())
}
