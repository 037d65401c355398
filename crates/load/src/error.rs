//! Why forms or a bundle could not be loaded.

use std::path::{Path, PathBuf};

/// Why loading failed. Loading is all or nothing.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// A file or directory could not be read.
    #[error("cannot read {}: {reason}", path.display())]
    Read {
        /// The path.
        path: PathBuf,
        /// Why.
        reason: String,
    },
    /// No `.form` files were found.
    #[error("no .form files under {}", paths.iter().map(|p| p.display().to_string()).collect::<Vec<_>>().join(", "))]
    NoForms {
        /// Where we looked.
        paths: Vec<PathBuf>,
    },
    /// The forms do not compile.
    #[error("the forms have {count} error(s), first: {first}; `shinsei check` shows them all")]
    DoNotCompile {
        /// Number of errors.
        count: usize,
        /// The first error: `file:line:col: code: message`.
        first: String,
    },
    /// The bundle file is not a bundle.
    #[error("{} is not a bundle: {reason}", path.display())]
    BadBundle {
        /// The file.
        path: PathBuf,
        /// Why.
        reason: String,
    },
    /// The bundle was compiled for another IR version.
    #[error("the bundle has IR version {found}, this build reads {expected}")]
    IrVersion {
        /// The bundle's.
        found: u32,
        /// [`shinsei_ir::IR_VERSION`].
        expected: u32,
    },
    /// The bundle nests deeper than any compiled bundle may.
    #[error("the bundle nests too deeply: {0}")]
    TooDeep(#[from] shinsei_ir::limits::TooDeep),
    /// The bundle's content does not match its hash (edited or truncated).
    #[error("the bundle's hash {stated} does not match its content ({actual})")]
    Hash {
        /// `hash` in the file.
        stated: String,
        /// The hash of its content.
        actual: String,
    },
}

impl LoadError {
    /// A read error at `path`.
    pub fn read(path: &Path, e: impl std::fmt::Display) -> Self {
        LoadError::Read {
            path: path.to_path_buf(),
            reason: e.to_string(),
        }
    }
}
