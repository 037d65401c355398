//! The evaluation plan: what the runtime derives from each form version once
//! per bundle load, so that a call does not redo it.
//!
//! **Where it lives.** Every entry point takes `&Bundle`, and the shells
//! (CLI, server with its reloadable bundle, WASM engine, tests) hold nothing
//! else. So the plan lives *in* the bundle, in the type-erased cell
//! [`shinsei_ir::Derived`] (the IR cannot name the runtime's types): built
//! at the first validation with the bundle, one form version at a time (a
//! call builds only the plan of the form it validates, so the first call of
//! the browser pays for one form, not thirty), and dropped with the bundle.
//! A reloaded or cloned bundle starts with an empty cell, so no plan outlives
//! the expressions it describes, and no shell or test changes.
//!
//! **What it holds.** The checker inlines `let`s, so one `let` read twice is
//! two structurally equal subtrees (傷病手当金's `base_average` is computed
//! for two computed values, and `own_average` twice inside each). The plan
//! finds the structurally equal compound subexpressions that do real work
//! (an aggregate, a built-in call or a parameter somewhere inside) and gives
//! each group a memo slot; [`crate::eval::Env::eval`] keeps one value per
//! slot and frame for the call, so each is computed once per frame.
//!
//! Memoizing keeps every answer exactly as it was: an expression's value in
//! a frame depends only on the decoded values and on members' visibility,
//! and visibility is memoized too, except while a member's own condition is
//! being evaluated (a cycle reads the member as hidden). So the memo is read
//! and written only when no visibility is being computed (see
//! `Env::memo_open`); inside, expressions are evaluated as before.

use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::mem::discriminant;
use std::sync::OnceLock;

use shinsei_ir::{Bundle, Expr, Field, FieldKind, Form, Literal};

/// The plans of a bundle's form versions, parallel to `Bundle::forms`.
pub(crate) struct Plan {
    forms: Vec<OnceLock<FormPlan>>,
}

/// The plan of one form version.
#[derive(Debug, Default)]
pub(crate) struct FormPlan {
    /// Open-addressed table from an expression's address to its memo slot
    /// (`EMPTY` where unused); its length is a power of two.
    table: Vec<(usize, u32)>,
    /// Number of memo slots.
    slots: u32,
    /// Number of field states outside list items (the fields, groups and
    /// lists declared at form scope and in groups): what the states of a
    /// submission start from.
    states: usize,
}

/// An unused entry of [`FormPlan::table`] (no expression lives at address 0).
const EMPTY: usize = 0;

impl Plan {
    /// The plan of `form`, a form version of `bundle`, built at its first use.
    /// `None` when `form` is not one of the bundle's (never, from the entry
    /// points) or the cell holds something else.
    pub(crate) fn of<'b>(bundle: &'b Bundle, form: &Form) -> Option<&'b FormPlan> {
        let plan = bundle.derived().get_or_init(|| Plan {
            forms: bundle.forms.iter().map(|_| OnceLock::new()).collect(),
        })?;
        let index = bundle.forms.iter().position(|f| std::ptr::eq(f, form))?;
        let (cell, form) = plan.forms.get(index).zip(bundle.forms.get(index))?;
        Some(cell.get_or_init(|| FormPlan::build(form)))
    }
}

impl FormPlan {
    /// Finds the repeated costly subexpressions of `form` and numbers them.
    pub(crate) fn build(form: &Form) -> FormPlan {
        // Every compound node with its structural hash and whether it does
        // real work.
        let mut nodes: Vec<Node<'_>> = Vec::new();
        for root in form.expressions() {
            hash_expr(root, &mut nodes);
        }
        // Group equal costly nodes: by hash, then by equality (collisions).
        let mut groups: HashMap<u64, Vec<Vec<&Expr>>> = HashMap::new();
        for node in nodes.iter().filter(|n| n.costly) {
            let same_hash = groups.entry(node.hash).or_default();
            match same_hash
                .iter_mut()
                .find(|g| g.first().is_some_and(|e| *e == node.expr))
            {
                Some(group) => group.push(node.expr),
                None => same_hash.push(vec![node.expr]),
            }
        }
        let mut memo: Vec<(usize, u32)> = Vec::new();
        let mut slots: u32 = 0;
        let mut repeated: Vec<&Vec<&Expr>> =
            groups.values().flatten().filter(|g| g.len() > 1).collect();
        // Slot numbers do not depend on the hash map's order.
        repeated.sort_by_key(|g| g.first().map(|e| address(e)));
        for group in repeated {
            for e in group {
                memo.push((address(e), slots));
            }
            slots = slots.saturating_add(1);
        }
        let size = memo.len().saturating_mul(2).next_power_of_two().max(1);
        let mut table = vec![(EMPTY, 0); size];
        let mask = size.saturating_sub(1);
        for (addr, slot) in memo {
            let mut i = bucket(addr, mask);
            // Half the table at most is used, so a free entry is found.
            while let Some(entry) = table.get_mut(i) {
                if entry.0 == EMPTY {
                    *entry = (addr, slot);
                    break;
                }
                i = i.wrapping_add(1) & mask;
            }
        }
        FormPlan {
            table,
            slots,
            states: states_outside_lists(&form.fields),
        }
    }

    /// Number of field states outside list items.
    pub(crate) fn states(&self) -> usize {
        self.states
    }

    /// Number of memo slots.
    pub(crate) fn slots(&self) -> usize {
        usize::try_from(self.slots).unwrap_or(0)
    }

    /// The memo slot of `e`, if it has one.
    #[inline]
    pub(crate) fn slot(&self, e: &Expr) -> Option<usize> {
        let addr = address(e);
        let mask = self.table.len().wrapping_sub(1);
        let mut i = bucket(addr, mask);
        loop {
            let &(a, slot) = self.table.get(i)?;
            if a == addr {
                return usize::try_from(slot).ok();
            }
            if a == EMPTY {
                return None;
            }
            i = i.wrapping_add(1) & mask;
        }
    }
}

fn states_outside_lists(fields: &[Field]) -> usize {
    let mut n: usize = 0;
    let mut lists = vec![fields];
    while let Some(fields) = lists.pop() {
        n = n.saturating_add(fields.len());
        for field in fields {
            if let FieldKind::Group { fields } = &field.kind {
                lists.push(fields);
            }
        }
    }
    n
}

fn address(e: &Expr) -> usize {
    std::ptr::from_ref(e) as usize
}

/// Fibonacci hashing of an address into `0..=mask`.
fn bucket(addr: usize, mask: usize) -> usize {
    (addr as u64)
        .wrapping_mul(0x9E37_79B9_7F4A_7C15)
        .rotate_left(32) as usize
        & mask
}

/// A compound expression node.
struct Node<'f> {
    expr: &'f Expr,
    hash: u64,
    /// An aggregate, a call or a parameter is inside: worth a memo slot.
    costly: bool,
}

/// The structural hash of `e` (equal expressions hash equal); records every
/// compound node under `e` in `nodes`. Returns the hash and whether `e` is
/// costly. Recursion follows the IR, whose nesting the loaders bound.
fn hash_expr<'f>(e: &'f Expr, nodes: &mut Vec<Node<'f>>) -> (u64, bool) {
    let mut h = DefaultHasher::new();
    discriminant(e).hash(&mut h);
    let mut children: Vec<&'f Expr> = Vec::new();
    let mut costly = false;
    match e {
        Expr::Lit(lit) => hash_literal(lit, &mut h),
        Expr::Field(r) | Expr::Present(r) => hash_ref(r, &mut h),
        Expr::Qual(q) => q.hash(&mut h),
        Expr::Role | Expr::Today => {}
        Expr::Unary { op, arg } => {
            discriminant(op).hash(&mut h);
            children.push(arg);
        }
        Expr::Binary { op, lhs, rhs } => {
            discriminant(op).hash(&mut h);
            children.extend([&**lhs, &**rhs]);
        }
        Expr::In { value, set } => {
            set.len().hash(&mut h);
            children.push(value);
            children.extend(set);
        }
        Expr::If {
            cond,
            then,
            otherwise,
        } => children.extend([&**cond, &**then, &**otherwise]),
        Expr::Call { func, args } => {
            discriminant(func).hash(&mut h);
            args.len().hash(&mut h);
            children.extend(args);
            costly = true;
        }
        Expr::Aggregate { op, list, body } => {
            discriminant(op).hash(&mut h);
            hash_ref(list, &mut h);
            body.is_some().hash(&mut h);
            children.extend(body.as_deref());
            costly = true;
        }
        Expr::Param { name, at, key } => {
            name.hash(&mut h);
            key.is_some().hash(&mut h);
            children.push(at);
            children.extend(key.as_deref());
            costly = true;
        }
    }
    let compound = !children.is_empty() || costly;
    for c in children {
        let (ch, cc) = hash_expr(c, nodes);
        ch.hash(&mut h);
        costly |= cc;
    }
    let hash = h.finish();
    if compound {
        nodes.push(Node {
            expr: e,
            hash,
            costly,
        });
    }
    (hash, costly)
}

fn hash_ref(r: &shinsei_ir::FieldRef, h: &mut DefaultHasher) {
    r.frame.hash(h);
    r.path.hash(h);
}

fn hash_literal(lit: &Literal, h: &mut DefaultHasher) {
    discriminant(lit).hash(h);
    match lit {
        Literal::Bool(b) => b.hash(h),
        Literal::Int(n) | Literal::Yen(n) => n.hash(h),
        Literal::Rate { num, den } => (num, den).hash(h),
        Literal::Date(d) => d.hash(h),
        Literal::Month { year, month } => (year, month).hash(h),
        Literal::Duration { n, unit } => {
            n.hash(h);
            discriminant(unit).hash(h);
        }
        Literal::Text(s) => s.hash(h),
    }
}

#[cfg(test)]
mod tests {
    use shinsei_ir::{
        AggOp, BinOp, Category, Computed, DateRange, Expr, FieldRef, Form, Literal, Text, ValueType,
    };

    use super::{FormPlan, hash_expr};

    fn field(i: u32) -> Expr {
        Expr::Field(FieldRef {
            frame: 0,
            path: vec![i],
        })
    }

    fn average() -> Expr {
        let agg = |op| Expr::Aggregate {
            op,
            list: FieldRef {
                frame: 0,
                path: vec![0],
            },
            body: Some(Box::new(Expr::Field(FieldRef {
                frame: 1,
                path: vec![0],
            }))),
        };
        Expr::Binary {
            op: BinOp::Div,
            lhs: Box::new(agg(AggOp::Sum)),
            rhs: Box::new(agg(AggOp::Count)),
        }
    }

    #[test]
    fn equal_expressions_hash_equal_and_only_work_is_costly() {
        let (x, y) = (average(), average());
        let mut nodes = Vec::new();
        let (a, costly_a) = hash_expr(&x, &mut nodes);
        let (b, _) = hash_expr(&y, &mut nodes);
        assert_eq!(a, b);
        assert!(costly_a);
        // sum, count and the division: compound nodes; the field reads are not.
        assert_eq!(nodes.len(), 6);
        let cheap = Expr::Binary {
            op: BinOp::Ge,
            lhs: Box::new(field(1)),
            rhs: Box::new(field(2)),
        };
        let swapped = Expr::Binary {
            op: BinOp::Ge,
            lhs: Box::new(field(2)),
            rhs: Box::new(field(1)),
        };
        let (c, costly_c) = hash_expr(&cheap, &mut nodes);
        let (d, _) = hash_expr(&swapped, &mut nodes);
        assert!(!costly_c);
        assert_ne!(c, d);
        let lit = |n| Expr::Lit(Literal::Int(n));
        assert_ne!(
            hash_expr(&lit(1), &mut nodes).0,
            hash_expr(&lit(2), &mut nodes).0
        );
    }

    #[test]
    fn a_repeated_costly_expression_gets_one_slot_for_all_its_copies() {
        let computed = |name: &str, expr| Computed {
            name: name.into(),
            label: Text::ja(name),
            ty: ValueType::Yen,
            expr,
            when: None,
            source: String::new(),
        };
        let form = Form {
            id: "t".into(),
            title: Text::ja("t"),
            version: "1".into(),
            effective: DateRange {
                from: chrono::NaiveDate::MIN,
                to: None,
            },
            category: Category::Benefit,
            applicants: vec![],
            qualification: vec![],
            fields: vec![],
            rules: vec![],
            computed: vec![
                computed("a", average()),
                computed("b", average()),
                computed(
                    "c",
                    Expr::Binary {
                        op: BinOp::Add,
                        lhs: Box::new(field(1)),
                        rhs: Box::new(field(1)),
                    },
                ),
            ],
            attachments: vec![],
            params: vec![],
            source: String::new(),
            basis: None,
            migration: None,
        };
        let plan = FormPlan::build(&form);
        // The average, its sum and its count: three slots, each shared by
        // both copies; the cheap addition has none.
        assert_eq!(plan.slots(), 3);
        let [a, b, c] = &form.computed[..] else {
            unreachable!()
        };
        assert!(plan.slot(&a.expr).is_some());
        assert_eq!(plan.slot(&a.expr), plan.slot(&b.expr));
        assert_eq!(plan.slot(&c.expr), None);
        assert_eq!(plan.slot(&field(1)), None);
    }
}
