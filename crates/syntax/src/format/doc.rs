//! A small Wadler/Prettier-style document and its printer: groups are laid out
//! flat when they fit in the width left on the line, broken otherwise. Width is
//! measured in display columns (a kanji or full-width character counts 2).

use std::borrow::Cow;

use unicode_width::UnicodeWidthStr;

/// A document to lay out.
#[derive(Clone, Debug)]
pub(crate) enum Doc {
    /// Text without newlines.
    Text(Cow<'static, str>),
    /// A space when its group is flat, a newline when it is broken.
    Line,
    /// Nothing when its group is flat, a newline when it is broken.
    SoftLine,
    /// Always a newline (and its group breaks).
    Hard,
    /// A newline unless the output is already at the start of a line.
    FreshLine,
    /// Text printed only when the enclosing group is broken (a trailing comma).
    IfBreak(&'static str),
    /// Printed just before the next newline (a trailing comment).
    LineSuffix(String),
    /// Its lines are indented this much more.
    Nest(usize, Box<Doc>),
    /// Its lines are indented to the column where it starts.
    Align(Box<Doc>),
    /// Laid out flat if it fits; `true` when it holds a forced newline.
    Group(Box<Doc>, bool),
    /// Items and the separators between them (`[a, Line, b, Line, c]`): each
    /// separator breaks only if the item after it does not fit on the line.
    Fill(Vec<Doc>, bool),
    /// A sequence; `true` when it holds a forced newline.
    Concat(Vec<Doc>, bool),
    /// `head = value` or `lhs op rhs`: on one line if it fits; else `op
    /// value` on the next line, one level deeper, if it fits there (or
    /// `prefer_break`, for an `if`); else on the head's line, breaking inside
    /// (`lhs < f(` … `)`).
    Split(Box<Split>),
}

/// The parts of [`Doc::Split`].
#[derive(Clone, Debug)]
pub(crate) struct Split {
    pub head: Doc,
    /// The operator, printed before the value (none after an `=` in `head`).
    pub op: Option<Doc>,
    pub value: Doc,
    pub prefer_break: bool,
}

static SPACE: Doc = Doc::Text(Cow::Borrowed(" "));
static HARD: Doc = Doc::Hard;

impl Doc {
    pub(crate) fn text(s: impl Into<Cow<'static, str>>) -> Doc {
        Doc::Text(s.into())
    }

    pub(crate) fn nest(n: usize, d: Doc) -> Doc {
        Doc::Nest(n, Box::new(d))
    }

    pub(crate) fn group(d: Doc) -> Doc {
        let hard = d.forces_break();
        Doc::Group(Box::new(d), hard)
    }

    pub(crate) fn align(d: Doc) -> Doc {
        Doc::Align(Box::new(d))
    }

    pub(crate) fn fill(parts: Vec<Doc>) -> Doc {
        let hard = parts.iter().any(Doc::forces_break);
        Doc::Fill(parts, hard)
    }

    pub(crate) fn concat(parts: Vec<Doc>) -> Doc {
        let hard = parts.iter().any(Doc::forces_break);
        Doc::Concat(parts, hard)
    }

    /// Whether laying this out flat is impossible.
    fn forces_break(&self) -> bool {
        match self {
            Doc::Hard | Doc::FreshLine => true,
            Doc::Nest(_, d) | Doc::Align(d) => d.forces_break(),
            Doc::Group(_, hard) | Doc::Concat(_, hard) | Doc::Fill(_, hard) => *hard,
            Doc::Split(a) => a.one_line().iter().any(|d| d.forces_break()),
            _ => false,
        }
    }
}

/// Builds a [`Doc::Concat`] from a list of parts.
#[derive(Default)]
pub(crate) struct Parts(Vec<Doc>);

impl Parts {
    pub(crate) fn push(&mut self, d: Doc) {
        self.0.push(d);
    }
    pub(crate) fn text(&mut self, s: impl Into<Cow<'static, str>>) {
        self.0.push(Doc::Text(s.into()));
    }
    pub(crate) fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
    pub(crate) fn doc(self) -> Doc {
        Doc::concat(self.0)
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    Flat,
    Break,
}

/// What is left to print: a document, or the rest of a [`Doc::Fill`].
#[derive(Clone, Copy)]
enum Cmd<'d> {
    Doc(&'d Doc),
    Fill(&'d [Doc]),
}

type Stack<'d> = Vec<(usize, Mode, Cmd<'d>)>;

/// Lays `doc` out in `width` columns. Lines carry no trailing spaces.
pub(crate) fn print(doc: &Doc, width: usize) -> String {
    let mut p = Printer {
        out: String::new(),
        col: 0,
        pending_indent: Some(0),
        suffix: Vec::new(),
    };
    let mut stack: Stack = vec![(0, Mode::Break, Cmd::Doc(doc))];
    while let Some((indent, mode, cmd)) = stack.pop() {
        let d = match cmd {
            Cmd::Doc(d) => d,
            Cmd::Fill(items) => {
                p.fill(items, indent, mode, width, &mut stack);
                continue;
            }
        };
        match d {
            Doc::Text(s) => p.write(s),
            Doc::Line if mode == Mode::Flat => p.write(" "),
            Doc::SoftLine if mode == Mode::Flat => {}
            Doc::Line | Doc::SoftLine | Doc::Hard => p.newline(indent),
            Doc::FreshLine => {
                if p.pending_indent.is_none() {
                    p.newline(indent);
                }
            }
            Doc::IfBreak(s) => {
                if mode == Mode::Break {
                    p.write(s);
                }
            }
            Doc::LineSuffix(s) => p.suffix.push(s.clone()),
            Doc::Nest(n, inner) => stack.push((indent + n, mode, Cmd::Doc(inner))),
            Doc::Align(inner) => stack.push((p.col, mode, Cmd::Doc(inner))),
            Doc::Group(inner, hard) => {
                let flat = !hard
                    && (mode == Mode::Flat || fits(&[inner], width.saturating_sub(p.col), &stack));
                let m = if flat { Mode::Flat } else { Mode::Break };
                stack.push((indent, m, Cmd::Doc(inner)));
            }
            Doc::Fill(items, hard) => {
                let m = if *hard { Mode::Break } else { mode };
                stack.push((indent, m, Cmd::Fill(items)));
            }
            Doc::Concat(parts, _) => {
                stack.extend(parts.iter().rev().map(|d| (indent, mode, Cmd::Doc(d))));
            }
            Doc::Split(a) => {
                let one_line = a.one_line();
                let below = a.below();
                let flat = mode == Mode::Flat
                    || (!d.forces_break() && fits(&one_line, width.saturating_sub(p.col), &stack));
                let fits_below =
                    !a.value.forces_break() && fits(&below, width.saturating_sub(indent + 2), &[]);
                if flat {
                    push_all(&mut stack, indent, Mode::Flat, &one_line);
                } else if fits_below || a.prefer_break {
                    push_all(&mut stack, indent + 2, Mode::Break, &below);
                    stack.push((indent + 2, Mode::Break, Cmd::Doc(&HARD)));
                    stack.push((indent, Mode::Break, Cmd::Doc(&a.head)));
                } else {
                    push_all(&mut stack, indent, Mode::Break, &one_line);
                }
            }
        }
    }
    p.flush_suffix();
    let mut out: String = p
        .out
        .lines()
        .map(str::trim_end)
        .collect::<Vec<_>>()
        .join("\n");
    out.push('\n');
    out
}

impl Split {
    /// `head op value` on one line.
    fn one_line(&self) -> Vec<&Doc> {
        let mut v = vec![&self.head, &SPACE];
        if let Some(op) = &self.op {
            v.extend([op, &SPACE]);
        }
        v.push(&self.value);
        v
    }

    /// `op value`, the line below the head.
    fn below(&self) -> Vec<&Doc> {
        match &self.op {
            Some(op) => vec![op, &SPACE, &self.value],
            None => vec![&self.value],
        }
    }
}

fn push_all<'d>(stack: &mut Stack<'d>, indent: usize, mode: Mode, docs: &[&'d Doc]) {
    stack.extend(docs.iter().rev().map(|d| (indent, mode, Cmd::Doc(d))));
}

struct Printer {
    out: String,
    /// Display column of the cursor (counting a pending indent).
    col: usize,
    /// Indentation not yet written: set after a newline, written with the
    /// line's first text, so empty lines carry no spaces.
    pending_indent: Option<usize>,
    suffix: Vec<String>,
}

impl Printer {
    fn write(&mut self, s: &str) {
        if s.is_empty() {
            return;
        }
        if let Some(n) = self.pending_indent.take() {
            self.out.extend(std::iter::repeat_n(' ', n));
        }
        self.out.push_str(s);
        self.col += s.width();
    }

    fn flush_suffix(&mut self) {
        if self.suffix.is_empty() {
            return;
        }
        let kept = self.out.trim_end_matches(' ').len();
        self.out.truncate(kept);
        for s in std::mem::take(&mut self.suffix) {
            self.pending_indent = None;
            self.out.push_str(&s);
        }
    }

    /// The next item of a fill, and its separator: flat if the item after
    /// it fits on the line.
    fn fill<'d>(
        &mut self,
        items: &'d [Doc],
        indent: usize,
        mode: Mode,
        width: usize,
        stack: &mut Stack<'d>,
    ) {
        let Some((first, rest)) = items.split_first() else {
            return;
        };
        let room = width.saturating_sub(self.col);
        let first_mode = if mode == Mode::Flat || fits(&[first], room, &[]) {
            Mode::Flat
        } else {
            Mode::Break
        };
        let Some((sep, rest)) = rest.split_first() else {
            stack.push((indent, first_mode, Cmd::Doc(first)));
            return;
        };
        // Whether `first sep next` fits: measured after `first` is printed,
        // so measure it all from here.
        let next = rest.first();
        let pair_fits =
            mode == Mode::Flat || next.is_none_or(|n| fits(&[first, sep, n], room, &[]));
        let sep_mode = if pair_fits { Mode::Flat } else { Mode::Break };
        stack.push((indent, mode, Cmd::Fill(rest)));
        stack.push((indent, sep_mode, Cmd::Doc(sep)));
        stack.push((indent, first_mode, Cmd::Doc(first)));
    }

    fn newline(&mut self, indent: usize) {
        self.flush_suffix();
        self.out.push('\n');
        self.pending_indent = Some(indent);
        self.col = indent;
    }
}

/// Whether `docs`, laid out flat, fit in `room` columns, together with what
/// follows them up to the next newline.
fn fits(docs: &[&Doc], room: usize, rest: &[(usize, Mode, Cmd)]) -> bool {
    let mut room = room as isize;
    let mut todo: Vec<(Mode, Cmd)> = docs
        .iter()
        .rev()
        .map(|d| (Mode::Flat, Cmd::Doc(d)))
        .collect();
    let mut rest = rest.iter().rev();
    loop {
        let (mode, cmd) = match todo.pop() {
            Some(next) => next,
            None => match rest.next() {
                Some((_, mode, cmd)) => (*mode, *cmd),
                None => return true,
            },
        };
        let d = match cmd {
            Cmd::Doc(d) => d,
            Cmd::Fill(items) => {
                todo.extend(items.iter().rev().map(|d| (mode, Cmd::Doc(d))));
                continue;
            }
        };
        match d {
            Doc::Text(s) => room -= s.width() as isize,
            Doc::Line if mode == Mode::Flat => room -= 1,
            Doc::SoftLine if mode == Mode::Flat => {}
            Doc::Line | Doc::SoftLine | Doc::Hard | Doc::FreshLine => return true,
            Doc::IfBreak(s) => {
                if mode == Mode::Break {
                    room -= s.width() as isize;
                }
            }
            Doc::LineSuffix(_) => {}
            Doc::Nest(_, inner) | Doc::Align(inner) => todo.push((mode, Cmd::Doc(inner))),
            Doc::Group(inner, hard) => {
                let m = if *hard { Mode::Break } else { mode };
                todo.push((m, Cmd::Doc(inner)));
            }
            Doc::Fill(items, _) | Doc::Concat(items, _) => {
                todo.extend(items.iter().rev().map(|p| (mode, Cmd::Doc(p))))
            }
            Doc::Split(a) => {
                todo.extend(a.one_line().into_iter().rev().map(|d| (mode, Cmd::Doc(d))))
            }
        }
        if room < 0 {
            return false;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chain(width: usize) -> String {
        let d = Doc::group(Doc::concat(vec![
            Doc::text("check aaaa"),
            Doc::nest(
                2,
                Doc::concat(vec![
                    Doc::Line,
                    Doc::text("and bbbb"),
                    Doc::Line,
                    Doc::text("and 漢字"),
                ]),
            ),
        ]));
        print(&d, width)
    }

    #[test]
    fn a_group_is_flat_when_it_fits_and_broken_otherwise() {
        // "check aaaa and bbbb and 漢字" is 28 columns: 漢字 counts 4.
        assert_eq!(chain(28), "check aaaa and bbbb and 漢字\n");
        assert_eq!(chain(27), "check aaaa\n  and bbbb\n  and 漢字\n");
    }

    #[test]
    fn a_line_suffix_goes_before_the_next_newline_and_empty_lines_have_no_spaces() {
        let d = Doc::nest(
            2,
            Doc::concat(vec![
                Doc::text("a"),
                Doc::LineSuffix("  # note".into()),
                Doc::text(","),
                Doc::Hard,
                Doc::Hard,
                Doc::text("b"),
            ]),
        );
        assert_eq!(print(&d, 80), "a,  # note\n\n  b\n");
    }
}
