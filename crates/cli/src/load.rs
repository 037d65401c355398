//! Reading `.form` files and case files from disk.

use std::path::{Path, PathBuf};

use shinsei_syntax::SourceDb;

use crate::error::CliError;

/// Every file with extension `ext` under `paths` (files or directories), sorted.
pub fn find(paths: &[PathBuf], ext: &str) -> Result<Vec<PathBuf>, CliError> {
    let mut out = Vec::new();
    for p in paths {
        let meta = std::fs::metadata(p).map_err(|e| CliError::read(p, e))?;
        if meta.is_dir() {
            walk(p, ext, &mut out)?;
        } else {
            out.push(p.clone());
        }
    }
    out.sort();
    out.dedup();
    Ok(out)
}

fn walk(dir: &Path, ext: &str, out: &mut Vec<PathBuf>) -> Result<(), CliError> {
    let entries = std::fs::read_dir(dir).map_err(|e| CliError::read(dir, e))?;
    for entry in entries {
        let path = entry.map_err(|e| CliError::read(dir, e))?.path();
        if path.is_dir() {
            walk(&path, ext, out)?;
        } else if path.extension().is_some_and(|e| e == ext) {
            out.push(path);
        }
    }
    Ok(())
}

/// Reads the `.form` files under `paths` into a source database.
pub fn sources(paths: &[PathBuf]) -> Result<SourceDb, CliError> {
    let files = find(paths, "form")?;
    if files.is_empty() {
        return Err(CliError::NoForms {
            paths: paths.to_vec(),
        });
    }
    let mut db = SourceDb::new();
    for f in files {
        let text = std::fs::read_to_string(&f).map_err(|e| CliError::read(&f, e))?;
        db.add(display(&f), text);
    }
    Ok(db)
}

/// A path as shown to people: relative to the current directory, `/`-separated.
pub fn display(p: &Path) -> String {
    let rel = std::env::current_dir()
        .ok()
        .and_then(|cwd| p.strip_prefix(cwd).ok().map(Path::to_path_buf));
    rel.unwrap_or_else(|| p.to_path_buf())
        .to_string_lossy()
        .replace('\\', "/")
}
