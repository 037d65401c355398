//! The outline of a file: forms, blocks, enums, params and fns, with their
//! fields, groups, lists, rules, computed values and attachments inside.

use lsp_types::{DocumentSymbol, SymbolKind};
use shinsei_syntax::FileId;

use crate::analysis::Analysis;
use crate::index::DeclKind;

/// The symbols of `file`, nested as declared.
pub fn document_symbols(a: &Analysis, file: FileId) -> Vec<DocumentSymbol> {
    let roots: Vec<usize> = (0..a.index.decls.len())
        .filter(|&i| {
            let d = &a.index.decls[i];
            d.span.file == file && d.parent.is_none()
        })
        .collect();
    roots.into_iter().filter_map(|i| symbol(a, i)).collect()
}

#[expect(
    deprecated,
    reason = "DocumentSymbol has a deprecated field that must be set"
)]
fn symbol(a: &Analysis, i: usize) -> Option<DocumentSymbol> {
    let d = &a.index.decls[i];
    let f = a.get(d.span.file)?;
    let children: Vec<DocumentSymbol> = a
        .index
        .children(i)
        .filter(|&c| a.index.decls[c].kind != DeclKind::FnParam)
        .filter_map(|c| symbol(a, c))
        .collect();
    Some(DocumentSymbol {
        name: d.name.clone(),
        detail: d.label.as_ref().map(|l| l.ja.clone()),
        kind: match d.kind {
            DeclKind::Form => SymbolKind::CLASS,
            DeclKind::Block => SymbolKind::MODULE,
            DeclKind::Enum => SymbolKind::ENUM,
            DeclKind::Param => SymbolKind::CONSTANT,
            DeclKind::Fn => SymbolKind::FUNCTION,
            DeclKind::FnParam => SymbolKind::VARIABLE,
            DeclKind::Field => SymbolKind::FIELD,
            DeclKind::Group => SymbolKind::STRUCT,
            DeclKind::List => SymbolKind::ARRAY,
            DeclKind::Let => SymbolKind::VARIABLE,
            DeclKind::Compute => SymbolKind::PROPERTY,
            DeclKind::Rule => SymbolKind::EVENT,
            DeclKind::Attachment => SymbolKind::FILE,
        },
        tags: None,
        deprecated: None,
        range: f.lines.range(&f.text, d.whole),
        selection_range: f.lines.range(&f.text, d.span),
        children: (!children.is_empty()).then_some(children),
    })
}
