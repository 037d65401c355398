//! What each name resolves to, recorded while checking (for editors: go to
//! definition, find references, rename, hover). Recording is off unless
//! [`compile_with_references`](crate::compile_with_references) asks for it.

use std::cell::RefCell;

use shinsei_syntax::Span;
use shinsei_syntax::ast::Ident;

use crate::ty::Ty;

/// A name written in an expression or a rule's `at`, and the declaration the
/// checker resolved it to — exactly as it resolves it, through groups,
/// lists, aggregate bodies and `use`d blocks.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Reference {
    /// Where the name is written.
    pub span: Span,
    /// The identifier of its declaration (possibly in another file).
    pub target: Span,
    /// What it names.
    pub kind: RefKind,
    /// Its type as diagnostics name it (`date`, `yen`, `choice`, `list`, …),
    /// when it has one.
    pub ty: Option<String>,
}

/// What a [`Reference`] names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RefKind {
    /// A field.
    Field,
    /// A group (also a block used `as` a group).
    Group,
    /// A list.
    List,
    /// A `let`.
    Let,
    /// A `compute`.
    Compute,
}

/// The recorder the lowering writes to (none: nothing is recorded).
#[derive(Default)]
pub(crate) struct Recorder(Option<RefCell<Vec<Reference>>>);

impl Recorder {
    pub(crate) fn on() -> Self {
        Recorder(Some(RefCell::new(Vec::new())))
    }

    /// Records that `used` names `target`, a `kind` of type `ty` (when on).
    pub(crate) fn push(&self, used: &Ident, target: &Ident, kind: RefKind, ty: &Ty) {
        if let Some(cell) = &self.0 {
            cell.borrow_mut().push(Reference {
                span: used.span,
                target: target.span,
                kind,
                ty: (*ty != Ty::Error).then(|| ty.describe()),
            });
        }
    }

    pub(crate) fn take(&self) -> Vec<Reference> {
        let mut refs = self.0.as_ref().map(RefCell::take).unwrap_or_default();
        refs.sort();
        refs.dedup();
        refs
    }
}

#[cfg(test)]
mod tests {
    use shinsei_syntax::SourceDb;

    use super::RefKind;

    /// `(used text, declaration's line, kind)` of every reference of `src`.
    fn resolved(src: &str) -> Vec<(String, usize, RefKind, Option<String>)> {
        let mut db = SourceDb::new();
        let file = db.add("t.form", src);
        let (out, refs) = crate::compile_with_references(&db);
        assert!(out.diagnostics.is_empty(), "{:?}", out.diagnostics);
        let text = &db.get(file).unwrap().text;
        refs.into_iter()
            .map(|r| {
                let used = text[r.span.start as usize..r.span.end as usize].to_string();
                let line = text[..r.target.start as usize].lines().count();
                (used, line, r.kind, r.ty)
            })
            .collect()
    }

    #[test]
    fn names_resolve_through_lists_aggregates_groups_lets_and_blocks() {
        let src = r#"block contact "連絡先" {
  field phone "電話": phone
}
form demo "見本" {
  version "1"  effective 2026-01-13..  category 給付  applicants insured
  use contact
  list leave "期間" min 1 max 3 {
    field from "開始日": date
    field to "終了日": date
    rule order { check to >= from  at to  message "x" }
  }
  group g "グループ" { field n "数": integer }
  let total = sum(leave, days(period(from, to)))
  compute c "計" = total + g.n
  rule first { check first(leave).from <= today and present(phone)  at leave  message "y" }
}"#;
        let got = resolved(src);
        let has = |used: &str, line: usize, kind: RefKind| {
            got.iter()
                .any(|(u, l, k, _)| u == used && *l == line && *k == kind)
        };
        assert!(has("to", 9, RefKind::Field), "{got:?}");
        assert!(has("from", 8, RefKind::Field), "{got:?}");
        assert!(has("leave", 7, RefKind::List), "{got:?}");
        assert!(has("total", 13, RefKind::Let), "{got:?}");
        assert!(has("g", 12, RefKind::Group), "{got:?}");
        assert!(has("n", 12, RefKind::Field), "{got:?}");
        // A member of a `use`d block resolves to the block's declaration.
        assert!(has("phone", 2, RefKind::Field), "{got:?}");
        // `first(leave).from` is the list item's field; `at to` too.
        let from_refs = got
            .iter()
            .filter(|(u, l, ..)| u == "from" && *l == 8)
            .count();
        assert!(from_refs >= 3, "{got:?}");
        let total = got.iter().find(|(u, ..)| u == "total").unwrap();
        assert_eq!(total.3.as_deref(), Some("integer"));
    }
}
