//! HTML pages of a [`Document`] and a [`Notice`]: one self-contained file
//! each (styles inline, no script), `lang="ja"`, laid out for A4 when
//! printed. Every text is escaped.

use std::fmt::Write;

use crate::document::{Document, Entry, Shown};
use crate::returned::Notice;
// Text for HTML content and quoted attribute values: & < > " ' escaped.
use html_escape::encode_quoted_attribute as esc;

const STYLE: &str = "\
body{font-family:'Noto Sans CJK JP','IPAexGothic','Hiragino Sans','Yu Gothic',sans-serif;\
margin:2em auto;max-width:46em;padding:0 1em;color:#111;line-height:1.6}\
h1{font-size:1.4em;border-bottom:2px solid #111;padding-bottom:.2em}\
h2{font-size:1.1em;background:#eee;padding:.2em .5em;margin-top:1.5em}\
table{border-collapse:collapse;width:100%}\
th,td{border:1px solid #888;padding:.3em .5em;vertical-align:top;text-align:left}\
th{width:14em;background:#f7f7f7;font-weight:normal}\
ol{margin:0;padding-left:1.5em}ol>li{margin:.3em 0}\
.meta{color:#333}.basis{color:#333;font-size:.95em}\
@page{size:A4;margin:15mm}@media print{body{margin:0;max-width:none}}";

/// The 申請書情報のイメージ as an HTML page.
pub fn document(doc: &Document) -> String {
    let mut h = head(&format!("{}（申請書情報）", doc.title));
    let _ = write!(h, "<h1>{}</h1>\n<p class=\"meta\">", esc(&doc.title));
    let _ = write!(h, "様式 {}", esc(&doc.form));
    if let Some(at) = &doc.submitted_at {
        let _ = write!(h, "<br>申請日時 {}", esc(at));
    }
    if let Some(who) = &doc.applicant {
        let _ = write!(h, "<br>申請者 {}", esc(who));
    }
    h.push_str("</p>\n");
    if !doc.qualification.is_empty() {
        h.push_str("<section>\n<h2>資格情報</h2>\n");
        table(&mut h, &doc.qualification);
        h.push_str("</section>\n");
    }
    for section in &doc.sections {
        let _ = writeln!(h, "<section>\n<h2>{}</h2>", esc(&section.heading));
        match section.entries.as_slice() {
            // A list that is a section of its own: its numbered items.
            [
                Entry {
                    label,
                    value: items @ Shown::Items(_),
                },
            ] if *label == section.heading => cell(&mut h, items),
            entries => table(&mut h, entries),
        }
        h.push_str("</section>\n");
    }
    h.push_str("<section>\n<h2>添付書類</h2>\n");
    if doc.attachments.is_empty() {
        h.push_str("<p>なし</p>\n");
    } else {
        h.push_str("<table>\n<tr><th>書類</th><th>ファイル名</th><th>大きさ</th></tr>\n");
        for a in &doc.attachments {
            let _ = writeln!(
                h,
                "<tr><td>{}</td><td>{}</td><td>{}</td></tr>",
                esc(&a.slot),
                esc(&a.file_name),
                esc(&a.size)
            );
        }
        h.push_str("</table>\n");
    }
    h.push_str("</section>\n</body>\n</html>\n");
    h
}

/// The 返戻理由のお知らせ as an HTML page.
pub fn notice(n: &Notice) -> String {
    let mut h = head("返戻理由のお知らせ");
    let _ = write!(
        h,
        "<h1>返戻理由のお知らせ</h1>\n<p class=\"meta\">{}（様式 {}）</p>\n",
        esc(&n.title),
        esc(&n.form)
    );
    if n.reasons.is_empty() {
        h.push_str("<p>返戻の理由はありません。</p>\n");
    } else {
        let _ = writeln!(
            h,
            "<p>次の{}点により、申請をお返しします。内容を確かめ、直してから申請し直してください。</p>\n<ol>",
            n.reasons.len()
        );
        for r in &n.reasons {
            let _ = write!(
                h,
                "<li><p>{}</p><p>項目: {}</p>",
                esc(&r.message),
                esc(&r.concerns)
            );
            if let Some(basis) = &r.basis {
                let _ = write!(h, "<p class=\"basis\">根拠: {}</p>", esc(basis));
            }
            h.push_str("</li>\n");
        }
        h.push_str("</ol>\n");
    }
    h.push_str("</body>\n</html>\n");
    h
}

fn head(title: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"ja\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n",
        esc(title)
    )
}

fn table(h: &mut String, entries: &[Entry]) {
    h.push_str("<table>\n");
    for e in entries {
        let _ = write!(h, "<tr><th scope=\"row\">{}</th><td>", esc(&e.label));
        cell(h, &e.value);
        h.push_str("</td></tr>\n");
    }
    h.push_str("</table>\n");
}

fn cell(h: &mut String, value: &Shown) {
    match value {
        Shown::Text(lines) => {
            let lines: Vec<_> = lines.iter().map(esc).collect();
            h.push_str(&lines.join("<br>"));
        }
        Shown::Group(entries) => table(h, entries),
        Shown::Items(items) => {
            h.push_str("<ol>\n");
            for item in items {
                h.push_str("<li>");
                table(h, item);
                h.push_str("</li>\n");
            }
            h.push_str("</ol>");
        }
    }
}
