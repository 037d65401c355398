//! Values a sentence uses more than once (typically an inlined `let` or shared
//! fn argument) get a short name, 〔A〕, defined under the sentence: the rule
//! reads 「…の年齢（〔A〕による）が70歳以上であり、かつ…（〔A〕による）が75歳未満」
//! instead of spelling the same formula out twice.
//!
//! Inside an aggregate the same formula may mean something else (its fields
//! are those of the current item), so each occurrence is keyed by the lists
//! entered to reach it; only occurrences with the same key are the same value.

use shinsei_ir::{Expr, FieldRef};

use crate::field_types::Kind;
use crate::scope::{Ctx, Key};

/// Smallest formula (in IR nodes) worth a name.
const MIN_SIZE: usize = 5;
/// Names, in order of first use.
const LETTERS: [&str; 10] = ["A", "B", "C", "D", "E", "F", "G", "H", "I", "J"];

/// Number of nodes of `e`.
fn size(e: &Expr) -> usize {
    1 + children(e).iter().map(|c| size(c)).sum::<usize>()
        + match e {
            Expr::Aggregate { body: Some(b), .. } => size(b),
            _ => 0,
        }
}

/// The direct sub-expressions of `e` in the same frame.
fn children(e: &Expr) -> Vec<&Expr> {
    match e {
        Expr::Unary { arg, .. } => vec![arg],
        Expr::Binary { lhs, rhs, .. } => vec![lhs, rhs],
        Expr::In { value, set } => std::iter::once(value.as_ref()).chain(set).collect(),
        Expr::If {
            cond,
            then,
            otherwise,
        } => vec![cond, then, otherwise],
        Expr::Call { args, .. } => args.iter().collect(),
        Expr::Param { at, key, .. } => std::iter::once(at.as_ref()).chain(key.as_deref()).collect(),
        Expr::Lit(_)
        | Expr::Field(_)
        | Expr::Present(_)
        | Expr::Qual(_)
        | Expr::Role
        | Expr::Today
        | Expr::Aggregate { .. } => Vec::new(),
    }
}

impl<'a> Ctx<'a> {
    /// `e`'s sub-expressions with their keys: the same frame, then the body
    /// of an aggregate one list deeper. A computed value is a leaf (it is
    /// read by its label).
    fn below(&self, e: &'a Expr, key: &Key) -> Vec<(&'a Expr, Key)> {
        if self.computed_label(e).is_some() {
            return Vec::new();
        }
        let mut out: Vec<(&'a Expr, Key)> =
            children(e).into_iter().map(|c| (c, key.clone())).collect();
        if let Expr::Aggregate {
            list,
            body: Some(b),
            ..
        } = e
        {
            out.push((b, self.deeper(key, list)));
        }
        out
    }

    /// The key inside an aggregate over `list` reached from `key`.
    pub(crate) fn deeper(&self, key: &Key, list: &FieldRef) -> Key {
        let keep = (usize::from(list.frame) + 1).saturating_sub(self.depth());
        let mut k: Key = key.iter().take(keep).cloned().collect();
        k.push(list.clone());
        k
    }

    /// The context with names for the values `roots` repeat, and the
    /// definitions (`〔A〕：…`) to print under the sentence.
    pub fn named(&self, roots: &[&'a Expr]) -> (Ctx<'a>, Vec<String>) {
        let base = self.base_key();
        let mut every: Vec<(&'a Expr, Key)> = Vec::new();
        let mut stack: Vec<(&'a Expr, Key)> = roots.iter().map(|r| (*r, base.clone())).collect();
        while let Some((e, k)) = stack.pop() {
            stack.extend(self.below(e, &k));
            every.push((e, k));
        }
        let count = |e: &Expr, k: &Key| every.iter().filter(|(x, y)| *x == e && y == k).count();
        let mut chosen: Vec<(&'a Expr, Key)> = Vec::new();
        let mut stack: Vec<(&'a Expr, Key)> =
            roots.iter().rev().map(|r| (*r, base.clone())).collect();
        while let Some((e, k)) = stack.pop() {
            let worth = size(e) >= MIN_SIZE
                && self.computed_label(e).is_none()
                && self
                    .kind_at(e, &k)
                    .is_some_and(|kind| !matches!(kind, Kind::Bool | Kind::Unknown))
                && count(e, &k) >= 2;
            if worth && chosen.len() < LETTERS.len() {
                if !chosen.iter().any(|(x, y)| *x == e && *y == k) {
                    chosen.push((e, k));
                }
            } else {
                stack.extend(self.below(e, &k).into_iter().rev());
            }
        }
        let mut ctx = self.clone();
        for ((e, k), letter) in chosen.iter().zip(LETTERS) {
            ctx.names.push((e, k.clone(), format!("〔{letter}〕")));
        }
        let notes = chosen
            .iter()
            .zip(LETTERS)
            .map(|((e, k), letter)| {
                let mut inner = ctx.clone();
                inner.names.retain(|(n, m, _)| !(n == e && m == k));
                let text = inner.at_key(k).map_or_else(String::new, |c| c.value(e));
                // A value of each item of a list says so.
                let each = match k.len().checked_sub(self.base_key().len()) {
                    Some(1..) => k.split_last().map_or_else(String::new, |(l, outer)| {
                        let outer = inner.at_key(&outer.to_vec());
                        outer.map_or_else(String::new, |c| format!("{}の各行の", c.label(l)))
                    }),
                    _ => String::new(),
                };
                format!("〔{letter}〕：{each}{}", unwrap_parens(&text))
            })
            .collect();
        (ctx, notes)
    }

    /// The kind of `e` where `key` leads.
    fn kind_at(&self, e: &Expr, key: &Key) -> Option<Kind> {
        self.at_key(key).map(|c| c.kind(e))
    }

    /// The context reached by entering the lists of `key` beyond the base.
    fn at_key(&self, key: &Key) -> Option<Ctx<'a>> {
        let base = self.base_key().len();
        let mut ctx = self.clone();
        for list in key.iter().skip(base) {
            ctx = ctx.item(list)?;
        }
        Some(ctx)
    }

    /// The name given to `e` here, if any.
    pub(crate) fn name_of(&self, e: &Expr) -> Option<&str> {
        let key = self.base_key();
        self.names
            .iter()
            .find(|(n, k, _)| *n == e && *k == key)
            .map(|(_, _, name)| name.as_str())
    }
}

/// `（…）` → `…` when the outer parentheses enclose everything.
fn unwrap_parens(s: &str) -> String {
    let Some(inner) = s.strip_prefix('（').and_then(|r| r.strip_suffix('）')) else {
        return s.to_owned();
    };
    let mut depth = 0i32;
    for c in inner.chars() {
        match c {
            '（' => depth += 1,
            '）' => depth -= 1,
            _ => {}
        }
        if depth < 0 {
            return s.to_owned();
        }
    }
    inner.to_owned()
}
