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
use crate::tree::{InstId, Vis};

impl<'a> Env<'a> {
    /// Whether member `idx` of instance `inst` is shown.
    pub fn member_visible(&self, inst: InstId, idx: usize) -> bool {
        let Some((field, member)) = self.tree.member(inst, idx) else {
            return false;
        };
        match member.vis.get() {
            Vis::Visible => return true,
            Vis::Hidden | Vis::InProgress => return false,
            Vis::Unset => {}
        }
        member.vis.set(Vis::InProgress);
        let visible = self.inst_visible(inst)
            && match &field.visible_when {
                None => true,
                Some(cond) => self.truth(cond, self.frame_of(inst)) == Some(true),
            };
        member
            .vis
            .set(if visible { Vis::Visible } else { Vis::Hidden });
        visible
    }

    /// Whether an instance (root, group value or list item) is shown.
    pub fn inst_visible(&self, inst: InstId) -> bool {
        match self.tree.inst(inst).and_then(|i| i.parent) {
            None => self.tree.inst(inst).is_some(),
            Some((parent, idx)) => self.member_visible(parent, idx),
        }
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
