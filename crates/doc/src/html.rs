//! The catalog as static HTML: an index page and one page per form, each
//! self-contained (inline CSS, no script), readable on a phone and printable.

use std::fmt::Write as _;

use shinsei_ir::{Bundle, Category};

use crate::model::{FieldDoc, FormDoc, RuleDoc, SeverityDoc};
use crate::{Entry, GUIDE};
// Text for HTML content and quoted attribute values: & < > " ' escaped.
use html_escape::encode_quoted_attribute as esc;

const STYLE: &str = include_str!("style.css");

/// Text with line breaks kept.
fn esc_lines(s: &str) -> String {
    esc(s).replace('\n', "<br>")
}

fn page(title: &str, body: &str, hash: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"ja\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"generator\" content=\"shinsei doc\">\n<title>{}</title>\n<style>\n{STYLE}</style>\n</head>\n<body>\n\
         <header class=\"site\"><a href=\"index.html\">申請書カタログ</a><span>審査担当者向け・全国健康保険協会 電子申請</span></header>\n\
         <main>\n{body}</main>\n<footer class=\"site-foot\">shinsei doc で生成 ・ バンドル {}</footer>\n</body>\n</html>\n",
        esc(title),
        esc(hash)
    )
}

/// 必須 / 任意 / 条件付き, with the condition.
fn presence(p: &str) -> String {
    match p {
        "必須" => "<span class=\"badge req\">必須</span>".to_owned(),
        "任意" => "<span class=\"badge opt\">任意</span>".to_owned(),
        cond => format!(
            "<span class=\"badge cond\">条件付き</span><span class=\"when\">{}</span>",
            esc(cond)
        ),
    }
}

fn category_id(c: Category) -> &'static str {
    match c {
        Category::Benefit => "benefit",
        Category::Enrollment => "enrollment",
        Category::Health => "health",
        Category::Loan => "loan",
        Category::Certificate => "certificate",
    }
}

/// The index: guide, then every form by category, then the parameters.
pub(crate) fn index_page(entries: &[Entry], bundle: &Bundle) -> String {
    let mut b = String::new();
    let _ = writeln!(
        b,
        "<section class=\"card\"><h1>申請書カタログ</h1>\
         <p class=\"lead\">電子申請で受け付ける申請書 {} 様式について、申請できる方・入力項目・添付書類・チェックルール・法定の額を、\
         申請書の定義（フォーム定義）からそのまま書き出した一覧です。各申請書のページでは、ルールごとにエラーコード・判定の内容・申請者に表示するメッセージを確認できます。</p></section>",
        entries.len()
    );
    b.push_str(
        "<section class=\"card\" id=\"guide\"><h2>この目録の読み方</h2><dl class=\"guide\">",
    );
    for (t, d) in GUIDE {
        let _ = write!(b, "<dt>{}</dt><dd>{}</dd>", esc(t), esc(d));
    }
    b.push_str("</dl></section>\n");
    let mut categories: Vec<Category> = entries.iter().map(|e| e.category).collect();
    categories.dedup();
    b.push_str("<nav class=\"toc\">");
    for c in &categories {
        let n = entries.iter().filter(|e| e.category == *c).count();
        let _ = write!(
            b,
            "<a href=\"#cat-{}\">{}<b>{n}</b></a>",
            category_id(*c),
            c.ja()
        );
    }
    b.push_str("<a href=\"#params\">法定の額・率</a></nav>\n");
    for c in categories {
        let list: Vec<&Entry> = entries.iter().filter(|e| e.category == c).collect();
        let _ = write!(
            b,
            "<section class=\"card\" id=\"cat-{}\"><h2>{}<span class=\"count\">{}様式</span></h2>\n\
             <table class=\"resp forms\"><thead><tr><th>申請書</th><th class=\"c-ver\">版</th><th class=\"c-eff\">受付期間</th><th class=\"c-app\">申請できる方</th><th class=\"num\">項目</th><th class=\"num\">ルール</th><th class=\"num\">添付書類</th></tr></thead><tbody>\n",
            category_id(c),
            c.ja(),
            list.len()
        );
        for e in list {
            let Some(d) = e.docs.first() else { continue };
            let versions: Vec<&str> = e.docs.iter().map(|d| d.version.as_str()).collect();
            let _ = writeln!(
                b,
                "<tr><td class=\"item\"><a href=\"{id}.html\">{}</a><span class=\"key\">{id}</span></td>\
                 <td data-label=\"版\">{}</td><td data-label=\"受付期間\">{}</td><td data-label=\"申請できる方\">{}</td>\
                 <td class=\"num\" data-label=\"項目\">{}</td><td class=\"num\" data-label=\"ルール\">{}</td><td class=\"num\" data-label=\"添付書類\">{}</td></tr>",
                esc(&d.title),
                esc(&versions.join("、")),
                esc(&d.effective),
                chips(&d.applicants),
                d.fields.len(),
                d.rules.len(),
                d.attachments.len(),
                id = esc(&e.id),
            );
        }
        b.push_str("</tbody></table></section>\n");
    }
    params_index(&mut b, entries, bundle);
    page("申請書カタログ", &b, &bundle.hash)
}

fn chips(items: &[String]) -> String {
    items
        .iter()
        .map(|s| format!("<span class=\"chip\">{}</span>", esc(s)))
        .collect()
}

/// Every parameter of the bundle: its latest value and the forms that use it.
fn params_index(b: &mut String, entries: &[Entry], bundle: &Bundle) {
    b.push_str("<section class=\"card\" id=\"params\"><h2>法定の額・率</h2>\
        <table class=\"resp\"><thead><tr><th>名称</th><th>最新の値</th><th>使用する申請書</th></tr></thead><tbody>\n");
    for p in bundle.params.values() {
        let users: Vec<String> = entries
            .iter()
            .filter_map(|e| {
                let d = e.docs.first()?;
                d.params.iter().any(|q| q.name == p.name).then(|| {
                    format!(
                        "<a href=\"{}.html#params\">{}</a>",
                        esc(&e.id),
                        esc(&d.title)
                    )
                })
            })
            .collect();
        let doc = crate::build::param_doc(bundle, p);
        let latest = doc.rows.last().map_or_else(String::new, |r| {
            let values: Vec<String> = doc
                .columns
                .iter()
                .zip(&r.values)
                .map(|(c, v)| {
                    if doc.columns.len() > 1 {
                        format!("{c} {v}")
                    } else {
                        v.clone()
                    }
                })
                .collect();
            format!("{}（{}から）", values.join("、"), r.from)
        });
        let _ = writeln!(
            b,
            "<tr><td class=\"item\">『{}』<span class=\"key\">{}</span></td><td data-label=\"最新の値\">{}</td><td data-label=\"使用する申請書\">{}</td></tr>",
            esc(&p.label.ja),
            esc(&p.name),
            esc(&latest),
            if users.is_empty() {
                "—".to_owned()
            } else {
                users.join("、")
            }
        );
    }
    b.push_str("</tbody></table></section>\n");
}

/// The page of one form: every version, newest first.
pub(crate) fn form_page(docs: &[FormDoc], hash: &str) -> String {
    let Some(first) = docs.first() else {
        return page("申請書カタログ", "", hash);
    };
    let mut b = String::new();
    let _ = writeln!(
        b,
        "<nav class=\"crumbs\"><a href=\"index.html\">申請書の一覧</a> › {} › {}</nav>",
        esc(&first.category),
        esc(&first.title)
    );
    if docs.len() > 1 {
        b.push_str("<p class=\"versions\">版：");
        for d in docs {
            let _ = write!(
                b,
                "<a href=\"#v-{}\" class=\"chip\">{}（{}）</a>",
                anchor(&d.version),
                esc(&d.version),
                esc(&d.effective)
            );
        }
        b.push_str("</p>\n");
    }
    for d in docs {
        version(&mut b, d, docs.len() > 1);
    }
    page(&format!("{} — 申請書カタログ", first.title), &b, hash)
}

fn anchor(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect()
}

fn version(b: &mut String, d: &FormDoc, several: bool) {
    // Section ids get the version suffix only when a page holds several versions.
    let sfx = if several {
        format!("-{}", anchor(&d.version))
    } else {
        String::new()
    };
    let _ = write!(
        b,
        "<article id=\"v-{}\">\n<section class=\"card\"><span class=\"cat\">{}</span><h1>{}</h1>",
        anchor(&d.version),
        esc(&d.category),
        esc(&d.title)
    );
    if let Some(en) = &d.title_en {
        let _ = write!(b, "<p class=\"en\">{}</p>", esc(en));
    }
    let qual: String = if d.qualification.is_empty() {
        "なし".to_owned()
    } else {
        d.qualification
            .iter()
            .map(|q| {
                if q.required {
                    format!("<span class=\"chip\">{}</span>", esc(&q.label))
                } else {
                    format!("<span class=\"chip opt\">{}（任意）</span>", esc(&q.label))
                }
            })
            .collect()
    };
    let _ = writeln!(
        b,
        "<dl class=\"facts\"><dt>様式ID</dt><dd><code>{}</code></dd><dt>版</dt><dd>{}</dd><dt>受付期間</dt><dd>{}</dd>\
         <dt>申請できる方</dt><dd>{}</dd><dt>資格情報（自動入力）</dt><dd>{qual}</dd>{basis}<dt>定義ファイル</dt><dd><code>{}</code></dd></dl></section>",
        esc(&d.id),
        esc(&d.version),
        esc(&d.effective),
        chips(&d.applicants),
        esc(&d.source),
        basis = d.basis.as_ref().map_or_else(String::new, |b| format!(
            "<dt>根拠（記載事項・添付書類）</dt><dd>{}</dd>",
            esc(b)
        ))
    );
    if let Some(m) = &d.migration {
        let _ = write!(
            b,
            "<section class=\"card\" id=\"migration{sfx}\"><h2>前の版（{}）からの変更<span class=\"count\">再申請のときの引き継ぎ</span></h2><ul>",
            esc(&m.from)
        );
        for line in &m.lines {
            let _ = write!(b, "<li>{}</li>", esc(line));
        }
        b.push_str("</ul></section>\n");
    }
    if !d.problems.is_empty() {
        let _ = writeln!(
            b,
            "<p class=\"card warn-box\">この様式の定義に解決できない参照が {} 件あります（「（不明な項目）」と表示しています）。</p>",
            d.problems.len()
        );
    }
    let _ = write!(
        b,
        "<nav class=\"toc\"><a href=\"#fields{sfx}\">入力項目<b>{}</b></a><a href=\"#attachments{sfx}\">添付書類<b>{}</b></a><a href=\"#rules{sfx}\">チェックルール<b>{}</b></a>",
        d.fields.len(),
        d.attachments.len(),
        d.rules.len()
    );
    if !d.computed.is_empty() {
        let _ = write!(
            b,
            "<a href=\"#computed{sfx}\">計算値<b>{}</b></a>",
            d.computed.len()
        );
    }
    if !d.params.is_empty() {
        let _ = write!(
            b,
            "<a href=\"#params{sfx}\">法定の額・率<b>{}</b></a>",
            d.params.len()
        );
    }
    b.push_str("</nav>\n");
    fields(b, d, &sfx);
    attachments(b, d, &sfx);
    rules(b, d, &sfx);
    computed(b, d, &sfx);
    params(b, d, &sfx);
    b.push_str("</article>\n");
}

fn fields(b: &mut String, d: &FormDoc, sfx: &str) {
    let _ = writeln!(
        b,
        "<section class=\"card\" id=\"fields{sfx}\"><h2>入力項目<span class=\"count\">{}項目</span></h2>\n\
         <table class=\"resp fields\"><thead><tr><th class=\"c-item\">項目</th><th class=\"c-kind\">種類</th><th class=\"c-pres\">入力・表示条件</th><th>説明</th></tr></thead><tbody>",
        d.fields.len()
    );
    for f in &d.fields {
        field_row(b, f, sfx);
    }
    b.push_str("</tbody></table></section>\n");
}

fn field_row(b: &mut String, f: &FieldDoc, sfx: &str) {
    let class = format!(
        "depth-{}{}",
        f.depth,
        if f.container { " container" } else { "" }
    );
    let _ = writeln!(
        b,
        "<tr class=\"{class}\" id=\"{}{sfx}\"><td class=\"item {}\"><span class=\"label\">{}</span><span class=\"key\">{}</span></td>\
         <td data-label=\"種類\">{}</td><td data-label=\"入力\">{}{}</td><td data-label=\"説明\" class=\"help\">{}</td></tr>",
        esc(&f.anchor),
        format_args!("depth-{}", f.depth),
        esc(&f.label),
        esc(&f.key),
        esc(&f.kind),
        presence(&f.presence),
        f.visible.as_deref().map_or_else(String::new, |v| format!(
            "<span class=\"vis\"><span class=\"badge show\">表示条件</span>{}</span>",
            esc(v)
        )),
        f.help.as_deref().map_or_else(String::new, esc_lines),
    );
}

fn attachments(b: &mut String, d: &FormDoc, sfx: &str) {
    let _ = writeln!(
        b,
        "<section class=\"card\" id=\"attachments{sfx}\"><h2>添付書類<span class=\"count\">{}種類</span></h2>",
        d.attachments.len()
    );
    if d.attachments.is_empty() {
        b.push_str("<p>添付書類はありません。</p></section>\n");
        return;
    }
    b.push_str("<table class=\"resp\"><thead><tr><th>書類</th><th>提出</th><th>ファイルの種類</th><th>上限</th><th>説明</th></tr></thead><tbody>\n");
    for a in &d.attachments {
        let _ = writeln!(
            b,
            "<tr id=\"a-{}{sfx}\"><td class=\"item\"><span class=\"label\">{}</span><span class=\"key\">{}</span></td><td data-label=\"提出\">{}</td>\
             <td data-label=\"ファイルの種類\">{}</td><td data-label=\"上限\">{}<br>{}</td><td data-label=\"説明\" class=\"help\">{}</td></tr>",
            anchor(&a.id),
            esc(&a.label),
            esc(&a.id),
            presence(&a.presence),
            esc(&a.accept),
            esc(&a.max_size),
            esc(&a.max_count),
            a.help.as_deref().map_or_else(String::new, esc_lines),
        );
    }
    b.push_str("</tbody></table></section>\n");
}

fn rules(b: &mut String, d: &FormDoc, sfx: &str) {
    let errors = d
        .rules
        .iter()
        .filter(|r| r.severity == SeverityDoc::Error)
        .count();
    let _ = writeln!(
        b,
        "<section class=\"card\" id=\"rules{sfx}\"><h2>チェックルール<span class=\"count\">{}件（エラー {errors}・警告 {}）</span></h2>",
        d.rules.len(),
        d.rules.len() - errors
    );
    if d.rules.is_empty() {
        b.push_str("<p>ルールはありません。</p>");
    }
    for r in &d.rules {
        rule(b, r, sfx);
    }
    b.push_str("</section>\n");
}

fn rule(b: &mut String, r: &RuleDoc, sfx: &str) {
    let class = match r.severity {
        SeverityDoc::Error => "rule",
        SeverityDoc::Warning => "rule warning",
    };
    let _ = write!(
        b,
        "<div class=\"{class}\" id=\"{}{sfx}\"><div class=\"rule-head\"><code>{}</code><span class=\"sev\">{}</span><span class=\"effect\">{}</span></div>\
         <p class=\"rule-text\">{}</p>",
        esc(&r.anchor),
        esc(&r.code),
        r.severity.ja(),
        r.severity.effect(),
        esc(&r.text)
    );
    if !r.items.is_empty() {
        b.push_str("<ol class=\"rule-items\">");
        for i in &r.items {
            let _ = write!(b, "<li>{}</li>", esc(i));
        }
        b.push_str("</ol>");
    }
    notes(b, &r.notes);
    let _ = writeln!(
        b,
        "<div class=\"msg\"><span class=\"lbl\">メッセージ</span>{}</div>\
         <dl class=\"meta\"><dt>指摘箇所</dt><dd>{} <code>{}</code></dd>{}<dt>定義</dt><dd><code class=\"formula\">{}</code></dd></dl></div>",
        esc_lines(&r.message),
        esc(&r.at),
        esc(&r.at_path),
        r.basis
            .as_ref()
            .map_or_else(String::new, |b| format!("<dt>根拠</dt><dd>{}</dd>", esc(b))),
        esc_lines(&r.source)
    );
}

/// The values a sentence names 〔A〕, 〔B〕…, with their definitions.
fn notes(b: &mut String, notes: &[String]) {
    if notes.is_empty() {
        return;
    }
    b.push_str("<ul class=\"notes\">");
    for n in notes {
        let _ = write!(b, "<li>{}</li>", esc(n));
    }
    b.push_str("</ul>");
}

fn computed(b: &mut String, d: &FormDoc, sfx: &str) {
    if d.computed.is_empty() {
        return;
    }
    let _ = writeln!(
        b,
        "<section class=\"card\" id=\"computed{sfx}\"><h2>計算値<span class=\"count\">{}件</span></h2>\
         <p class=\"help\">申請内容から計算して申請者に表示する値です（支給額の目安など）。</p>\
         <table class=\"resp\"><thead><tr><th>名称</th><th>種類</th><th>計算方法</th></tr></thead><tbody>",
        d.computed.len()
    );
    for c in &d.computed {
        let _ = writeln!(
            b,
            "<tr><td class=\"item\"><span class=\"label\">{}</span><span class=\"key\">{}</span></td><td data-label=\"種類\">{}</td>\
             <td data-label=\"計算方法\">{}",
            esc(&c.label),
            esc(&c.name),
            esc(&c.kind),
            esc(&c.text),
        );
        notes(b, &c.notes);
        if let Some(v) = &c.visible {
            let _ = write!(
                b,
                "<span class=\"vis\"><span class=\"badge show\">表示条件</span>{}</span>",
                esc(v)
            );
        }
        let _ = writeln!(b, "<span class=\"key\">{}</span></td></tr>", esc(&c.source));
    }
    b.push_str("</tbody></table></section>\n");
}

fn params(b: &mut String, d: &FormDoc, sfx: &str) {
    if d.params.is_empty() {
        return;
    }
    let _ = writeln!(
        b,
        "<section class=\"card params\" id=\"params{sfx}\"><h2>法定の額・率<span class=\"count\">{}件</span></h2>\
         <p class=\"help\">法令等の改正で変わる額です。ルールや計算では、それぞれの基準日（出産日など）に適用される額を使います。</p>",
        d.params.len()
    );
    for p in &d.params {
        let _ = write!(
            b,
            "<h3>『{}』 <code class=\"formula\">{}</code></h3><table><thead><tr><th>適用開始日</th>",
            esc(&p.label),
            esc(&p.name)
        );
        for c in &p.columns {
            let _ = write!(b, "<th class=\"num\">{}</th>", esc(c));
        }
        b.push_str("<th>備考</th></tr></thead><tbody>");
        for r in &p.rows {
            let _ = write!(b, "<tr><td>{}</td>", esc(&r.from));
            for v in &r.values {
                let _ = write!(b, "<td class=\"num\">{}</td>", esc(v));
            }
            let _ = writeln!(
                b,
                "<td class=\"help\">{}</td></tr>",
                esc(r.note.as_deref().unwrap_or_default())
            );
        }
        b.push_str("</tbody></table>\n");
    }
    b.push_str("</section>\n");
}
