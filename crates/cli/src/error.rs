//! Errors of the command line (exit code 2: usage or unreadable input).

use std::path::PathBuf;

/// Something the command could not do at all.
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    /// A file or directory could not be read.
    #[error("cannot read {}: {reason}", path.display())]
    Read {
        /// The path.
        path: PathBuf,
        /// Why.
        reason: String,
    },
    /// The forms or the bundle could not be loaded (or do not compile, so
    /// nothing can be validated).
    #[error(transparent)]
    Load(#[from] shinsei_load::LoadError),
    /// A JSON file could not be parsed.
    #[error("{}: {reason}", path.display())]
    BadJson {
        /// The file.
        path: PathBuf,
        /// Why.
        reason: String,
    },
    /// An argument is wrong.
    #[error("{0}")]
    Usage(String),
    /// A file could not be written.
    #[error("cannot write {}: {reason}", path.display())]
    Write {
        /// The file.
        path: PathBuf,
        /// Why.
        reason: String,
    },
}

impl CliError {
    /// A read error.
    pub fn read(path: &std::path::Path, e: impl std::fmt::Display) -> Self {
        CliError::Read {
            path: path.to_path_buf(),
            reason: e.to_string(),
        }
    }
}
