//! The trivia the grammar skips: `#` comments (with their byte spans) and
//! blank lines. The formatter puts them back around the tokens it prints.

/// A `#` comment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Comment {
    /// Byte offset of the `#`.
    pub start: usize,
    /// Byte offset of the end of the line (without the newline).
    pub end: usize,
    /// The comment from `#`, without trailing whitespace.
    pub text: String,
    /// Code precedes it on its line (`field x "…": date  # note`).
    pub trailing: bool,
}

/// Every comment of a file that parses, in order. Strings cannot hold a
/// newline, so a `#` outside a string always starts a comment.
pub(crate) fn comments(text: &str) -> Vec<Comment> {
    let mut out = Vec::new();
    let mut in_string = false;
    let mut escaped = false;
    let mut line_has_code = false;
    let mut chars = text.char_indices();
    while let Some((i, c)) = chars.next() {
        if in_string {
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '"' | '\n' => in_string = false,
                _ => {}
            }
            continue;
        }
        match c {
            '\n' => line_has_code = false,
            '#' => {
                let end = text[i..].find('\n').map_or(text.len(), |n| i + n);
                out.push(Comment {
                    start: i,
                    end,
                    text: text[i..end].trim_end().to_string(),
                    trailing: line_has_code,
                });
                // Resume at the newline, which resets `line_has_code`.
                while chars.clone().next().is_some_and(|(j, _)| j < end) {
                    chars.next();
                }
            }
            '"' => {
                in_string = true;
                line_has_code = true;
            }
            c if is_space(c) => {}
            _ => line_has_code = true,
        }
    }
    out
}

/// Whitespace as the grammar has it (`WHITESPACE`).
pub(crate) fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\r' | '\n' | '\u{3000}')
}

/// Whether `text` (the gap between two tokens) holds an empty line.
pub(crate) fn has_blank_line(text: &str) -> bool {
    let mut lines = text.split('\n');
    lines.next();
    let mut rest: Vec<&str> = lines.collect();
    rest.pop();
    rest.iter().any(|l| l.chars().all(is_space))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_are_found_outside_strings_only() {
        let src = "# head\nfield a \"#1 \\\" #2\": date  # tail \n  # own\n";
        let c = comments(src);
        assert_eq!(c.len(), 3);
        assert_eq!((c[0].text.as_str(), c[0].trailing), ("# head", false));
        assert_eq!((c[1].text.as_str(), c[1].trailing), ("# tail", true));
        assert_eq!((c[2].text.as_str(), c[2].trailing), ("# own", false));
        assert_eq!(&src[c[1].start..c[1].end], "# tail ");
    }

    #[test]
    fn a_blank_line_needs_two_newlines_with_only_spaces_between() {
        assert!(!has_blank_line(" \n  "));
        assert!(has_blank_line("\n \u{3000}\n  "));
        assert!(!has_blank_line("\n# x\n"));
    }
}
