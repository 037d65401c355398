//! Field types in plain Japanese, and the coarse kind of a value that the
//! phrase renderer needs to choose its words (「以降」 for dates, 「以上」 for
//! numbers).

use shinsei_ir::{CharClass, ChoiceOption, FieldKind, ValueType};

use crate::ja;

/// What a value is, as far as wording goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// はい／いいえ.
    Bool,
    /// A count or other number.
    Number,
    /// Yen (whole or fractional).
    Money,
    /// A date.
    Date,
    /// A year-month.
    Month,
    /// A period of dates.
    Period,
    /// A duration.
    Duration,
    /// Text.
    Text,
    /// A choice key.
    Choice,
    /// A set of choice keys.
    Multi,
    /// Not known (a group, a list, an unresolved reference).
    Unknown,
}

impl Kind {
    /// The kind of a static type.
    pub fn of(t: ValueType) -> Kind {
        match t {
            ValueType::Bool => Kind::Bool,
            ValueType::Int | ValueType::Rate => Kind::Number,
            ValueType::Yen | ValueType::YenFrac => Kind::Money,
            ValueType::Date => Kind::Date,
            ValueType::Month => Kind::Month,
            ValueType::Duration => Kind::Duration,
            ValueType::Period => Kind::Period,
            ValueType::Text => Kind::Text,
            ValueType::Choice => Kind::Choice,
            ValueType::Multi => Kind::Multi,
        }
    }

    /// The kind of a field's value.
    pub fn of_field(k: &FieldKind) -> Kind {
        match k {
            FieldKind::Text { .. }
            | FieldKind::Kana { .. }
            | FieldKind::PostalCode
            | FieldKind::Phone
            | FieldKind::Email
            | FieldKind::Address
            | FieldKind::Digits { .. } => Kind::Text,
            FieldKind::Integer { .. } | FieldKind::Rate => Kind::Number,
            FieldKind::Yen { .. } => Kind::Money,
            FieldKind::Date => Kind::Date,
            FieldKind::Period => Kind::Period,
            FieldKind::Month => Kind::Month,
            FieldKind::Bool => Kind::Bool,
            FieldKind::Choice { .. } => Kind::Choice,
            FieldKind::Multi { .. } => Kind::Multi,
            FieldKind::Group { .. } | FieldKind::List { .. } => Kind::Unknown,
        }
    }

    /// Words for the value kind of a computed value.
    pub fn ja(self) -> &'static str {
        match self {
            Kind::Bool => "はい／いいえ",
            Kind::Number => "数値",
            Kind::Money => "金額（円）",
            Kind::Date => "日付",
            Kind::Month => "年月",
            Kind::Period => "期間",
            Kind::Duration => "期間の長さ",
            Kind::Text => "文字",
            Kind::Choice => "選択肢",
            Kind::Multi => "選択肢（複数）",
            Kind::Unknown => "値",
        }
    }
}

/// `（最大100文字）`, `（5〜400文字）`, `（5文字以上）`, or nothing.
fn length(min: Option<u32>, max: Option<u32>) -> String {
    match (min, max) {
        (Some(a), Some(b)) if a == b => format!("（{a}文字）"),
        (Some(a), Some(b)) => format!("（{a}〜{b}文字）"),
        (None, Some(b)) => format!("（最大{b}文字）"),
        (Some(a), None) => format!("（{a}文字以上）"),
        (None, None) => String::new(),
    }
}

/// `（0〜10）`, `（1以上）`, `（10以下）` with `fmt` for each bound.
fn range(min: Option<i64>, max: Option<i64>, fmt: fn(i64) -> String) -> String {
    match (min, max) {
        (Some(a), Some(b)) => format!("（{}〜{}）", fmt(a), fmt(b)),
        (Some(a), None) => format!("（{}以上）", fmt(a)),
        (None, Some(b)) => format!("（{}以下）", fmt(b)),
        (None, None) => String::new(),
    }
}

/// `病気／ケガ`.
pub fn options(options: &[ChoiceOption]) -> String {
    options
        .iter()
        .map(|o| o.label.ja.as_str())
        .collect::<Vec<_>>()
        .join("／")
}

/// A field's type and limits in plain Japanese.
pub fn field_kind(k: &FieldKind) -> String {
    match k {
        FieldKind::Text {
            min_len,
            max_len,
            chars,
            lines,
        } => {
            let base = match (chars, lines) {
                (None, Some(n)) => {
                    // 「文字（最大400文字・10行まで）」
                    let limits = length(*min_len, *max_len);
                    return match limits.strip_suffix('）') {
                        Some(open) => format!("文字{open}・{n}行まで）"),
                        None => format!("文字（{n}行まで）"),
                    };
                }
                (None, None) => "文字",
                (Some(CharClass::Katakana), _) => "全角カタカナ",
                (Some(CharClass::Zengin), _) => {
                    "口座名義に使える文字（カナ・英大文字・数字・一部の記号）"
                }
                (Some(CharClass::Ascii), _) => "半角英数字・記号",
                (Some(CharClass::Jis), _) => "JIS第1・第2水準の文字（漢字・かな・全角英数字）",
            };
            format!("{base}{}", length(*min_len, *max_len))
        }
        FieldKind::Kana { max_len } => format!("全角カタカナ{}", length(None, *max_len)),
        FieldKind::Integer { min, max } => format!("整数{}", range(*min, *max, ja::int)),
        FieldKind::Yen { min, max } => {
            let min = min.filter(|m| *m != 0);
            format!("金額（円）{}", range(min, *max, ja::yen))
        }
        FieldKind::Rate => "割合（分数または小数）".to_owned(),
        FieldKind::Date => "日付".to_owned(),
        FieldKind::Period => "期間（開始日〜終了日）".to_owned(),
        FieldKind::Month => "年月".to_owned(),
        FieldKind::Bool => "はい／いいえ".to_owned(),
        FieldKind::Choice { options: o } => format!("選択：{}", options(o)),
        FieldKind::Multi {
            options: o,
            min,
            max,
        } => {
            let count = match (*min, *max) {
                (0, None) => String::new(),
                (a, Some(b)) if a == b => format!("（{a}個）"),
                (0, Some(b)) => format!("（{b}個まで）"),
                (a, Some(b)) => format!("（{a}〜{b}個）"),
                (a, None) => format!("（{a}個以上）"),
            };
            format!("複数選択{count}：{}", options(o))
        }
        FieldKind::PostalCode => "郵便番号（7桁）".to_owned(),
        FieldKind::Phone => "電話番号（10〜11桁）".to_owned(),
        FieldKind::Email => "メールアドレス".to_owned(),
        FieldKind::Address => "住所（200文字まで）".to_owned(),
        FieldKind::Digits { min, max } if min == max => format!("{min}桁の数字"),
        FieldKind::Digits { min, max } => format!("{min}〜{max}桁の数字"),
        FieldKind::Group { .. } => "グループ（次の項目をまとめたもの）".to_owned(),
        FieldKind::List { min, max, .. } => match (*min, *max) {
            (0, b) => format!("繰り返し（{b}件まで）"),
            (a, b) if a == b => format!("繰り返し（{a}件）"),
            (a, b) => format!("繰り返し（{a}〜{b}件）"),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use shinsei_ir::Text;

    #[test]
    fn kinds_in_plain_japanese() {
        let opts = vec![
            ChoiceOption {
                key: "illness".into(),
                label: Text::ja("病気"),
            },
            ChoiceOption {
                key: "injury".into(),
                label: Text::ja("ケガ"),
            },
        ];
        assert_eq!(
            field_kind(&FieldKind::Choice { options: opts }),
            "選択：病気／ケガ"
        );
        assert_eq!(
            field_kind(&FieldKind::Digits { min: 7, max: 7 }),
            "7桁の数字"
        );
        assert_eq!(
            field_kind(&FieldKind::Digits { min: 1, max: 8 }),
            "1〜8桁の数字"
        );
        assert_eq!(
            field_kind(&FieldKind::Yen {
                min: Some(58_000),
                max: Some(1_390_000)
            }),
            "金額（円）（58,000円〜1,390,000円）"
        );
        assert_eq!(
            field_kind(&FieldKind::Yen {
                min: None,
                max: None
            }),
            "金額（円）"
        );
        assert_eq!(
            field_kind(&FieldKind::Text {
                min_len: None,
                max_len: Some(100),
                chars: None,
                lines: None
            }),
            "文字（最大100文字）"
        );
        assert_eq!(
            field_kind(&FieldKind::List {
                min: 1,
                max: 12,
                fields: vec![]
            }),
            "繰り返し（1〜12件）"
        );
    }
}
