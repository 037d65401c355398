//! Places a document on A4 pages: a title, section bars, rows of label and
//! value (wrapped to their columns by glyph advance, any character may end
//! a line as in Japanese typesetting), a new page when the next row does not
//! fit. Groups and list items are indented under their label, items
//! numbered.

use super::FontFile;
use super::write::width;
use crate::document::{Document, Entry, Shown};
use crate::returned::Notice;

/// A4 in points.
pub(super) const PAGE_W: f32 = 595.28;
/// A4 in points.
pub(super) const PAGE_H: f32 = 841.89;
const MARGIN: f32 = 48.0;
const BODY: f32 = 9.5;
const LEAD: f32 = 1.5;
const LABEL_W: f32 = 170.0;
const INDENT: f32 = 12.0;

/// One drawing operation (origin top left, y down; text at its baseline).
#[derive(Clone, Debug, PartialEq)]
pub(super) enum Op {
    /// Text on one line.
    Text {
        x: f32,
        y: f32,
        size: f32,
        text: String,
    },
    /// A thin line.
    Rule { x1: f32, y1: f32, x2: f32, y2: f32 },
    /// A light grey bar.
    Shade { x: f32, y: f32, w: f32, h: f32 },
}

/// A row of the table: label and value lines, indented.
struct Row {
    indent: f32,
    label: String,
    value: Vec<String>,
}

struct Pages<'f> {
    font: &'f FontFile,
    pages: Vec<Vec<Op>>,
    y: f32,
}

impl<'f> Pages<'f> {
    fn new(font: &'f FontFile) -> Self {
        Pages {
            font,
            pages: vec![Vec::new()],
            y: MARGIN,
        }
    }

    fn ops(&mut self) -> &mut Vec<Op> {
        if self.pages.is_empty() {
            self.pages.push(Vec::new());
        }
        let last = self.pages.len() - 1;
        &mut self.pages[last]
    }

    /// Room for `h` more points, or a new page.
    fn room(&mut self, h: f32) {
        if self.y + h > PAGE_H - MARGIN && self.y > MARGIN {
            self.pages.push(Vec::new());
            self.y = MARGIN;
        }
    }

    fn text(&mut self, x: f32, size: f32, text: &str) {
        let y = self.y + size;
        self.ops().push(Op::Text {
            x,
            y,
            size,
            text: text.to_owned(),
        });
    }

    /// A paragraph wrapped to the page's width.
    fn paragraph(&mut self, x: f32, size: f32, text: &str) {
        for line in wrap(self.font, text, size, PAGE_W - MARGIN - x) {
            self.room(size * LEAD);
            self.text(x, size, &line);
            self.y += size * LEAD;
        }
    }

    fn title(&mut self, text: &str) {
        self.paragraph(MARGIN, 16.0, text);
        let y = self.y + 2.0;
        self.ops().push(Op::Rule {
            x1: MARGIN,
            y1: y,
            x2: PAGE_W - MARGIN,
            y2: y,
        });
        self.y += 10.0;
    }

    fn heading(&mut self, text: &str) {
        let h = 11.0 * LEAD + 4.0;
        self.room(h + BODY * LEAD * 2.0);
        self.y += 8.0;
        let y = self.y;
        self.ops().push(Op::Shade {
            x: MARGIN,
            y,
            w: PAGE_W - 2.0 * MARGIN,
            h,
        });
        self.y += 2.0;
        self.text(MARGIN + 4.0, 11.0, text);
        self.y = y + h + 2.0;
    }

    fn row(&mut self, row: &Row) {
        let x = MARGIN + row.indent;
        let label_w = LABEL_W - row.indent;
        let value_x = MARGIN + LABEL_W + 6.0;
        let value_w = PAGE_W - MARGIN - value_x;
        let label = wrap(self.font, &row.label, BODY, label_w - 4.0);
        let value: Vec<String> = row
            .value
            .iter()
            .flat_map(|l| wrap(self.font, l, BODY, value_w))
            .collect();
        let lines = label.len().max(value.len()).max(1);
        let h = lines as f32 * BODY * LEAD + 4.0;
        self.room(h);
        let top = self.y + 2.0;
        for (i, l) in label.iter().enumerate() {
            self.y = top + i as f32 * BODY * LEAD;
            self.text(x, BODY, l);
        }
        for (i, l) in value.iter().enumerate() {
            self.y = top + i as f32 * BODY * LEAD;
            self.text(value_x, BODY, l);
        }
        self.y = top - 2.0 + h;
        let y = self.y;
        self.ops().push(Op::Rule {
            x1: x,
            y1: y,
            x2: PAGE_W - MARGIN,
            y2: y,
        });
    }
}

/// Splits `text` into lines no wider than `max` points.
fn wrap(font: &FontFile, text: &str, size: f32, max: f32) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut w = 0.0;
    for c in text.chars() {
        let cw = width(font, c.encode_utf8(&mut [0; 4]), size);
        if w + cw > max && !line.is_empty() {
            lines.push(std::mem::take(&mut line));
            w = 0.0;
        }
        line.push(c);
        w += cw;
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// The rows of `entries`, groups and list items indented under their label.
fn rows(entries: &[Entry], indent: f32, out: &mut Vec<Row>) {
    for e in entries {
        match &e.value {
            Shown::Text(lines) => out.push(Row {
                indent,
                label: e.label.clone(),
                value: lines.clone(),
            }),
            Shown::Group(inner) => {
                out.push(Row {
                    indent,
                    label: e.label.clone(),
                    value: Vec::new(),
                });
                rows(inner, indent + INDENT, out);
            }
            Shown::Items(items) => {
                if items.is_empty() {
                    out.push(Row {
                        indent,
                        label: e.label.clone(),
                        value: vec!["なし".to_owned()],
                    });
                }
                for (i, item) in items.iter().enumerate() {
                    out.push(Row {
                        indent,
                        label: format!("{}（{}）", e.label, i + 1),
                        value: Vec::new(),
                    });
                    rows(item, indent + INDENT, out);
                }
            }
        }
    }
}

/// The pages of the 申請書情報のイメージ.
pub(super) fn document(doc: &Document, font: &FontFile) -> Vec<Vec<Op>> {
    let mut p = Pages::new(font);
    p.title(&format!("{}（申請書情報）", doc.title));
    p.paragraph(MARGIN, BODY, &format!("様式 {}", doc.form));
    if let Some(at) = &doc.submitted_at {
        p.paragraph(MARGIN, BODY, &format!("申請日時 {at}"));
    }
    if let Some(who) = &doc.applicant {
        p.paragraph(MARGIN, BODY, &format!("申請者 {who}"));
    }
    let mut sections: Vec<(&str, Vec<Row>)> = Vec::new();
    if !doc.qualification.is_empty() {
        let mut r = Vec::new();
        rows(&doc.qualification, 0.0, &mut r);
        sections.push(("資格情報", r));
    }
    for s in &doc.sections {
        let mut r = Vec::new();
        match s.entries.as_slice() {
            // A list that is a section of its own: its items under the heading.
            [
                Entry {
                    label,
                    value: Shown::Items(items),
                },
            ] if *label == s.heading => {
                for (i, item) in items.iter().enumerate() {
                    r.push(Row {
                        indent: 0.0,
                        label: format!("{}件目", i + 1),
                        value: Vec::new(),
                    });
                    rows(item, INDENT, &mut r);
                }
            }
            entries => rows(entries, 0.0, &mut r),
        }
        sections.push((&s.heading, r));
    }
    let attachments: Vec<Row> = if doc.attachments.is_empty() {
        vec![Row {
            indent: 0.0,
            label: "添付書類".to_owned(),
            value: vec!["なし".to_owned()],
        }]
    } else {
        doc.attachments
            .iter()
            .map(|a| Row {
                indent: 0.0,
                label: a.slot.clone(),
                value: vec![format!("{}（{}）", a.file_name, a.size)],
            })
            .collect()
    };
    sections.push(("添付書類", attachments));
    for (heading, rs) in &sections {
        p.heading(heading);
        for r in rs {
            p.row(r);
        }
    }
    p.pages
}

/// The pages of the 返戻理由のお知らせ.
pub(super) fn notice(n: &Notice, font: &FontFile) -> Vec<Vec<Op>> {
    let mut p = Pages::new(font);
    p.title("返戻理由のお知らせ");
    p.paragraph(MARGIN, BODY, &format!("{}（様式 {}）", n.title, n.form));
    p.y += 6.0;
    if n.reasons.is_empty() {
        p.paragraph(MARGIN, BODY, "返戻の理由はありません。");
        return p.pages;
    }
    p.paragraph(
        MARGIN,
        BODY,
        &format!(
            "次の{}点により、申請をお返しします。内容を確かめ、直してから申請し直してください。",
            n.reasons.len()
        ),
    );
    for (i, r) in n.reasons.iter().enumerate() {
        p.heading(&format!("{}. {}", i + 1, r.concerns));
        p.paragraph(MARGIN + INDENT, BODY, &r.message);
        if let Some(basis) = &r.basis {
            p.paragraph(MARGIN + INDENT, BODY, &format!("根拠: {basis}"));
        }
    }
    p.pages
}
