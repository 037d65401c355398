//! The formatter's cursor over the source: every token it prints goes through
//! [`Fmt::tok`] or [`Fmt::punct`], which put the comments back where they
//! were — own-line comments before the token, a trailing comment at the end
//! of the line the token ends up on.

use pest::iterators::Pair;

use super::doc::{Doc, Parts};
use super::trivia::{Comment, has_blank_line, is_space};
use crate::grammar::Rule;

pub(crate) type P<'a> = Pair<'a, Rule>;

pub(crate) struct Fmt<'s> {
    pub(crate) src: &'s str,
    comments: Vec<Comment>,
    /// Index of the first comment not yet printed.
    next: usize,
    /// End of the last token printed.
    pos: usize,
}

impl<'s> Fmt<'s> {
    pub(crate) fn new(src: &'s str) -> Self {
        Fmt {
            src,
            comments: super::trivia::comments(src),
            next: 0,
            pos: 0,
        }
    }

    /// A token at `start..end`, printed as `text`.
    pub(crate) fn tok_at(
        &mut self,
        start: usize,
        end: usize,
        text: impl Into<std::borrow::Cow<'static, str>>,
    ) -> Doc {
        let mut parts = Parts::default();
        // Comments before the token that were not printed as statements'
        // leading comments (inside an expression): each on its own line.
        while let Some(c) = self.comments.get(self.next).filter(|c| c.start < start) {
            parts.push(Doc::FreshLine);
            parts.text(c.text.clone());
            parts.push(Doc::Hard);
            self.next += 1;
        }
        parts.text(text);
        self.pos = end.max(self.pos);
        // Comments inside a token printed as written (a construct this
        // formatter does not lay out) are printed with it.
        while self.comments.get(self.next).is_some_and(|c| c.start < end) {
            self.next += 1;
        }
        if let Some(c) = self.comments.get(self.next)
            && c.trailing
            && self.only_punctuation(end, c.start)
        {
            parts.push(Doc::LineSuffix(format!("  {}", c.text)));
            self.next += 1;
        }
        parts.doc()
    }

    /// A pair printed as written.
    pub(crate) fn tok(&mut self, p: &P) -> Doc {
        let s = p.as_span();
        self.tok_at(s.start(), s.end(), s.as_str().to_string())
    }

    /// A pair printed as `text`.
    pub(crate) fn tok_as(&mut self, p: &P, text: impl Into<std::borrow::Cow<'static, str>>) -> Doc {
        let s = p.as_span();
        self.tok_at(s.start(), s.end(), text)
    }

    /// A literal token of the grammar (`{`, `,`, `then`, …) that the parse
    /// tree does not hold: found in the source after the last token.
    pub(crate) fn punct(&mut self, s: &'static str) -> Doc {
        let at = self.find(s).unwrap_or(self.pos);
        self.tok_at(at, at + s.len(), s)
    }

    /// Skips an optional literal token (a trailing comma) if it comes next.
    pub(crate) fn skip(&mut self, s: &'static str) {
        if let Some(at) = self.find(s) {
            // Keep the comments around it: they come out before the next token.
            self.pos = at + s.len();
        }
    }

    /// Where `s` comes next after the cursor, skipping whitespace and comments.
    fn find(&self, s: &str) -> Option<usize> {
        let mut i = self.pos;
        loop {
            // A comment (printed or not) that covers or starts at `i`.
            let k = self.comments.partition_point(|c| c.end <= i);
            if let Some(c) = self.comments.get(k).filter(|c| c.start <= i) {
                i = c.end;
                continue;
            }
            let c = self.src.get(i..)?.chars().next()?;
            if is_space(c) {
                i += c.len_utf8();
            } else if self.src[i..].starts_with(s) {
                return Some(i);
            } else {
                return None;
            }
        }
    }

    fn only_punctuation(&self, from: usize, to: usize) -> bool {
        self.src.get(from..to).is_some_and(|gap| {
            gap.chars()
                .all(|c| c == ' ' || c == '\t' || "{}()[],:=".contains(c))
        })
    }

    /// What goes before a statement starting at `start` (a member, a header
    /// line, a rule item, an option, a table row, or a closing brace when
    /// `start` is its position): the own-line comments before it, each on its
    /// line, and the empty lines of the source (at most one in a row). After
    /// an opening brace (`first`), empty lines are dropped.
    pub(crate) fn leading(&mut self, start: usize, first: bool) -> Doc {
        let mut parts = Parts::default();
        let mut first = first;
        while let Some(c) = self.comments.get(self.next).filter(|c| c.start < start) {
            let c = c.clone();
            if !first && self.blank_between(self.pos, c.start) {
                parts.push(Doc::Hard);
            }
            parts.push(Doc::FreshLine);
            parts.text(c.text);
            parts.push(Doc::Hard);
            self.pos = c.end;
            self.next += 1;
            first = false;
        }
        if !first && self.blank_between(self.pos, start) {
            parts.push(Doc::Hard);
        }
        parts.doc()
    }

    /// The statements of a block between braces (the `{` printed, the `}`
    /// not yet): each on its own line, nested one level, with the comments
    /// before each of them and the ones left before the closing brace.
    /// `each` gets the statement and whether it is the last one.
    pub(crate) fn block<'a>(
        &mut self,
        stmts: Vec<P<'a>>,
        mut each: impl FnMut(&mut Self, P<'a>, bool) -> Doc,
    ) -> Doc {
        let mut parts = Parts::default();
        let n = stmts.len();
        for (i, p) in stmts.into_iter().enumerate() {
            parts.push(Doc::Hard);
            parts.push(self.leading(p.as_span().start(), i == 0));
            parts.push(each(self, p, i + 1 == n));
        }
        let close = self.find("}").unwrap_or(self.src.len());
        let had_comments = self.next;
        parts.push(self.comments_before(close, n == 0));
        if n == 0 && had_comments == self.next {
            return Doc::text("");
        }
        Doc::concat(vec![Doc::nest(2, parts.doc()), Doc::Hard])
    }

    fn blank_between(&self, from: usize, to: usize) -> bool {
        from < to && self.src.get(from..to).is_some_and(has_blank_line)
    }

    /// The comments left before `limit`, each on a new line (after an empty
    /// line where the source has one, except `first` after an opening brace or
    /// at the start of the file).
    pub(crate) fn comments_before(&mut self, limit: usize, first: bool) -> Doc {
        let mut parts = Parts::default();
        let mut first = first;
        while let Some(c) = self.comments.get(self.next).filter(|c| c.start < limit) {
            let c = c.clone();
            if !(first && self.pos == 0) {
                parts.push(Doc::Hard);
            }
            if !first && self.blank_between(self.pos, c.start) {
                parts.push(Doc::Hard);
            }
            parts.text(c.text);
            self.pos = c.end;
            self.next += 1;
            first = false;
        }
        parts.doc()
    }
}
