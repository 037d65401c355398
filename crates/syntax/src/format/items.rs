//! Layout of declarations: the file, forms, blocks, enums, params, fns and
//! the members and items inside them. Expressions are in `expr.rs`.

use unicode_width::UnicodeWidthStr;

use super::doc::{Doc, Parts, Split};
use super::writer::{Fmt, P};
use crate::grammar::Rule;

/// Where the `en` text of a label goes when there is one.
#[derive(Clone, Copy)]
pub(crate) enum En {
    /// On the same line if it fits, else on the next line, this much deeper.
    Fits(usize),
    /// Always on the next line, this much deeper (messages and help).
    Below(usize),
}

pub(crate) fn children<'a>(p: &P<'a>) -> Vec<P<'a>> {
    p.clone().into_inner().collect()
}

impl Fmt<'_> {
    /// The whole file.
    pub(crate) fn file(&mut self, root: P) -> Doc {
        let items: Vec<P> = root
            .into_inner()
            .filter(|p| p.as_rule() != Rule::EOI)
            .collect();
        let mut parts = Parts::default();
        let any = !items.is_empty();
        for (i, item) in items.into_iter().enumerate() {
            if i > 0 {
                parts.push(Doc::Hard);
            }
            parts.push(self.leading(item.as_span().start(), i == 0));
            parts.push(self.item(item));
        }
        parts.push(self.comments_before(self.src.len(), !any));
        parts.doc()
    }

    fn item(&mut self, p: P) -> Doc {
        match p.as_rule() {
            Rule::form => self.form(p),
            Rule::block => self.container(p),
            Rule::enum_decl => self.enum_decl(p),
            Rule::param => self.param(p),
            Rule::fn_decl => self.fn_decl(p),
            _ => self.verbatim(&p),
        }
    }

    /// A construct this formatter does not know (a newer grammar): as written.
    pub(crate) fn verbatim(&mut self, p: &P) -> Doc {
        self.tok(p)
    }

    /// A label: `"ja"` and, if written, `en "english"`.
    pub(crate) fn label(&mut self, p: P, en: En) -> Doc {
        let mut kids = children(&p).into_iter();
        let mut parts = Parts::default();
        if let Some(ja) = kids.next() {
            parts.push(self.tok(&ja));
        }
        if let (Some(k), Some(s)) = (kids.next(), kids.next()) {
            let en_doc = Doc::concat(vec![self.tok(&k), Doc::text(" "), self.tok(&s)]);
            parts.push(match en {
                En::Fits(n) => Doc::group(Doc::nest(n, Doc::concat(vec![Doc::Line, en_doc]))),
                En::Below(n) => Doc::nest(n, Doc::concat(vec![Doc::Hard, en_doc])),
            });
        }
        parts.doc()
    }

    fn form(&mut self, p: P) -> Doc {
        let mut kids = children(&p).into_iter();
        let mut parts = Parts::default();
        self.keyword_ident_label(&mut kids, &mut parts);
        parts.text(" ");
        parts.push(self.punct("{"));
        let body: Vec<P> = kids.collect();
        parts.push(self.block(body, |f, p, _| f.form_item(p)));
        parts.push(self.punct("}"));
        parts.doc()
    }

    /// `keyword id "label"`, the start of most declarations.
    fn keyword_ident_label<'a>(
        &mut self,
        kids: &mut impl Iterator<Item = P<'a>>,
        parts: &mut Parts,
    ) {
        if let Some(k) = kids.next() {
            parts.push(self.tok(&k));
        }
        if let Some(id) = kids.next() {
            parts.text(" ");
            parts.push(self.tok(&id));
        }
        if let Some(l) = kids.next() {
            parts.text(" ");
            parts.push(self.label(l, En::Fits(4)));
        }
    }

    fn form_item(&mut self, p: P) -> Doc {
        match p.as_rule() {
            Rule::version | Rule::category => self.words(p),
            Rule::effective => {
                let mut parts = Parts::default();
                for (i, c) in children(&p).into_iter().enumerate() {
                    match i {
                        0 => parts.push(self.tok(&c)),
                        1 => {
                            parts.text(" ");
                            parts.push(self.tok(&c));
                            parts.push(self.punct(".."));
                        }
                        _ => parts.push(self.tok(&c)),
                    }
                }
                parts.doc()
            }
            Rule::applicants | Rule::qualification => self.keyword_list(p),
            Rule::form_basis => self.words(p),
            Rule::migrate => self.migrate(p),
            _ => self.member(p),
        }
    }

    /// Children separated by single spaces (`version "2026.1"`).
    fn words(&mut self, p: P) -> Doc {
        let mut parts = Parts::default();
        for (i, c) in children(&p).into_iter().enumerate() {
            if i > 0 {
                parts.text(" ");
            }
            parts.push(self.tok(&c));
        }
        parts.doc()
    }

    /// `keyword a, b, c` (applicants, qualification, accept).
    fn keyword_list(&mut self, p: P) -> Doc {
        let mut parts = Parts::default();
        for (i, c) in children(&p).into_iter().enumerate() {
            match i {
                0 => {}
                1 => parts.text(" "),
                _ => {
                    parts.push(self.punct(","));
                    parts.text(" ");
                }
            }
            parts.push(self.tok(&c));
        }
        parts.doc()
    }

    // ------------------------------------------------------------ members

    pub(crate) fn member(&mut self, p: P) -> Doc {
        match p.as_rule() {
            Rule::field => self.field(p),
            Rule::group | Rule::list | Rule::use_decl | Rule::block => self.container(p),
            Rule::rule => self.rule(p),
            Rule::compute => self.compute(p),
            Rule::let_decl => self.let_decl(p),
            Rule::attachment => self.attachment(p),
            _ => self.verbatim(&p),
        }
    }

    fn is_modifier(r: Rule) -> bool {
        matches!(
            r,
            Rule::optional_mod | Rule::required_when | Rule::visible_when | Rule::help
        )
    }

    /// `field id "label": type`, then `optional` on the same line and every
    /// other modifier on a line of its own, one level deeper.
    fn field(&mut self, p: P) -> Doc {
        let mut kids = children(&p).into_iter();
        let mut parts = Parts::default();
        self.keyword_ident_label(&mut kids, &mut parts);
        parts.push(self.punct(":"));
        parts.text(" ");
        // After a `choice { … }`, a condition may follow the `}`.
        let mut after_brace = false;
        for c in kids {
            let is_type = c.as_rule() == Rule::field_type;
            match c.as_rule() {
                Rule::field_type => {
                    after_brace = c.as_str().trim_end().ends_with('}');
                    parts.push(self.field_type(c));
                }
                Rule::optional_mod => {
                    parts.text(" ");
                    parts.push(self.tok(&c));
                }
                Rule::visible_when | Rule::required_when if after_brace => {
                    let m = self.modifier(c);
                    parts.push(Doc::group(Doc::nest(2, Doc::concat(vec![Doc::Line, m]))));
                }
                r if Self::is_modifier(r) => {
                    let m = self.modifier(c);
                    parts.push(Doc::nest(2, Doc::concat(vec![Doc::Hard, m])));
                }
                _ => parts.push(self.verbatim(&c)),
            }
            after_brace = after_brace && is_type;
        }
        parts.doc()
    }

    fn modifier(&mut self, p: P) -> Doc {
        match p.as_rule() {
            Rule::help => {
                let mut parts = Parts::default();
                for c in children(&p) {
                    if c.as_rule() == Rule::label {
                        parts.text(" ");
                        parts.push(self.label(c, En::Below(2)));
                    } else {
                        parts.push(self.tok(&c));
                    }
                }
                parts.doc()
            }
            Rule::optional_mod => self.tok(&p),
            // `required when expr`, `when expr`
            _ => self.keywords_then_expr(p),
        }
    }

    /// `kw [kw] expr`: keywords separated by spaces, then the expression.
    pub(crate) fn keywords_then_expr(&mut self, p: P) -> Doc {
        let mut parts = Parts::default();
        for (i, c) in children(&p).into_iter().enumerate() {
            if i > 0 {
                parts.text(" ");
            }
            if c.as_rule() == Rule::expr {
                parts.push(self.expr(c));
            } else {
                parts.push(self.tok(&c));
            }
        }
        parts.doc()
    }

    /// Group, list, `use` and block: the head with its modifiers on one line
    /// if it fits (else each modifier on a line one level deeper), then the
    /// members in braces.
    fn container(&mut self, p: P) -> Doc {
        let is_use = p.as_rule() == Rule::use_decl;
        let mut head = Parts::default();
        let mut mods = Parts::default();
        let mut members = Vec::new();
        for c in children(&p) {
            match c.as_rule() {
                Rule::k_group | Rule::k_list | Rule::k_block | Rule::k_use => {
                    head.push(self.tok(&c))
                }
                Rule::ident => {
                    head.text(" ");
                    head.push(self.tok(&c));
                }
                Rule::k_as => {
                    head.text(" ");
                    head.push(self.tok(&c));
                }
                Rule::label => {
                    head.text(" ");
                    head.push(self.label(c, En::Fits(4)));
                }
                Rule::list_bounds => {
                    for b in children(&c) {
                        head.text(" ");
                        head.push(self.tok(&b));
                    }
                }
                // `optional` first stays on the head's line, like a field's.
                Rule::optional_mod if mods.is_empty() => {
                    head.text(" ");
                    head.push(self.tok(&c));
                }
                r if Self::is_modifier(r) => {
                    mods.push(Doc::Line);
                    mods.push(self.modifier(c));
                }
                _ => members.push(c),
            }
        }
        let mut parts = Parts::default();
        parts.push(head.doc());
        if !mods.is_empty() {
            parts.push(Doc::group(Doc::nest(2, mods.doc())));
        }
        if !is_use {
            parts.text(" ");
            parts.push(self.punct("{"));
            parts.push(self.block(members, |f, m, _| f.member(m)));
            parts.push(self.punct("}"));
        }
        parts.doc()
    }

    /// `rule name [warning] { when … check … at … message … }`, one item a line.
    fn rule(&mut self, p: P) -> Doc {
        let mut parts = Parts::default();
        let mut items = Vec::new();
        for c in children(&p) {
            match c.as_rule() {
                Rule::k_rule => parts.push(self.tok(&c)),
                Rule::ident | Rule::rule_severity => {
                    parts.text(" ");
                    parts.push(self.tok(&c));
                }
                _ => items.push(c),
            }
        }
        parts.text(" ");
        parts.push(self.punct("{"));
        parts.push(self.block(items, |f, c, _| f.rule_item(c)));
        parts.push(self.punct("}"));
        parts.doc()
    }

    fn rule_item(&mut self, p: P) -> Doc {
        match p.as_rule() {
            Rule::rule_when | Rule::rule_check => self.keywords_then_expr(p),
            Rule::rule_at => {
                let mut parts = Parts::default();
                for c in children(&p) {
                    if c.as_rule() == Rule::ref_path {
                        parts.text(" ");
                        parts.push(self.ref_path(c));
                    } else {
                        parts.push(self.tok(&c));
                    }
                }
                parts.doc()
            }
            Rule::rule_basis => self.words(p),
            Rule::rule_message => {
                let mut parts = Parts::default();
                for c in children(&p) {
                    if c.as_rule() == Rule::label {
                        parts.text(" ");
                        // `en` right-aligned under `message`.
                        parts.push(self.label(c, En::Below(5)));
                    } else {
                        parts.push(self.tok(&c));
                    }
                }
                parts.doc()
            }
            _ => self.verbatim(&p),
        }
    }

    /// `compute name "label" = expr [when cond]`: the expression on the next
    /// line, one level deeper, if the line is too long; the same for `when`.
    fn compute(&mut self, p: P) -> Doc {
        let mut kids = children(&p).into_iter();
        let mut head = Parts::default();
        self.keyword_ident_label(&mut kids, &mut head);
        head.text(" ");
        head.push(self.punct("="));
        let mut parts = Parts::default();
        for c in kids {
            match c.as_rule() {
                Rule::expr => {
                    let below = super::expr::prefers_break(&c);
                    let e = self.expr(c);
                    let h = std::mem::take(&mut head);
                    parts.push(assignment(h.doc(), e, below));
                }
                Rule::compute_when => {
                    let w = self.keywords_then_expr(c);
                    parts.push(Doc::group(Doc::nest(2, Doc::concat(vec![Doc::Line, w]))));
                }
                _ => parts.push(self.verbatim(&c)),
            }
        }
        parts.doc()
    }

    fn let_decl(&mut self, p: P) -> Doc {
        let mut head = Parts::default();
        let mut value = None;
        for c in children(&p) {
            match c.as_rule() {
                Rule::k_let => head.push(self.tok(&c)),
                Rule::ident => {
                    head.text(" ");
                    head.push(self.tok(&c));
                    head.text(" ");
                    head.push(self.punct("="));
                }
                _ => value = Some((super::expr::prefers_break(&c), self.expr(c))),
            }
        }
        match value {
            Some((below, v)) => assignment(head.doc(), v, below),
            None => head.doc(),
        }
    }

    /// `attachment id "label" { … }`, one item a line.
    fn attachment(&mut self, p: P) -> Doc {
        let mut kids = children(&p).into_iter();
        let mut parts = Parts::default();
        self.keyword_ident_label(&mut kids, &mut parts);
        parts.text(" ");
        parts.push(self.punct("{"));
        parts.push(self.block(kids.collect(), |f, c, _| f.attachment_item(c)));
        parts.push(self.punct("}"));
        parts.doc()
    }

    fn attachment_item(&mut self, p: P) -> Doc {
        match p.as_rule() {
            Rule::accept => self.keyword_list(p),
            Rule::max_count | Rule::att_optional => self.words(p),
            Rule::max_size => {
                let mut parts = Parts::default();
                for c in children(&p) {
                    if c.as_rule() == Rule::size {
                        let text: Vec<String> = children(&c)
                            .iter()
                            .map(|x| x.as_str().to_string())
                            .collect();
                        parts.text(" ");
                        parts.push(self.tok_as(&c, text.join(" ")));
                    } else {
                        parts.push(self.tok(&c));
                    }
                }
                parts.doc()
            }
            Rule::att_required => self.keywords_then_expr(p),
            Rule::help => self.modifier(p),
            _ => self.verbatim(&p),
        }
    }

    // ------------------------------------------------------------ types

    fn field_type(&mut self, p: P) -> Doc {
        let Some(inner) = p.clone().into_inner().next() else {
            return self.verbatim(&p);
        };
        match inner.as_rule() {
            Rule::named_type => {
                let mut parts = Parts::default();
                for c in children(&inner) {
                    if c.as_rule() == Rule::type_args {
                        parts.push(self.type_args(c));
                    } else {
                        parts.push(self.tok(&c));
                    }
                }
                parts.doc()
            }
            Rule::choice_type | Rule::multi_type => {
                let mut parts = Parts::default();
                let word = if inner.as_rule() == Rule::choice_type {
                    "choice"
                } else {
                    "multi"
                };
                parts.push(self.punct(word));
                for c in children(&inner) {
                    match c.as_rule() {
                        Rule::type_args => parts.push(self.type_args(c)),
                        Rule::options => {
                            parts.text(" ");
                            parts.push(self.options(c));
                        }
                        _ => parts.push(self.verbatim(&c)),
                    }
                }
                parts.doc()
            }
            _ => self.verbatim(&p),
        }
    }

    fn type_args(&mut self, p: P) -> Doc {
        let mut parts = Parts::default();
        parts.push(self.punct("("));
        for (i, arg) in children(&p).into_iter().enumerate() {
            if i > 0 {
                parts.push(self.punct(","));
                parts.text(" ");
            }
            for (j, c) in children(&arg).into_iter().enumerate() {
                if j > 0 {
                    parts.text(" ");
                }
                parts.push(self.tok(&c));
            }
            if arg.clone().into_inner().next().is_none() {
                parts.push(self.tok(&arg));
            }
        }
        parts.push(self.punct(")"));
        parts.doc()
    }

    /// `{ key "label", … }`: one option a line, keys padded to the longest so
    /// the labels line up, a comma after each.
    fn options(&mut self, p: P) -> Doc {
        let opts = children(&p);
        let key_width = opts
            .iter()
            .filter_map(|o| o.clone().into_inner().next())
            .map(|k| k.as_str().width())
            .max()
            .unwrap_or(0);
        let mut parts = Parts::default();
        parts.push(self.punct("{"));
        parts.push(self.block(opts, |f, o, last| {
            let mut line = Parts::default();
            for c in children(&o) {
                if c.as_rule() == Rule::label {
                    line.push(f.label(c, En::Fits(key_width + 1)));
                } else {
                    let pad = key_width.saturating_sub(c.as_str().width());
                    line.push(f.tok(&c));
                    line.text(" ".repeat(pad + 1));
                }
            }
            if last {
                f.skip(",");
                line.text(",");
            } else {
                line.push(f.punct(","));
            }
            line.doc()
        }));
        parts.push(self.punct("}"));
        parts.doc()
    }

    fn enum_decl(&mut self, p: P) -> Doc {
        let mut parts = Parts::default();
        for c in children(&p) {
            match c.as_rule() {
                Rule::options => {
                    parts.text(" ");
                    parts.push(self.options(c));
                }
                Rule::ident => {
                    parts.text(" ");
                    parts.push(self.tok(&c));
                }
                _ => parts.push(self.tok(&c)),
            }
        }
        parts.doc()
    }
}

/// `head =` and a value (see [`Doc::Split`]); `below` when the value goes
/// below the head if it does not fit on its line (see `expr::prefers_break`).
pub(crate) fn assignment(head: Doc, value: Doc, below: bool) -> Doc {
    Doc::Split(Box::new(Split {
        head,
        op: None,
        value,
        prefer_break: below,
    }))
}
