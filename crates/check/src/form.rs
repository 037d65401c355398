//! Lowering one form: header, field tree, rules, computed values, attachments.

use shinsei_ir::{
    self as ir, Category, Computed, DateRange, Field, FieldKind, Presence, QualField, QualItem,
    Role, Rule, Severity, Text, ValueType as V,
};
use shinsei_syntax::ast::{BlockDecl, FormDecl, HeaderItem, Member, Modifier, RuleDecl, RuleItem};
use shinsei_syntax::{Diagnostic, DiagnosticCode, SourceDb, Span};

use crate::attachments;
use crate::expr::{Env, Lowerer, parse_date};
use crate::globals::Globals;
use crate::label::text;
use crate::scope::{DataKind, Scopes, Via};
use crate::suggest::DidYouMean as _;
use crate::ty::{ScopeId, Ty};

/// Default and hard maximum number of list items.
pub const LIST_MAX: u64 = 100;

/// Lowers one form; `None` if the header is unusable.
pub fn lower_form(
    form: &FormDecl,
    g: &Globals,
    db: &SourceDb,
    diags: &mut Vec<Diagnostic>,
) -> Option<ir::Form> {
    let header = header(form, diags);
    let scopes = Scopes::build(&form.members, g, diags);
    let mut lw = Lowerer::new(g, &scopes, diags);
    let mut vis = Visibility::default();
    let fields = lower_fields(&mut lw, 0, db, &mut vis);
    vis.report_cycles(&mut lw);
    check_lets(&mut lw);
    let mut rules = Vec::new();
    for (sid, sc) in scopes.all.iter().enumerate() {
        for &(r, via) in &sc.rules {
            if let Some(rule) = lower_rule(&mut lw, sid, r, db) {
                if let Some(prev) = rules.iter().find(|p: &&(Rule, Span, Option<Via>)| {
                    p.0.name == rule.name && p.1 != r.name.span
                }) {
                    let d = if via.is_none() && prev.2.is_none() {
                        Diagnostic::error(
                            DiagnosticCode::DuplicateId,
                            r.name.span,
                            format!("rule `{}` is defined twice", rule.name),
                        )
                        .with_label("second definition")
                        .with_secondary(prev.1, "first defined here")
                    } else {
                        crate::scope::clash("rule", &r.name, via, prev.1, prev.2)
                    };
                    lw.diags.push(d.with_hint(
                        "rule names are error codes (`rule.<name>`): each must be unique in its form",
                    ));
                    continue;
                }
                rules.push((rule, r.name.span, via));
            }
        }
    }
    let computed = lower_computes(&mut lw, db);
    let attachments = attachments::lower(&mut lw, db);
    let params: Vec<String> = lw.params_used.iter().cloned().collect();
    let (version, effective, category, applicants, qualification, basis) = header?;
    let source = db
        .get(form.span.file)
        .map(|s| s.name.clone())
        .unwrap_or_default();
    Some(ir::Form {
        id: form.id.name.clone(),
        title: text(&form.title),
        version,
        effective,
        category,
        applicants,
        qualification,
        fields,
        rules: rules.into_iter().map(|(r, _, _)| r).collect(),
        computed,
        attachments,
        params,
        source,
        basis,
        migration: None,
    })
}

/// Checks a block that no form uses, as if a form used it, so its mistakes
/// are reported (a used block is checked where it is used).
///
/// A block may read names that the form using it supplies (e.g. a date field
/// of that form), so without a form `unknown-name` cannot be judged and is not
/// reported; everything else (types, arguments, attachments, duplicates) is.
pub fn check_unused_block(
    block: &BlockDecl,
    g: &Globals,
    db: &SourceDb,
    diags: &mut Vec<Diagnostic>,
) {
    let mut found = Vec::new();
    check_block_members(block, g, db, &mut found);
    diags.extend(
        found
            .into_iter()
            .filter(|d| d.code != DiagnosticCode::UnknownName),
    );
}

fn check_block_members(block: &BlockDecl, g: &Globals, db: &SourceDb, diags: &mut Vec<Diagnostic>) {
    let scopes = Scopes::build(&block.members, g, diags);
    let mut lw = Lowerer::new(g, &scopes, diags);
    let mut vis = Visibility::default();
    lower_fields(&mut lw, 0, db, &mut vis);
    vis.report_cycles(&mut lw);
    check_lets(&mut lw);
    for (sid, sc) in scopes.all.iter().enumerate() {
        for (r, _) in &sc.rules {
            lower_rule(&mut lw, sid, r, db);
        }
    }
    lower_computes(&mut lw, db);
    attachments::lower(&mut lw, db);
}

/// The blocks some form uses, directly or through other blocks.
pub fn used_blocks<'a>(g: &Globals<'a>) -> std::collections::BTreeSet<&'a str> {
    fn uses<'a>(members: &'a [Member], out: &mut Vec<&'a str>) {
        for m in members {
            match m {
                Member::Use(u) => out.push(&u.block.name),
                Member::Group(gr) => uses(&gr.members, out),
                Member::List(l) => uses(&l.members, out),
                _ => {}
            }
        }
    }
    let mut pending = Vec::new();
    for f in &g.forms {
        uses(&f.members, &mut pending);
    }
    let mut used = std::collections::BTreeSet::new();
    while let Some(name) = pending.pop() {
        if used.insert(name)
            && let Some(b) = g.blocks.get(name)
        {
            uses(&b.members, &mut pending);
        }
    }
    used
}

type Header = (
    String,
    DateRange,
    Category,
    Vec<Role>,
    Vec<QualItem>,
    Option<String>,
);

fn header(form: &FormDecl, diags: &mut Vec<Diagnostic>) -> Option<Header> {
    let mut version = None;
    let mut effective = None;
    let mut category = None;
    let mut applicants: Option<Vec<Role>> = None;
    let mut qualification = Vec::new();
    let mut basis = None;
    let mut seen: Vec<(&str, Span)> = Vec::new();
    for h in &form.header {
        let (key, span) = match h {
            HeaderItem::Version(_, s) => ("version", *s),
            HeaderItem::Effective { span, .. } => ("effective", *span),
            HeaderItem::Category(_, s) => ("category", *s),
            HeaderItem::Applicants(_, s) => ("applicants", *s),
            HeaderItem::Qualification(_, s) => ("qualification", *s),
            HeaderItem::Basis(_, s) => ("basis", *s),
            HeaderItem::Migrate(m) => ("migrate", m.span),
        };
        if let Some((_, prev)) = seen.iter().find(|(k, _)| *k == key) {
            diags.push(
                Diagnostic::error(
                    DiagnosticCode::DuplicateId,
                    span,
                    format!("`{key}` is given twice"),
                )
                .with_label("second time")
                .with_secondary(*prev, "first given here"),
            );
            continue;
        }
        seen.push((key, span));
        match h {
            HeaderItem::Version(v, s) => {
                if v.trim().is_empty() {
                    diags.push(
                        Diagnostic::error(DiagnosticCode::BadHeader, *s, "the version is empty")
                            .with_label("e.g. \"2026.1\""),
                    );
                }
                version = Some(v.clone());
            }
            HeaderItem::Effective { from, to, .. } => {
                let f = date_lit(&from.text, from.span, diags);
                let t = to.as_ref().map(|t| date_lit(&t.text, t.span, diags));
                if let (Some(f), Some(Some(t))) = (f, t)
                    && t < f
                {
                    let sp = to.as_ref().map_or(from.span, |t| t.span);
                    diags.push(
                        Diagnostic::error(
                            DiagnosticCode::BadHeader,
                            sp,
                            "the effective range ends before it starts",
                        )
                        .with_label(format!("before {f}")),
                    );
                }
                if let Some(f) = f {
                    effective = Some(DateRange {
                        from: f,
                        to: t.flatten(),
                    });
                }
            }
            HeaderItem::Category(c, span) => {
                // The grammar lets through the names the IR declares.
                category = Category::ALL.into_iter().find(|k| k.ja() == c.as_str());
                if category.is_none() {
                    diags.push(Diagnostic::error(
                        DiagnosticCode::Internal,
                        *span,
                        format!(
                            "the grammar let through category `{c}`, which the IR does not name"
                        ),
                    ));
                }
            }
            HeaderItem::Applicants(ids, _) => {
                let mut roles = Vec::new();
                for id in ids {
                    match Role::ALL.iter().find(|r| r.id() == id.name) {
                        Some(r) if roles.contains(r) => diags.push(
                            Diagnostic::error(
                                DiagnosticCode::DuplicateId,
                                id.span,
                                format!("`{}` is listed twice", id.name),
                            )
                            .with_label("second time"),
                        ),
                        Some(r) => roles.push(*r),
                        None => {
                            diags.push(
                                Diagnostic::error(
                                    DiagnosticCode::UnknownName,
                                    id.span,
                                    format!("unknown applicant role `{}`", id.name),
                                )
                                .with_label("expected insured, dependent or agent")
                                .did_you_mean(&id.name, Role::ALL.iter().map(|r| r.id())),
                            );
                        }
                    }
                }
                applicants = Some(roles);
            }
            HeaderItem::Basis(b, s) => basis = basis_text(b, *s, DiagnosticCode::BadHeader, diags),
            // Lowered with the other versions of the form (crate::migrate).
            HeaderItem::Migrate(_) => {}
            HeaderItem::Qualification(items, _) => {
                for item in items {
                    match QualField::from_id(&item.name.name) {
                        Some(q) if qualification.iter().any(|x: &QualItem| x.field == q) => diags
                            .push(
                                Diagnostic::error(
                                    DiagnosticCode::DuplicateId,
                                    item.name.span,
                                    format!("`{}` is listed twice", item.name.name),
                                )
                                .with_label("second time"),
                            ),
                        Some(q) => qualification.push(QualItem {
                            field: q,
                            required: !item.optional,
                        }),
                        None => {
                            diags.push(
                                Diagnostic::error(
                                    DiagnosticCode::UnknownName,
                                    item.name.span,
                                    format!("`{}` is not a qualification field", item.name.name),
                                )
                                .with_label("not one of the 資格 fields")
                                .did_you_mean(
                                    &item.name.name,
                                    QualField::ALL.iter().map(|q| q.id()),
                                ),
                            );
                        }
                    }
                }
            }
        }
    }
    if category == Some(Category::Health)
        && let (Some(roles), Some((_, span))) =
            (&applicants, seen.iter().find(|(k, _)| *k == "applicants"))
        && roles.contains(&Role::Agent)
    {
        diags.push(
            Diagnostic::error(
                DiagnosticCode::BadHeader,
                *span,
                "社会保険労務士 (`agent`) may not file 保健 forms",
            )
            .with_label("remove `agent`"),
        );
    }
    let mut missing = |what: &str, example: &str| {
        diags.push(
            Diagnostic::error(
                DiagnosticCode::BadHeader,
                form.id.span,
                format!("form `{}` has no `{what}`", form.id.name),
            )
            .with_label(format!("missing `{what}`"))
            .with_hint(format!("add e.g. `{example}`")),
        );
    };
    if version.is_none() {
        missing("version", "version \"2026.1\"");
    }
    if effective.is_none() && !seen.iter().any(|(k, _)| *k == "effective") {
        missing("effective", "effective 2026-01-13..");
    }
    if category.is_none() {
        missing("category", "category 給付");
    }
    if applicants.is_none() {
        missing("applicants", "applicants insured, agent");
    }
    Some((
        version?,
        effective?,
        category?,
        applicants?,
        qualification,
        basis,
    ))
}

/// A `basis "…"` text, or a diagnostic when it is empty.
fn basis_text(
    b: &str,
    span: Span,
    code: DiagnosticCode,
    diags: &mut Vec<Diagnostic>,
) -> Option<String> {
    let b = b.trim();
    if b.is_empty() {
        diags.push(
            Diagnostic::error(code, span, "the basis is empty")
                .with_label("name the law, article or guidance, e.g. \"健康保険法第99条第1項\""),
        );
        return None;
    }
    Some(b.to_owned())
}

fn date_lit(s: &str, span: Span, diags: &mut Vec<Diagnostic>) -> Option<chrono::NaiveDate> {
    let d = parse_date(s);
    if d.is_none() {
        diags.push(
            Diagnostic::error(
                DiagnosticCode::BadLiteral,
                span,
                format!("`{s}` is not a valid date"),
            )
            .with_label("no such day"),
        );
    }
    d
}

fn src(db: &SourceDb, span: Span) -> String {
    db.get(span.file)
        .map(|s| s.slice(span).to_string())
        .unwrap_or_default()
}

/// Lowers the data members of a scope into IR fields.
fn lower_fields(
    lw: &mut Lowerer,
    scope: ScopeId,
    db: &SourceDb,
    vis: &mut Visibility,
) -> Vec<Field> {
    let scopes = lw.scopes;
    let sc = scopes.get(scope);
    let mut out = Vec::new();
    for (idx, m) in sc.members.iter().enumerate() {
        let mods = modifiers(lw, scope, m.modifiers, db);
        if let Some((span, deps)) = mods.visible_deps {
            vis.conditions.push(((scope, idx), span, deps));
        }
        let kind = match &m.kind {
            DataKind::Field(Some((k, _))) => k.clone(),
            DataKind::Field(None) => FieldKind::Bool,
            DataKind::Group(child) => {
                vis.owner.insert(*child, (scope, idx));
                FieldKind::Group {
                    fields: lower_fields(lw, *child, db, vis),
                }
            }
            DataKind::List(item, decl) => {
                vis.owner.insert(*item, (scope, idx));
                let min = decl.min.map_or(0, |m| m.0);
                let max = decl.max.map_or(LIST_MAX, |m| m.0);
                if let Some((n, span)) = decl.max
                    && (n > LIST_MAX || n == 0)
                {
                    lw.diags.push(
                        Diagnostic::error(
                            DiagnosticCode::BadList,
                            span,
                            format!("`max {n}` is out of range"),
                        )
                        .with_label(format!("a list holds 1 to {LIST_MAX} items")),
                    );
                }
                if min > max {
                    let span = decl.min.map_or(decl.span, |m| m.1);
                    lw.diags.push(
                        Diagnostic::error(
                            DiagnosticCode::BadList,
                            span,
                            format!("`min {min}` is larger than `max {max}`"),
                        )
                        .with_label("no list can satisfy both"),
                    );
                }
                FieldKind::List {
                    min: u32::try_from(min).unwrap_or(0),
                    max: u32::try_from(max.min(LIST_MAX)).unwrap_or(0),
                    fields: lower_fields(lw, *item, db, vis),
                }
            }
        };
        out.push(Field {
            id: m.id.name.clone(),
            label: text(m.label),
            help: mods.help,
            kind,
            presence: mods.presence,
            visible_when: mods.visible,
            visible_src: mods.visible_src,
            required_src: mods.required_src,
        });
    }
    out
}

/// A data member: its scope and index.
type MemberId = (ScopeId, usize);

/// Visibility conditions and the tree of members, to find conditions that
/// depend on themselves (a field shown only when it is shown is never shown).
#[derive(Default)]
pub(crate) struct Visibility {
    /// (member, span of its `when`, members the condition reads).
    conditions: Vec<(MemberId, Span, Vec<MemberId>)>,
    /// The member (group or list) that owns each nested scope.
    owner: std::collections::BTreeMap<ScopeId, (ScopeId, usize)>,
}

impl Visibility {
    /// Reports every member whose `when` depends, directly or through other
    /// conditions, on its own visibility.
    fn report_cycles(&self, lw: &mut Lowerer) {
        // Visibility of a member depends on its condition's inputs and on the
        // visibility of every member enclosing those inputs.
        let edges = |m: (ScopeId, usize)| -> Vec<(ScopeId, usize)> {
            let mut out = Vec::new();
            for (node, _, deps) in &self.conditions {
                if *node != m {
                    continue;
                }
                for d in deps {
                    out.push(*d);
                    let mut scope = d.0;
                    while let Some(owner) = self.owner.get(&scope) {
                        out.push(*owner);
                        scope = owner.0;
                    }
                }
            }
            out
        };
        for (node, span, _) in &self.conditions {
            let mut seen = vec![*node];
            let mut stack = edges(*node);
            let mut cyclic = false;
            while let Some(n) = stack.pop() {
                if n == *node {
                    cyclic = true;
                    break;
                }
                if !seen.contains(&n) && seen.len() < 10_000 {
                    seen.push(n);
                    stack.extend(edges(n));
                }
            }
            if cyclic {
                let name = lw
                    .scopes
                    .get(node.0)
                    .members
                    .get(node.1)
                    .map_or("", |m| m.id.name.as_str());
                lw.diags.push(
                    Diagnostic::error(
                        DiagnosticCode::Cycle,
                        *span,
                        format!("whether `{name}` is shown depends on `{name}` itself"),
                    )
                    .with_label("this condition reads the field it hides, or a field inside it")
                    .with_hint("base the condition on other fields only"),
                );
            }
        }
    }
}

struct Mods {
    presence: Presence,
    visible: Option<ir::Expr>,
    help: Option<Text>,
    visible_src: Option<String>,
    required_src: Option<String>,
    /// The `when` span and the members it reads.
    visible_deps: Option<(Span, Vec<(ScopeId, usize)>)>,
}

fn modifiers(lw: &mut Lowerer, scope: ScopeId, mods: &[Modifier], db: &SourceDb) -> Mods {
    let mut out = Mods {
        presence: Presence::Required,
        visible: None,
        help: None,
        visible_src: None,
        required_src: None,
        visible_deps: None,
    };
    let mut presence_span: Option<Span> = None;
    for m in mods {
        match m {
            Modifier::Optional(span) | Modifier::RequiredWhen(_, span) => {
                if let Some(prev) = presence_span {
                    lw.diags.push(
                        Diagnostic::error(
                            DiagnosticCode::DuplicateId,
                            *span,
                            "`optional` and `required when` exclude each other",
                        )
                        .with_label("second presence rule")
                        .with_secondary(prev, "first given here"),
                    );
                    continue;
                }
                presence_span = Some(*span);
                out.presence = match m {
                    Modifier::RequiredWhen(e, _) => {
                        out.required_src = Some(src(db, e.span));
                        Presence::RequiredWhen(lw.expect(e, Env::Scope(scope), V::Bool))
                    }
                    _ => Presence::Optional,
                };
            }
            Modifier::VisibleWhen(e, span) => {
                if out.visible.is_some() {
                    lw.diags.push(
                        Diagnostic::error(
                            DiagnosticCode::DuplicateId,
                            *span,
                            "`when` is given twice",
                        )
                        .with_label("combine the conditions with `and`"),
                    );
                    continue;
                }
                out.visible_src = Some(src(db, e.span));
                let outer = lw.deps.replace(Vec::new());
                out.visible = Some(lw.expect(e, Env::Scope(scope), V::Bool));
                let deps = std::mem::replace(&mut lw.deps, outer).unwrap_or_default();
                out.visible_deps = Some((e.span, deps));
            }
            Modifier::Help(l) => out.help = Some(text(l)),
        }
    }
    out
}

/// Checks every `let` once where it is declared, so a mistake in a `let`
/// nobody uses is still reported.
fn check_lets(lw: &mut Lowerer) {
    let scopes = lw.scopes;
    for (sid, sc) in scopes.all.iter().enumerate() {
        for l in &sc.lets {
            let key = format!("let {}#{sid}", l.name.name);
            lw.inline(&key, l.name.span, |me| me.lower(&l.expr, Env::Scope(sid)));
        }
    }
}

fn lower_rule(lw: &mut Lowerer, scope: ScopeId, r: &RuleDecl, db: &SourceDb) -> Option<Rule> {
    let mut when = None;
    let mut check = None;
    let mut at = Vec::new();
    let mut message = None;
    let mut basis: Option<Option<String>> = None;
    let mut source = Vec::new();
    for item in &r.items {
        let (key, span) = match item {
            RuleItem::When(_, s) => ("when", *s),
            RuleItem::Check(_, s) => ("check", *s),
            RuleItem::At(_, s) => ("at", *s),
            RuleItem::Message(_, s) => ("message", *s),
            RuleItem::Basis(_, s) => ("basis", *s),
        };
        let dup = match item {
            RuleItem::When(..) => when.is_some(),
            RuleItem::Check(..) => check.is_some(),
            RuleItem::At(..) => !at.is_empty(),
            RuleItem::Message(..) => message.is_some(),
            RuleItem::Basis(..) => basis.is_some(),
        };
        if dup {
            lw.diags.push(
                Diagnostic::error(
                    DiagnosticCode::BadRule,
                    span,
                    format!("`{key}` is given twice in rule `{}`", r.name.name),
                )
                .with_label("second time"),
            );
            continue;
        }
        match item {
            RuleItem::When(e, _) => {
                source.push(format!("when {}", src(db, e.span)));
                when = Some(lw.expect(e, Env::Scope(scope), V::Bool));
            }
            RuleItem::Check(e, _) => {
                source.push(format!("check {}", src(db, e.span)));
                check = Some(lw.expect(e, Env::Scope(scope), V::Bool));
            }
            RuleItem::At(path, _) => at = resolve_at(lw, scope, path)?,
            RuleItem::Message(l, _) => message = Some(text(l)),
            RuleItem::Basis(b, s) => {
                basis = Some(basis_text(b, *s, DiagnosticCode::BadRule, lw.diags))
            }
        }
    }
    let Some(check) = check else {
        lw.diags.push(
            Diagnostic::error(
                DiagnosticCode::BadRule,
                r.name.span,
                format!("rule `{}` has no `check`", r.name.name),
            )
            .with_label("nothing to check")
            .with_hint("add `check <condition that must hold>`"),
        );
        return None;
    };
    let Some(message) = message else {
        lw.diags.push(
            Diagnostic::error(
                DiagnosticCode::BadRule,
                r.name.span,
                format!("rule `{}` has no `message`", r.name.name),
            )
            .with_label("the member would see no explanation")
            .with_hint("add `message \"…\" en \"…\"`"),
        );
        return None;
    };
    Some(Rule {
        name: r.name.name.clone(),
        severity: if r.warning.is_some() {
            Severity::Warning
        } else {
            Severity::Error
        },
        scope: lw.scopes.get(scope).abs_path.clone(),
        when,
        check,
        at,
        message,
        source: source.join("\n"),
        basis: basis.flatten(),
    })
}

/// Resolves `at a.b` to member indices from the rule's scope (groups only).
fn resolve_at(
    lw: &mut Lowerer,
    scope: ScopeId,
    path: &[shinsei_syntax::ast::Ident],
) -> Option<Vec<u32>> {
    let mut cur = scope;
    let mut out = Vec::new();
    for (i, id) in path.iter().enumerate() {
        let sc = lw.scopes.get(cur);
        let Some(idx) = sc.members.iter().position(|m| m.id.name == id.name) else {
            let names: Vec<&str> = sc.members.iter().map(|m| m.id.name.as_str()).collect();
            lw.diags.push(
                Diagnostic::error(
                    DiagnosticCode::UnknownName,
                    id.span,
                    format!("`at` names unknown field `{}`", id.name),
                )
                .with_label("not a field of this scope")
                .did_you_mean(&id.name, names),
            );
            return None;
        };
        out.push(u32::try_from(idx).unwrap_or(u32::MAX));
        if let Some(m) = sc.members.get(idx) {
            let ty = match &m.kind {
                DataKind::Field(Some((_, ty))) => ty.clone(),
                _ => crate::ty::Ty::Error,
            };
            lw.g.record(id, m.id, m.ref_kind(), &ty);
        }
        let last = i + 1 == path.len();
        match sc.members.get(idx).map(|m| &m.kind) {
            Some(DataKind::Group(child)) => cur = *child,
            Some(DataKind::List(..)) if !last => {
                lw.diags.push(
                    Diagnostic::error(
                        DiagnosticCode::ListFieldOutside,
                        id.span,
                        "`at` cannot point into the items of a list",
                    )
                    .with_label("this is a list")
                    .with_hint("declare the rule inside the list to point at one item's field"),
                );
                return None;
            }
            _ if !last => {
                lw.diags.push(
                    Diagnostic::error(
                        DiagnosticCode::UnknownName,
                        id.span,
                        format!("`{}` has no members", id.name),
                    )
                    .with_label("not a group"),
                );
                return None;
            }
            _ => {}
        }
    }
    Some(out)
}

fn lower_computes(lw: &mut Lowerer, db: &SourceDb) -> Vec<Computed> {
    let root = lw.scopes.get(0);
    let mut out: Vec<Computed> = Vec::new();
    for c in &root.computes {
        if let Some(m) = root.members.iter().find(|m| m.id.name == c.name.name) {
            lw.diags.push(
                Diagnostic::error(
                    DiagnosticCode::DuplicateId,
                    c.name.span,
                    format!("`{}` is already a field", c.name.name),
                )
                .with_label("computed value with a field's name")
                .with_secondary(m.id.span, "the field"),
            );
            continue;
        }
        if out.iter().any(|o| o.name == c.name.name) {
            lw.diags.push(
                Diagnostic::error(
                    DiagnosticCode::DuplicateId,
                    c.name.span,
                    format!("`{}` is computed twice", c.name.name),
                )
                .with_label("second definition"),
            );
            continue;
        }
        let key = format!("compute {}", c.name.name);
        let (expr, ty) = lw.inline(&key, c.name.span, |me| me.lower(&c.expr, Env::Scope(0)));
        let when = c
            .when
            .as_ref()
            .map(|w| lw.expect(w, Env::Scope(0), V::Bool));
        let vt = match ty.value() {
            Some(V::Rate | V::YenFrac) => {
                lw.diags.push(
                    Diagnostic::error(
                        DiagnosticCode::InexactComputed,
                        c.expr.span,
                        format!("`{}` is an exact fraction ({})", c.name.name, ty.describe()),
                    )
                    .with_label("shown values must be whole numbers")
                    .with_hint(
                        "round it, e.g. `round(x, 1)` (四捨五入) or `floor(x, 1)` (切り捨て)",
                    ),
                );
                continue;
            }
            Some(V::Duration) | None => {
                if ty != Ty::Error {
                    lw.mismatch(c.expr.span, "a value", &ty);
                }
                continue;
            }
            Some(v) => v,
        };
        out.push(Computed {
            name: c.name.name.clone(),
            label: text(&c.label),
            ty: vt,
            expr,
            when,
            source: src(db, c.expr.span),
        });
    }
    out
}
