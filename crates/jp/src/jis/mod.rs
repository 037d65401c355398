//! JIS X 0208 (第1・第2水準): the characters 協会けんぽ's systems store for a
//! name written in kanji — the 6,355 kanji of levels 1 and 2, hiragana,
//! katakana, full-width letters, digits and symbols, Greek and Cyrillic.
//! Characters outside it (the 異体字 髙, 﨑, 𠮷 …, 外字, emoji) cannot be
//! stored: a name that holds one is refused, with the usual character to
//! write instead where there is one (docs/open-questions.md, *Names written
//! in kanji*). A compatibility ideograph that Unicode defines as the same
//! character as a JIS kanji (塚 U+FA10 and 塚 U+585A) is read as that kanji.
//!
//! ```
//! use shinsei_jp::jis::{is_jis_x0208, normalize_jis, JisError};
//! assert!(is_jis_x0208('協') && is_jis_x0208('ヶ') && is_jis_x0208('Ａ'));
//! assert!(!is_jis_x0208('髙') && !is_jis_x0208('A'));
//! // typed ASCII and half-width kana are widened, spaces made one 全角 space
//! assert_eq!(normalize_jis("山田  ﾀﾛｳ B").unwrap(), "山田\u{3000}タロウ\u{3000}Ｂ");
//! assert_eq!(
//!     normalize_jis("髙橋 一郎"),
//!     Err(JisError { ch: '髙', at: 0, instead: Some('高') })
//! );
//! ```

mod compat;
mod table;

use crate::kana::widen_katakana;
use crate::width::{IDEOGRAPHIC_SPACE, is_space};

/// A character a JIS X 0208 name cannot hold.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{ch:?} at {at} is not in JIS X 0208")]
pub struct JisError {
    /// The character (after normalization).
    pub ch: char,
    /// Its index (in characters) in the normalized text.
    pub at: usize,
    /// The JIS X 0208 character usually written instead (髙 → 高), if any.
    pub instead: Option<char>,
}

/// Whether `c` is one of the characters of JIS X 0208 (in either of the two
/// Unicode mappings in use for a few symbols: 〜/～, ‖/∥, −/－, ¢/￠, £/￡,
/// ¬/￢).
pub fn is_jis_x0208(c: char) -> bool {
    let cp = u32::from(c);
    if let Some(i) = cp.checked_sub(table::URO_START)
        && let Some(word) = table::URO.get((i / 64) as usize)
    {
        return word >> (i % 64) & 1 == 1;
    }
    let i = table::OTHER.partition_point(|&(_, end)| end < cp);
    table::OTHER
        .get(i)
        .is_some_and(|&(start, end)| (start..=end).contains(&cp))
        || MICROSOFT.contains(&c)
}

/// The Microsoft mapping of the symbols that have two (what Windows IMEs
/// type for 〜 ‖ − ¢ £ ¬).
const MICROSOFT: [char; 6] = [
    '\u{FF5E}', '\u{2225}', '\u{FF0D}', '\u{FFE0}', '\u{FFE1}', '\u{FFE2}',
];

/// 異体字 outside JIS X 0208 that names are often written with, and the JIS
/// character written for them in 協会けんぽ's records (open-questions.md).
const INSTEAD: [(char, char); 14] = [
    ('\u{9AD9}', '\u{9AD8}'),  // 髙 → 高
    ('\u{FA11}', '\u{5D0E}'),  // 﨑 → 崎
    ('\u{20BB7}', '\u{5409}'), // 𠮷 → 吉
    ('\u{5FB7}', '\u{5FB3}'),  // 德 → 徳
    ('\u{6852}', '\u{6851}'),  // 桒 → 桑
    ('\u{6FF5}', '\u{6FF1}'),  // 濵 → 濱
    ('\u{6801}', '\u{67F3}'),  // 栁 → 柳
    ('\u{66FB}', '\u{6607}'),  // 曻 → 昇
    ('\u{663B}', '\u{6602}'),  // 昻 → 昂
    ('\u{FA14}', '\u{6B05}'),  // 﨔 → 欅
    // 常用漢字 of 2010 whose printed form is outside JIS X 0208: the
    // 許容字体 the table allows.
    ('\u{525D}', '\u{5265}'),  // 剝 → 剥
    ('\u{9830}', '\u{982C}'),  // 頰 → 頬
    ('\u{20B9F}', '\u{53F1}'), // 𠮟 → 叱
    ('\u{5861}', '\u{586B}'),  // 塡 → 填
];

/// The JIS X 0208 character written instead of the 異体字 `c`, if it is one
/// of the usual ones.
pub fn instead_of(c: char) -> Option<char> {
    INSTEAD.iter().find(|(v, _)| *v == c).map(|(_, s)| *s)
}

/// A name as typed, made what a JIS X 0208 name stores: printable ASCII
/// widened to full width, half-width katakana widened (sound marks
/// composed), runs of spaces made one 全角 space, spaces at the ends
/// dropped, a compatibility ideograph made its unified kanji (as Unicode
/// NFC does); then every character must be in JIS X 0208.
pub fn normalize_jis(s: &str) -> Result<String, JisError> {
    let widened = widen_katakana(s);
    let mut out = String::with_capacity(widened.len());
    let mut pending_space = false;
    for c in widened.chars() {
        if is_space(c) {
            pending_space = true;
            continue;
        }
        if pending_space && !out.is_empty() {
            out.push(IDEOGRAPHIC_SPACE);
        }
        pending_space = false;
        out.push(unify(widen_ascii(c)));
    }
    match out.chars().enumerate().find(|(_, c)| !is_jis_x0208(*c)) {
        Some((at, ch)) => Err(JisError {
            ch,
            at,
            instead: instead_of(ch),
        }),
        None => Ok(out),
    }
}

/// A CJK compatibility ideograph whose canonical equivalent is a JIS X 0208
/// kanji made that kanji (塚 U+FA10 → 塚 U+585A: the same character, another
/// code point); every other character unchanged.
fn unify(c: char) -> char {
    let cp = u32::from(c);
    compat::COMPAT
        .binary_search_by_key(&cp, |&(from, _)| from)
        .ok()
        .and_then(|i| compat::COMPAT.get(i))
        .and_then(|&(_, to)| char::from_u32(to))
        .unwrap_or(c)
}

/// Printable ASCII → its full-width form (`A` → `Ａ`); others unchanged.
fn widen_ascii(c: char) -> char {
    match c {
        '!'..='~' => char::from_u32(u32::from(c) + 0xFEE0).unwrap_or(c),
        _ => c,
    }
}
