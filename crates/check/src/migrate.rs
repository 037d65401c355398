//! `migrate from "<version>" { … }`: lowering the statements, and checking
//! that they cover every difference between a form version and the one
//! before it — a field removed, added or retyped, a choice option gone — so
//! that an application file made under the older version can be re-applied
//! under the newer one without a value silently lost or misread.
//!
//! Codes: `bad-migration` (a statement that names no such field or option,
//! or a `from` that is not the previous version) and `migration-incomplete`
//! (a difference no statement covers).

use std::collections::{BTreeMap, BTreeSet};

use shinsei_ir::{Field, FieldKind, Form, Migration, MigrationStep};
use shinsei_syntax::ast::{FormDecl, HeaderItem, Ident, MigrateDecl, MigrateItem, OptionMove};
use shinsei_syntax::{Diagnostic, DiagnosticCode, Span};

use crate::label::text;
use crate::suggest::DidYouMean as _;

/// A field path: ids from the form root.
type Path = Vec<String>;

/// What the check needs to know of one field.
#[derive(Clone, Debug, PartialEq)]
struct Shape {
    /// The kind's name (`text`, `choice`, `group` …).
    kind: &'static str,
    /// Option keys of a choice or multi.
    options: Option<Vec<String>>,
}

/// Every field of a version by path.
fn shapes(fields: &[Field]) -> BTreeMap<Path, Shape> {
    fn walk(fields: &[Field], prefix: &mut Path, out: &mut BTreeMap<Path, Shape>) {
        for f in fields {
            prefix.push(f.id.clone());
            let (kind, options, inner) = match &f.kind {
                FieldKind::Group { fields } => ("group", None, Some(fields)),
                FieldKind::List { fields, .. } => ("list", None, Some(fields)),
                FieldKind::Choice { options } => (
                    "choice",
                    Some(options.iter().map(|o| o.key.clone()).collect()),
                    None,
                ),
                FieldKind::Multi { options, .. } => (
                    "multi",
                    Some(options.iter().map(|o| o.key.clone()).collect()),
                    None,
                ),
                k => (kind_name(k), None, None),
            };
            out.insert(prefix.clone(), Shape { kind, options });
            if let Some(inner) = inner {
                walk(inner, prefix, out);
            }
            prefix.pop();
        }
    }
    let mut out = BTreeMap::new();
    walk(fields, &mut Vec::new(), &mut out);
    out
}

fn kind_name(k: &FieldKind) -> &'static str {
    match k {
        FieldKind::Text { .. } => "text",
        FieldKind::Kana { .. } => "kana",
        FieldKind::Integer { .. } => "integer",
        FieldKind::Yen { .. } => "yen",
        FieldKind::Rate => "rate",
        FieldKind::Date => "date",
        FieldKind::Period => "period",
        FieldKind::Month => "month",
        FieldKind::Bool => "bool",
        FieldKind::Choice { .. } => "choice",
        FieldKind::Multi { .. } => "multi",
        FieldKind::PostalCode => "postal_code",
        FieldKind::Phone => "phone",
        FieldKind::Email => "email",
        FieldKind::Address => "address",
        FieldKind::Digits { .. } => "digits",
        FieldKind::Group { .. } => "group",
        FieldKind::List { .. } => "list",
    }
}

fn dotted(p: &[String]) -> String {
    p.join(".")
}

fn path_of(ids: &[Ident]) -> Path {
    ids.iter().map(|i| i.name.clone()).collect()
}

fn span_of(ids: &[Ident], fallback: Span) -> Span {
    match (ids.first(), ids.last()) {
        (Some(a), Some(b)) => Span {
            file: a.span.file,
            start: a.span.start,
            end: b.span.end,
        },
        _ => fallback,
    }
}

/// Whether `p` is `prefix` or lies under it.
fn under(p: &[String], prefix: &[String]) -> bool {
    p.len() >= prefix.len() && p.iter().zip(prefix).all(|(a, b)| a == b)
}

/// Lowers the `migrate` block of every form version and checks each version
/// against the one before it. `forms` are the lowered forms with their
/// declarations; the migrations are set on the forms.
pub fn check_all(forms: &mut [(Form, &FormDecl)], diags: &mut Vec<Diagnostic>) {
    let mut order: Vec<usize> = (0..forms.len()).collect();
    order.sort_by(|&a, &b| {
        let (fa, fb) = (&forms[a].0, &forms[b].0);
        (&fa.id, fa.effective.from).cmp(&(&fb.id, fb.effective.from))
    });
    let mut previous: Option<usize> = None;
    for &i in &order {
        let prev = previous.filter(|&p| forms[p].0.id == forms[i].0.id);
        previous = Some(i);
        let decl = forms[i].1;
        let block = decl.header.iter().find_map(|h| match h {
            HeaderItem::Migrate(m) => Some(m),
            _ => None,
        });
        let migration = match (prev, block) {
            (None, None) => None,
            (None, Some(m)) => {
                diags.push(
                    Diagnostic::error(
                        DiagnosticCode::BadMigration,
                        m.from_span,
                        format!("there is no version of `{}` before this one", decl.id.name),
                    )
                    .with_label("nothing to migrate from")
                    .with_hint("a `migrate` block belongs to the newer of two versions"),
                );
                None
            }
            (Some(p), block) => {
                let old = &forms[p].0;
                let new = &forms[i].0;
                let at = version_span(decl);
                Some(check_pair(old, new, block, at, diags))
            }
        };
        forms[i].0.migration = migration;
    }
}

fn version_span(decl: &FormDecl) -> Span {
    decl.header
        .iter()
        .find_map(|h| match h {
            HeaderItem::Version(_, s) => Some(*s),
            _ => None,
        })
        .unwrap_or(decl.id.span)
}

/// Lowers `block` (if any) of `new` and reports what it leaves uncovered
/// between `old` and `new`.
fn check_pair(
    old: &Form,
    new: &Form,
    block: Option<&MigrateDecl>,
    at: Span,
    diags: &mut Vec<Diagnostic>,
) -> Migration {
    let old_shapes = shapes(&old.fields);
    let new_shapes = shapes(&new.fields);
    let mut cx = Cx {
        old: &old_shapes,
        new: &new_shapes,
        old_version: &old.version,
        new_version: &new.version,
        diags,
        steps: Vec::new(),
        renames: BTreeMap::new(),
        removed: Vec::new(),
        added: Vec::new(),
        cleared: Vec::new(),
        reviewed: Vec::new(),
        options: BTreeMap::new(),
    };
    let (from, site) = match block {
        Some(m) => {
            if m.from != old.version {
                cx.diags.push(
                    Diagnostic::error(
                        DiagnosticCode::BadMigration,
                        m.from_span,
                        format!(
                            "the version before {} is \"{}\", not \"{}\"",
                            new.version, old.version, m.from
                        ),
                    )
                    .with_label("not the previous version")
                    .with_hint(format!("write `migrate from \"{}\"`", old.version)),
                );
            }
            for item in &m.items {
                cx.item(item);
            }
            (old.version.clone(), Site::Block(m.span))
        }
        None => (old.version.clone(), Site::Version(at)),
    };
    cx.coverage(site, &old.version);
    Migration {
        from,
        steps: cx.steps,
    }
}

/// Where an uncovered difference is reported.
#[derive(Clone, Copy)]
enum Site {
    /// The `migrate` block.
    Block(Span),
    /// The `version` line of a form that has no `migrate` block.
    Version(Span),
}

struct Cx<'a> {
    old: &'a BTreeMap<Path, Shape>,
    new: &'a BTreeMap<Path, Shape>,
    old_version: &'a str,
    new_version: &'a str,
    diags: &'a mut Vec<Diagnostic>,
    steps: Vec<MigrationStep>,
    /// Old path → new id.
    renames: BTreeMap<Path, String>,
    removed: Vec<Path>,
    added: Vec<(Path, Span)>,
    cleared: Vec<Path>,
    reviewed: Vec<Path>,
    /// (old path, old key) → new key (None: removed), where the move is written.
    options: BTreeMap<(Path, String), (Option<String>, Span)>,
}

impl Cx<'_> {
    fn bad(&mut self, span: Span, message: String, label: &str) {
        self.diags.push(
            Diagnostic::error(DiagnosticCode::BadMigration, span, message)
                .with_label(label.to_owned()),
        );
    }

    /// `ids` must name a field of the old (`old = true`) or new version.
    fn field(&mut self, ids: &[Ident], old: bool, span: Span) -> Option<Path> {
        let path = path_of(ids);
        let (shapes, version) = if old {
            (self.old, self.old_version)
        } else {
            (self.new, self.new_version)
        };
        if shapes.contains_key(&path) {
            return Some(path);
        }
        let names: Vec<String> = shapes.keys().map(|p| dotted(p)).collect();
        self.diags.push(
            Diagnostic::error(
                DiagnosticCode::BadMigration,
                span_of(ids, span),
                format!("version {version} has no field `{}`", dotted(&path)),
            )
            .with_label(if old {
                "rename, remove and choice name fields of the previous version"
            } else {
                "add, review and clear name fields of this version"
            })
            .did_you_mean(&dotted(&path), names.iter().map(String::as_str)),
        );
        None
    }

    fn item(&mut self, item: &MigrateItem) {
        match item {
            MigrateItem::Rename { path, to, span } => {
                let Some(p) = self.field(path, true, *span) else {
                    return;
                };
                if self.renames.contains_key(&p) {
                    return self.bad(
                        *span,
                        format!("`{}` is renamed twice", dotted(&p)),
                        "second rename",
                    );
                }
                self.renames.insert(p.clone(), to.name.clone());
                self.steps.push(MigrationStep::Rename {
                    path: p,
                    to: to.name.clone(),
                });
            }
            MigrateItem::Remove {
                path,
                message,
                span,
            } => {
                let Some(p) = self.field(path, true, *span) else {
                    return;
                };
                self.removed.push(p.clone());
                self.steps.push(MigrationStep::Remove {
                    path: p,
                    message: message.as_ref().map(text),
                });
            }
            MigrateItem::Add {
                path,
                message,
                span,
            } => {
                let Some(p) = self.field(path, false, *span) else {
                    return;
                };
                self.added.push((p.clone(), *span));
                self.steps.push(MigrationStep::Add {
                    path: p,
                    message: message.as_ref().map(text),
                });
            }
            MigrateItem::Review {
                path,
                message,
                span,
            } => {
                let Some(p) = self.field(path, false, *span) else {
                    return;
                };
                self.reviewed.push(p.clone());
                self.steps.push(MigrationStep::Review {
                    path: p,
                    message: text(message),
                });
            }
            MigrateItem::Clear {
                path,
                message,
                span,
            } => {
                let Some(p) = self.field(path, false, *span) else {
                    return;
                };
                self.cleared.push(p.clone());
                self.steps.push(MigrationStep::Clear {
                    path: p,
                    message: message.as_ref().map(text),
                });
            }
            MigrateItem::Choice {
                path,
                options,
                span,
            } => {
                let Some(p) = self.field(path, true, *span) else {
                    return;
                };
                let Some(keys) = self.old.get(&p).and_then(|s| s.options.clone()) else {
                    return self.bad(
                        span_of(path, *span),
                        format!(
                            "`{}` is not a choice in version {}",
                            dotted(&p),
                            self.old_version
                        ),
                        "only choice and multi fields have options",
                    );
                };
                for o in options {
                    let (key, to, message) = match o {
                        OptionMove::Rename { from, to } => (from, Some(to), None),
                        OptionMove::Remove { key, message, .. } => (key, None, message.as_ref()),
                    };
                    if !keys.contains(&key.name) {
                        self.bad(
                            key.span,
                            format!(
                                "`{}` has no option `{}` in version {}",
                                dotted(&p),
                                key.name,
                                self.old_version
                            ),
                            "not an option of the previous version",
                        );
                        continue;
                    }
                    if self.options.contains_key(&(p.clone(), key.name.clone())) {
                        self.bad(
                            key.span,
                            format!("option `{}` is moved twice", key.name),
                            "second time",
                        );
                        continue;
                    }
                    let at = to.map_or(key.span, |t| t.span);
                    self.options.insert(
                        (p.clone(), key.name.clone()),
                        (to.map(|t| t.name.clone()), at),
                    );
                    self.steps.push(MigrationStep::Option {
                        path: p.clone(),
                        key: key.name.clone(),
                        to: to.map(|t| t.name.clone()),
                        message: message.map(text),
                    });
                }
            }
        }
    }

    /// The path in the new version that old path `p` becomes.
    fn translate(&self, p: &[String]) -> Path {
        let mut out = Vec::with_capacity(p.len());
        for i in 0..p.len() {
            let prefix = &p[..=i];
            out.push(
                self.renames
                    .get(prefix)
                    .cloned()
                    .unwrap_or_else(|| p[i].clone()),
            );
        }
        out
    }

    fn uncovered(&mut self, site: Site, message: String, hint: String) {
        let (span, label) = match site {
            Site::Block(s) => (s, "this migration does not say"),
            Site::Version(s) => (s, "this version has no `migrate` block"),
        };
        self.diags.push(
            Diagnostic::error(DiagnosticCode::MigrationIncomplete, span, message)
                .with_label(label)
                .with_hint(hint),
        );
    }

    /// Reports every difference between the versions that no statement covers.
    fn coverage(&mut self, site: Site, from: &str) {
        let wrap = |s: String| format!("add `{s}` to `migrate from \"{from}\" {{ … }}`");
        // Old fields: each must still exist (under its new name) or be removed.
        let mut seen_new: BTreeMap<Path, Path> = BTreeMap::new();
        let mut reported: Vec<Path> = Vec::new();
        let old: Vec<(Path, Shape)> = self
            .old
            .iter()
            .map(|(p, s)| (p.clone(), s.clone()))
            .collect();
        for (p, shape) in &old {
            if self.removed.iter().any(|r| under(p, r)) || reported.iter().any(|r| under(p, r)) {
                continue;
            }
            let t = self.translate(p);
            if let Some(first) = seen_new.insert(t.clone(), p.clone()) {
                self.uncovered(
                    site,
                    format!(
                        "`{}` and `{}` would both become `{}`",
                        dotted(&first),
                        dotted(p),
                        dotted(&t)
                    ),
                    "rename only one of them to that id".into(),
                );
                continue;
            }
            let Some(now) = self.new.get(&t).cloned() else {
                reported.push(p.clone());
                let what = if t == *p {
                    format!(
                        "field `{}` of version {} is not in version {}",
                        dotted(p),
                        self.old_version,
                        self.new_version
                    )
                } else {
                    format!(
                        "field `{}` of version {} is renamed to `{}`, which is not in version {}",
                        dotted(p),
                        self.old_version,
                        dotted(&t),
                        self.new_version
                    )
                };
                self.uncovered(
                    site,
                    what,
                    wrap(format!("remove {}", dotted(p)))
                        + " or rename it to the field that replaces it",
                );
                continue;
            };
            let cleared = self.cleared.iter().any(|c| under(&t, c));
            if shape.kind != now.kind && !cleared && !self.reviewed.contains(&t) {
                self.uncovered(
                    site,
                    format!(
                        "the type of `{}` changed from {} to {} in version {}",
                        dotted(&t),
                        shape.kind,
                        now.kind,
                        self.new_version
                    ),
                    wrap(format!("clear {} \"…\"", dotted(&t))) + " so the member enters it again",
                );
                continue;
            }
            if let (Some(before), Some(after), false) = (&shape.options, &now.options, cleared) {
                for key in before.iter().filter(|k| !after.contains(k)) {
                    if !self.options.contains_key(&(p.clone(), key.clone())) {
                        self.uncovered(
                            site,
                            format!(
                                "option `{key}` of `{}` is not in version {}",
                                dotted(p),
                                self.new_version
                            ),
                            wrap(format!("choice {} {{ remove {key} }}", dotted(p)))
                                + " or map it to the option that replaces it",
                        );
                    }
                }
            }
            // Option targets must be options of the new version.
            let moves: Vec<(String, String, Span)> = self
                .options
                .iter()
                .filter(|((op, _), _)| op == p)
                .filter_map(|((_, k), (to, at))| to.clone().map(|t| (k.clone(), t, *at)))
                .collect();
            for (key, to, at) in moves {
                if !now.options.as_ref().is_some_and(|o| o.contains(&to)) {
                    self.bad(
                        at,
                        format!(
                            "option `{key}` of `{}` is moved to `{to}`, which is not an option of `{}` in version {}",
                            dotted(p), dotted(&t), self.new_version
                        ),
                        "not an option of this version",
                    );
                }
            }
        }
        // New fields: each must come from an old one or be declared `add`.
        let mut old_as_new: BTreeSet<Path> = seen_new.keys().cloned().collect();
        old_as_new.retain(|t| self.new.contains_key(t));
        let mut reported: Vec<Path> = Vec::new();
        let new: Vec<Path> = self.new.keys().cloned().collect();
        for q in &new {
            if old_as_new.contains(q)
                || self.added.iter().any(|(a, _)| under(q, a))
                || reported.iter().any(|r| under(q, r))
            {
                continue;
            }
            reported.push(q.clone());
            self.uncovered(
                site,
                format!(
                    "field `{}` is new in version {} and not declared",
                    dotted(q),
                    self.new_version
                ),
                wrap(format!("add {}", dotted(q))) + " so the member is asked to fill it in",
            );
        }
        for (a, at) in self.added.clone() {
            if old_as_new.contains(&a) {
                self.diags.push(
                    Diagnostic::error(
                        DiagnosticCode::BadMigration,
                        at,
                        format!(
                            "`{}` is not new: its value is carried over from version {}",
                            dotted(&a),
                            self.old_version
                        ),
                    )
                    .with_label("declared new")
                    .with_hint("remove the `add`, or `review` it if its meaning changed"),
                );
            }
        }
    }
}
