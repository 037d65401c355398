//! Which declarations a place of a file sees, for completion: the members of
//! the enclosing form, groups and lists (with the members of `use`d blocks),
//! their `let`s and the form's `compute`s.

use shinsei_syntax::FileId;

use crate::analysis::Analysis;
use crate::index::{DeclKind, Detail, Index};

/// The innermost declaration with a body (form, block, group, list, rule,
/// attachment, param, enum, fn) around line `line` of `file`.
pub fn container_at(a: &Analysis, file: FileId, line: u32) -> Option<usize> {
    let f = a.get(file)?;
    a.index
        .decls
        .iter()
        .enumerate()
        .filter(|(_, d)| d.whole.file == file && has_body(d.kind))
        .filter(|(_, d)| {
            let r = f.lines.range(&f.text, d.whole);
            r.start.line <= line && line <= r.end.line
        })
        .min_by_key(|(_, d)| d.whole.end - d.whole.start)
        .map(|(i, _)| i)
}

fn has_body(k: DeclKind) -> bool {
    matches!(
        k,
        DeclKind::Form
            | DeclKind::Block
            | DeclKind::Group
            | DeclKind::List
            | DeclKind::Rule
            | DeclKind::Attachment
            | DeclKind::Param
            | DeclKind::Enum
            | DeclKind::Fn
    )
}

/// The fields, groups and lists directly in `decl` (a form, block, group,
/// list or `use … as` group), with those of the blocks it uses.
pub fn data_members(ix: &Index, decl: usize) -> Vec<usize> {
    let mut out = Vec::new();
    let mut seen = Vec::new();
    collect_members(ix, decl, &mut out, &mut seen);
    out
}

fn collect_members(ix: &Index, decl: usize, out: &mut Vec<usize>, seen: &mut Vec<usize>) {
    if seen.contains(&decl) {
        return;
    }
    seen.push(decl);
    out.extend(ix.children(decl).filter(|&c| ix.decls[c].kind.is_data()));
    let blocks: Vec<String> = ix
        .splices
        .iter()
        .filter(|(p, _)| *p == decl)
        .map(|(_, b)| b.clone())
        .chain(match &ix.decls[decl].detail {
            Detail::Container { block: Some(b), .. } => Some(b.clone()),
            _ => None,
        })
        .collect();
    for b in blocks {
        if let Some(bd) = ix.named(DeclKind::Block, &b) {
            collect_members(ix, bd, out, seen);
        }
    }
}

/// Everything an expression at `container` can name: data members, `let`s
/// and `compute`s of it and every enclosing scope, innermost first.
pub fn visible(ix: &Index, container: usize) -> Vec<usize> {
    let mut out = Vec::new();
    for scope in std::iter::once(container).chain(ix.ancestors(container)) {
        let kind = ix.decls[scope].kind;
        if !matches!(
            kind,
            DeclKind::Form | DeclKind::Block | DeclKind::Group | DeclKind::List
        ) {
            continue;
        }
        out.extend(data_members(ix, scope));
        out.extend(
            ix.children(scope)
                .filter(|&c| matches!(ix.decls[c].kind, DeclKind::Let | DeclKind::Compute)),
        );
    }
    out
}

/// The data declaration named `name` that `container` sees.
pub fn find_visible(ix: &Index, container: usize, name: &str) -> Option<usize> {
    visible(ix, container)
        .into_iter()
        .find(|&d| ix.decls[d].name == name)
}
