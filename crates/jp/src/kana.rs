//! カナ: 全角カタカナ name fields and the 全銀 口座名義 character set.
//!
//! Both normalizers share one pipeline: hiragana → katakana, half-width
//! katakana → full-width with ﾞ/ﾟ (and combining U+3099/U+309A) composed onto
//! the preceding kana, trimming, and every run of spaces (ASCII or U+3000)
//! collapsed to one U+3000. They differ in what they accept afterwards. Errors
//! carry the offending character and its char index in the normalized string.
//!
//! ```
//! use shinsei_jp::kana::{normalize_katakana, normalize_zengin, KanaError};
//! assert_eq!(normalize_katakana(" きょうかい  ﾀﾛｳ "), Ok("キョウカイ\u{3000}タロウ".to_owned()));
//! assert_eq!(normalize_katakana("ｶﾞｯｺｳ ｳﾞｧｲｵﾘﾝ"), Ok("ガッコウ\u{3000}ヴァイオリン".to_owned()));
//! assert_eq!(normalize_katakana("協会"), Err(KanaError::Invalid { ch: '協', index: 0 }));
//! assert_eq!(normalize_zengin("ｷｮｳｶｲ ｼｮｳｼﾞ(ｶ"), Ok("キヨウカイ\u{3000}シヨウジ(カ".to_owned()));
//! assert!(matches!(normalize_zengin("ヤマダ・タロウ"), Err(KanaError::NotZengin { ch: '・', index: 3 })));
//! ```

use crate::width::{IDEOGRAPHIC_SPACE, fold_char, is_space};

/// Why a kana field was not accepted.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum KanaError {
    /// A character outside 全角カタカナ (after normalization).
    #[error("`{ch}` at {index} is not full-width katakana")]
    Invalid {
        /// The offending character (as normalized).
        ch: char,
        /// Its char index in the normalized string.
        index: usize,
    },
    /// A character outside the 全銀 口座名義 set (after normalization).
    #[error("`{ch}` at {index} is not allowed in a bank account name")]
    NotZengin {
        /// The offending character (as normalized).
        ch: char,
        /// Its char index in the normalized string.
        index: usize,
    },
}

/// Half-width katakana U+FF61..=U+FF9F in order, as full-width characters.
const HALF_WIDTH: [char; 63] = [
    '。', '「', '」', '、', '・', 'ヲ', 'ァ', 'ィ', 'ゥ', 'ェ', 'ォ', 'ャ', 'ュ', 'ョ', 'ッ', 'ー',
    'ア', 'イ', 'ウ', 'エ', 'オ', 'カ', 'キ', 'ク', 'ケ', 'コ', 'サ', 'シ', 'ス', 'セ', 'ソ', 'タ',
    'チ', 'ツ', 'テ', 'ト', 'ナ', 'ニ', 'ヌ', 'ネ', 'ノ', 'ハ', 'ヒ', 'フ', 'ヘ', 'ホ', 'マ', 'ミ',
    'ム', 'メ', 'モ', 'ヤ', 'ユ', 'ヨ', 'ラ', 'リ', 'ル', 'レ', 'ロ', 'ワ', 'ン', '゛', '゜',
];

/// Katakana that take 濁点, paired with the result.
const VOICED: &str = "カガキギクグケゲコゴサザシジスズセゼソゾタダチヂツヅテデトドハバヒビフブヘベホボウヴワヷヲヺヽヾ";
/// Katakana that take 半濁点, paired with the result.
const SEMI_VOICED: &str = "ハパヒピフプヘペホポ";

fn lookup_pair(table: &str, base: char) -> Option<char> {
    let mut it = table.chars();
    while let (Some(b), Some(v)) = (it.next(), it.next()) {
        if b == base {
            return Some(v);
        }
    }
    None
}

/// Hiragana and half-width katakana → full-width katakana; others unchanged.
fn to_katakana(c: char) -> char {
    let shifted = match c {
        // ぁ..ゖ → ァ..ヶ, ゝゞ → ヽヾ: the blocks are 0x60 apart.
        '\u{3041}'..='\u{3096}' | '\u{309D}' | '\u{309E}' => char::from_u32(u32::from(c) + 0x60),
        '\u{FF61}'..='\u{FF9F}' => {
            let i = usize::try_from(u32::from(c) - 0xFF61).ok();
            i.and_then(|i| HALF_WIDTH.get(i).copied())
        }
        _ => None,
    };
    shifted.unwrap_or(c)
}

enum Mark {
    Voiced,
    SemiVoiced,
}

fn sound_mark(c: char) -> Option<Mark> {
    match c {
        '\u{FF9E}' | '\u{3099}' | '\u{309B}' => Some(Mark::Voiced),
        '\u{FF9F}' | '\u{309A}' | '\u{309C}' => Some(Mark::SemiVoiced),
        _ => None,
    }
}

/// The shared pipeline; `fold` additionally folds full-width ASCII (zengin).
fn normalize(s: &str, fold: bool) -> Vec<char> {
    let mut out: Vec<char> = Vec::with_capacity(s.len());
    let mut pending_space = false;
    for c in s.chars() {
        if is_space(c) {
            pending_space = true;
            continue;
        }
        if pending_space && !out.is_empty() {
            out.push(IDEOGRAPHIC_SPACE);
        }
        pending_space = false;
        if let Some(mark) = sound_mark(c) {
            let composed = out.last().and_then(|&prev| match mark {
                Mark::Voiced => lookup_pair(VOICED, prev),
                Mark::SemiVoiced => lookup_pair(SEMI_VOICED, prev),
            });
            match (composed, out.last_mut()) {
                (Some(v), Some(last)) => *last = v,
                // A mark with nothing to attach to stays as the spacing mark.
                _ => out.push(to_katakana(if matches!(mark, Mark::Voiced) {
                    '゛'
                } else {
                    '゜'
                })),
            }
            continue;
        }
        let c = to_katakana(c);
        out.push(if fold { fold_char(c) } else { c });
    }
    out
}

/// Half-width katakana made full-width, with a following half-width 濁点 or
/// 半濁点 composed (`ｶﾞ` → `ガ`); every other character (hiragana included)
/// is left as it is.
pub fn widen_katakana(s: &str) -> String {
    let mut out: Vec<char> = Vec::with_capacity(s.len());
    for c in s.chars() {
        let composed = match c {
            '\u{FF9E}' => out.last().and_then(|&p| lookup_pair(VOICED, p)),
            '\u{FF9F}' => out.last().and_then(|&p| lookup_pair(SEMI_VOICED, p)),
            _ => None,
        };
        match (composed, out.last_mut()) {
            (Some(v), Some(last)) => *last = v,
            _ if ('\u{FF61}'..='\u{FF9F}').contains(&c) => out.push(to_katakana(c)),
            _ => out.push(c),
        }
    }
    out.into_iter().collect()
}

/// Whether `c` may appear in a normalized 全角カタカナ name: ァ–ヺ, ・, ー, ヽ, ヾ
/// and the ideographic space.
pub fn is_katakana_char(c: char) -> bool {
    matches!(c, '\u{30A1}'..='\u{30FE}' | IDEOGRAPHIC_SPACE)
}

/// Normalizes a 全角カタカナ name field (see the module doc). Empty (or
/// all-space) input gives `Ok("")`.
pub fn normalize_katakana(s: &str) -> Result<String, KanaError> {
    let chars = normalize(s, false);
    match chars.iter().position(|c| !is_katakana_char(*c)) {
        Some(index) => Err(KanaError::Invalid {
            ch: chars.get(index).copied().unwrap_or('\0'),
            index,
        }),
        None => Ok(chars.into_iter().collect()),
    }
}

/// Whether `s` is a non-empty, already normalized 全角カタカナ string: only
/// the characters of [`is_katakana_char`], no leading, trailing or doubled
/// space, no half-width kana or hiragana.
pub fn is_katakana(s: &str) -> bool {
    !s.is_empty() && s.chars().all(is_katakana_char) && normalize_katakana(s).is_ok_and(|n| n == s)
}

/// Small kana → the large kana the 全銀 set stores instead.
fn zengin_large(c: char) -> char {
    match c {
        'ァ' => 'ア',
        'ィ' => 'イ',
        'ゥ' => 'ウ',
        'ェ' => 'エ',
        'ォ' => 'オ',
        'ッ' => 'ツ',
        'ャ' => 'ヤ',
        'ュ' => 'ユ',
        'ョ' => 'ヨ',
        'ヮ' => 'ワ',
        'ヵ' => 'カ',
        'ヶ' => 'ケ',
        _ => c.to_ascii_uppercase(),
    }
}

/// Whether `c` may appear in a normalized 口座名義: the large katakana that
/// exist in half-width form (ア–ン, ヲ, their 濁音/半濁音, ヴ), ー, A–Z, 0–9,
/// `( ) . - /` and the ideographic space.
pub fn is_zengin_char(c: char) -> bool {
    match c {
        'A'..='Z' | '0'..='9' | '(' | ')' | '.' | '-' | '/' | 'ー' | IDEOGRAPHIC_SPACE => true,
        'ア'..='ン' | 'ヴ' => !matches!(
            c,
            'ァ' | 'ィ' | 'ゥ' | 'ェ' | 'ォ' | 'ッ' | 'ャ' | 'ュ' | 'ョ' | 'ヮ' | 'ヰ' | 'ヱ'
        ),
        _ => false,
    }
}

/// Normalizes a 口座名義 (全銀 character set): the kana pipeline, then small
/// kana → large (ァ→ア, ッ→ツ, ャ→ヤ, ヮ→ワ, ヵ→カ, ヶ→ケ …), full-width and
/// lowercase Latin → `A`–`Z`, full-width digits and `（）．－／` → ASCII, ー kept,
/// spaces → one U+3000. Rejects 中黒 `・`, commas, kanji and other symbols
/// with [`KanaError::NotZengin`]. Length limits are the caller's business.
pub fn normalize_zengin(s: &str) -> Result<String, KanaError> {
    let chars: Vec<char> = normalize(s, true).into_iter().map(zengin_large).collect();
    match chars.iter().position(|c| !is_zengin_char(*c)) {
        Some(index) => Err(KanaError::NotZengin {
            ch: chars.get(index).copied().unwrap_or('\0'),
            index,
        }),
        None => Ok(chars.into_iter().collect()),
    }
}
