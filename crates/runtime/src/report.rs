//! Reports the `fields` part of a submission in document order (the form's
//! declaration order; keys the form does not define come after the declared
//! members of their object).

use shinsei_ir::Field;

use crate::eval::Env;
use crate::messages::{Lang, Msg};
use crate::pointer::Pointer;
use crate::result::{Issue, Report};
use crate::tree::{InstId, ROOT, State};

/// Reports decode issues of visible fields, `required` for visible absent
/// ones, a warning for values sent to hidden ones, and normalized values.
pub(crate) fn report_fields(env: &Env<'_>, lang: Lang, report: &mut Report) {
    let mut path = Pointer::root();
    path.push_key("fields");
    walk(env, ROOT, &mut path, lang, report);
}

fn walk(env: &Env<'_>, id: InstId, path: &mut Pointer, lang: Lang, report: &mut Report) {
    let Some(inst) = env.tree.inst(id) else {
        return;
    };
    if !inst.broken {
        for (idx, (field, member)) in inst.fields.iter().zip(&inst.members).enumerate() {
            // The pointer is built only when something is reported here or below.
            if !env.member_visible(id, idx) {
                if member.sent {
                    let mark = path.push_key(&field.id);
                    report.push(Issue::warning(path.as_str(), Msg::HiddenField, lang, &[]));
                    path.truncate(mark);
                }
                continue;
            }
            for issue in env.tree.issues(member) {
                report.push(issue.clone());
            }
            for (p, v) in env.tree.normalized(member) {
                report.normalized.insert(p.clone(), v.clone());
            }
            let needs_path = match member.state {
                State::Value(_) | State::Invalid => false,
                State::Absent => env.required(id, &field.presence),
                State::Group(_) | State::List(_) => true,
            };
            if !needs_path {
                continue;
            }
            let mark = path.push_key(&field.id);
            visible_member(env, field, &member.state, path, lang, report);
            path.truncate(mark);
        }
    }
    for issue in &inst.unknown {
        report.push(issue.clone());
    }
}

fn visible_member(
    env: &Env<'_>,
    field: &Field,
    state: &State<'_>,
    path: &mut Pointer,
    lang: Lang,
    report: &mut Report,
) {
    match state {
        State::Absent => {
            // Only reached when required (see `walk`).
            {
                report.error(
                    path.as_str(),
                    Msg::Required,
                    lang,
                    &[("label", field.label.get(lang.tag()))],
                );
            }
        }
        State::Group(inner) => walk(env, *inner, path, lang, report),
        State::List(items) => {
            for (j, item) in items.iter().enumerate() {
                let mark = path.push_index(j);
                walk(env, *item, path, lang, report);
                path.truncate(mark);
            }
        }
        State::Invalid | State::Value(_) => {}
    }
}
