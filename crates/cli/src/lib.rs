//! The shell around shinsei's core: reads files, runs the compiler and the
//! runtime, and prints results for people or machines. All logic that decides
//! anything lives in the core crates; this crate only translates.
//!
//! Exit codes: 0 ok, 1 invalid submission / failed check or test, 2 usage or
//! unreadable input.

// Output goes through `outln!`/`out!`/`errln!` (a closed pipe must not panic).
#![deny(clippy::print_stdout, clippy::print_stderr)]

#[macro_use]
pub mod out;

pub mod application;
pub mod cases;
pub mod commands;
pub mod coverage;
pub mod describe;
pub mod diff;
pub mod doc;
pub mod document;
pub mod error;
pub mod fmt;
pub mod new;
pub mod reapply_cases;
pub mod render;
pub mod serve;
pub mod test;
pub mod watch;
