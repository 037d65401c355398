//! Field types as written (`text(max 20)`, `digits(7)`, an enum) → IR kinds.

use std::rc::Rc;

use shinsei_ir::{CharClass, ChoiceOption, FieldKind, ValueType};
use shinsei_syntax::ast::{OptionDecl, TypeArg, TypeArgValue, TypeExpr};
use shinsei_syntax::{Diagnostic, DiagnosticCode};

use crate::globals::Globals;
use crate::label::text;
use crate::suggest::DidYouMean as _;
use crate::ty::{BUILTIN_TYPES, Ty};

/// Lowers a field type; `None` after reporting an error.
pub fn lower(ty: &TypeExpr, g: &Globals, diags: &mut Vec<Diagnostic>) -> Option<(FieldKind, Ty)> {
    match ty {
        TypeExpr::Choice { options, .. } => {
            let options = lower_options(options, diags);
            let keys = keys(&options);
            Some((FieldKind::Choice { options }, Ty::Choice(keys)))
        }
        TypeExpr::Multi {
            args,
            options,
            span,
        } => {
            let mut a = Args::new(args, diags);
            let min = a.keyed("min").unwrap_or(0);
            let max = a.keyed("max");
            a.bounds(true);
            a.finish(&["min", "max"], *span);
            let options = lower_options(options, diags);
            let keys = keys(&options);
            Some((
                FieldKind::Multi {
                    options,
                    min: to_u32(min),
                    max: max.map(to_u32),
                },
                Ty::Multi(keys),
            ))
        }
        TypeExpr::Named { name, args, span } => {
            let mut a = Args::new(args, diags);
            let v = |k: ValueType| Ty::V(k);
            let out = match name.name.as_str() {
                "text" => {
                    let chars = a.chars();
                    let lines = a.lines(chars.is_some());
                    let kind = FieldKind::Text {
                        min_len: a.keyed("min").map(to_u32),
                        max_len: a.keyed("max").map(to_u32),
                        chars,
                        lines,
                    };
                    a.bounds(true);
                    a.finish(&["min", "max", "chars", "lines"], *span);
                    (kind, v(ValueType::Text))
                }
                "kana" => {
                    let kind = FieldKind::Kana {
                        max_len: a.keyed("max").map(to_u32),
                    };
                    a.bounds(true);
                    a.finish(&["max"], *span);
                    (kind, v(ValueType::Text))
                }
                "integer" => {
                    let kind = FieldKind::Integer {
                        min: a.keyed("min"),
                        max: a.keyed("max"),
                    };
                    a.bounds(false);
                    a.finish(&["min", "max"], *span);
                    (kind, v(ValueType::Int))
                }
                "yen" => {
                    let kind = FieldKind::Yen {
                        min: a.keyed("min"),
                        max: a.keyed("max"),
                    };
                    a.bounds(false);
                    a.finish(&["min", "max"], *span);
                    (kind, v(ValueType::Yen))
                }
                "digits" => {
                    let (min, max) = a.digits(*span)?;
                    a.finish(&[], *span);
                    (FieldKind::Digits { min, max }, v(ValueType::Text))
                }
                simple => {
                    let kind = match simple {
                        "rate" => (FieldKind::Rate, v(ValueType::Rate)),
                        "date" => (FieldKind::Date, v(ValueType::Date)),
                        "period" => (FieldKind::Period, v(ValueType::Period)),
                        "month" => (FieldKind::Month, v(ValueType::Month)),
                        "bool" => (FieldKind::Bool, v(ValueType::Bool)),
                        "postal_code" => (FieldKind::PostalCode, v(ValueType::Text)),
                        "phone" => (FieldKind::Phone, v(ValueType::Text)),
                        "email" => (FieldKind::Email, v(ValueType::Text)),
                        "address" => (FieldKind::Address, v(ValueType::Text)),
                        "choice" | "multi" => {
                            a.finish(&[], *span);
                            diags.push(
                                Diagnostic::error(
                                    DiagnosticCode::UnknownType,
                                    name.span,
                                    format!("`{}` needs its options", name.name),
                                )
                                .with_label("no options given")
                                .with_hint(format!("write `{} {{ key \"label\", … }}`", name.name)),
                            );
                            return None;
                        }
                        other => {
                            if let Some(e) = g.enums.get(other) {
                                a.finish(&[], *span);
                                let options = lower_options(&e.options, diags);
                                let keys = keys(&options);
                                return Some((FieldKind::Choice { options }, Ty::Choice(keys)));
                            }
                            drop(a); // the type is unknown, so its arguments cannot be judged
                            let candidates =
                                BUILTIN_TYPES.iter().copied().chain(g.enums.keys().copied());
                            let d = Diagnostic::error(
                                DiagnosticCode::UnknownType,
                                name.span,
                                format!("unknown type `{other}`"),
                            )
                            .with_label("not a built-in type or an enum");
                            diags.push(match synonym(other) {
                                Some(t) => d.with_hint(format!(
                                    "the type is written `{t}` here (docs/language.md §4)"
                                )),
                                None => d.did_you_mean(other, candidates),
                            });
                            return None;
                        }
                    };
                    a.finish(&[], *span);
                    kind
                }
            };
            Some(out)
        }
    }
}

fn to_u32(n: i64) -> u32 {
    u32::try_from(n.max(0)).unwrap_or(u32::MAX)
}

fn keys(options: &[ChoiceOption]) -> Rc<[String]> {
    options.iter().map(|o| o.key.clone()).collect()
}

/// Lowers choice options, reporting duplicate keys.
pub fn lower_options(options: &[OptionDecl], diags: &mut Vec<Diagnostic>) -> Vec<ChoiceOption> {
    let mut out: Vec<ChoiceOption> = Vec::new();
    for (i, o) in options.iter().enumerate() {
        if let Some(prev) = options.iter().take(i).find(|p| p.key.name == o.key.name) {
            diags.push(
                Diagnostic::error(
                    DiagnosticCode::DuplicateId,
                    o.key.span,
                    format!("option `{}` is listed twice", o.key.name),
                )
                .with_label("second time")
                .with_secondary(prev.key.span, "first listed here"),
            );
            continue;
        }
        out.push(ChoiceOption {
            key: o.key.name.clone(),
            label: text(&o.label),
        });
    }
    out
}

/// Type arguments being consumed.
struct Args<'a, 'd> {
    args: &'a [TypeArg],
    used: Vec<bool>,
    diags: &'d mut Vec<Diagnostic>,
}

impl<'a, 'd> Args<'a, 'd> {
    fn new(args: &'a [TypeArg], diags: &'d mut Vec<Diagnostic>) -> Self {
        Args {
            args,
            used: vec![false; args.len()],
            diags,
        }
    }

    fn keyed(&mut self, key: &str) -> Option<i64> {
        for (i, a) in self.args.iter().enumerate() {
            if let TypeArg::Keyed {
                key: k,
                value: TypeArgValue::Number(n),
                ..
            } = a
                && k.name == key
            {
                self.used[i] = true;
                return Some(*n);
            }
        }
        None
    }

    fn chars(&mut self) -> Option<CharClass> {
        for (i, a) in self.args.iter().enumerate() {
            if let TypeArg::Keyed {
                key,
                value: TypeArgValue::Name(n),
                span,
            } = a
                && key.name == "chars"
            {
                self.used[i] = true;
                let found = CharClass::ALL.into_iter().find(|c| c.name() == n.as_str());
                if found.is_none() {
                    let names = CharClass::ALL.map(CharClass::name);
                    let (last, rest) = names.split_last().unwrap_or((&"", &[]));
                    self.diags.push(
                        Diagnostic::error(
                            DiagnosticCode::BadTypeArgument,
                            *span,
                            format!("unknown character class `{n}`"),
                        )
                        .with_label(format!("expected {} or {last}", rest.join(", ")))
                        .did_you_mean(n, names),
                    );
                }
                return found;
            }
        }
        None
    }

    /// `lines N` (2–100): a multi-line text; not with a character class,
    /// which has no line breaks.
    fn lines(&mut self, has_chars: bool) -> Option<u32> {
        let (i, n, span) = self.args.iter().enumerate().find_map(|(i, a)| match a {
            TypeArg::Keyed {
                key,
                value: TypeArgValue::Number(n),
                span,
            } if key.name == "lines" => Some((i, *n, *span)),
            _ => None,
        })?;
        self.used[i] = true;
        let problem = if has_chars {
            Some("a character class has no line breaks: drop `lines` or `chars`")
        } else if !(2..=100).contains(&n) {
            Some("a multi-line text has 2 to 100 lines")
        } else {
            None
        };
        if let Some(label) = problem {
            self.diags.push(
                Diagnostic::error(
                    DiagnosticCode::BadTypeArgument,
                    span,
                    format!("`lines {n}` is not allowed here"),
                )
                .with_label(label),
            );
            return None;
        }
        Some(to_u32(n))
    }

    fn digits(&mut self, span: shinsei_syntax::Span) -> Option<(u32, u32)> {
        for (i, a) in self.args.iter().enumerate() {
            match a {
                TypeArg::Positional(n, s) => {
                    self.used[i] = true;
                    if *n < 1 || *n > 50 {
                        self.diags.push(
                            Diagnostic::error(
                                DiagnosticCode::BadTypeArgument,
                                *s,
                                format!("`digits({n})` is out of range"),
                            )
                            .with_label("a digit string has 1 to 50 digits"),
                        );
                        return None;
                    }
                    return Some((to_u32(*n), to_u32(*n)));
                }
                TypeArg::Range(a, b, s) => {
                    self.used[i] = true;
                    if a > b || *a < 1 {
                        self.diags.push(
                            Diagnostic::error(
                                DiagnosticCode::BadTypeArgument,
                                *s,
                                "invalid digit range",
                            )
                            .with_label("expected `min..max` with 1 <= min <= max"),
                        );
                        return None;
                    }
                    return Some((to_u32(*a), to_u32(*b)));
                }
                TypeArg::Keyed { .. } => {}
            }
        }
        self.diags.push(
            Diagnostic::error(
                DiagnosticCode::BadTypeArgument,
                span,
                "`digits` needs a length",
            )
            .with_label("write `digits(7)` or `digits(1..8)`"),
        );
        None
    }

    /// Checks `min`/`max` arguments: not negative (for lengths and counts)
    /// and not inverted.
    fn bounds(&mut self, non_negative: bool) {
        let find = |key: &str| {
            self.args.iter().find_map(|a| match a {
                TypeArg::Keyed {
                    key: k,
                    value: TypeArgValue::Number(n),
                    span,
                } if k.name == key => Some((*n, *span)),
                _ => None,
            })
        };
        let (min, max) = (find("min"), find("max"));
        for (name, arg) in [("min", min), ("max", max)] {
            if let Some((n, span)) = arg
                && non_negative
                && n < 0
            {
                self.diags.push(
                    Diagnostic::error(
                        DiagnosticCode::BadTypeArgument,
                        span,
                        format!("`{name} {n}` is negative"),
                    )
                    .with_label("a length or count cannot be negative"),
                );
            }
        }
        if let (Some((lo, _)), Some((hi, span))) = (min, max)
            && lo > hi
        {
            self.diags.push(
                Diagnostic::error(
                    DiagnosticCode::BadTypeArgument,
                    span,
                    format!("`max {hi}` is smaller than `min {lo}`"),
                )
                .with_label("no value can satisfy both"),
            );
        }
    }

    fn finish(self, allowed: &[&str], _span: shinsei_syntax::Span) {
        for (a, used) in self.args.iter().zip(&self.used) {
            if *used {
                continue;
            }
            let d = match a {
                TypeArg::Positional(n, span) => {
                    let mut d = Diagnostic::error(
                        DiagnosticCode::BadTypeArgument,
                        *span,
                        format!("unexpected argument `{n}`"),
                    );
                    if allowed.contains(&"max") {
                        d = d
                            .with_label("name the limit")
                            .with_hint(format!("write `max {n}`"));
                    } else {
                        d = d.with_label(expected(allowed));
                    }
                    d
                }
                TypeArg::Range(_, _, span) => {
                    Diagnostic::error(DiagnosticCode::BadTypeArgument, *span, "unexpected range")
                        .with_label(expected(allowed))
                }
                TypeArg::Keyed { key, span, value } if allowed.contains(&key.name.as_str()) => {
                    let wanted = if key.name == "chars" {
                        "a character class: katakana, zengin or ascii"
                    } else {
                        "a number"
                    };
                    let found = match value {
                        TypeArgValue::Number(n) => n.to_string(),
                        TypeArgValue::Name(n) => n.clone(),
                    };
                    Diagnostic::error(
                        DiagnosticCode::BadTypeArgument,
                        *span,
                        format!("`{}` needs {wanted}, found `{found}`", key.name),
                    )
                    .with_label(format!("expected {wanted}"))
                }
                TypeArg::Keyed { key, span, .. } => Diagnostic::error(
                    DiagnosticCode::BadTypeArgument,
                    *span,
                    format!("unexpected type argument `{}`", key.name),
                )
                .with_label(expected(allowed))
                .did_you_mean(&key.name, allowed.iter().copied()),
            };
            self.diags.push(d);
        }
    }
}

fn expected(allowed: &[&str]) -> String {
    if allowed.is_empty() {
        "this type takes no arguments".to_string()
    } else {
        format!("expected one of: {}", allowed.join(", "))
    }
}

/// The type of this language that a name from another one means, for a hint:
/// `boolean` is `bool`, `string` is `text`.
fn synonym(name: &str) -> Option<&'static str> {
    Some(match name {
        "boolean" => "bool",
        "string" | "str" => "text",
        "int" | "number" => "integer",
        "money" | "currency" => "yen",
        "datetime" | "timestamp" => "date",
        "katakana" => "kana",
        "zip" | "zipcode" | "postcode" => "postal_code",
        "tel" | "telephone" => "phone",
        "mail" => "email",
        _ => return None,
    })
}
