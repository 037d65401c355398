//! The catalog as Markdown: one file with the guide, the index and every form.

use std::fmt::Write as _;

use crate::model::FormDoc;
use crate::{Entry, GUIDE};

/// Escapes text for a Markdown table cell or paragraph.
fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '|' => out.push_str("\\|"),
            '\\' | '*' | '_' | '`' | '[' | ']' | '<' | '>' | '#' => {
                out.push('\\');
                out.push(c);
            }
            '\n' => out.push_str("<br>"),
            _ => out.push(c),
        }
    }
    out
}

/// Inline code that may contain backticks.
fn code(s: &str) -> String {
    let one_line = s.split_whitespace().collect::<Vec<_>>().join(" ");
    let fence = if one_line.contains('`') { "``" } else { "`" };
    format!("{fence}{}{fence}", one_line.replace('|', "\\|"))
}

/// A table cell: the text, then its named values on their own lines.
fn notes_cell(text: &str, notes: &[String]) -> String {
    let mut cell = esc(text);
    for n in notes {
        cell.push_str("<br>");
        cell.push_str(&esc(n));
    }
    cell
}

/// The Markdown of every version of one form (newest first), headed `##`.
pub fn form(docs: &[FormDoc]) -> String {
    let mut out = String::new();
    for (n, d) in docs.iter().enumerate() {
        if n > 0 {
            out.push('\n');
        }
        version(&mut out, d);
    }
    out
}

fn version(out: &mut String, d: &FormDoc) {
    let _ = writeln!(out, "## {}（{}版）\n", esc(&d.title), esc(&d.version));
    if let Some(en) = &d.title_en {
        let _ = writeln!(out, "*{}*\n", esc(en));
    }
    let _ = writeln!(out, "| 項目 | 内容 |\n|---|---|");
    let _ = writeln!(out, "| 様式ID | {} |", code(&d.id));
    let _ = writeln!(out, "| 版 | {} |", esc(&d.version));
    let _ = writeln!(out, "| 受付期間 | {} |", esc(&d.effective));
    let _ = writeln!(out, "| 区分 | {} |", esc(&d.category));
    let _ = writeln!(out, "| 申請できる方 | {} |", esc(&d.applicants.join("、")));
    let qual: Vec<String> = d
        .qualification
        .iter()
        .map(|q| {
            if q.required {
                q.label.clone()
            } else {
                format!("{}（任意）", q.label)
            }
        })
        .collect();
    let qual = if qual.is_empty() {
        "なし".to_owned()
    } else {
        qual.join("、")
    };
    let _ = writeln!(out, "| 資格情報（自動入力） | {} |", esc(&qual));
    if let Some(b) = &d.basis {
        let _ = writeln!(out, "| 根拠（記載事項・添付書類） | {} |", esc(b));
    }
    let _ = writeln!(out, "| 定義ファイル | {} |\n", code(&d.source));
    if let Some(m) = &d.migration {
        let _ = writeln!(
            out,
            "### 前の版（{}）からの変更（再申請のときの引き継ぎ）\n",
            esc(&m.from)
        );
        for line in &m.lines {
            let _ = writeln!(out, "- {}", esc(line));
        }
        out.push('\n');
    }

    let _ = writeln!(out, "### 入力項目（{}項目）\n", d.fields.len());
    let _ = writeln!(
        out,
        "| 項目 | キー | 種類 | 入力 | 表示条件 | 説明 |\n|---|---|---|---|---|---|"
    );
    for f in &d.fields {
        let indent = "　".repeat(f.depth);
        let marker = if f.depth > 0 { "└ " } else { "" };
        let label = if f.container {
            format!("**{}**", esc(&f.label))
        } else {
            esc(&f.label)
        };
        let _ = writeln!(
            out,
            "| {indent}{marker}{label} | {} | {} | {} | {} | {} |",
            code(&f.key),
            esc(&f.kind),
            esc(&f.presence),
            f.visible
                .as_deref()
                .map_or_else(|| "常に表示".to_owned(), esc),
            f.help.as_deref().map_or_else(String::new, esc),
        );
    }
    out.push('\n');

    let _ = writeln!(out, "### 添付書類（{}種類）\n", d.attachments.len());
    if d.attachments.is_empty() {
        out.push_str("添付書類はありません。\n\n");
    } else {
        let _ = writeln!(
            out,
            "| 書類 | キー | 提出 | ファイルの種類 | サイズ | 枚数 | 説明 |\n|---|---|---|---|---|---|---|"
        );
        for a in &d.attachments {
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | {} | {} | {} |",
                esc(&a.label),
                code(&a.id),
                esc(&a.presence),
                esc(&a.accept),
                esc(&a.max_size),
                esc(&a.max_count),
                a.help.as_deref().map_or_else(String::new, esc),
            );
        }
        out.push('\n');
    }

    let _ = writeln!(out, "### チェックルール（{}件）\n", d.rules.len());
    if d.rules.is_empty() {
        out.push_str("ルールはありません。\n\n");
    }
    for r in &d.rules {
        let _ = writeln!(
            out,
            "#### {}（{}：{}）\n",
            code(&r.code),
            r.severity.ja(),
            r.severity.effect()
        );
        let _ = writeln!(out, "{}\n", esc(&r.text));
        for (i, item) in r.items.iter().enumerate() {
            let _ = writeln!(out, "{}. {}", i + 1, esc(item));
        }
        if !r.items.is_empty() {
            out.push('\n');
        }
        for n in &r.notes {
            let _ = writeln!(out, "- {}", esc(n));
        }
        let _ = writeln!(out, "- メッセージ：「{}」", esc(&r.message));
        let _ = writeln!(out, "- 指摘箇所：{}（{}）", esc(&r.at), code(&r.at_path));
        if let Some(b) = &r.basis {
            let _ = writeln!(out, "- 根拠：{}", esc(b));
        }
        let _ = writeln!(out, "- 定義：{}\n", code(&r.source));
    }

    if !d.computed.is_empty() {
        let _ = writeln!(out, "### 計算値（{}件）\n", d.computed.len());
        let _ = writeln!(
            out,
            "| 名称 | キー | 種類 | 計算方法 | 表示条件 |\n|---|---|---|---|---|"
        );
        for c in &d.computed {
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | {} |",
                esc(&c.label),
                code(&c.name),
                esc(&c.kind),
                notes_cell(&c.text, &c.notes),
                c.visible
                    .as_deref()
                    .map_or_else(|| "常に表示".to_owned(), esc)
            );
        }
        out.push('\n');
    }

    if !d.params.is_empty() {
        let _ = writeln!(out, "### 法定の額・率（{}件）\n", d.params.len());
        for p in &d.params {
            let _ = writeln!(out, "**『{}』**（{}）\n", esc(&p.label), code(&p.name));
            let mut head = vec!["適用開始日".to_owned()];
            head.extend(p.columns.iter().map(|c| esc(c)));
            head.push("備考".to_owned());
            let _ = writeln!(out, "| {} |", head.join(" | "));
            let _ = writeln!(out, "|{}", "---|".repeat(head.len()));
            for r in &p.rows {
                let mut row = vec![esc(&r.from)];
                row.extend(r.values.iter().map(|v| esc(v)));
                row.push(r.note.as_deref().map_or_else(String::new, esc));
                let _ = writeln!(out, "| {} |", row.join(" | "));
            }
            out.push('\n');
        }
    }
    if !d.problems.is_empty() {
        let _ = writeln!(
            out,
            "> 注意：この様式の定義に解決できない参照があります（{}件）。\n",
            d.problems.len()
        );
    }
}

/// The whole catalog: guide, index, then every form.
pub fn catalog(entries: &[Entry], hash: &str) -> String {
    let mut out = String::from("# 申請書カタログ（審査担当者向け）\n\n");
    let _ = writeln!(
        out,
        "電子申請で受け付ける申請書（{}様式）の入力項目・添付書類・チェックルール・法定の額の一覧です。\n",
        entries.len()
    );
    out.push_str("## この目録の読み方\n\n");
    for (title, body) in GUIDE {
        let _ = writeln!(out, "- **{title}**：{body}");
    }
    out.push('\n');
    out.push_str("## 申請書の一覧\n\n");
    out.push_str("| 区分 | 申請書 | 様式ID | 版 | 受付期間 | 申請できる方 | 項目 | ルール | 添付 |\n|---|---|---|---|---|---|---|---|---|\n");
    for e in entries {
        let Some(d) = e.docs.first() else { continue };
        let _ = writeln!(
            out,
            "| {} | [{}](#{}) | {} | {} | {} | {} | {} | {} | {} |",
            esc(&d.category),
            esc(&d.title),
            e.id,
            code(&d.id),
            esc(&e
                .docs
                .iter()
                .map(|d| d.version.as_str())
                .collect::<Vec<_>>()
                .join("、")),
            esc(&d.effective),
            esc(&d.applicants.join("、")),
            d.fields.len(),
            d.rules.len(),
            d.attachments.len()
        );
    }
    out.push('\n');
    for e in entries {
        let _ = writeln!(out, "<a id=\"{}\"></a>\n", e.id);
        out.push_str(&form(&e.docs));
        out.push_str("\n---\n\n");
    }
    let _ = writeln!(out, "バンドル {}", code(hash));
    out
}
