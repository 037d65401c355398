//! Builds the [`Index`] from the syntax trees: declarations first (all
//! files), then the names the syntax alone resolves (calls, `use`, enum
//! types, fn parameters, `qualification.*`), then the checker's references.

use std::collections::HashMap;

use shinsei_check::Reference;
use shinsei_syntax::Span;
use shinsei_syntax::ast::*;
use shinsei_syntax::visit::{Visit, walk_expr, walk_members};

use crate::index::{Decl, DeclKind, Detail, Index, Target, type_text};

/// One parsed file: its text and tree.
pub struct Parsed<'a> {
    /// The text.
    pub text: &'a str,
    /// The tree, if it parses.
    pub ast: Option<&'a File>,
}

/// The index of `files` (in `FileId` order) with the checker's `refs`.
pub fn index(files: &[Parsed], refs: &[Reference]) -> Index {
    let mut ix = Index::default();
    for f in files {
        if let Some(ast) = f.ast {
            Decls {
                ix: &mut ix,
                src: f.text,
            }
            .file(ast);
        }
    }
    let globals = Globals::of(&ix);
    for f in files {
        if let Some(ast) = f.ast {
            Uses {
                ix: &mut ix,
                g: &globals,
                fn_params: Vec::new(),
            }
            .file(ast);
        }
    }
    ix.finish(refs);
    ix
}

fn slice(src: &str, span: Span) -> String {
    src.get(span.start as usize..span.end as usize)
        .unwrap_or("")
        .to_string()
}

struct Decls<'i, 's> {
    ix: &'i mut Index,
    src: &'s str,
}

impl Decls<'_, '_> {
    fn decl(
        &mut self,
        kind: DeclKind,
        id: &Ident,
        whole: Span,
        parent: Option<usize>,
        label: Option<&Label>,
        detail: Detail,
    ) -> usize {
        self.ix.push_decl(Decl {
            kind,
            name: id.name.clone(),
            span: id.span,
            whole,
            parent,
            label: label.cloned(),
            detail,
        })
    }

    fn file(&mut self, f: &File) {
        for item in &f.items {
            match item {
                Item::Form(form) => {
                    let version = form.header.iter().find_map(|h| match h {
                        HeaderItem::Version(v, _) => Some(v.clone()),
                        _ => None,
                    });
                    let d = self.decl(
                        DeclKind::Form,
                        &form.id,
                        form.span,
                        None,
                        Some(&form.title),
                        Detail::Form(version.unwrap_or_default()),
                    );
                    self.members(&form.members, d);
                }
                Item::Block(b) => {
                    let d = self.decl(
                        DeclKind::Block,
                        &b.id,
                        b.span,
                        None,
                        Some(&b.label),
                        Detail::None,
                    );
                    self.members(&b.members, d);
                }
                Item::Enum(e) => {
                    let options = e
                        .options
                        .iter()
                        .map(|o| (o.key.name.clone(), o.label.clone()))
                        .collect();
                    self.decl(
                        DeclKind::Enum,
                        &e.id,
                        e.span,
                        None,
                        None,
                        Detail::Enum(options),
                    );
                }
                Item::Param(p) => {
                    let periods = p.periods.iter().map(|x| slice(self.src, x.span)).collect();
                    let detail = Detail::Param {
                        ty: p.ty.name.clone(),
                        by: p.by.as_ref().map(|b| b.name.clone()),
                        periods,
                    };
                    self.decl(DeclKind::Param, &p.id, p.span, None, Some(&p.label), detail);
                }
                Item::Fn(func) => {
                    let head_end = func.body.span.start.max(func.span.start);
                    let head = slice(
                        self.src,
                        Span {
                            end: head_end,
                            ..func.span
                        },
                    );
                    let head = head.trim_end().trim_end_matches('=').trim_end().to_string();
                    let detail = Detail::Fn {
                        head,
                        body: slice(self.src, func.body.span),
                    };
                    let d = self.decl(DeclKind::Fn, &func.id, func.span, None, None, detail);
                    for (name, ty) in &func.params {
                        let whole = name.span.to(ty.span);
                        self.decl(
                            DeclKind::FnParam,
                            name,
                            whole,
                            Some(d),
                            None,
                            Detail::FnParam(ty.name.clone()),
                        );
                    }
                }
            }
        }
    }

    fn members(&mut self, members: &[Member], parent: usize) {
        for m in members {
            match m {
                Member::Field(f) => {
                    let mut detail = Detail::Field {
                        ty: type_text(self.src, &f.ty),
                        optional: false,
                        when: None,
                        required_when: None,
                        help: None,
                    };
                    if let Detail::Field {
                        optional,
                        when,
                        required_when,
                        help,
                        ..
                    } = &mut detail
                    {
                        for m in &f.modifiers {
                            match m {
                                Modifier::Optional(_) => *optional = true,
                                Modifier::VisibleWhen(e, _) => {
                                    *when = Some(slice(self.src, e.span))
                                }
                                Modifier::RequiredWhen(e, _) => {
                                    *required_when = Some(slice(self.src, e.span))
                                }
                                Modifier::Help(l) => *help = Some(l.ja.clone()),
                            }
                        }
                    }
                    self.decl(
                        DeclKind::Field,
                        &f.id,
                        f.span,
                        Some(parent),
                        Some(&f.label),
                        detail,
                    );
                }
                Member::Group(g) => {
                    let detail = self.container(&g.modifiers, None, None);
                    let d = self.decl(
                        DeclKind::Group,
                        &g.id,
                        g.span,
                        Some(parent),
                        Some(&g.label),
                        detail,
                    );
                    self.members(&g.members, d);
                }
                Member::List(l) => {
                    let bounds = match (l.min, l.max) {
                        (None, None) => None,
                        (min, max) => Some(
                            [
                                min.map(|(n, _)| format!("min {n}")),
                                max.map(|(n, _)| format!("max {n}")),
                            ]
                            .into_iter()
                            .flatten()
                            .collect::<Vec<_>>()
                            .join(" "),
                        ),
                    };
                    let detail = self.container(&l.modifiers, bounds, None);
                    let d = self.decl(
                        DeclKind::List,
                        &l.id,
                        l.span,
                        Some(parent),
                        Some(&l.label),
                        detail,
                    );
                    self.members(&l.members, d);
                }
                Member::Use(u) => match &u.alias {
                    Some(alias) => {
                        let detail = self.container(&u.modifiers, None, Some(u.block.name.clone()));
                        self.decl(DeclKind::Group, alias, u.span, Some(parent), None, detail);
                    }
                    None => self.ix.splices.push((parent, u.block.name.clone())),
                },
                Member::Rule(r) => {
                    let mut source = Vec::new();
                    let mut message = None;
                    for item in &r.items {
                        match item {
                            RuleItem::When(e, _) => {
                                source.push(format!("when {}", slice(self.src, e.span)))
                            }
                            RuleItem::Check(e, _) => {
                                source.push(format!("check {}", slice(self.src, e.span)))
                            }
                            RuleItem::Message(l, _) => message = Some(l.clone()),
                            _ => {}
                        }
                    }
                    let detail = Detail::Rule {
                        warning: r.warning.is_some(),
                        message,
                        source: source.join("\n"),
                    };
                    self.decl(DeclKind::Rule, &r.name, r.span, Some(parent), None, detail);
                }
                Member::Compute(c) => {
                    let detail = Detail::Expr(slice(self.src, c.expr.span));
                    self.decl(
                        DeclKind::Compute,
                        &c.name,
                        c.span,
                        Some(parent),
                        Some(&c.label),
                        detail,
                    );
                }
                Member::Let(l) => {
                    let detail = Detail::Expr(slice(self.src, l.expr.span));
                    self.decl(DeclKind::Let, &l.name, l.span, Some(parent), None, detail);
                }
                Member::Attachment(a) => {
                    self.decl(
                        DeclKind::Attachment,
                        &a.id,
                        a.span,
                        Some(parent),
                        Some(&a.label),
                        Detail::None,
                    );
                }
            }
        }
    }

    fn container(
        &self,
        modifiers: &[Modifier],
        bounds: Option<String>,
        block: Option<String>,
    ) -> Detail {
        let when = modifiers.iter().find_map(|m| match m {
            Modifier::VisibleWhen(e, _) => Some(slice(self.src, e.span)),
            _ => None,
        });
        Detail::Container {
            when,
            bounds,
            block,
        }
    }
}

/// Global names (blocks, enums, params, fns) → declaration.
struct Globals {
    by_name: HashMap<(DeclKindKey, String), usize>,
}

#[derive(Clone, Copy, PartialEq, Eq, Hash)]
enum DeclKindKey {
    Block,
    Enum,
    Callable,
}

impl Globals {
    fn of(ix: &Index) -> Self {
        let mut by_name = HashMap::new();
        for (i, d) in ix.decls.iter().enumerate() {
            let key = match d.kind {
                DeclKind::Block => DeclKindKey::Block,
                DeclKind::Enum => DeclKindKey::Enum,
                DeclKind::Param | DeclKind::Fn => DeclKindKey::Callable,
                _ => continue,
            };
            by_name.entry((key, d.name.clone())).or_insert(i);
        }
        Globals { by_name }
    }

    fn get(&self, key: DeclKindKey, name: &str) -> Option<usize> {
        self.by_name.get(&(key, name.to_string())).copied()
    }
}

struct Uses<'i, 'g> {
    ix: &'i mut Index,
    g: &'g Globals,
    /// The parameters of the fn whose body is being walked.
    fn_params: Vec<(String, Span)>,
}

impl Uses<'_, '_> {
    fn file(&mut self, f: &File) {
        for item in &f.items {
            match item {
                Item::Form(form) => {
                    for h in &form.header {
                        if let HeaderItem::Qualification(items, _) = h {
                            for q in items {
                                if let Some(qf) = shinsei_ir::QualField::from_id(&q.name.name) {
                                    self.ix.push_use(q.name.span, Target::Qual(qf));
                                }
                            }
                        }
                    }
                    walk_members(self, &form.members);
                }
                Item::Block(b) => walk_members(self, &b.members),
                Item::Enum(_) => {}
                Item::Param(p) => {
                    if let Some(by) = &p.by {
                        self.global(by, DeclKindKey::Enum);
                    }
                }
                Item::Fn(func) => {
                    self.fn_params = func
                        .params
                        .iter()
                        .map(|(n, _)| (n.name.clone(), n.span))
                        .collect();
                    self.visit_expr(&func.body);
                    self.fn_params.clear();
                }
            }
        }
    }

    fn global(&mut self, id: &Ident, key: DeclKindKey) {
        if let Some(d) = self.g.get(key, &id.name) {
            self.ix.push_use(id.span, Target::Decl(d));
        }
    }
}

impl Visit for Uses<'_, '_> {
    fn visit_type_name(&mut self, name: &Ident) {
        self.global(name, DeclKindKey::Enum);
    }

    fn visit_use(&mut self, decl: &UseDecl) {
        self.global(&decl.block, DeclKindKey::Block);
    }

    fn visit_expr(&mut self, e: &Expr) {
        match &e.kind {
            ExprKind::Name(id) => {
                if let Some((_, span)) = self.fn_params.iter().find(|(n, _)| *n == id.name)
                    && let Some(d) = self.ix.decl_at(*span)
                {
                    self.ix.push_use(id.span, Target::Decl(d));
                }
            }
            ExprKind::Member(base, m) => {
                if let ExprKind::Name(root) = &base.kind
                    && !self.fn_params.iter().any(|(n, _)| *n == root.name)
                {
                    if root.name == "qualification"
                        && let Some(q) = shinsei_ir::QualField::from_id(&m.name)
                    {
                        self.ix.push_use(m.span, Target::Qual(q));
                    } else if root.name == "applicant" && m.name == "role" {
                        self.ix.push_use(m.span, Target::Role);
                    }
                }
            }
            ExprKind::Today => self.ix.push_use(e.span, Target::Builtin("today".into())),
            ExprKind::Call(f, _) => {
                if let Some(d) = self.g.get(DeclKindKey::Callable, &f.name) {
                    self.ix.push_use(f.span, Target::Decl(d));
                } else if shinsei_check::signature(&f.name).is_some() {
                    self.ix.push_use(f.span, Target::Builtin(f.name.clone()));
                }
            }
            _ => {}
        }
        walk_expr(self, e);
    }
}
