//! Byte offsets ↔ LSP positions. LSP counts a line's characters in UTF-16
//! code units: `申請` is 2, `𠮷` (outside the BMP) is 2 on its own.

use lsp_types::{Position, Range};
use shinsei_syntax::Span;

/// The line starts of a text, for converting offsets both ways.
#[derive(Clone, Debug)]
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    /// The index of `text`.
    pub fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { starts }
    }

    /// The position of byte `offset` (clamped to the text, moved back to a
    /// character boundary).
    pub fn position(&self, text: &str, offset: usize) -> Position {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self
            .starts
            .partition_point(|&s| s <= offset)
            .saturating_sub(1);
        let start = self.starts.get(line).copied().unwrap_or(0);
        let character = text
            .get(start..offset)
            .map_or(0, |s| s.encode_utf16().count());
        Position::new(to_u32(line), to_u32(character))
    }

    /// The byte offset of `pos`: past the end of its line it is the line's
    /// end; inside a surrogate pair it is the character's start.
    pub fn offset(&self, text: &str, pos: Position) -> usize {
        let Some(&start) = self.starts.get(pos.line as usize) else {
            return text.len();
        };
        let end = self
            .starts
            .get(pos.line as usize + 1)
            .map_or(text.len(), |&e| e - 1);
        let line = text.get(start..end).unwrap_or("").trim_end_matches('\r');
        let mut units = 0;
        for (i, c) in line.char_indices() {
            if units + c.len_utf16() > pos.character as usize {
                return start + i;
            }
            units += c.len_utf16();
        }
        start + line.len()
    }

    /// The range of a span.
    pub fn range(&self, text: &str, span: Span) -> Range {
        Range::new(
            self.position(text, span.start as usize),
            self.position(text, span.end as usize),
        )
    }
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_utf16_code_units() {
        let text = "a\nfield 申請 \"𠮷\": date\r\nx";
        let idx = LineIndex::new(text);
        let at = |s: &str| text.find(s).unwrap();
        // `申請` is 2 units; `"` after it at 6 + 2 + 1.
        assert_eq!(idx.position(text, at("申請")), Position::new(1, 6));
        assert_eq!(idx.position(text, at("\"𠮷")), Position::new(1, 9));
        // 𠮷 is a surrogate pair: 2 units.
        assert_eq!(idx.position(text, at(": date")), Position::new(1, 13));
        for s in ["申請", "\"𠮷", ": date", "x"] {
            assert_eq!(idx.offset(text, idx.position(text, at(s))), at(s), "{s}");
        }
        // Inside the pair: the character's start; past the end: the line's end (before \r).
        assert_eq!(idx.offset(text, Position::new(1, 11)), at("𠮷"));
        assert_eq!(idx.offset(text, Position::new(1, 99)), at("\r\n"));
        assert_eq!(idx.offset(text, Position::new(9, 0)), text.len());
    }
}
