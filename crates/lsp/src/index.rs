//! Every declaration of a set of sources and every place a name refers to
//! one. Names in expressions and `at` come from the checker
//! ([`shinsei_check::Reference`]), so they resolve exactly as `check` does;
//! the rest — calls of params, fns and built-ins, `use`d blocks, enum types,
//! a fn's parameters in its body, `qualification.*` — are read off the syntax.

use std::collections::HashMap;

use shinsei_check::Reference;
use shinsei_syntax::Span;
use shinsei_syntax::ast::{Label, TypeExpr};

/// What a declaration is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DeclKind {
    /// `form`
    Form,
    /// `block`
    Block,
    /// `enum`
    Enum,
    /// `param`
    Param,
    /// `fn`
    Fn,
    /// A parameter of a `fn`.
    FnParam,
    /// `field`
    Field,
    /// `group`, or `use … as x`
    Group,
    /// `list`
    List,
    /// `let`
    Let,
    /// `compute`
    Compute,
    /// `rule`
    Rule,
    /// `attachment`
    Attachment,
}

impl DeclKind {
    /// The keyword that declares it.
    pub fn keyword(self) -> &'static str {
        match self {
            DeclKind::Form => "form",
            DeclKind::Block => "block",
            DeclKind::Enum => "enum",
            DeclKind::Param => "param",
            DeclKind::Fn => "fn",
            DeclKind::FnParam => "parameter",
            DeclKind::Field => "field",
            DeclKind::Group => "group",
            DeclKind::List => "list",
            DeclKind::Let => "let",
            DeclKind::Compute => "compute",
            DeclKind::Rule => "rule",
            DeclKind::Attachment => "attachment",
        }
    }

    /// Whether it holds data of the submission (a JSON key).
    pub fn is_data(self) -> bool {
        matches!(self, DeclKind::Field | DeclKind::Group | DeclKind::List)
    }
}

/// One declaration.
#[derive(Clone, Debug)]
pub struct Decl {
    /// What it is.
    pub kind: DeclKind,
    /// Its name.
    pub name: String,
    /// The identifier.
    pub span: Span,
    /// The whole declaration.
    pub whole: Span,
    /// The enclosing form, block, group or list (or fn, for a parameter).
    pub parent: Option<usize>,
    /// Its label, if it has one.
    pub label: Option<Label>,
    /// More, by kind.
    pub detail: Detail,
}

/// What a declaration says beyond its name and label.
#[derive(Clone, Debug, Default)]
pub enum Detail {
    /// Nothing more.
    #[default]
    None,
    /// A field: its type as written, conditions and help.
    Field {
        /// The type.
        ty: String,
        /// `optional`.
        optional: bool,
        /// `when …`
        when: Option<String>,
        /// `required when …`
        required_when: Option<String>,
        /// `help "…"`
        help: Option<String>,
    },
    /// A group, list or `use … as`: its conditions; a list's bounds; the
    /// block it is, for `use`.
    Container {
        /// `when …`
        when: Option<String>,
        /// `min N max M`
        bounds: Option<String>,
        /// The block, for `use … as`.
        block: Option<String>,
    },
    /// A rule.
    Rule {
        /// `warning`.
        warning: bool,
        /// Its message.
        message: Option<Label>,
        /// `when`/`check` as written.
        source: String,
    },
    /// A `let` or `compute`: the expression as written.
    Expr(String),
    /// A param: value type, key enum, periods as written.
    Param {
        /// `yen`, `rate`, …
        ty: String,
        /// `by` enum.
        by: Option<String>,
        /// `from DATE value note` lines.
        periods: Vec<String>,
    },
    /// A fn: `fn name(a: date, …)` and its body as written.
    Fn {
        /// The head.
        head: String,
        /// The body.
        body: String,
    },
    /// A fn parameter's type.
    FnParam(String),
    /// An enum's options.
    Enum(Vec<(String, Label)>),
    /// A form's version.
    Form(String),
}

/// What a name refers to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Target {
    /// A declaration (index into [`Index::decls`]).
    Decl(usize),
    /// A built-in function or aggregate.
    Builtin(String),
    /// `qualification.<field>`.
    Qual(shinsei_ir::QualField),
    /// `applicant.role`.
    Role,
}

/// A place a name is written.
#[derive(Clone, Debug)]
pub struct Occurrence {
    /// Where.
    pub span: Span,
    /// What it names.
    pub target: Target,
    /// It is the declaration itself.
    pub is_decl: bool,
}

/// Declarations and occurrences of a set of sources.
#[derive(Debug, Default)]
pub struct Index {
    /// Every declaration.
    pub decls: Vec<Decl>,
    /// Every occurrence, sorted by position.
    pub occurrences: Vec<Occurrence>,
    /// `use block` without `as`: (the form, block, group or list it is in,
    /// the block), whose members are spliced in there.
    pub splices: Vec<(usize, String)>,
    by_span: HashMap<Span, usize>,
    types: HashMap<usize, String>,
}

impl Index {
    pub(crate) fn push_decl(&mut self, d: Decl) -> usize {
        let i = self.decls.len();
        self.by_span.insert(d.span, i);
        self.occurrences.push(Occurrence {
            span: d.span,
            target: Target::Decl(i),
            is_decl: true,
        });
        self.decls.push(d);
        i
    }

    pub(crate) fn push_use(&mut self, span: Span, target: Target) {
        self.occurrences.push(Occurrence {
            span,
            target,
            is_decl: false,
        });
    }

    /// The declaration whose identifier is at `span`.
    pub fn decl_at(&self, span: Span) -> Option<usize> {
        self.by_span.get(&span).copied()
    }

    /// Adds the checker's references and sorts the occurrences.
    pub(crate) fn finish(&mut self, refs: &[Reference]) {
        for r in refs {
            let Some(&d) = self.by_span.get(&r.target) else {
                continue;
            };
            if let Some(ty) = &r.ty {
                self.types.entry(d).or_insert_with(|| ty.clone());
            }
            if self.by_span.contains_key(&r.span) {
                continue;
            }
            self.push_use(r.span, Target::Decl(d));
        }
        self.occurrences
            .sort_by_key(|o| (o.span.file, o.span.start, o.span.end, !o.is_decl));
        self.occurrences
            .dedup_by(|a, b| a.span == b.span && a.target == b.target);
    }

    /// The occurrence at byte `offset` of `file` (touching its end counts,
    /// so the cursor right after a name finds it).
    pub fn at(&self, file: shinsei_syntax::FileId, offset: usize) -> Option<&Occurrence> {
        let offset = u32::try_from(offset).unwrap_or(u32::MAX);
        self.occurrences
            .iter()
            .filter(|o| o.span.file == file && o.span.start <= offset && offset <= o.span.end)
            .min_by_key(|o| o.span.end - o.span.start)
    }

    /// Every occurrence of `target`, the declaration first.
    pub fn occurrences_of<'a>(
        &'a self,
        target: &'a Target,
    ) -> impl Iterator<Item = &'a Occurrence> {
        self.occurrences.iter().filter(move |o| &o.target == target)
    }

    /// The type the checker gave a declaration where it was used.
    pub fn type_of(&self, decl: usize) -> Option<&str> {
        self.types.get(&decl).map(String::as_str)
    }

    /// The chain of enclosing declarations, innermost first.
    pub fn ancestors(&self, decl: usize) -> impl Iterator<Item = usize> + '_ {
        std::iter::successors(self.decls.get(decl).and_then(|d| d.parent), |&p| {
            self.decls.get(p).and_then(|d| d.parent)
        })
    }

    /// The declarations directly inside `parent`.
    pub fn children(&self, parent: usize) -> impl Iterator<Item = usize> + '_ {
        (0..self.decls.len()).filter(move |&i| self.decls[i].parent == Some(parent))
    }

    /// The declarations named `name` of kind `kind` (globals: params, fns, …).
    pub fn named(&self, kind: DeclKind, name: &str) -> Option<usize> {
        self.decls
            .iter()
            .position(|d| d.kind == kind && d.name == name)
    }
}

/// The path of a data declaration under the submission's `fields` (`*` for
/// the items of a list), when it is in a form (a block's depends on where
/// it is used).
pub fn field_pattern(ix: &Index, i: usize) -> Option<Vec<String>> {
    let mut cur = ix.decls.get(i)?;
    let mut segments = vec![cur.name.clone()];
    loop {
        let parent = ix.decls.get(cur.parent?)?;
        match parent.kind {
            DeclKind::Form => break,
            DeclKind::Group => segments.push(parent.name.clone()),
            DeclKind::List => {
                segments.push("*".into());
                segments.push(parent.name.clone());
            }
            _ => return None,
        }
        cur = parent;
    }
    segments.reverse();
    Some(segments)
}

/// A type expression as a short text (`text(max 100)`, `choice`, `multi`).
pub(crate) fn type_text(src: &str, ty: &TypeExpr) -> String {
    match ty {
        TypeExpr::Named { span, .. } => src
            .get(span.start as usize..span.end as usize)
            .unwrap_or("")
            .to_string(),
        TypeExpr::Choice { options, .. } => format!(
            "choice {{ {} }}",
            options
                .iter()
                .map(|o| o.key.name.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ),
        TypeExpr::Multi { options, .. } => format!(
            "multi {{ {} }}",
            options
                .iter()
                .map(|o| o.key.name.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}
