//! The one walk of a folder: every file with a given extension below it,
//! recursively. Hidden entries (a name starting with `.`: an editor's lock
//! or swap file such as Emacs's `.#x.form`, a `.git` folder) are not
//! forms, cases or bundles and are passed over.
//!
//! Two ways to meet what cannot be read: [`Walk::Strict`] (what compiles or
//! tests: an unreadable folder is an error with its path) and
//! [`Walk::Lenient`] (what a watcher polls: an unreadable or vanished path
//! is passed over, and its coming back is a change).

use std::path::{Path, PathBuf};

use crate::error::LoadError;
use crate::shared::form_sources;

/// How a walk meets a path it cannot read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Walk {
    /// An unreadable path is an error.
    Strict,
    /// An unreadable path is passed over.
    Lenient,
}

/// Whether a directory entry's name marks it hidden.
fn hidden(path: &Path) -> bool {
    path.file_name()
        .is_some_and(|n| n.to_string_lossy().starts_with('.'))
}

/// Every file with extension `ext` under `dir`, recursively (unsorted).
pub(crate) fn walk(
    dir: &Path,
    ext: &str,
    how: Walk,
    out: &mut Vec<PathBuf>,
) -> Result<(), LoadError> {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(_) if how == Walk::Lenient => return Ok(()),
        Err(e) => return Err(LoadError::read(dir, e)),
    };
    for entry in entries {
        let path = match entry {
            Ok(entry) => entry.path(),
            Err(_) if how == Walk::Lenient => continue,
            Err(e) => return Err(LoadError::read(dir, e)),
        };
        if hidden(&path) {
            continue;
        }
        if path.is_dir() {
            walk(&path, ext, how, out)?;
        } else if path.extension().is_some_and(|e| e == ext) {
            out.push(path);
        }
    }
    Ok(())
}

/// Every file with one of `exts` under `paths` (files, whatever their
/// extension, or directories), sorted and without repeats, reading what
/// can be read: an unreadable or vanished path is passed over.
pub fn files_with(paths: &[impl AsRef<Path>], exts: &[&str]) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for p in paths {
        let p = p.as_ref();
        if p.is_dir() {
            for ext in exts {
                // Lenient: never an error.
                let _ = walk(p, ext, Walk::Lenient, &mut out);
            }
        } else if p.exists() {
            out.push(p.to_path_buf());
        }
    }
    out.sort();
    out.dedup();
    out
}

/// The `.form` and `.json` files that `shinsei check` and `shinsei test`
/// read for `paths` — the same folders ([`form_sources`]: a case file
/// stands for its form's folder, the `shared/` folder beside it comes
/// along) and the same walk — passing over what cannot be read (what
/// `--watch` polls: a path that has gone, or has no files yet, has none).
pub fn watched_files(paths: &[impl AsRef<Path>]) -> Vec<PathBuf> {
    files_with(&form_sources(paths), &["form", "json"])
}
