//! The compiler of shinsei's form language: resolves names, checks types and
//! reports *every* problem it finds as a [`Diagnostic`] with a stable code,
//! then lowers the forms and shared definitions into one IR [`Bundle`].
//!
//! ```
//! use shinsei_syntax::SourceDb;
//! let mut db = SourceDb::new();
//! db.add("demo.form", r#"
//! form demo "見本" {
//!   version "1"  effective 2026-01-13..  category 給付  applicants insured
//!   field from "開始日": date
//!   field to "終了日": date
//!   rule order { check to >= from  at to  message "終了日は開始日以降にしてください" }
//! }"#);
//! let out = shinsei_check::compile(&db);
//! assert!(out.diagnostics.is_empty());
//! assert_eq!(out.bundle.unwrap().forms[0].rules[0].name, "order");
//! ```

mod attachments;
mod builtins;
mod calls;
mod expr;
mod fieldtype;
mod form;
mod globals;
mod label;
mod migrate;
mod params;
mod refs;
mod scope;
mod stack;
mod suggest;
mod ty;

use sha2::{Digest, Sha256};
use shinsei_ir::Bundle;
use shinsei_syntax::{Diagnostic, DiagnosticCode, Level, SourceDb, ast};

pub use builtins::{names as builtin_names, signature};
pub use refs::{RefKind, Reference};
use stack::on_compile_stack;
pub use stack::{COMPILE_STACK_SIZE, CompileThread};
pub use suggest::closest;
pub use ty::BUILTIN_TYPES;

/// The result of compiling a set of sources.
pub struct Compilation {
    /// The bundle, when there are no errors.
    pub bundle: Option<Bundle>,
    /// Every diagnostic, sorted by file and position.
    pub diagnostics: Vec<Diagnostic>,
}

// The parser and the IR bound expressions and members alike.
const _: () = assert!(shinsei_syntax::MAX_EXPR_NESTING == shinsei_ir::limits::MAX_EXPR_DEPTH);
const _: () = assert!(shinsei_syntax::MAX_MEMBER_NESTING == shinsei_ir::limits::MAX_FIELD_DEPTH);

/// Parses and checks every file of `db` and lowers them into one bundle.
///
/// It runs on a thread of its own with a stack of [`COMPILE_STACK_SIZE`],
/// so the result never depends on the caller's stack: the CLI's main thread,
/// a server's async worker or a test thread accept exactly the same forms.
/// A caller that compiles many sources in a row keeps a [`CompileThread`].
pub fn compile(db: &SourceDb) -> Compilation {
    on_compile_stack(|| compile_here(db, false)).0
}

/// [`compile`], and every name of an expression or a rule's `at` with the
/// declaration it resolves to (the language server's index).
pub fn compile_with_references(db: &SourceDb) -> (Compilation, Vec<Reference>) {
    on_compile_stack(|| compile_here(db, true))
}

fn compile_here(db: &SourceDb, record: bool) -> (Compilation, Vec<Reference>) {
    let mut diags = Vec::new();
    let mut files = Vec::new();
    let mut lost = Vec::new();
    for (id, src) in db.iter() {
        // Every syntax error of the file, and the tree of what parses: the
        // rest of the file is checked too.
        let r = shinsei_syntax::parse_recovering(id, &src.text);
        diags.extend(r.diagnostics);
        lost.extend(r.lost);
        files.push(r.file);
    }
    let (bundle, refs) = lower(&files, db, &mut diags, record);
    if !lost.is_empty() {
        quiet_after_lost(&lost, db, &mut diags);
    }
    diags.sort_by_key(|d| (d.span.file, d.span.start, d.span.end));
    diags.dedup();
    let has_errors = diags.iter().any(|d| d.level == Level::Error);
    let out = Compilation {
        bundle: if has_errors { None } else { Some(bundle) },
        diagnostics: diags,
    };
    (out, refs)
}

/// Drops what follows only from declarations left out for their syntax
/// errors: the names they declared are not unknown, the header lines they
/// gave are not missing. The syntax errors say what is wrong.
fn quiet_after_lost(lost: &[shinsei_syntax::Lost], db: &SourceDb, diags: &mut Vec<Diagnostic>) {
    use shinsei_syntax::DiagnosticCode as C;
    let names: std::collections::BTreeSet<&str> =
        lost.iter().filter_map(|l| l.name.as_deref()).collect();
    diags.retain(|d| {
        let text = db.get(d.span.file).map_or("", |s| s.slice(d.span));
        match d.code {
            C::UnknownName | C::UnknownFunction | C::UnknownType => !names.contains(text),
            C::BadHeader => !lost.iter().any(|l| {
                l.span.file == d.span.file && d.message.contains(&format!("has no `{}`", l.keyword))
            }),
            _ => true,
        }
    });
}

fn lower(
    files: &[ast::File],
    db: &SourceDb,
    diags: &mut Vec<Diagnostic>,
    record: bool,
) -> (Bundle, Vec<Reference>) {
    let mut g = globals::collect(files, diags);
    if record {
        g.recorder = refs::Recorder::on();
    }
    params::check_fn_bodies(&g, diags);
    let params = params::lower_params(&g, db, diags);
    let mut forms = Vec::new();
    for f in &g.forms {
        if let Some(form) = form::lower_form(f, &g, db, diags) {
            forms.push((form, *f));
        }
    }
    check_versions(&forms, diags);
    migrate::check_all(&mut forms, diags);
    for (form, decl) in &forms {
        // The lowering keeps within the limits; this is the guarantee that
        // no loader will refuse what the compiler wrote.
        if let Err(e) = shinsei_ir::limits::check_form(form) {
            diags.push(
                Diagnostic::error(
                    shinsei_syntax::nesting::CODE,
                    decl.id.span,
                    format!("form `{}`: {e}", form.id),
                )
                .with_label("once compiled, this form nests too deeply"),
            );
        }
    }
    let used = form::used_blocks(&g);
    for (name, block) in &g.blocks {
        if !used.contains(name) {
            form::check_unused_block(block, &g, db, diags);
        }
    }
    let mut forms: Vec<_> = forms.into_iter().map(|(f, _)| f).collect();
    forms.sort_by(|a, b| (&a.id, a.effective.from).cmp(&(&b.id, b.effective.from)));
    let mut bundle = Bundle::new(forms, params);
    bundle.hash = hash(&bundle);
    (bundle, g.recorder.take())
}

fn check_versions(forms: &[(shinsei_ir::Form, &ast::FormDecl)], diags: &mut Vec<Diagnostic>) {
    for (i, (a, decl)) in forms.iter().enumerate() {
        let span = &decl.id.span;
        for (b, prev) in forms.iter().take(i) {
            let prev = &prev.id.span;
            if a.id != b.id {
                continue;
            }
            if a.version == b.version {
                diags.push(
                    Diagnostic::error(
                        DiagnosticCode::DuplicateId,
                        *span,
                        format!("form `{}` version {} is defined twice", a.id, a.version),
                    )
                    .with_label("second definition")
                    .with_secondary(*prev, "first defined here"),
                );
            } else if a.effective.contains(b.effective.from)
                || b.effective.contains(a.effective.from)
            {
                diags.push(
                    Diagnostic::error(
                        DiagnosticCode::VersionOverlap,
                        *span,
                        format!(
                            "versions {} and {} of `{}` are effective on the same days",
                            b.version, a.version, a.id
                        ),
                    )
                    .with_label("overlapping effective range")
                    .with_secondary(*prev, "the other version")
                    .with_hint("end the older version the day before the newer one starts"),
                );
            }
        }
    }
}

/// A bundle of forms `ids` only — their versions and the parameters they
/// read ([`Bundle::subset`]) — under its own [`hash`]: what
/// `shinsei compile --only` writes and the core WASM module loads.
pub fn subset(bundle: &Bundle, ids: &[&str]) -> Bundle {
    let mut own = bundle.subset(ids);
    own.hash = hash(&own);
    own
}

/// `sha256:` + hex digest of the canonical JSON of the forms and params.
pub fn hash(bundle: &Bundle) -> String {
    let body = serde_json::to_vec(&(&bundle.ir_version, &bundle.forms, &bundle.params))
        .unwrap_or_default();
    let digest = Sha256::digest(&body);
    let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
    format!("sha256:{hex}")
}
