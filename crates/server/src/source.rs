//! Where the bundle comes from: `.form` files compiled at load time, or a
//! compiled bundle file (`shinsei compile -o`). Loading is all or nothing: a
//! bundle that does not compile, does not parse, was made for another IR
//! version or does not match its own hash is refused.

use std::path::{Path, PathBuf};

use shinsei_ir::{Bundle, IR_VERSION};
use shinsei_syntax::SourceDb;

/// Where to load the bundle from (and reload it from).
#[derive(Clone, Debug)]
pub enum Source {
    /// `.form` files or directories, compiled on each load.
    Forms(Vec<PathBuf>),
    /// A compiled bundle (JSON).
    Bundle(PathBuf),
}

/// Why a bundle was refused.
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
    #[error("the forms have {count} error(s), first: {first}")]
    DoNotCompile {
        /// Number of errors.
        count: usize,
        /// The first error: `file: code: message`.
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
    #[error("the bundle has IR version {found}, this server reads {expected}")]
    IrVersion {
        /// The bundle's.
        found: u32,
        /// [`IR_VERSION`].
        expected: u32,
    },
    /// The bundle's content does not match its hash (edited or truncated).
    #[error("the bundle's hash {stated} does not match its content ({actual})")]
    Hash {
        /// `hash` in the file.
        stated: String,
        /// The hash of its content.
        actual: String,
    },
}

impl Source {
    /// Loads the bundle (blocking: reads files, may compile).
    pub fn load(&self) -> Result<Bundle, LoadError> {
        match self {
            Source::Forms(paths) => compile(paths),
            Source::Bundle(path) => read_bundle(path),
        }
    }

    /// The files a change to which means a reload (for `--watch`).
    pub fn files(&self) -> Vec<PathBuf> {
        match self {
            Source::Forms(paths) => form_files(paths).unwrap_or_default(),
            Source::Bundle(path) => vec![path.clone()],
        }
    }
}

fn read_err(path: &Path, e: impl std::fmt::Display) -> LoadError {
    LoadError::Read {
        path: path.to_path_buf(),
        reason: e.to_string(),
    }
}

fn compile(paths: &[PathBuf]) -> Result<Bundle, LoadError> {
    let files = form_files(paths)?;
    if files.is_empty() {
        return Err(LoadError::NoForms {
            paths: paths.to_vec(),
        });
    }
    let mut db = SourceDb::new();
    for f in files {
        let text = std::fs::read_to_string(&f).map_err(|e| read_err(&f, e))?;
        db.add(f.to_string_lossy().replace('\\', "/"), text);
    }
    let out = shinsei_check::compile(&db);
    match out.bundle {
        Some(b) => Ok(b),
        None => {
            let errors: Vec<_> = out.diagnostics.iter().filter(|d| d.is_error()).collect();
            let first = errors.first().map_or_else(String::new, |d| {
                let file = db.get(d.span.file).map_or("?", |s| s.path.as_str());
                format!("{file}: {}: {}", d.code, d.message)
            });
            Err(LoadError::DoNotCompile {
                count: errors.len(),
                first,
            })
        }
    }
}

fn read_bundle(path: &Path) -> Result<Bundle, LoadError> {
    let bytes = std::fs::read(path).map_err(|e| read_err(path, e))?;
    let bundle: Bundle = serde_json::from_slice(&bytes).map_err(|e| LoadError::BadBundle {
        path: path.to_path_buf(),
        reason: e.to_string(),
    })?;
    if bundle.ir_version != IR_VERSION {
        return Err(LoadError::IrVersion {
            found: bundle.ir_version,
            expected: IR_VERSION,
        });
    }
    let actual = shinsei_check::hash(&bundle);
    if actual != bundle.hash {
        return Err(LoadError::Hash {
            stated: bundle.hash,
            actual,
        });
    }
    Ok(bundle)
}

/// Every `.form` file under `paths` (files or directories), sorted.
fn form_files(paths: &[PathBuf]) -> Result<Vec<PathBuf>, LoadError> {
    let mut out = Vec::new();
    for p in paths {
        let meta = std::fs::metadata(p).map_err(|e| read_err(p, e))?;
        if meta.is_dir() {
            walk(p, &mut out)?;
        } else {
            out.push(p.clone());
        }
    }
    out.sort();
    out.dedup();
    Ok(out)
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> Result<(), LoadError> {
    for entry in std::fs::read_dir(dir).map_err(|e| read_err(dir, e))? {
        let path = entry.map_err(|e| read_err(dir, e))?.path();
        if path.is_dir() {
            walk(&path, out)?;
        } else if path.extension().is_some_and(|e| e == "form") {
            out.push(path);
        }
    }
    Ok(())
}
