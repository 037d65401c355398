//! The scope tree of one form: the root, its groups and lists, with `use`d
//! blocks expanded. Data members get the indices the IR and runtime use.

use shinsei_ir::limits::MAX_FIELD_DEPTH;
use shinsei_ir::{FieldKind, FieldRef};
use shinsei_syntax::ast::{
    AttachmentDecl, ComputeDecl, Ident, Label, LetDecl, ListDecl, Member, Modifier, RuleDecl,
};
use shinsei_syntax::nesting::{self, MAX_MEMBER_NESTING, Nested};
use shinsei_syntax::{Diagnostic, DiagnosticCode, Span};

use crate::fieldtype;
use crate::globals::Globals;
use crate::refs::RefKind;
use crate::suggest::DidYouMean as _;
use crate::ty::{ScopeId, Ty};

/// What a scope is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ScopeKind {
    /// The form's `fields`.
    Root,
    /// A group (a nested object).
    Group,
    /// One item of a list.
    ListItem,
}

/// One scope.
pub struct Scope<'a> {
    /// What it is.
    pub kind: ScopeKind,
    /// Enclosing scope.
    pub parent: Option<ScopeId>,
    /// Frame of its members (0 = root, k = k-th enclosing list item).
    pub frame: u8,
    /// Path inside that frame to this scope (groups only).
    pub path: Vec<u32>,
    /// Member indices from the form root, through groups and lists.
    pub abs_path: Vec<u32>,
    /// Data members (fields, groups, lists) in order.
    pub members: Vec<DataMember<'a>>,
    /// `let` declarations.
    pub lets: Vec<&'a LetDecl>,
    /// `rule` declarations, each with the `use` line that brought it in
    /// when it belongs to a block.
    pub rules: Vec<(&'a RuleDecl, Option<Via<'a>>)>,
    /// `compute` declarations.
    pub computes: Vec<&'a ComputeDecl>,
    /// `attachment` declarations.
    pub attachments: Vec<&'a AttachmentDecl>,
}

impl Scope<'_> {
    /// A reference to member `idx` of this scope.
    pub fn member_ref(&self, idx: usize) -> FieldRef {
        let mut path = self.path.clone();
        path.push(u32::try_from(idx).unwrap_or(u32::MAX));
        FieldRef {
            frame: self.frame,
            path,
        }
    }
}

/// The `use` line of the form (the outermost one) through which a member of
/// a block came into a scope: where a clash with the form's own names is
/// reported, since that line is what the form's author can change.
#[derive(Clone, Copy, Debug)]
pub struct Via<'a> {
    /// The `use …` declaration.
    pub span: Span,
    /// The block it uses.
    pub block: &'a str,
}

/// A field, group or list.
pub struct DataMember<'a> {
    /// Its id.
    pub id: &'a Ident,
    /// Its label.
    pub label: &'a Label,
    /// Its modifiers.
    pub modifiers: &'a [Modifier],
    /// What it is.
    pub kind: DataKind<'a>,
    /// The `use` line it came through, for a member of a block.
    pub via: Option<Via<'a>>,
}

impl DataMember<'_> {
    /// What a name of this member refers to (for the language server).
    pub fn ref_kind(&self) -> RefKind {
        match self.kind {
            DataKind::Field(_) => RefKind::Field,
            DataKind::Group(_) => RefKind::Group,
            DataKind::List(..) => RefKind::List,
        }
    }
}

/// The kinds of data member.
pub enum DataKind<'a> {
    /// A field with its lowered type (None if the type was wrong).
    Field(Option<(FieldKind, Ty)>),
    /// A group and its scope.
    Group(ScopeId),
    /// A list and its item scope.
    List(ScopeId, &'a ListDecl),
}

/// All scopes of a form; index 0 is the root.
pub struct Scopes<'a> {
    /// The arena.
    pub all: Vec<Scope<'a>>,
}

impl<'a> Scopes<'a> {
    /// Builds the scope tree of a form's members.
    pub fn build(
        members: &'a [Member],
        g: &Globals<'a>,
        diags: &mut Vec<Diagnostic>,
    ) -> Scopes<'a> {
        let mut s = Scopes { all: Vec::new() };
        let root = s.push(ScopeKind::Root, None, 0, Vec::new(), Vec::new());
        let mut b = Builder {
            g,
            diags,
            using: Vec::new(),
        };
        b.add_members(&mut s, root, members);
        s
    }

    fn push(
        &mut self,
        kind: ScopeKind,
        parent: Option<ScopeId>,
        frame: u8,
        path: Vec<u32>,
        abs_path: Vec<u32>,
    ) -> ScopeId {
        self.all.push(Scope {
            kind,
            parent,
            frame,
            path,
            abs_path,
            members: Vec::new(),
            lets: Vec::new(),
            rules: Vec::new(),
            computes: Vec::new(),
            attachments: Vec::new(),
        });
        self.all.len() - 1
    }

    /// A scope by id (the arena never shrinks, ids are always valid).
    pub fn get(&self, id: ScopeId) -> &Scope<'a> {
        &self.all[id]
    }

    /// The chain from `id` up to the root.
    pub fn ancestors(&self, id: ScopeId) -> impl Iterator<Item = ScopeId> + '_ {
        std::iter::successors(Some(id), move |s| self.all[*s].parent)
    }
}

struct Builder<'g, 'a, 'd> {
    g: &'g Globals<'a>,
    diags: &'d mut Vec<Diagnostic>,
    using: Vec<(&'a str, Span)>,
}

impl<'a> Builder<'_, 'a, '_> {
    fn add_members(&mut self, s: &mut Scopes<'a>, scope: ScopeId, members: &'a [Member]) {
        for m in members {
            match m {
                Member::Field(f) => {
                    let ty = fieldtype::lower(&f.ty, self.g, self.diags);
                    self.add_data(s, scope, &f.id, &f.label, &f.modifiers, |_, _| {
                        DataKind::Field(ty)
                    });
                }
                Member::Group(gr) => {
                    self.add_group(s, scope, &gr.id, &gr.label, &gr.modifiers, &gr.members);
                }
                Member::List(l) => {
                    if !self.may_nest(s, scope, &l.id) {
                        continue;
                    }
                    let idx = s.all[scope].members.len();
                    let frame = s.all[scope].frame.saturating_add(1);
                    let mut abs = s.all[scope].abs_path.clone();
                    abs.push(u32::try_from(idx).unwrap_or(u32::MAX));
                    let item = s.push(ScopeKind::ListItem, Some(scope), frame, Vec::new(), abs);
                    if self.add_data(s, scope, &l.id, &l.label, &l.modifiers, |_, _| {
                        DataKind::List(item, l)
                    }) {
                        self.add_members(s, item, &l.members);
                    }
                }
                Member::Use(u) => self.add_use(s, scope, u),
                Member::Rule(r) => {
                    let via = self.via();
                    s.all[scope].rules.push((r, via));
                }
                Member::Let(l) => {
                    if let Some(prev) = s.all[scope]
                        .lets
                        .iter()
                        .find(|p| p.name.name == l.name.name)
                    {
                        self.diags.push(duplicate(&l.name, prev.name.span, "let"));
                    } else if let Some(prev) = s.all[scope]
                        .members
                        .iter()
                        .find(|m| m.id.name == l.name.name)
                    {
                        self.diags.push(duplicate(&l.name, prev.id.span, "name"));
                    } else if let Some(prev) = s.all[scope]
                        .computes
                        .iter()
                        .find(|c| c.name.name == l.name.name)
                    {
                        self.diags.push(duplicate(&l.name, prev.name.span, "name"));
                    } else {
                        s.all[scope].lets.push(l);
                    }
                }
                Member::Compute(c) => {
                    if let Some(prev) = s.all[scope]
                        .lets
                        .iter()
                        .find(|l| l.name.name == c.name.name)
                    {
                        self.diags.push(duplicate(&c.name, prev.name.span, "name"));
                    } else if s.all[scope].kind == ScopeKind::Root {
                        s.all[scope].computes.push(c);
                    } else {
                        self.diags.push(
                            Diagnostic::error(
                                DiagnosticCode::Misplaced,
                                c.span,
                                "`compute` is only allowed at form level",
                            )
                            .with_label("inside a group or list")
                            .with_hint(
                                "use `let` inside groups and lists, and aggregate at form level",
                            ),
                        );
                    }
                }
                Member::Attachment(a) => {
                    if s.all[scope].kind == ScopeKind::Root {
                        s.all[scope].attachments.push(a);
                    } else {
                        self.diags.push(
                            Diagnostic::error(
                                DiagnosticCode::Misplaced,
                                a.span,
                                "`attachment` is only allowed at form level",
                            )
                            .with_label("inside a group or list"),
                        );
                    }
                }
            }
        }
    }

    fn add_group(
        &mut self,
        s: &mut Scopes<'a>,
        scope: ScopeId,
        id: &'a Ident,
        label: &'a Label,
        modifiers: &'a [Modifier],
        members: &'a [Member],
    ) -> Option<ScopeId> {
        if !self.may_nest(s, scope, id) {
            return None;
        }
        let idx = u32::try_from(s.all[scope].members.len()).unwrap_or(u32::MAX);
        let frame = s.all[scope].frame;
        let mut path = s.all[scope].path.clone();
        path.push(idx);
        let mut abs = s.all[scope].abs_path.clone();
        abs.push(idx);
        let child = s.push(ScopeKind::Group, Some(scope), frame, path, abs);
        if self.add_data(s, scope, id, label, modifiers, |_, _| {
            DataKind::Group(child)
        }) {
            self.add_members(s, child, members);
            Some(child)
        } else {
            None
        }
    }

    fn add_use(&mut self, s: &mut Scopes<'a>, scope: ScopeId, u: &'a shinsei_syntax::ast::UseDecl) {
        let Some(block) = self.g.blocks.get(u.block.name.as_str()).copied() else {
            self.diags.push(
                Diagnostic::error(
                    DiagnosticCode::UnknownName,
                    u.block.span,
                    format!("unknown block `{}`", u.block.name),
                )
                .with_label("no block with this name")
                .did_you_mean(&u.block.name, self.g.blocks.keys().copied()),
            );
            return;
        };
        if let Some((_, first)) = self.using.iter().find(|(n, _)| *n == block.id.name) {
            self.diags.push(
                Diagnostic::error(
                    DiagnosticCode::Cycle,
                    u.span,
                    format!("block `{}` uses itself", block.id.name),
                )
                .with_label("used again here")
                .with_secondary(*first, "first used here"),
            );
            return;
        }
        if self.using.len() >= MAX_MEMBER_NESTING {
            self.diags.push(
                Diagnostic::error(
                    nesting::CODE,
                    u.span,
                    format!("blocks use blocks more than {MAX_MEMBER_NESTING} deep"),
                )
                .with_label(format!("the {}th `use` in a row", MAX_MEMBER_NESTING + 1))
                .with_hint("let the form use the inner blocks directly"),
            );
            return;
        }
        self.using.push((&block.id.name, u.span));
        match &u.alias {
            Some(alias) => {
                self.add_group(s, scope, alias, &block.label, &u.modifiers, &block.members);
            }
            None => {
                if let Some(m) = u.modifiers.first() {
                    let span = match m {
                        Modifier::Optional(sp)
                        | Modifier::RequiredWhen(_, sp)
                        | Modifier::VisibleWhen(_, sp) => *sp,
                        Modifier::Help(l) => l.span,
                    };
                    self.diags.push(
                        Diagnostic::error(DiagnosticCode::Misplaced, span, "conditions on `use` need `as`")
                            .with_label("the block's members are spliced in, so there is nothing to attach this to")
                            .with_hint(format!("write `use {} as <name> …` to make it a group", block.id.name)),
                    );
                }
                self.add_members(s, scope, &block.members);
            }
        }
        self.using.pop();
    }

    /// Whether a group or list `id` may open inside `scope`: its fields would
    /// be at most [`MAX_FIELD_DEPTH`] deep, `use`d blocks expanded.
    fn may_nest(&mut self, s: &Scopes<'a>, scope: ScopeId, id: &Ident) -> bool {
        let depth = s.ancestors(scope).count() + 1;
        if depth <= MAX_FIELD_DEPTH {
            return true;
        }
        let mut d = nesting::too_deep(Nested::Members, id.span);
        if let Some((block, at)) = self.using.first() {
            d = d.with_secondary(*at, format!("inside block `{block}` used here"));
        }
        self.diags.push(d);
        false
    }

    /// The outermost `use` being expanded, if any.
    fn via(&self) -> Option<Via<'a>> {
        self.using.first().map(|&(block, span)| Via { span, block })
    }

    /// Adds a data member unless its id is taken; returns whether it was added.
    fn add_data(
        &mut self,
        s: &mut Scopes<'a>,
        scope: ScopeId,
        id: &'a Ident,
        label: &'a Label,
        modifiers: &'a [Modifier],
        kind: impl FnOnce(&Scopes<'a>, ScopeId) -> DataKind<'a>,
    ) -> bool {
        if RESERVED.contains(&id.name.as_str()) {
            self.diags.push(
                Diagnostic::error(
                    DiagnosticCode::ReservedName,
                    id.span,
                    format!("`{}` is reserved", id.name),
                )
                .with_label("it names the envelope's own section")
                .with_hint("choose another id"),
            );
            return false;
        }
        let via = self.via();
        if let Some(prev) = s.all[scope].members.iter().find(|m| m.id.name == id.name) {
            self.diags
                .push(clash("field", id, via, prev.id.span, prev.via));
            return false;
        }
        if let Some(prev) = s.all[scope].lets.iter().find(|l| l.name.name == id.name) {
            self.diags.push(duplicate(id, prev.name.span, "name"));
            return false;
        }
        let kind = kind(s, scope);
        s.all[scope].members.push(DataMember {
            id,
            label,
            modifiers,
            kind,
            via,
        });
        true
    }
}

/// Names that cannot be field ids because expressions use them as roots.
pub const RESERVED: [&str; 2] = ["qualification", "applicant"];

/// `what` `id` defined twice in one scope, where either definition may come
/// from a used block: the diagnostic points at the form's own line — the
/// `use` that brings the second one in, or the form's own definition — and
/// shows the block's definition beside it.
pub fn clash(
    what: &str,
    id: &Ident,
    via: Option<Via>,
    prev: Span,
    prev_via: Option<Via>,
) -> Diagnostic {
    let Some(v) = via.or(prev_via) else {
        return duplicate(id, prev, what);
    };
    let brings = |v: Via| format!("`use {}` brings in a {what} `{}`", v.block, id.name);
    let mut d = match (via, prev_via) {
        (Some(v), _) => Diagnostic::error(
            DiagnosticCode::DuplicateId,
            v.span,
            format!(
                "{what} `{}` is defined twice: block `{}` has one too",
                id.name, v.block
            ),
        )
        .with_label(brings(v)),
        (None, _) => Diagnostic::error(
            DiagnosticCode::DuplicateId,
            id.span,
            format!(
                "{what} `{}` is defined twice: block `{}` has one too",
                id.name, v.block
            ),
        )
        .with_label("second definition"),
    };
    match (via, prev_via) {
        (Some(_), Some(pv)) => d = d.with_secondary(pv.span, brings(pv)),
        (Some(_), None) => d = d.with_secondary(prev, "first defined here"),
        (None, Some(pv)) => d = d.with_secondary(pv.span, brings(pv)),
        (None, None) => {}
    }
    let block_def = if via.is_some() { id.span } else { prev };
    d.with_secondary(block_def, format!("the {what} of block `{}`", v.block))
        .with_hint(if what == "rule" {
            "a block's rules keep their names wherever the block is used: rename this form's rule"
                .to_string()
        } else {
            format!(
                "rename this form's {what}, or write `use {} as <name>` to put the block's members in a group",
                v.block
            )
        })
}

fn duplicate(id: &Ident, prev: Span, what: &str) -> Diagnostic {
    Diagnostic::error(
        DiagnosticCode::DuplicateId,
        id.span,
        format!("{what} `{}` is defined twice in this scope", id.name),
    )
    .with_label("second definition")
    .with_secondary(prev, "first defined here")
}
