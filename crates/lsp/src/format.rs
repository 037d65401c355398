//! Formatting through `shinsei fmt`, as the few line edits that turn the
//! text into the formatted one (the cursor and the undo history stay put).

use lsp_types::{Position, Range, TextEdit};

/// The edits, or `None` if the text does not parse (nothing to do: the
/// syntax error is already a diagnostic).
pub fn edits(text: &str) -> Option<Vec<TextEdit>> {
    let formatted = shinsei_syntax::format(text).ok()?;
    if formatted == text {
        return Some(Vec::new());
    }
    let old: Vec<&str> = text.split_inclusive('\n').collect();
    let new: Vec<&str> = formatted.split_inclusive('\n').collect();
    let diff = similar::capture_diff_slices(similar::Algorithm::Myers, &old, &new);
    let line = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
    let mut out = Vec::new();
    for op in diff {
        let (_, old_range, new_range) = op.as_tag_tuple();
        if op.tag() == similar::DiffTag::Equal {
            continue;
        }
        out.push(TextEdit::new(
            Range::new(
                Position::new(line(old_range.start), 0),
                Position::new(line(old_range.end), 0),
            ),
            new[new_range].concat(),
        ));
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Applies line edits (sorted, non-overlapping) to `text`.
    fn apply(text: &str, edits: &[TextEdit]) -> String {
        let lines: Vec<&str> = text.split_inclusive('\n').collect();
        let mut out = String::new();
        let mut at = 0;
        for e in edits {
            let (s, t) = (e.range.start.line as usize, e.range.end.line as usize);
            out.push_str(&lines[at..s].concat());
            out.push_str(&e.new_text);
            at = t;
        }
        out.push_str(&lines[at.min(lines.len())..].concat());
        out
    }

    #[test]
    fn the_edits_give_the_formatted_text() {
        let text = "# 見本\nform a \"見本\" {\n version \"1\"\n  effective 2026-01-13..\n  category 給付\n  applicants insured\n  field x \"x\":date\n}";
        let got = edits(text).unwrap();
        assert_eq!(apply(text, &got), shinsei_syntax::format(text).unwrap());
        // Only the lines that change.
        assert!(got.iter().all(|e| e.range.start.line >= 2));
        assert_eq!(
            edits(&shinsei_syntax::format(text).unwrap()),
            Some(Vec::new())
        );
        assert_eq!(edits("form {"), None);
    }
}
