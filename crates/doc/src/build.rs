//! From a compiled form to its [`FormDoc`].

use std::cell::RefCell;

use shinsei_ir::{
    AttachmentSlot, Bundle, Expr, Field, FieldKind, Form, Literal, Param, ParamValue, Presence,
    Rule, Severity,
};

use crate::field_types::{self, Kind};
use crate::ja;
use crate::model::{
    AttachmentDoc, ComputedDoc, FieldDoc, FormDoc, ParamDoc, ParamRow, QualDoc, RuleDoc,
    SeverityDoc,
};
use crate::scope::{Ctx, UNKNOWN_FIELD, param_key_labels};

/// The catalog entry of one form version of `bundle`.
pub fn document(form: &Form, bundle: &Bundle) -> FormDoc {
    let problems = RefCell::new(Vec::new());
    let root = Ctx::root(bundle, form, &problems);
    let mut fields = Vec::new();
    field_rows(&root, &form.fields, 0, "", &mut fields);
    let doc = FormDoc {
        id: form.id.clone(),
        title: form.title.ja.clone(),
        title_en: form.title.en.clone(),
        version: form.version.clone(),
        effective: match form.effective.to {
            Some(to) => format!(
                "{} 〜 {}",
                ja::date_wareki(form.effective.from),
                ja::date_wareki(to)
            ),
            None => format!("{}から", ja::date_wareki(form.effective.from)),
        },
        category: form.category.ja().to_owned(),
        applicants: form.applicants.iter().map(|r| r.ja().to_owned()).collect(),
        qualification: form
            .qualification
            .iter()
            .map(|q| QualDoc {
                label: q.field.ja().to_owned(),
                required: q.required,
            })
            .collect(),
        fields,
        attachments: form
            .attachments
            .iter()
            .map(|a| attachment(&root, a))
            .collect(),
        rules: form.rules.iter().map(|r| rule(&root, r)).collect(),
        computed: form
            .computed
            .iter()
            .map(|c| {
                let roots: Vec<&Expr> = std::iter::once(&c.expr).chain(&c.when).collect();
                let (ctx, notes) = root.without_computed(&c.expr).named(&roots);
                let mut text = ctx.value(&c.expr);
                let mut visible = c
                    .when
                    .as_ref()
                    .map(|w| format!("{}に表示", ctx.clause(w, false).toki()))
                    .unwrap_or_default();
                let notes = finish_notes(notes, &mut [&mut text, &mut visible]);
                ComputedDoc {
                    name: c.name.clone(),
                    label: c.label.ja.clone(),
                    kind: Kind::of(c.ty).ja().to_owned(),
                    text,
                    notes,
                    visible: (!visible.is_empty()).then_some(visible),
                    source: c.source.trim().to_owned(),
                }
            })
            .collect(),
        params: form
            .params
            .iter()
            .filter_map(|name| {
                let p = bundle.params.get(name);
                if p.is_none() {
                    root.problem(format!("unknown parameter {name}"));
                }
                p
            })
            .map(|p| param_doc(bundle, p))
            .collect(),
        source: form.source.clone(),
        basis: form.basis.clone(),
        migration: form
            .migration
            .as_ref()
            .map(|m| crate::migration::describe(bundle, form, m)),
        problems: Vec::new(),
    };
    FormDoc {
        problems: problems.into_inner(),
        ..doc
    }
}

/// The notes (`〔A〕：…`) whose name is used in `texts` or in another kept note.
fn used(notes: Vec<String>, texts: &[&str]) -> Vec<String> {
    let name = |n: &str| n.split('：').next().unwrap_or_default().to_owned();
    let mut keep = vec![false; notes.len()];
    loop {
        let mut changed = false;
        for (i, n) in notes.iter().enumerate() {
            let id = name(n);
            let in_text = texts.iter().any(|t| t.contains(&id));
            let in_note = notes
                .iter()
                .zip(&keep)
                .any(|(m, k)| *k && m != n && m.contains(&id));
            if !keep.get(i).copied().unwrap_or(true) && (in_text || in_note) {
                if let Some(k) = keep.get_mut(i) {
                    *k = true;
                }
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    notes
        .into_iter()
        .zip(keep)
        .filter_map(|(n, k)| k.then_some(n))
        .collect()
}

/// Keeps the used notes and renames them 〔A〕, 〔B〕… in order, in `texts` too.
fn finish_notes(notes: Vec<String>, texts: &mut [&mut String]) -> Vec<String> {
    let views: Vec<String> = texts.iter().map(|t| t.to_string()).collect();
    let views: Vec<&str> = views.iter().map(String::as_str).collect();
    let mut notes = used(notes, &views);
    let olds: Vec<String> = notes
        .iter()
        .map(|n| n.split('：').next().unwrap_or_default().to_owned())
        .collect();
    // Two passes through placeholders, so that 〔B〕→〔A〕 cannot clash.
    for (i, old) in olds.iter().enumerate() {
        let tmp = format!("\u{1}{i}\u{1}");
        for t in texts.iter_mut() {
            **t = t.replace(old.as_str(), &tmp);
        }
        for n in &mut notes {
            *n = n.replace(old.as_str(), &tmp);
        }
    }
    for (i, letter) in ["A", "B", "C", "D", "E", "F", "G", "H", "I", "J"]
        .iter()
        .enumerate()
        .take(olds.len())
    {
        let tmp = format!("\u{1}{i}\u{1}");
        let new = format!("〔{letter}〕");
        for t in texts.iter_mut() {
            **t = t.replace(&tmp, &new);
        }
        for n in &mut notes {
            *n = n.replace(&tmp, &new);
        }
    }
    notes
}

/// 必須, 任意, or 「…のときは必須」.
fn presence(ctx: &Ctx<'_>, p: &Presence) -> String {
    match p {
        Presence::Required => "必須".to_owned(),
        Presence::Optional => "任意".to_owned(),
        Presence::RequiredWhen(e) => format!("{}は必須", ctx.clause(e, false).toki()),
    }
}

fn field_rows(
    ctx: &Ctx<'_>,
    fields: &[Field],
    depth: usize,
    prefix: &str,
    out: &mut Vec<FieldDoc>,
) {
    for (i, f) in fields.iter().enumerate() {
        let key = format!("{prefix}{}", f.id);
        let container = matches!(f.kind, FieldKind::Group { .. } | FieldKind::List { .. });
        out.push(FieldDoc {
            depth,
            label: f.label.ja.clone(),
            key: if matches!(f.kind, FieldKind::List { .. }) {
                format!("{key}[]")
            } else {
                key.clone()
            },
            anchor: anchor("f", &key),
            kind: field_types::field_kind(&f.kind),
            container,
            presence: presence(ctx, &f.presence),
            visible: f
                .visible_when
                .as_ref()
                .map(|e| format!("{}に表示", ctx.clause(e, false).toki())),
            help: f.help.as_ref().map(|h| h.ja.clone()),
        });
        let inner_prefix = match &f.kind {
            FieldKind::List { .. } => format!("{key}[]."),
            _ => format!("{key}."),
        };
        let members = match &f.kind {
            FieldKind::Group { fields } | FieldKind::List { fields, .. } => fields,
            _ => continue,
        };
        let Some((inner, _)) = u32::try_from(i).ok().and_then(|i| ctx.enter(i)) else {
            continue;
        };
        field_rows(&inner, members, depth + 1, &inner_prefix, out);
    }
}

/// An HTML id: ASCII letters, digits and `-` only.
pub fn anchor(kind: &str, key: &str) -> String {
    let safe: String = key
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    format!("{kind}-{safe}")
}

fn attachment(ctx: &Ctx<'_>, a: &AttachmentSlot) -> AttachmentDoc {
    AttachmentDoc {
        id: a.id.clone(),
        label: a.label.ja.clone(),
        accept: a
            .accept
            .iter()
            .map(|m| ja::media(*m))
            .collect::<Vec<_>>()
            .join("・"),
        max_size: format!("1ファイル{}まで", ja::size(a.max_size)),
        max_count: format!("{}ファイルまで", a.max_count),
        presence: presence(ctx, &a.presence),
        conditional: matches!(a.presence, Presence::RequiredWhen(_)),
        help: a.help.as_ref().map(|h| h.ja.clone()),
    }
}

/// Walks `steps` (member indices) from `ctx`: the context inside, the labels
/// (lists as 「…」の各行) and the JSON Pointer segments.
fn walk<'a>(ctx: &Ctx<'a>, steps: &[u32], items: bool) -> (Ctx<'a>, Vec<String>, Vec<String>) {
    let mut ctx = ctx.clone();
    let mut labels = Vec::new();
    let mut pointer = Vec::new();
    for (n, &i) in steps.iter().enumerate() {
        let last = n + 1 == steps.len();
        let Some(field) = ctx.members().get(i as usize) else {
            ctx.problem(format!("member {i} not found"));
            labels.push(UNKNOWN_FIELD.to_owned());
            break;
        };
        pointer.push(field.id.clone());
        let list = matches!(field.kind, FieldKind::List { .. });
        if list && (items || !last) {
            labels.push(format!("「{}」の各行", field.label.ja));
            pointer.push("-".to_owned());
        } else {
            labels.push(format!("「{}」", field.label.ja));
        }
        match ctx.enter(i) {
            Some((inner, _)) => ctx = inner,
            None if last => {}
            None => {
                ctx.problem(format!("member {i} is not a group or a list"));
                break;
            }
        }
    }
    (ctx, labels, pointer)
}

fn rule(root: &Ctx<'_>, r: &Rule) -> RuleDoc {
    let (scope_ctx, scope_labels, scope_ptr) = walk(root, &r.scope, true);
    let roots: Vec<&Expr> = r.when.iter().chain(std::iter::once(&r.check)).collect();
    let (ctx, notes) = scope_ctx.named(&roots);
    let scope = (!scope_labels.is_empty()).then(|| scope_labels.join("の"));
    let prefix = scope
        .as_ref()
        .map_or_else(String::new, |s| format!("{s}について、"));
    let when = r
        .when
        .as_ref()
        .map(|w| ctx.clause(w, false).toki())
        .map_or_else(String::new, |t| format!("{t}、"));
    let severity = match r.severity {
        Severity::Error => SeverityDoc::Error,
        Severity::Warning => SeverityDoc::Warning,
    };
    let (text, items) = match &r.check {
        Expr::Lit(Literal::Bool(false)) => {
            let cond = r
                .when
                .as_ref()
                .map(|w| format!("{}は、", ctx.clause(w, false).toki()))
                .unwrap_or_default();
            (
                format!("{prefix}{cond}常にこの{}となる。", severity.ja()),
                Vec::new(),
            )
        }
        check => ctx
            .clause(check, false)
            .sentence(&format!("{prefix}{when}")),
    };
    // `at` is relative to the scope, without iterating a final list.
    let (at_ctx_labels, at_ptr) = {
        let (_, labels, ptr) = walk(&scope_ctx, &r.at, false);
        (labels, ptr)
    };
    let at = if at_ctx_labels.is_empty() {
        scope.clone().unwrap_or_else(|| "申請内容全体".to_owned())
    } else {
        at_ctx_labels.join("の")
    };
    let mut path = String::from("/fields");
    for seg in scope_ptr.iter().chain(&at_ptr) {
        path.push('/');
        path.push_str(seg);
    }
    let (mut text, mut items) = (text, items);
    let notes = {
        let mut texts: Vec<&mut String> = vec![&mut text];
        texts.extend(items.iter_mut());
        finish_notes(notes, &mut texts)
    };
    RuleDoc {
        code: format!("rule.{}", r.name),
        anchor: anchor("rule", &r.name),
        severity,
        scope,
        text,
        items,
        notes,
        message: r.message.ja.clone(),
        at,
        at_path: path,
        source: r.source.trim().to_owned(),
        basis: r.basis.clone(),
    }
}

/// A parameter value for a table cell.
fn cell(l: &Literal) -> String {
    match l {
        Literal::Text(s) => s.clone(),
        Literal::Bool(true) => "はい".to_owned(),
        Literal::Bool(false) => "いいえ".to_owned(),
        other => ja::literal(other),
    }
}

/// The catalog entry of a parameter.
pub fn param_doc(bundle: &Bundle, p: &Param) -> ParamDoc {
    let keys = param_key_labels(bundle, p);
    let columns = if keys.is_empty() {
        vec![
            match Kind::of(p.ty) {
                Kind::Money => "金額",
                Kind::Date => "日付",
                _ => "値",
            }
            .to_owned(),
        ]
    } else {
        keys.iter().map(|(_, l)| l.clone()).collect()
    };
    let rows = p
        .periods
        .iter()
        .map(|period| ParamRow {
            from: ja::date_wareki(period.from),
            values: match &period.value {
                ParamValue::Single(l) => vec![cell(l)],
                ParamValue::Keyed(map) => keys
                    .iter()
                    .map(|(k, _)| map.get(k).map_or_else(|| "—".to_owned(), cell))
                    .collect(),
            },
            note: period.note.clone(),
        })
        .collect();
    ParamDoc {
        name: p.name.clone(),
        label: p.label.ja.clone(),
        columns,
        rows,
    }
}
