//! The syntax of shinsei's form language: source files, spans, diagnostics and
//! the parser (pest, `grammar/form.pest`) that turns a `.form` file into an AST.
//! No names are resolved and no types checked here; see `shinsei-check`.
//!
//! ```
//! use shinsei_syntax::{parse, ast::Item, FileId};
//! let src = r#"
//! form demo "見本" {
//!   version "1"
//!   effective 2026-01-13..
//!   category 給付
//!   applicants insured
//!   field paid "報酬を受けましたか": bool
//! }
//! "#;
//! let file = parse(FileId(0), src).unwrap();
//! assert!(matches!(file.items[0], Item::Form(_)));
//! ```

// The server parses forms again on every reload, and the language server on
// every keystroke of a half-written file: a broken file gets a diagnostic,
// never an abort (fuzzed by `fuzz/fuzz_targets/parse_check.rs`).
#![deny(clippy::unwrap_used)] // a missing part is an `internal` diagnostic
#![deny(clippy::expect_used)] // same as unwrap
#![deny(clippy::panic)] // every entry point returns a tree or diagnostics
#![deny(clippy::indexing_slicing)] // positions into the text and the pairs use get()
#![cfg_attr(
    test,
    allow(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::indexing_slicing
    )
)]

pub mod ast;
mod code;
mod diagnostic;
mod errors;
mod format;
mod grammar;
pub mod nesting;
mod parser;
mod recover;
mod source;
pub mod uses;
pub mod visit;

pub use code::DiagnosticCode;
pub use diagnostic::{Diagnostic, Level};
pub use format::{WIDTH, format};
pub use nesting::{MAX_EXPR_NESTING, MAX_MEMBER_NESTING};
pub use parser::parse;
pub use recover::{Lost, Recovered, parse_recovering};
pub use source::{FileId, Source, SourceDb, Span};
