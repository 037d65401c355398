//! Completion: what may be written at the cursor, decided from the text of
//! the line before it and the declarations around it — names in scope (with
//! the members of an aggregate's list inside its parentheses), members after
//! a `.`, built-ins with their signatures, params and fns, field types after
//! `:` in a field, and the keywords of the place.

use lsp_types::{
    CompletionItem, CompletionItemKind, Documentation, InsertTextFormat, MarkupContent, MarkupKind,
};
use shinsei_syntax::FileId;

use crate::analysis::Analysis;
use crate::builtins::{
    self, ATTACHMENT, CATEGORIES, EXPR, HEADER, MEDIA, MEMBER, MODIFIER, ROLES, RULE, TOP_LEVEL,
};
use crate::index::{DeclKind, Detail};
use crate::scope::{container_at, data_members, find_visible, visible};

/// The cursor: the line's text up to it, and its line number.
pub struct Cursor<'a> {
    /// The text of the line before the cursor.
    pub before: &'a str,
    /// The whole text before the cursor (for unclosed parentheses).
    pub text_before: &'a str,
    /// The line (0-based).
    pub line: u32,
}

/// The completion items at the cursor.
pub fn complete(a: &Analysis, file: FileId, cur: &Cursor, snippets: bool) -> Vec<CompletionItem> {
    let word_len = cur
        .before
        .chars()
        .rev()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
        .count();
    let head = &cur.before[..cur.before.len() - word_len];
    let head_trim = head.trim_end();
    let container = container_at(a, file, cur.line);
    let container_kind = container.map(|c| a.index.decls[c].kind);
    let first_word = head.split_whitespace().next().unwrap_or("");
    let last_word = head_trim
        .rsplit(|c: char| c.is_whitespace() || c == ',')
        .next()
        .unwrap_or("");
    let mut out = Vec::new();

    // `base.` → the members of base.
    if let Some(base) = head.strip_suffix('.') {
        return members_after_dot(a, container, base);
    }
    // A statement's first word.
    if head.trim().is_empty() {
        let words: &[&str] = match container_kind {
            None => &TOP_LEVEL,
            Some(DeclKind::Rule) => &RULE,
            Some(DeclKind::Attachment) => &ATTACHMENT,
            Some(DeclKind::Param) => &["from"],
            Some(DeclKind::Enum | DeclKind::Fn) => &[],
            Some(DeclKind::Form) => {
                keywords(&mut out, &HEADER);
                keywords(&mut out, &MODIFIER);
                &MEMBER
            }
            Some(_) => {
                keywords(&mut out, &MODIFIER);
                &MEMBER
            }
        };
        keywords(&mut out, words);
        return out;
    }
    // A field's type.
    if first_word == "field" && head_trim.ends_with(':') {
        for t in shinsei_check::BUILTIN_TYPES {
            out.push(item(
                t,
                CompletionItemKind::TYPE_PARAMETER,
                Some("built-in type"),
                None,
            ));
        }
        for d in a.index.decls.iter().filter(|d| d.kind == DeclKind::Enum) {
            out.push(item(&d.name, CompletionItemKind::ENUM, Some("enum"), None));
        }
        return out;
    }
    match (first_word, last_word) {
        (_, "use") => return globals(a, DeclKind::Block, CompletionItemKind::MODULE),
        (_, "by") => return globals(a, DeclKind::Enum, CompletionItemKind::ENUM),
        ("category", _) => {
            keywords(&mut out, &CATEGORIES);
            return out;
        }
        ("applicants", _) => {
            keywords(&mut out, &ROLES);
            return out;
        }
        ("accept", _) => {
            keywords(&mut out, &MEDIA);
            return out;
        }
        ("qualification", _) => {
            for q in shinsei_ir::QualField::ALL {
                out.push(item(q.id(), CompletionItemKind::FIELD, Some(q.ja()), None));
            }
            return out;
        }
        (_, "at") => {
            if let Some(c) = container {
                for d in visible(&a.index, c) {
                    if a.index.decls[d].kind.is_data() {
                        out.push(decl_item(a, d));
                    }
                }
            }
            return out;
        }
        _ => {}
    }
    // An expression.
    if let Some(c) = container {
        let mut seen = std::collections::HashSet::new();
        for d in aggregate_item_scope(a, c, cur.text_before)
            .into_iter()
            .chain(visible(&a.index, c))
        {
            if seen.insert(a.index.decls[d].name.clone()) {
                out.push(decl_item(a, d));
            }
        }
    }
    for d in a
        .index
        .decls
        .iter()
        .enumerate()
        .filter(|(_, d)| matches!(d.kind, DeclKind::Param | DeclKind::Fn))
    {
        out.push(call_item(a, d.0, snippets));
    }
    for name in builtins::names() {
        let sig = shinsei_check::signature(name).unwrap_or(name);
        let mut it = item(
            name,
            CompletionItemKind::FUNCTION,
            Some(sig),
            builtins::meaning(name),
        );
        if snippets {
            it.insert_text = Some(format!("{name}($0)"));
            it.insert_text_format = Some(InsertTextFormat::SNIPPET);
        }
        it.sort_text = Some(format!("3{name}"));
        out.push(it);
    }
    for k in EXPR.iter().chain(&["applicant"]) {
        let mut it = item(k, CompletionItemKind::KEYWORD, None, None);
        it.sort_text = Some(format!("4{k}"));
        out.push(it);
    }
    out
}

/// Inside `sum(leave, |` the fields of `leave`'s items are in scope.
fn aggregate_item_scope(a: &Analysis, container: usize, text_before: &str) -> Vec<usize> {
    let mut depth = 0i32;
    let bytes = text_before.as_bytes();
    let mut i = bytes.len();
    let mut out = Vec::new();
    while i > 0 {
        i -= 1;
        match bytes[i] {
            b')' => depth += 1,
            b'(' if depth > 0 => depth -= 1,
            b'(' => {
                let name_start = text_before[..i]
                    .trim_end()
                    .rfind(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                    .map_or(0, |p| p + 1);
                let name = text_before[name_start..i].trim();
                let first_arg: String = text_before[i + 1..]
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == ' ')
                    .collect();
                if shinsei_ir::AggOp::named(name).is_some()
                    && let Some(list) = find_visible(&a.index, container, first_arg.trim())
                    && a.index.decls[list].kind == DeclKind::List
                {
                    out.extend(data_members(&a.index, list));
                }
            }
            _ => {}
        }
    }
    out
}

fn members_after_dot(a: &Analysis, container: Option<usize>, base: &str) -> Vec<CompletionItem> {
    let base = base.trim_end();
    let name: String = base
        .chars()
        .rev()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    let mut out = Vec::new();
    if name == "qualification" {
        for q in shinsei_ir::QualField::ALL {
            out.push(item(
                q.id(),
                CompletionItemKind::FIELD,
                Some(q.value_type().name()),
                Some(q.ja()),
            ));
        }
        return out;
    }
    if name == "applicant" {
        out.push(item(
            "role",
            CompletionItemKind::FIELD,
            Some("choice"),
            Some("insured | dependent | agent"),
        ));
        return out;
    }
    let Some(c) = container else {
        return out;
    };
    // `first(list).` / `last(list).`: the list's item members.
    let target = if base.ends_with(')') {
        let open = base.rfind('(').unwrap_or(0);
        let arg = base[open + 1..base.len() - 1].trim();
        find_visible(&a.index, c, arg)
    } else {
        find_visible(&a.index, c, &name)
    };
    let Some(t) = target else {
        return out;
    };
    match &a.index.decls[t].detail {
        Detail::Field { ty, .. } if ty == "period" => {
            out.push(item(
                "from",
                CompletionItemKind::FIELD,
                Some("date"),
                Some("first day"),
            ));
            out.push(item(
                "to",
                CompletionItemKind::FIELD,
                Some("date"),
                Some("last day"),
            ));
        }
        _ => {
            for d in data_members(&a.index, t) {
                out.push(decl_item(a, d));
            }
        }
    }
    out
}

fn keywords(out: &mut Vec<CompletionItem>, words: &[&str]) {
    for w in words {
        out.push(item(w, CompletionItemKind::KEYWORD, None, None));
    }
}

fn globals(a: &Analysis, kind: DeclKind, ck: CompletionItemKind) -> Vec<CompletionItem> {
    a.index
        .decls
        .iter()
        .filter(|d| d.kind == kind)
        .map(|d| item(&d.name, ck, d.label.as_ref().map(|l| l.ja.as_str()), None))
        .collect()
}

fn decl_item(a: &Analysis, d: usize) -> CompletionItem {
    let decl = &a.index.decls[d];
    let kind = match decl.kind {
        DeclKind::Field => CompletionItemKind::FIELD,
        DeclKind::Group => CompletionItemKind::STRUCT,
        DeclKind::List => CompletionItemKind::VARIABLE,
        DeclKind::Compute => CompletionItemKind::PROPERTY,
        _ => CompletionItemKind::VARIABLE,
    };
    let ty = match &decl.detail {
        Detail::Field { ty, .. } => Some(ty.clone()),
        _ => a.index.type_of(d).map(str::to_string),
    };
    let detail = match ty {
        Some(t) => format!("{} {}: {t}", decl.kind.keyword(), decl.name),
        None => format!("{} {}", decl.kind.keyword(), decl.name),
    };
    let mut it = item(
        &decl.name,
        kind,
        Some(&detail),
        decl.label.as_ref().map(|l| l.ja.as_str()),
    );
    it.sort_text = Some(format!("1{}", decl.name));
    it
}

fn call_item(a: &Analysis, d: usize, snippets: bool) -> CompletionItem {
    let decl = &a.index.decls[d];
    let detail = match &decl.detail {
        Detail::Fn { head, .. } => head.clone(),
        Detail::Param { ty, by, .. } => match by {
            Some(b) => format!("param {}(on: date, key: {b}) -> {ty}", decl.name),
            None => format!("param {}(on: date) -> {ty}", decl.name),
        },
        _ => decl.name.clone(),
    };
    let kind = if decl.kind == DeclKind::Fn {
        CompletionItemKind::FUNCTION
    } else {
        CompletionItemKind::CONSTANT
    };
    let mut it = item(
        &decl.name,
        kind,
        Some(&detail),
        decl.label.as_ref().map(|l| l.ja.as_str()),
    );
    if snippets {
        it.insert_text = Some(format!("{}($0)", decl.name));
        it.insert_text_format = Some(InsertTextFormat::SNIPPET);
    }
    it.sort_text = Some(format!("2{}", decl.name));
    it
}

fn item(
    label: &str,
    kind: CompletionItemKind,
    detail: Option<&str>,
    doc: Option<&str>,
) -> CompletionItem {
    CompletionItem {
        label: label.to_string(),
        kind: Some(kind),
        detail: detail.map(str::to_string),
        documentation: doc.map(|d| {
            Documentation::MarkupContent(MarkupContent {
                kind: MarkupKind::Markdown,
                value: d.to_string(),
            })
        }),
        ..CompletionItem::default()
    }
}
