//! Effective-dated parameters → IR, and standalone checks of `fn` bodies.

use std::collections::BTreeMap;

use shinsei_ir::{Literal, Param, ParamPeriod, ParamValue, ValueType as V};
use shinsei_syntax::ast::{Expr, ExprKind, Lit, ParamDecl, ParamValueDecl, UnaryOp};
use shinsei_syntax::{Diagnostic, DiagnosticCode, SourceDb};

use crate::expr::{Env, Lowerer, decimal, parse_date};
use crate::globals::Globals;
use crate::label::text;
use crate::scope::Scopes;
use crate::suggest::DidYouMean as _;
use crate::ty::{Ty, VALUE_TYPE_NAMES, named_value_type};

/// Lowers every `param`.
pub fn lower_params(
    g: &Globals,
    db: &SourceDb,
    diags: &mut Vec<Diagnostic>,
) -> BTreeMap<String, Param> {
    g.params
        .values()
        .filter_map(|p| lower_param(p, g, db, diags))
        .map(|p| (p.name.clone(), p))
        .collect()
}

fn lower_param(
    p: &ParamDecl,
    g: &Globals,
    db: &SourceDb,
    diags: &mut Vec<Diagnostic>,
) -> Option<Param> {
    let ty = match named_value_type(&p.ty.name) {
        Some(t @ (V::Yen | V::Int | V::Rate | V::Date | V::Bool | V::Text)) => t,
        _ => {
            diags.push(
                Diagnostic::error(
                    DiagnosticCode::UnknownType,
                    p.ty.span,
                    format!("`{}` cannot be a param type", p.ty.name),
                )
                .with_label("expected yen, integer, rate, date, bool or text")
                .did_you_mean(&p.ty.name, VALUE_TYPE_NAMES),
            );
            return None;
        }
    };
    let keys: Vec<String> = match &p.by {
        None => Vec::new(),
        Some(by) => match g.enums.get(by.name.as_str()) {
            Some(e) => e.options.iter().map(|o| o.key.name.clone()).collect(),
            None => {
                diags.push(
                    Diagnostic::error(
                        DiagnosticCode::UnknownName,
                        by.span,
                        format!("unknown enum `{}`", by.name),
                    )
                    .with_label("a keyed param needs an enum of keys")
                    .did_you_mean(&by.name, g.enums.keys().copied()),
                );
                return None;
            }
        },
    };
    let mut periods: Vec<ParamPeriod> = Vec::new();
    for period in &p.periods {
        let Some(from) = parse_date(&period.from.text) else {
            diags.push(
                Diagnostic::error(
                    DiagnosticCode::BadLiteral,
                    period.from.span,
                    format!("`{}` is not a valid date", period.from.text),
                )
                .with_label("no such day"),
            );
            continue;
        };
        if let Some(prev) = periods.last()
            && from <= prev.from
        {
            diags.push(
                Diagnostic::error(
                    DiagnosticCode::BadParam,
                    period.from.span,
                    "periods must be in date order",
                )
                .with_label(format!("not after {}", prev.from)),
            );
        }
        let value = match (&period.value, p.by.is_some()) {
            (ParamValueDecl::Single(e), false) => ParamValue::Single(literal(e, ty, diags)?),
            (ParamValueDecl::Keyed(kv), true) => {
                let mut map = BTreeMap::new();
                for (k, e) in kv {
                    if !keys.contains(&k.name) {
                        diags.push(
                            Diagnostic::error(
                                DiagnosticCode::UnknownOption,
                                k.span,
                                format!("`{}` is not a key of this table", k.name),
                            )
                            .with_label(format!("keys are: {}", keys.join(", ")))
                            .did_you_mean(&k.name, keys.iter().map(String::as_str)),
                        );
                        continue;
                    }
                    if let Some(l) = literal(e, ty, diags) {
                        map.insert(k.name.clone(), l);
                    }
                }
                let missing: Vec<&str> = keys
                    .iter()
                    .filter(|k| !map.contains_key(*k))
                    .map(String::as_str)
                    .collect();
                if !missing.is_empty() {
                    diags.push(
                        Diagnostic::error(
                            DiagnosticCode::BadParam,
                            period.span,
                            format!("no value for {}", missing.join(", ")),
                        )
                        .with_label("every key needs a value in every period"),
                    );
                }
                ParamValue::Keyed(map)
            }
            (_, keyed) => {
                let what = if keyed {
                    "a `{ key value, … }` table"
                } else {
                    "one value"
                };
                diags.push(
                    Diagnostic::error(
                        DiagnosticCode::BadParam,
                        period.span,
                        format!("expected {what}"),
                    )
                    .with_label("wrong shape"),
                );
                continue;
            }
        };
        periods.push(ParamPeriod {
            from,
            value,
            note: period.note.clone(),
        });
    }
    let source = db
        .get(p.span.file)
        .map(|s| s.name.clone())
        .unwrap_or_default();
    Some(Param {
        name: p.id.name.clone(),
        label: text(&p.label),
        ty,
        keys,
        periods,
        source,
    })
}

fn literal(e: &Expr, ty: V, diags: &mut Vec<Diagnostic>) -> Option<Literal> {
    let (lit, neg) = match &e.kind {
        ExprKind::Lit(l) => (l, false),
        ExprKind::Unary(UnaryOp::Neg, inner) => match &inner.kind {
            ExprKind::Lit(l) => (l, true),
            _ => return bad(e, ty, diags),
        },
        _ => return bad(e, ty, diags),
    };
    let sign = if neg { -1 } else { 1 };
    Some(match (lit, ty) {
        (Lit::Yen(n), V::Yen) => Literal::Yen(sign * n),
        (Lit::Int(n), V::Int) => Literal::Int(sign * n),
        (Lit::Int(n), V::Rate) => Literal::Rate {
            num: sign * n,
            den: 1,
        },
        (Lit::Decimal(s), V::Rate) => match decimal(s) {
            Some((num, den)) => Literal::Rate {
                num: sign * num,
                den,
            },
            None => {
                return bad_literal(
                    e,
                    format!("`{s}` has too many digits"),
                    "at most 12 decimal places",
                    diags,
                );
            }
        },
        (Lit::Date(s), V::Date) if !neg => match parse_date(s) {
            Some(d) => Literal::Date(d),
            None => {
                return bad_literal(
                    e,
                    format!("`{s}` is not a valid date"),
                    "no such day",
                    diags,
                );
            }
        },
        (Lit::Bool(b), V::Bool) if !neg => Literal::Bool(*b),
        (Lit::Str(s), V::Text) if !neg => Literal::Text(s.clone()),
        _ => return bad(e, ty, diags),
    })
}

fn bad_literal(
    e: &Expr,
    message: String,
    label: &str,
    diags: &mut Vec<Diagnostic>,
) -> Option<Literal> {
    diags.push(Diagnostic::error(DiagnosticCode::BadLiteral, e.span, message).with_label(label));
    None
}

fn bad(e: &Expr, ty: V, diags: &mut Vec<Diagnostic>) -> Option<Literal> {
    let example = match ty {
        V::Yen => "500_000円",
        V::Date => "2026-04-01",
        V::Rate => "0.3",
        _ => "a literal",
    };
    diags.push(
        Diagnostic::error(
            DiagnosticCode::TypeMismatch,
            e.span,
            format!("expected a {} literal", ty.name()),
        )
        .with_label(format!("e.g. {example}")),
    );
    None
}

/// Checks every `fn` body once with its declared parameter types.
pub fn check_fn_bodies(g: &Globals, diags: &mut Vec<Diagnostic>) {
    let scopes = Scopes { all: Vec::new() };
    for f in g.fns.values() {
        let mut bound = Vec::new();
        for (name, ty) in &f.params {
            match named_value_type(&ty.name) {
                Some(t) => bound.push((
                    name.name.clone(),
                    (shinsei_ir::Expr::Lit(Literal::Bool(false)), Ty::V(t)),
                )),
                None => {
                    diags.push(
                        Diagnostic::error(
                            DiagnosticCode::UnknownType,
                            ty.span,
                            format!("unknown type `{}`", ty.name),
                        )
                        .with_label("a parameter type")
                        .did_you_mean(&ty.name, VALUE_TYPE_NAMES),
                    );
                    bound.push((
                        name.name.clone(),
                        (shinsei_ir::Expr::Lit(Literal::Bool(false)), Ty::Error),
                    ));
                }
            }
        }
        let mut lw = Lowerer::new(g, &scopes, diags);
        lw.bindings.push(bound);
        let key = format!("fn {}", f.id.name);
        lw.inline(&key, f.id.span, |me| me.lower(&f.body, Env::FnBody));
    }
}
