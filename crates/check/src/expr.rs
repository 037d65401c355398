//! Type-checking and lowering of expressions: names, members, operators and
//! literals. Calls are in `calls.rs`.

use std::collections::BTreeSet;

use chrono::NaiveDate;
use shinsei_ir::limits::MAX_EXPR_DEPTH;
use shinsei_ir::{self as ir, BinOp, Expr as IrExpr, Literal, QualField, UnOp, ValueType as V};
use shinsei_syntax::ast::{BinaryOp, DurationUnit, Expr, ExprKind, Ident, Lit, UnaryOp};
use shinsei_syntax::nesting::{self, Nested};
use shinsei_syntax::{Diagnostic, DiagnosticCode, Span};

use crate::builtins;
use crate::globals::Globals;
use crate::refs::RefKind;
use crate::scope::{DataKind, ScopeKind, Scopes};
use crate::suggest::DidYouMean as _;
use crate::ty::{Dim, ScopeId, Ty, from_numeric, numeric, unify};

/// A lowered expression and its type.
pub type Typed = (IrExpr, Ty);

/// Lowering context for one form.
pub struct Lowerer<'s, 'a> {
    /// Shared definitions.
    pub g: &'s Globals<'a>,
    /// The form's scopes.
    pub scopes: &'s Scopes<'a>,
    /// Where diagnostics go.
    pub diags: &'s mut Vec<Diagnostic>,
    /// Names being inlined (lets, computes, fns), for cycle detection.
    pub(crate) inlining: Vec<(String, Span)>,
    /// Cycles already reported (their members, sorted), so each is reported once.
    pub(crate) reported_cycles: BTreeSet<Vec<String>>,
    /// When set, every data member an expression reads is recorded here
    /// (used to find cycles among visibility conditions).
    pub(crate) deps: Option<Vec<(ScopeId, usize)>>,
    /// Parameter bindings of the fn bodies being inlined (innermost last).
    pub(crate) bindings: Vec<Vec<(String, Typed)>>,
    /// Parameters used by the form.
    pub params_used: BTreeSet<String>,
    /// Nesting level of the expression being lowered, counting the bodies of
    /// the `let`s, `compute`s and `fn`s it expands (bounded like the parser's).
    depth: usize,
    /// Whether an expression of this form was reported as nesting too deeply
    /// once expanded (reported once: the first definition past the limit, as
    /// every definition built on it is past the limit too).
    too_deep_reported: bool,
}

/// Where an expression is checked: a scope of the form, or a fn body (which
/// sees only its parameters).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Env {
    /// A scope of the form.
    Scope(ScopeId),
    /// A fn body.
    FnBody,
}

pub(crate) fn error_expr() -> Typed {
    (IrExpr::Lit(Literal::Bool(false)), Ty::Error)
}

impl<'s, 'a> Lowerer<'s, 'a> {
    /// A lowering context.
    pub fn new(g: &'s Globals<'a>, scopes: &'s Scopes<'a>, diags: &'s mut Vec<Diagnostic>) -> Self {
        Lowerer {
            g,
            scopes,
            diags,
            inlining: Vec::new(),
            reported_cycles: BTreeSet::new(),
            deps: None,
            bindings: Vec::new(),
            params_used: BTreeSet::new(),
            depth: 0,
            too_deep_reported: false,
        }
    }

    /// Lowers `e` and requires type `want`.
    pub fn expect(&mut self, e: &Expr, env: Env, want: V) -> IrExpr {
        let (x, t) = self.lower(e, env);
        if t != Ty::Error && t.value() != Some(want) {
            self.mismatch(e.span, want.name(), &t);
        }
        x
    }

    pub(crate) fn mismatch(&mut self, span: Span, expected: &str, found: &Ty) {
        let mut d = Diagnostic::error(
            DiagnosticCode::TypeMismatch,
            span,
            format!("expected {expected}, found {}", found.describe()),
        )
        .with_label(format!("this is {}", found.describe()));
        if let Ty::List(..) = found {
            d = d.with_hint("a list has no single value: use an aggregate such as `count(…)`, `sum(…)`, `any(…)`");
        }
        self.diags.push(d);
    }

    /// Lowers an expression. Each node is one level; past
    /// [`MAX_EXPR_DEPTH`] (reachable only through expanded `let`s, `compute`s
    /// and `fn`s, as the parser bounds each body) it reports
    /// `nesting-too-deep` instead of descending.
    pub fn lower(&mut self, e: &Expr, env: Env) -> Typed {
        self.depth += 1;
        let out = if self.depth > MAX_EXPR_DEPTH {
            self.too_deep(e.span);
            error_expr()
        } else {
            self.lower_node(e, env)
        };
        self.depth -= 1;
        out
    }

    /// Reports an expression that nests too deeply once its definitions are
    /// expanded: at the outermost use of a definition, which is where the
    /// author can act.
    fn too_deep(&mut self, deepest: Span) {
        let Some((key, at)) = self.inlining.first().cloned() else {
            self.diags.push(nesting::too_deep(Nested::Expr, deepest));
            return;
        };
        if std::mem::replace(&mut self.too_deep_reported, true) {
            return;
        }
        self.diags.push(
            Diagnostic::error(
                nesting::CODE,
                at,
                format!(
                    "expression nested more than {MAX_EXPR_DEPTH} levels deep once `{}` is expanded",
                    key_name(&key)
                ),
            )
            .with_label("expanded here")
            .with_secondary(deepest, format!("level {} is reached here", MAX_EXPR_DEPTH + 1))
            .with_hint("`let`s, `compute`s and `fn`s are expanded where they are used, so their depths add up: use a shallower definition here"),
        );
    }

    fn lower_node(&mut self, e: &Expr, env: Env) -> Typed {
        match &e.kind {
            ExprKind::Lit(l) => self.literal(l, e.span),
            ExprKind::Today => (IrExpr::Today, Ty::V(V::Date)),
            ExprKind::Name(id) => self.name(id, env),
            ExprKind::Member(base, m) => self.member(base, m, env),
            ExprKind::Call(f, args) => self.call(f, args, e.span, env),
            ExprKind::Unary(op, arg) => self.unary(*op, arg, env),
            ExprKind::Binary(op, l, r) => self.binary(*op, l, r, env),
            ExprKind::In {
                value,
                set,
                negated,
            } => self.in_set(value, set, *negated, e.span, env),
            ExprKind::If(c, t, f) => {
                let c = self.expect(c, env, V::Bool);
                let (tx, tt) = self.lower(t, env);
                let (fx, ft) = self.lower(f, env);
                let ty = match unify(&tt, &ft) {
                    Some(ty) => ty,
                    None => {
                        self.diags.push(
                            Diagnostic::error(
                                DiagnosticCode::TypeMismatch,
                                f.span,
                                format!("expected {}, found {}", tt.describe(), ft.describe()),
                            )
                            .with_label("both branches must have the same type")
                            .with_secondary(t.span, format!("this is {}", tt.describe())),
                        );
                        Ty::Error
                    }
                };
                (
                    IrExpr::If {
                        cond: Box::new(c),
                        then: Box::new(tx),
                        otherwise: Box::new(fx),
                    },
                    ty,
                )
            }
        }
    }

    fn literal(&mut self, l: &Lit, span: Span) -> Typed {
        let (lit, ty) = match l {
            Lit::Int(n) => (Literal::Int(*n), V::Int),
            Lit::Yen(n) => (Literal::Yen(*n), V::Yen),
            Lit::Bool(b) => (Literal::Bool(*b), V::Bool),
            Lit::Str(s) => (Literal::Text(s.clone()), V::Text),
            Lit::Duration(n, u) => {
                let unit = match u {
                    DurationUnit::Days => ir::DurationUnit::Days,
                    DurationUnit::Months => ir::DurationUnit::Months,
                    DurationUnit::Years => ir::DurationUnit::Years,
                };
                (Literal::Duration { n: *n, unit }, V::Duration)
            }
            Lit::Date(s) => match parse_date(s) {
                Some(d) => (Literal::Date(d), V::Date),
                None => {
                    self.diags.push(
                        Diagnostic::error(
                            DiagnosticCode::BadLiteral,
                            span,
                            format!("`{s}` is not a valid date"),
                        )
                        .with_label("no such day"),
                    );
                    return error_expr();
                }
            },
            Lit::Decimal(s) => match decimal(s) {
                Some((num, den)) => (Literal::Rate { num, den }, V::Rate),
                None => {
                    self.diags.push(
                        Diagnostic::error(
                            DiagnosticCode::BadLiteral,
                            span,
                            format!("`{s}` has too many digits"),
                        )
                        .with_label("at most 12 decimal places"),
                    );
                    return error_expr();
                }
            },
        };
        (IrExpr::Lit(lit), Ty::V(ty))
    }

    // ------------------------------------------------------------ names

    fn name(&mut self, id: &Ident, env: Env) -> Typed {
        for frame in self.bindings.iter().rev().take(1) {
            if let Some((_, t)) = frame.iter().find(|(n, _)| *n == id.name) {
                return t.clone();
            }
        }
        let Env::Scope(scope) = env else {
            let names: Vec<String> = self
                .bindings
                .last()
                .map(|b| b.iter().map(|(n, _)| n.clone()).collect())
                .unwrap_or_default();
            self.diags.push(
                Diagnostic::error(
                    DiagnosticCode::UnknownName,
                    id.span,
                    format!("unknown name `{}`", id.name),
                )
                .with_label("a fn body sees only its parameters")
                .did_you_mean(&id.name, names.iter().map(String::as_str)),
            );
            return error_expr();
        };
        if builtins::aggregate(&id.name).is_none()
            && ["qualification", "applicant"].contains(&id.name.as_str())
        {
            self.diags.push(
                Diagnostic::error(
                    DiagnosticCode::TypeMismatch,
                    id.span,
                    format!("`{}` needs a member", id.name),
                )
                .with_label("not a value")
                .with_hint(if id.name == "applicant" {
                    "write `applicant.role`".to_string()
                } else {
                    "write e.g. `qualification.birth_date`".to_string()
                }),
            );
            return error_expr();
        }
        let chain: Vec<ScopeId> = self.scopes.ancestors(scope).collect();
        for s in chain {
            let sc = self.scopes.get(s);
            if let Some(i) = sc.members.iter().position(|m| m.id.name == id.name) {
                let out = self.member_value(s, i);
                if let Some(m) = self.scopes.get(s).members.get(i) {
                    self.g.record(id, m.id, m.ref_kind(), &out.1);
                }
                return out;
            }
            if let Some(l) = sc.lets.iter().find(|l| l.name.name == id.name) {
                let key = format!("let {}#{s}", id.name);
                let out = self.inline(&key, id.span, |me| me.lower(&l.expr, Env::Scope(s)));
                self.g.record(id, &l.name, RefKind::Let, &out.1);
                return out;
            }
            if sc.kind == ScopeKind::Root
                && let Some(c) = sc.computes.iter().find(|c| c.name.name == id.name)
            {
                let key = format!("compute {}", id.name);
                let out = self.inline(&key, id.span, |me| me.lower(&c.expr, Env::Scope(s)));
                self.g.record(id, &c.name, RefKind::Compute, &out.1);
                return out;
            }
        }
        self.unknown_name(id, scope);
        error_expr()
    }

    /// The value of member `i` of scope `s`.
    pub(crate) fn member_value(&mut self, s: ScopeId, i: usize) -> Typed {
        if let Some(deps) = &mut self.deps {
            deps.push((s, i));
        }
        let sc = self.scopes.get(s);
        let r = sc.member_ref(i);
        match sc.members.get(i).map(|m| &m.kind) {
            Some(DataKind::Field(Some((_, ty)))) => (IrExpr::Field(r), ty.clone()),
            Some(DataKind::Group(child)) => (IrExpr::Field(r.clone()), Ty::Group(*child, r)),
            Some(DataKind::List(item, _)) => (IrExpr::Field(r.clone()), Ty::List(*item, r)),
            _ => error_expr(),
        }
    }

    /// Runs `f` with `key` on the inlining stack, reporting cycles.
    pub(crate) fn inline(
        &mut self,
        key: &str,
        span: Span,
        f: impl FnOnce(&mut Self) -> Typed,
    ) -> Typed {
        if let Some(pos) = self.inlining.iter().position(|(k, _)| k == key) {
            let chain: Vec<String> = self
                .inlining
                .iter()
                .skip(pos)
                .map(|(k, _)| k.split('#').next().unwrap_or(k).to_string())
                .collect();
            let first = self.inlining.get(pos).map_or(span, |(_, s)| *s);
            let mut members: Vec<String> = self
                .inlining
                .iter()
                .skip(pos)
                .map(|(k, _)| k.clone())
                .collect();
            members.sort();
            if !self.reported_cycles.insert(members) {
                return error_expr();
            }
            self.diags.push(
                Diagnostic::error(
                    DiagnosticCode::Cycle,
                    span,
                    format!("`{}` depends on itself", key_name(key)),
                )
                .with_label("used here while it is being computed")
                .with_secondary(first, "first used here")
                .with_hint(format!(
                    "the chain is: {} → {}",
                    chain.join(" → "),
                    key_name(key)
                )),
            );
            return error_expr();
        }
        if self.inlining.len() > 64 {
            self.diags.push(
                Diagnostic::error(
                    DiagnosticCode::Cycle,
                    span,
                    "definitions nest more than 64 deep",
                )
                .with_label("simplify the chain of lets and fns"),
            );
            return error_expr();
        }
        self.inlining.push((key.to_string(), span));
        let out = f(self);
        self.inlining.pop();
        out
    }

    fn unknown_name(&mut self, id: &Ident, scope: ScopeId) {
        // A field of a list that is not around us?
        let ancestors: Vec<ScopeId> = self.scopes.ancestors(scope).collect();
        for (sid, sc) in self.scopes.all.iter().enumerate() {
            if sc.kind != ScopeKind::ListItem || ancestors.contains(&sid) {
                continue;
            }
            if sc.members.iter().any(|m| m.id.name == id.name) {
                let list_name = self.list_name_of(sid).unwrap_or_default();
                self.diags.push(
                    Diagnostic::error(
                        DiagnosticCode::ListFieldOutside,
                        id.span,
                        format!("`{}` is a field of the items of list `{list_name}`", id.name),
                    )
                    .with_label("used outside its list")
                    .with_hint(format!(
                        "use it inside `{list_name}`, or through an aggregate: `max({list_name}, {0})`, `last({list_name}).{0}`",
                        id.name
                    )),
                );
                return;
            }
        }
        let mut names: Vec<&str> = vec!["today", "qualification", "applicant"];
        for s in &ancestors {
            let sc = self.scopes.get(*s);
            names.extend(sc.members.iter().map(|m| m.id.name.as_str()));
            names.extend(sc.lets.iter().map(|l| l.name.name.as_str()));
            names.extend(sc.computes.iter().map(|c| c.name.name.as_str()));
        }
        let diag = Diagnostic::error(
            DiagnosticCode::UnknownName,
            id.span,
            format!("unknown name `{}`", id.name),
        )
        .with_label("not defined in this form");
        // The envelope's times are not names: say what to read instead.
        let diag = match id.name.as_str() {
            "submitted_at" | "now" => diag.with_hint(
                "a rule cannot read the time the member's device reports: use `today`, the date \
                 (Japan time) the service receives the submission — the date that counts for \
                 時効 and deadlines (docs/language.md, \"Dates and durations\")",
            ),
            _ => diag.did_you_mean(&id.name, names),
        };
        self.diags.push(diag);
    }

    fn list_name_of(&self, item_scope: ScopeId) -> Option<String> {
        let parent = self.scopes.get(item_scope).parent?;
        self.scopes
            .get(parent)
            .members
            .iter()
            .find_map(|m| match m.kind {
                DataKind::List(s, _) if s == item_scope => Some(m.id.name.clone()),
                _ => None,
            })
    }

    // ------------------------------------------------------------ members

    fn member(&mut self, base: &Expr, m: &Ident, env: Env) -> Typed {
        if let ExprKind::Name(root) = &base.kind {
            if env == Env::FnBody
                && ["qualification", "applicant"].contains(&root.name.as_str())
                && self.is_unbound(&root.name)
            {
                self.diags.push(
                    Diagnostic::error(
                        DiagnosticCode::UnknownName,
                        root.span,
                        format!("unknown name `{}`", root.name),
                    )
                    .with_label("a fn body sees only its parameters")
                    .with_hint(format!(
                        "add a parameter and pass `{}.{}` at the call",
                        root.name, m.name
                    )),
                );
                return error_expr();
            }
            if root.name == "qualification" && self.is_unbound(&root.name) {
                return match QualField::from_id(&m.name) {
                    Some(q) => {
                        let ty = match q {
                            QualField::Sex => {
                                Ty::Choice(["male".to_string(), "female".to_string()].into())
                            }
                            other => Ty::V(other.value_type()),
                        };
                        (IrExpr::Qual(q), ty)
                    }
                    None => {
                        self.diags.push(
                            Diagnostic::error(
                                DiagnosticCode::UnknownName,
                                m.span,
                                format!("`{}` is not a qualification field", m.name),
                            )
                            .with_label("not one of the 資格 fields")
                            .did_you_mean(&m.name, QualField::ALL.iter().map(|q| q.id())),
                        );
                        error_expr()
                    }
                };
            }
            if root.name == "applicant" && self.is_unbound(&root.name) {
                if m.name == "role" {
                    return (IrExpr::Role, Ty::Choice(builtins::role_options()));
                }
                self.diags.push(
                    Diagnostic::error(
                        DiagnosticCode::UnknownName,
                        m.span,
                        format!("`applicant.{}` does not exist", m.name),
                    )
                    .with_label("the applicant has only a `role`")
                    .with_hint("did you mean `role`?"),
                );
                return error_expr();
            }
        }
        let (x, t) = self.lower(base, env);
        match t {
            Ty::Error => error_expr(),
            Ty::Group(scope, _) => match self
                .scopes
                .get(scope)
                .members
                .iter()
                .position(|mm| mm.id.name == m.name)
            {
                Some(i) => {
                    let out = self.member_value(scope, i);
                    if let Some(mm) = self.scopes.get(scope).members.get(i) {
                        self.g.record(m, mm.id, mm.ref_kind(), &out.1);
                    }
                    out
                }
                None => {
                    self.no_member(m, scope);
                    error_expr()
                }
            },
            Ty::Item {
                op,
                list,
                scope,
                path,
            } => {
                let sc = self.scopes.get(scope);
                let Some(i) = sc.members.iter().position(|mm| mm.id.name == m.name) else {
                    self.no_member(m, scope);
                    return error_expr();
                };
                if let Some(deps) = &mut self.deps {
                    deps.push((scope, i));
                }
                let mut p = path.clone();
                p.push(u32::try_from(i).unwrap_or(u32::MAX));
                let frame = list.frame.saturating_add(1);
                if let Some(mm) = sc.members.get(i) {
                    let ty = match &mm.kind {
                        DataKind::Field(Some((_, ty))) => ty.clone(),
                        DataKind::Group(child) => Ty::Item {
                            op,
                            list: list.clone(),
                            scope: *child,
                            path: p.clone(),
                        },
                        _ => Ty::Error,
                    };
                    self.g.record(m, mm.id, mm.ref_kind(), &ty);
                }
                match sc.members.get(i).map(|mm| &mm.kind) {
                    Some(DataKind::Field(Some((_, ty)))) => {
                        let body = IrExpr::Field(ir::FieldRef { frame, path: p });
                        (
                            IrExpr::Aggregate {
                                op,
                                list,
                                body: Some(Box::new(body)),
                            },
                            ty.clone(),
                        )
                    }
                    Some(DataKind::Group(child)) => (
                        x,
                        Ty::Item {
                            op,
                            list,
                            scope: *child,
                            path: p,
                        },
                    ),
                    Some(DataKind::List(..)) => {
                        self.diags.push(
                            Diagnostic::error(
                                DiagnosticCode::TypeMismatch,
                                m.span,
                                format!("`{}` is a nested list", m.name),
                            )
                            .with_label("aggregate over it inside the outer list instead"),
                        );
                        error_expr()
                    }
                    _ => error_expr(),
                }
            }
            Ty::List(item, _) => {
                let list_name = self.list_name_of(item).unwrap_or_default();
                self.diags.push(
                    Diagnostic::error(
                        DiagnosticCode::ListFieldOutside,
                        m.span,
                        format!("`{list_name}` is a list; `.{}` needs one item", m.name),
                    )
                    .with_label("a list has many items")
                    .with_hint(format!(
                        "use an aggregate: `max({list_name}, {0})`, `first({list_name}).{0}`, `last({list_name}).{0}`",
                        m.name
                    )),
                );
                error_expr()
            }
            Ty::V(V::Period) if m.name == "from" || m.name == "to" => {
                let func = if m.name == "from" {
                    ir::Builtin::PeriodFrom
                } else {
                    ir::Builtin::PeriodTo
                };
                (
                    IrExpr::Call {
                        func,
                        args: vec![x],
                    },
                    Ty::V(V::Date),
                )
            }
            other => {
                let hint = if other == Ty::V(V::Period) {
                    "a period has `.from` and `.to`"
                } else {
                    "only groups, list items and periods have members"
                };
                self.diags.push(
                    Diagnostic::error(
                        DiagnosticCode::UnknownName,
                        m.span,
                        format!("{} has no member `{}`", other.describe(), m.name),
                    )
                    .with_label("no such member")
                    .with_hint(hint),
                );
                error_expr()
            }
        }
    }

    fn is_unbound(&self, name: &str) -> bool {
        !self
            .bindings
            .last()
            .is_some_and(|b| b.iter().any(|(n, _)| n == name))
    }

    fn no_member(&mut self, m: &Ident, scope: ScopeId) {
        let names: Vec<&str> = self
            .scopes
            .get(scope)
            .members
            .iter()
            .map(|mm| mm.id.name.as_str())
            .collect();
        self.diags.push(
            Diagnostic::error(
                DiagnosticCode::UnknownName,
                m.span,
                format!("no member `{}`", m.name),
            )
            .with_label("not a member of this group")
            .did_you_mean(&m.name, names),
        );
    }

    // ------------------------------------------------------------ operators

    fn unary(&mut self, op: UnaryOp, arg: &Expr, env: Env) -> Typed {
        match op {
            UnaryOp::Not => {
                let x = self.expect(arg, env, V::Bool);
                (
                    IrExpr::Unary {
                        op: UnOp::Not,
                        arg: Box::new(x),
                    },
                    Ty::V(V::Bool),
                )
            }
            UnaryOp::Neg => {
                let (x, t) = self.lower(arg, env);
                if !t.is_number() && t != Ty::Error {
                    self.mismatch(arg.span, "a number", &t);
                    return error_expr();
                }
                (
                    IrExpr::Unary {
                        op: UnOp::Neg,
                        arg: Box::new(x),
                    },
                    t,
                )
            }
        }
    }

    fn binary(&mut self, op: BinaryOp, l: &Expr, r: &Expr, env: Env) -> Typed {
        let bin = |op, a, b| IrExpr::Binary {
            op,
            lhs: Box::new(a),
            rhs: Box::new(b),
        };
        match op {
            BinaryOp::And | BinaryOp::Or => {
                let a = self.expect(l, env, V::Bool);
                let b = self.expect(r, env, V::Bool);
                let op = if op == BinaryOp::And {
                    BinOp::And
                } else {
                    BinOp::Or
                };
                (bin(op, a, b), Ty::V(V::Bool))
            }
            BinaryOp::Eq
            | BinaryOp::Ne
            | BinaryOp::Lt
            | BinaryOp::Le
            | BinaryOp::Gt
            | BinaryOp::Ge => {
                let (a, ta) = self.lower(l, env);
                let (b, tb) = self.lower(r, env);
                self.check_choice_literal(&ta, r, &b);
                self.check_choice_literal(&tb, l, &a);
                let ordered = !matches!(op, BinaryOp::Eq | BinaryOp::Ne);
                match unify(&ta, &tb) {
                    Some(Ty::Error) => {}
                    Some(t) if t.value().is_none() => self.mismatch(l.span, "a value", &t),
                    Some(t)
                        if ordered
                            && !t.is_number()
                            && !matches!(t.value(), Some(V::Date | V::Month)) =>
                    {
                        self.diags.push(
                            Diagnostic::error(
                                DiagnosticCode::TypeMismatch,
                                l.span.to(r.span),
                                format!("`{}` cannot order {} values", op.as_str(), t.describe()),
                            )
                            .with_label("only numbers, yen, dates and months are ordered"),
                        );
                    }
                    Some(_) => {}
                    None => {
                        self.diags.push(
                            Diagnostic::error(
                                DiagnosticCode::TypeMismatch,
                                r.span,
                                format!("cannot compare {} with {}", ta.describe(), tb.describe()),
                            )
                            .with_label(format!(
                                "expected {}, found {}",
                                ta.describe(),
                                tb.describe()
                            ))
                            .with_secondary(l.span, format!("this is {}", ta.describe())),
                        );
                    }
                }
                let op = match op {
                    BinaryOp::Eq => BinOp::Eq,
                    BinaryOp::Ne => BinOp::Ne,
                    BinaryOp::Lt => BinOp::Lt,
                    BinaryOp::Le => BinOp::Le,
                    BinaryOp::Gt => BinOp::Gt,
                    _ => BinOp::Ge,
                };
                (bin(op, a, b), Ty::V(V::Bool))
            }
            BinaryOp::Add | BinaryOp::Sub | BinaryOp::Mul | BinaryOp::Div => {
                self.arith(op, l, r, env)
            }
        }
    }

    fn arith(&mut self, op: BinaryOp, l: &Expr, r: &Expr, env: Env) -> Typed {
        let (a, ta) = self.lower(l, env);
        let (b, tb) = self.lower(r, env);
        let irop = match op {
            BinaryOp::Add => BinOp::Add,
            BinaryOp::Sub => BinOp::Sub,
            BinaryOp::Mul => BinOp::Mul,
            _ => BinOp::Div,
        };
        if ta == Ty::Error || tb == Ty::Error {
            return error_expr();
        }
        // Fold integer literal fractions (`2 / 3`) into exact rates.
        if let (BinOp::Div, IrExpr::Lit(Literal::Int(n)), IrExpr::Lit(Literal::Int(d))) =
            (irop, &a, &b)
            && *d != 0
        {
            let (num, den) = reduce(*n, *d);
            return (IrExpr::Lit(Literal::Rate { num, den }), Ty::V(V::Rate));
        }
        let result = match (ta.value(), tb.value()) {
            (Some(V::Date), Some(V::Duration)) if matches!(op, BinaryOp::Add | BinaryOp::Sub) => {
                Some(V::Date)
            }
            (Some(x), Some(y)) => match (numeric(x), numeric(y)) {
                (Some((dx, ix)), Some((dy, iy))) => match op {
                    BinaryOp::Add | BinaryOp::Sub => (dx == dy).then(|| from_numeric(dx, ix && iy)),
                    BinaryOp::Mul => match (dx, dy) {
                        (Dim::Plain, Dim::Plain) => Some(from_numeric(Dim::Plain, ix && iy)),
                        (Dim::Yen, Dim::Plain) | (Dim::Plain, Dim::Yen) => {
                            Some(from_numeric(Dim::Yen, ix && iy))
                        }
                        (Dim::Yen, Dim::Yen) => None,
                    },
                    _ => match (dx, dy) {
                        (Dim::Plain, Dim::Plain) | (Dim::Yen, Dim::Yen) => Some(V::Rate),
                        (Dim::Yen, Dim::Plain) => Some(V::YenFrac),
                        (Dim::Plain, Dim::Yen) => None,
                    },
                },
                _ => None,
            },
            _ => None,
        };
        match result {
            Some(v) => (
                IrExpr::Binary {
                    op: irop,
                    lhs: Box::new(a),
                    rhs: Box::new(b),
                },
                Ty::V(v),
            ),
            None => {
                let mut d = Diagnostic::error(
                    DiagnosticCode::TypeMismatch,
                    r.span,
                    format!(
                        "cannot {} {} and {}",
                        verb(op),
                        ta.describe(),
                        tb.describe()
                    ),
                )
                .with_label(format!("this is {}", tb.describe()))
                .with_secondary(l.span, format!("this is {}", ta.describe()));
                if ta.value() == Some(V::Date) && tb.value() == Some(V::Date) {
                    d = d.with_hint("use `days_between(a, b)` for the days between two dates");
                } else if ta.value() == Some(V::Date) && tb.value() == Some(V::Int) {
                    d = d.with_hint("add a duration: `date + 3 days`, `date + 1 month`");
                }
                self.diags.push(d);
                error_expr()
            }
        }
    }

    fn in_set(&mut self, value: &Expr, set: &[Expr], negated: bool, span: Span, env: Env) -> Typed {
        // `not in` lowers to `not (… in …)`: one more level.
        let extra = usize::from(negated);
        self.depth += extra;
        let out = self.in_set_inner(value, set, negated, span, env);
        self.depth -= extra;
        out
    }

    fn in_set_inner(
        &mut self,
        value: &Expr,
        set: &[Expr],
        negated: bool,
        span: Span,
        env: Env,
    ) -> Typed {
        let (x, tx) = self.lower(value, env);
        let mut items = Vec::new();
        for s in set {
            let (y, ty) = self.lower(s, env);
            self.check_choice_literal(&tx, s, &y);
            if unify(&tx, &ty).is_none() {
                self.diags.push(
                    Diagnostic::error(
                        DiagnosticCode::TypeMismatch,
                        s.span,
                        format!("expected {}, found {}", tx.describe(), ty.describe()),
                    )
                    .with_label("every candidate must have the type of the tested value")
                    .with_secondary(value.span, format!("this is {}", tx.describe())),
                );
            }
            items.push(y);
        }
        let _ = span;
        let e = IrExpr::In {
            value: Box::new(x),
            set: items,
        };
        let e = if negated {
            IrExpr::Unary {
                op: UnOp::Not,
                arg: Box::new(e),
            }
        } else {
            e
        };
        (e, Ty::V(V::Bool))
    }

    /// A text literal compared with a choice must be one of its options.
    pub(crate) fn check_choice_literal(&mut self, choice: &Ty, lit: &Expr, lowered: &IrExpr) {
        let (Ty::Choice(options) | Ty::Multi(options)) = choice else {
            return;
        };
        let IrExpr::Lit(Literal::Text(s)) = lowered else {
            return;
        };
        if options.iter().any(|o| o == s) {
            return;
        }
        self.diags.push(
            Diagnostic::error(
                DiagnosticCode::UnknownOption,
                lit.span,
                format!("`{s}` is not an option of this choice"),
            )
            .with_label(format!("options are: {}", options.join(", ")))
            .did_you_mean(s, options.iter().map(String::as_str)),
        );
    }
}

fn key_name(key: &str) -> &str {
    key.split('#').next().unwrap_or(key)
}

fn verb(op: BinaryOp) -> &'static str {
    match op {
        BinaryOp::Add => "add",
        BinaryOp::Sub => "subtract",
        BinaryOp::Mul => "multiply",
        _ => "divide",
    }
}

/// Parses `YYYY-MM-DD`.
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    // The one date parser (year 0 refused, as at run time); the grammar
    // only lets `YYYY-MM-DD` through.
    shinsei_jp::wareki::parse_date(s).ok()
}

fn gcd(a: i64, b: i64) -> i64 {
    let (mut a, mut b) = (a.unsigned_abs(), b.unsigned_abs());
    while b != 0 {
        (a, b) = (b, a % b);
    }
    i64::try_from(a).unwrap_or(1).max(1)
}

fn reduce(n: i64, d: i64) -> (i64, i64) {
    let g = gcd(n, d);
    let (n, d) = (n / g, d / g);
    if d < 0 { (-n, -d) } else { (n, d) }
}

/// A decimal literal as an exact reduced fraction (at most 12 places).
pub fn decimal(s: &str) -> Option<(i64, i64)> {
    let (int, frac) = s.split_once('.')?;
    if frac.len() > 12 {
        return None;
    }
    let den = 10i64.checked_pow(u32::try_from(frac.len()).ok()?)?;
    let num = format!("{int}{frac}").parse::<i64>().ok()?;
    Some(reduce(num, den))
}
