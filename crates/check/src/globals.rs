//! Shared definitions (blocks, enums, params, fns) collected across all files,
//! with duplicate detection.

use std::collections::BTreeMap;

use shinsei_syntax::ast::{BlockDecl, EnumDecl, File, FnDecl, FormDecl, Ident, Item, ParamDecl};
use shinsei_syntax::{Diagnostic, DiagnosticCode, Span};

use crate::builtins;
use crate::refs::{Recorder, RefKind};
use crate::ty::Ty;

/// Everything declared at the top level of any file.
#[derive(Default)]
pub struct Globals<'a> {
    /// `block` declarations.
    pub blocks: BTreeMap<&'a str, &'a BlockDecl>,
    /// `enum` declarations.
    pub enums: BTreeMap<&'a str, &'a EnumDecl>,
    /// `param` declarations.
    pub params: BTreeMap<&'a str, &'a ParamDecl>,
    /// `fn` declarations.
    pub fns: BTreeMap<&'a str, &'a FnDecl>,
    /// Forms in file order.
    pub forms: Vec<&'a FormDecl>,
    /// Where resolved names are recorded, if anywhere.
    pub(crate) recorder: Recorder,
}

/// Collects the top-level items of all files.
pub fn collect<'a>(files: &'a [File], diags: &mut Vec<Diagnostic>) -> Globals<'a> {
    let mut g = Globals::default();
    let mut callables: BTreeMap<&str, Span> = BTreeMap::new();
    for file in files {
        for item in &file.items {
            match item {
                Item::Form(f) => g.forms.push(f),
                Item::Block(b) => insert(&mut g.blocks, &b.id, b, "block", diags),
                Item::Enum(e) => {
                    if is_builtin_type(&e.id.name) {
                        diags.push(
                            Diagnostic::error(
                                DiagnosticCode::ReservedName,
                                e.id.span,
                                format!("`{}` is a built-in type", e.id.name),
                            )
                            .with_label("choose another name"),
                        );
                    }
                    insert(&mut g.enums, &e.id, e, "enum", diags)
                }
                Item::Param(p) => {
                    callable(&mut callables, &p.id, diags);
                    g.params.insert(&p.id.name, p);
                }
                Item::Fn(f) => {
                    callable(&mut callables, &f.id, diags);
                    g.fns.insert(&f.id.name, f);
                }
            }
        }
    }
    g
}

fn insert<'a, T>(
    map: &mut BTreeMap<&'a str, &'a T>,
    id: &'a Ident,
    value: &'a T,
    what: &str,
    diags: &mut Vec<Diagnostic>,
) where
    T: HasSpan,
{
    if let Some(prev) = map.get(id.name.as_str()) {
        diags.push(
            Diagnostic::error(
                DiagnosticCode::DuplicateId,
                id.span,
                format!("{what} `{}` is defined twice", id.name),
            )
            .with_label("second definition")
            .with_secondary(prev.id_span(), "first defined here"),
        );
    } else {
        map.insert(&id.name, value);
    }
}

fn callable<'a>(seen: &mut BTreeMap<&'a str, Span>, id: &'a Ident, diags: &mut Vec<Diagnostic>) {
    if builtins::is_builtin(&id.name) {
        diags.push(
            Diagnostic::error(
                DiagnosticCode::DuplicateId,
                id.span,
                format!("`{}` is a built-in function", id.name),
            )
            .with_label("choose another name"),
        );
    } else if let Some(prev) = seen.get(id.name.as_str()) {
        diags.push(
            Diagnostic::error(
                DiagnosticCode::DuplicateId,
                id.span,
                format!("`{}` is defined twice", id.name),
            )
            .with_label("second definition")
            .with_secondary(*prev, "first defined here"),
        );
    } else {
        seen.insert(&id.name, id.span);
    }
}

impl Globals<'_> {
    /// Records that `used` names `target`, a `kind` of type `ty`.
    pub(crate) fn record(&self, used: &Ident, target: &Ident, kind: RefKind, ty: &Ty) {
        self.recorder.push(used, target, kind, ty);
    }
}

/// Whether `name` is a built-in field type.
pub fn is_builtin_type(name: &str) -> bool {
    crate::ty::BUILTIN_TYPES.contains(&name)
}

trait HasSpan {
    fn id_span(&self) -> Span;
}

impl HasSpan for BlockDecl {
    fn id_span(&self) -> Span {
        self.id.span
    }
}

impl HasSpan for EnumDecl {
    fn id_span(&self) -> Span {
        self.id.span
    }
}
