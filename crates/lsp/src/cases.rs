//! Renaming a field in the case files too: its key in each submission's
//! `fields` and the segment of every JSON Pointer (`"/fields/leave/0/from"`)
//! that names it, found by walking the JSON text with the path of each key
//! and string.

use lsp_types::{Range, TextEdit};

use crate::position::LineIndex;

/// A path segment of the pattern: a name, or `*` for any list index.
pub type Pattern = [String];

/// The edits that rename the last segment of `pattern` (a field's path under
/// `fields`, list items as `*`) to `new` in a case file's text.
pub fn field_edits(text: &str, pattern: &Pattern, new: &str) -> Vec<TextEdit> {
    let mut found = Vec::new();
    let mut w = Walker {
        s: text.as_bytes(),
        i: 0,
        path: Vec::new(),
        found: &mut found,
    };
    if w.value().is_none() {
        return Vec::new();
    }
    let lines = LineIndex::new(text);
    let mut edits = Vec::new();
    for (path, start, end, is_key) in found {
        let raw = &text[start..end];
        let edit = if is_key {
            // A key: `submission.fields.<pattern>`.
            let under_fields = path.len() == pattern.len() + 2
                && path[0] == "submission"
                && path[1] == "fields"
                && matches(&path[2..], pattern);
            under_fields.then_some((start, end))
        } else {
            pointer_segment(raw, pattern).map(|(a, b)| (start + a, start + b))
        };
        if let Some((a, b)) = edit {
            edits.push(TextEdit::new(
                Range::new(lines.position(text, a), lines.position(text, b)),
                new.to_string(),
            ));
        }
    }
    edits
}

fn matches(path: &[String], pattern: &Pattern) -> bool {
    path.len() == pattern.len()
        && path.iter().zip(pattern).all(|(p, q)| {
            if q == "*" {
                p.bytes().all(|b| b.is_ascii_digit()) && !p.is_empty()
            } else {
                p == q
            }
        })
}

/// In a string `"/fields/a/0/b[/…]"` whose segments after `fields` start
/// with the pattern, the byte range (in the string's text) of the segment
/// to rename.
fn pointer_segment(raw: &str, pattern: &Pattern) -> Option<(usize, usize)> {
    let rest = raw.strip_prefix("/fields/")?;
    let segments: Vec<&str> = rest.split('/').collect();
    if segments.len() < pattern.len() {
        return None;
    }
    let head: Vec<String> = segments[..pattern.len()]
        .iter()
        .map(|s| s.to_string())
        .collect();
    if !matches(&head, pattern) {
        return None;
    }
    let before: usize = "/fields/".len()
        + segments[..pattern.len() - 1]
            .iter()
            .map(|s| s.len() + 1)
            .sum::<usize>();
    Some((before, before + segments[pattern.len() - 1].len()))
}

/// A JSON walker that records every key and string value with its path
/// (keys by name, array items by index) and its byte range inside the quotes.
struct Walker<'a, 'f> {
    s: &'a [u8],
    i: usize,
    path: Vec<String>,
    found: &'f mut Vec<(Vec<String>, usize, usize, bool)>,
}

impl Walker<'_, '_> {
    fn ws(&mut self) {
        while self.s.get(self.i).is_some_and(|b| b.is_ascii_whitespace()) {
            self.i += 1;
        }
    }

    /// A string at the cursor: (start, end) of its content; escapes kept.
    fn string(&mut self) -> Option<(usize, usize)> {
        if self.s.get(self.i) != Some(&b'"') {
            return None;
        }
        let start = self.i + 1;
        self.i = start;
        loop {
            match self.s.get(self.i)? {
                b'\\' => self.i += 2,
                b'"' => {
                    self.i += 1;
                    return Some((start, self.i - 1));
                }
                _ => self.i += 1,
            }
        }
    }

    fn value(&mut self) -> Option<()> {
        self.ws();
        match self.s.get(self.i)? {
            b'{' => {
                self.i += 1;
                loop {
                    self.ws();
                    if self.s.get(self.i) == Some(&b'}') {
                        self.i += 1;
                        return Some(());
                    }
                    let (a, b) = self.string()?;
                    let key = String::from_utf8_lossy(&self.s[a..b]).into_owned();
                    self.path.push(key);
                    self.found.push((self.path.clone(), a, b, true));
                    self.ws();
                    if self.s.get(self.i) != Some(&b':') {
                        return None;
                    }
                    self.i += 1;
                    self.value()?;
                    self.path.pop();
                    self.ws();
                    match self.s.get(self.i)? {
                        b',' => self.i += 1,
                        b'}' => {
                            self.i += 1;
                            return Some(());
                        }
                        _ => return None,
                    }
                }
            }
            b'[' => {
                self.i += 1;
                let mut n = 0;
                loop {
                    self.ws();
                    if self.s.get(self.i) == Some(&b']') {
                        self.i += 1;
                        return Some(());
                    }
                    self.path.push(n.to_string());
                    self.value()?;
                    self.path.pop();
                    n += 1;
                    self.ws();
                    match self.s.get(self.i)? {
                        b',' => self.i += 1,
                        b']' => {
                            self.i += 1;
                            return Some(());
                        }
                        _ => return None,
                    }
                }
            }
            b'"' => {
                let (a, b) = self.string()?;
                self.found.push((self.path.clone(), a, b, false));
                Some(())
            }
            _ => {
                while self
                    .s
                    .get(self.i)
                    .is_some_and(|b| !b",]} \t\r\n".contains(b))
                {
                    self.i += 1;
                }
                Some(())
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_under_fields_and_pointers_are_renamed() {
        let text = r#"{"submission": {"fields": {"leave": [{"from": "2026-01-05", "to": "x"}], "from": 1},
 "qualification": {"from": 2}},
 "expect": {"errors": [{"path": "/fields/leave/0/from", "code": "rule.from"},
                       {"path": "/fields/leave/10/from/x"}, {"path": "/fields/from"}]}}"#;
        let pattern: Vec<String> = ["leave", "*", "from"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let edits = field_edits(text, &pattern, "start");
        // The key in the list item, and two pointers; not the top-level
        // `from`, not qualification's, not the code.
        assert_eq!(edits.len(), 3, "{edits:?}");
        let mut out = text.to_string();
        let lines = LineIndex::new(text);
        for e in edits.iter().rev() {
            let a = lines.offset(text, e.range.start);
            let b = lines.offset(text, e.range.end);
            out.replace_range(a..b, &e.new_text);
        }
        assert!(out.contains(r#"{"start": "2026-01-05""#), "{out}");
        assert!(out.contains(r#""/fields/leave/0/start""#), "{out}");
        assert!(out.contains(r#""/fields/leave/10/start/x""#), "{out}");
        assert!(
            out.contains(r#""from": 1"#) && out.contains(r#""/fields/from""#),
            "{out}"
        );
    }
}
