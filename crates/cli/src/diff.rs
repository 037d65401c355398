//! `shinsei diff`: what a change to the forms does, in terms a reviewer
//! cares about — form versions, fields, rules, attachments, computed values
//! and parameters added, removed or changed — rather than a text diff.

use std::collections::BTreeMap;

use serde::Serialize;
use shinsei_ir::{Bundle, Field, FieldKind, Form, Param};

/// One difference.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Change {
    /// `form/version` or `param`.
    pub scope: String,
    /// `added`, `removed` or `changed`.
    pub kind: &'static str,
    /// What: `field /fields/leave/0/to`, `rule rule.period_order`, …
    pub item: String,
    /// Details for `changed`: which aspects differ.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub details: Vec<String>,
}

/// Every difference between two bundles, in a stable order.
pub fn diff(old: &Bundle, new: &Bundle) -> Vec<Change> {
    let mut out = Vec::new();
    let key = |f: &Form| format!("{}/{}", f.id, f.version);
    let old_forms: BTreeMap<String, &Form> = old.forms.iter().map(|f| (key(f), f)).collect();
    let new_forms: BTreeMap<String, &Form> = new.forms.iter().map(|f| (key(f), f)).collect();
    for (k, f) in &old_forms {
        if !new_forms.contains_key(k) {
            out.push(change(
                k,
                "removed",
                format!("form {}", f.title.ja),
                Vec::new(),
            ));
        }
    }
    for (k, f) in &new_forms {
        match old_forms.get(k) {
            None => out.push(change(
                k,
                "added",
                format!("form {}", f.title.ja),
                Vec::new(),
            )),
            Some(o) => form(k, o, f, &mut out),
        }
    }
    params(&old.params, &new.params, &mut out);
    out
}

fn change(scope: &str, kind: &'static str, item: String, details: Vec<String>) -> Change {
    Change {
        scope: scope.to_string(),
        kind,
        item,
        details,
    }
}

fn form(scope: &str, old: &Form, new: &Form, out: &mut Vec<Change>) {
    let mut header = Vec::new();
    if old.title != new.title {
        header.push(format!("title: {} → {}", old.title.ja, new.title.ja));
    }
    if old.effective != new.effective {
        header.push(format!(
            "effective: {:?} → {:?}",
            old.effective, new.effective
        ));
    }
    if old.applicants != new.applicants {
        header.push(format!(
            "applicants: {:?} → {:?}",
            old.applicants, new.applicants
        ));
    }
    if old.qualification != new.qualification {
        header.push("qualification fields changed".to_string());
    }
    if !header.is_empty() {
        out.push(change(scope, "changed", "header".into(), header));
    }
    let (mut of, mut nf) = (BTreeMap::new(), BTreeMap::new());
    flatten(&old.fields, "/fields", &mut of);
    flatten(&new.fields, "/fields", &mut nf);
    compare(scope, "field", &of, &nf, field_details, out);
    let orules: BTreeMap<String, &shinsei_ir::Rule> = old
        .rules
        .iter()
        .map(|r| (format!("rule.{}", r.name), r))
        .collect();
    let nrules: BTreeMap<String, &shinsei_ir::Rule> = new
        .rules
        .iter()
        .map(|r| (format!("rule.{}", r.name), r))
        .collect();
    compare(scope, "rule", &orules, &nrules, rule_details, out);
    let oatt: BTreeMap<String, _> = old.attachments.iter().map(|a| (a.id.clone(), a)).collect();
    let natt: BTreeMap<String, _> = new.attachments.iter().map(|a| (a.id.clone(), a)).collect();
    compare(scope, "attachment", &oatt, &natt, attachment_details, out);
    let ocomp: BTreeMap<String, _> = old.computed.iter().map(|c| (c.name.clone(), c)).collect();
    let ncomp: BTreeMap<String, _> = new.computed.iter().map(|c| (c.name.clone(), c)).collect();
    compare(scope, "computed", &ocomp, &ncomp, computed_details, out);
}

fn compare<T>(
    scope: &str,
    what: &str,
    old: &BTreeMap<String, T>,
    new: &BTreeMap<String, T>,
    details: fn(&T, &T) -> Vec<String>,
    out: &mut Vec<Change>,
) {
    for k in old.keys().filter(|k| !new.contains_key(*k)) {
        out.push(change(scope, "removed", format!("{what} {k}"), Vec::new()));
    }
    for (k, n) in new {
        match old.get(k) {
            None => out.push(change(scope, "added", format!("{what} {k}"), Vec::new())),
            Some(o) => {
                let d = details(o, n);
                if !d.is_empty() {
                    out.push(change(scope, "changed", format!("{what} {k}"), d));
                }
            }
        }
    }
}

fn flatten<'a>(fields: &'a [Field], prefix: &str, out: &mut BTreeMap<String, &'a Field>) {
    for f in fields {
        let path = format!("{prefix}/{}", f.id);
        out.insert(path.clone(), f);
        match &f.kind {
            FieldKind::Group { fields } => flatten(fields, &path, out),
            FieldKind::List { fields, .. } => flatten(fields, &format!("{path}/-"), out),
            _ => {}
        }
    }
}

fn shallow(kind: &FieldKind) -> FieldKind {
    match kind {
        FieldKind::Group { .. } => FieldKind::Group { fields: Vec::new() },
        FieldKind::List { min, max, .. } => FieldKind::List {
            min: *min,
            max: *max,
            fields: Vec::new(),
        },
        other => other.clone(),
    }
}

fn field_details(o: &&Field, n: &&Field) -> Vec<String> {
    let mut d = Vec::new();
    if o.label != n.label {
        d.push(format!("label: {} → {}", o.label.ja, n.label.ja));
    }
    if shallow(&o.kind) != shallow(&n.kind) {
        d.push(format!(
            "type: {:?} → {:?}",
            shallow(&o.kind),
            shallow(&n.kind)
        ));
    }
    if o.presence != n.presence || o.required_src != n.required_src {
        d.push(format!("required: {} → {}", presence(o), presence(n)));
    }
    if o.visible_src != n.visible_src {
        d.push(format!(
            "shown when: {} → {}",
            o.visible_src.as_deref().unwrap_or("always"),
            n.visible_src.as_deref().unwrap_or("always")
        ));
    }
    d
}

fn presence(f: &Field) -> String {
    match &f.presence {
        shinsei_ir::Presence::Required => "always".into(),
        shinsei_ir::Presence::Optional => "optional".into(),
        shinsei_ir::Presence::RequiredWhen(_) => {
            format!("when {}", f.required_src.as_deref().unwrap_or("…"))
        }
    }
}

fn rule_details(o: &&shinsei_ir::Rule, n: &&shinsei_ir::Rule) -> Vec<String> {
    let mut d = Vec::new();
    if o.source != n.source {
        d.push(format!(
            "condition: {} → {}",
            o.source.replace('\n', " "),
            n.source.replace('\n', " ")
        ));
    } else if o.check != n.check || o.when != n.when {
        d.push(
            "condition: same text, different meaning (a shared fn, param or block changed)".into(),
        );
    }
    if o.severity != n.severity {
        d.push(format!("severity: {:?} → {:?}", o.severity, n.severity));
    }
    if o.message != n.message {
        d.push(format!("message: {} → {}", o.message.ja, n.message.ja));
    }
    if o.scope != n.scope || o.at != n.at {
        d.push("reported at a different path".into());
    }
    d
}

fn attachment_details(
    o: &&shinsei_ir::AttachmentSlot,
    n: &&shinsei_ir::AttachmentSlot,
) -> Vec<String> {
    let mut d = Vec::new();
    if o.accept != n.accept {
        d.push(format!("accept: {:?} → {:?}", o.accept, n.accept));
    }
    if o.max_size != n.max_size {
        d.push(format!("max size: {} → {} bytes", o.max_size, n.max_size));
    }
    if o.max_count != n.max_count {
        d.push(format!("max count: {} → {}", o.max_count, n.max_count));
    }
    if o.presence != n.presence || o.required_src != n.required_src {
        let p = |a: &shinsei_ir::AttachmentSlot| match &a.presence {
            shinsei_ir::Presence::Required => "always".to_string(),
            shinsei_ir::Presence::Optional => "optional".to_string(),
            shinsei_ir::Presence::RequiredWhen(_) => {
                format!("when {}", a.required_src.as_deref().unwrap_or("…"))
            }
        };
        d.push(format!("required: {} → {}", p(o), p(n)));
    }
    d
}

fn computed_details(o: &&shinsei_ir::Computed, n: &&shinsei_ir::Computed) -> Vec<String> {
    if o.expr != n.expr {
        vec![format!("formula: {} → {}", o.source, n.source)]
    } else {
        Vec::new()
    }
}

fn params(old: &BTreeMap<String, Param>, new: &BTreeMap<String, Param>, out: &mut Vec<Change>) {
    for k in old.keys().filter(|k| !new.contains_key(*k)) {
        out.push(change("param", "removed", k.clone(), Vec::new()));
    }
    for (k, n) in new {
        match old.get(k) {
            None => out.push(change("param", "added", k.clone(), Vec::new())),
            Some(o) if o.periods != n.periods || o.ty != n.ty => {
                let mut d = Vec::new();
                for p in &n.periods {
                    match o.periods.iter().find(|q| q.from == p.from) {
                        None => d.push(format!("new period from {}: {:?}", p.from, p.value)),
                        Some(q) if q.value != p.value => {
                            d.push(format!("from {}: {:?} → {:?}", p.from, q.value, p.value))
                        }
                        _ => {}
                    }
                }
                for q in o
                    .periods
                    .iter()
                    .filter(|q| !n.periods.iter().any(|p| p.from == q.from))
                {
                    d.push(format!("period from {} removed", q.from));
                }
                out.push(change("param", "changed", k.clone(), d));
            }
            Some(_) => {}
        }
    }
}

/// The changes as text for people.
pub fn text(changes: &[Change]) -> String {
    if changes.is_empty() {
        return "no changes\n".into();
    }
    let mut s = String::new();
    for c in changes {
        let sign = match c.kind {
            "added" => "+",
            "removed" => "-",
            _ => "~",
        };
        s.push_str(&format!("{sign} {}  {}\n", c.scope, c.item));
        for d in &c.details {
            s.push_str(&format!("      {d}\n"));
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bundle(src: &str) -> Bundle {
        let mut db = shinsei_syntax::SourceDb::new();
        db.add("t.form", src);
        let out = shinsei_check::compile(&db);
        out.bundle
            .unwrap_or_else(|| panic!("{:?}", out.diagnostics))
    }

    const OLD: &str = r#"
param amount "額": yen { from 2020-01-01 420_000円 }
form f "見本" {
  version "1"  effective 2026-01-13..  category 給付  applicants insured
  field from "開始日": date
  field to "終了日": date
  field note "備考": text(max 20) optional
  rule order { check to >= from  at to  message "終了日は開始日以降" }
  attachment doc "書類" { accept pdf  required }
}"#;

    #[test]
    fn reports_what_a_change_does() {
        let new = OLD
            .replace("check to >= from", "check to > from")
            .replace("420_000円 }", "420_000円 from 2023-04-01 500_000円 }")
            .replace("field note \"備考\": text(max 20) optional\n", "")
            .replace(
                "accept pdf  required",
                "accept pdf, png  required when to > from",
            );
        let changes = diff(&bundle(OLD), &bundle(&new));
        let items: Vec<(&str, &str)> = changes.iter().map(|c| (c.kind, c.item.as_str())).collect();
        assert_eq!(
            items,
            vec![
                ("removed", "field /fields/note"),
                ("changed", "rule rule.order"),
                ("changed", "attachment doc"),
                ("changed", "amount"),
            ]
        );
        assert!(changes[1].details[0].contains("check to >= from → check to > from"));
        assert!(changes[3].details[0].contains("new period from 2023-04-01"));
        assert_eq!(text(&diff(&bundle(OLD), &bundle(OLD))), "no changes\n");
    }
}
