//! One call's memo of the plan's shared subexpressions ([`crate::plan`]):
//! per slot, the value last computed and the frame it was computed in.
//!
//! One entry per slot is enough: the repeated expressions of a form are read
//! either at form scope (one frame) or by rules of one list item one after
//! the other (the same frame in a row), so the last frame is the one asked
//! for again.

use std::cell::Cell;

use shinsei_ir::Expr;

use crate::plan::FormPlan;
use crate::tree::InstId;
use crate::value::Value;

/// A memoized value: the frame and the value (`None`: unknown).
type Entry<'a> = Option<(InstId, Option<Value<'a>>)>;

/// Slots kept inline (on the stack, no allocation per call); a form with
/// more gets a vector.
const INLINE: usize = 32;

/// The memo of one call.
pub(crate) struct Memo<'a> {
    plan: Option<&'a FormPlan>,
    inline: [Cell<Entry<'a>>; INLINE],
    /// The slots when there are more than [`INLINE`].
    more: Vec<Cell<Entry<'a>>>,
    /// Number of slots.
    slots: usize,
    /// How many members' visibility is being computed (see [`Memo::open`]).
    busy: Cell<u32>,
}

impl<'a> Memo<'a> {
    /// An empty memo for a form's plan (`None`: nothing is memoized).
    pub(crate) fn new(plan: Option<&'a FormPlan>) -> Self {
        let slots = plan.map_or(0, FormPlan::slots);
        let more = if slots > INLINE {
            (0..slots).map(|_| Cell::new(None)).collect()
        } else {
            Vec::new()
        };
        Memo {
            plan,
            inline: std::array::from_fn(|_| Cell::new(None)),
            more,
            slots,
            busy: Cell::new(0),
        }
    }

    /// The cell of slot `slot`.
    #[inline]
    fn entry(&self, slot: usize) -> Option<&Cell<Entry<'a>>> {
        if self.slots > INLINE {
            self.more.get(slot)
        } else {
            self.inline.get(slot)
        }
    }

    /// The slot of `e` when the memo may be used now: `e` is a repeated
    /// subexpression and no member's visibility is being computed (inside a
    /// visibility cycle a field reads as hidden, so a value computed or
    /// reused there could differ from the one computed outside).
    #[inline]
    pub(super) fn open(&self, e: &Expr) -> Option<usize> {
        if self.slots == 0 || self.busy.get() != 0 {
            return None;
        }
        self.plan?.slot(e)
    }

    /// The value of slot `slot` in `frame`, if computed.
    #[inline]
    pub(super) fn get(&self, slot: usize, frame: InstId) -> Option<Option<Value<'a>>> {
        match self.entry(slot)?.get() {
            Some((f, v)) if f == frame => Some(v),
            _ => None,
        }
    }

    /// Keeps `value` for slot `slot` in `frame`.
    #[inline]
    pub(super) fn set(&self, slot: usize, frame: InstId, value: Option<Value<'a>>) {
        if let Some(entry) = self.entry(slot) {
            entry.set(Some((frame, value)));
        }
    }

    /// A member's visibility is being computed (until [`Memo::leave`]).
    pub(crate) fn enter(&self) {
        self.busy.set(self.busy.get().saturating_add(1));
    }

    /// The visibility entered last is known.
    pub(crate) fn leave(&self) {
        self.busy.set(self.busy.get().saturating_sub(1));
    }
}
