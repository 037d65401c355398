//! Layout of `migrate from "<version>" { … }`: one statement a line, a
//! choice's option statements one a line inside its braces.

use super::doc::{Doc, Parts};
use super::items::{En, children};
use super::writer::{Fmt, P};
use crate::grammar::Rule;

impl Fmt<'_> {
    pub(crate) fn migrate(&mut self, p: P) -> Doc {
        let mut parts = Parts::default();
        let mut items = Vec::new();
        for c in children(&p) {
            match c.as_rule() {
                Rule::k_migrate => parts.push(self.tok(&c)),
                Rule::k_from | Rule::string => {
                    parts.text(" ");
                    parts.push(self.tok(&c));
                }
                _ => items.push(c),
            }
        }
        parts.text(" ");
        parts.push(self.punct("{"));
        parts.push(self.block(items, |f, c, _| f.migrate_item(c)));
        parts.push(self.punct("}"));
        parts.doc()
    }

    /// `rename a.b -> c`, `remove a "…"`, `choice a { x -> y  remove z "…" }`, …
    fn migrate_item(&mut self, p: P) -> Doc {
        let mut parts = Parts::default();
        let mut options = Vec::new();
        let is_choice = p.as_rule() == Rule::mig_choice;
        for (i, c) in children(&p).into_iter().enumerate() {
            match c.as_rule() {
                Rule::mig_option_rename | Rule::mig_option_remove => {
                    options.push(c);
                    continue;
                }
                _ if i == 0 => {}
                _ => parts.text(" "),
            }
            match c.as_rule() {
                Rule::ref_path => parts.push(self.ref_path(c)),
                Rule::label => parts.push(self.label(c, En::Fits(4))),
                Rule::ident
                    if i > 0
                        && matches!(p.as_rule(), Rule::mig_rename | Rule::mig_option_rename) =>
                {
                    parts.push(self.punct("->"));
                    parts.text(" ");
                    parts.push(self.tok(&c));
                }
                _ => parts.push(self.tok(&c)),
            }
        }
        if is_choice {
            parts.text(" ");
            parts.push(self.punct("{"));
            parts.push(self.block(options, |f, c, _| f.migrate_item(c)));
            parts.push(self.punct("}"));
        }
        parts.doc()
    }

    /// `a.b.c`
    pub(crate) fn ref_path(&mut self, p: P) -> Doc {
        let mut parts = Parts::default();
        for (i, seg) in children(&p).into_iter().enumerate() {
            if i > 0 {
                parts.push(self.punct("."));
            }
            parts.push(self.tok(&seg));
        }
        parts.doc()
    }
}
