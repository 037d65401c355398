//! The decoded `fields` tree: one arena of object instances (the form root,
//! group values and list items), each holding one [`Member`] per declared
//! field, parallel to the IR's `Vec<Field>`.
//!
//! The reader fills it while it lexes the submission (each value is decoded
//! as soon as it is read, see `decode::Builder`); visibility, expressions, rules and the report read it.
//! Issues found while decoding are kept on the member they belong to and
//! reported only if the member turns out to be visible.

use std::borrow::Cow;
use std::cell::Cell;

use chrono::NaiveDate;
use shinsei_ir::{Field, QualField};

use crate::json::Json;
use crate::result::Issue;
use crate::value::num::Rat;
use crate::value::{Value, Ym};

/// Index of an instance in [`Tree::insts`].
pub type InstId = usize;

/// A successfully decoded field value.
#[derive(Clone, Debug)]
pub enum Decoded<'a> {
    /// Text-like kinds and choices (normalized).
    Text(Cow<'a, str>),
    /// Integer, yen or rate.
    Num(Rat),
    /// Date.
    Date(NaiveDate),
    /// Year-month.
    Month(Ym),
    /// Period, `from ≤ to`.
    Period(NaiveDate, NaiveDate),
    /// Boolean.
    Bool(bool),
    /// Multi-choice keys.
    Multi(Vec<Cow<'a, str>>),
}

impl Decoded<'_> {
    /// The value expressions see.
    pub fn value(&self) -> Value<'_> {
        match self {
            Decoded::Text(s) => Value::Text(s),
            Decoded::Num(n) => Value::Num(*n),
            Decoded::Date(d) => Value::Date(*d),
            Decoded::Month(m) => Value::Month(*m),
            Decoded::Period(a, b) => Value::Period(*a, *b),
            Decoded::Bool(b) => Value::Bool(*b),
            Decoded::Multi(keys) => Value::Multi(keys),
        }
    }
}

/// What was found for one field.
#[derive(Debug)]
pub enum State<'a> {
    /// Not sent, `null`, an empty string, or an empty list.
    Absent,
    /// Sent but not acceptable (its issues say why).
    Invalid,
    /// A decoded value.
    Value(Decoded<'a>),
    /// A group's object.
    Group(InstId),
    /// A list's items (at most the list's `max`).
    List(Vec<InstId>),
}

/// Memoized visibility of a member.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Vis {
    /// Not computed yet.
    Unset,
    /// Being computed (a condition depends on itself: hidden).
    InProgress,
    /// Shown.
    Visible,
    /// Hidden.
    Hidden,
}

/// One declared field of one instance.
#[derive(Debug)]
pub struct Member<'a> {
    /// The decoded state.
    pub state: State<'a>,
    /// A non-empty value was sent (a hidden field then gets a warning).
    pub sent: bool,
    /// Where its decode issues and normalized values are parked
    /// ([`Tree::issues`], [`Tree::normalized`]): most members have none.
    pub notes: Option<NotesId>,
    /// Memoized visibility.
    pub vis: Cell<Vis>,
}

impl Member<'_> {
    /// An absent member.
    pub fn absent() -> Self {
        Member {
            state: State::Absent,
            sent: false,
            notes: None,
            vis: Cell::new(Vis::Unset),
        }
    }
}

/// Index of a member's [`Notes`] in [`Tree::notes`].
pub type NotesId = u32;

/// What decoding one member found besides its value: reported only if the
/// member is visible.
#[derive(Debug, Default)]
pub struct Notes {
    /// Decode issues.
    pub issues: Vec<Issue>,
    /// Normalized values (pointer, value).
    pub normalized: Vec<(String, serde_json::Value)>,
}

impl Notes {
    /// Nothing was found.
    pub fn is_empty(&self) -> bool {
        self.issues.is_empty() && self.normalized.is_empty()
    }
}

/// An object instance: the form root, a group's value or a list item.
#[derive(Debug)]
pub struct Inst<'a> {
    /// The declared fields (parallel to `members`).
    pub fields: &'a [Field],
    /// One member per declared field.
    pub members: Vec<Member<'a>>,
    /// The member this instance is the value of (`None` for the root).
    pub parent: Option<(InstId, usize)>,
    /// The frame (root or list item) whose fields expressions start from.
    pub frame: InstId,
    /// For a frame: the enclosing frame (`None` for the root).
    pub outer: Option<InstId>,
    /// Frame depth: 0 for the root, k inside k nested lists.
    pub depth: u8,
    /// Issues for keys the form does not define.
    pub unknown: Vec<Issue>,
    /// The JSON was not an object (members are all absent and not required).
    pub broken: bool,
}

/// The decoded `fields` tree; instance 0 is the form root.
#[derive(Debug, Default)]
pub struct Tree<'a> {
    /// The arena.
    pub insts: Vec<Inst<'a>>,
    /// Values kept as sent because they could not be read: an invalid
    /// member's (`(inst, Some(member))`) and a list item that is not an
    /// object (`(item, None)`). The canonical submission writes them as sent.
    pub sent: Vec<((InstId, Option<usize>), Json<'a>)>,
    /// The members' [`Notes`], for the few members that have any.
    pub notes: Vec<Notes>,
}

/// The root instance's id.
pub const ROOT: InstId = 0;

impl<'a> Tree<'a> {
    /// An instance.
    pub fn inst(&self, id: InstId) -> Option<&Inst<'a>> {
        self.insts.get(id)
    }

    /// A member and its declaration.
    pub fn member(&self, id: InstId, idx: usize) -> Option<(&'a Field, &Member<'a>)> {
        let inst = self.insts.get(id)?;
        Some((inst.fields.get(idx)?, inst.members.get(idx)?))
    }

    /// Keeps `notes` for a member; the index it gets (`None` when there is
    /// nothing to keep).
    pub fn park(&mut self, notes: Notes) -> Option<NotesId> {
        if notes.is_empty() {
            return None;
        }
        let id = NotesId::try_from(self.notes.len()).ok()?;
        self.notes.push(notes);
        Some(id)
    }

    /// The decode issues of `member`.
    pub fn issues(&self, member: &Member<'_>) -> &[Issue] {
        self.notes_of(member).map_or(&[], |n| &n.issues)
    }

    /// The normalized values of `member` (pointer, value).
    pub fn normalized(&self, member: &Member<'_>) -> &[(String, serde_json::Value)] {
        self.notes_of(member).map_or(&[], |n| &n.normalized)
    }

    fn notes_of(&self, member: &Member<'_>) -> Option<&Notes> {
        self.notes.get(usize::try_from(member.notes?).ok()?)
    }

    /// What was sent for member `idx` of `id` (`Some`) or for the list item
    /// `id` (`None`), when it is kept as sent (see [`Tree::sent`]).
    pub fn sent_as_is(&self, id: InstId, idx: Option<usize>) -> Option<&Json<'a>> {
        self.sent
            .iter()
            .find(|(at, _)| *at == (id, idx))
            .map(|(_, json)| json)
    }

    /// The frame at depth `k` seen from frame `frame` (walks outwards).
    pub fn frame_at(&self, mut frame: InstId, k: u8) -> Option<InstId> {
        loop {
            let inst = self.insts.get(frame)?;
            if inst.depth == k {
                return Some(frame);
            }
            if inst.depth < k {
                return None;
            }
            frame = inst.outer?;
        }
    }
}

/// The decoded qualification values, by [`QualField::ALL`] position.
#[derive(Debug, Default)]
pub(crate) struct QualValues<'a> {
    values: [Option<Decoded<'a>>; QualField::ALL.len()],
}

fn slot(q: QualField) -> usize {
    QualField::ALL.iter().position(|x| *x == q).unwrap_or(0)
}

impl<'a> QualValues<'a> {
    /// The value an expression sees (`birth_date` a date, the rest text).
    pub fn value(&self, q: QualField) -> Option<Value<'_>> {
        self.values.get(slot(q))?.as_ref().map(Decoded::value)
    }

    /// The decoded value of `q`, if it was sent and valid.
    pub fn decoded(&self, q: QualField) -> Option<&Decoded<'_>> {
        self.values.get(slot(q))?.as_ref()
    }

    /// Where the value of `q` is kept.
    pub fn slot_mut(&mut self, q: QualField) -> Option<&mut Option<Decoded<'a>>> {
        self.values.get_mut(slot(q))
    }

    /// The text value of `q`, if it was sent and valid.
    pub fn text(&self, q: QualField) -> Option<&str> {
        match self.values.get(slot(q))? {
            Some(Decoded::Text(s)) => Some(s),
            _ => None,
        }
    }
}
