//! `shinsei check --watch` and `shinsei test --watch`: run the command, then
//! again each time a `.form` or `.json` file under its paths changes (added,
//! removed, or its size or modification time changed), for authors without
//! an editor running `shinsei lsp`. The files are polled: no watcher thread
//! or platform API, and an editor that saves by renaming is seen like any
//! other. Runs until interrupted (Ctrl-C).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use crate::error::CliError;

/// How often the files are looked at.
pub const EVERY: Duration = Duration::from_millis(300);

/// Each watched file's size and modification time.
type Stamp = BTreeMap<PathBuf, (u64, SystemTime)>;

/// Runs `once`, then again after every change under `paths`; never returns
/// unless `once` cannot start at all the first time (`Err`).
pub fn run(
    paths: &[PathBuf],
    mut once: impl FnMut() -> Result<bool, CliError>,
) -> Result<bool, CliError> {
    let mut last = stamp(paths);
    let mut first = true;
    loop {
        match once() {
            Err(e) if first => return Err(e),
            Err(e) => errln!("error: {e}"),
            Ok(_) => {}
        }
        first = false;
        let _ = crate::out::finish();
        errln!("[watching {} file(s); Ctrl-C to stop]", last.len());
        let changed = loop {
            std::thread::sleep(EVERY);
            let now = stamp(paths);
            if now != last {
                let changed = changes(&last, &now);
                last = now;
                break changed;
            }
        };
        errln!("\n── changed: {} ──", changed.join(", "));
    }
}

/// The files whose stamp differs, as shown (at most three named).
fn changes(old: &Stamp, new: &Stamp) -> Vec<String> {
    let mut names: Vec<String> = old
        .keys()
        .chain(new.keys())
        .filter(|p| old.get(*p) != new.get(*p))
        .map(|p| p.display().to_string())
        .collect();
    names.dedup();
    if names.len() > 3 {
        let more = names.len() - 3;
        names.truncate(3);
        names.push(format!("{more} more"));
    }
    names
}

/// The `.form` and `.json` files under `paths`, and the `shared/` folder
/// beside a form folder (which `test` and `check` read with it).
fn stamp(paths: &[PathBuf]) -> Stamp {
    let mut out = Stamp::new();
    for path in paths {
        // A case file is run against its form: watch the form's folder.
        let in_cases = path.is_file()
            && path
                .parent()
                .and_then(Path::file_name)
                .is_some_and(|d| d == "cases" || d == "reapply");
        let form_dir = path.parent().and_then(Path::parent).filter(|_| in_cases);
        let path = &form_dir.map_or_else(|| path.clone(), Path::to_path_buf);
        walk(path, &mut out);
        if path.is_dir()
            && !path.join("shared").is_dir()
            && let Some(shared) = path.parent().map(|p| p.join("shared"))
            && shared.is_dir()
            && shared != *path
        {
            walk(&shared, &mut out);
        }
    }
    out
}

fn walk(path: &Path, out: &mut Stamp) {
    let Ok(meta) = std::fs::metadata(path) else {
        return;
    };
    if meta.is_dir() {
        let Ok(entries) = std::fs::read_dir(path) else {
            return;
        };
        for entry in entries.flatten() {
            let p = entry.path();
            let hidden = p
                .file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with('.'));
            if !hidden {
                walk(&p, out);
            }
        }
    } else if path.extension().is_some_and(|e| e == "form" || e == "json") {
        let modified = meta.modified().unwrap_or(SystemTime::UNIX_EPOCH);
        out.insert(path.to_path_buf(), (meta.len(), modified));
    }
}
