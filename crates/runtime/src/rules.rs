//! Cross-field rules: every visible instance of a rule's scope, in item
//! order; a rule fires only when `when` is true and `check` is false.

use shinsei_ir::{Field, FieldKind, Form, Rule, Severity};

use crate::codes::rule_code;
use crate::eval::Env;
use crate::messages::Lang;
use crate::pointer::Pointer;
use crate::result::{Issue, IssueSeverity, Report};
use crate::trace::Outcome;
use crate::tree::{InstId, ROOT, State};

/// Runs the form's rules in declaration order.
pub(crate) fn run_rules<'a>(env: &Env<'a>, form: &'a Form, lang: Lang, report: &mut Report) {
    let mut path = Pointer::root();
    path.push_key("fields");
    for rule in &form.rules {
        scope(env, ROOT, &rule.scope, rule, &mut path, lang, report);
    }
}

fn scope<'a>(
    env: &Env<'a>,
    inst: InstId,
    rest: &[u32],
    rule: &'a Rule,
    path: &mut Pointer,
    lang: Lang,
    report: &mut Report,
) {
    let Some((first, rest)) = rest.split_first() else {
        fire(env, inst, rule, path, lang, report);
        return;
    };
    let Ok(idx) = usize::try_from(*first) else {
        return;
    };
    let Some((field, member)) = env.tree.member(inst, idx) else {
        return;
    };
    if !env.member_visible(inst, idx) {
        return;
    }
    let mark = path.push_key(&field.id);
    match &member.state {
        State::Group(id) => scope(env, *id, rest, rule, path, lang, report),
        State::List(items) => {
            for (j, item) in items.iter().enumerate() {
                let m = path.push_index(j);
                scope(env, *item, rest, rule, path, lang, report);
                path.truncate(m);
            }
        }
        _ => {}
    }
    path.truncate(mark);
}

fn fire<'a>(
    env: &Env<'a>,
    inst: InstId,
    rule: &'a Rule,
    path: &mut Pointer,
    lang: Lang,
    report: &mut Report,
) {
    let frame = env.frame_of(inst);
    let record = |outcome| {
        if let Some(t) = env.trace {
            t.borrow_mut().rule(&rule.name, outcome);
        }
    };
    if let Some(when) = &rule.when {
        match env.truth(when, frame) {
            Some(true) => {}
            Some(false) => return record(Outcome::NotApplicable),
            None => return record(Outcome::Unknown),
        }
    }
    match env.truth(&rule.check, frame) {
        Some(false) => record(Outcome::Fired),
        Some(true) => return record(Outcome::Held),
        None => return record(Outcome::Unknown),
    }
    let mark = path.mark();
    let mut fields: &[Field] = env.tree.inst(inst).map_or(&[], |i| i.fields);
    for idx in &rule.at {
        let Some(field) = usize::try_from(*idx).ok().and_then(|i| fields.get(i)) else {
            break;
        };
        path.push_key(&field.id);
        fields = match &field.kind {
            FieldKind::Group { fields } | FieldKind::List { fields, .. } => fields,
            _ => &[],
        };
    }
    report.push(Issue {
        path: path.as_str().to_owned(),
        code: rule_code(&rule.name),
        message: rule.message.get(lang.tag()).to_owned(),
        severity: match rule.severity {
            Severity::Error => IssueSeverity::Error,
            Severity::Warning => IssueSeverity::Warning,
        },
        basis: None,
    });
    path.truncate(mark);
}
