//! Rule coverage (`shinsei test --coverage`): for every version of every form
//! the cases exercise, whether each rule fires in some case and is evaluated
//! and holds in another; whether each conditional attachment is required in
//! one case and not in another; whether each `when` shows its field in one
//! case and hides it in another, each `required when` both ways; and whether
//! every period of every dated param is selected by some case (of any form:
//! a value in a param's table is exercised once, wherever it is read).
//!
//! A rule that never fires is a rule no case shows to work; one that never
//! holds may be a rule that can never be satisfied. Both are gaps. A notice
//! (`when C check false`, a warning shown whenever C holds) can never hold:
//! its other side is a case where C is false. Every uncovered item fails
//! the command: a rule, an attachment or field condition, a param period.
//! A param period that no submission can select (the param is read only at
//! a date computed from `today`, and no version of a form that reads it is
//! in force early enough: `reach.rs`) is reported as unreachable and does not
//! fail; neither does a param no form reads.

mod reach;

use std::collections::BTreeMap;

use serde::Serialize;
use shinsei_ir::{Bundle, Expr, Field, FieldKind, Form, Literal, Presence};

use crate::cases::{CaseOutcome, Run};

/// Coverage of every form version the cases reach (and of those they do not).
#[derive(Debug, Serialize)]
pub struct Report {
    /// One entry per form version of the bundle, in bundle order.
    pub forms: Vec<FormCoverage>,
    /// Each period of each param (`name from date`): selected in `yes`.
    pub param_periods: Vec<Item>,
    /// Params that no form reads (their periods can never be selected).
    pub params_read_by_no_form: Vec<String>,
    /// Whether only some forms' cases ran (one form's folder, one case):
    /// the others may select a shared param's periods, so a period these
    /// cases do not select is listed without failing.
    pub partial: bool,
}

/// Coverage of one form version.
#[derive(Debug, Serialize)]
pub struct FormCoverage {
    /// Form id.
    pub form: String,
    /// Version.
    pub version: String,
    /// Cases validated against this version.
    pub cases: usize,
    /// Each rule: `yes` = a case where it fires, `no` = one where it holds.
    pub rules: Vec<Item>,
    /// Each `required when` attachment: required in `yes`, not in `no`.
    pub attachments: Vec<Item>,
    /// Each field with `when`: shown in `yes`, hidden in `no`.
    pub shown_when: Vec<Item>,
    /// Each field with `required when`: required in `yes`, optional in `no`
    /// (both while shown).
    pub required_when: Vec<Item>,
}

/// One thing to cover, with the first case that covers each side.
#[derive(Debug, Serialize)]
pub struct Item {
    /// What: a rule name, a slot id, a field path, `param from date`.
    pub name: String,
    /// The first case on the "yes" side (fires, required, shown, selected).
    pub yes: Option<String>,
    /// The first case on the "no" side (holds, not required, hidden); always
    /// `None` for a param period, which has one side.
    pub no: Option<String>,
    /// A param period no submission can select (see `reach.rs`), with the
    /// form versions that read the param: reported, never a gap.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unreachable: Option<Vec<String>>,
    /// Whether the item needs a "no" side.
    #[serde(skip)]
    two_way: bool,
    /// A rule that is a notice: `when C check false`.
    #[serde(skip)]
    notice: bool,
    /// What it means in the reviewer's words (condition, scope, severity),
    /// to match the same check in another version of the form.
    #[serde(skip)]
    meaning: String,
}

impl Item {
    fn new(name: impl Into<String>, two_way: bool) -> Item {
        Item {
            name: name.into(),
            yes: None,
            no: None,
            unreachable: None,
            two_way,
            notice: false,
            meaning: String::new(),
        }
    }

    fn see(&mut self, yes: bool, no: bool, case: &str) {
        if yes && self.yes.is_none() {
            self.yes = Some(case.to_owned());
        }
        if no && self.no.is_none() {
            self.no = Some(case.to_owned());
        }
    }

    /// Takes the sides `other` (the same check in `version`) covers and this
    /// one does not.
    fn borrow_from(&mut self, other: &Item, version: &str) {
        let tag = |c: &Option<String>| c.as_ref().map(|c| format!("{c} (version {version})"));
        if self.yes.is_none() {
            self.yes = tag(&other.yes);
        }
        if self.no.is_none() {
            self.no = tag(&other.no);
        }
    }

    /// Whether every side it needs is covered.
    pub fn covered(&self) -> bool {
        self.yes.is_some() && (!self.two_way || self.no.is_some())
    }
}

/// Measures coverage of `bundle` by the cases that ran (`partial`: not the
/// cases of every form of the forms directory).
pub fn measure(bundle: &Bundle, outcomes: &[CaseOutcome], partial: bool) -> Report {
    let mut by_version: BTreeMap<(&str, &str), Vec<(&str, &Run)>> = BTreeMap::new();
    for o in outcomes {
        let Some(run) = &o.run else { continue };
        if let (Some(form), Some(version)) = (&run.result.form, &run.result.version) {
            by_version
                .entry((form.as_str(), version.as_str()))
                .or_default()
                .push((o.file.as_str(), run));
        }
    }
    let mut forms: Vec<FormCoverage> = bundle
        .forms
        .iter()
        .map(|form| {
            let runs = by_version
                .get(&(form.id.as_str(), form.version.as_str()))
                .map_or(&[][..], Vec::as_slice);
            form_coverage(form, &Meanings::of(form, bundle), runs)
        })
        .collect();
    share_between_versions(&mut forms);
    let mut param_periods = Vec::new();
    let unreachable = reach::unreachable_periods(bundle);
    for (name, p) in &bundle.params {
        for period in &p.periods {
            let mut item = Item::new(format!("{name} from {}", period.from), false);
            item.unreachable = unreachable
                .get(name)
                .filter(|u| u.periods.contains(&period.from))
                .map(|u| u.readers.clone());
            for o in outcomes {
                if let Some(run) = &o.run {
                    let read = run
                        .trace
                        .params
                        .get(name)
                        .is_some_and(|s| s.contains(&period.from));
                    item.see(read, false, &o.file);
                }
            }
            param_periods.push(item);
        }
    }
    let params_read_by_no_form = bundle
        .params
        .keys()
        .filter(|name| !bundle.forms.iter().any(|f| f.params.contains(name)))
        .cloned()
        .collect();
    Report {
        forms,
        param_periods,
        params_read_by_no_form,
        partial,
    }
}

/// What each check of a form version means, as the reviewer's catalog says
/// it (labels, not field positions: a field added before another does not
/// change the meaning of a rule that reads it).
struct Meanings {
    rules: BTreeMap<String, String>,
    fields: BTreeMap<String, (String, String)>,
    attachments: BTreeMap<String, String>,
}

impl Meanings {
    fn of(form: &Form, bundle: &Bundle) -> Meanings {
        let doc = shinsei_doc::document(form, bundle);
        let rules = doc
            .rules
            .iter()
            .map(|r| {
                let m = format!(
                    "{}|{:?}|{}|{:?}|{:?}",
                    r.severity.ja(),
                    r.scope,
                    r.text,
                    r.items,
                    r.notes
                );
                (r.code.clone(), m)
            })
            .collect();
        let fields = doc
            .fields
            .iter()
            .map(|f| {
                let pointer = format!("/fields/{}", f.key.replace("[]", "/-").replace('.', "/"));
                (
                    pointer,
                    (f.visible.clone().unwrap_or_default(), f.presence.clone()),
                )
            })
            .collect();
        let attachments = doc
            .attachments
            .iter()
            .map(|a| (a.id.clone(), a.presence.clone()))
            .collect();
        Meanings {
            rules,
            fields,
            attachments,
        }
    }

    fn rule(&self, name: &str) -> String {
        self.rules
            .get(&format!("rule.{name}"))
            .cloned()
            .unwrap_or_default()
    }

    fn shown(&self, path: &str) -> String {
        self.fields
            .get(path)
            .map(|f| f.0.clone())
            .unwrap_or_default()
    }

    fn required(&self, path: &str) -> String {
        self.fields
            .get(path)
            .map(|f| f.1.clone())
            .unwrap_or_default()
    }
}

fn form_coverage(form: &Form, meanings: &Meanings, runs: &[(&str, &Run)]) -> FormCoverage {
    let mut rules: Vec<Item> = form
        .rules
        .iter()
        .map(|r| Item {
            notice: is_notice(r),
            meaning: meanings.rule(&r.name),
            ..Item::new(&r.name, true)
        })
        .collect();
    let conditional: Vec<&shinsei_ir::AttachmentSlot> = form
        .attachments
        .iter()
        .filter(|a| matches!(a.presence, Presence::RequiredWhen(_)))
        .collect();
    let mut attachments: Vec<Item> = conditional
        .iter()
        .map(|a| Item {
            meaning: meanings.attachments.get(&a.id).cloned().unwrap_or_default(),
            ..Item::new(&a.id, true)
        })
        .collect();
    let conditional: Vec<&str> = conditional.iter().map(|a| a.id.as_str()).collect();
    let (mut shown, mut required) = (Vec::new(), Vec::new());
    conditions(&form.fields, "/fields", &mut shown, &mut required);
    for item in &mut shown {
        item.meaning = meanings.shown(&item.name);
    }
    for item in &mut required {
        item.meaning = meanings.required(&item.name);
    }
    for (case, run) in runs {
        for (rule, item) in form.rules.iter().zip(&mut rules) {
            if let Some(t) = run.trace.rules.get(&rule.name) {
                // A notice (`when C check false`) fires exactly when C holds:
                // its other side is a case where C is false.
                let other = if is_notice(rule) {
                    t.not_applicable > 0
                } else {
                    t.held > 0
                };
                item.see(t.fired > 0, other, case);
            }
        }
        for (slot, item) in conditional.iter().zip(&mut attachments) {
            let req = run.result.attachments.required.iter().any(|s| s == slot);
            item.see(req, !req, case);
        }
        for state in &run.states.fields {
            let decl = declared_path(&state.path);
            if let Some(item) = shown.iter_mut().find(|i| i.name == decl) {
                item.see(state.visible, !state.visible, case);
            }
            if let Some(item) = required.iter_mut().find(|i| i.name == decl)
                && state.visible
            {
                item.see(state.required, !state.required, case);
            }
        }
    }
    FormCoverage {
        form: form.id.clone(),
        version: form.version.clone(),
        cases: runs.len(),
        rules,
        attachments,
        shown_when: shown,
        required_when: required,
    }
}

/// A rule, attachment condition or field condition that is the same in two
/// versions of a form (same name or path, same meaning as the catalog words
/// it) is the same
/// check: the cases of either version cover it in both. A new version then
/// needs cases only for what it changed.
fn share_between_versions(forms: &mut [FormCoverage]) {
    for i in 0..forms.len() {
        for j in 0..forms.len() {
            if i == j || forms[i].form != forms[j].form {
                continue;
            }
            let (target, source) = pair(forms, i, j);
            let version = source.version.clone();
            for ((_, mine), (_, theirs)) in target.groups_mut().into_iter().zip(source.groups()) {
                for item in mine.iter_mut() {
                    if let Some(other) = theirs
                        .iter()
                        .find(|o| o.name == item.name && o.meaning == item.meaning)
                    {
                        item.borrow_from(other, &version);
                    }
                }
            }
        }
    }
}

/// Two distinct elements of `forms`, the first mutable.
fn pair(forms: &mut [FormCoverage], i: usize, j: usize) -> (&mut FormCoverage, &FormCoverage) {
    if i < j {
        let (a, b) = forms.split_at_mut(j);
        (&mut a[i], &b[0])
    } else {
        let (a, b) = forms.split_at_mut(i);
        (&mut b[0], &a[j])
    }
}

/// Whether `rule` is a notice: `check false`, so it fires whenever its
/// `when` holds and can never hold.
fn is_notice(rule: &shinsei_ir::Rule) -> bool {
    matches!(rule.check, Expr::Lit(Literal::Bool(false)))
}

/// The fields with `when` and with `required when`, by declared path
/// (`/fields/leave/-/to` for a field of a list's items).
fn conditions(fields: &[Field], prefix: &str, shown: &mut Vec<Item>, required: &mut Vec<Item>) {
    for f in fields {
        let path = format!("{prefix}/{}", f.id);
        if f.visible_when.is_some() {
            shown.push(Item::new(&path, true));
        }
        if matches!(f.presence, Presence::RequiredWhen(_)) {
            required.push(Item::new(&path, true));
        }
        match &f.kind {
            FieldKind::Group { fields } => conditions(fields, &path, shown, required),
            FieldKind::List { fields, .. } => {
                conditions(fields, &format!("{path}/-"), shown, required);
            }
            _ => {}
        }
    }
}

/// A pointer with its list indices replaced by `-` (field ids never start
/// with a digit).
fn declared_path(pointer: &str) -> String {
    pointer
        .split('/')
        .map(|seg| {
            if !seg.is_empty() && seg.bytes().all(|b| b.is_ascii_digit()) {
                "-"
            } else {
                seg
            }
        })
        .collect::<Vec<_>>()
        .join("/")
}

/// The kinds of item of a form, in report order.
const GROUPS: [&str; 4] = ["rules", "attachments", "shown when", "required when"];

impl FormCoverage {
    fn groups_mut(&mut self) -> [(&'static str, &mut Vec<Item>); 4] {
        let [r, a, s, q] = GROUPS;
        [
            (r, &mut self.rules),
            (a, &mut self.attachments),
            (s, &mut self.shown_when),
            (q, &mut self.required_when),
        ]
    }

    fn groups(&self) -> [(&'static str, &[Item]); 4] {
        let [r, a, s, q] = GROUPS;
        [
            (r, &self.rules),
            (a, &self.attachments),
            (s, &self.shown_when),
            (q, &self.required_when),
        ]
    }
}

impl Report {
    /// Whether every item of every form version is covered: each rule both
    /// ways, each attachment and field condition both ways, each param
    /// period a form reads and a submission can reach selected.
    pub fn covered(&self) -> bool {
        self.gaps() == 0
    }

    /// How many items are not covered (unreachable param periods and those
    /// of params no form reads aside).
    pub fn gaps(&self) -> usize {
        let forms: usize = self
            .forms
            .iter()
            .map(|f| {
                f.groups()
                    .iter()
                    .map(|(_, items)| items.iter().filter(|i| !i.covered()).count())
                    .sum::<usize>()
            })
            .sum();
        let periods = if self.partial {
            0
        } else {
            self.periods_to_cover().filter(|i| !i.covered()).count()
        };
        forms + periods
    }

    /// Whether a param is read by none of the forms.
    fn unread(&self, item: &Item) -> bool {
        self.params_read_by_no_form
            .iter()
            .any(|n| item.name.starts_with(&format!("{n} from ")))
    }

    /// The param periods a case has to select: read by a form, reachable.
    fn periods_to_cover(&self) -> impl Iterator<Item = &Item> {
        self.param_periods
            .iter()
            .filter(|i| i.unreachable.is_none() && !self.unread(i))
    }

    /// The report for people: one line per form version, then each gap.
    pub fn text(&self) -> String {
        let mut s = String::from("\ncoverage (rules: fires / holds; conditions: both ways)\n");
        let mut totals = [(0, 0); 4];
        for f in &self.forms {
            let mut line = format!("{:<40}", format!("{} {}", f.form, f.version));
            for (i, (name, items)) in f.groups().iter().enumerate() {
                let ok = items.iter().filter(|i| i.covered()).count();
                totals[i].0 += ok;
                totals[i].1 += items.len();
                if !items.is_empty() {
                    line.push_str(&format!("  {name} {ok}/{}", items.len()));
                }
            }
            s.push_str(line.trim_end());
            s.push('\n');
            for (name, items) in f.groups() {
                for item in items.iter().filter(|i| !i.covered()) {
                    s.push_str(&format!("    {}\n", gap(name, item)));
                }
            }
        }
        let to_cover = self.periods_to_cover().count();
        let selected = self.periods_to_cover().filter(|i| i.covered()).count();
        let unreachable: Vec<&Item> = self
            .param_periods
            .iter()
            .filter(|i| i.unreachable.is_some() && !i.covered())
            .collect();
        let periods = if unreachable.is_empty() {
            format!("param periods {selected}/{to_cover}")
        } else {
            format!(
                "param periods {selected}/{to_cover} ({} unreachable)",
                unreachable.len()
            )
        };
        s.push_str(&format!("{:<40}  {periods}\n", "params"));
        // A param no form reads is worth a line when every form is tested;
        // testing some forms, most shared params are read by none of them,
        // which says nothing. Many of them: said once, not once per param.
        let unread: &[String] = if self.partial {
            &[]
        } else {
            &self.params_read_by_no_form
        };
        match unread {
            unread if unread.len() <= 5 => {
                for name in unread {
                    s.push_str(&format!("    param `{name}`: no form reads it\n"));
                }
            }
            unread => {
                let some: Vec<String> = unread.iter().take(3).map(|n| format!("`{n}`")).collect();
                s.push_str(&format!(
                    "    {} params are read by none of the forms tested ({}, …)\n",
                    unread.len(),
                    some.join(", ")
                ));
            }
        }
        for item in unreachable {
            let readers = item.unreachable.as_deref().unwrap_or_default().join(", ");
            s.push_str(&format!(
                "    param {}: unreachable — read only at a date from `today` by {readers}, a date \
                 that never falls in it: the param's history, keep it or drop it\n",
                item.name
            ));
        }
        for item in self.periods_to_cover().filter(|i| !i.covered()) {
            let line = if self.partial {
                format!(
                    "param {}: not selected by these cases (a form not tested may select it)",
                    item.name
                )
            } else {
                gap("param periods", item)
            };
            s.push_str(&format!("    {line}\n"));
        }
        let mut parts: Vec<String> = GROUPS
            .iter()
            .zip(totals)
            .map(|(n, (ok, all))| format!("{n} {ok}/{all}"))
            .collect();
        parts.push(periods);
        s.push_str(&format!("coverage: {}\n", parts.join(", ")));
        match self.gaps() {
            0 => {}
            n => s.push_str(&format!(
                "coverage FAILED: {n} item(s) not covered (each listed above with the case on its other side)\n"
            )),
        }
        s
    }
}

/// What is missing of one item, with the case that covers the other side.
fn gap(group: &str, item: &Item) -> String {
    let seen = |side: &Option<String>| {
        side.as_deref()
            .map_or_else(String::new, |c| format!(" ({c})"))
    };
    match group {
        "rules" if item.notice => match (&item.yes, &item.no) {
            (None, None) => format!("notice `{}`: no case evaluates it", item.name),
            (None, no) => format!(
                "notice `{}`: never shown; its `when` is false{}",
                item.name,
                seen(no)
            ),
            (yes, _) => format!(
                "notice `{}`: its `when` is never false; shown{}",
                item.name,
                seen(yes)
            ),
        },
        "rules" => match (&item.yes, &item.no) {
            (None, None) => format!("rule `{}`: no case evaluates it", item.name),
            (None, no) => format!("rule `{}`: never fires; holds{}", item.name, seen(no)),
            (yes, _) => format!("rule `{}`: never holds; fires{}", item.name, seen(yes)),
        },
        "param periods" => format!("param {}: no case selects it", item.name),
        _ => {
            let (yes, no) = match group {
                "attachments" => ("required", "not required"),
                "shown when" => ("shown", "hidden"),
                _ => ("required", "optional"),
            };
            let what = if group == "attachments" {
                format!("attachment `{}`", item.name)
            } else {
                format!("`{}`", item.name)
            };
            match (&item.yes, &item.no) {
                (None, None) => format!("{what}: no case reaches it"),
                (None, n) => format!("{what}: never {yes}; {no}{}", seen(n)),
                (y, _) => format!("{what}: never {no}; {yes}{}", seen(y)),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cases::{CaseOutcome, Run};

    const TWO_VERSIONS: &str = r#"
form f "見本" {
  version "1"  effective 2026-01-13..2026-03-31  category 給付  applicants insured
  field from "開始日": date
  field to "終了日": date
  rule order { check to >= from  at to  message "終了日は開始日以降" }
  rule short { check days_between(from, to) <= 30  at to  message "30日以内" }
}
form f "見本" {
  version "2"  effective 2026-04-01..  category 給付  applicants insured
  field from "開始日": date
  field to "終了日": date
  rule order { check to >= from  at to  message "終了日は開始日以降の日付" }
  rule short { check days_between(from, to) <= 60  at to  message "60日以内" }
}"#;

    fn outcome(bundle: &Bundle, name: &str, now: &str, from: &str, to: &str) -> CaseOutcome {
        let sub = format!(
            r#"{{"form": "f", "applicant": {{"role": "insured"}}, "fields": {{"from": "{from}", "to": "{to}"}}}}"#
        );
        let now = chrono::DateTime::parse_from_rfc3339(now).unwrap();
        let (result, states, trace) =
            shinsei_runtime::validate_traced(bundle, &sub, now, &Default::default());
        CaseOutcome {
            file: name.into(),
            form: "f".into(),
            passed: true,
            problems: vec![],
            run: Some(Run {
                result,
                states,
                trace,
            }),
        }
    }

    #[test]
    fn an_unchanged_rule_is_covered_by_the_cases_of_another_version() {
        let mut db = shinsei_syntax::SourceDb::new();
        db.add("f.form", TWO_VERSIONS);
        let bundle = shinsei_check::compile(&db).bundle.unwrap();
        let v1 = "2026-03-02T10:00:00+09:00";
        let outcomes = [
            outcome(&bundle, "ok.json", v1, "2026-02-02", "2026-02-10"),
            outcome(&bundle, "order.json", v1, "2026-02-10", "2026-02-02"),
            outcome(&bundle, "long.json", v1, "2026-01-01", "2026-02-28"),
        ];
        let report = measure(&bundle, &outcomes, false);
        let v2 = &report.forms[1];
        assert_eq!(v2.version, "2");
        // `order` means the same in both (only its message changed): covered
        let order = &v2.rules[0];
        assert_eq!(order.yes.as_deref(), Some("order.json (version 1)"));
        assert_eq!(order.no.as_deref(), Some("ok.json (version 1)"));
        // `short` has another limit in version 2: its cases must be its own
        let short = &v2.rules[1];
        assert!(short.yes.is_none() && short.no.is_none());
        assert!(!report.covered());
        assert!(report.text().contains("rule `short`: no case evaluates it"));
    }

    #[test]
    fn declared_paths_hide_list_indices() {
        assert_eq!(declared_path("/fields/leave/12/to"), "/fields/leave/-/to");
        assert_eq!(
            declared_path("/fields/bank/branch_code"),
            "/fields/bank/branch_code"
        );
    }
}
