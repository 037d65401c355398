//! ゆうちょ銀行 (金融機関コード 9900): 記号・番号 → 振込用 店番・口座番号.
//!
//! The service does not accept ゆうちょ's own 記号・番号; a member enters the
//! 振込用 店名 (three 漢数字, e.g. 〇一八) and a 7-digit 口座番号 (catalog §32.2):
//!
//! - 記号 `1xxxx` (総合口座・通常貯金): 店番 = 記号's 2nd–3rd digits + `8`, 種目
//!   普通; 口座番号 = 番号 (up to 8 digits, ending in `1`) without its last
//!   digit, left-padded to 7.
//! - 記号 `0xxxx` (振替口座): 店番 = 2nd–3rd digits + `9`, 種目 当座; 口座番号 =
//!   番号 (up to 6 digits) left-padded to 7.
//!
//! ```
//! use shinsei_jp::yucho::{kanji_branch_name, transfer_account, AccountKind};
//! let t = transfer_account("10180", "12345671").unwrap();
//! assert_eq!((t.branch.as_str(), t.kind, t.number.as_str()), ("018", AccountKind::Ordinary, "1234567"));
//! assert_eq!(kanji_branch_name("018").as_deref(), Some("〇一八"));
//! ```

/// ゆうちょ銀行's 金融機関コード.
pub const YUCHO_BANK_CODE: &str = "9900";

/// 預金種目 of a ゆうちょ transfer account.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum AccountKind {
    /// 普通 (総合口座・通常貯金; 店番 ends in 8).
    Ordinary,
    /// 当座 (振替口座; 店番 ends in 9).
    Current,
}

impl AccountKind {
    /// The 預金種別 code used on 協会けんぽ forms: `"1"` 普通, `"2"` 当座.
    pub fn code(self) -> &'static str {
        match self {
            AccountKind::Ordinary => "1",
            AccountKind::Current => "2",
        }
    }

    /// The Japanese name: `"普通"` or `"当座"`.
    pub fn name(self) -> &'static str {
        match self {
            AccountKind::Ordinary => "普通",
            AccountKind::Current => "当座",
        }
    }
}

fn all_digits(s: &str, len: std::ops::RangeInclusive<usize>) -> bool {
    len.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())
}

/// The 振込用 店番 and 種目 of a 5-digit 記号: `1xxxx` → digits 2–3 + `8`,
/// 普通; `0xxxx` → digits 2–3 + `9`, 当座. `None` for anything else.
pub fn transfer_branch_from_kigo(kigo: &str) -> Option<(String, AccountKind)> {
    if !all_digits(kigo, 5..=5) {
        return None;
    }
    let middle = kigo.get(1..3)?;
    match kigo.as_bytes().first()? {
        b'1' => Some((format!("{middle}8"), AccountKind::Ordinary)),
        b'0' => Some((format!("{middle}9"), AccountKind::Current)),
        _ => None,
    }
}

/// The 7-digit 口座番号 of a 総合口座・通常貯金 番号: 2–8 digits ending in `1`,
/// the last digit dropped and the rest left-padded with zeros.
pub fn transfer_account_from_bango(bango: &str) -> Option<String> {
    if !all_digits(bango, 2..=8) {
        return None;
    }
    let body = bango.strip_suffix('1')?;
    Some(format!("{body:0>7}"))
}

/// Which kind of account a 3-digit 振込用 店番 holds: ending in 8 → 普通,
/// 9 → 当座, else `None`.
pub fn is_transfer_branch(code: &str) -> Option<AccountKind> {
    if !all_digits(code, 3..=3) {
        return None;
    }
    match code.as_bytes().last()? {
        b'8' => Some(AccountKind::Ordinary),
        b'9' => Some(AccountKind::Current),
        _ => None,
    }
}

/// A ゆうちょ account as a bank transfer sees it.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct TransferAccount {
    /// 3-digit 店番.
    pub branch: String,
    /// 預金種目.
    pub kind: AccountKind,
    /// 7-digit 口座番号.
    pub number: String,
}

/// Converts a 記号・番号 pair into the 振込用 店番, 種目 and 口座番号, for
/// either kind of account (see the module doc). `None` if either part does
/// not fit.
pub fn transfer_account(kigo: &str, bango: &str) -> Option<TransferAccount> {
    let (branch, kind) = transfer_branch_from_kigo(kigo)?;
    let number = match kind {
        AccountKind::Ordinary => transfer_account_from_bango(bango)?,
        AccountKind::Current if all_digits(bango, 1..=6) => format!("{bango:0>7}"),
        AccountKind::Current => return None,
    };
    Some(TransferAccount {
        branch,
        kind,
        number,
    })
}

const KANJI_DIGITS: [char; 10] = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
const KANA_DIGITS: [&str; 10] = [
    "ゼロ",
    "イチ",
    "ニ",
    "サン",
    "ヨン",
    "ゴ",
    "ロク",
    "ナナ",
    "ハチ",
    "キユウ",
];

fn map_digits<T>(code: &str, f: impl Fn(usize) -> Option<T>) -> Option<Vec<T>> {
    if !all_digits(code, 3..=3) {
        return None;
    }
    code.bytes().map(|b| f(usize::from(b - b'0'))).collect()
}

/// The 振込用 店名 of a 3-digit 店番 in 漢数字: `"018"` → `"〇一八"`.
pub fn kanji_branch_name(code: &str) -> Option<String> {
    map_digits(code, |i| KANJI_DIGITS.get(i).copied()).map(|v| v.into_iter().collect())
}

/// The reading of a 振込用 店名 in 全銀 katakana: `"018"` → `"ゼロイチハチ"`
/// (九 is `キユウ`, the 全銀 form of キュウ).
pub fn kana_branch_name(code: &str) -> Option<String> {
    map_digits(code, |i| KANA_DIGITS.get(i).copied()).map(|v| v.concat())
}

/// The 3-digit 店番 of a 漢数字 店名: `"〇一八"` (or `"018"`) → `"018"`.
pub fn branch_code_from_name(name: &str) -> Option<String> {
    let code: String = crate::width::trim_spaces(name)
        .chars()
        .map(|c| match KANJI_DIGITS.iter().position(|k| *k == c) {
            Some(i) => char::from_digit(u32::try_from(i).ok()?, 10),
            None => Some(crate::width::fold_char(c)).filter(char::is_ascii_digit),
        })
        .collect::<Option<String>>()?;
    all_digits(&code, 3..=3).then_some(code)
}
