//! `.form` files from disk into a source database, named by the one rule
//! (see the crate docs).

use std::path::{Path, PathBuf};

use shinsei_check::Compilation;
use shinsei_ir::Bundle;
use shinsei_syntax::{Source, SourceDb};

use crate::error::LoadError;
use crate::walk::{Walk, walk};

/// The `.form` files under some paths, read and named.
#[derive(Clone, Debug)]
pub struct Sources {
    db: SourceDb,
    files: Vec<PathBuf>,
}

impl Sources {
    /// Reads every `.form` file under `paths` (files or directories,
    /// recursively, hidden entries passed over: [`crate::files_with`]), in sorted
    /// order. No `.form` file at all is an error.
    pub fn load(paths: &[impl AsRef<Path>]) -> Result<Sources, LoadError> {
        let found = named_files(paths)?;
        let mut db = SourceDb::new();
        let mut files = Vec::with_capacity(found.len());
        for (path, name) in found {
            let text = std::fs::read_to_string(&path).map_err(|e| LoadError::read(&path, e))?;
            db.push(Source::named(name, shown(&path), text));
            files.push(path);
        }
        Ok(Sources { db, files })
    }

    /// The `.form` files [`Sources::load`] would read, without reading them
    /// (what a watcher polls).
    pub fn files_under(paths: &[impl AsRef<Path>]) -> Result<Vec<PathBuf>, LoadError> {
        Ok(named_files(paths)?.into_iter().map(|(f, _)| f).collect())
    }

    /// The sources, for the compiler and the renderers.
    pub fn db(&self) -> &SourceDb {
        &self.db
    }

    /// The sources, to add more (a test's own text, an editor's buffer).
    pub fn into_db(self) -> SourceDb {
        self.db
    }

    /// The files read, sorted.
    pub fn files(&self) -> &[PathBuf] {
        &self.files
    }

    /// Parses, checks and lowers every source.
    pub fn compile(&self) -> Compilation {
        shinsei_check::compile(&self.db)
    }

    /// The bundle, or [`LoadError::DoNotCompile`] naming the first error.
    pub fn bundle(&self) -> Result<Bundle, LoadError> {
        let out = self.compile();
        if let Some(bundle) = out.bundle {
            return Ok(bundle);
        }
        let errors: Vec<_> = out.diagnostics.iter().filter(|d| d.is_error()).collect();
        let first = errors.first().map_or_else(String::new, |d| {
            let (path, line, col) = self.db.get(d.span.file).map_or(("?", 0, 0), |s| {
                let (l, c) = s.line_col(d.span.start);
                (s.path.as_str(), l, c)
            });
            format!("{path}:{line}:{col}: {}: {}", d.code, d.message)
        });
        Err(LoadError::DoNotCompile {
            count: errors.len(),
            first,
        })
    }
}

/// Every `.form` file under `paths` with its bundle name, sorted by path.
fn named_files(paths: &[impl AsRef<Path>]) -> Result<Vec<(PathBuf, String)>, LoadError> {
    let mut found: Vec<(PathBuf, String)> = Vec::new();
    for p in paths {
        let p = p.as_ref();
        let meta = std::fs::metadata(p).map_err(|e| LoadError::read(p, e))?;
        if meta.is_dir() {
            let mut files = Vec::new();
            walk(p, "form", Walk::Strict, &mut files)?;
            for f in files {
                let name = slashed(f.strip_prefix(p).unwrap_or(&f));
                found.push((f, name));
            }
        } else {
            let name = p
                .file_name()
                .map_or_else(|| slashed(p), |n| n.to_string_lossy().into_owned());
            found.push((p.to_path_buf(), name));
        }
    }
    found.sort();
    found.dedup_by(|a, b| a.0 == b.0);
    if found.is_empty() {
        return Err(LoadError::NoForms {
            paths: paths.iter().map(|p| p.as_ref().to_path_buf()).collect(),
        });
    }
    Ok(found)
}

/// A path as shown to people: relative to the current directory when under
/// it, else as given; `/`-separated.
pub fn shown(path: &Path) -> String {
    let rel = std::env::current_dir()
        .ok()
        .and_then(|cwd| path.strip_prefix(cwd).ok().map(Path::to_path_buf));
    slashed(rel.as_deref().unwrap_or(path))
}

fn slashed(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}
