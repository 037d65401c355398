//! Layout of `param` and `fn` declarations.

use super::doc::{Doc, Parts};
use super::items::{En, assignment, children};
use super::writer::{Fmt, P};
use crate::grammar::Rule;

impl Fmt<'_> {
    /// `param id "label": type [by enum] { from DATE value [note "…"] … }`.
    pub(crate) fn param(&mut self, p: P) -> Doc {
        let mut parts = Parts::default();
        let mut periods = Vec::new();
        let mut idents = 0;
        for c in children(&p) {
            match c.as_rule() {
                Rule::k_param => parts.push(self.tok(&c)),
                Rule::label => {
                    parts.text(" ");
                    parts.push(self.label(c, En::Fits(4)));
                }
                Rule::ident => {
                    idents += 1;
                    match idents {
                        1 => parts.text(" "),
                        2 => {
                            parts.push(self.punct(":"));
                            parts.text(" ");
                        }
                        _ => parts.text(" "),
                    }
                    parts.push(self.tok(&c));
                }
                Rule::k_by => {
                    parts.text(" ");
                    parts.push(self.tok(&c));
                }
                _ => periods.push(c),
            }
        }
        parts.text(" ");
        parts.push(self.punct("{"));
        parts.push(self.block(periods, |f, c, _| f.param_period(c)));
        parts.push(self.punct("}"));
        parts.doc()
    }

    /// `from DATE value`, then `note "…"` on the same line if it fits, else on
    /// the next line, one level deeper.
    fn param_period(&mut self, p: P) -> Doc {
        let mut parts = Parts::default();
        let mut note = Parts::default();
        for c in children(&p) {
            match c.as_rule() {
                Rule::k_from => parts.push(self.tok(&c)),
                Rule::date => {
                    parts.text(" ");
                    parts.push(self.tok(&c));
                }
                Rule::param_value => {
                    parts.text(" ");
                    parts.push(self.param_value(c));
                }
                Rule::k_note => note.push(self.tok(&c)),
                Rule::string => {
                    note.text(" ");
                    note.push(self.tok(&c));
                }
                _ => parts.push(self.verbatim(&c)),
            }
        }
        if !note.is_empty() {
            let n = Doc::concat(vec![Doc::Line, note.doc()]);
            parts.push(Doc::group(Doc::nest(2, n)));
        }
        parts.doc()
    }

    fn param_value(&mut self, p: P) -> Doc {
        let Some(v) = p.clone().into_inner().next() else {
            return self.verbatim(&p);
        };
        if v.as_rule() == Rule::keyed_values {
            self.keyed_values(v)
        } else {
            self.literal(v)
        }
    }

    /// `{ key value, … }`. Written on one line, it stays on one line if it
    /// fits, else one entry a line. Written on several lines, the entries
    /// keep the rows they were written in (a table's rows mean something:
    /// the 70歳未満 区分 on one, the 70〜74歳 区分 on the next).
    fn keyed_values(&mut self, p: P) -> Doc {
        let entries = children(&p);
        let line_of = |x: &P| x.as_span().start_pos().line_col().0;
        let open_line = line_of(&p);
        let one_line = entries.iter().all(|e| line_of(e) == open_line);
        let mut parts = Parts::default();
        parts.push(self.punct("{"));
        let n = entries.len();
        if one_line {
            let mut inner = Parts::default();
            for (i, e) in entries.into_iter().enumerate() {
                inner.push(Doc::Line);
                inner.push(self.keyed_value(e));
                if i + 1 < n {
                    inner.push(self.punct(","));
                } else {
                    self.skip(",");
                    inner.push(Doc::IfBreak(","));
                }
            }
            parts.push(Doc::group(Doc::concat(vec![
                Doc::nest(2, inner.doc()),
                Doc::Line,
                self.punct("}"),
            ])));
            return parts.doc();
        }
        let mut rows: Vec<Vec<P>> = Vec::new();
        for e in entries {
            match rows.last_mut() {
                Some(row) if row.first().is_some_and(|f| line_of(f) == line_of(&e)) => row.push(e),
                _ => rows.push(vec![e]),
            }
        }
        let mut done = 0;
        parts.push(self.block_rows(rows, |f, e| {
            done += 1;
            let mut d = vec![f.keyed_value(e)];
            if done < n {
                d.push(f.punct(","));
            } else {
                f.skip(",");
                d.push(Doc::text(","));
            }
            Doc::concat(d)
        }));
        parts.push(self.punct("}"));
        parts.doc()
    }

    fn keyed_value(&mut self, p: P) -> Doc {
        let mut parts = Parts::default();
        for (i, c) in children(&p).into_iter().enumerate() {
            if i > 0 {
                parts.text(" ");
                parts.push(self.literal(c));
            } else {
                parts.push(self.tok(&c));
            }
        }
        parts.doc()
    }

    /// Rows of entries, one row a line, entries in a row separated by a space
    /// (each entry brings its comma).
    fn block_rows<'a>(
        &mut self,
        rows: Vec<Vec<P<'a>>>,
        mut each: impl FnMut(&mut Self, P<'a>) -> Doc,
    ) -> Doc {
        let firsts: Vec<P<'a>> = rows.iter().filter_map(|r| r.first().cloned()).collect();
        let mut rows = rows.into_iter();
        self.block(firsts, |f, _, _| {
            let mut parts = Parts::default();
            for (i, e) in rows.next().unwrap_or_default().into_iter().enumerate() {
                if i > 0 {
                    parts.text(" ");
                }
                parts.push(each(f, e));
            }
            parts.doc()
        })
    }

    /// `fn name(a: type, …) = body`: the body on the next line, one level
    /// deeper, if the line is too long.
    pub(crate) fn fn_decl(&mut self, p: P) -> Doc {
        let mut head = Parts::default();
        let mut body = None;
        let mut params = 0;
        for c in children(&p) {
            match c.as_rule() {
                Rule::k_fn => head.push(self.tok(&c)),
                Rule::ident => {
                    head.text(" ");
                    head.push(self.tok(&c));
                    head.push(self.punct("("));
                }
                Rule::fn_param => {
                    if params > 0 {
                        head.push(self.punct(","));
                        head.text(" ");
                    }
                    params += 1;
                    let kids = children(&c);
                    if let [name, ty] = kids.as_slice() {
                        head.push(self.tok(name));
                        head.push(self.punct(":"));
                        head.text(" ");
                        head.push(self.tok(ty));
                    } else {
                        head.push(self.verbatim(&c));
                    }
                }
                Rule::expr => {
                    head.push(self.punct(")"));
                    head.text(" ");
                    head.push(self.punct("="));
                    body = Some((super::expr::prefers_break(&c), self.expr(c)));
                }
                _ => head.push(self.verbatim(&c)),
            }
        }
        match body {
            Some((below, b)) => assignment(head.doc(), b, below),
            None => head.doc(),
        }
    }
}
