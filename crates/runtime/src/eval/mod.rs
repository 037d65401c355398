//! Expression evaluation over a decoded submission.
//!
//! Three-valued: every expression yields `Some(value)` or `None` (*unknown*).
//! Recursion follows the IR only (the compiled form bounds it), never the
//! input. Field references see a field only if it is visible; visibility is
//! computed lazily with memoization (see `crate::visibility`).

mod aggregate;
mod arith;
mod builtins;
mod memo;

use chrono::NaiveDate;
use shinsei_ir::{BinOp, Bundle, Expr, FieldRef, ParamValue, Role, UnOp};

pub(crate) use memo::Memo;

use crate::plan::FormPlan;
use crate::tree::QualValues;
use crate::tree::{InstId, State, Tree};
use crate::value::Value;

/// Everything an expression can read.
pub(crate) struct Env<'a> {
    /// The decoded `fields`.
    pub tree: &'a Tree<'a>,
    /// For parameters.
    pub bundle: &'a Bundle,
    /// `today`: the JST date of `now`.
    pub today: NaiveDate,
    /// The applicant's role, if valid.
    pub role: Option<Role>,
    /// The 資格 values.
    pub qual: &'a QualValues<'a>,
    /// Where to record what was evaluated, when asked for (coverage).
    pub trace: Option<&'a std::cell::RefCell<crate::trace::Trace>>,
    /// The form's evaluation plan (`None` only for a form that is not the
    /// bundle's).
    pub plan: Option<&'a FormPlan>,
    /// The values of the plan's shared subexpressions, once per frame.
    pub memo: Memo<'a>,
}

impl<'a> Env<'a> {
    /// Evaluates `e` in frame `frame` (the root or a list item); a shared
    /// subexpression of the plan once per frame.
    pub fn eval(&self, e: &'a Expr, frame: InstId) -> Option<Value<'a>> {
        if matches!(
            e,
            Expr::Lit(_)
                | Expr::Field(_)
                | Expr::Present(_)
                | Expr::Qual(_)
                | Expr::Role
                | Expr::Today
        ) {
            return self.eval_node(e, frame);
        }
        let Some(slot) = self.memo.open(e) else {
            return self.eval_node(e, frame);
        };
        if let Some(v) = self.memo.get(slot, frame) {
            return v;
        }
        let v = self.eval_node(e, frame);
        self.memo.set(slot, frame, v);
        v
    }

    fn eval_node(&self, e: &'a Expr, frame: InstId) -> Option<Value<'a>> {
        match e {
            Expr::Lit(lit) => Value::of_literal(lit),
            Expr::Field(r) => self.field(r, frame),
            Expr::Present(r) => Some(Value::Bool(self.present(r, frame))),
            Expr::Qual(q) => self.qual.value(*q),
            Expr::Role => self.role.map(|r| Value::Text(r.id())),
            Expr::Today => Some(Value::Date(self.today)),
            Expr::Unary { op, arg } => {
                let v = self.eval(arg, frame)?;
                match op {
                    UnOp::Not => Some(Value::Bool(!v.as_bool()?)),
                    UnOp::Neg => arith::neg(v),
                }
            }
            Expr::Binary { op, lhs, rhs } => self.binary(*op, lhs, rhs, frame),
            Expr::In { value, set } => {
                let v = self.eval(value, frame)?;
                let mut unknown = false;
                for candidate in set {
                    match self.eval(candidate, frame).and_then(|c| v.equals(c)) {
                        Some(true) => return Some(Value::Bool(true)),
                        Some(false) => {}
                        None => unknown = true,
                    }
                }
                if unknown {
                    None
                } else {
                    Some(Value::Bool(false))
                }
            }
            Expr::If {
                cond,
                then,
                otherwise,
            } => {
                if self.truth(cond, frame)? {
                    self.eval(then, frame)
                } else {
                    self.eval(otherwise, frame)
                }
            }
            Expr::Call { func, args } => builtins::call(self, *func, args, frame),
            Expr::Aggregate { op, list, body } => {
                aggregate::run(self, *op, list, body.as_deref(), frame)
            }
            Expr::Param { name, at, key } => self.param(name, at, key.as_deref(), frame),
        }
    }

    /// Evaluates a condition: `Some(true)`, `Some(false)` or unknown.
    pub fn truth(&self, e: &'a Expr, frame: InstId) -> Option<bool> {
        self.eval(e, frame)?.as_bool()
    }

    fn binary(&self, op: BinOp, lhs: &'a Expr, rhs: &'a Expr, frame: InstId) -> Option<Value<'a>> {
        match op {
            BinOp::And => {
                let a = self.truth(lhs, frame);
                if a == Some(false) {
                    return Some(Value::Bool(false));
                }
                match (a, self.truth(rhs, frame)) {
                    (_, Some(false)) => Some(Value::Bool(false)),
                    (Some(true), Some(true)) => Some(Value::Bool(true)),
                    _ => None,
                }
            }
            BinOp::Or => {
                let a = self.truth(lhs, frame);
                if a == Some(true) {
                    return Some(Value::Bool(true));
                }
                match (a, self.truth(rhs, frame)) {
                    (_, Some(true)) => Some(Value::Bool(true)),
                    (Some(false), Some(false)) => Some(Value::Bool(false)),
                    _ => None,
                }
            }
            _ => {
                let a = self.eval(lhs, frame)?;
                let b = self.eval(rhs, frame)?;
                match op {
                    BinOp::Add => arith::add(a, b),
                    BinOp::Sub => arith::sub(a, b),
                    BinOp::Mul => arith::mul(a, b),
                    BinOp::Div => arith::div(a, b),
                    BinOp::Eq => a.equals(b).map(Value::Bool),
                    BinOp::Ne => a.equals(b).map(|eq| Value::Bool(!eq)),
                    BinOp::Lt => a.compare(b).map(|o| Value::Bool(o.is_lt())),
                    BinOp::Le => a.compare(b).map(|o| Value::Bool(o.is_le())),
                    BinOp::Gt => a.compare(b).map(|o| Value::Bool(o.is_gt())),
                    BinOp::Ge => a.compare(b).map(|o| Value::Bool(o.is_ge())),
                    BinOp::And | BinOp::Or => None,
                }
            }
        }
    }

    /// The instance and member index a reference points at (through groups).
    pub fn resolve(&self, r: &FieldRef, frame: InstId) -> Option<(InstId, usize)> {
        let mut inst = self.tree.frame_at(frame, r.frame)?;
        let (last, groups) = r.path.split_last()?;
        for idx in groups {
            let (_, member) = self.tree.member(inst, usize::try_from(*idx).ok()?)?;
            match member.state {
                State::Group(id) => inst = id,
                _ => return None,
            }
        }
        Some((inst, usize::try_from(*last).ok()?))
    }

    fn field(&self, r: &FieldRef, frame: InstId) -> Option<Value<'a>> {
        let (inst, idx) = self.resolve(r, frame)?;
        if !self.member_visible(inst, idx) {
            return None;
        }
        match &self.tree.member(inst, idx)?.1.state {
            State::Value(decoded) => Some(decoded.value()),
            _ => None,
        }
    }

    /// Whether the referenced field is visible and has a valid value (lists:
    /// at least one item). Never unknown.
    pub fn present(&self, r: &FieldRef, frame: InstId) -> bool {
        let Some((inst, idx)) = self.resolve(r, frame) else {
            return false;
        };
        self.member_visible(inst, idx)
            && self
                .tree
                .member(inst, idx)
                .is_some_and(|(_, m)| match &m.state {
                    State::Value(_) | State::Group(_) => true,
                    State::List(items) => !items.is_empty(),
                    State::Absent | State::Invalid => false,
                })
    }

    /// The items of a referenced list: empty when absent or hidden, unknown
    /// when the list itself was invalid.
    pub fn list_items(&self, r: &FieldRef, frame: InstId) -> Option<&'a [InstId]> {
        let Some((inst, idx)) = self.resolve(r, frame) else {
            return Some(&[]);
        };
        if !self.member_visible(inst, idx) {
            return Some(&[]);
        }
        match &self.tree.member(inst, idx)?.1.state {
            State::List(items) => Some(items),
            State::Invalid => None,
            _ => Some(&[]),
        }
    }

    fn param(
        &self,
        name: &str,
        at: &'a Expr,
        key: Option<&'a Expr>,
        frame: InstId,
    ) -> Option<Value<'a>> {
        let param = self.bundle.params.get(name)?;
        let at = self.eval(at, frame)?.as_date()?;
        let period = param
            .periods
            .iter()
            .filter(|p| p.from <= at)
            .max_by_key(|p| p.from)?;
        if let Some(t) = self.trace {
            t.borrow_mut().param(name, period.from);
        }
        match &period.value {
            ParamValue::Single(lit) => Value::of_literal(lit),
            ParamValue::Keyed(table) => match self.eval(key?, frame)? {
                Value::Text(k) => Value::of_literal(table.get(k)?),
                _ => None,
            },
        }
    }
}
