//! The closed vocabulary of compiler diagnostic codes. Each has a section in
//! docs/diagnostics.md (a test checks it against [`DiagnosticCode::ALL`]).

/// Declares the enum, its string for each variant, and `ALL` from one list,
/// so that no list is kept in step by hand.
macro_rules! codes {
    ($( $(#[$doc:meta])* $variant:ident = $text:literal, )*) => {
        /// A diagnostic's stable code, e.g. `unknown-name`.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum DiagnosticCode {
            $( $(#[$doc])* $variant, )*
        }

        impl DiagnosticCode {
            /// Every code, in documentation order.
            pub const ALL: &'static [DiagnosticCode] = &[$( DiagnosticCode::$variant, )*];

            /// The stable string, e.g. `unknown-name`.
            pub fn as_str(self) -> &'static str {
                match self {
                    $( DiagnosticCode::$variant => $text, )*
                }
            }
        }
    };
}

codes! {
    /// The text does not follow the grammar.
    Syntax = "syntax",
    /// A name (field, block, param, fn, member, 資格 field) is not defined.
    UnknownName = "unknown-name",
    /// A field type is not one the language has.
    UnknownType = "unknown-type",
    /// A call names no built-in, param or fn.
    UnknownFunction = "unknown-function",
    /// A string compared with a choice is not one of its options.
    UnknownOption = "unknown-option",
    /// An expression has the wrong type.
    TypeMismatch = "type-mismatch",
    /// A call has the wrong number of arguments.
    Arity = "arity",
    /// A list's field is used outside the list without an aggregate.
    ListFieldOutside = "list-field-outside",
    /// Definitions depend on themselves.
    Cycle = "cycle",
    /// A name is defined twice.
    DuplicateId = "duplicate-id",
    /// A name is reserved.
    ReservedName = "reserved-name",
    /// A construct is where it may not be.
    Misplaced = "misplaced",
    /// The form header is missing or wrong.
    BadHeader = "bad-header",
    /// Two versions of a form are in force on the same days.
    VersionOverlap = "version-overlap",
    /// A newer version's differences are not covered by its migration.
    MigrationIncomplete = "migration-incomplete",
    /// A migration statement names no such version, field or option.
    BadMigration = "bad-migration",
    /// A field type's arguments are wrong.
    BadTypeArgument = "bad-type-argument",
    /// A list's bounds are wrong.
    BadList = "bad-list",
    /// A rule is malformed.
    BadRule = "bad-rule",
    /// An attachment slot is malformed.
    BadAttachment = "bad-attachment",
    /// A parameter is malformed.
    BadParam = "bad-param",
    /// A literal is not a valid value.
    BadLiteral = "bad-literal",
    /// A computed value cannot be exact as written.
    InexactComputed = "inexact-computed",
    /// Nesting is deeper than the compiler allows.
    NestingTooDeep = "nesting-too-deep",
    /// The compiler met a syntax tree it does not know (a bug in shinsei,
    /// never the author's fault).
    Internal = "internal",
}

impl std::fmt::Display for DiagnosticCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// `code == "unknown-name"` reads as the code's string.
impl PartialEq<&str> for DiagnosticCode {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}
