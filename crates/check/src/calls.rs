//! Calls: aggregates over lists, `present`, built-in functions, parameters and
//! user `fn`s (inlined at each call, type-checked with the actual arguments).
//!
//! A call that cannot be typed (unknown callee, wrong number of arguments)
//! still has its arguments checked, so the problems inside them are reported
//! in the same run.

use shinsei_ir::{AggOp, Expr as IrExpr, FieldRef, Literal, ValueType as V};
use shinsei_syntax::ast::{Expr, FnDecl, Ident, ParamDecl};
use shinsei_syntax::{Diagnostic, DiagnosticCode, Span};

use crate::builtins;
use crate::expr::{Env, Lowerer, Typed, error_expr};
use crate::suggest::DidYouMean as _;
use crate::ty::{Ty, accepts, named_value_type};

/// What is being called, for the arity diagnostic: its signature and where
/// it is declared.
#[derive(Clone, Copy)]
pub(crate) enum Callee<'a> {
    /// A built-in function or aggregate.
    Builtin,
    /// A `param` (its date, and its key for a table).
    Param(&'a ParamDecl),
    /// A user `fn`.
    Fn(&'a FnDecl),
}

impl Lowerer<'_, '_> {
    pub(crate) fn call(&mut self, f: &Ident, args: &[Expr], span: Span, env: Env) -> Typed {
        let name = f.name.as_str();
        if name == builtins::PRESENT {
            return self.present(f, args, env);
        }
        if let Some(op) = builtins::aggregate(name) {
            let first = args.first().map(|a| self.lower(a, env));
            if let Some((x, Ty::List(item, list))) = &first {
                let _ = x;
                return self.aggregate(op, f, list.clone(), *item, args, span);
            }
            if !matches!(name, "min" | "max")
                && let Some((_, t)) = &first
            {
                if *t != Ty::Error {
                    let at = args.first().map_or(span, |a| a.span);
                    self.diags.push(
                        Diagnostic::error(
                            DiagnosticCode::TypeMismatch,
                            at,
                            format!("expected a list, found {}", t.describe()),
                        )
                        .with_label(format!("`{name}` aggregates over the items of a list")),
                    );
                }
                self.lower_args(args.get(1..).unwrap_or_default(), env);
                return error_expr();
            }
        }
        if let Some((func, min, max)) = builtins::function(name) {
            if !self.arity(f, args.len(), min, max, span, Callee::Builtin) {
                self.lower_args(args, env);
                return error_expr();
            }
            let lowered: Vec<Typed> = args.iter().map(|a| self.lower(a, env)).collect();
            let types: Vec<Ty> = lowered.iter().map(|(_, t)| t.clone()).collect();
            return match builtins::type_call(func, &types) {
                Ok(ty) => (
                    IrExpr::Call {
                        func,
                        args: lowered.into_iter().map(|(x, _)| x).collect(),
                    },
                    ty,
                ),
                Err((i, msg)) => {
                    let at = args.get(i).map_or(span, |a| a.span);
                    self.diags.push(
                        Diagnostic::error(DiagnosticCode::TypeMismatch, at, msg)
                            .with_label(format!("argument {} of `{name}`", i + 1)),
                    );
                    error_expr()
                }
            };
        }
        if let Some(p) = self.g.params.get(name).copied() {
            return self.param(p, f, args, span, env);
        }
        if let Some(func) = self.g.fns.get(name).copied() {
            return self.user_fn(func, f, args, span, env);
        }
        let candidates: Vec<String> = builtins::names()
            .map(str::to_string)
            .chain(self.g.params.keys().map(|k| k.to_string()))
            .chain(self.g.fns.keys().map(|k| k.to_string()))
            .collect();
        self.diags.push(
            Diagnostic::error(
                DiagnosticCode::UnknownFunction,
                f.span,
                format!("unknown function `{name}`"),
            )
            .with_label("not a built-in, a param or a fn")
            .did_you_mean(name, candidates.iter().map(String::as_str)),
        );
        self.lower_args(args, env);
        error_expr()
    }

    /// Checks arguments whose call cannot be typed, for their own problems.
    fn lower_args(&mut self, args: &[Expr], env: Env) {
        for a in args {
            self.lower(a, env);
        }
    }

    fn arity(
        &mut self,
        f: &Ident,
        n: usize,
        min: usize,
        max: usize,
        span: Span,
        callee: Callee,
    ) -> bool {
        if (min..=max).contains(&n) {
            return true;
        }
        let expected = if min == max {
            format!("{min}")
        } else {
            format!("{min} to {max}")
        };
        let plural = if min == 1 && max == 1 { "" } else { "s" };
        let d = Diagnostic::error(
            DiagnosticCode::Arity,
            span,
            format!("`{}` takes {expected} argument{plural}, found {n}", f.name),
        )
        .with_label(format!("{n} given"));
        let d = match callee {
            Callee::Builtin => match builtins::signature(&f.name) {
                Some(sig) => d.with_hint(format!(
                    "`{sig}` is a built-in function (docs/language.md §11)"
                )),
                None => d,
            },
            Callee::Param(p) => {
                let sig = match &p.by {
                    Some(by) => format!("{}(date, key: {}) -> {}", p.id.name, by.name, p.ty.name),
                    None => format!("{}(date) -> {}", p.id.name, p.ty.name),
                };
                d.with_secondary(p.id.span, format!("param `{sig}` declared here"))
                    .with_hint(
                        "a param takes the date the law ties its value to (and, for a table, the key)",
                    )
            }
            Callee::Fn(func) => {
                let params: Vec<String> = func
                    .params
                    .iter()
                    .map(|(n, t)| format!("{}: {}", n.name, t.name))
                    .collect();
                d.with_secondary(
                    func.id.span,
                    format!("fn `{}({})` declared here", func.id.name, params.join(", ")),
                )
            }
        };
        self.diags.push(d);
        false
    }

    fn present(&mut self, f: &Ident, args: &[Expr], env: Env) -> Typed {
        if !self.arity(f, args.len(), 1, 1, f.span, Callee::Builtin) {
            self.lower_args(args, env);
            return error_expr();
        }
        let Some(arg) = args.first() else {
            return error_expr();
        };
        let (x, t) = self.lower(arg, env);
        let r = match (&x, &t) {
            (_, Ty::Error) => return error_expr(),
            (IrExpr::Field(r), _) => r.clone(),
            _ => {
                self.diags.push(
                    Diagnostic::error(
                        DiagnosticCode::TypeMismatch,
                        arg.span,
                        "`present` needs a field",
                    )
                    .with_label(format!("this is a computed {}", t.describe())),
                );
                return error_expr();
            }
        };
        (IrExpr::Present(r), Ty::V(V::Bool))
    }

    fn aggregate(
        &mut self,
        op: AggOp,
        f: &Ident,
        list: FieldRef,
        item: usize,
        args: &[Expr],
        span: Span,
    ) -> Typed {
        let (min, max) = match op {
            AggOp::Count | AggOp::First | AggOp::Last => (1, 2),
            _ => (2, 2),
        };
        if !self.arity(f, args.len(), min, max, span, Callee::Builtin) {
            self.lower_args(args.get(1..).unwrap_or_default(), Env::Scope(item));
            return error_expr();
        }
        let body = args
            .get(1)
            .map(|b| (b.span, self.lower(b, Env::Scope(item))));
        let body_ty = body.as_ref().map(|(_, (_, t))| t.clone());
        let want = |me: &mut Self, expected: &str, ok: bool| {
            if let Some((sp, (_, t))) = &body
                && !ok
                && *t != Ty::Error
            {
                me.diags.push(
                    Diagnostic::error(
                        DiagnosticCode::TypeMismatch,
                        *sp,
                        format!("expected {expected}, found {}", t.describe()),
                    )
                    .with_label(format!("evaluated for each item by `{}`", f.name)),
                );
            }
        };
        let ty = match op {
            AggOp::Count => {
                want(
                    self,
                    "bool",
                    body_ty.as_ref().is_none_or(|t| t.value() == Some(V::Bool)),
                );
                Ty::V(V::Int)
            }
            AggOp::All | AggOp::Any => {
                want(
                    self,
                    "bool",
                    body_ty.as_ref().is_some_and(|t| t.value() == Some(V::Bool)),
                );
                Ty::V(V::Bool)
            }
            AggOp::Sum => {
                want(
                    self,
                    "a number",
                    body_ty.as_ref().is_some_and(Ty::is_number),
                );
                body_ty.clone().unwrap_or(Ty::Error)
            }
            AggOp::Min | AggOp::Max => {
                let ok = body_ty.as_ref().is_some_and(|t| {
                    t.is_number() || matches!(t.value(), Some(V::Date | V::Month))
                });
                want(self, "a number, date or month", ok);
                body_ty.clone().unwrap_or(Ty::Error)
            }
            AggOp::First | AggOp::Last => match &body_ty {
                None => {
                    return (
                        IrExpr::Lit(Literal::Bool(false)),
                        Ty::Item {
                            op,
                            list,
                            scope: item,
                            path: Vec::new(),
                        },
                    );
                }
                Some(t) => t.clone(),
            },
            AggOp::Distinct => {
                want(
                    self,
                    "a value",
                    body_ty.as_ref().is_some_and(|t| t.value().is_some()),
                );
                Ty::V(V::Bool)
            }
            AggOp::Disjoint => {
                want(
                    self,
                    "period",
                    body_ty
                        .as_ref()
                        .is_some_and(|t| t.value() == Some(V::Period)),
                );
                Ty::V(V::Bool)
            }
        };
        let ty = if body_ty == Some(Ty::Error) {
            Ty::Error
        } else {
            ty
        };
        let body = body.map(|(_, (x, _))| Box::new(x));
        (IrExpr::Aggregate { op, list, body }, ty)
    }

    fn param(&mut self, p: &ParamDecl, f: &Ident, args: &[Expr], span: Span, env: Env) -> Typed {
        let keyed = p.by.is_some();
        let n = if keyed { 2 } else { 1 };
        if !self.arity(f, args.len(), n, n, span, Callee::Param(p)) {
            self.lower_args(args, env);
            return error_expr();
        }
        self.params_used.insert(p.id.name.clone());
        let mut lowered = args
            .iter()
            .map(|a| self.lower(a, env))
            .collect::<Vec<_>>()
            .into_iter();
        let (at, at_ty) = lowered.next().unwrap_or_else(error_expr);
        if at_ty != Ty::Error && at_ty.value() != Some(V::Date) {
            let sp = args.first().map_or(span, |a| a.span);
            self.diags.push(
                Diagnostic::error(
                    DiagnosticCode::TypeMismatch,
                    sp,
                    format!("expected date, found {}", at_ty.describe()),
                )
                .with_label(format!(
                    "the date that selects the value of `{}`",
                    p.id.name
                )),
            );
        }
        let key = lowered.next();
        let key = match (key, &p.by) {
            (Some((k, kt)), Some(by)) => {
                if let Some(e) = self.g.enums.get(by.name.as_str()) {
                    let keys: std::rc::Rc<[String]> =
                        e.options.iter().map(|o| o.key.name.clone()).collect();
                    if let Some(arg) = args.get(1) {
                        self.check_choice_literal(&Ty::Choice(keys), arg, &k);
                    }
                }
                if kt != Ty::Error && !matches!(kt.value(), Some(V::Choice | V::Text)) {
                    let sp = args.get(1).map_or(span, |a| a.span);
                    self.mismatch(sp, "a choice", &kt);
                }
                Some(Box::new(k))
            }
            _ => None,
        };
        let ty = named_value_type(&p.ty.name).map_or(Ty::Error, Ty::V);
        (
            IrExpr::Param {
                name: p.id.name.clone(),
                at: Box::new(at),
                key,
            },
            ty,
        )
    }

    fn user_fn(&mut self, func: &FnDecl, f: &Ident, args: &[Expr], span: Span, env: Env) -> Typed {
        let n = func.params.len();
        if !self.arity(f, args.len(), n, n, span, Callee::Fn(func)) {
            self.lower_args(args, env);
            return error_expr();
        }
        let mut bound = Vec::new();
        for ((pname, pty), arg) in func.params.iter().zip(args) {
            let (x, t) = self.lower(arg, env);
            match named_value_type(&pty.name) {
                Some(expected) if !accepts(expected, &t) => {
                    self.diags.push(
                        Diagnostic::error(
                            DiagnosticCode::TypeMismatch,
                            arg.span,
                            format!("expected {}, found {}", expected.name(), t.describe()),
                        )
                        .with_label(format!("parameter `{}` of `{}`", pname.name, func.id.name))
                        .with_secondary(pty.span, "declared here"),
                    );
                }
                _ => {}
            }
            bound.push((pname.name.clone(), (x, t)));
        }
        let key = format!("fn {}", func.id.name);
        self.bindings.push(bound);
        let mark = self.diags.len();
        let out = self.inline(&key, f.span, |me| me.lower(&func.body, Env::FnBody));
        self.bindings.pop();
        // Problems inside the body are reported once, where the fn is declared
        // (see `check_fn_bodies`), not again at every call.
        let body = func.body.span;
        let mut i = mark;
        while i < self.diags.len() {
            let d = &self.diags[i];
            if d.code != DiagnosticCode::Cycle
                && d.span.file == body.file
                && d.span.start >= body.start
                && d.span.end <= body.end
            {
                self.diags.remove(i);
            } else {
                i += 1;
            }
        }
        out
    }
}
