//! How deep a `.form` file may nest, and the diagnostic when it nests deeper.
//!
//! Every stage after the parser (the checker, lowering, the bundle's JSON,
//! evaluation, the docs) walks expressions and members recursively, so the
//! nesting is bounded once, here, far below what any thread's stack holds:
//! a form that `shinsei check` accepts can never overflow the stack of the
//! server or of the WASM module. The checker keeps the same bounds after it
//! expands `let`s, `compute`s, `fn`s and `use`d blocks, and the bundle
//! loaders refuse a bundle that exceeds them (`shinsei_ir::limits`).

use crate::code::DiagnosticCode;
use crate::diagnostic::Diagnostic;
use crate::source::Span;

/// The deepest an expression may nest. Each pair of parentheses, call, `if`,
/// `in [...]`, `not`, minus sign, `.member` and binary operator adds a level;
/// a chain `a + b + c` is two levels (`(a + b) + c`).
///
/// 32 keeps every stage's recursion small (the real forms nest at most 18
/// levels after `let`s are expanded) and keeps a compiled bundle's JSON
/// within the 128 levels serde_json reads (see `shinsei_ir::limits`).
pub const MAX_EXPR_NESTING: usize = 32;

/// The deepest groups, lists and blocks may nest inside each other (the real
/// forms nest 2 deep).
pub const MAX_MEMBER_NESTING: usize = 8;

/// The stable code of the diagnostic.
pub const CODE: DiagnosticCode = DiagnosticCode::NestingTooDeep;

/// What nests too deeply.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Nested {
    /// An expression.
    Expr,
    /// Groups, lists and blocks.
    Members,
}

/// The diagnostic for a construct at `span` that would be nested one level
/// deeper than the limit of `what`.
pub fn too_deep(what: Nested, span: Span) -> Diagnostic {
    match what {
        Nested::Expr => Diagnostic::error(
            DiagnosticCode::NestingTooDeep,
            span,
            format!("expression nested more than {MAX_EXPR_NESTING} levels deep"),
        )
        .with_label(format!("level {} starts here", MAX_EXPR_NESTING + 1))
        .with_hint(
            "split it: a long `and`/`or` chain into several rules or `when` conditions, \
             a sum of many fields into `sum(list, …)`, a long `else if` chain into `in [...]` tests",
        ),
        Nested::Members => Diagnostic::error(
            DiagnosticCode::NestingTooDeep,
            span,
            format!("groups, lists and blocks nested more than {MAX_MEMBER_NESTING} deep"),
        )
        .with_label(format!("level {} starts here", MAX_MEMBER_NESTING + 1))
        .with_hint("flatten the structure: a group inside a group can usually be its parent's fields"),
    }
}

/// The diagnostic when pest itself ran out of its stack reserve (only for
/// input nested far beyond the limits, on a thread with a small stack).
pub fn parser_exhausted(span: Span) -> Diagnostic {
    Diagnostic::error(
        DiagnosticCode::NestingTooDeep,
        span,
        "nested too deeply to be read",
    )
    .with_label("the parser gave up here")
    .with_hint(format!(
        "expressions may nest {MAX_EXPR_NESTING} levels, groups and lists {MAX_MEMBER_NESTING}"
    ))
}

/// The length in bytes of the first token of `text`: a word, or one character.
pub(crate) fn first_token_len(text: &str) -> usize {
    let word = text
        .bytes()
        .take_while(|b| b.is_ascii_alphanumeric() || *b == b'_')
        .count();
    if word > 0 {
        word
    } else {
        text.chars().next().map_or(0, char::len_utf8)
    }
}
