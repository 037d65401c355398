//! Full-width → ASCII folding and space trimming for typed input.
//!
//! People type dates, numbers and codes with an IME that is often left in
//! full-width mode (`２０２６－０１－０５`). [`to_ascii_width`] folds exactly
//! the characters whose meaning does not change when made ASCII; it never
//! touches kana (the katakana 長音 `ー` stays `ー`).
//!
//! ```
//! use shinsei_jp::width::{to_ascii_width, trim_spaces};
//! assert_eq!(to_ascii_width("２０２６－０１－０５"), "2026-01-05");
//! assert_eq!(to_ascii_width("Ｒ７．１２．２"), "R7.12.2");
//! assert_eq!(to_ascii_width("コーヒー"), "コーヒー");
//! assert_eq!(trim_spaces("\u{3000} 01130012 \u{3000}"), "01130012");
//! ```

/// The ideographic (full-width) space, U+3000.
pub const IDEOGRAPHIC_SPACE: char = '\u{3000}';

/// Folds one character to its ASCII form if it is a full-width ASCII variant
/// (U+FF01–U+FF5E), the ideographic space (U+3000 → `' '`) or a hyphen-like
/// dash (U+2010 ‐, U+2011 ‑, U+2012 ‒, U+2013 –, U+2212 −, U+FF0D － → `-`).
/// Every other character is returned unchanged.
pub fn fold_char(c: char) -> char {
    match c {
        IDEOGRAPHIC_SPACE => ' ',
        '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2212}' => '-',
        '\u{FF01}'..='\u{FF5E}' => {
            // U+FF01..U+FF5E map one-to-one onto U+0021..U+007E.
            let folded = u32::from(c).checked_sub(0xFEE0).and_then(char::from_u32);
            folded.unwrap_or(c)
        }
        _ => c,
    }
}

/// Folds full-width ASCII variants, the ideographic space and hyphen-like
/// dashes to ASCII (see [`fold_char`]). Kana, kanji and the katakana 長音 `ー`
/// are left alone.
pub fn to_ascii_width(s: &str) -> String {
    s.chars().map(fold_char).collect()
}

/// Whether `c` is a space for trimming purposes: ASCII whitespace or U+3000.
pub fn is_space(c: char) -> bool {
    c.is_ascii_whitespace() || c == IDEOGRAPHIC_SPACE
}

/// Trims ASCII whitespace and the ideographic space U+3000 from both ends.
pub fn trim_spaces(s: &str) -> &str {
    s.trim_matches(is_space)
}
