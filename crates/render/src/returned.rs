//! The 返戻理由のお知らせ: why an application was returned, from its
//! validation result — each reason in plain Japanese (the error's message),
//! the entry it concerns by its labels, and its legal basis where the rule
//! names one (the result asked for with `basis`).

use shinsei_ir::{Field, FieldKind, Form, QualField};
use shinsei_runtime::ValidationResult;

/// The notice.
#[derive(Clone, Debug, PartialEq)]
pub struct Notice {
    /// 申請書名.
    pub title: String,
    /// Form id and version.
    pub form: String,
    /// The reasons, in the result's order.
    pub reasons: Vec<Reason>,
}

/// One reason for returning the application.
#[derive(Clone, Debug, PartialEq)]
pub struct Reason {
    /// What is wrong, in plain Japanese.
    pub message: String,
    /// The entry it concerns, by its labels (`療養のため休んだ期間 › 1件目 › 開始日`).
    pub concerns: String,
    /// The JSON Pointer of the entry.
    pub pointer: String,
    /// The law or guidance the rule rests on, if it names one.
    pub basis: Option<String>,
    /// The code (`required`, `rule.…`).
    pub code: String,
}

/// The notice for `result` (a result of `form`, validated with Japanese
/// messages).
pub fn build(form: &Form, result: &ValidationResult) -> Notice {
    let canonical = result.canonical.as_ref().map(|c| c.to_value());
    let slots: Vec<Option<&str>> = canonical
        .as_ref()
        .and_then(|c| c.get("attachments"))
        .and_then(|a| a.as_array())
        .map(|files| {
            files
                .iter()
                .map(|f| f.get("slot").and_then(|s| s.as_str()))
                .collect()
        })
        .unwrap_or_default();
    Notice {
        title: form.title.ja.clone(),
        form: format!("{} {}", form.id, form.version),
        reasons: result
            .errors
            .iter()
            .map(|e| Reason {
                message: e.message.clone(),
                concerns: concerns_with(form, &e.path, &slots),
                pointer: e.path.clone(),
                basis: e.basis.clone(),
                code: e.code.clone(),
            })
            .collect(),
    }
}

/// The labels along `pointer`: `/fields/leave/0/from` → `休んだ期間 › 1件目 › 開始日`.
pub fn concerns(form: &Form, pointer: &str) -> String {
    concerns_with(form, pointer, &[])
}

/// [`concerns`], naming an attached file's slot from `slots` (the slot of
/// each entry of the submission's `attachments`):
/// `/attachments/0/file_name` → `添付書類 › 1件目（医師の意見書） › ファイル名`.
fn concerns_with(form: &Form, pointer: &str, slots: &[Option<&str>]) -> String {
    let parts: Vec<String> = pointer
        .split('/')
        .skip(1)
        .map(|p| p.replace("~1", "/").replace("~0", "~"))
        .collect();
    let mut out: Vec<String> = Vec::new();
    match parts.first().map(String::as_str) {
        Some("fields") => {
            let mut fields: &[Field] = &form.fields;
            let mut rest = parts.iter().skip(1);
            while let Some(part) = rest.next() {
                let Some(field) = fields.iter().find(|f| &f.id == part) else {
                    out.push(part.clone());
                    break;
                };
                out.push(field.label.ja.clone());
                match &field.kind {
                    FieldKind::Group { fields: inner } => fields = inner,
                    FieldKind::List { fields: inner, .. } => {
                        if let Some(n) = rest.next() {
                            out.push(match n.parse::<usize>() {
                                Ok(i) => format!("{}件目", i + 1),
                                Err(_) => n.clone(),
                            });
                        }
                        fields = inner;
                    }
                    FieldKind::Period => {
                        if let Some(end) = rest.next() {
                            out.push(match end.as_str() {
                                "from" => "開始日".to_owned(),
                                "to" => "終了日".to_owned(),
                                other => other.to_owned(),
                            });
                        }
                        break;
                    }
                    _ => break,
                }
            }
        }
        Some("qualification") => {
            out.push("資格情報".to_owned());
            if let Some(q) = parts.get(1).and_then(|id| QualField::from_id(id)) {
                out.push(q.ja().to_owned());
            }
        }
        Some("attachments") => {
            out.push("添付書類".to_owned());
            if let Some(slot) = parts
                .get(1)
                .and_then(|s| form.attachments.iter().find(|a| &a.id == s))
            {
                out.push(slot.label.ja.clone());
            } else if let Some(n) = parts.get(1).and_then(|n| n.parse::<usize>().ok()) {
                let label = slots
                    .get(n)
                    .copied()
                    .flatten()
                    .and_then(|s| form.attachments.iter().find(|a| a.id == s));
                out.push(match label {
                    Some(slot) => format!("{}件目（{}）", n + 1, slot.label.ja),
                    None => format!("{}件目", n + 1),
                });
                if let Some(property) = parts.get(2) {
                    out.push(attachment_property(property));
                }
            }
        }
        Some("applicant") => out.push("申請者".to_owned()),
        Some(other) => out.push(other.to_owned()),
        None => out.push("申請全体".to_owned()),
    }
    out.join(" › ")
}

/// What a property of an attached file is called on the paper form's side.
fn attachment_property(key: &str) -> String {
    match key {
        "file_name" => "ファイル名",
        "media_type" => "ファイルの種類",
        "size" => "ファイルの大きさ",
        "width" => "画像の幅",
        "height" => "画像の高さ",
        "slot" => "添付書類の種類",
        other => return other.to_owned(),
    }
    .to_owned()
}
