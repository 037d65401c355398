//! Visibility and required-ness of fields, computed lazily.
//!
//! A member is visible when the instance it lives in is visible and its own
//! `visible_when` is *true* (unknown hides). Conditions may read fields whose
//! own visibility depends on other conditions, so each member's answer is
//! memoized; a member met again while its own condition is being evaluated
//! is part of a cycle and counts as hidden. Every member is computed at most
//! once, so this always terminates.

use shinsei_ir::Presence;

use crate::eval::Env;
use crate::tree::{Inst, InstId, Member, Vis};

impl<'a> Env<'a> {
    /// Whether member `idx` of instance `inst` is shown.
    #[inline]
    pub fn member_visible(&self, inst: InstId, idx: usize) -> bool {
        let Some(i) = self.tree.inst(inst) else {
            return false;
        };
        let Some(member) = i.members.get(idx) else {
            return false;
        };
        match member.vis.get() {
            Vis::Visible => true,
            Vis::Hidden | Vis::InProgress => false,
            Vis::Unset => self.decide_visible(i, idx, member),
        }
    }

    /// Computes and memoizes the visibility of a member met for the first
    /// time: its instance is shown (its parent member is) and its own
    /// condition holds.
    #[inline(never)]
    fn decide_visible(&self, i: &Inst<'a>, idx: usize, member: &Member<'a>) -> bool {
        let Some(field) = i.fields.get(idx) else {
            return false;
        };
        member.vis.set(Vis::InProgress);
        self.memo.enter();
        let visible = i
            .parent
            .is_none_or(|(parent, at)| self.member_visible(parent, at))
            && match &field.visible_when {
                None => true,
                Some(cond) => self.truth(cond, i.frame) == Some(true),
            };
        self.memo.leave();
        member
            .vis
            .set(if visible { Vis::Visible } else { Vis::Hidden });
        visible
    }

    /// The frame expressions of instance `inst` are evaluated in.
    pub fn frame_of(&self, inst: InstId) -> InstId {
        self.tree.inst(inst).map_or(inst, |i| i.frame)
    }

    /// Whether a (visible) member must have a value.
    pub fn required(&self, inst: InstId, presence: &'a Presence) -> bool {
        match presence {
            Presence::Required => true,
            Presence::Optional => false,
            Presence::RequiredWhen(cond) => self.truth(cond, self.frame_of(inst)) == Some(true),
        }
    }
}
