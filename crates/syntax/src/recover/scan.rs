//! A tolerant lexical pre-scan for recovery: where the braces are (outside
//! strings and comments), where comments are, and for each line its
//! indentation and first words. It never fails, whatever the text.

/// A brace outside strings and comments.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Brace {
    /// Byte offset.
    pub pos: usize,
    /// `{` (true) or `}`.
    pub open: bool,
}

/// One line with code on it.
#[derive(Clone, Debug)]
pub(crate) struct Line {
    /// Byte offset of the line's first byte.
    pub start: usize,
    /// Byte offset of its first code character (after the indentation).
    pub code: usize,
    /// Its first word (`field`, `rule`, a name …), if it starts with one.
    pub first: Option<String>,
    /// Its second word, if the first is followed by one.
    pub second: Option<String>,
}

/// What the scan found.
#[derive(Clone, Debug, Default)]
pub(crate) struct Scan {
    /// Braces in order.
    pub braces: Vec<Brace>,
    /// Lines with code (not blank, not only a comment), in order.
    pub lines: Vec<Line>,
    /// Comment ranges `[start, end)` (`end` is the newline or the end).
    pub comments: Vec<(usize, usize)>,
    /// For each byte offset where a code token ends, in order (used to find
    /// the last token before a place).
    pub token_ends: Vec<usize>,
}

fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\r' | '\n' | '\u{3000}')
}

fn word_at(text: &str, at: usize) -> Option<(String, usize)> {
    let rest = text.get(at..)?;
    let len = rest
        .bytes()
        .take_while(|b| b.is_ascii_alphanumeric() || *b == b'_')
        .count();
    (len > 0).then(|| (rest[..len].to_owned(), at + len))
}

/// Scans `text`.
pub(crate) fn scan(text: &str) -> Scan {
    let mut s = Scan::default();
    let mut chars = text.char_indices().peekable();
    let mut line_start = 0;
    let mut line_has_code = false;
    while let Some((i, c)) = chars.next() {
        match c {
            '\n' => {
                line_start = i + 1;
                line_has_code = false;
                continue;
            }
            _ if is_space(c) => continue,
            _ => {}
        }
        if !line_has_code && c != '#' {
            line_has_code = true;
            let first = word_at(text, i);
            let second = first.as_ref().and_then(|(_, end)| {
                let rest = text.get(*end..)?;
                let skip = rest.len() - rest.trim_start_matches([' ', '\t', '\u{3000}']).len();
                word_at(text, end + skip).map(|(w, _)| w)
            });
            s.lines.push(Line {
                start: line_start,
                code: i,
                first: first.map(|(w, _)| w),
                second,
            });
        }
        match c {
            '#' => {
                let end = text[i..].find('\n').map_or(text.len(), |n| i + n);
                s.comments.push((i, end));
                while chars.peek().is_some_and(|(j, _)| *j < end) {
                    chars.next();
                }
            }
            '"' => {
                // A string ends at its closing quote, or (unterminated) at the
                // end of its line: strings never span lines.
                let mut end = text.len();
                let mut escaped = false;
                while let Some(&(j, d)) = chars.peek() {
                    if d == '\n' {
                        end = j;
                        break;
                    }
                    chars.next();
                    match d {
                        _ if escaped => escaped = false,
                        '\\' => escaped = true,
                        '"' => {
                            end = j + 1;
                            break;
                        }
                        _ => {}
                    }
                }
                s.token_ends.push(end);
            }
            '{' | '}' => {
                s.braces.push(Brace {
                    pos: i,
                    open: c == '{',
                });
                s.token_ends.push(i + 1);
            }
            _ => s.token_ends.push(i + c.len_utf8()),
        }
    }
    s
}

impl Scan {
    /// Whether `pos` is inside a comment.
    pub fn in_comment(&self, pos: usize) -> bool {
        self.comments.iter().any(|(a, b)| (*a..*b).contains(&pos))
    }

    /// The end of the last code token before `pos`.
    pub fn last_token_end_before(&self, pos: usize) -> usize {
        let i = self.token_ends.partition_point(|e| *e <= pos);
        i.checked_sub(1)
            .and_then(|i| self.token_ends.get(i))
            .copied()
            .unwrap_or(0)
    }

    /// The line whose code starts at or before `pos` and is the last such.
    pub fn line_of(&self, pos: usize) -> Option<&Line> {
        let i = self.lines.partition_point(|l| l.code <= pos);
        i.checked_sub(1).and_then(|i| self.lines.get(i))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn braces_in_strings_and_comments_do_not_count() {
        let s = scan("form a \"{\" {  # }\n  rule r { check x }\n}\n");
        let braces: Vec<(usize, bool)> = s.braces.iter().map(|b| (b.pos, b.open)).collect();
        assert_eq!(
            braces,
            vec![(11, true), (27, true), (37, false), (39, false)]
        );
        assert_eq!(s.lines.len(), 3);
        assert_eq!(s.lines[1].first.as_deref(), Some("rule"));
        assert_eq!(s.lines[1].second.as_deref(), Some("r"));
        assert!(s.in_comment(15));
    }

    #[test]
    fn an_unterminated_string_ends_at_its_line() {
        let s = scan("field a \"never closed {\nrule b {\n");
        assert_eq!(s.braces.len(), 1);
        assert_eq!(s.lines[1].first.as_deref(), Some("rule"));
    }
}
