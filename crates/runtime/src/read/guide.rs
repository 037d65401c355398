//! What the runtime reads at each position of a submission, derived from the
//! envelope and the form version it names: the parser keeps exactly that and
//! skips the rest.
//!
//! The invariant: whatever `validate` looks at is kept as it was sent. A
//! guide may keep more than is read (that only costs memory), never less.

use std::borrow::Cow;
use std::cell::Cell;
use std::fmt;

use chrono::{DateTime, FixedOffset};
use serde::de::{DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use shinsei_ir::{Bundle, Field, FieldKind, Form, QualField};

use crate::json::{Json, JsonKind, member};

/// Most keys one object may have that its position does not define (each
/// costs an `unknown_field` issue); one more refuses the submission.
pub const MAX_UNKNOWN_MEMBERS: usize = 32;

/// What the parser reads against.
pub(crate) struct Reading<'b> {
    /// The forms.
    pub bundle: &'b Bundle,
    /// The time of validation (selects the form version with no `submitted_at`).
    pub now: DateTime<FixedOffset>,
    /// The form version to read against, whatever the envelope selects
    /// (validation chose it: see `shinsei_runtime`'s `parse_and_run`).
    pub form: Option<&'b Form>,
}

/// What is read at one position.
#[derive(Clone, Copy, Debug)]
pub(super) enum Guide<'b> {
    /// The envelope (the root).
    Envelope,
    /// Nothing: the value is checked and its type noted.
    Skip,
    /// A scalar (a container here is only a `type` error).
    Scalar,
    /// An object with a fixed set of scalar members.
    Record(Record),
    /// An object of form fields.
    Fields(&'b [Field]),
    /// A list: its first `max` items are objects of `fields`.
    List {
        /// The list's `max`.
        max: usize,
        /// The item's fields.
        fields: &'b [Field],
    },
    /// A multi-choice: its first `keep` elements are scalars.
    Multi {
        /// The options and one more (a duplicate or a stranger is among them).
        keep: usize,
    },
    /// `attachments`: at most `cap` entries.
    Attachments {
        /// The slots' counts and [`MAX_UNKNOWN_MEMBERS`].
        cap: usize,
    },
}

/// Objects whose members are a fixed set of scalars.
#[derive(Clone, Copy, Debug)]
pub(super) enum Record {
    /// `applicant`.
    Applicant,
    /// `qualification`.
    Qualification,
    /// A period `{from, to}`.
    Period,
    /// One entry of `attachments`.
    Attachment,
}

impl Record {
    fn knows(self, key: &str) -> bool {
        match self {
            Record::Applicant => key == "role",
            Record::Qualification => QualField::from_id(key).is_some(),
            Record::Period => key == "from" || key == "to",
            Record::Attachment => crate::attachments::MEMBERS.contains(&key),
        }
    }
}

/// What to do with the element at some index of an array.
pub(super) enum Element<'b> {
    /// Keep it, read with this guide.
    Keep(Guide<'b>),
    /// Check and count it.
    Count,
    /// Refuse the submission: more than this many.
    Refuse(usize),
}

impl<'b> Guide<'b> {
    /// Whether an object here is kept.
    pub fn keeps_object(self) -> bool {
        matches!(self, Guide::Envelope | Guide::Record(_) | Guide::Fields(_))
    }

    /// Whether an array here is kept.
    pub fn keeps_array(self) -> bool {
        matches!(
            self,
            Guide::List { .. } | Guide::Multi { .. } | Guide::Attachments { .. }
        )
    }

    /// Members an object here usually has (an initial capacity).
    pub fn capacity(self) -> usize {
        match self {
            Guide::Envelope => 7,
            Guide::Record(Record::Qualification) => 9,
            _ => 4,
        }
    }

    /// The guide of member `key` of a record here (not the envelope, not
    /// fields), or `None` if the position does not define it.
    pub fn member(self, key: &str) -> Option<Guide<'b>> {
        match self {
            Guide::Record(record) => record.knows(key).then_some(Guide::Scalar),
            _ => None,
        }
    }

    /// What to do with element `index` of an array here.
    pub fn element(self, index: usize) -> Element<'b> {
        match self {
            Guide::List { max, fields } if index < max => Element::Keep(Guide::Fields(fields)),
            Guide::Multi { keep } if index < keep => Element::Keep(Guide::Scalar),
            Guide::Attachments { cap } if index < cap => {
                Element::Keep(Guide::Record(Record::Attachment))
            }
            Guide::Attachments { cap } => Element::Refuse(cap),
            _ => Element::Count,
        }
    }
}

/// The guide of an envelope member; `form` is the version validation will
/// use (`None`: validation stops at the envelope, reading none of these).
pub(super) fn envelope_member<'b>(key: &str, form: Option<&'b Form>) -> Option<Guide<'b>> {
    Some(match (key, form) {
        ("form" | "version" | "submitted_at", _) => Guide::Scalar,
        ("applicant" | "qualification" | "fields" | "attachments", None) => Guide::Skip,
        ("applicant", Some(_)) => Guide::Record(Record::Applicant),
        ("qualification", Some(_)) => Guide::Record(Record::Qualification),
        ("fields", Some(form)) => Guide::Fields(&form.fields),
        ("attachments", Some(form)) => Guide::Attachments {
            cap: form
                .attachments
                .iter()
                .map(|s| usize::try_from(s.max_count).unwrap_or(usize::MAX))
                .fold(MAX_UNKNOWN_MEMBERS, usize::saturating_add),
        },
        _ => return None,
    })
}

/// Whether reading envelope member `key` needs the form version.
pub(super) fn needs_form(key: &str) -> bool {
    matches!(
        key,
        "applicant" | "qualification" | "fields" | "attachments"
    )
}

/// The index of the field named `key`, searching from `cursor` and wrapping
/// around (keys usually come in declaration order); moves the cursor past a hit.
pub(super) fn find_field(fields: &[Field], key: &str, cursor: &mut usize) -> Option<usize> {
    let start = (*cursor).min(fields.len());
    let (before, after) = fields.split_at(start);
    let hit = after
        .iter()
        .position(|f| f.id == key)
        .map(|i| i.saturating_add(start))
        .or_else(|| before.iter().position(|f| f.id == key))?;
    *cursor = hit.saturating_add(1);
    Some(hit)
}

/// The guide of a field's value.
pub(super) fn of_field(field: &Field) -> Guide<'_> {
    match &field.kind {
        FieldKind::Group { fields } => Guide::Fields(fields),
        FieldKind::List { max, fields, .. } => Guide::List {
            max: usize::try_from(*max).unwrap_or(usize::MAX),
            fields,
        },
        FieldKind::Period => Guide::Record(Record::Period),
        FieldKind::Multi { options, .. } => Guide::Multi {
            keep: options.len().saturating_add(1),
        },
        _ => Guide::Scalar,
    }
}

/// The form version validation will use, from the envelope members read so
/// far, or (when they do not settle it) from a first pass over `input` for
/// `form`, `version` and `submitted_at` wherever they are.
pub(super) fn resolve<'b>(
    reading: &Reading<'b>,
    seen: &[(Cow<'_, str>, Json<'_>)],
    input: &str,
) -> Option<&'b Form> {
    if let Some(form) = reading.form {
        return Some(form);
    }
    let bundle = reading.bundle;
    match member(seen, "form") {
        Some(Json::Str(id)) => {
            let mut versions = bundle.forms.iter().filter(|f| f.id == id.as_ref());
            if let (Some(only), None) = (versions.next(), versions.next()) {
                // The only version: validation uses it or stops before the
                // members this is for.
                return Some(only);
            }
            let (version, at) = (member(seen, "version"), member(seen, "submitted_at"));
            if version.is_some() && at.is_some() {
                let form = member(seen, "form");
                return crate::envelope::target(bundle, form, version, at, reading.now);
            }
        }
        // Not a string: validation stops at `/form`.
        Some(_) => return None,
        None => {}
    }
    // A pass that fails here fails the main parse too (same lexer, same input).
    let heads = prescan(input)?;
    crate::envelope::target(
        bundle,
        heads.form.as_ref(),
        heads.version.as_ref(),
        heads.submitted_at.as_ref(),
        reading.now,
    )
}

/// The root's `form`, `version` and `submitted_at` (first occurrences).
#[derive(Default)]
struct Heads<'a> {
    form: Option<Json<'a>>,
    version: Option<Json<'a>>,
    submitted_at: Option<Json<'a>>,
}

fn prescan(input: &str) -> Option<Heads<'_>> {
    let mut de = serde_json::Deserializer::from_str(input);
    de.deserialize_map(HeadsVisitor).ok()
}

struct HeadsVisitor;

impl<'de> Visitor<'de> for HeadsVisitor {
    type Value = Heads<'de>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Heads<'de>, A::Error> {
        let mut heads = Heads::default();
        while let Some(key) = map.next_key_seed(super::seed::KeySeed)? {
            let slot = match key.as_ref() {
                "form" => &mut heads.form,
                "version" => &mut heads.version,
                "submitted_at" => &mut heads.submitted_at,
                _ => {
                    map.next_value::<IgnoredAny>()?;
                    continue;
                }
            };
            let value = map.next_value_seed(ScalarSeed)?;
            if slot.is_none() {
                *slot = Some(value);
            }
        }
        Ok(heads)
    }
}

/// The envelope's `form` when it is a string member of the top-level object,
/// read with the lexer validation uses and stopping there (a text that names
/// it first is read no further); `None` when it is missing, not a string, or
/// the text is broken before it. Only a hint for a shell that keeps forms
/// apart (the WASM module reads its embedded forms one at a time): it is not
/// a verdict, which says which form it used.
pub fn envelope_form(input: &str) -> Option<Cow<'_, str>> {
    let found = Cell::new(None);
    let mut de = serde_json::Deserializer::from_str(input);
    // Stopping inside the object makes serde_json report the members left
    // unread as an error; what was found before it is the answer.
    let _ = de.deserialize_map(FormVisitor(&found));
    found.into_inner()
}

/// Reads the root's members up to `form` and puts its value in the cell.
struct FormVisitor<'c, 'de>(&'c Cell<Option<Cow<'de, str>>>);

impl<'de> Visitor<'de> for FormVisitor<'_, 'de> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while let Some(key) = map.next_key_seed(super::seed::KeySeed)? {
            if key == "form" {
                if let Json::Str(id) = map.next_value_seed(ScalarSeed)? {
                    self.0.set(Some(id));
                }
                return Ok(());
            }
            map.next_value::<IgnoredAny>()?;
        }
        Ok(())
    }
}

/// A scalar as [`Json`]; a container as [`Json::Skipped`].
struct ScalarSeed;

impl<'de> DeserializeSeed<'de> for ScalarSeed {
    type Value = Json<'de>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Json<'de>, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for ScalarSeed {
    type Value = Json<'de>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }
    fn visit_unit<E>(self) -> Result<Json<'de>, E> {
        Ok(Json::Null)
    }
    fn visit_bool<E>(self, v: bool) -> Result<Json<'de>, E> {
        Ok(Json::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Json<'de>, E> {
        Ok(super::seed::int(v))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Json<'de>, E> {
        Ok(Json::U64(v))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Json<'de>, E> {
        Ok(Json::F64(v))
    }
    fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Json<'de>, E> {
        Ok(Json::Str(Cow::Borrowed(v)))
    }
    fn visit_str<E>(self, v: &str) -> Result<Json<'de>, E> {
        Ok(Json::Str(Cow::Owned(v.to_owned())))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Json<'de>, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(Json::Skipped(JsonKind::Array))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Json<'de>, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(Json::Skipped(JsonKind::Object))
    }
}
