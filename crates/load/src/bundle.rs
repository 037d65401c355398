//! Where a served bundle comes from, and reading a compiled bundle file
//! (`shinsei compile -o`, JSON or `--binary`): refused unless it is this IR
//! version, nests no deeper than the compiler's limits and its content
//! matches its hash.

use std::path::{Path, PathBuf};

use serde::Deserialize as _;
use shinsei_ir::binary::{self, BinaryError};
use shinsei_ir::{Bundle, IR_VERSION};

use crate::error::LoadError;
use crate::sources::Sources;

/// Where to load a bundle from (and reload it from).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BundleSource {
    /// `.form` files or directories, compiled on each load.
    Forms(Vec<PathBuf>),
    /// A compiled bundle (JSON or binary).
    Bundle(PathBuf),
}

impl BundleSource {
    /// Loads the bundle (blocking: reads files, may compile).
    pub fn load(&self) -> Result<Bundle, LoadError> {
        match self {
            BundleSource::Forms(paths) => Sources::load(paths)?.bundle(),
            BundleSource::Bundle(path) => read_bundle(path),
        }
    }

    /// The files a change to which means a reload (for `--watch`).
    pub fn files(&self) -> Vec<PathBuf> {
        match self {
            BundleSource::Forms(paths) => Sources::files_under(paths).unwrap_or_default(),
            BundleSource::Bundle(path) => vec![path.clone()],
        }
    }
}

/// Only the IR version, read before the rest so that a bundle of another
/// version says so instead of failing on a field this build does not know.
#[derive(serde::Deserialize)]
struct Version {
    ir_version: u32,
}

/// Reads a compiled bundle file (JSON, or the binary form: told apart by
/// its first bytes), checking its IR version, its nesting and its hash.
pub fn read_bundle(path: &Path) -> Result<Bundle, LoadError> {
    let bytes = std::fs::read(path).map_err(|e| LoadError::read(path, e))?;
    bundle_from_bytes(&bytes, path)
}

/// [`read_bundle`] on bytes already read (`path` names them in errors).
pub fn bundle_from_bytes(bytes: &[u8], path: &Path) -> Result<Bundle, LoadError> {
    let bundle = if binary::is_binary(bytes) {
        binary::decode(bytes).map_err(|e| match e {
            BinaryError::IrVersion { found } => LoadError::IrVersion {
                found,
                expected: IR_VERSION,
            },
            BinaryError::TooDeep(deep) => LoadError::TooDeep(deep),
            other => LoadError::BadBundle {
                path: path.to_path_buf(),
                reason: other.to_string(),
            },
        })?
    } else {
        read_json(path, bytes)?
    };
    let actual = shinsei_check::hash(&bundle);
    if actual != bundle.hash {
        return Err(LoadError::Hash {
            stated: bundle.hash,
            actual,
        });
    }
    Ok(bundle)
}

fn read_json(path: &Path, bytes: &[u8]) -> Result<Bundle, LoadError> {
    let bad = |e: serde_json::Error| LoadError::BadBundle {
        path: path.to_path_buf(),
        reason: e.to_string(),
    };
    let Version { ir_version } = serde_json::from_slice(bytes).map_err(bad)?;
    if ir_version != IR_VERSION {
        return Err(LoadError::IrVersion {
            found: ir_version,
            expected: IR_VERSION,
        });
    }
    // serde_json's own limit (128 levels) is below what a bundle at the
    // compiler's limits needs in JSON; the IR's deserializers count their
    // nesting themselves (`shinsei_ir::binary`, every recursive member), so
    // no bundle can exhaust the stack while it is read, and serde_json skips
    // unknown members without recursing.
    let mut de = serde_json::Deserializer::from_slice(bytes);
    de.disable_recursion_limit();
    let bundle = Bundle::deserialize(&mut de).map_err(bad)?;
    de.end().map_err(bad)?;
    // A bundle from elsewhere is input: one nested deeper than any compiler
    // writes could exhaust a worker's stack when a rule is evaluated.
    shinsei_ir::limits::check(&bundle)?;
    Ok(bundle)
}
