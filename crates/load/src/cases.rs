//! Where a form's test cases are: `*.json` files in a directory named
//! `cases` (next to the form, `forms/<form>/cases/*.json`), and its
//! re-application cases in one named `reapply` (`forms/<form>/reapply/*.json`).

use std::path::{Path, PathBuf};

use crate::error::LoadError;
use crate::walk::{Walk, walk};

/// Every case file under `paths` (files or directories), sorted. A file
/// given directly counts whatever its directory.
pub fn case_files(paths: &[impl AsRef<Path>]) -> Result<Vec<PathBuf>, LoadError> {
    let mut out = files_in(paths, "cases")?;
    out.retain(|f| !in_dir(f, "reapply"));
    Ok(out)
}

/// Every re-application case file under `paths` (`forms/<form>/reapply/*.json`),
/// sorted. A file given directly counts only when it is in such a directory.
pub fn reapply_case_files(paths: &[impl AsRef<Path>]) -> Result<Vec<PathBuf>, LoadError> {
    let mut out = files_in(paths, "reapply")?;
    out.retain(|f| in_dir(f, "reapply"));
    Ok(out)
}

/// Every `.json` file under `paths` (files or directories, at any depth),
/// sorted: case files wherever they sit, or bare envelopes
/// (`shinsei diff --cases DIR`). A file given directly counts whatever its
/// name.
pub fn json_files(paths: &[impl AsRef<Path>]) -> Result<Vec<PathBuf>, LoadError> {
    let mut out = Vec::new();
    for p in paths {
        let p = p.as_ref();
        let meta = std::fs::metadata(p).map_err(|e| LoadError::read(p, e))?;
        if meta.is_dir() {
            walk(p, "json", Walk::Strict, &mut out)?;
        } else {
            out.push(p.to_path_buf());
        }
    }
    out.sort();
    out.dedup();
    Ok(out)
}

/// The files of [`json_files`] in a directory named `dir`, plus the files
/// given directly.
fn files_in(paths: &[impl AsRef<Path>], dir: &str) -> Result<Vec<PathBuf>, LoadError> {
    let given: Vec<&Path> = paths
        .iter()
        .map(AsRef::as_ref)
        .filter(|p| !p.is_dir())
        .collect();
    let mut out = json_files(paths)?;
    out.retain(|f| in_dir(f, dir) || given.contains(&f.as_path()));
    Ok(out)
}

fn in_dir(path: &Path, dir: &str) -> bool {
    path.parent()
        .and_then(Path::file_name)
        .is_some_and(|n| n == dir)
}

/// The submission of a case file as a client sends it: its members in the
/// file's order (a `Value` would sort them), without insignificant whitespace.
/// Benchmarks use it, so that they see what the service sees.
pub fn submission_text(case_file: &str) -> Result<String, serde_json::Error> {
    #[derive(serde::Deserialize)]
    struct Raw<'a> {
        #[serde(borrow)]
        submission: &'a serde_json::value::RawValue,
    }
    let raw: Raw<'_> = serde_json::from_str(case_file)?;
    let mut out = String::with_capacity(raw.submission.get().len());
    let (mut in_string, mut escaped) = (false, false);
    for c in raw.submission.get().chars() {
        if in_string {
            out.push(c);
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '"' => in_string = false,
                _ => {}
            }
        } else if !c.is_ascii_whitespace() {
            in_string = c == '"';
            out.push(c);
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::submission_text;

    #[test]
    fn submission_text_keeps_the_order_and_every_value() {
        let file = r#"{ "description": "x",
          "submission": { "form": "f", "fields": { "b": "a \" b\\", "a": [ 1, { } ] } },
          "expect": { "valid": true } }"#;
        let text = submission_text(file).unwrap();
        assert_eq!(text, r#"{"form":"f","fields":{"b":"a \" b\\","a":[1,{}]}}"#);
        let whole: serde_json::Value = serde_json::from_str(file).unwrap();
        assert_eq!(
            serde_json::from_str::<serde_json::Value>(&text).unwrap(),
            whole["submission"]
        );
    }
}
