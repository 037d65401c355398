//! `shinsei describe` for people: the form as an indented outline.

use std::fmt::Write as _;

use shinsei_ir::{Field, FieldKind, Form, Presence};

/// The outline of a form.
pub fn outline(form: &Form) -> String {
    let mut out = String::new();
    let to = form.effective.to.map(|d| d.to_string()).unwrap_or_default();
    let _ = writeln!(out, "{}  ({} {})", form.title.ja, form.id, form.version);
    let _ = writeln!(
        out,
        "  区分 {}  有効 {}..{}",
        form.category.ja(),
        form.effective.from,
        to
    );
    let roles: Vec<&str> = form.applicants.iter().map(|r| r.ja()).collect();
    let _ = writeln!(out, "  申請できる方: {}", roles.join("、"));
    let qual: Vec<String> = form
        .qualification
        .iter()
        .map(|q| {
            if q.required {
                q.field.ja().to_string()
            } else {
                format!("{}（任意）", q.field.ja())
            }
        })
        .collect();
    let _ = writeln!(out, "  資格情報: {}", qual.join("、"));
    if let Some(b) = &form.basis {
        let _ = writeln!(out, "  根拠: {b}");
    }
    let _ = writeln!(out, "\nfields");
    fields(&mut out, &form.fields, 1);
    let _ = writeln!(out, "\nattachments");
    for a in &form.attachments {
        let accept: Vec<&str> = a.accept.iter().map(|t| t.mime()).collect();
        let _ = writeln!(
            out,
            "  {:<24} {}  [{}; ≤{} KB; ≤{} files]  {}",
            a.id,
            a.label.ja,
            accept.join(", "),
            a.max_size / 1024,
            a.max_count,
            presence(&a.presence, a.required_src.as_deref())
        );
    }
    let _ = writeln!(out, "\nrules");
    for r in &form.rules {
        let sev = if r.severity == shinsei_ir::Severity::Warning {
            "warning"
        } else {
            "error"
        };
        let _ = writeln!(out, "  rule.{:<28} {:<7} {}", r.name, sev, r.message.ja);
        if let Some(b) = &r.basis {
            let _ = writeln!(out, "  {:<41} 根拠: {b}", "");
        }
    }
    if !form.computed.is_empty() {
        let _ = writeln!(out, "\ncomputed");
        for c in &form.computed {
            let _ = writeln!(
                out,
                "  {:<24} {}  = {}",
                c.name,
                c.label.ja,
                c.source.trim()
            );
        }
    }
    out
}

fn presence(p: &Presence, cond: Option<&str>) -> String {
    match p {
        Presence::Required => "required".into(),
        Presence::Optional => "optional".into(),
        Presence::RequiredWhen(_) => format!("required when {}", cond.unwrap_or("…")),
    }
}

fn fields(out: &mut String, list: &[Field], depth: usize) {
    for f in list {
        let pad = "  ".repeat(depth);
        let kind = kind(&f.kind);
        let mut line = format!("{pad}{:<24} {}  {kind}", f.id, f.label.ja);
        if let Some(c) = &f.visible_src {
            let _ = write!(line, "  [when {c}]");
        }
        match (&f.presence, &f.required_src) {
            (_, Some(c)) => {
                let _ = write!(line, "  [required when {c}]");
            }
            (Presence::Optional, None) => line.push_str("  [optional]"),
            _ => {}
        }
        let _ = writeln!(out, "{line}");
        match &f.kind {
            FieldKind::Group { fields: inner } | FieldKind::List { fields: inner, .. } => {
                fields(out, inner, depth + 1)
            }
            _ => {}
        }
    }
}

fn kind(k: &FieldKind) -> String {
    match k {
        FieldKind::Text { max_len, .. } => max_len.map_or("text".into(), |m| format!("text ≤{m}")),
        FieldKind::Kana { .. } => "kana".into(),
        FieldKind::Integer { .. } => "integer".into(),
        FieldKind::Yen { .. } => "yen".into(),
        FieldKind::Rate => "rate".into(),
        FieldKind::Date => "date".into(),
        FieldKind::Period => "period".into(),
        FieldKind::Month => "month".into(),
        FieldKind::Bool => "はい/いいえ".into(),
        FieldKind::Choice { options } | FieldKind::Multi { options, .. } => {
            let o: Vec<String> = options
                .iter()
                .map(|o| format!("{}={}", o.key, o.label.ja))
                .collect();
            let head = if matches!(k, FieldKind::Multi { .. }) {
                "multi"
            } else {
                "choice"
            };
            format!("{head} {{{}}}", o.join(", "))
        }
        FieldKind::PostalCode => "postal_code".into(),
        FieldKind::Phone => "phone".into(),
        FieldKind::Email => "email".into(),
        FieldKind::Address => "address".into(),
        FieldKind::Digits { min, max } if min == max => format!("digits({min})"),
        FieldKind::Digits { min, max } => format!("digits({min}..{max})"),
        FieldKind::Group { .. } => "group".into(),
        FieldKind::List { min, max, .. } => format!("list {min}..{max}"),
    }
}
