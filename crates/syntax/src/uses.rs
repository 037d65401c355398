//! The shared definitions a top-level item names: the blocks it `use`s, the
//! functions (fns, params, built-ins) it calls and the type names it writes
//! (enums, built-in types). Purely syntactic — nothing is resolved — so a
//! review tool can tell which forms a change to a shared block, fn or enum
//! reaches (`shinsei diff`) by following these names.
//!
//! ```
//! use shinsei_syntax::{parse, uses::uses, FileId};
//! let file = parse(FileId(0), r#"
//! form demo "見本" {
//!   version "1"  effective 2026-01-13..  category 給付  applicants insured
//!   use bank_account as bank
//!   field kind "続柄": relationship
//!   rule in_time { check today <= jikou_last_day(today)  message "…" }
//! }"#).unwrap();
//! let u = uses(&file.items[0]);
//! assert!(u.blocks.contains("bank_account"));
//! assert!(u.calls.contains("jikou_last_day"));
//! assert!(u.types.contains("relationship"));
//! ```

use std::collections::BTreeSet;

use crate::ast::{Expr, ExprKind, Ident, Item, ParamValueDecl, UseDecl};
use crate::visit::{Visit, walk_expr, walk_members};

/// The names an item uses.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Uses {
    /// Blocks named by `use`.
    pub blocks: BTreeSet<String>,
    /// Names called as functions: fns, params and built-ins.
    pub calls: BTreeSet<String>,
    /// Type names of fields and fn parameters (enums and built-in types),
    /// and the enum keying a param table.
    pub types: BTreeSet<String>,
}

/// The names `item` uses (its own name excluded).
pub fn uses(item: &Item) -> Uses {
    let mut u = Uses::default();
    match item {
        Item::Form(f) => walk_members(&mut u, &f.members),
        Item::Block(b) => walk_members(&mut u, &b.members),
        Item::Enum(_) => {}
        Item::Param(p) => {
            if let Some(by) = &p.by {
                u.types.insert(by.name.clone());
            }
            for period in &p.periods {
                match &period.value {
                    ParamValueDecl::Single(e) => u.visit_expr(e),
                    ParamValueDecl::Keyed(values) => {
                        values.iter().for_each(|(_, e)| u.visit_expr(e))
                    }
                }
            }
        }
        Item::Fn(f) => {
            for (_, ty) in &f.params {
                u.types.insert(ty.name.clone());
            }
            u.visit_expr(&f.body);
        }
    }
    u
}

impl Visit for Uses {
    fn visit_expr(&mut self, e: &Expr) {
        if let ExprKind::Call(f, _) = &e.kind {
            self.calls.insert(f.name.clone());
        }
        walk_expr(self, e);
    }

    fn visit_type_name(&mut self, name: &Ident) {
        self.types.insert(name.name.clone());
    }

    fn visit_use(&mut self, decl: &UseDecl) {
        self.blocks.insert(decl.block.name.clone());
    }
}
