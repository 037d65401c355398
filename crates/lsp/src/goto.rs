//! Go to definition, find references and rename, over the [`Index`]: every
//! file of the group (a field of a shared block is renamed in the block and
//! in every form that uses it). Renaming a rule also renames its code
//! (`"rule.<name>"`) in the case and re-application case files of the forms
//! that have the rule, and renaming a form's field its key and JSON
//! Pointers in the form's cases.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use lsp_types::{Location, Range, TextEdit, Uri, WorkspaceEdit};
use shinsei_syntax::FileId;

use crate::analysis::Analysis;
use crate::index::{DeclKind, Target};
use crate::paths::path_to_uri;
use crate::position::LineIndex;

/// Where the name at `offset` is declared.
pub fn definition(a: &Analysis, file: FileId, offset: usize) -> Option<Location> {
    match &a.index.at(file, offset)?.target {
        Target::Decl(i) => a.location(a.index.decls.get(*i)?.span),
        _ => None,
    }
}

/// Every place the name at `offset` is written.
pub fn references(a: &Analysis, file: FileId, offset: usize, with_decl: bool) -> Vec<Location> {
    let Some(occ) = a.index.at(file, offset) else {
        return Vec::new();
    };
    a.index
        .occurrences_of(&occ.target)
        .filter(|o| with_decl || !o.is_decl)
        .filter_map(|o| a.location(o.span))
        .collect()
}

/// The declaration a rename at `offset` would rename, and the range of the
/// name there; an error message if it cannot be renamed.
pub fn prepare_rename(a: &Analysis, file: FileId, offset: usize) -> Result<(usize, Range), String> {
    let occ = a
        .index
        .at(file, offset)
        .ok_or_else(|| "no name here".to_string())?;
    let Target::Decl(d) = occ.target else {
        return Err("a built-in name cannot be renamed".into());
    };
    let decl = &a.index.decls[d];
    match decl.kind {
        DeclKind::Form => Err("a form id is its file and its contract: rename it by hand".into()),
        DeclKind::Attachment => Err(
            "an attachment slot id is part of the submission contract: rename it by hand".into(),
        ),
        _ => {
            let f = a.get(occ.span.file).ok_or("no file")?;
            Ok((d, f.lines.range(&f.text, occ.span)))
        }
    }
}

/// The edits that rename the declaration at `offset` to `new_name`.
pub fn rename(
    a: &Analysis,
    file: FileId,
    offset: usize,
    new_name: &str,
) -> Result<WorkspaceEdit, String> {
    let (d, _) = prepare_rename(a, file, offset)?;
    if !is_identifier(new_name) {
        return Err(if is_identifier(&format!("{new_name}_")) {
            format!("`{new_name}` is a keyword of the language: choose another name")
        } else {
            format!(
                "`{new_name}` is not a name: lowercase ASCII letters, digits and `_`, not starting with a digit"
            )
        });
    }
    let decl = &a.index.decls[d];
    if let Some(clash) = a.index.decls.iter().find(|o| {
        o.name == new_name && o.parent == decl.parent && same_namespace(o.kind, decl.kind)
    }) {
        return Err(format!(
            "`{new_name}` is already a {} here",
            clash.kind.keyword()
        ));
    }
    #[expect(
        clippy::mutable_key_type,
        reason = "lsp_types::Uri caches its parse in a cell; hashing uses the text only"
    )]
    let mut changes: HashMap<Uri, Vec<TextEdit>> = HashMap::new();
    for o in a.index.occurrences_of(&Target::Decl(d)) {
        let Some(loc) = a.location(o.span) else {
            continue;
        };
        changes
            .entry(loc.uri)
            .or_default()
            .push(TextEdit::new(loc.range, new_name.to_string()));
    }
    // The case files: a rule's code, a form field's key and pointers.
    let pattern = crate::index::field_pattern(&a.index, d).filter(|_| decl.kind.is_data());
    if decl.kind == DeclKind::Rule || pattern.is_some() {
        // A rule's code is expected in re-application cases too; a field's
        // key there is the key of the version the file was made under.
        let reapply = decl.kind == DeclKind::Rule;
        for (path, text) in case_files_of(a, d, reapply) {
            let edits = match &pattern {
                Some(p) => crate::cases::field_edits(&text, p, new_name),
                None => rule_code_edits(&text, &decl.name, new_name),
            };
            if let (false, Ok(uri)) = (edits.is_empty(), path_to_uri(&path).parse::<Uri>()) {
                changes.entry(uri).or_default().extend(edits);
            }
        }
    }
    Ok(WorkspaceEdit {
        changes: Some(changes),
        ..WorkspaceEdit::default()
    })
}

fn same_namespace(a: DeclKind, b: DeclKind) -> bool {
    let data = |k: DeclKind| {
        matches!(
            k,
            DeclKind::Field | DeclKind::Group | DeclKind::List | DeclKind::Let | DeclKind::Compute
        )
    };
    a == b
        || (data(a) && data(b))
        || (matches!(a, DeclKind::Param | DeclKind::Fn)
            && matches!(b, DeclKind::Param | DeclKind::Fn))
}

/// A name the grammar accepts as an identifier (and not a keyword).
pub fn is_identifier(s: &str) -> bool {
    const KEYWORDS: [&str; 10] = [
        "and", "or", "not", "in", "if", "then", "else", "true", "false", "today",
    ];
    let mut chars = s.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_lowercase() || c == '_')
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        && !KEYWORDS.contains(&s)
        && !["qualification", "applicant"].contains(&s)
}

/// The case files (`<form dir>/cases/*.json`, and with `reapply` the
/// re-application cases `<form dir>/reapply/*.json`) of the form versions
/// that have declaration `d`: its form, or every form that uses its block.
/// A case made for another version of the form (its submission's `version`,
/// a re-application case's expected `version`) is left alone: the
/// declaration there is another one, not renamed.
fn case_files_of(a: &Analysis, d: usize, reapply: bool) -> Vec<(PathBuf, String)> {
    let Some(owner) = a.index.ancestors(d).last() else {
        return Vec::new();
    };
    let owner = &a.index.decls[owner];
    let forms: Vec<&crate::index::Decl> = match owner.kind {
        DeclKind::Form => vec![owner],
        DeclKind::Block => forms_using(a, &owner.name),
        _ => Vec::new(),
    };
    // The versions of each form folder that have the declaration.
    let mut versions: BTreeMap<&Path, BTreeSet<String>> = BTreeMap::new();
    for form in forms {
        let Some(file) = a.get(form.span.file) else {
            continue;
        };
        let Some(dir) = file.path.as_deref().and_then(Path::parent) else {
            continue;
        };
        let version = file
            .ast
            .as_ref()
            .and_then(|ast| form_version(ast, form.whole));
        versions.entry(dir).or_default().extend(version);
    }
    let mut out = Vec::new();
    for (dir, versions) in versions {
        let mut files = shinsei_load::case_files(&[dir.join("cases")]).unwrap_or_default();
        if reapply {
            files.extend(
                shinsei_load::reapply_case_files(&[dir.join("reapply")]).unwrap_or_default(),
            );
        }
        for p in files {
            let Ok(text) = std::fs::read_to_string(&p) else {
                continue;
            };
            if case_version(&text).is_none_or(|v| versions.is_empty() || versions.contains(&v)) {
                out.push((p, text));
            }
        }
    }
    out
}

/// The `version` of the form declared at `whole`.
fn form_version(ast: &shinsei_syntax::ast::File, whole: shinsei_syntax::Span) -> Option<String> {
    ast.items.iter().find_map(|item| match item {
        shinsei_syntax::ast::Item::Form(f) if f.span == whole => {
            f.header.iter().find_map(|h| match h {
                shinsei_syntax::ast::HeaderItem::Version(v, _) => Some(v.clone()),
                _ => None,
            })
        }
        _ => None,
    })
}

/// The form version a case file is made for: its submission's `version`,
/// or the version a re-application case expects it re-applied under.
fn case_version(text: &str) -> Option<String> {
    let json: serde_json::Value = serde_json::from_str(text).ok()?;
    json.pointer("/submission/version")
        .or_else(|| json.pointer("/expect/version"))
        .and_then(serde_json::Value::as_str)
        .map(str::to_owned)
}

/// The forms that use block `name`, directly or through other blocks.
fn forms_using<'a>(a: &'a Analysis, name: &str) -> Vec<&'a crate::index::Decl> {
    let ix = &a.index;
    let mut blocks = vec![name.to_string()];
    let mut forms = Vec::new();
    let mut i = 0;
    while let Some(b) = blocks.get(i).cloned() {
        i += 1;
        let users = ix.splices.iter().map(|(p, blk)| (*p, blk.clone())).chain(
            ix.decls
                .iter()
                .enumerate()
                .filter_map(|(n, d)| match &d.detail {
                    crate::index::Detail::Container {
                        block: Some(blk), ..
                    } => Some((n, blk.clone())),
                    _ => None,
                }),
        );
        for (at, blk) in users.collect::<Vec<_>>() {
            if blk != b {
                continue;
            }
            let top = std::iter::once(at)
                .chain(ix.ancestors(at))
                .last()
                .unwrap_or(at);
            let top_decl = &ix.decls[top];
            match top_decl.kind {
                DeclKind::Form
                    if !forms
                        .iter()
                        .any(|f: &&crate::index::Decl| f.span == top_decl.span) =>
                {
                    forms.push(top_decl)
                }
                DeclKind::Block if !blocks.contains(&top_decl.name) => {
                    blocks.push(top_decl.name.clone())
                }
                _ => {}
            }
        }
    }
    forms
}

/// Edits of the JSON strings `"rule.<old>"` in a case file.
fn rule_code_edits(text: &str, old: &str, new: &str) -> Vec<TextEdit> {
    let needle = format!("\"rule.{old}\"");
    let lines = LineIndex::new(text);
    text.match_indices(&needle)
        .map(|(at, _)| {
            let start = at + "\"rule.".len();
            let end = start + old.len();
            TextEdit::new(
                Range::new(lines.position(text, start), lines.position(text, end)),
                new.to_string(),
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use lsp_types::Position;

    use super::*;

    #[test]
    fn identifiers_are_what_the_grammar_accepts() {
        assert!(is_identifier("leave_from"));
        assert!(is_identifier("_x1"));
        for bad in [
            "",
            "1x",
            "Leave",
            "期間",
            "a-b",
            "not",
            "today",
            "qualification",
        ] {
            assert!(!is_identifier(bad), "{bad}");
        }
    }

    #[test]
    fn rule_codes_are_renamed_only_as_whole_strings() {
        let text = "{\"code\": \"rule.order\", \"x\": \"rule.order_2\", \"m\": \"rule.order\"}";
        let edits = rule_code_edits(text, "order", "period_order");
        assert_eq!(edits.len(), 2);
        assert_eq!(edits[0].range.start, Position::new(0, 15));
        assert_eq!(edits[0].range.end, Position::new(0, 20));
    }
}
