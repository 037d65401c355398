//! Characters a value may not hold because they are not what they claim to
//! be: invisible controls that change how text is stored, printed or shown.
//!
//! - C0 controls (U+0000–U+001F) and DEL — except tab and line feed in a
//!   multi-line text (`text(…, lines N)`), where CR LF is read as LF;
//! - C1 controls (U+0080–U+009F);
//! - bidirectional controls (U+061C, U+200E, U+200F, U+202A–U+202E,
//!   U+2066–U+2069): they reorder how text is displayed, so that
//!   `invoice\u{202e}fdp.exe` shows as `invoiceexe.pdf`;
//! - line and paragraph separators (U+2028, U+2029), line breaks in disguise.
//!
//! They are refused with `format.text`, in every free text, 資格 text and
//! attachment file name. Zero-width joiners and variation selectors stay:
//! emoji and 異体字 need them.

use std::borrow::Cow;

/// Whether `c` is never accepted (see the module documentation); `multi_line`
/// lets tab and line feed through.
pub(crate) fn is_forbidden(c: char, multi_line: bool) -> bool {
    match c {
        '\t' | '\n' => !multi_line,
        '\u{0}'..='\u{1f}' | '\u{7f}'..='\u{9f}' => true,
        '\u{61c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => {
            true
        }
        '\u{2028}' | '\u{2029}' => true,
        _ => false,
    }
}

/// The 1-based position of the first forbidden character of `s`, if any.
pub(crate) fn first_forbidden(s: &str, multi_line: bool) -> Option<usize> {
    if s.is_ascii() {
        // A byte is a character: one pass over the bytes.
        let clean = |b: u8| (0x20..0x7f).contains(&b) || (multi_line && (b == b'\t' || b == b'\n'));
        return s
            .bytes()
            .position(|b| !clean(b))
            .map(|i| i.saturating_add(1));
    }
    s.chars()
        .position(|c| is_forbidden(c, multi_line))
        .map(|i| i.saturating_add(1))
}

/// A multi-line text with CR LF read as LF (a lone CR stays, and is refused).
pub(crate) fn unify_line_breaks(s: &str) -> Cow<'_, str> {
    if s.contains("\r\n") {
        Cow::Owned(s.replace("\r\n", "\n"))
    } else {
        Cow::Borrowed(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_controls_and_bidi_overrides() {
        for bad in [
            "a\0b",
            "協会\u{7}",
            "line\nbreak",
            "tab\there",
            "del\u{7f}",
            "c1\u{85}",
            "invoice\u{202e}fdp.exe",
            "\u{2066}isolate",
            "mark\u{200f}",
            "sep\u{2028}",
            "cr\r",
        ] {
            assert!(first_forbidden(bad, false).is_some(), "{bad:?}");
        }
        assert_eq!(first_forbidden("協会\u{0}", false), Some(3));
        for good in [
            "協会 太郎",
            "キョウカイ\u{3000}タロウ",
            "👨\u{200d}👩\u{200d}👧",
            "葛\u{e0100}飾",
            "abc-1/2.",
            "",
        ] {
            assert_eq!(first_forbidden(good, false), None, "{good:?}");
        }
    }

    #[test]
    fn a_multi_line_text_takes_tabs_and_line_feeds() {
        assert_eq!(first_forbidden("一行目\n\t二行目", true), None);
        assert_eq!(unify_line_breaks("a\r\nb"), "a\nb");
        assert_eq!(
            first_forbidden(&unify_line_breaks("a\r\nb\rc"), true),
            Some(4)
        );
        assert!(first_forbidden("a\u{202e}b", true).is_some());
    }
}
