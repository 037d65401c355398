//! What changed in each form version, as the reviewer's catalog words it:
//! labels, types, conditions and rules in plain Japanese (from
//! `shinsei-doc`), yen with separators, dates as dates — and nothing where
//! nothing visible changed.

use std::collections::BTreeMap;

use serde::Serialize;
use shinsei_doc::{AttachmentDoc, ComputedDoc, FieldDoc, FormDoc, RuleDoc};
use shinsei_ir::{Bundle, Form};

/// One difference.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Change {
    /// `form version` (`shobyo_teate 2026.1`) or `param <name>`.
    pub scope: String,
    /// `added`, `removed` or `changed`.
    pub kind: &'static str,
    /// What: `field leave[].to「終了日」`, `rule period_order`, …
    pub item: String,
    /// For `changed`: each aspect that differs, `aspect: old → new`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub details: Vec<String>,
}

pub(crate) fn change(
    scope: &str,
    kind: &'static str,
    item: String,
    details: Vec<String>,
) -> Change {
    Change {
        scope: scope.to_owned(),
        kind,
        item,
        details,
    }
}

/// The name of a form version in the report: `shobyo_teate 2026.1`.
pub fn version_name(f: &Form) -> String {
    format!("{} {}", f.id, f.version)
}

/// Every form version added, removed or changed, in a stable order.
pub fn forms(old: &Bundle, new: &Bundle, out: &mut Vec<Change>) {
    let key = |f: &Form| (f.id.clone(), f.version.clone());
    let old_forms: BTreeMap<_, &Form> = old.forms.iter().map(|f| (key(f), f)).collect();
    let new_forms: BTreeMap<_, &Form> = new.forms.iter().map(|f| (key(f), f)).collect();
    for (k, f) in &old_forms {
        if !new_forms.contains_key(k) {
            let title = format!("form「{}」", f.title.ja);
            out.push(change(&version_name(f), "removed", title, Vec::new()));
        }
    }
    for (k, f) in &new_forms {
        match old_forms.get(k) {
            None => {
                let title = format!("form「{}」", f.title.ja);
                out.push(change(&version_name(f), "added", title, Vec::new()));
            }
            Some(o) => form(o, old, f, new, out),
        }
    }
}

fn form(old: &Form, old_bundle: &Bundle, new: &Form, new_bundle: &Bundle, out: &mut Vec<Change>) {
    let scope = version_name(new);
    let (o, n) = (
        shinsei_doc::document(old, old_bundle),
        shinsei_doc::document(new, new_bundle),
    );
    let header = header(&o, &n);
    if !header.is_empty() {
        out.push(change(&scope, "changed", "header".into(), header));
    }
    compare(
        &scope,
        by(&o.fields, |f| f.key.clone()),
        by(&n.fields, |f| f.key.clone()),
        field_item,
        field_details,
        out,
    );
    let (ir_old, ir_new) = (rule_map(old), rule_map(new));
    let rule_diff = |a: &&RuleDoc, b: &&RuleDoc| {
        let mut d = rule_details(a, b);
        if d.is_empty() && ir_old.get(&a.code) != ir_new.get(&b.code) {
            d.push(SAME_TEXT.to_owned());
        }
        d
    };
    compare(
        &scope,
        by(&o.rules, |r| r.code.clone()),
        by(&n.rules, |r| r.code.clone()),
        |r| {
            let name = r.code.strip_prefix(shinsei_runtime::RULE_PREFIX);
            format!("rule {}", name.unwrap_or(&r.code))
        },
        rule_diff,
        out,
    );
    compare(
        &scope,
        by(&o.attachments, |a| a.id.clone()),
        by(&n.attachments, |a| a.id.clone()),
        |a| format!("attachment {}「{}」", a.id, a.label),
        attachment_details,
        out,
    );
    let (c_old, c_new) = (computed_map(old), computed_map(new));
    let computed_diff = |a: &&ComputedDoc, b: &&ComputedDoc| {
        let mut d = computed_details(a, b);
        let ir = |m: &BTreeMap<String, &shinsei_ir::Computed>, n: &str| {
            m.get(n).map(|c| (c.expr.clone(), c.when.clone()))
        };
        if d.is_empty() && ir(&c_old, &a.name) != ir(&c_new, &b.name) {
            d.push(SAME_TEXT.to_owned());
        }
        d
    };
    compare(
        &scope,
        by(&o.computed, |c| c.name.clone()),
        by(&n.computed, |c| c.name.clone()),
        |c| format!("computed {}「{}」", c.name, c.label),
        computed_diff,
        out,
    );
}

/// Each rule by its code, as it behaves: its source text (kept for the
/// catalog) left out, so that a rule laid out on other lines is the same rule.
fn rule_map(f: &Form) -> BTreeMap<String, shinsei_ir::Rule> {
    f.rules
        .iter()
        .map(|r| {
            let meaning = shinsei_ir::Rule {
                source: String::new(),
                ..r.clone()
            };
            (format!("rule.{}", r.name), meaning)
        })
        .collect()
}

fn computed_map(f: &Form) -> BTreeMap<String, &shinsei_ir::Computed> {
    f.computed.iter().map(|c| (c.name.clone(), c)).collect()
}

/// Said of a rule or computed value whose text is unchanged but whose
/// compiled meaning is not.
const SAME_TEXT: &str = "same text, different meaning: a shared fn, let or block it uses changed";

fn by<T>(items: &[T], key: impl Fn(&T) -> String) -> BTreeMap<String, &T> {
    items.iter().map(|i| (key(i), i)).collect()
}

fn compare<T>(
    scope: &str,
    old: BTreeMap<String, &T>,
    new: BTreeMap<String, &T>,
    item: impl Fn(&T) -> String,
    details: impl Fn(&&T, &&T) -> Vec<String>,
    out: &mut Vec<Change>,
) {
    for (k, o) in &old {
        if !new.contains_key(k) {
            out.push(change(scope, "removed", item(o), Vec::new()));
        }
    }
    for (k, n) in &new {
        match old.get(k) {
            None => out.push(change(scope, "added", item(n), Vec::new())),
            Some(o) => {
                let d = details(o, n);
                if !d.is_empty() {
                    out.push(change(scope, "changed", item(n), d));
                }
            }
        }
    }
}

/// `aspect: old → new` when they differ; long texts are cut to the part
/// that changed.
fn aspect(d: &mut Vec<String>, name: &str, old: &str, new: &str) {
    if old != new {
        let (o, n) = focus(old, new);
        d.push(format!("{name}: {o} → {n}"));
    }
}

/// Texts longer than this are shown around the part that changed.
const LONG: usize = 60;
/// Characters of unchanged text kept on each side of a change.
const CONTEXT: usize = 16;

/// `old` and `new` cut to what differs, with some context and `…` where
/// text was left out, when either is long; else as they are.
pub(crate) fn focus(old: &str, new: &str) -> (String, String) {
    let (o, n): (Vec<char>, Vec<char>) = (old.chars().collect(), new.chars().collect());
    if o.len().max(n.len()) <= LONG {
        return (old.to_owned(), new.to_owned());
    }
    let prefix = o.iter().zip(&n).take_while(|(a, b)| a == b).count();
    let max_suffix = o.len().min(n.len()) - prefix;
    let suffix = o
        .iter()
        .rev()
        .zip(n.iter().rev())
        .take(max_suffix)
        .take_while(|(a, b)| a == b)
        .count();
    let start = prefix.saturating_sub(CONTEXT);
    let cut = |chars: &[char]| {
        let end = (chars.len() - suffix + CONTEXT).min(chars.len());
        let mut s = String::new();
        if start > 0 {
            s.push('…');
        }
        s.extend(&chars[start..end]);
        if end < chars.len() {
            s.push('…');
        }
        s
    };
    (cut(&o), cut(&n))
}

fn opt(s: &Option<String>, none: &str) -> String {
    s.clone().unwrap_or_else(|| none.to_owned())
}

fn header(o: &FormDoc, n: &FormDoc) -> Vec<String> {
    let mut d = Vec::new();
    aspect(&mut d, "title", &o.title, &n.title);
    aspect(&mut d, "effective", &o.effective, &n.effective);
    aspect(&mut d, "category", &o.category, &n.category);
    aspect(
        &mut d,
        "applicants",
        &o.applicants.join("、"),
        &n.applicants.join("、"),
    );
    let qual = |f: &FormDoc| {
        f.qualification
            .iter()
            .map(|q| {
                if q.required {
                    q.label.clone()
                } else {
                    format!("{}（任意）", q.label)
                }
            })
            .collect::<Vec<_>>()
            .join("、")
    };
    aspect(&mut d, "qualification", &qual(o), &qual(n));
    d
}

fn field_item(f: &FieldDoc) -> String {
    format!("field {}「{}」", f.key, f.label)
}

fn field_details(o: &&FieldDoc, n: &&FieldDoc) -> Vec<String> {
    let mut d = Vec::new();
    aspect(&mut d, "label", &o.label, &n.label);
    aspect(&mut d, "type", &o.kind, &n.kind);
    aspect(&mut d, "required", &o.presence, &n.presence);
    aspect(
        &mut d,
        "shown",
        &opt(&o.visible, "常に表示"),
        &opt(&n.visible, "常に表示"),
    );
    aspect(&mut d, "help", &opt(&o.help, "なし"), &opt(&n.help, "なし"));
    d
}

/// A rule's condition as the catalog writes it, with its list items.
fn condition(r: &RuleDoc) -> String {
    let mut s = r.text.clone();
    for item in &r.items {
        s.push_str(&format!(" ・{item}"));
    }
    for note in &r.notes {
        s.push_str(&format!(" {note}"));
    }
    s
}

fn rule_details(o: &&RuleDoc, n: &&RuleDoc) -> Vec<String> {
    let mut d = Vec::new();
    aspect(&mut d, "condition", &condition(o), &condition(n));
    if o.source != n.source {
        let one_line = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
        aspect(
            &mut d,
            "as written",
            &one_line(&o.source),
            &one_line(&n.source),
        );
    }
    aspect(&mut d, "severity", o.severity.ja(), n.severity.ja());
    aspect(
        &mut d,
        "scope",
        &opt(&o.scope, "申請書全体"),
        &opt(&n.scope, "申請書全体"),
    );
    aspect(&mut d, "message", &o.message, &n.message);
    aspect(&mut d, "reported at", &o.at, &n.at);
    d
}

fn attachment_details(o: &&AttachmentDoc, n: &&AttachmentDoc) -> Vec<String> {
    let mut d = Vec::new();
    aspect(&mut d, "label", &o.label, &n.label);
    aspect(&mut d, "accept", &o.accept, &n.accept);
    aspect(&mut d, "max size", &o.max_size, &n.max_size);
    aspect(&mut d, "max count", &o.max_count, &n.max_count);
    aspect(&mut d, "required", &o.presence, &n.presence);
    aspect(&mut d, "help", &opt(&o.help, "なし"), &opt(&n.help, "なし"));
    d
}

fn computed_details(o: &&ComputedDoc, n: &&ComputedDoc) -> Vec<String> {
    let mut d = Vec::new();
    aspect(&mut d, "label", &o.label, &n.label);
    aspect(&mut d, "kind", &o.kind, &n.kind);
    let text = |c: &ComputedDoc| {
        let mut s = c.text.clone();
        for note in &c.notes {
            s.push_str(&format!(" {note}"));
        }
        s
    };
    aspect(&mut d, "formula", &text(o), &text(n));
    if o.source != n.source && text(o) == text(n) {
        aspect(&mut d, "as written", &o.source, &n.source);
    }
    aspect(
        &mut d,
        "shown",
        &opt(&o.visible, "常に表示"),
        &opt(&n.visible, "常に表示"),
    );
    d
}

#[cfg(test)]
mod tests {
    use super::focus;

    #[test]
    fn long_texts_are_cut_to_what_changed() {
        assert_eq!(focus("短い", "文"), ("短い".to_owned(), "文".to_owned()));
        let base = "あ".repeat(50);
        let (o, n) = focus(
            &format!("{base}を30で割った額（10円未満四捨五入）"),
            &format!("{base}を30で割った額（1円未満四捨五入）"),
        );
        assert_eq!(o, "…ああああああを30で割った額（10円未満四捨五入）");
        assert_eq!(n, "…ああああああを30で割った額（1円未満四捨五入）");
    }
}
