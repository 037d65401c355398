//! Standard output and error that a closed pipe does not crash.
//!
//! `println!` panics when the reader has gone away (`shinsei validate … |
//! head`: "failed printing to stdout: Broken pipe"). Everything the command
//! prints goes through `outln!`, `out!`, `errln!` and `err!` instead (the
//! crate denies clippy's `print_stdout`/`print_stderr`): a closed
//! pipe is remembered and the rest of the output is dropped, so the command
//! finishes quietly with the exit code it would have had; any other write
//! error on standard output (a full disk) is reported once and makes the
//! exit code 2, as an unreadable input does.

use std::fmt;
use std::io::{self, Write};
use std::sync::atomic::{AtomicBool, Ordering};

static STDOUT_FAILED: AtomicBool = AtomicBool::new(false);

/// Writes to standard output; see the module documentation.
pub fn stdout(args: fmt::Arguments<'_>, newline: bool) {
    let mut out = io::stdout().lock();
    let written = out.write_fmt(args).and_then(|()| {
        if newline {
            out.write_all(b"\n")
        } else {
            Ok(())
        }
    });
    if let Err(e) = written
        && e.kind() != io::ErrorKind::BrokenPipe
        && !STDOUT_FAILED.swap(true, Ordering::Relaxed)
    {
        stderr(
            format_args!("error: cannot write to standard output: {e}"),
            true,
        );
    }
}

/// Writes bytes (a binary bundle) to standard output, as [`stdout`] does text.
pub fn stdout_bytes(bytes: &[u8]) {
    let mut out = io::stdout().lock();
    if let Err(e) = out.write_all(bytes)
        && e.kind() != io::ErrorKind::BrokenPipe
        && !STDOUT_FAILED.swap(true, Ordering::Relaxed)
    {
        stderr(
            format_args!("error: cannot write to standard output: {e}"),
            true,
        );
    }
}

/// Writes to standard error, ignoring a closed pipe (there is nowhere left
/// to say so).
pub fn stderr(args: fmt::Arguments<'_>, newline: bool) {
    let mut err = io::stderr().lock();
    let _ = err.write_fmt(args).and_then(|()| {
        if newline {
            err.write_all(b"\n")
        } else {
            Ok(())
        }
    });
}

/// Flushes standard output; whether everything written so far reached it,
/// apart from a reader that went away (false: report exit code 2).
pub fn finish() -> bool {
    if let Err(e) = io::stdout().lock().flush()
        && e.kind() != io::ErrorKind::BrokenPipe
        && !STDOUT_FAILED.swap(true, Ordering::Relaxed)
    {
        stderr(
            format_args!("error: cannot write to standard output: {e}"),
            true,
        );
    }
    !STDOUT_FAILED.load(Ordering::Relaxed)
}

/// `println!` that survives a closed pipe.
#[macro_export]
macro_rules! outln {
    () => { $crate::out::stdout(format_args!(""), true) };
    ($($arg:tt)*) => { $crate::out::stdout(format_args!($($arg)*), true) };
}

/// `print!` that survives a closed pipe.
#[macro_export]
macro_rules! out {
    ($($arg:tt)*) => { $crate::out::stdout(format_args!($($arg)*), false) };
}

/// `eprintln!` that survives a closed pipe.
#[macro_export]
macro_rules! errln {
    () => { $crate::out::stderr(format_args!(""), true) };
    ($($arg:tt)*) => { $crate::out::stderr(format_args!($($arg)*), true) };
}

/// `eprint!` that survives a closed pipe.
#[macro_export]
macro_rules! err {
    ($($arg:tt)*) => { $crate::out::stderr(format_args!($($arg)*), false) };
}
