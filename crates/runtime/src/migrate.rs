//! Applying one form version's `migrate` steps to the `fields` of an
//! envelope made under the version before it, and turning JSON Pointers
//! between the two versions' field names.
//!
//! Order (as `shinsei_ir::migration` documents): removals and option moves
//! on the old names, renames (all of one parent at once), then clears on the
//! new names. Additions and reviews change no value: [`crate::reapply()`]
//! reports them once the result says which fields are shown.

use serde_json::{Map, Value};
use shinsei_ir::{Form, Migration, MigrationStep, Text};

/// A change to a value the member must hear about.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Note {
    /// What happened.
    pub kind: NoteKind,
    /// Where: a pointer into the migrated envelope, or for a removed value
    /// into the file's envelope.
    pub pointer: String,
    /// The field's label.
    pub label: Text,
    /// The author's explanation.
    pub why: Option<Text>,
}

/// What happened to a value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum NoteKind {
    /// Dropped: the field is gone.
    Removed,
    /// Dropped: the chosen option is gone.
    Choice,
    /// Dropped: the member enters it again.
    Cleared,
}

/// The renames of one migration: old path → new id. (A list searched
/// linearly: a migration has a handful of renames, and a map type would add
/// its code to the WASM module.)
#[derive(Clone, Debug, Default)]
pub(crate) struct Renames(Vec<(Vec<String>, String)>);

impl Renames {
    fn of(m: &Migration) -> Renames {
        Renames(
            m.steps
                .iter()
                .filter_map(|s| match s {
                    MigrationStep::Rename { path, to } => Some((path.clone(), to.clone())),
                    _ => None,
                })
                .collect(),
        )
    }

    /// The new names of old path `ids`.
    pub fn forward(&self, ids: &[String]) -> Vec<String> {
        let mut out = Vec::with_capacity(ids.len());
        for (i, id) in ids.iter().enumerate() {
            let prefix = ids.get(..=i).unwrap_or_default();
            let renamed = self.0.iter().find(|(from, _)| from.as_slice() == prefix);
            out.push(renamed.map_or(id, |(_, to)| to).clone());
        }
        out
    }

    /// The old names of new path `ids`.
    pub fn backward(&self, ids: &[String]) -> Vec<String> {
        let mut old: Vec<String> = Vec::with_capacity(ids.len());
        for id in ids {
            let renamed_here = self.0.iter().find(|(from, to)| {
                to == id && from.len() == old.len().saturating_add(1) && from.starts_with(&old)
            });
            old.push(
                renamed_here
                    .and_then(|(from, _)| from.last())
                    .unwrap_or(id)
                    .clone(),
            );
        }
        old
    }
}

/// The field ids and list indices of a pointer under `/fields`.
enum Seg {
    Id(String),
    Index(String),
}

fn segments(pointer: &str) -> Option<Vec<Seg>> {
    let rest = pointer.strip_prefix("/fields")?;
    Some(
        rest.split('/')
            .skip(1)
            .map(|s| {
                if !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()) {
                    Seg::Index(s.to_owned())
                } else {
                    Seg::Id(s.to_owned())
                }
            })
            .collect(),
    )
}

/// `pointer` with its field ids mapped by `f` (list indices kept); a pointer
/// outside `/fields` is returned as it is.
pub(crate) fn map_pointer(pointer: &str, f: impl Fn(&[String]) -> Vec<String>) -> String {
    let Some(segs) = segments(pointer) else {
        return pointer.to_owned();
    };
    let ids: Vec<String> = segs
        .iter()
        .filter_map(|s| match s {
            Seg::Id(id) => Some(id.clone()),
            Seg::Index(_) => None,
        })
        .collect();
    let mut mapped = f(&ids).into_iter();
    let mut out = String::from("/fields");
    for s in segs {
        out.push('/');
        match s {
            Seg::Id(id) => out.push_str(&mapped.next().unwrap_or(id)),
            Seg::Index(i) => out.push_str(&i),
        }
    }
    out
}

/// The field ids of a pointer under `/fields`, without list indices.
pub(crate) fn ids_of(pointer: &str) -> Option<Vec<String>> {
    Some(
        segments(pointer)?
            .into_iter()
            .filter_map(|s| match s {
                Seg::Id(id) => Some(id),
                Seg::Index(_) => None,
            })
            .collect(),
    )
}

fn label(form: &Form, ids: &[String]) -> Text {
    form.field_at(ids).map_or_else(
        || Text::ja(ids.last().cloned().unwrap_or_default()),
        |f| f.label.clone(),
    )
}

/// Calls `f` with every object at `path` under `value` (the `fields`
/// object), entering list items one by one, and its pointer.
fn objects_at(
    value: &mut Value,
    path: &[String],
    pointer: &mut String,
    f: &mut dyn FnMut(&mut Map<String, Value>, &str),
) {
    let Some((first, rest)) = path.split_first() else {
        if let Some(obj) = value.as_object_mut() {
            f(obj, pointer);
        }
        return;
    };
    let Some(child) = value.as_object_mut().and_then(|o| o.get_mut(first)) else {
        return;
    };
    let mark = pointer.len();
    pointer.push('/');
    pointer.push_str(first);
    match child {
        Value::Array(items) => {
            for (i, item) in items.iter_mut().enumerate() {
                let inner = pointer.len();
                pointer.push('/');
                pointer.push_str(&i.to_string());
                objects_at(item, rest, pointer, f);
                pointer.truncate(inner);
            }
        }
        other => objects_at(other, rest, pointer, f),
    }
    pointer.truncate(mark);
}

/// What [`places`] calls: the parent object, the key and its pointer.
type PlaceFn<'f> = dyn FnMut(&mut Map<String, Value>, &str, &str) + 'f;

/// Calls `f` with the parent object and the key of every place `path` names.
fn places(value: &mut Value, path: &[String], f: &mut PlaceFn<'_>) {
    let Some((last, parent)) = path.split_last() else {
        return;
    };
    let mut pointer = String::from("/fields");
    objects_at(value, parent, &mut pointer, &mut |obj, at| {
        let here = format!("{at}/{last}");
        f(obj, last, &here);
    });
}

/// Whether a value counts as entered (not absent, `null` or blank).
pub(crate) fn entered(v: &Value) -> bool {
    match v {
        Value::Null => false,
        Value::String(s) => !s.trim().is_empty(),
        Value::Array(a) => !a.is_empty(),
        _ => true,
    }
}

/// Applies migration `m` (declared by `new`, from `old`) to `fields`. Notes
/// of removed values get pointers into the file's envelope (`to_file` maps
/// pointers of `old` back to it); the others are in `new`'s names.
pub(crate) fn apply(
    fields: &mut Value,
    m: &Migration,
    old: &Form,
    new: &Form,
    to_file: &dyn Fn(&str) -> String,
    notes: &mut Vec<Note>,
) -> Renames {
    let renames = Renames::of(m);
    let mut moved: Vec<Note> = Vec::new();
    for step in &m.steps {
        if let MigrationStep::Remove { path, message } = step {
            places(fields, path, &mut |obj, key, at| {
                if obj.remove(key).is_some_and(|v| entered(&v)) {
                    notes.push(Note {
                        kind: NoteKind::Removed,
                        pointer: to_file(at),
                        label: label(old, path),
                        why: message.clone(),
                    });
                }
            });
        }
    }
    // Options of one field move at once (`c -> b` and `remove b` must not
    // both apply to a value that was `c`).
    let mut option_fields: Vec<&Vec<String>> = Vec::new();
    for step in &m.steps {
        if let MigrationStep::Option { path, .. } = step
            && !option_fields.contains(&path)
        {
            option_fields.push(path);
        }
    }
    for path in option_fields {
        let moves: Vec<(&String, Option<&String>, Option<&Text>)> = m
            .steps
            .iter()
            .filter_map(|s| match s {
                MigrationStep::Option {
                    path: p,
                    key,
                    to,
                    message,
                } if p == path => Some((key, to.as_ref(), message.as_ref())),
                _ => None,
            })
            .collect();
        // What becomes of key `k`: `Some(Some(new))`, `Some(None)` (gone) or
        // `None` (unchanged).
        let fate = |k: &str| moves.iter().find(|(key, ..)| *key == k);
        places(fields, path, &mut |obj, field, at| {
            let mut dropped: Option<Option<&Text>> = None;
            match obj.get_mut(field) {
                Some(Value::String(s)) => match fate(s) {
                    Some((_, Some(to), _)) => *s = (*to).clone(),
                    Some((_, None, why)) => {
                        dropped = Some(*why);
                        obj.remove(field);
                    }
                    None => {}
                },
                Some(Value::Array(items)) => {
                    let mut kept = Vec::with_capacity(items.len());
                    for item in std::mem::take(items) {
                        match item.as_str().and_then(&fate) {
                            Some((_, Some(to), _)) => kept.push(Value::String((*to).clone())),
                            Some((_, None, why)) => dropped = Some(*why),
                            None => kept.push(item),
                        }
                    }
                    *items = kept;
                }
                _ => {}
            }
            if let Some(why) = dropped {
                moved.push(Note {
                    kind: NoteKind::Choice,
                    pointer: at.to_owned(),
                    label: label(new, &renames.forward(path)),
                    why: why.cloned(),
                });
            }
        });
    }
    rename_all(fields, &renames);
    for n in &mut moved {
        n.pointer = map_pointer(&n.pointer, |ids| renames.forward(ids));
    }
    notes.append(&mut moved);
    for step in &m.steps {
        if let MigrationStep::Clear { path, message } = step {
            places(fields, path, &mut |obj, key, at| {
                if obj.remove(key).is_some_and(|v| entered(&v)) {
                    notes.push(Note {
                        kind: NoteKind::Cleared,
                        pointer: at.to_owned(),
                        label: label(new, path),
                        why: message.clone(),
                    });
                }
            });
        }
    }
    renames
}

/// Renames keys, every parent's at once (so `a -> b` and `b -> a` swap), the
/// deepest parents first (their paths are still in the old names).
fn rename_all(fields: &mut Value, renames: &Renames) {
    let mut parents: Vec<&[String]> = Vec::new();
    let deepest = renames.0.iter().map(|(p, _)| p.len()).max().unwrap_or(0);
    for depth in (1..=deepest).rev() {
        for (path, _) in renames.0.iter().filter(|(p, _)| p.len() == depth) {
            if let Some((_, parent)) = path.split_last()
                && !parents.contains(&parent)
            {
                parents.push(parent);
            }
        }
    }
    for parent in parents {
        let here: Vec<(&String, &String)> = renames
            .0
            .iter()
            .filter_map(|(path, to)| match path.split_last() {
                Some((last, p)) if p == parent => Some((last, to)),
                _ => None,
            })
            .collect();
        let mut pointer = String::from("/fields");
        objects_at(fields, parent, &mut pointer, &mut |obj, _| {
            let old = std::mem::take(obj);
            for (k, v) in old {
                let k = here
                    .iter()
                    .find(|(from, _)| **from == k)
                    .map_or(k, |(_, to)| (*to).clone());
                obj.insert(k, v);
            }
        });
    }
}
