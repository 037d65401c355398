//! The entered contents of a submission as a document (申請書情報のイメージ):
//! the form's sections in its order, each entry with its Japanese label and
//! its value as a person reads it (see [`crate::value`]).
//!
//! It is built from the runtime's canonical submission (values normalized,
//! hidden and unknown ones left out), so what is shown is what was judged.

use serde_json::Value;
use shinsei_ir::{AttachmentSlot, Field, FieldKind, Form, QualField};

use crate::value::{display, size};

/// A submission laid out like the paper form.
#[derive(Clone, Debug, PartialEq)]
pub struct Document {
    /// 申請書名.
    pub title: String,
    /// Form id and version, e.g. `shobyo_teate 2026.1`.
    pub form: String,
    /// 申請者 (who filed it: 被保険者, 被扶養者, 社会保険労務士).
    pub applicant: Option<String>,
    /// 申請日時 in 和暦 with the western date.
    pub submitted_at: Option<String>,
    /// The 資格 block: what the member's record says, as submitted.
    pub qualification: Vec<Entry>,
    /// The form's sections, in its order.
    pub sections: Vec<Section>,
    /// 添付書類.
    pub attachments: Vec<Attachment>,
}

/// A heading and its entries.
#[derive(Clone, Debug, PartialEq)]
pub struct Section {
    /// 見出し.
    pub heading: String,
    /// Entries in the form's order.
    pub entries: Vec<Entry>,
}

/// One label and what was entered.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    /// The field's Japanese label.
    pub label: String,
    /// Its value.
    pub value: Shown,
}

/// A value as shown.
#[derive(Clone, Debug, PartialEq)]
pub enum Shown {
    /// One or more lines of text.
    Text(Vec<String>),
    /// A group's members.
    Group(Vec<Entry>),
    /// A list's items, numbered from 1 when shown.
    Items(Vec<Vec<Entry>>),
}

/// One attached file.
#[derive(Clone, Debug, PartialEq)]
pub struct Attachment {
    /// The slot's label (書類の名前).
    pub slot: String,
    /// The file's name.
    pub file_name: String,
    /// Its size, e.g. `120.6 KB`.
    pub size: String,
}

/// Lays out `canonical` (the runtime's canonical submission of `form`).
pub fn build(form: &Form, canonical: &Value) -> Document {
    let fields = canonical.get("fields");
    let mut sections: Vec<Section> = Vec::new();
    let mut run: Vec<Entry> = Vec::new();
    for field in &form.fields {
        let Some(value) = fields.and_then(|f| f.get(&field.id)) else {
            continue;
        };
        let entry = entry(field, value);
        match entry.value {
            Shown::Group(entries) => {
                flush(&mut sections, &mut run);
                sections.push(Section {
                    heading: entry.label,
                    entries,
                });
            }
            Shown::Items(_) => {
                flush(&mut sections, &mut run);
                sections.push(Section {
                    heading: entry.label.clone(),
                    entries: vec![entry],
                });
            }
            Shown::Text(_) => run.push(entry),
        }
    }
    flush(&mut sections, &mut run);

    let qual = canonical.get("qualification");
    let qualification = form
        .qualification
        .iter()
        .filter_map(|item| {
            let v = qual?.get(item.field.id())?;
            Some(Entry {
                label: item.field.ja().to_owned(),
                value: Shown::Text(vec![qual_value(item.field, v)]),
            })
        })
        .collect();

    let attachments = canonical
        .get("attachments")
        .and_then(Value::as_array)
        .map(|files| {
            files
                .iter()
                .map(|a| attachment(&form.attachments, a))
                .collect()
        })
        .unwrap_or_default();

    Document {
        title: form.title.ja.clone(),
        form: format!("{} {}", form.id, form.version),
        applicant: canonical
            .pointer("/applicant/role")
            .and_then(Value::as_str)
            .and_then(|r| shinsei_ir::Role::ALL.into_iter().find(|x| x.id() == r))
            .map(|r| r.ja().to_owned()),
        submitted_at: canonical
            .get("submitted_at")
            .and_then(Value::as_str)
            .map(crate::value::date_time),
        qualification,
        sections,
        attachments,
    }
}

/// Scalars between two groups or lists make one section, as on paper.
fn flush(sections: &mut Vec<Section>, run: &mut Vec<Entry>) {
    if !run.is_empty() {
        sections.push(Section {
            heading: "申請内容".to_owned(),
            entries: std::mem::take(run),
        });
    }
}

fn entry(field: &Field, value: &Value) -> Entry {
    let label = field.label.ja.clone();
    let value = match &field.kind {
        FieldKind::Group { fields } => Shown::Group(members(fields, value)),
        FieldKind::List { fields, .. } => Shown::Items(
            value
                .as_array()
                .map(|items| items.iter().map(|item| members(fields, item)).collect())
                .unwrap_or_default(),
        ),
        kind => Shown::Text(display(kind, value)),
    };
    Entry { label, value }
}

fn members(fields: &[Field], value: &Value) -> Vec<Entry> {
    fields
        .iter()
        .filter_map(|f| Some(entry(f, value.get(&f.id)?)))
        .collect()
}

fn qual_value(field: QualField, v: &Value) -> String {
    match (field, v.as_str()) {
        (QualField::BirthDate, Some(s)) => crate::value::date(s),
        (QualField::Sex, Some("male")) => "男".to_owned(),
        (QualField::Sex, Some("female")) => "女".to_owned(),
        (_, Some(s)) => s.to_owned(),
        _ => v.to_string(),
    }
}

fn attachment(slots: &[AttachmentSlot], a: &Value) -> Attachment {
    let text = |k: &str| a.get(k).and_then(Value::as_str).unwrap_or_default();
    let slot = slots
        .iter()
        .find(|s| s.id == text("slot"))
        .map_or_else(|| text("slot").to_owned(), |s| s.label.ja.clone());
    Attachment {
        slot,
        file_name: text("file_name").to_owned(),
        size: a
            .get("size")
            .and_then(Value::as_u64)
            .map(size)
            .unwrap_or_default(),
    }
}
