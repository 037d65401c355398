//! `shinsei fmt [--check] [paths…]`: rewrites `.form` files in the canonical
//! layout (`shinsei_syntax::format`), or with `--check` lists the files that
//! are not and shows the change. `-` formats standard input to standard output.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use shinsei_syntax::SourceDb;

use shinsei_load::{Sources, shown};

use crate::error::CliError;
use crate::render;

/// Formats (or checks) every `.form` file under `paths`. `Ok(false)` when a
/// file does not parse, or with `check` when a file is not formatted.
pub fn run(paths: &[PathBuf], check: bool, color: bool) -> Result<bool, CliError> {
    if paths.iter().any(|p| p.as_os_str() == "-") {
        return stdin(color);
    }
    let mut ok = true;
    let mut changed = 0;
    let files = Sources::files_under(paths)?;
    for file in &files {
        let text = std::fs::read_to_string(file).map_err(|e| CliError::read(file, e))?;
        let Some(formatted) = format_or_report(file, &text, color) else {
            ok = false;
            continue;
        };
        if formatted == text {
            continue;
        }
        changed += 1;
        if check {
            ok = false;
            outln!("{}", diff(&shown(file), &text, &formatted));
        } else {
            std::fs::write(file, &formatted).map_err(|e| CliError::Write {
                path: file.clone(),
                reason: e.to_string(),
            })?;
            errln!("formatted {}", shown(file));
        }
    }
    let verb = if check {
        "need formatting"
    } else {
        "reformatted"
    };
    errln!("{} file(s) checked, {changed} {verb}", files.len());
    Ok(ok)
}

fn stdin(color: bool) -> Result<bool, CliError> {
    let mut text = String::new();
    std::io::stdin()
        .read_to_string(&mut text)
        .map_err(|e| CliError::read(Path::new("<stdin>"), e))?;
    let Some(formatted) = format_or_report(Path::new("<stdin>"), &text, color) else {
        return Ok(false);
    };
    let mut out = std::io::stdout().lock();
    // A closed pipe is not an error of ours.
    let _ = out.write_all(formatted.as_bytes());
    Ok(true)
}

/// The formatted text, or `None` after printing why the file does not parse.
fn format_or_report(path: &Path, text: &str, color: bool) -> Option<String> {
    match shinsei_syntax::format(text) {
        Ok(f) => Some(f),
        Err(d) => {
            let mut db = SourceDb::new();
            let id = db.add(shown(path), text);
            let d = shinsei_syntax::Diagnostic {
                span: shinsei_syntax::Span { file: id, ..d.span },
                ..*d
            };
            err!("{}", render::text(&db, &[d], color));
            None
        }
    }
}

/// A unified diff from the file to its formatted text.
fn diff(path: &str, old: &str, new: &str) -> String {
    similar::TextDiff::from_lines(old, new)
        .unified_diff()
        .context_radius(2)
        .header(path, &format!("{path} (formatted)"))
        .to_string()
}
