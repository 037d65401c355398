//! The closed vocabulary of result codes.
//!
//! Frontends and the server branch on these strings; nothing else is ever
//! emitted except `rule.<name>` for a form's own rules. The `migration.*`
//! and `qualification.changed` codes appear only in a re-application's
//! `changes` (see [`crate::reapply()`]), never in a validation result.

/// Declares the enum, its string for each variant, and `ALL` from one
/// list, so that no list is kept in step by hand.
macro_rules! codes {
    ($( $(#[$doc:meta])* $variant:ident = $text:literal, )*) => {
        /// A built-in result code.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Code {
            $( $(#[$doc])* $variant, )*
        }

        impl Code {
            /// Every built-in code, in documentation order.
            pub const ALL: &'static [Code] = &[$( Code::$variant, )*];

            /// The stable string.
            pub fn as_str(self) -> &'static str {
                match self {
                    $( Code::$variant => $text, )*
                }
            }
        }
    };
}

codes! {
    /// A required value is absent.
    Required = "required",
    /// The JSON value has the wrong type (or cannot be read as the field's type).
    Type = "type",
    /// A key the form does not define (error), or a value for a hidden field (warning).
    UnknownField = "unknown_field",
    /// Too long.
    LengthMax = "length.max",
    /// Too short.
    LengthMin = "length.min",
    /// Below the minimum (or before the start).
    RangeMin = "range.min",
    /// Above the maximum (or in the future).
    RangeMax = "range.max",
    /// Not one of the allowed values.
    Choice = "choice",
    /// Too few items.
    ItemsMin = "items.min",
    /// Too many items.
    ItemsMax = "items.max",
    /// Not a date (or month, or date-time).
    FormatDate = "format.date",
    /// Not 全角カタカナ (or not the 全銀 character set).
    FormatKana = "format.kana",
    /// Not the right number of digits.
    FormatDigits = "format.digits",
    /// Not a 郵便番号.
    FormatPostalCode = "format.postal_code",
    /// Not a phone number.
    FormatPhone = "format.phone",
    /// Not an e-mail address.
    FormatEmail = "format.email",
    /// A control character (C0, C1, a bidirectional control, a line break
    /// outside a multi-line text) in a text or a file name.
    FormatText = "format.text",
    /// 保険者番号 check digit mismatch.
    ChecksumInsurerNumber = "checksum.insurer_number",
    /// A required attachment is missing.
    AttachmentMissing = "attachment.missing",
    /// Media type not accepted by the slot.
    AttachmentType = "attachment.type",
    /// File too large or too small, or image dimensions out of range.
    AttachmentSize = "attachment.size",
    /// Too many files for the slot.
    AttachmentCount = "attachment.count",
    /// The file name's extension does not match the declared media type.
    AttachmentFileName = "attachment.file_name",
    /// The slot does not exist on the form.
    AttachmentUnknownSlot = "attachment.unknown_slot",
    /// The applicant's role may not file this form.
    ApplicantRole = "applicant.role",
    /// Outside service hours.
    ServiceClosed = "service.closed",
    /// Unknown or missing form id.
    EnvelopeForm = "envelope.form",
    /// Unknown or not effective version.
    EnvelopeVersion = "envelope.version",
    /// Not a readable JSON document.
    EnvelopeMalformed = "envelope.malformed",
    /// Larger than the size limit (the service answers `413` with it).
    EnvelopeTooLarge = "envelope.too_large",
    /// Re-application: a new field of the version in force, to fill in.
    MigrationAdded = "migration.added",
    /// Re-application: a value dropped because its field is gone.
    MigrationRemoved = "migration.removed",
    /// Re-application: a choice dropped because its option is gone.
    MigrationChoice = "migration.choice",
    /// Re-application: a value the form's author asks to look at again.
    MigrationReview = "migration.review",
    /// Re-application: a value dropped because its field changed; enter it again.
    MigrationCleared = "migration.cleared",
    /// Re-application: a 資格 value of the member's record differs from the file's.
    QualificationChanged = "qualification.changed",
}

impl Code {
    /// The codes of a re-application's notices (`changes`), which never
    /// appear in a validation result.
    pub const REAPPLY: [Code; 6] = [
        Code::MigrationAdded,
        Code::MigrationRemoved,
        Code::MigrationChoice,
        Code::MigrationReview,
        Code::MigrationCleared,
        Code::QualificationChanged,
    ];

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
        Code::ALL.iter().copied().find(|c| c.as_str() == s)
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
