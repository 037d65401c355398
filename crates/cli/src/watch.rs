//! `shinsei check --watch` and `shinsei test --watch`: run the command, then
//! again each time a `.form` or `.json` file under its paths changes (added,
//! removed, or its size or modification time changed), for authors without
//! an editor running `shinsei lsp`. The files are polled: no watcher thread
//! or platform API, and an editor that saves by renaming is seen like any
//! other. Runs until interrupted (Ctrl-C).

use std::collections::BTreeMap;
use std::path::PathBuf;
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

/// The stamp of every file [`shinsei_load::watched_files`] finds for
/// `paths` (what `check` and `test` read; what cannot be read is passed
/// over, so a path that has gone stamps as empty and its coming back is a
/// change).
fn stamp(paths: &[PathBuf]) -> Stamp {
    shinsei_load::watched_files(paths)
        .into_iter()
        .filter_map(|path| {
            let meta = std::fs::metadata(&path).ok()?;
            let modified = meta.modified().unwrap_or(SystemTime::UNIX_EPOCH);
            Some((path, (meta.len(), modified)))
        })
        .collect()
}
