//! `shinsei fmt`: the one canonical layout of a `.form` file.
//!
//! The layout is decided by the syntax and a width of [`WIDTH`] display
//! columns (a kanji counts two), never by how the file was laid out, with two
//! exceptions that carry the author's meaning: empty lines between
//! statements (at most one in a row) and the rows of a multi-line param table.
//! Comments stay where they are: an own-line comment before the statement
//! it preceded, a trailing comment at the end of the line its token ends on.
//!
//! - Two spaces per level; one statement a line (header lines, members, rule
//!   and attachment items, options, param periods).
//! - A label's `en` text stays on the line if it fits, else goes on the next
//!   line, two levels deeper; after `message` and `help` it always goes on
//!   the next line, right-aligned under the keyword.
//! - A field's `optional` stays on its line; `when`, `required when` and
//!   `help` go on lines of their own, one level deeper. Groups, lists and
//!   `use` keep their modifiers on the line if it fits.
//! - Options are one a line with the labels aligned and a comma after each.
//! - Expressions: see `expr.rs`.
//!
//! Formatting is idempotent and keeps the meaning: the tests format every
//! bundled form and valid fixture and check that formatting again changes
//! nothing and that the compiled IR is identical.
//!
//! ```
//! let src = "form demo \"見本\" { version \"1\"  effective 2026-01-13..  category 給付\n\
//!            applicants insured\n field paid \"報酬\":bool  # 任意\n}\n";
//! let out = shinsei_syntax::format(src).unwrap();
//! assert_eq!(out, "form demo \"見本\" {\n  version \"1\"\n  effective 2026-01-13..\n  \
//!                  category 給付\n  applicants insured\n  field paid \"報酬\": bool  # 任意\n}\n");
//! ```

mod doc;
mod expr;
mod items;
mod migrate;
mod params;
mod trivia;
mod writer;

use pest::Parser as _;

use crate::diagnostic::Diagnostic;
use crate::grammar::{FormParser, Rule};
use crate::source::FileId;

/// The line width the layout aims for, in display columns.
pub const WIDTH: usize = 100;

/// Formats a `.form` file. A file that does not parse is returned as its
/// syntax diagnostic (the same one `shinsei check` reports).
pub fn format(text: &str) -> Result<String, Box<Diagnostic>> {
    crate::parse(FileId(0), text)?;
    let mut pairs = FormParser::parse(Rule::file, text)
        .map_err(|e| Box::new(crate::errors::syntax_error(FileId(0), text, e)))?;
    let Some(root) = pairs.next() else {
        return Ok(String::new());
    };
    let mut f = writer::Fmt::new(text);
    let d = f.file(root);
    let out = doc::print(&d, WIDTH);
    Ok(if out.trim().is_empty() {
        String::new()
    } else {
        out
    })
}
