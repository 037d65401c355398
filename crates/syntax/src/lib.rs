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
