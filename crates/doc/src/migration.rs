//! A version's `migrate` block in plain Japanese, for the reviewer: what an
//! application file made under the previous version becomes under this one.

use shinsei_ir::{Bundle, FieldKind, Form, Migration, MigrationStep, Text};

use crate::model::MigrationDoc;

/// 「ラベル」 of `path` in `form` (`path` in backquotes when it is not there).
fn name(form: Option<&Form>, path: &[String]) -> String {
    form.and_then(|f| f.field_at(path)).map_or_else(
        || format!("`{}`", path.join(".")),
        |f| format!("「{}」", f.label.ja),
    )
}

fn option_label(form: Option<&Form>, path: &[String], key: &str) -> String {
    let label = form
        .and_then(|f| f.field_at(path))
        .and_then(|f| match &f.kind {
            FieldKind::Choice { options } | FieldKind::Multi { options, .. } => options
                .iter()
                .find(|o| o.key == key)
                .map(|o| o.label.ja.clone()),
            _ => None,
        });
    label.map_or_else(|| format!("`{key}`"), |l| format!("「{l}」"))
}

fn why(m: Option<&Text>) -> String {
    m.map_or_else(String::new, |t| format!("（申請者への説明：{}）", t.ja))
}

/// The lines of `m`, declared by `form`.
pub fn describe(bundle: &Bundle, form: &Form, m: &Migration) -> MigrationDoc {
    let old = bundle.select(&form.id, Some(&m.from), None).ok();
    let renames: Vec<(&Vec<String>, &String)> = m
        .steps
        .iter()
        .filter_map(|s| match s {
            MigrationStep::Rename { path, to } => Some((path, to)),
            _ => None,
        })
        .collect();
    // The new path of an old one (renames of parents apply too).
    let forward = |p: &[String]| -> Vec<String> {
        p.iter()
            .enumerate()
            .map(|(i, id)| {
                let prefix = p.get(..=i).unwrap_or_default();
                renames
                    .iter()
                    .find(|(from, _)| from.as_slice() == prefix)
                    .map_or_else(|| id.clone(), |(_, to)| (*to).clone())
            })
            .collect()
    };
    let lines = m
        .steps
        .iter()
        .map(|s| match s {
            MigrationStep::Rename { path, .. } => format!(
                "{}は{}に引き継ぎます（項目名の変更）",
                name(old, path),
                name(Some(form), &forward(path))
            ),
            MigrationStep::Remove { path, message } => format!(
                "{}は廃止：入力内容は引き継ぎません{}",
                name(old, path),
                why(message.as_ref())
            ),
            MigrationStep::Add { path, message } => format!(
                "{}は新しい項目：表示される場合は入力を求めます{}",
                name(Some(form), path),
                why(message.as_ref())
            ),
            MigrationStep::Review { path, message } => format!(
                "{}は入力内容を引き継ぎ、確認を求めます{}",
                name(Some(form), path),
                why(Some(message))
            ),
            MigrationStep::Clear { path, message } => format!(
                "{}は入力のしかたが変わったため、入力し直しを求めます{}",
                name(Some(form), path),
                why(message.as_ref())
            ),
            MigrationStep::Option {
                path,
                key,
                to: Some(to),
                ..
            } => format!(
                "{}の選択肢{}は{}として引き継ぎます",
                name(old, path),
                option_label(old, path, key),
                option_label(Some(form), &forward(path), to)
            ),
            MigrationStep::Option {
                path,
                key,
                to: None,
                message,
            } => format!(
                "{}の選択肢{}は廃止：選び直しを求めます{}",
                name(old, path),
                option_label(old, path, key),
                why(message.as_ref())
            ),
        })
        .collect();
    MigrationDoc {
        from: m.from.clone(),
        lines,
    }
}
