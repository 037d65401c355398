//! Syntax errors that do not hide each other. pest stops at the first error,
//! so a file that does not parse is read again in pieces:
//!
//! 1. a tolerant pre-scan finds the braces and the lines ([`scan`]); braces
//!    are matched by indentation, so a missing `}` is reported at the `{` it
//!    fails to close, with a hint, and put back where it belongs
//!    ([`braces`]);
//! 2. the (repaired) file is cut into pieces at the declarations that start
//!    its lines — top-level items, then the header lines and members of a
//!    form or block, then the members of a group or list — and each piece
//!    that does not parse on its own is reported (pest's own error, worded
//!    as usual) and blanked out, innermost first;
//! 3. what is left is parsed as a whole: the tree of every piece that parsed.
//!
//! Blanking replaces text with spaces and a missing `}` replaces a space, so
//! every span is a span of the file as written. The names a lost piece
//! declared are returned, so the checker does not call them unknown.

mod braces;
mod scan;

use crate::ast::File;
use crate::diagnostic::Diagnostic;
use crate::parser::{Piece, build, parse_piece};
use crate::source::{FileId, Span};

use braces::{HEADER_KEYWORDS, ITEM_KEYWORDS, MEMBER_KEYWORDS};
use scan::Scan;

/// A file read despite its syntax errors.
#[derive(Clone, Debug)]
pub struct Recovered {
    /// The tree of the parts that parse (everything, when nothing is wrong).
    pub file: File,
    /// Every syntax error (sorted by position), and the problems found while
    /// building the tree.
    pub diagnostics: Vec<Diagnostic>,
    /// The declarations left out because they do not parse.
    pub lost: Vec<Lost>,
}

/// A declaration left out of the tree.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Lost {
    /// Its keyword: `field`, `rule`, `version`, `form` …
    pub keyword: String,
    /// The name it declares (`field paid` → `paid`; `use b as x` → `x`).
    pub name: Option<String>,
    /// The text left out.
    pub span: Span,
}

/// Pieces nest at most this deep (form → group → list → …); deeper pieces
/// are handled as part of their parent.
const MAX_PIECE_DEPTH: usize = 8;

/// At most this many pieces are parsed on their own; past it, the rest of
/// the file is reported by its first error only (each piece costs a parse of
/// the file's length, so this bounds the work on any input).
const MAX_CHECKS: usize = 200;

/// Parses `text`, recovering from syntax errors (see the module docs).
pub fn parse_recovering(file: FileId, text: &str) -> Recovered {
    let first = match build(file, text) {
        Ok((f, built)) => return finish(f, Vec::new(), built, Vec::new()),
        // Input nested past what the parser reads is not read again.
        Err(d) if d.code == crate::nesting::CODE => {
            return finish(File { items: Vec::new() }, vec![d], Vec::new(), Vec::new());
        }
        Err(d) => d,
    };
    let scanned = scan::scan(text);
    let found = braces::analyse(file, text, &scanned);
    let mut diagnostics = found.diagnostics.clone();
    let repaired = repair(text, &scanned, &found);
    let mut r = Recovery::new(
        file,
        repaired.unwrap_or_else(|| text.as_bytes().to_vec()),
        text,
    );
    r.pieces();
    diagnostics.append(&mut r.diagnostics);
    let lost = r.lost;
    let rest = String::from_utf8(r.text).ok();
    match rest.as_deref().map(|t| build(file, t)) {
        Some(Ok((f, built))) => finish(f, diagnostics, built, lost),
        _ => {
            // Nothing better than the first error: report it as ever.
            if !diagnostics.iter().any(|d| d.span == first.span) {
                diagnostics.push(first);
            }
            finish(File { items: Vec::new() }, diagnostics, Vec::new(), lost)
        }
    }
}

/// The result; `built` are the problems found while building the tree (a
/// number too large, nesting too deep): an item that holds one holds a
/// placeholder, and is left out — checking it would only report that.
fn finish(
    mut file: File,
    mut diagnostics: Vec<Diagnostic>,
    built: Vec<Diagnostic>,
    lost: Vec<Lost>,
) -> Recovered {
    file.items.retain(|item| {
        let span = item_span(item);
        !built
            .iter()
            .any(|d| d.span.start >= span.start && d.span.end <= span.end)
    });
    diagnostics.extend(built);
    diagnostics.sort_by_key(|d| (d.span.start, d.span.end));
    diagnostics.dedup();
    Recovered {
        file,
        diagnostics,
        lost,
    }
}

/// The text with stray `}` blanked and each missing `}` put in the space
/// before the declaration that showed it missing (or at the end). `None`
/// when there is no room for one (the pieces are then cut as written).
fn repair(text: &str, scan: &Scan, found: &braces::Braces) -> Option<Vec<u8>> {
    let mut out = text.as_bytes().to_vec();
    for &pos in &found.stray {
        *out.get_mut(pos)? = b' ';
    }
    for &(before, count) in &found.closes {
        let Some(at) = before else {
            out.push(b'\n');
            out.extend(std::iter::repeat_n(b'}', count));
            continue;
        };
        // Spaces between the last code before `at` and `at`, outside comments;
        // a newline that ends a comment must stay.
        let from = scan.last_token_end_before(at);
        let mut slots: Vec<usize> = (from..at)
            .rev()
            .filter(|&p| {
                let b = out.get(p).copied().unwrap_or(0);
                let ends_comment = b == b'\n' && p > 0 && scan.in_comment(p - 1);
                matches!(b, b' ' | b'\t' | b'\r' | b'\n') && !scan.in_comment(p) && !ends_comment
            })
            .take(count)
            .collect();
        if slots.len() < count {
            return None;
        }
        slots.sort_unstable();
        for p in slots {
            *out.get_mut(p)? = b'}';
        }
    }
    Some(out)
}

struct Recovery<'a> {
    file: FileId,
    /// The text being recovered (bytes: pieces are blanked in place).
    text: Vec<u8>,
    /// The text as written, for wording errors.
    shown: &'a str,
    /// The scan of `text` before any piece was blanked. Blanking only
    /// touches pieces already done, so it stays true for what is left.
    scan: Scan,
    /// The depth (open braces) of each of `scan.lines`.
    depth: Vec<usize>,
    diagnostics: Vec<Diagnostic>,
    lost: Vec<Lost>,
    /// Pieces parsed so far (see [`MAX_CHECKS`]).
    checks: usize,
}

/// A piece: `[start, end)` and what it must be.
#[derive(Clone, Copy)]
struct Cut {
    start: usize,
    end: usize,
    piece: Piece,
}

impl<'a> Recovery<'a> {
    fn new(file: FileId, text: Vec<u8>, shown: &'a str) -> Self {
        let scan = scan::scan(&String::from_utf8_lossy(&text));
        let codes: Vec<usize> = scan.lines.iter().map(|l| l.code).collect();
        let depth = depths(&scan, &codes);
        Recovery {
            file,
            text,
            shown,
            scan,
            depth,
            diagnostics: Vec::new(),
            lost: Vec::new(),
            checks: 0,
        }
    }

    /// The lines with their depths.
    fn lines(&self) -> impl Iterator<Item = (&scan::Line, usize)> {
        self.scan.lines.iter().zip(self.depth.iter().copied())
    }

    /// Every top-level item, each fixed or left out.
    fn pieces(&mut self) {
        let len = self.text.len();
        let starts: Vec<usize> = self
            .lines()
            .filter(|(l, d)| *d == 0 && first_is(&l.first, &ITEM_KEYWORDS))
            .map(|(l, _)| l.code)
            .collect();
        // Code before the first item is not part of any.
        if let Some(junk) = self.junk(0, starts.first().copied().unwrap_or(len)) {
            self.fix(junk, MAX_PIECE_DEPTH);
        }
        for (i, &start) in starts.iter().enumerate() {
            let next = starts.get(i + 1).copied().unwrap_or(len);
            // An item ends at the `}` that closes it; what follows before
            // the next item is a piece of its own (a misspelt keyword …).
            let end = item_end(&self.scan, start, next);
            self.fix(
                Cut {
                    start,
                    end,
                    piece: Piece::Item,
                },
                0,
            );
            if let Some(junk) = self.junk(end, next) {
                self.fix(junk, MAX_PIECE_DEPTH);
            }
        }
    }

    /// The code in `[from, to)`, as a piece that must be an item, if any.
    fn junk(&self, from: usize, to: usize) -> Option<Cut> {
        let first = self
            .scan
            .token_ends
            .iter()
            .find(|&&e| e > from && e <= to)?;
        let start = self
            .scan
            .lines
            .iter()
            .filter(|l| l.code < *first)
            .map(|l| l.code.max(from))
            .next_back()
            .unwrap_or(from);
        Some(Cut {
            start,
            end: to,
            piece: Piece::Item,
        })
    }

    /// Makes `cut` parse by leaving out the inner pieces that do not, or
    /// leaves it out; returns whether it parses now.
    fn fix(&mut self, cut: Cut, depth: usize) -> bool {
        let first = self.check(cut);
        let inner = if first.is_ok() || depth >= MAX_PIECE_DEPTH {
            Vec::new()
        } else {
            self.inner(cut)
        };
        for piece in &inner {
            self.fix(*piece, depth + 1);
        }
        let outcome = if inner.is_empty() {
            first
        } else {
            self.check(cut)
        };
        match outcome {
            Ok(()) => true,
            Err(d) => {
                self.diagnostics.push(d);
                self.leave_out(cut);
                false
            }
        }
    }

    /// Parses `cut` on its own (a piece past the budget counts as parsing:
    /// it is left to the final parse).
    fn check(&mut self, cut: Cut) -> Result<(), Diagnostic> {
        self.checks += 1;
        if self.checks > MAX_CHECKS {
            return Ok(());
        }
        let piece = String::from_utf8_lossy(self.text.get(cut.start..cut.end).unwrap_or_default());
        let next = self
            .scan
            .lines
            .iter()
            .find(|l| l.code >= cut.end)
            .map_or(self.shown.len(), |l| l.code)
            .min(self.shown.len());
        parse_piece(self.file, cut.piece, &piece, cut.start, self.shown, next)
    }

    /// The pieces directly inside `cut`'s braces: header lines and members
    /// of a form; members of a block, group or list.
    fn inner(&self, cut: Cut) -> Vec<Cut> {
        let Some(keyword) = self.scan.line_of(cut.start).and_then(|l| l.first.clone()) else {
            return Vec::new();
        };
        let piece = match keyword.as_str() {
            "form" => Piece::Header,
            "block" | "group" | "list" => Piece::Member,
            _ => return Vec::new(),
        };
        let base = depth(&self.scan, cut.start);
        let closes: Vec<usize> = self
            .scan
            .braces
            .iter()
            .filter(|b| !b.open && b.pos >= cut.start && b.pos < cut.end)
            .map(|b| b.pos)
            .collect();
        let Some(body_end) = closes
            .iter()
            .zip(depths(&self.scan, &closes))
            .filter(|(_, d)| *d == base + 1)
            .map(|(p, _)| *p)
            .next_back()
        else {
            return Vec::new();
        };
        let starts: Vec<usize> = self
            .lines()
            .filter(|(l, d)| l.code > cut.start && l.code < body_end && *d == base + 1)
            .filter(|(l, _)| {
                first_is(&l.first, &MEMBER_KEYWORDS)
                    || (piece == Piece::Header && first_is(&l.first, &HEADER_KEYWORDS))
            })
            .map(|(l, _)| l.code)
            .collect();
        starts
            .iter()
            .enumerate()
            .map(|(i, &start)| Cut {
                start,
                end: starts.get(i + 1).copied().unwrap_or(body_end),
                piece,
            })
            .collect()
    }

    /// Blanks `cut` and records what it declared.
    fn leave_out(&mut self, cut: Cut) {
        let text = String::from_utf8_lossy(self.text.get(cut.start..cut.end).unwrap_or_default())
            .into_owned();
        let words: Vec<&str> = text
            .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .filter(|w| !w.is_empty())
            .take(4)
            .collect();
        let keyword = words.first().copied().unwrap_or("").to_owned();
        let name = match words.as_slice() {
            ["use", _, "as", alias, ..] => Some((*alias).to_owned()),
            ["use", ..] => None,
            [k, name, ..] if MEMBER_KEYWORDS.contains(k) || ITEM_KEYWORDS.contains(k) => {
                Some((*name).to_owned())
            }
            _ => None,
        };
        let end = cut.start + text.trim_end().len();
        self.lost.push(Lost {
            keyword,
            name,
            span: Span::new(self.file, cut.start, end),
        });
        if let Some(range) = self.text.get_mut(cut.start..cut.end) {
            range.fill(b' ');
        }
    }
}

/// Where the item starting at `start` ends: after the `}` that closes its
/// first `{`, or at `next` (the next item) when it has none.
fn item_end(scan: &Scan, start: usize, next: usize) -> usize {
    let mut d: usize = 0;
    let mut opened = false;
    for b in scan
        .braces
        .iter()
        .filter(|b| b.pos >= start && b.pos < next)
    {
        if b.open {
            d += 1;
            opened = true;
        } else {
            d = d.saturating_sub(1);
            if opened && d == 0 {
                return b.pos + 1;
            }
        }
    }
    next
}

/// The whole declaration of an item.
fn item_span(item: &crate::ast::Item) -> Span {
    use crate::ast::Item;
    match item {
        Item::Form(f) => f.span,
        Item::Block(b) => b.span,
        Item::Enum(e) => e.span,
        Item::Param(p) => p.span,
        Item::Fn(f) => f.span,
    }
}

fn first_is(first: &Option<String>, words: &[&str]) -> bool {
    first.as_deref().is_some_and(|w| words.contains(&w))
}

/// How many braces are open at each of `positions` (sorted): one pass.
fn depths(scan: &Scan, positions: &[usize]) -> Vec<usize> {
    let mut out = Vec::with_capacity(positions.len());
    let mut braces = scan.braces.iter().peekable();
    let mut d: usize = 0;
    for &pos in positions {
        while let Some(b) = braces.next_if(|b| b.pos < pos) {
            if b.open {
                d += 1;
            } else {
                d = d.saturating_sub(1);
            }
        }
        out.push(d);
    }
    out
}

/// How many braces are open at `pos`.
fn depth(scan: &Scan, pos: usize) -> usize {
    depths(scan, &[pos]).first().copied().unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ast::{Item, Member};

    const HEAD: &str = "form f \"見本\" {\n  version \"1\"\n  effective 2026-04-01..\n  category 給付\n  applicants insured\n";

    fn recover(body: &str) -> Recovered {
        parse_recovering(FileId(0), &format!("{HEAD}{body}"))
    }

    fn members(r: &Recovered) -> Vec<String> {
        match r.file.items.first() {
            Some(Item::Form(f)) => f
                .members
                .iter()
                .map(|m| match m {
                    Member::Field(x) => format!("field {}", x.id.name),
                    Member::Rule(x) => format!("rule {}", x.name.name),
                    _ => "other".to_owned(),
                })
                .collect(),
            _ => Vec::new(),
        }
    }

    fn messages(r: &Recovered) -> Vec<&str> {
        r.diagnostics.iter().map(|d| d.message.as_str()).collect()
    }

    #[test]
    fn a_file_that_parses_is_read_as_ever() {
        let r = recover("  field a \"A\": date\n}\n");
        assert!(r.diagnostics.is_empty() && r.lost.is_empty());
        assert_eq!(members(&r), ["field a"]);
    }

    #[test]
    fn an_unclosed_brace_is_reported_at_the_brace_and_the_rest_is_read() {
        let r = recover(
            "  field a \"A\": date\n  rule r {\n    check a <= today\n    message \"m\"\n\n  rule s {\n    check a >= 2026-01-01\n    message \"n\"\n  }\n}\n",
        );
        assert_eq!(messages(&r), ["unclosed `{`"]);
        let text = format!("{HEAD}  field a");
        let brace = HEAD.len() + "  field a \"A\": date\n  rule r ".len();
        assert!(text.len() < brace);
        assert_eq!(r.diagnostics[0].span.start as usize, brace);
        assert!(
            r.diagnostics[0].hints[0].contains("before line 11"),
            "{:?}",
            r.diagnostics[0].hints
        );
        assert_eq!(members(&r), ["field a", "rule r", "rule s"]);
    }

    #[test]
    fn one_bad_member_does_not_hide_the_next() {
        let r = recover(
            "  field a \"A\" date\n  rule r {\n    check a = today\n    message \"m\"\n  }\n  field b \"B\": bool\n  rule s {\n    check b &&\n    message \"n\"\n  }\n}\n",
        );
        assert_eq!(r.diagnostics.len(), 3, "{:?}", messages(&r));
        assert_eq!(members(&r), ["field b"]);
        let lost: Vec<(&str, Option<&str>)> = r
            .lost
            .iter()
            .map(|l| (l.keyword.as_str(), l.name.as_deref()))
            .collect();
        assert_eq!(
            lost,
            [
                ("field", Some("a")),
                ("rule", Some("r")),
                ("rule", Some("s"))
            ]
        );
    }

    #[test]
    fn a_stray_brace_and_a_misspelt_keyword_leave_the_other_items() {
        let text = format!(
            "{HEAD}  field a \"A\": date\n  }}\n}}\nfomr g \"x\" {{\n}}\nenum e {{ x \"X\" }}\n"
        );
        let r = parse_recovering(FileId(0), &text);
        assert_eq!(
            messages(&r),
            [
                "unexpected `}`",
                "expected `form`, `block`, `enum`, `param` or `fn`, found `fomr`"
            ]
        );
        assert_eq!(r.file.items.len(), 2);
    }

    #[test]
    fn any_text_is_read_without_panicking() {
        for text in [
            "{",
            "}",
            "\"",
            "form",
            "form f \"x\" { field",
            "}}}{{{",
            "# {\n{\"}\"",
            "form f \"x\" {\n  rule r {\n",
        ] {
            let r = parse_recovering(FileId(0), text);
            assert!(!r.diagnostics.is_empty(), "{text:?}");
        }
    }
}
