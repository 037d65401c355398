//! 保険者番号 (insurer numbers) and the 47 支部 of 協会けんぽ.
//!
//! A 保険者番号 has 8 digits: 法別番号 (2) + 都道府県番号 (2) + 保険者別番号 (3) +
//! 検証番号 (1). The check digit (catalog §32.1): starting from the rightmost
//! of the first 7 digits, multiply by 2, 1, 2, 1 …; add the digits of each
//! product; check = (10 − sum mod 10) mod 10. 協会けんぽ's 支部 are 法別 `01`,
//! one per prefecture, 保険者別 `001`.
//!
//! ```
//! use shinsei_jp::insurer::{branch_by_name, check_digit, is_valid_insurer_number};
//! assert_eq!(check_digit("0104001"), Some(3));
//! assert!(is_valid_insurer_number("01130012"));
//! assert!(!is_valid_insurer_number("01130013"));
//! let tokyo = branch_by_name("全国健康保険協会 東京支部").unwrap();
//! assert_eq!((tokyo.code, tokyo.insurer_number), (13, "01130012"));
//! ```

use crate::width::trim_spaces;

/// The check digit of the first 7 digits of a 保険者番号; `None` unless
/// `first7` is exactly 7 ASCII digits.
pub fn check_digit(first7: &str) -> Option<u8> {
    if first7.len() != 7 || !first7.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let sum: u32 = first7
        .bytes()
        .rev()
        .zip([2u32, 1].into_iter().cycle())
        .map(|(b, w)| {
            let p = u32::from(b - b'0') * w;
            p / 10 + p % 10
        })
        .sum();
    u8::try_from((10 - sum % 10) % 10).ok()
}

/// Whether `s` is exactly 8 ASCII digits whose last is the check digit of the
/// first 7.
pub fn is_valid_insurer_number(s: &str) -> bool {
    let (Some(first7), Some(last)) = (s.get(..7), s.get(7..)) else {
        return false;
    };
    last.len() == 1
        && last.bytes().all(|b| b.is_ascii_digit())
        && check_digit(first7).is_some_and(|c| last.as_bytes().first() == Some(&(b'0' + c)))
}

/// One 支部 of 全国健康保険協会 (協会けんぽ).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Branch {
    /// Prefecture code (JIS X 0401), 1–47.
    pub code: u8,
    /// Branch name as 協会けんぽ writes it: `"北海道"`, `"東京"`, `"神奈川"`.
    pub name: &'static str,
    /// 保険者番号: `"01"` + prefecture code + `"001"` + check digit.
    pub insurer_number: &'static str,
}

impl Branch {
    /// The prefecture's name with its suffix: `"東京都"`, `"北海道"`, `"大阪府"`,
    /// `"神奈川県"`.
    pub fn prefecture(&self) -> String {
        format!("{}{}", self.name, prefecture_suffix(self.code))
    }

    /// The insurer's formal name: `"全国健康保険協会 東京支部"`.
    pub fn insurer_name(&self) -> String {
        format!("{INSURER_NAME} {}支部", self.name)
    }
}

/// The insurer's name, 全国健康保険協会.
pub const INSURER_NAME: &str = "全国健康保険協会";

fn prefecture_suffix(code: u8) -> &'static str {
    match code {
        1 => "",
        13 => "都",
        26 | 27 => "府",
        _ => "県",
    }
}

const fn b(code: u8, name: &'static str, insurer_number: &'static str) -> Branch {
    Branch {
        code,
        name,
        insurer_number,
    }
}

/// The 47 支部, by prefecture code. Numbers as in catalog §32.1; a test
/// recomputes every check digit.
pub const BRANCHES: [Branch; 47] = [
    b(1, "北海道", "01010016"),
    b(2, "青森", "01020015"),
    b(3, "岩手", "01030014"),
    b(4, "宮城", "01040013"),
    b(5, "秋田", "01050012"),
    b(6, "山形", "01060011"),
    b(7, "福島", "01070010"),
    b(8, "茨城", "01080019"),
    b(9, "栃木", "01090018"),
    b(10, "群馬", "01100015"),
    b(11, "埼玉", "01110014"),
    b(12, "千葉", "01120013"),
    b(13, "東京", "01130012"),
    b(14, "神奈川", "01140011"),
    b(15, "新潟", "01150010"),
    b(16, "富山", "01160019"),
    b(17, "石川", "01170018"),
    b(18, "福井", "01180017"),
    b(19, "山梨", "01190016"),
    b(20, "長野", "01200013"),
    b(21, "岐阜", "01210012"),
    b(22, "静岡", "01220011"),
    b(23, "愛知", "01230010"),
    b(24, "三重", "01240019"),
    b(25, "滋賀", "01250018"),
    b(26, "京都", "01260017"),
    b(27, "大阪", "01270016"),
    b(28, "兵庫", "01280015"),
    b(29, "奈良", "01290014"),
    b(30, "和歌山", "01300011"),
    b(31, "鳥取", "01310010"),
    b(32, "島根", "01320019"),
    b(33, "岡山", "01330018"),
    b(34, "広島", "01340017"),
    b(35, "山口", "01350016"),
    b(36, "徳島", "01360015"),
    b(37, "香川", "01370014"),
    b(38, "愛媛", "01380013"),
    b(39, "高知", "01390012"),
    b(40, "福岡", "01400019"),
    b(41, "佐賀", "01410018"),
    b(42, "長崎", "01420017"),
    b(43, "熊本", "01430016"),
    b(44, "大分", "01440015"),
    b(45, "宮崎", "01450014"),
    b(46, "鹿児島", "01460013"),
    b(47, "沖縄", "01470012"),
];

/// The branch of prefecture `code` (1–47).
pub fn branch_by_code(code: u8) -> Option<&'static Branch> {
    BRANCHES.iter().find(|b| b.code == code)
}

/// Finds a branch by a name as people write it: `"東京"`, `"東京支部"`,
/// `"東京都"`, `"全国健康保険協会 東京支部"` (surrounding and inner spaces,
/// ASCII or full-width, are ignored around the parts). A wrong suffix
/// (`"東京県"`) finds nothing.
pub fn branch_by_name(name: &str) -> Option<&'static Branch> {
    let s = trim_spaces(name);
    let s = trim_spaces(s.strip_prefix(INSURER_NAME).unwrap_or(s));
    let s = s.strip_suffix("支部").map(trim_spaces).unwrap_or(s);
    BRANCHES.iter().find(|b| {
        s == b.name
            || s.strip_prefix(b.name).is_some_and(|rest| {
                let suffix = prefecture_suffix(b.code);
                !suffix.is_empty() && rest == suffix
            })
    })
}

/// The branch whose 保険者番号 is exactly `n` (8 ASCII digits, surrounding
/// spaces ignored).
pub fn branch_by_insurer_number(n: &str) -> Option<&'static Branch> {
    let n = trim_spaces(n);
    BRANCHES.iter().find(|b| b.insurer_number == n)
}
