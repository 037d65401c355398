//! pest pairs → AST.

use pest::Parser as _;
use pest::iterators::Pair;

use crate::ast::*;
use crate::code::DiagnosticCode;
use crate::diagnostic::Diagnostic;
use crate::errors::syntax_error;
use crate::grammar::{FormParser, Rule};
use crate::nesting::{self, MAX_EXPR_NESTING, MAX_MEMBER_NESTING, Nested};
use crate::source::{FileId, Span};

/// Parses one file. On a syntax error, returns the first diagnostic; see
/// [`crate::parse_recovering`] for every syntax error of a file and the
/// parts that parse.
pub fn parse(file: FileId, text: &str) -> Result<File, Box<Diagnostic>> {
    let (f, errors) = build(file, text).map_err(Box::new)?;
    match errors.into_iter().next() {
        Some(e) => Err(Box::new(e)),
        None => Ok(f),
    }
}

/// The tree of a file that follows the grammar, with the problems found
/// while building it (a number too large, nesting too deep); `Err` is the
/// grammar's first syntax error.
pub(crate) fn build(file: FileId, text: &str) -> Result<(File, Vec<Diagnostic>), Diagnostic> {
    let mut pairs = FormParser::parse(Rule::file, text).map_err(|e| syntax_error(file, text, e))?;
    let mut ctx = Ctx {
        file,
        errors: Vec::new(),
        level: 1,
        member_level: 1,
    };
    let items = match pairs.next() {
        Some(root) => root.into_inner().filter_map(|p| ctx.item(p)).collect(),
        None => Vec::new(),
    };
    Ok((File { items }, ctx.errors))
}

/// What a piece of a file must be on its own (recovery).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Piece {
    /// A top-level item.
    Item,
    /// A header line or a member of a form.
    Header,
    /// A member of a block, group or list.
    Member,
}

/// Whether `text`, the piece of the file starting at byte `offset`, is a
/// `piece` on its own; else the syntax error, as `syntax_error` words it
/// over `shown` (the whole text as written) at the error's position, or at
/// `moved_to` when the error falls at the piece's end.
pub(crate) fn parse_piece(
    file: FileId,
    piece: Piece,
    text: &str,
    offset: usize,
    shown: &str,
    moved_to: usize,
) -> Result<(), Diagnostic> {
    let entry = match piece {
        Piece::Item => Rule::item_piece,
        Piece::Header => Rule::header_piece,
        Piece::Member => Rule::member_piece,
    };
    match FormParser::parse(entry, text) {
        Ok(_) => Ok(()),
        // pest words a missing `)` as whatever rule it tried last (`expected
        // a number, found `max``): an unclosed `(` before the error is the
        // problem to report.
        Err(e) if let Some(d) = crate::errors::unclosed_paren(file, text, offset, &e) => Err(d),
        Err(e) => Err(crate::errors::syntax_error_moved(
            file,
            shown,
            e,
            offset,
            text.trim_end().len(),
            moved_to,
        )),
    }
}

struct Ctx {
    file: FileId,
    errors: Vec<Diagnostic>,
    /// Nesting level of the expression node being built (a root is 1).
    level: usize,
    /// Nesting level of the members being built (a form's or block's are 1).
    member_level: usize,
}

type P<'a> = Pair<'a, Rule>;

impl Ctx {
    /// Builds an expression `extra` levels deeper than the current one; past
    /// [`MAX_EXPR_NESTING`] it reports `nesting-too-deep` at `at` and does
    /// not descend (so this recursion stays bounded too).
    fn deeper(&mut self, extra: usize, at: &P, f: impl FnOnce(&mut Self) -> Expr) -> Expr {
        let level = self.level.saturating_add(extra);
        if level > MAX_EXPR_NESTING {
            let span = self.first_token(at);
            self.too_deep(Nested::Expr, span);
            return placeholder(span);
        }
        let saved = std::mem::replace(&mut self.level, level);
        let e = f(self);
        self.level = saved;
        e
    }

    /// The span of the first token of `p` (`(`, `not`, a name…).
    fn first_token(&self, p: &P) -> Span {
        let start = p.as_span().start();
        Span::new(
            self.file,
            start,
            start + nesting::first_token_len(p.as_str()),
        )
    }

    /// Reports the first construct nested too deeply (once per file).
    fn too_deep(&mut self, what: Nested, span: Span) {
        if !self.errors.iter().any(|e| e.code == nesting::CODE) {
            self.errors.push(nesting::too_deep(what, span));
        }
    }

    /// The pair's span without the whitespace and comments pest may have
    /// consumed after its last token.
    fn span(&self, p: &P) -> Span {
        let s = p.as_span();
        Span::new(self.file, s.start(), s.start() + content_len(s.as_str()))
    }

    fn ident(&self, p: P) -> Ident {
        Ident {
            name: p.as_str().to_string(),
            span: self.span(&p),
        }
    }

    fn int(&mut self, p: &P) -> i64 {
        let digits: String = p.as_str().chars().filter(|c| *c != '_').collect();
        match digits.parse::<i64>() {
            Ok(n) => n,
            Err(_) => {
                let span = self.span(p);
                self.errors.push(
                    Diagnostic::error(DiagnosticCode::Syntax, span, "number too large")
                        .with_label("does not fit in 64 bits"),
                );
                0
            }
        }
    }

    fn uint(&mut self, p: &P) -> u64 {
        u64::try_from(self.int(p)).unwrap_or(0)
    }

    fn string(&self, p: P) -> String {
        let body = p.into_inner().next().map_or("", |b| b.as_str());
        let mut out = String::with_capacity(body.len());
        let mut chars = body.chars();
        while let Some(c) = chars.next() {
            if c == '\\' {
                match chars.next() {
                    Some('n') => out.push('\n'),
                    Some(other) => out.push(other),
                    None => {}
                }
            } else {
                out.push(c);
            }
        }
        out
    }

    fn label(&self, p: P) -> Label {
        let span = self.span(&p);
        let mut ja = String::new();
        let mut en = None;
        for c in p.into_inner() {
            match c.as_rule() {
                Rule::string if ja.is_empty() && en.is_none() => ja = self.string(c),
                Rule::string => en = Some(self.string(c)),
                _ => {}
            }
        }
        Label { ja, en, span }
    }

    fn date(&self, p: P) -> DateLit {
        DateLit {
            text: p.as_str().to_string(),
            span: self.span(&p),
        }
    }

    fn item(&mut self, p: P) -> Option<Item> {
        Some(match p.as_rule() {
            Rule::form => Item::Form(self.form(p)),
            Rule::block => Item::Block(self.block(p)),
            Rule::enum_decl => Item::Enum(self.enum_decl(p)),
            Rule::param => Item::Param(self.param(p)),
            Rule::fn_decl => Item::Fn(self.fn_decl(p)),
            _ => return None,
        })
    }

    fn form(&mut self, p: P) -> FormDecl {
        let span = self.span(&p);
        let mut inner = p.into_inner().filter(|c| c.as_rule() != Rule::k_form);
        let id = inner
            .next()
            .map(|c| self.ident(c))
            .unwrap_or_else(|| self.missing_ident(span));
        let title = inner
            .next()
            .map(|c| self.label(c))
            .unwrap_or_else(|| self.missing_label(span));
        let mut header = Vec::new();
        let mut members = Vec::new();
        for c in inner {
            let cspan = self.span(&c);
            match c.as_rule() {
                Rule::version => {
                    let s = c.into_inner().find(|x| x.as_rule() == Rule::string);
                    header.push(HeaderItem::Version(
                        s.map(|s| self.string(s)).unwrap_or_default(),
                        cspan,
                    ));
                }
                Rule::effective => {
                    let mut dates = c.into_inner().filter(|x| x.as_rule() == Rule::date);
                    let from = dates.next().map(|d| self.date(d));
                    let to = dates.next().map(|d| self.date(d));
                    if let Some(from) = from {
                        header.push(HeaderItem::Effective {
                            from,
                            to,
                            span: cspan,
                        });
                    }
                }
                Rule::category => {
                    let name = c.into_inner().find(|x| x.as_rule() == Rule::category_name);
                    header.push(HeaderItem::Category(
                        name.map(|n| n.as_str().to_string()).unwrap_or_default(),
                        cspan,
                    ));
                }
                Rule::applicants => {
                    let ids = c
                        .into_inner()
                        .filter(|x| x.as_rule() == Rule::ident)
                        .map(|x| self.ident(x))
                        .collect();
                    header.push(HeaderItem::Applicants(ids, cspan));
                }
                Rule::qualification => {
                    let items = c
                        .into_inner()
                        .filter(|x| x.as_rule() == Rule::qual_item)
                        .map(|q| {
                            let qspan = self.span(&q);
                            let mut parts = q.into_inner();
                            let name = parts.next().map(|n| self.ident(n));
                            let name = name.unwrap_or_else(|| self.missing_ident(qspan));
                            let optional = parts.next().is_some();
                            QualItem { name, optional }
                        })
                        .collect();
                    header.push(HeaderItem::Qualification(items, cspan));
                }
                Rule::form_basis => {
                    let s = c.into_inner().find(|x| x.as_rule() == Rule::string);
                    let basis = s.map(|s| self.string(s)).unwrap_or_else(|| {
                        self.internal(cspan, "the basis's text");
                        String::new()
                    });
                    header.push(HeaderItem::Basis(basis, cspan));
                }
                Rule::migrate => header.push(HeaderItem::Migrate(self.migrate(c))),
                _ => {
                    if let Some(m) = self.member(c) {
                        members.push(m);
                    }
                }
            }
        }
        FormDecl {
            id,
            title,
            header,
            members,
            span,
        }
    }

    fn migrate(&mut self, p: P) -> MigrateDecl {
        let span = self.span(&p);
        let mut from = None;
        let mut from_span = span;
        let mut items = Vec::new();
        for c in p.into_inner() {
            let cspan = self.span(&c);
            match c.as_rule() {
                Rule::k_migrate | Rule::k_from => {}
                Rule::string => {
                    from_span = cspan;
                    from = Some(self.string(c));
                }
                Rule::mig_rename => {
                    let (path, mut rest) = self.path_and_rest(c);
                    let to = rest
                        .iter()
                        .position(|x| x.as_rule() == Rule::ident)
                        .map(|i| self.ident(rest.swap_remove(i)))
                        .unwrap_or_else(|| self.missing_ident(cspan));
                    items.push(MigrateItem::Rename {
                        path,
                        to,
                        span: cspan,
                    });
                }
                Rule::mig_remove | Rule::mig_add | Rule::mig_clear | Rule::mig_review => {
                    let which = c.as_rule();
                    let (path, rest) = self.path_and_rest(c);
                    let message = rest
                        .into_iter()
                        .find(|x| x.as_rule() == Rule::label)
                        .map(|l| self.label(l));
                    items.push(match which {
                        Rule::mig_remove => MigrateItem::Remove {
                            path,
                            message,
                            span: cspan,
                        },
                        Rule::mig_add => MigrateItem::Add {
                            path,
                            message,
                            span: cspan,
                        },
                        Rule::mig_clear => MigrateItem::Clear {
                            path,
                            message,
                            span: cspan,
                        },
                        _ => MigrateItem::Review {
                            path,
                            message: message.unwrap_or_else(|| self.missing_label(cspan)),
                            span: cspan,
                        },
                    });
                }
                Rule::mig_choice => {
                    let (path, rest) = self.path_and_rest(c);
                    let mut options = Vec::new();
                    for o in rest {
                        let ospan = self.span(&o);
                        let which = o.as_rule();
                        let mut ids = Vec::new();
                        let mut message = None;
                        for x in o.into_inner() {
                            match x.as_rule() {
                                Rule::ident => ids.push(self.ident(x)),
                                Rule::label => message = Some(self.label(x)),
                                _ => {}
                            }
                        }
                        let mut ids = ids.into_iter();
                        let first = ids.next().unwrap_or_else(|| self.missing_ident(ospan));
                        options.push(match which {
                            Rule::mig_option_rename => OptionMove::Rename {
                                from: first,
                                to: ids.next().unwrap_or_else(|| self.missing_ident(ospan)),
                            },
                            Rule::mig_option_remove => OptionMove::Remove {
                                key: first,
                                message,
                                span: ospan,
                            },
                            _ => {
                                self.internal(ospan, "an option's rename or removal");
                                continue;
                            }
                        });
                    }
                    items.push(MigrateItem::Choice {
                        path,
                        options,
                        span: cspan,
                    });
                }
                // A statement the grammar has and this does not know: never
                // a migration silently without it.
                _ => self.internal(cspan, "a migration statement"),
            }
        }
        let from = from.unwrap_or_else(|| {
            self.internal(span, "the version migrated from");
            String::new()
        });
        MigrateDecl {
            from,
            from_span,
            items,
            span,
        }
    }

    /// The `ref_path` of a migration statement as identifiers, and its other
    /// children (keywords left out).
    fn path_and_rest<'a>(&self, p: P<'a>) -> (Vec<Ident>, Vec<P<'a>>) {
        let mut path = Vec::new();
        let mut rest = Vec::new();
        for c in p.into_inner() {
            match c.as_rule() {
                Rule::ref_path => path.extend(c.into_inner().map(|x| self.ident(x))),
                Rule::k_rename
                | Rule::k_remove
                | Rule::k_add
                | Rule::k_review
                | Rule::k_clear
                | Rule::k_choice => {}
                _ => rest.push(c),
            }
        }
        (path, rest)
    }

    /// An identifier the grammar requires but the tree lacks: an internal
    /// diagnostic and an empty name, never a silently nameless declaration.
    /// (Identifiers the grammar makes optional — a `use`'s alias, a param's
    /// `by` key — are `Option`s and never come here.)
    fn missing_ident(&mut self, span: Span) -> Ident {
        self.internal(span, "a name");
        Ident {
            name: String::new(),
            span,
        }
    }

    /// A label the grammar requires but the tree lacks: an internal
    /// diagnostic and an empty label.
    fn missing_label(&mut self, span: Span) -> Label {
        self.internal(span, "a label");
        Label {
            ja: String::new(),
            en: None,
            span,
        }
    }

    /// An expression the grammar guarantees but the tree lacks: an internal
    /// diagnostic (the form does not compile) and a placeholder, never a
    /// silent `true` that would make a rule always hold.
    fn mismatch(&mut self, span: Span) -> Expr {
        self.internal(span, "an expression");
        placeholder(span)
    }

    /// Reports a grammar/AST mismatch: a bug in shinsei, not in the form.
    fn internal(&mut self, span: Span, what: &'static str) {
        self.errors.push(
            Diagnostic::error(
                DiagnosticCode::Internal,
                span,
                format!("internal error: the parser expected {what} here"),
            )
            .with_label("the grammar and the syntax tree disagree")
            .with_hint(
                "this is a bug in shinsei, not in the form: please report it with this file",
            ),
        );
    }

    fn members<'a>(&mut self, pairs: impl Iterator<Item = P<'a>>) -> Vec<Member> {
        pairs.filter_map(|c| self.member(c)).collect()
    }

    fn member(&mut self, p: P) -> Option<Member> {
        Some(match p.as_rule() {
            Rule::field => Member::Field(self.field(p)),
            Rule::group => Member::Group(self.group(p)),
            Rule::list => Member::List(self.list(p)),
            Rule::use_decl => Member::Use(self.use_decl(p)),
            Rule::rule => Member::Rule(self.rule(p)),
            Rule::compute => Member::Compute(self.compute(p)),
            Rule::let_decl => Member::Let(self.let_decl(p)),
            Rule::attachment => Member::Attachment(self.attachment(p)),
            _ => return None,
        })
    }

    fn modifier(&mut self, p: P) -> Option<Modifier> {
        let span = self.span(&p);
        Some(match p.as_rule() {
            Rule::optional_mod => Modifier::Optional(span),
            Rule::required_when => Modifier::RequiredWhen(self.expr_child(p)?, span),
            Rule::visible_when => Modifier::VisibleWhen(self.expr_child(p)?, span),
            Rule::help => {
                Modifier::Help(self.label(p.into_inner().find(|c| c.as_rule() == Rule::label)?))
            }
            _ => return None,
        })
    }

    fn expr_child(&mut self, p: P) -> Option<Expr> {
        let e = p.into_inner().find(|c| c.as_rule() == Rule::expr)?;
        Some(self.expr(e))
    }

    fn field(&mut self, p: P) -> FieldDecl {
        let span = self.span(&p);
        let mut id = None;
        let mut label = None;
        let mut ty = None;
        let mut modifiers = Vec::new();
        for c in p.into_inner() {
            match c.as_rule() {
                Rule::k_field => {}
                Rule::ident => id = Some(self.ident(c)),
                Rule::label => label = Some(self.label(c)),
                Rule::field_type => ty = Some(self.field_type(c)),
                _ => modifiers.extend(self.modifier(c)),
            }
        }
        FieldDecl {
            id: id.unwrap_or_else(|| self.missing_ident(span)),
            label: label.unwrap_or_else(|| self.missing_label(span)),
            ty: ty.unwrap_or_else(|| TypeExpr::Named {
                name: self.missing_ident(span),
                args: Vec::new(),
                span,
            }),
            modifiers,
            span,
        }
    }

    fn field_type(&mut self, p: P) -> TypeExpr {
        let span = self.span(&p);
        let Some(inner) = p.into_inner().next() else {
            return TypeExpr::Named {
                name: self.missing_ident(span),
                args: Vec::new(),
                span,
            };
        };
        match inner.as_rule() {
            Rule::choice_type => {
                let options = inner
                    .into_inner()
                    .next()
                    .map(|o| self.options(o))
                    .unwrap_or_default();
                TypeExpr::Choice { options, span }
            }
            Rule::multi_type => {
                let mut args = Vec::new();
                let mut options = Vec::new();
                for c in inner.into_inner() {
                    match c.as_rule() {
                        Rule::type_args => args = self.type_args(c),
                        Rule::options => options = self.options(c),
                        _ => {}
                    }
                }
                TypeExpr::Multi {
                    args,
                    options,
                    span,
                }
            }
            _ => {
                let mut parts = inner.into_inner();
                let name = parts
                    .next()
                    .map(|n| self.ident(n))
                    .unwrap_or_else(|| self.missing_ident(span));
                let args = parts.next().map(|a| self.type_args(a)).unwrap_or_default();
                TypeExpr::Named { name, args, span }
            }
        }
    }

    fn type_args(&mut self, p: P) -> Vec<TypeArg> {
        let mut out = Vec::new();
        for arg in p.into_inner() {
            let span = self.span(&arg);
            let parts: Vec<P> = arg.into_inner().collect();
            match parts.as_slice() {
                [one] if one.as_rule() == Rule::int => {
                    out.push(TypeArg::Positional(self.int(one), span))
                }
                [one] if one.as_rule() == Rule::digits_range => {
                    let ints: Vec<P> = one.clone().into_inner().collect();
                    if let [a, b] = ints.as_slice() {
                        out.push(TypeArg::Range(self.int(a), self.int(b), span));
                    }
                }
                [key, value] => {
                    let key = self.ident(key.clone());
                    let v = value.clone().into_inner().next();
                    let value = match v {
                        Some(v) if v.as_rule() == Rule::number => {
                            TypeArgValue::Number(self.int(&v))
                        }
                        Some(v) => TypeArgValue::Name(v.as_str().to_string()),
                        None => TypeArgValue::Name(String::new()),
                    };
                    out.push(TypeArg::Keyed { key, value, span });
                }
                _ => {}
            }
        }
        out
    }

    fn options(&mut self, p: P) -> Vec<OptionDecl> {
        p.into_inner()
            .map(|o| {
                let span = self.span(&o);
                let mut parts = o.into_inner();
                let key = parts.next().map(|k| self.ident(k));
                let key = key.unwrap_or_else(|| self.missing_ident(span));
                let label = parts.next().map(|l| self.label(l));
                let label = label.unwrap_or_else(|| self.missing_label(span));
                OptionDecl { key, label }
            })
            .collect()
    }

    fn group(&mut self, p: P) -> GroupDecl {
        let span = self.span(&p);
        let (id, label, modifiers, members) = self.container(p, span, true);
        GroupDecl {
            id,
            label,
            modifiers,
            members,
            span,
        }
    }

    /// A group, list (`nests`: its members are one level deeper) or block.
    fn container(
        &mut self,
        p: P,
        span: Span,
        nests: bool,
    ) -> (Ident, Label, Vec<Modifier>, Vec<Member>) {
        let mut id = None;
        let mut label = None;
        let mut modifiers = Vec::new();
        let mut members = Vec::new();
        let saved = self.member_level;
        let inner = saved + usize::from(nests);
        let too_deep = inner > MAX_MEMBER_NESTING;
        self.member_level = inner;
        for c in p.into_inner() {
            if too_deep && !matches!(c.as_rule(), Rule::ident | Rule::label) {
                continue;
            }
            match c.as_rule() {
                Rule::k_group | Rule::k_list | Rule::k_block | Rule::list_bounds => {}
                Rule::ident if id.is_none() => id = Some(self.ident(c)),
                Rule::label if label.is_none() => label = Some(self.label(c)),
                Rule::optional_mod | Rule::required_when | Rule::visible_when | Rule::help => {
                    modifiers.extend(self.modifier(c))
                }
                _ => members.extend(self.members(std::iter::once(c))),
            }
        }
        self.member_level = saved;
        if too_deep {
            let at = id.as_ref().map_or(span, |i: &Ident| i.span);
            self.too_deep(Nested::Members, at);
        }
        (
            id.unwrap_or_else(|| self.missing_ident(span)),
            label.unwrap_or_else(|| self.missing_label(span)),
            modifiers,
            members,
        )
    }

    fn list(&mut self, p: P) -> ListDecl {
        let span = self.span(&p);
        let mut min = None;
        let mut max = None;
        if let Some(bounds) = p
            .clone()
            .into_inner()
            .find(|c| c.as_rule() == Rule::list_bounds)
        {
            let mut key = Rule::k_min;
            for b in bounds.into_inner() {
                match b.as_rule() {
                    Rule::k_min | Rule::k_max => key = b.as_rule(),
                    Rule::int => {
                        let v = (self.uint(&b), self.span(&b));
                        if key == Rule::k_min {
                            min = Some(v)
                        } else {
                            max = Some(v)
                        }
                    }
                    _ => {}
                }
            }
        }
        let (id, label, modifiers, members) = self.container(p, span, true);
        ListDecl {
            id,
            label,
            min,
            max,
            modifiers,
            members,
            span,
        }
    }

    fn use_decl(&mut self, p: P) -> UseDecl {
        let span = self.span(&p);
        let mut ids = Vec::new();
        let mut modifiers = Vec::new();
        for c in p.into_inner() {
            match c.as_rule() {
                Rule::ident => ids.push(self.ident(c)),
                Rule::k_use | Rule::k_as => {}
                _ => modifiers.extend(self.modifier(c)),
            }
        }
        let mut ids = ids.into_iter();
        let block = ids.next().unwrap_or_else(|| self.missing_ident(span));
        UseDecl {
            block,
            alias: ids.next(),
            modifiers,
            span,
        }
    }

    fn rule(&mut self, p: P) -> RuleDecl {
        let span = self.span(&p);
        let mut name = None;
        let mut warning = None;
        let mut items = Vec::new();
        for c in p.into_inner() {
            let cspan = self.span(&c);
            match c.as_rule() {
                Rule::ident => name = Some(self.ident(c)),
                Rule::rule_severity => warning = Some(cspan),
                Rule::rule_when => {
                    items.extend(self.expr_child(c).map(|e| RuleItem::When(e, cspan)))
                }
                Rule::rule_check => {
                    items.extend(self.expr_child(c).map(|e| RuleItem::Check(e, cspan)))
                }
                Rule::rule_at => {
                    let path = c
                        .into_inner()
                        .filter(|x| x.as_rule() == Rule::ref_path)
                        .flat_map(|x| x.into_inner())
                        .map(|x| self.ident(x))
                        .collect();
                    items.push(RuleItem::At(path, cspan));
                }
                Rule::rule_message => {
                    if let Some(l) = c.into_inner().find(|x| x.as_rule() == Rule::label) {
                        items.push(RuleItem::Message(self.label(l), cspan));
                    }
                }
                Rule::rule_basis => {
                    if let Some(s) = c.into_inner().find(|x| x.as_rule() == Rule::string) {
                        items.push(RuleItem::Basis(self.string(s), cspan));
                    }
                }
                _ => {}
            }
        }
        RuleDecl {
            name: name.unwrap_or_else(|| self.missing_ident(span)),
            warning,
            items,
            span,
        }
    }

    fn compute(&mut self, p: P) -> ComputeDecl {
        let span = self.span(&p);
        let mut name = None;
        let mut label = None;
        let mut expr = None;
        let mut when = None;
        for c in p.into_inner() {
            match c.as_rule() {
                Rule::ident => name = Some(self.ident(c)),
                Rule::label => label = Some(self.label(c)),
                Rule::expr => expr = Some(self.expr(c)),
                Rule::compute_when => when = self.expr_child(c),
                _ => {}
            }
        }
        ComputeDecl {
            name: name.unwrap_or_else(|| self.missing_ident(span)),
            label: label.unwrap_or_else(|| self.missing_label(span)),
            expr: expr.unwrap_or_else(|| self.mismatch(span)),
            when,
            span,
        }
    }

    fn let_decl(&mut self, p: P) -> LetDecl {
        let span = self.span(&p);
        let mut name = None;
        let mut expr = None;
        for c in p.into_inner() {
            match c.as_rule() {
                Rule::ident => name = Some(self.ident(c)),
                Rule::expr => expr = Some(self.expr(c)),
                _ => {}
            }
        }
        LetDecl {
            name: name.unwrap_or_else(|| self.missing_ident(span)),
            expr: expr.unwrap_or_else(|| self.mismatch(span)),
            span,
        }
    }

    fn attachment(&mut self, p: P) -> AttachmentDecl {
        let span = self.span(&p);
        let mut id = None;
        let mut label = None;
        let mut items = Vec::new();
        for c in p.into_inner() {
            let cspan = self.span(&c);
            match c.as_rule() {
                Rule::ident => id = Some(self.ident(c)),
                Rule::label => label = Some(self.label(c)),
                Rule::accept => {
                    let ids = c
                        .into_inner()
                        .filter(|x| x.as_rule() == Rule::ident)
                        .map(|x| self.ident(x))
                        .collect();
                    items.push(AttachmentItem::Accept(ids, cspan));
                }
                Rule::max_size => {
                    if let Some(size) = c.into_inner().find(|x| x.as_rule() == Rule::size) {
                        let mut parts = size.into_inner();
                        let value = parts.next().map(|n| self.uint(&n)).unwrap_or(0);
                        let unit = parts
                            .next()
                            .map(|u| u.as_str().to_string())
                            .unwrap_or_default();
                        items.push(AttachmentItem::MaxSize {
                            value,
                            unit,
                            span: cspan,
                        });
                    }
                }
                Rule::max_count => {
                    let n = c
                        .into_inner()
                        .find(|x| x.as_rule() == Rule::int)
                        .map(|n| self.uint(&n))
                        .unwrap_or(0);
                    items.push(AttachmentItem::MaxCount(n, cspan));
                }
                Rule::att_required => {
                    items.push(AttachmentItem::Required(self.expr_child(c), cspan))
                }
                Rule::att_optional => items.push(AttachmentItem::Optional(cspan)),
                Rule::help => {
                    if let Some(l) = c.into_inner().find(|x| x.as_rule() == Rule::label) {
                        items.push(AttachmentItem::Help(self.label(l)));
                    }
                }
                _ => {}
            }
        }
        AttachmentDecl {
            id: id.unwrap_or_else(|| self.missing_ident(span)),
            label: label.unwrap_or_else(|| self.missing_label(span)),
            items,
            span,
        }
    }

    fn block(&mut self, p: P) -> BlockDecl {
        let span = self.span(&p);
        let (id, label, _modifiers, members) = self.container(p, span, false);
        BlockDecl {
            id,
            label,
            members,
            span,
        }
    }

    fn enum_decl(&mut self, p: P) -> EnumDecl {
        let span = self.span(&p);
        let mut id = None;
        let mut options = Vec::new();
        for c in p.into_inner() {
            match c.as_rule() {
                Rule::ident => id = Some(self.ident(c)),
                Rule::options => options = self.options(c),
                _ => {}
            }
        }
        EnumDecl {
            id: id.unwrap_or_else(|| self.missing_ident(span)),
            options,
            span,
        }
    }

    fn param(&mut self, p: P) -> ParamDecl {
        let span = self.span(&p);
        let mut idents = Vec::new();
        let mut label = None;
        let mut periods = Vec::new();
        for c in p.into_inner() {
            match c.as_rule() {
                Rule::ident => idents.push(self.ident(c)),
                Rule::label => label = Some(self.label(c)),
                Rule::param_period => periods.extend(self.param_period(c)),
                _ => {}
            }
        }
        let mut idents = idents.into_iter();
        let id = idents.next().unwrap_or_else(|| self.missing_ident(span));
        let ty = idents.next().unwrap_or_else(|| self.missing_ident(span));
        ParamDecl {
            id,
            label: label.unwrap_or_else(|| self.missing_label(span)),
            ty,
            by: idents.next(),
            periods,
            span,
        }
    }

    fn param_period(&mut self, p: P) -> Option<ParamPeriodDecl> {
        let span = self.span(&p);
        let mut from = None;
        let mut value = None;
        let mut note = None;
        for c in p.into_inner() {
            match c.as_rule() {
                Rule::date => from = Some(self.date(c)),
                Rule::param_value => {
                    let Some(v) = c.into_inner().next() else {
                        continue;
                    };
                    value = Some(if v.as_rule() == Rule::keyed_values {
                        ParamValueDecl::Keyed(
                            v.into_inner()
                                .map(|kv| {
                                    let kspan = self.span(&kv);
                                    let mut parts = kv.into_inner();
                                    let key = parts.next().map(|k| self.ident(k));
                                    let key = key.unwrap_or_else(|| self.missing_ident(kspan));
                                    let lit = parts.next().map(|l| self.literal(l));
                                    (key, lit.unwrap_or_else(|| self.mismatch(kspan)))
                                })
                                .collect(),
                        )
                    } else {
                        ParamValueDecl::Single(self.literal(v))
                    });
                }
                Rule::string => note = Some(self.string(c)),
                _ => {}
            }
        }
        let (Some(from), Some(value)) = (from, value) else {
            self.internal(span, "a date and a value");
            return None;
        };
        Some(ParamPeriodDecl {
            from,
            value,
            note,
            span,
        })
    }

    fn fn_decl(&mut self, p: P) -> FnDecl {
        let span = self.span(&p);
        let mut id = None;
        let mut params = Vec::new();
        let mut body = None;
        for c in p.into_inner() {
            match c.as_rule() {
                Rule::ident => id = Some(self.ident(c)),
                Rule::fn_param => {
                    let pspan = self.span(&c);
                    let mut parts = c.into_inner();
                    let name = parts.next().map(|n| self.ident(n));
                    let name = name.unwrap_or_else(|| self.missing_ident(pspan));
                    let ty = parts.next().map(|t| self.ident(t));
                    let ty = ty.unwrap_or_else(|| self.missing_ident(pspan));
                    params.push((name, ty));
                }
                Rule::expr => body = Some(self.expr(c)),
                _ => {}
            }
        }
        FnDecl {
            id: id.unwrap_or_else(|| self.missing_ident(span)),
            params,
            body: body.unwrap_or_else(|| self.mismatch(span)),
            span,
        }
    }

    // ------------------------------------------------------------ expressions

    fn expr(&mut self, p: P) -> Expr {
        // Rules that only pass their one operand on (`a` alone is an
        // `or_expr` of an `and_expr` of …) are skipped in a loop: recursing
        // through them would cost ten frames per level of nesting.
        let p = skip_wrappers(p);
        match p.as_rule() {
            Rule::or_expr | Rule::and_expr | Rule::add_expr | Rule::mul_expr => {
                self.binary_chain(p)
            }
            Rule::not_expr | Rule::unary => self.unary(p),
            Rule::cmp_expr => self.cmp(p),
            Rule::postfix => self.postfix(p),
            Rule::if_expr => self.if_expr(p),
            Rule::call => self.call(p),
            Rule::today => Expr {
                kind: ExprKind::Today,
                span: self.span(&p),
            },
            Rule::ident => Expr {
                kind: ExprKind::Name(self.ident(p.clone())),
                span: self.span(&p),
            },
            Rule::literal => self.literal(p),
            _ => {
                let span = self.span(&p);
                self.mismatch(span)
            }
        }
    }

    /// `not x` or `-x`.
    fn unary(&mut self, p: P) -> Expr {
        let span = self.span(&p);
        let mut inner = p.into_inner();
        let op = match inner.next() {
            Some(first) if first.as_rule() == Rule::op_not => UnaryOp::Not,
            Some(first) if first.as_rule() == Rule::neg => UnaryOp::Neg,
            Some(first) => return self.expr(first),
            None => return self.mismatch(span),
        };
        let arg = match inner.next() {
            Some(a) => self.deeper(1, &a.clone(), |me| me.expr(a)),
            None => self.mismatch(span),
        };
        Expr {
            kind: ExprKind::Unary(op, Box::new(arg)),
            span,
        }
    }

    fn if_expr(&mut self, p: P) -> Expr {
        let span = self.span(&p);
        let parts: Vec<Expr> = p
            .into_inner()
            .map(|c| self.deeper(1, &c.clone(), |me| me.expr(c)))
            .collect();
        let mut parts = parts.into_iter();
        let c = parts.next().unwrap_or_else(|| self.mismatch(span));
        let t = parts.next().unwrap_or_else(|| self.mismatch(span));
        let f = parts.next().unwrap_or_else(|| self.mismatch(span));
        Expr {
            kind: ExprKind::If(Box::new(c), Box::new(t), Box::new(f)),
            span,
        }
    }

    fn call(&mut self, p: P) -> Expr {
        let span = self.span(&p);
        let mut parts = p.into_inner();
        let name = parts
            .next()
            .map(|n| self.ident(n))
            .unwrap_or_else(|| self.missing_ident(span));
        let args = parts
            .map(|a| self.deeper(1, &a.clone(), |me| me.expr(a)))
            .collect();
        Expr {
            kind: ExprKind::Call(name, args),
            span,
        }
    }

    /// `primary.member.member…`: the primary sits one level below each
    /// member access, and a parenthesized expression is one level deeper.
    fn postfix(&mut self, p: P) -> Expr {
        let span = self.span(&p);
        let mut inner = p.into_inner();
        let Some(first) = inner.next() else {
            return self.mismatch(span);
        };
        let members: Vec<P> = inner.collect();
        let paren = usize::from(first.as_rule() == Rule::expr);
        let mut e = self.deeper(members.len() + paren, &first.clone(), |me| me.expr(first));
        // The postfix span includes the parentheses of `( expr )`.
        e.span = e.span.to(span);
        if e.span.end > span.end {
            e.span.end = span.end;
        }
        for m in members {
            let member = self.ident(m);
            let s = e.span.to(member.span);
            e = Expr {
                kind: ExprKind::Member(Box::new(e), member),
                span: s,
            };
        }
        e
    }

    /// `a op b op c …`, left-associative: with n operators the outermost
    /// node is at the current level and the first operand n levels deeper.
    fn binary_chain(&mut self, p: P) -> Expr {
        let span = self.span(&p);
        let mut inner = p.into_inner();
        let Some(first) = inner.next() else {
            return self.mismatch(span);
        };
        let mut rest = Vec::new();
        while let (Some(op), Some(rhs)) = (inner.next(), inner.next()) {
            rest.push((op, rhs));
        }
        let n = rest.len();
        if let Some(k) = (self.level + n).checked_sub(MAX_EXPR_NESTING)
            && k > 0
        {
            // The k-th operator's operands are the first past the limit.
            let at = rest.get(k - 1).map_or(span, |(op, _)| self.first_token(op));
            self.too_deep(Nested::Expr, at);
            return placeholder(span);
        }
        let mut lhs = self.deeper(n, &first.clone(), |me| me.expr(first));
        for (j, (op, rhs)) in rest.into_iter().enumerate() {
            let op = match (op.as_rule(), op.as_str()) {
                (Rule::op_or, _) => BinaryOp::Or,
                (Rule::op_and, _) => BinaryOp::And,
                (_, "+") => BinaryOp::Add,
                (_, "-") => BinaryOp::Sub,
                (_, "*") => BinaryOp::Mul,
                _ => BinaryOp::Div,
            };
            let rhs = self.deeper(n - j, &rhs.clone(), |me| me.expr(rhs));
            let s = lhs.span.to(rhs.span);
            lhs = Expr {
                kind: ExprKind::Binary(op, Box::new(lhs), Box::new(rhs)),
                span: s,
            };
        }
        lhs
    }

    fn cmp(&mut self, p: P) -> Expr {
        let span = self.span(&p);
        let mut inner = p.into_inner();
        let Some(first) = inner.next() else {
            return self.mismatch(span);
        };
        let Some(op) = inner.next() else {
            return self.expr(first);
        };
        let lhs = self.deeper(1, &first.clone(), |me| me.expr(first));
        if op.as_rule() == Rule::in_op {
            let negated = op.as_str().starts_with("not");
            let set = inner
                .map(|e| self.deeper(1, &e.clone(), |me| me.expr(e)))
                .collect();
            return Expr {
                kind: ExprKind::In {
                    value: Box::new(lhs),
                    set,
                    negated,
                },
                span,
            };
        }
        let op = match op.as_str() {
            "==" => BinaryOp::Eq,
            "!=" => BinaryOp::Ne,
            "<=" => BinaryOp::Le,
            ">=" => BinaryOp::Ge,
            "<" => BinaryOp::Lt,
            _ => BinaryOp::Gt,
        };
        let rhs = match inner.next() {
            Some(r) => self.deeper(1, &r.clone(), |me| me.expr(r)),
            None => self.mismatch(span),
        };
        Expr {
            kind: ExprKind::Binary(op, Box::new(lhs), Box::new(rhs)),
            span,
        }
    }

    fn literal(&mut self, p: P) -> Expr {
        let span = self.span(&p);
        let inner = if p.as_rule() == Rule::literal {
            p.into_inner().next()
        } else {
            Some(p)
        };
        let Some(l) = inner else {
            return self.mismatch(span);
        };
        let lit = match l.as_rule() {
            Rule::date => Lit::Date(l.as_str().to_string()),
            Rule::yen => {
                let n = l
                    .clone()
                    .into_inner()
                    .next()
                    .map(|n| self.int(&n))
                    .unwrap_or(0);
                Lit::Yen(n)
            }
            Rule::duration => {
                let mut parts = l.into_inner();
                let n = parts.next().map(|n| self.int(&n)).unwrap_or(0);
                let unit = match parts.next().map(|u| u.as_str().to_string()).as_deref() {
                    Some("day" | "days") => DurationUnit::Days,
                    Some("month" | "months") => DurationUnit::Months,
                    _ => DurationUnit::Years,
                };
                Lit::Duration(n, unit)
            }
            Rule::decimal => Lit::Decimal(l.as_str().to_string()),
            Rule::int => Lit::Int(self.int(&l)),
            Rule::string => Lit::Str(self.string(l)),
            Rule::boolean => Lit::Bool(l.as_str() == "true"),
            _ => return self.mismatch(span),
        };
        Expr {
            kind: ExprKind::Lit(lit),
            span,
        }
    }
}

/// The first pair under `p` that builds something: pass-through rules (an
/// expression of one operand and no operator) are skipped.
fn skip_wrappers(mut p: P) -> P {
    loop {
        let mut inner = p.clone().into_inner();
        let (Some(first), alone) = (inner.next(), inner.next().is_none()) else {
            return p;
        };
        let pass_through = match p.as_rule() {
            Rule::expr => true,
            Rule::or_expr | Rule::and_expr | Rule::add_expr | Rule::mul_expr | Rule::cmp_expr => {
                alone
            }
            Rule::not_expr | Rule::unary => !matches!(first.as_rule(), Rule::op_not | Rule::neg),
            // `(x)` is a level of its own; `x` alone is not.
            Rule::postfix => alone && first.as_rule() != Rule::expr,
            _ => false,
        };
        if !pass_through {
            return p;
        }
        p = first;
    }
}

/// Stands in for an expression that could not be built; the parser has
/// always reported why (nesting too deep, or an internal error), so a form
/// holding one never compiles.
fn placeholder(span: Span) -> Expr {
    Expr {
        kind: ExprKind::Lit(Lit::Bool(true)),
        span,
    }
}

/// Length of `text` without trailing whitespace and `#` comments.
fn content_len(text: &str) -> usize {
    let mut end = text.len();
    loop {
        let trimmed = text[..end].trim_end_matches([' ', '\t', '\r', '\n', '\u{3000}']);
        end = trimmed.len();
        // A trailing comment: a `#` on the last line that is outside a string.
        let line_start = trimmed.rfind('\n').map_or(0, |i| i + 1);
        match comment_start(&trimmed[line_start..]) {
            Some(i) => end = line_start + i,
            None => return end,
        }
    }
}

fn comment_start(line: &str) -> Option<usize> {
    let mut in_string = false;
    let mut escaped = false;
    for (i, c) in line.char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' if in_string => escaped = true,
            '"' => in_string = !in_string,
            '#' if !in_string => return Some(i),
            _ => {}
        }
    }
    None
}

#[cfg(test)]
#[expect(clippy::unwrap_used, reason = "tests may panic")]
mod tests {
    use super::*;

    fn ctx() -> Ctx {
        Ctx {
            file: FileId(0),
            errors: Vec::new(),
            level: 1,
            member_level: 1,
        }
    }

    /// A tree the expression builder does not expect (here a string's body
    /// where an expression should be) is an internal error, never `true`.
    #[test]
    fn a_grammar_ast_mismatch_is_an_internal_error_not_true() {
        let pair = FormParser::parse(Rule::string_body, "abc")
            .unwrap()
            .next()
            .unwrap();
        let mut ctx = ctx();
        let _ = ctx.expr(pair);
        assert_eq!(ctx.errors.len(), 1);
        assert_eq!(ctx.errors[0].code, DiagnosticCode::Internal);
        assert!(ctx.errors[0].message.starts_with("internal error"));
    }

    /// Names and labels the grammar requires, missing from the tree (here a
    /// bare identifier's pair, which has no children), are internal errors
    /// too, never silently empty.
    #[test]
    fn a_missing_name_is_an_internal_error() {
        let pair = || FormParser::parse(Rule::ident, "x").unwrap().next().unwrap();
        let mut ctx = ctx();
        let field = ctx.field(pair());
        assert_eq!(field.id.name, "");
        let what: Vec<&str> = ctx.errors.iter().map(|e| e.message.as_str()).collect();
        assert_eq!(
            what,
            [
                "internal error: the parser expected a name here",
                "internal error: the parser expected a label here",
                "internal error: the parser expected a name here",
            ],
            "the field's name, its label and its type's name"
        );
        assert!(
            ctx.errors
                .iter()
                .all(|e| e.code == DiagnosticCode::Internal)
        );

        let mut ctx = self::ctx();
        let _ = ctx.call(pair());
        assert_eq!(ctx.errors.len(), 1, "a call's function name");

        let mut ctx = self::ctx();
        assert!(ctx.param_period(pair()).is_none());
        assert_eq!(ctx.errors.len(), 1, "a param period without date and value");
    }

    /// Names the grammar makes optional stay optional: no diagnostic when
    /// they are absent.
    #[test]
    fn optional_names_are_not_errors() {
        let mut ctx = ctx();
        let pair = FormParser::parse(Rule::use_decl, "use address")
            .unwrap()
            .next()
            .unwrap();
        let u = ctx.use_decl(pair);
        assert_eq!(
            (u.block.name.as_str(), u.alias.is_none()),
            ("address", true)
        );
        let pair = FormParser::parse(Rule::param, r#"param rate "率": int { from 2026-01-01 3 }"#)
            .unwrap()
            .next()
            .unwrap();
        let p = ctx.param(pair);
        assert_eq!((p.id.name.as_str(), p.by.is_none()), ("rate", true));
        assert_eq!(p.periods.len(), 1);
        assert!(ctx.errors.is_empty(), "{:?}", ctx.errors);
    }

    /// A migration's parts the grammar requires — the version it migrates
    /// from, a statement of a kind the parser knows — missing or unknown in
    /// the tree are internal errors, never a migration without them.
    #[test]
    fn a_migration_the_parser_does_not_understand_is_an_internal_error() {
        // `migrate`'s tree with a string where its statements are (a
        // label's pair: two strings, no `from` keyword, no statements).
        let pair = FormParser::parse(Rule::ident, "x").unwrap().next().unwrap();
        let mut ctx = ctx();
        let m = ctx.migrate(pair);
        assert_eq!(m.from, "");
        assert_eq!(
            ctx.errors
                .iter()
                .map(|e| e.message.as_str())
                .collect::<Vec<_>>(),
            ["internal error: the parser expected the version migrated from here"]
        );
        // A statement of another kind (an expression) where statements are.
        let pair = FormParser::parse(Rule::param, r#"param rate "率": int { from 2026-01-01 3 }"#)
            .unwrap()
            .next()
            .unwrap();
        let mut ctx = self::ctx();
        let _ = ctx.migrate(pair);
        assert!(
            ctx.errors
                .iter()
                .any(|e| e.message
                    == "internal error: the parser expected a migration statement here"),
            "{:?}",
            ctx.errors
        );
        assert!(
            ctx.errors
                .iter()
                .all(|e| e.code == DiagnosticCode::Internal)
        );
        // A well-formed migration: no diagnostic.
        let pair = FormParser::parse(
            Rule::migrate,
            r#"migrate from "2026.1" { rename a -> b  choice k { x -> y, remove z "選び直し" } }"#,
        )
        .unwrap()
        .next()
        .unwrap();
        let mut ctx = self::ctx();
        let m = ctx.migrate(pair);
        assert_eq!((m.from.as_str(), m.items.len()), ("2026.1", 2));
        assert!(ctx.errors.is_empty(), "{:?}", ctx.errors);
    }

    #[test]
    fn a_missing_operand_is_an_internal_error() {
        // An `if` whose tree has no parts at all (an identifier's pair).
        let pair = FormParser::parse(Rule::ident, "x").unwrap().next().unwrap();
        let mut ctx = ctx();
        let _ = ctx.if_expr(pair);
        assert_eq!(ctx.errors.len(), 3, "condition, then and else");
        assert!(
            ctx.errors
                .iter()
                .all(|e| e.code == DiagnosticCode::Internal)
        );
    }
}
