//! Errors that cross the JS boundary: a stable code, a JSON Pointer and a
//! message, never a bare string.
//!
//! These are programming errors (a wrong argument, an unknown form id, a
//! broken bundle). An invalid *submission* is not an error: it gets a
//! [`shinsei_runtime::ValidationResult`] with `valid: false`.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use shinsei_ir::SelectError;
use shinsei_runtime::{Code, FileCode};

/// The closed vocabulary of boundary error codes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub enum ErrorCode {
    /// An argument has the wrong JS type (e.g. a number where a string is expected).
    #[serde(rename = "argument.type")]
    ArgumentType,
    /// `now` is neither an RFC 3339 string nor a valid `Date`.
    #[serde(rename = "argument.now")]
    ArgumentNow,
    /// `options` has an unknown key or a value of the wrong type.
    #[serde(rename = "argument.options")]
    ArgumentOptions,
    /// The submission cannot be turned into JSON (`undefined`, a cycle, a `BigInt`…).
    #[serde(rename = "argument.submission")]
    ArgumentSubmission,
    /// A path is not a JSON Pointer (`""` or starting with `/`).
    #[serde(rename = "argument.path")]
    ArgumentPath,
    /// No form has this id in the loaded bundle (as the server answers).
    #[serde(rename = "envelope.form")]
    EnvelopeForm,
    /// No such version, or none in force on the given date (as the server answers).
    #[serde(rename = "envelope.version")]
    EnvelopeVersion,
    /// `renderHtml`: the submission is not JSON the runtime can read (as
    /// the server answers).
    #[serde(rename = "envelope.malformed")]
    EnvelopeMalformed,
    /// `renderHtml`: the submission is longer than `max_bytes` (as the
    /// server answers).
    #[serde(rename = "envelope.too_large")]
    EnvelopeTooLarge,
    /// `renderHtml`: the submission is JSON but not an object (as the server
    /// answers).
    #[serde(rename = "type")]
    Type,
    /// The bundle is not valid JSON or not a bundle.
    #[serde(rename = "bundle.malformed")]
    BundleMalformed,
    /// The bundle was compiled for another IR version.
    #[serde(rename = "bundle.ir_version")]
    BundleIrVersion,
    /// `exportApplication`: the submission is not valid (validate it first;
    /// only a valid submission becomes an application file).
    #[serde(rename = "application.invalid")]
    ApplicationInvalid,
    /// `reapply`: not an application file (not JSON, a member missing,
    /// another format or format version).
    #[serde(rename = "application.malformed")]
    ApplicationMalformed,
    /// `reapply`: the loaded bundle does not have the version the file was
    /// made under, or that version is newer than the one in force.
    #[serde(rename = "application.version")]
    ApplicationVersion,
    /// An entry point was called before the module was ready: `await init()`
    /// first (browsers and bundlers; thrown by the package's JS entry).
    #[serde(rename = "module.uninitialized")]
    ModuleUninitialized,
}

impl ErrorCode {
    /// The code as a string, e.g. `envelope.form`.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::ArgumentType => "argument.type",
            ErrorCode::ArgumentNow => "argument.now",
            ErrorCode::ArgumentOptions => "argument.options",
            ErrorCode::ArgumentSubmission => "argument.submission",
            ErrorCode::ArgumentPath => "argument.path",
            ErrorCode::EnvelopeForm => Code::EnvelopeForm.as_str(),
            ErrorCode::EnvelopeVersion => Code::EnvelopeVersion.as_str(),
            ErrorCode::EnvelopeMalformed => Code::EnvelopeMalformed.as_str(),
            ErrorCode::EnvelopeTooLarge => Code::EnvelopeTooLarge.as_str(),
            ErrorCode::Type => Code::Type.as_str(),
            ErrorCode::BundleMalformed => "bundle.malformed",
            ErrorCode::BundleIrVersion => "bundle.ir_version",
            ErrorCode::ApplicationInvalid => FileCode::Invalid.as_str(),
            ErrorCode::ApplicationMalformed => FileCode::Malformed.as_str(),
            ErrorCode::ApplicationVersion => FileCode::Version.as_str(),
            ErrorCode::ModuleUninitialized => "module.uninitialized",
        }
    }
}

/// An error thrown by an entry point. In JS it is an `Error` whose `name` is
/// `ShinseiError`, with `code` and `path` properties.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct ApiError {
    /// Stable code.
    pub code: ErrorCode,
    /// JSON Pointer into the offending argument (`""` is the whole argument).
    pub path: String,
    /// What is wrong, in English (for developers; show members your own text).
    pub message: String,
}

impl ApiError {
    /// An error at the whole argument.
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        ApiError {
            code,
            path: String::new(),
            message: message.into(),
        }
    }

    /// The same error at `path`.
    pub fn at(mut self, path: impl Into<String>) -> Self {
        self.path = path.into();
        self
    }
}

impl ErrorCode {
    /// The boundary code for the runtime's code of a submission that names
    /// no form version (`envelope.form`, `envelope.version`,
    /// `envelope.malformed`, `envelope.too_large`, `type`); `None` for
    /// others.
    pub fn of_envelope(code: Code) -> Option<ErrorCode> {
        match code {
            Code::EnvelopeForm => Some(ErrorCode::EnvelopeForm),
            Code::EnvelopeVersion => Some(ErrorCode::EnvelopeVersion),
            Code::EnvelopeMalformed => Some(ErrorCode::EnvelopeMalformed),
            Code::EnvelopeTooLarge => Some(ErrorCode::EnvelopeTooLarge),
            Code::Type => Some(ErrorCode::Type),
            _ => None,
        }
    }
}

impl From<&SelectError> for ApiError {
    /// A version selection that failed, with the runtime's code.
    fn from(e: &SelectError) -> Self {
        let code =
            ErrorCode::of_envelope(Code::for_selection(e)).unwrap_or(ErrorCode::EnvelopeForm);
        ApiError::new(code, e.to_string())
    }
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.code.as_str(), self.message)?;
        if !self.path.is_empty() {
            write!(f, " (at {})", self.path)?;
        }
        Ok(())
    }
}

impl std::error::Error for ApiError {}
