//! The one diagnostic type of the compiler. Renderers live in the shells.

use crate::code::DiagnosticCode;
use crate::source::Span;

/// How bad a diagnostic is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Level {
    /// The form does not compile.
    Error,
    /// It compiles, but something looks wrong.
    Warning,
}

/// A problem found in a `.form` file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// Error or warning.
    pub level: Level,
    /// Stable code, e.g. `unknown-name` (listed in docs/diagnostics.md).
    pub code: DiagnosticCode,
    /// Lowercase message without a final period: "expected X, found Y".
    pub message: String,
    /// The narrowest span the problem is at.
    pub span: Span,
    /// Text under the primary caret.
    pub label: String,
    /// Other places that explain it.
    pub secondary: Vec<(Span, String)>,
    /// Hints, e.g. "did you mean `leave`?".
    pub hints: Vec<String>,
}

impl Diagnostic {
    /// An error.
    pub fn error(code: DiagnosticCode, span: Span, message: impl Into<String>) -> Self {
        Diagnostic {
            level: Level::Error,
            code,
            message: message.into(),
            span,
            label: String::new(),
            secondary: Vec::new(),
            hints: Vec::new(),
        }
    }
    /// A warning.
    pub fn warning(code: DiagnosticCode, span: Span, message: impl Into<String>) -> Self {
        Diagnostic {
            level: Level::Warning,
            ..Diagnostic::error(code, span, message)
        }
    }
    /// Sets the primary label.
    pub fn with_label(mut self, label: impl Into<String>) -> Self {
        self.label = label.into();
        self
    }
    /// Adds a secondary span.
    pub fn with_secondary(mut self, span: Span, label: impl Into<String>) -> Self {
        self.secondary.push((span, label.into()));
        self
    }
    /// Adds a hint.
    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hints.push(hint.into());
        self
    }
    /// Whether this is an error.
    pub fn is_error(&self) -> bool {
        self.level == Level::Error
    }
}
