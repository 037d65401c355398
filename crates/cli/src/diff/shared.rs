//! Which forms a change to a shared block, fn or enum reaches. The compiled
//! bundle inlines blocks and fns, so this reads the sources: an item whose
//! text changed (comments and layout aside), and every form that uses it —
//! directly or through other blocks and fns (`shinsei_syntax::uses`).

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;
use shinsei_syntax::ast::{HeaderItem, Item};
use shinsei_syntax::uses::{Uses, uses};
use shinsei_syntax::{FileId, SourceDb};

/// A shared block, fn or enum that changed, and the forms it reaches.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SharedChange {
    /// `block bank_account`, `fn jikou_last_day`, `enum account_type`.
    pub item: String,
    /// The file it is in (the new side's, unless removed).
    pub file: String,
    /// `added`, `removed` or `changed`.
    pub kind: &'static str,
    /// The form versions that use it, directly or through others
    /// (`shobyo_teate 2026.1`), as of the new side (the old for a removal).
    pub reaches: Vec<String>,
}

/// A parsed side: every top-level item by `kind name`.
struct Side {
    items: BTreeMap<String, Parsed>,
    forms: Vec<(String, Uses)>,
}

struct Parsed {
    file: String,
    text: String,
    uses: Uses,
}

/// The shared items that differ between two sets of sources, each with the
/// forms it reaches. Files that do not parse are skipped (`shinsei check`
/// reports them).
pub fn shared(old: &SourceDb, new: &SourceDb) -> Vec<SharedChange> {
    let (o, n) = (side(old), side(new));
    let mut out = Vec::new();
    for (key, item) in &o.items {
        if !n.items.contains_key(key) {
            out.push(SharedChange {
                item: key.clone(),
                file: item.file.clone(),
                kind: "removed",
                reaches: o.reaching(key),
            });
        }
    }
    for (key, item) in &n.items {
        let kind = match o.items.get(key) {
            None => "added",
            Some(before) if before.text != item.text => "changed",
            Some(_) => continue,
        };
        out.push(SharedChange {
            item: key.clone(),
            file: item.file.clone(),
            kind,
            reaches: n.reaching(key),
        });
    }
    out
}

fn side(db: &SourceDb) -> Side {
    let mut items = BTreeMap::new();
    let mut forms = Vec::new();
    for (id, src) in db.iter() {
        let Ok(file) = shinsei_syntax::parse(id, &src.text) else {
            continue;
        };
        for item in &file.items {
            let (kind, name, span) = match item {
                Item::Form(f) => {
                    forms.push((form_name(f), uses(item)));
                    continue;
                }
                // Params are compared in the bundle (diff::params).
                Item::Param(_) => continue,
                Item::Block(b) => ("block", &b.id.name, b.span),
                Item::Fn(f) => ("fn", &f.id.name, f.span),
                Item::Enum(e) => ("enum", &e.id.name, e.span),
            };
            items.insert(
                format!("{kind} {name}"),
                Parsed {
                    file: src.path.clone(),
                    text: normalized(db, id, span),
                    uses: uses(item),
                },
            );
        }
    }
    forms.sort_by(|a, b| a.0.cmp(&b.0));
    Side { items, forms }
}

fn form_name(f: &shinsei_syntax::ast::FormDecl) -> String {
    let version = f.header.iter().find_map(|h| match h {
        HeaderItem::Version(v, _) => Some(v.as_str()),
        _ => None,
    });
    match version {
        Some(v) => format!("{} {v}", f.id.name),
        None => f.id.name.clone(),
    }
}

/// The item's text without comments, its whitespace collapsed: a change of
/// layout or of a comment is not a change.
fn normalized(db: &SourceDb, id: FileId, span: shinsei_syntax::Span) -> String {
    let text = db.get(id).map_or("", |s| s.slice(span));
    let mut out = String::new();
    for line in text.lines() {
        let mut in_string = false;
        let mut escaped = false;
        let mut code = String::new();
        for c in line.chars() {
            match c {
                _ if escaped => escaped = false,
                '\\' if in_string => escaped = true,
                '"' => in_string = !in_string,
                '#' if !in_string => break,
                _ => {}
            }
            code.push(c);
        }
        for word in code.split_whitespace() {
            out.push_str(word);
            out.push(' ');
        }
    }
    out
}

impl Side {
    /// The items `u` names that exist on this side, as `kind name` keys.
    fn named<'a>(&'a self, u: &'a Uses) -> impl Iterator<Item = String> + 'a {
        let blocks = u.blocks.iter().map(|b| format!("block {b}"));
        let fns = u.calls.iter().map(|f| format!("fn {f}"));
        let enums = u.types.iter().map(|t| format!("enum {t}"));
        blocks
            .chain(fns)
            .chain(enums)
            .filter(|k| self.items.contains_key(k))
    }

    /// Every item reachable from `u` (transitively).
    fn closure(&self, u: &Uses) -> BTreeSet<String> {
        let mut seen = BTreeSet::new();
        let mut todo: Vec<String> = self.named(u).collect();
        while let Some(key) = todo.pop() {
            if seen.insert(key.clone())
                && let Some(item) = self.items.get(&key)
            {
                todo.extend(self.named(&item.uses));
            }
        }
        seen
    }

    /// The form versions that reach `key`.
    fn reaching(&self, key: &str) -> Vec<String> {
        self.forms
            .iter()
            .filter(|(_, u)| self.closure(u).contains(key))
            .map(|(name, _)| name.clone())
            .collect()
    }
}
