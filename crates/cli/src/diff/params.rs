//! What changed in the dated params, period by period, with the values as
//! the catalog prints them (`550,000円`, `2027年（令和9年）4月1日から`), and
//! every form version that reads each changed param.

use std::collections::BTreeMap;

use shinsei_ir::{Bundle, Param};

use super::forms::{Change, change, version_name};

/// Every param added, removed or changed; a changed param names the form
/// versions that read it (the forms the change reaches).
pub fn params(old: &Bundle, new: &Bundle, out: &mut Vec<Change>) {
    for name in old.params.keys().filter(|k| !new.params.contains_key(*k)) {
        let readers = readers(old, name);
        out.push(change(
            &format!("param {name}"),
            "removed",
            label(&old.params[name]),
            readers,
        ));
    }
    for (name, p) in &new.params {
        let scope = format!("param {name}");
        match old.params.get(name) {
            None => out.push(change(&scope, "added", label(p), rows(new, p))),
            Some(o) if o != p => {
                let mut d = periods(old, o, new, p);
                if o.label != p.label {
                    d.insert(0, format!("label: {} → {}", o.label.ja, p.label.ja));
                }
                d.extend(readers(new, name));
                out.push(change(&scope, "changed", label(p), d));
            }
            Some(_) => {}
        }
    }
}

fn label(p: &Param) -> String {
    format!("「{}」", p.label.ja)
}

/// `used by N form version(s): a 2026.1, b 2026.1` (empty when none).
fn readers(bundle: &Bundle, name: &str) -> Vec<String> {
    let users: Vec<String> = bundle
        .forms
        .iter()
        .filter(|f| f.params.iter().any(|p| p == name))
        .map(version_name)
        .collect();
    if users.is_empty() {
        vec!["read by no form".to_owned()]
    } else {
        vec![format!(
            "read by {} form version(s): {}",
            users.len(),
            users.join(", ")
        )]
    }
}

/// One period's values: `550,000円`, or `区分ア 252,600円、区分イ …` for a table.
fn values(columns: &[String], values: &[String]) -> String {
    if columns.len() <= 1 {
        values.join("、")
    } else {
        columns
            .iter()
            .zip(values)
            .map(|(c, v)| format!("{c} {v}"))
            .collect::<Vec<_>>()
            .join("、")
    }
}

/// Every period of a new param.
fn rows(bundle: &Bundle, p: &Param) -> Vec<String> {
    let doc = shinsei_doc::param_doc(bundle, p);
    doc.rows
        .iter()
        .map(|r| format!("{}から: {}", r.from, values(&doc.columns, &r.values)))
        .collect()
}

/// The periods added, removed or with other values, by their first day.
fn periods(old_bundle: &Bundle, old: &Param, new_bundle: &Bundle, new: &Param) -> Vec<String> {
    let (od, nd) = (
        shinsei_doc::param_doc(old_bundle, old),
        shinsei_doc::param_doc(new_bundle, new),
    );
    type Row = (String, String, Option<String>);
    let rows = |p: &Param, doc: &shinsei_doc::ParamDoc| -> BTreeMap<chrono::NaiveDate, Row> {
        p.periods
            .iter()
            .zip(&doc.rows)
            .map(|(period, row)| {
                let v = values(&doc.columns, &row.values);
                (period.from, (row.from.clone(), v, row.note.clone()))
            })
            .collect()
    };
    let (o, n) = (rows(old, &od), rows(new, &nd));
    let mut d = Vec::new();
    for (from, (day, v, note)) in &n {
        match o.get(from) {
            None => d.push(format!("new period {day}から: {v}")),
            Some((_, ov, _)) if ov != v => d.push(format!("{day}から: {ov} → {v}")),
            Some((_, _, on)) if on != note => d.push(format!(
                "{day}から: note: {} → {}",
                on.as_deref().unwrap_or("なし"),
                note.as_deref().unwrap_or("なし")
            )),
            Some(_) => {}
        }
    }
    for (from, (day, v, _)) in &o {
        if !n.contains_key(from) {
            d.push(format!("period {day}から removed (was {v})"));
        }
    }
    if d.is_empty() && old.ty != new.ty {
        d.push(format!("type: {} → {}", old.ty.name(), new.ty.name()));
    }
    d
}
