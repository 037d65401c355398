//! Places a document on A4 pages: a title, section bars, rows of label and
//! value (wrapped to their columns by glyph advance where a Japanese line may
//! end: [`wrap_by`]), a new page when the next row does not fit. Groups and list items are indented under their label, items
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
    /// Text on one line; `bold` for titles and section headings.
    Text {
        x: f32,
        y: f32,
        size: f32,
        text: String,
        bold: bool,
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

    #[expect(
        clippy::indexing_slicing,
        reason = "`pages` is not empty: a page is pushed just above when it is"
    )]
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
        self.styled(x, size, text, false);
    }

    fn styled(&mut self, x: f32, size: f32, text: &str, bold: bool) {
        let y = self.y + size;
        self.ops().push(Op::Text {
            x,
            y,
            size,
            text: text.to_owned(),
            bold,
        });
    }

    /// A paragraph wrapped to the page's width.
    fn paragraph(&mut self, x: f32, size: f32, text: &str) {
        self.lines(x, size, text, false);
    }

    fn lines(&mut self, x: f32, size: f32, text: &str, bold: bool) {
        for line in wrap(self.font, text, size, PAGE_W - MARGIN - x) {
            self.room(size * LEAD);
            self.styled(x, size, &line, bold);
            self.y += size * LEAD;
        }
    }

    fn title(&mut self, text: &str) {
        self.lines(MARGIN, 16.0, text, true);
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
        self.styled(MARGIN + 4.0, 11.0, text, true);
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
    wrap_by(text, max, |c| width(font, c.encode_utf8(&mut [0; 4]), size))
}

/// Splits `text` into lines no wider than `max`, a character being
/// `advance(c)` wide. A line ends only where the Unicode line breaking
/// algorithm (UAX #14, `unicode-linebreak`) allows: between two kanji or
/// kana, after a space, not inside a word of Latin letters or digits, not
/// before 、。）」 or a small kana, not after 「（ (kinsoku shori). A word
/// wider than the line itself is cut where it must. Spaces at the end of a
/// line are dropped; a line feed always ends one.
fn wrap_by(text: &str, max: f32, advance: impl Fn(char) -> f32) -> Vec<String> {
    use unicode_linebreak::BreakOpportunity;
    let mut breaks = unicode_linebreak::linebreaks(text).peekable();
    let mut lines = Vec::new();
    let mut start = 0; // where the current line starts (a byte offset)
    let mut w = 0.0; // the current line's width up to the character at hand
    let mut last: Option<(usize, f32)> = None; // the last place it may end, and its width there
    for (i, c) in text.char_indices() {
        while breaks.next_if(|&(b, _)| b < i).is_some() {}
        if let Some(&(b, kind)) = breaks.peek()
            && b == i
            && i > start
        {
            if kind == BreakOpportunity::Mandatory {
                lines.push(text[start..i].trim_end().to_owned());
                (start, w, last) = (i, 0.0, None);
            } else {
                last = Some((i, w));
            }
        }
        let cw = advance(c);
        if w + cw > max && i > start {
            let (cut, at) = match last {
                Some((b, bw)) if b > start => (b, bw),
                _ => (i, w), // no place to end the line: cut the word
            };
            lines.push(text[start..cut].trim_end().to_owned());
            (start, w, last) = (cut, w - at, None);
        }
        w += cw;
    }
    let rest = text[start..].trim_end();
    if !rest.is_empty() || lines.is_empty() {
        lines.push(rest.to_owned());
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

#[cfg(test)]
#[allow(
    clippy::unwrap_used,
    clippy::indexing_slicing,
    reason = "tests may panic"
)]
mod tests {
    use super::wrap_by;

    /// Every character one unit wide.
    fn wrap(text: &str, max: f32) -> Vec<String> {
        wrap_by(text, max, |_| 1.0)
    }

    #[test]
    fn japanese_breaks_between_any_two_characters_but_not_before_closing_marks() {
        assert_eq!(wrap("申請内容を確認", 3.0), ["申請内", "容を確", "認"]);
        // 。 would start the second line: う goes down with it.
        assert_eq!(wrap("ありがとう。", 5.0), ["ありがと", "う。"]);
        for text in [
            "確認してください。よろしく、お願いします（再申請）。",
            "「記号」と「番号」を、入力してください。",
        ] {
            for max in 4..16 {
                for line in wrap(text, max as f32) {
                    let first = line.chars().next().unwrap();
                    assert!(
                        !"、。）」".contains(first),
                        "{text} at {max}: a line starts with {first}"
                    );
                    let last = line.chars().last().unwrap();
                    assert!(
                        !"「（".contains(last),
                        "{text} at {max}: a line ends with {last}"
                    );
                }
            }
        }
    }

    #[test]
    fn latin_words_and_numbers_stay_whole() {
        assert_eq!(wrap("ikensho.pdf 123456", 12.0), ["ikensho.pdf", "123456"]);
        assert_eq!(
            wrap("口座番号1234567です", 8.0),
            ["口座番号", "1234567で", "す"]
        );
        // Wider than the line: cut where it must.
        assert_eq!(wrap("abcdefgh", 3.0), ["abc", "def", "gh"]);
    }

    #[test]
    fn titles_and_headings_are_bold_rows_are_not() {
        use super::{Op, Pages, Row};
        let font = super::FontFile {
            data: Vec::new().into(), // widths fall back to half an em
            index: 0,
        };
        let mut pages = Pages::new(&font);
        pages.title("傷病手当金支給申請書");
        pages.heading("申請内容");
        pages.row(&Row {
            indent: 0.0,
            label: "傷病名".to_owned(),
            value: vec!["腰痛".to_owned()],
        });
        let texts: Vec<(&str, bool)> = pages.pages[0]
            .iter()
            .filter_map(|op| match op {
                Op::Text { text, bold, .. } => Some((text.as_str(), *bold)),
                _ => None,
            })
            .collect();
        assert_eq!(
            texts,
            [
                ("傷病手当金支給申請書", true),
                ("申請内容", true),
                ("傷病名", false),
                ("腰痛", false)
            ]
        );
    }

    #[test]
    fn a_line_feed_ends_a_line_and_short_text_is_one_line() {
        assert_eq!(wrap("一行目\n二行目", 10.0), ["一行目", "二行目"]);
        assert_eq!(wrap("短い", 10.0), ["短い"]);
        assert_eq!(wrap("", 10.0), [""]);
    }
}
