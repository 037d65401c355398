//! `shinsei doc`: writes the reviewer's catalog (HTML and Markdown) of every
//! form to a directory. The catalog itself is built by `shinsei-doc`.

use std::path::Path;

use crate::error::CliError;
use shinsei_load::BundleSource;

/// Compiles the forms and writes `index.html`, one page per form and
/// `catalog.md` under `out`. Returns `Ok(false)` (exit 1) when some rule or
/// condition could not be rendered without falling back to 「（不明な項目）」.
pub fn run(source: &BundleSource, out: &Path) -> Result<bool, CliError> {
    let bundle = source.load()?;
    let files = shinsei_doc::catalog(&bundle);
    let write_err = |path: &Path, e: std::io::Error| CliError::Write {
        path: path.to_path_buf(),
        reason: e.to_string(),
    };
    std::fs::create_dir_all(out).map_err(|e| write_err(out, e))?;
    for f in &files {
        let path = out.join(&f.path);
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| write_err(dir, e))?;
        }
        std::fs::write(&path, &f.contents).map_err(|e| write_err(&path, e))?;
    }
    let problems = shinsei_doc::problems(&bundle);
    for p in &problems {
        errln!("warning: {p}");
    }
    let pages = files.iter().filter(|f| f.path.ends_with(".html")).count();
    errln!(
        "wrote {} ({} HTML pages, catalog.md) for {} form version(s)",
        out.join("index.html").display(),
        pages,
        bundle.forms.len()
    );
    Ok(problems.is_empty())
}
