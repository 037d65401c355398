//! What hovering a name shows: a field's type, label and JSON path; a rule's
//! sentence from the reviewer's catalog; a param's dated values; a built-in's
//! signature; the comment written above a declaration.

use shinsei_ir::Bundle;
use shinsei_syntax::FileId;

use crate::analysis::Analysis;
use crate::builtins;
use crate::index::{Decl, DeclKind, Detail, Target};

/// The Markdown shown when hovering byte `offset` of `file`, and the span it
/// is about.
pub fn hover(
    a: &Analysis,
    bundle: Option<&Bundle>,
    file: FileId,
    offset: usize,
) -> Option<(String, shinsei_syntax::Span)> {
    let occ = a.index.at(file, offset)?;
    let text = match &occ.target {
        Target::Decl(i) => decl(a, bundle, *i, member_path(a, occ.span)),
        Target::Builtin(name) => builtin(name),
        Target::Qual(q) => format!(
            "**qualification** `{}` — {}\n\n資格情報: filled from the member's qualification record, read-only (type `{}`)",
            q.id(),
            q.ja(),
            q.value_type().name()
        ),
        Target::Role => "**applicant** `role` — 申請者の区分: `insured` (被保険者), `dependent` (被扶養者) or `agent` (社会保険労務士)".to_string(),
    };
    Some((text, occ.span))
}

/// A built-in's signature and meaning.
pub fn builtin(name: &str) -> String {
    let sig = match name {
        "today" => "today: date",
        _ => shinsei_check::signature(name).unwrap_or(name),
    };
    let mut out = format!("```shinsei\n{sig}\n```");
    if let Some(meaning) = builtins::meaning(name) {
        out.push_str(&format!("\n\n{meaning}"));
    }
    out.push_str(if name == "today" {
        "\n\nkeyword (docs/language.md §10, *Dates and durations*)"
    } else {
        "\n\nbuilt-in (docs/language.md §11)"
    });
    out
}

/// The JSON pointer of the member named at `span` in `base.member`, when
/// `base` has one: a shared block's field read through the group a `use …
/// as` made (`bank.bank_code` → `/fields/bank/bank_code`), whose own path
/// depends on the use.
fn member_path(a: &Analysis, span: shinsei_syntax::Span) -> Option<String> {
    let text = &a.get(span.file)?.text;
    let dot = (span.start as usize).checked_sub(1)?;
    if text.as_bytes().get(dot) != Some(&b'.') {
        return None;
    }
    let base = a.index.at(span.file, dot.checked_sub(1)?)?;
    if base.span.end as usize != dot {
        return None;
    }
    let Target::Decl(b) = base.target else {
        return None;
    };
    let name = text.get(span.start as usize..span.end as usize)?;
    let prefix = json_path(a, b).or_else(|| member_path(a, base.span))?;
    Some(format!("{prefix}/{name}"))
}

fn decl(a: &Analysis, bundle: Option<&Bundle>, i: usize, site_path: Option<String>) -> String {
    let Some(d) = a.index.decls.get(i) else {
        return String::new();
    };
    let mut out = format!("**{}** `{}`", d.kind.keyword(), d.name);
    if let Some(l) = &d.label {
        out.push_str(&format!(" — {}", l.ja));
        if let Some(en) = &l.en {
            out.push_str(&format!(" *({en})*"));
        }
    }
    let mut lines: Vec<String> = Vec::new();
    match &d.detail {
        Detail::Field {
            ty,
            optional,
            when,
            required_when,
            help,
            ..
        } => {
            let mut facts = vec![format!("type `{ty}`")];
            if *optional {
                facts.push("optional".into());
            }
            if let Some(p) = json_path(a, i).or_else(|| site_path.clone()) {
                facts.push(format!("`{p}`"));
            }
            lines.push(facts.join(" · "));
            if let Some(w) = when {
                lines.push(format!("shown when `{w}`"));
            }
            if let Some(r) = required_when {
                lines.push(format!("required when `{r}`"));
            }
            if let Some(h) = help {
                lines.push(format!("help: {h}"));
            }
        }
        Detail::Container {
            when,
            bounds,
            block,
        } => {
            let mut facts = Vec::new();
            if let Some(b) = bounds {
                facts.push(b.clone());
            }
            if let Some(b) = block {
                facts.push(format!("block `{b}`"));
            }
            if let Some(p) = json_path(a, i).or_else(|| site_path.clone()) {
                facts.push(format!("`{p}`"));
            }
            if !facts.is_empty() {
                lines.push(facts.join(" · "));
            }
            if let Some(w) = when {
                lines.push(format!("shown when `{w}`"));
            }
            let members: Vec<String> = a
                .index
                .children(i)
                .filter(|&c| a.index.decls[c].kind.is_data())
                .map(|c| format!("`{}`", a.index.decls[c].name))
                .collect();
            if !members.is_empty() {
                lines.push(format!("members: {}", members.join(", ")));
            }
        }
        Detail::Rule {
            warning,
            message,
            source,
        } => {
            let severity = if *warning { "warning" } else { "error" };
            lines.push(format!("{severity} · code `rule.{}`", d.name));
            if let Some(sentence) = rule_sentence(a, bundle, i) {
                lines.push(sentence);
            }
            if let Some(m) = message {
                lines.push(format!("message: 「{}」", m.ja));
            }
            lines.push(format!("```shinsei\n{source}\n```"));
        }
        Detail::Expr(src) => {
            // Where it is read, the checker's type; a compute nothing reads,
            // the type of its value in the last bundle that compiled.
            let ty = a.index.type_of(i).map(str::to_owned).or_else(|| {
                (d.kind == DeclKind::Compute)
                    .then(|| computed_type(a, bundle, i))
                    .flatten()
            });
            if let Some(ty) = ty {
                out.push_str(&format!(": {ty}"));
            }
            lines.push(format!("```shinsei\n{src}\n```"));
        }
        Detail::Param { ty, by, periods } => {
            out.push_str(&format!(": {ty}"));
            if let Some(b) = by {
                out.push_str(&format!(" by `{b}`"));
            }
            match bundle.and_then(|b| Some((b, b.params.get(&d.name)?))) {
                Some((b, p)) => lines.push(param_table(&shinsei_doc::param_doc(b, p))),
                None => lines.push(format!("```shinsei\n{}\n```", periods.join("\n"))),
            }
        }
        Detail::Fn { head, body } => {
            out = format!("```shinsei\n{head}\n```");
            lines.push(format!("= `{body}`"));
        }
        Detail::FnParam(ty) => {
            out.push_str(&format!(": {ty}"));
            if let Some(f) = d.parent.and_then(|p| a.index.decls.get(p)) {
                lines.push(format!("parameter of fn `{}`", f.name));
            }
        }
        Detail::Enum(options) => {
            let rows: Vec<String> = options
                .iter()
                .map(|(k, l)| format!("| `{k}` | {} |", l.ja))
                .collect();
            lines.push(format!(
                "| option | label |\n|---|---|\n{}",
                rows.join("\n")
            ));
        }
        Detail::Form(version) => lines.push(format!("version `{version}`")),
        Detail::None => {
            if d.kind == DeclKind::Block {
                let members: Vec<String> = a
                    .index
                    .children(i)
                    .filter(|&c| a.index.decls[c].kind.is_data())
                    .map(|c| format!("`{}`", a.index.decls[c].name))
                    .collect();
                lines.push(format!("members: {}", members.join(", ")));
            }
        }
    }
    if let Some(doc) = comment_above(a, d) {
        lines.push(doc);
    }
    for l in lines {
        out.push_str("\n\n");
        out.push_str(&l);
    }
    out
}

/// The JSON pointer of a data declaration in the submission (`*` for the
/// items of a list), when it is in a form.
fn json_path(a: &Analysis, i: usize) -> Option<String> {
    crate::index::field_pattern(&a.index, i).map(|p| format!("/fields/{}", p.join("/")))
}

/// The form version (id and version) a declaration is written in.
fn form_of(a: &Analysis, i: usize) -> Option<(&str, &str)> {
    a.index
        .ancestors(i)
        .filter_map(|p| a.index.decls.get(p))
        .find_map(|p| match (&p.kind, &p.detail) {
            (DeclKind::Form, Detail::Form(version)) => Some((p.name.as_str(), version.as_str())),
            _ => None,
        })
}

/// The type of a form's compute in the last bundle that compiled.
fn computed_type(a: &Analysis, bundle: Option<&Bundle>, i: usize) -> Option<String> {
    let (id, version) = form_of(a, i)?;
    let name = &a.index.decls.get(i)?.name;
    let form = bundle?.select(id, Some(version), None).ok()?;
    let c = form.computed.iter().find(|c| &c.name == name)?;
    Some(c.ty.name().to_owned())
}

/// The rule's sentence in the reviewer's catalog (from the last bundle that
/// compiled), with its items and notes.
fn rule_sentence(a: &Analysis, bundle: Option<&Bundle>, i: usize) -> Option<String> {
    let bundle = bundle?;
    let d = a.index.decls.get(i)?;
    let code = format!("rule.{}", d.name);
    let form = a
        .index
        .ancestors(i)
        .filter_map(|p| a.index.decls.get(p))
        .find(|p| p.kind == DeclKind::Form);
    let candidates = bundle
        .forms
        .iter()
        .filter(|f| match (form, &form.map(|f| &f.detail)) {
            (Some(fd), Some(Detail::Form(version))) => f.id == fd.name && &f.version == version,
            _ => f.rules.iter().any(|r| r.name == d.name),
        });
    for f in candidates {
        let doc = shinsei_doc::document(f, bundle);
        if let Some(r) = doc.rules.into_iter().find(|r| r.code == code) {
            let mut s = r.text.clone();
            for item in &r.items {
                s.push_str(&format!("\n- {item}"));
            }
            for n in &r.notes {
                s.push_str(&format!("\n\n{n}"));
            }
            return Some(format!(
                "> {}\n\n(reviewer's catalog)",
                s.replace('\n', "\n> ")
            ));
        }
    }
    None
}

fn param_table(p: &shinsei_doc::ParamDoc) -> String {
    let mut out = format!("| 適用開始日 | {} | 注記 |\n|---|", p.columns.join(" | "));
    out.push_str(&"---|".repeat(p.columns.len() + 1));
    for r in &p.rows {
        out.push_str(&format!(
            "\n| {} | {} | {} |",
            r.from,
            r.values.join(" | "),
            r.note.as_deref().unwrap_or("")
        ));
    }
    out
}

/// The `#` comment lines right above a declaration (no empty line between),
/// without the `#`.
fn comment_above(a: &Analysis, d: &Decl) -> Option<String> {
    let f = a.get(d.whole.file)?;
    let start = d.whole.start as usize;
    let before = f.text.get(..start)?;
    let line_start = before.rfind('\n').map_or(0, |n| n + 1);
    if !before[line_start..].trim().is_empty() {
        return None;
    }
    let mut lines: Vec<&str> = Vec::new();
    for line in before[..line_start].lines().rev() {
        match line.trim().strip_prefix('#') {
            Some(c) if !c.trim_start().starts_with("---") => lines.push(c.trim()),
            _ => break,
        }
    }
    if lines.is_empty() {
        return None;
    }
    lines.reverse();
    Some(lines.join("\n"))
}
