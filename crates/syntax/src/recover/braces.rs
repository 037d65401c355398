//! Matching braces the way a reader does: by indentation. A `{` whose
//! construct is followed by a line at the same or a smaller indentation that
//! starts another declaration (`rule b {` under `rule a {`, `form` at the
//! left margin) was never closed: it is reported at the brace, with a hint,
//! and a `}` is put where it belongs so the rest of the file can be read.

use crate::code::DiagnosticCode;
use crate::diagnostic::Diagnostic;
use crate::source::{FileId, Span};

use super::scan::{Line, Scan};

/// Words that start a top-level item.
pub(crate) const ITEM_KEYWORDS: [&str; 5] = ["form", "block", "enum", "param", "fn"];
/// Words that start a member of a form, block, group or list.
pub(crate) const MEMBER_KEYWORDS: [&str; 8] = [
    "field",
    "group",
    "list",
    "use",
    "rule",
    "compute",
    "let",
    "attachment",
];
/// Words that start a header line of a form.
pub(crate) const HEADER_KEYWORDS: [&str; 7] = [
    "version",
    "effective",
    "category",
    "applicants",
    "qualification",
    "basis",
    "migrate",
];

/// At most this many brace problems are reported (the first ones say what
/// to fix; a file of nothing but braces would otherwise give one per brace).
const MAX_REPORTED: usize = 20;

/// What the brace analysis decided.
#[derive(Debug, Default)]
pub(crate) struct Braces {
    /// Unclosed `{` and stray `}`.
    pub diagnostics: Vec<Diagnostic>,
    /// Where a missing `}` goes: before this byte offset (a declaration that
    /// starts there), `count` of them; `None` offset: at the end of the file.
    pub closes: Vec<(Option<usize>, usize)>,
    /// Stray `}` to leave out.
    pub stray: Vec<usize>,
}

struct Open<'a> {
    pos: usize,
    /// The line the `{` is on (its construct starts there).
    line: Option<&'a Line>,
    indent: usize,
}

/// Whether a line starts a declaration (`rule x`, `field y`, `form z`): a
/// keyword followed by a name.
fn declares(line: &Line) -> bool {
    let Some(first) = line.first.as_deref() else {
        return false;
    };
    let keyword = ITEM_KEYWORDS.contains(&first) || MEMBER_KEYWORDS.contains(&first);
    keyword
        && line
            .second
            .as_deref()
            .is_some_and(|w| w.starts_with(|c: char| c.is_ascii_lowercase() || c == '_'))
}

/// The line where the construct a `{` opens starts: the brace's own line
/// when it starts with a keyword, else the nearest line above, no more
/// indented, that does (`list x "…"` for a `{` on its `when …` line).
fn construct_line(scan: &Scan, pos: usize) -> Option<&Line> {
    let starts = |l: &Line| {
        l.first.as_deref().is_some_and(|w| {
            ITEM_KEYWORDS.contains(&w)
                || MEMBER_KEYWORDS.contains(&w)
                || HEADER_KEYWORDS.contains(&w)
                || w == "choice"
        })
    };
    let i = scan
        .lines
        .partition_point(|l| l.code <= pos)
        .checked_sub(1)?;
    let own = scan.lines.get(i)?;
    if starts(own) {
        return Some(own);
    }
    let indent = own.code - own.start;
    scan.lines
        .get(..i)
        .unwrap_or_default()
        .iter()
        .rev()
        .take(8)
        .find(|l| starts(l) && l.code - l.start <= indent)
        .or(Some(own))
}

/// The construct a `{` opens, as it reads on its line: `rule positive`.
fn construct(line: Option<&Line>) -> String {
    match line.and_then(|l| Some((l.first.as_deref()?, l.second.as_deref()))) {
        Some((first, Some(second)))
            if ITEM_KEYWORDS.contains(&first) || MEMBER_KEYWORDS.contains(&first) =>
        {
            format!("`{first} {second}`")
        }
        _ => "this construct".to_owned(),
    }
}

/// A declaration line closes every open construct it is not inside: one whose
/// line is indented at least as deep, or all of them when an item keyword
/// starts at the margin. What it closes is reported as unclosed.
fn close_before(file: FileId, text: &str, line: &Line, stack: &mut Vec<Open>, out: &mut Braces) {
    if !declares(line) {
        return;
    }
    let indent = |l: &Line| l.code - l.start;
    let at_margin = line
        .first
        .as_deref()
        .is_some_and(|w| ITEM_KEYWORDS.contains(&w))
        && indent(line) == 0;
    let unclosed = stack
        .iter()
        .rposition(|o| !(at_margin || indent(line) <= o.indent))
        .map_or(0, |i| i + 1);
    if unclosed < stack.len() {
        let closed = stack.split_off(unclosed);
        report(file, text, &closed, Some(line), None, out);
    }
}

/// Analyses the braces of a scanned file.
pub(crate) fn analyse(file: FileId, text: &str, scan: &Scan) -> Braces {
    let mut out = Braces::default();
    let mut stack: Vec<Open> = Vec::new();
    let mut lines = scan.lines.iter().peekable();
    let indent = |l: &Line| l.code - l.start;
    for (bi, brace) in scan.braces.iter().enumerate() {
        // Lines that start before this brace may close what is open.
        while let Some(line) = lines.next_if(|l| l.code <= brace.pos) {
            close_before(file, text, line, &mut stack, &mut out);
        }
        if brace.open {
            let line = construct_line(scan, brace.pos);
            stack.push(Open {
                pos: brace.pos,
                line,
                indent: line.map_or(0, indent),
            });
        } else if let Some(open) = stack.last() {
            let line = scan.line_of(brace.pos).filter(|l| l.code == brace.pos);
            // A `}` on its own line indented deeper than what is open, when a
            // later `}` lines up with it, closes nothing: it is one too many.
            let deeper = line.is_some_and(|l| indent(l) > open.indent);
            if deeper && lines_up_later(scan, bi, open.indent) {
                stray(file, brace.pos, &mut out);
                continue;
            }
            // A `}` that starts its line, at the indentation of an outer
            // construct, closes that one: the ones between are unclosed.
            let target = line.and_then(|l| {
                let ind = indent(l);
                (open.indent != ind)
                    .then(|| stack.iter().rposition(|o| o.indent == ind))
                    .flatten()
            });
            if let Some(t) = target
                && t + 1 < stack.len()
            {
                let closed = stack.split_off(t + 1);
                if let Some(kept) = stack.last() {
                    let outer = construct(kept.line);
                    report(file, text, &closed, line, Some(&outer), &mut out);
                }
            }
            stack.pop();
        } else {
            stray(file, brace.pos, &mut out);
        }
    }
    // Declarations after the last brace can still close what is open.
    for line in lines {
        close_before(file, text, line, &mut stack, &mut out);
    }
    if !stack.is_empty() {
        let closed = std::mem::take(&mut stack);
        report(file, text, &closed, None, None, &mut out);
    }
    out
}

/// Whether a `}` after brace `i` starts its line at indentation `indent`.
fn lines_up_later(scan: &Scan, i: usize, indent: usize) -> bool {
    scan.braces.iter().skip(i + 1).any(|b| {
        !b.open
            && scan
                .line_of(b.pos)
                .is_some_and(|l| l.code == b.pos && l.code - l.start == indent)
    })
}

/// Reports a `}` that closes nothing, and leaves it out.
fn stray(file: FileId, pos: usize, out: &mut Braces) {
    out.stray.push(pos);
    if out.diagnostics.len() < MAX_REPORTED {
        let span = Span::new(file, pos, pos + 1);
        out.diagnostics.push(
            Diagnostic::error(DiagnosticCode::Syntax, span, "unexpected `}`")
                .with_label("this `}` closes nothing")
                .with_hint("remove it, or look above for a `{` that is missing"),
        );
    }
}

/// Reports the braces of `closed` (outermost first) as unclosed, the
/// declaration on `next` (or the end of the file) being where they end; or,
/// with `outer`, the `}` on `next` that closes that construct around them.
fn report(
    file: FileId,
    text: &str,
    closed: &[Open],
    next: Option<&Line>,
    outer: Option<&str>,
    out: &mut Braces,
) {
    out.closes.push((next.map(|l| l.code), closed.len()));
    for open in closed.iter().rev() {
        if out.diagnostics.len() >= MAX_REPORTED {
            return;
        }
        let what = construct(open.line);
        let span = Span::new(file, open.pos, open.pos + 1);
        let d = Diagnostic::error(DiagnosticCode::Syntax, span, "unclosed `{`")
            .with_label(format!("the `{{` of {what} is never closed"));
        let d = match next {
            Some(line) => {
                let (line_no, _) = line_col(text, line.code);
                // A `}` lined up with an outer construct closes that one; a
                // declaration at the indentation of this one starts the next.
                let label = if let Some(outer) = outer {
                    format!("this `}}` lines up with {outer} and closes it")
                } else {
                    let next_what = construct(Some(line));
                    format!("{next_what} starts here, at the indentation of {what}")
                };
                d.with_secondary(
                    Span::new(
                        file,
                        line.code,
                        line.code + line.first.as_deref().map_or(1, str::len),
                    ),
                    label,
                )
                .with_hint(format!("add `}}` to close {what} before line {line_no}"))
            }
            None => {
                let end = text.trim_end().len();
                let (line_no, _) = line_col(text, end);
                d.with_secondary(Span::new(file, end, end), "the file ends here")
                    .with_hint(format!("add `}}` to close {what} (after line {line_no})"))
            }
        };
        out.diagnostics.push(d);
    }
}

/// 1-based line and column of `pos`.
fn line_col(text: &str, pos: usize) -> (usize, usize) {
    let before = text.get(..pos).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}
