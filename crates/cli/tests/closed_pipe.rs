//! A reader that goes away (`shinsei validate … | head`) does not make the
//! command panic ("failed printing to stdout: Broken pipe", exit 101): it
//! finishes quietly with the exit code it would have had.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .unwrap()
}

/// Runs `shinsei args` with its standard output (and, with `both`, its
/// standard error) a pipe whose reader is closed before anything is
/// written; returns the exit code and what it wrote to standard error.
fn with_closed_pipe(args: &[&str], both: bool) -> (Option<i32>, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_shinsei"))
        .args(args)
        .current_dir(repo())
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    if both {
        drop(child.stderr.take());
    }
    let out = child.wait_with_output().unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// The exit code with standard output read to the end.
fn normally(args: &[&str]) -> Option<i32> {
    Command::new(env!("CARGO_BIN_EXE_shinsei"))
        .args(args)
        .current_dir(repo())
        .output()
        .unwrap()
        .status
        .code()
}

#[test]
fn a_closed_pipe_changes_neither_the_exit_code_nor_stderr() {
    let invalid = "forms/shobyo_teate/cases/invalid_formats.json";
    let valid = "forms/shobyo_teate/cases/valid_insured_first_claim.json";
    for args in [
        vec!["validate", invalid],
        vec!["validate", valid, invalid],
        vec!["describe", "shobyo_teate"],
        vec!["compile"],
        vec!["calendar", "2026"],
        vec!["--format", "json", "check", "forms"],
    ] {
        let expected = normally(&args);
        assert!(matches!(expected, Some(0 | 1)), "{args:?}: {expected:?}");
        let (code, stderr) = with_closed_pipe(&args, false);
        assert_eq!(code, expected, "{args:?}: {stderr}");
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
        assert!(!stderr.contains("Broken pipe"), "{args:?}: {stderr}");
        // `2>&1 | head`: standard error closed as well.
        assert_eq!(with_closed_pipe(&args, true).0, expected, "{args:?}");
    }
}

#[test]
fn a_full_disk_is_an_error() {
    // Linux's /dev/full fails every write with ENOSPC.
    let out = Command::new(env!("CARGO_BIN_EXE_shinsei"))
        .args(["describe", "shobyo_teate"])
        .current_dir(repo())
        .stdout(std::fs::File::create("/dev/full").unwrap())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("cannot write to standard output"),
        "{stderr}"
    );
}
