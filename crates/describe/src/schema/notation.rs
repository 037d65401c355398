//! Patterns of what people type: every notation the runtime reads and
//! normalizes (`crates/runtime/src/decode/`, `shinsei_jp`), written as regular
//! expressions over the text *as sent* for the input schema.
//!
//! Each pattern accepts at least every string the runtime accepts (the
//! differential test feeds both thousands of variants); where the runtime
//! checks more than a pattern can say (a calendar date exists, a check digit,
//! a length after kana normalization), the pattern is looser, never tighter.
//!
//! The syntax is the common subset of ECMA-262 (ajv, with the `u` flag) and
//! Rust's `regex`: character classes, `\uXXXX` escapes, bounded repeats.

use shinsei_ir::{ChoiceOption, Role};

use super::build::Obj;

/// A space the runtime trims from both ends of typed text: ASCII
/// whitespace and the full-width space U+3000.
pub(crate) const WS: &str = r"[\t\n\f\r \u3000]";
/// Any character but those.
pub(crate) const NOT_WS: &str = r"[^\t\n\f\r \u3000]";
/// A digit, half- or full-width (full-width is folded to ASCII).
const D: &str = r"[0-9\uFF10-\uFF19]";
/// Characters folded to `-`: ASCII and full-width hyphen-minus, U+2010–2013
/// dashes, U+2212 minus.
const MINUS: &str = r"[\-\uFF0D\u2010-\u2013\u2212]";
/// What 郵便番号 and phone numbers take as a dash: the above, 長音 ー, ― and —.
const DASH_LIKE: &str = r"[\-\uFF0D\u2010-\u2015\u2212\u30FC]";
/// Spaces between the tokens of a date (U+3000 is folded to a space).
const SP: &str = r"[ \u3000]*";
/// 元号: the kanji names, the letters (either case and width) and the
/// one-character era symbols ㍾㍽㍼㍻㋿.
const ERA: &str = concat!(
    r"(?:明治|大正|昭和|平成|令和|[MTSHRmtshr",
    r"\uFF2D\uFF34\uFF33\uFF28\uFF32\uFF4D\uFF54\uFF53\uFF48\uFF52\u337B-\u337E\u32FF])"
);
/// A month number 1–12 (one or two digits).
const MONTH: &str = r"(?:[0\uFF10]?[1-9\uFF11-\uFF19]|[1\uFF11][0-2\uFF10-\uFF12])";
/// A day number 1–31 (one or two digits).
const DAY: &str = concat!(
    r"(?:[0\uFF10]?[1-9\uFF11-\uFF19]|[12\uFF11\uFF12][0-9\uFF10-\uFF19]",
    r"|[3\uFF13][01\uFF10\uFF11])"
);
/// Date separators: one of these, the same twice in a date.
const SEPARATORS: [&str; 3] = [MINUS, r"[/\uFF0F]", r"[.\uFF0E]"];
/// Hiragana, katakana and half-width katakana (but 。「」、): what the kana
/// normalizers turn into 全角カタカナ.
const KANA_BASE: &str = r"[\u3041-\u3096\u309D\u309E\u30A1-\u30FE\uFF65-\uFF9D]";
/// Spaces (collapsed) and sound marks (combining, spacing, half-width: they
/// join the kana before): they add no character of their own.
const KANA_FILLER: &str = r"[\t\n\f\r \u3000\u3099-\u309C\uFF9E\uFF9F]";
/// What a 口座名義 may be typed with: kana, Latin letters and digits of
/// either width, `( ) . - /` of either width, the dashes folded to `-`.
const ZENGIN_BASE: &str = concat!(
    r"[\u3041-\u3096\u30A1-\u30F6\u30FC\uFF66-\uFF9D",
    r"A-Za-z0-9().\-/\uFF21-\uFF3A\uFF41-\uFF5A\uFF10-\uFF19\uFF08\uFF09\uFF0E\uFF0D\uFF0F",
    r"\u2010-\u2013\u2212]"
);

/// `^…$` around `core`, with the spaces the runtime trims; `optional` also
/// accepts a blank string (the runtime reads it as no value).
pub(crate) fn padded(core: &str, optional: bool) -> String {
    if optional {
        format!("^{WS}*(?:{core}{WS}*)?$")
    } else {
        format!("^{WS}*{core}{WS}*$")
    }
}

/// A blank string (absent to the runtime).
pub(crate) fn blank() -> String {
    format!("^{WS}*$")
}

/// Text whose trimmed length is within `min..=max` characters, each inner
/// character in `inner` and the first and last in `end`.
pub(crate) fn text_core(inner: &str, end: &str, min: u32, max: Option<u32>) -> String {
    let min = min.max(1);
    match max {
        Some(1) => end.to_owned(),
        Some(max) if min >= 2 => format!("{end}{inner}{{{},{}}}{end}", min - 2, max - 2),
        Some(max) => format!("{end}(?:{inner}{{0,{}}}{end})?", max.saturating_sub(2)),
        None if min >= 2 => format!("{end}{inner}{{{},}}{end}", min - 2),
        None => format!("{end}(?:{inner}*{end})?"),
    }
}

/// Any character, for [`text_core`].
pub(crate) const ANY: &str = r"[\s\S]";

/// Printable ASCII as typed (full-width forms and U+3000 are folded).
pub(crate) const ASCII_INNER: &str = r"[ -~\uFF01-\uFF5E\u2010-\u2013\u2212\u3000]";
/// The same without the spaces (the ends of trimmed text).
pub(crate) const ASCII_END: &str = r"[!-~\uFF01-\uFF5E\u2010-\u2013\u2212]";

/// Kana text with at most `max` (and, when `required`, at least one) kana:
/// normalization merges sound marks and collapses spaces, so the count of
/// kana is a bound on the normalized length, not the length itself.
pub(crate) fn kana(max: Option<u32>, zengin: bool, required: bool) -> String {
    let base = if zengin { ZENGIN_BASE } else { KANA_BASE };
    let filler = KANA_FILLER;
    let lo = u32::from(required);
    let count = match max {
        Some(max) => format!("{{{lo},{max}}}"),
        None if required => "+".to_owned(),
        None => "*".to_owned(),
    };
    format!("^{filler}*(?:{base}{filler}*){count}$")
}

/// `min..=max` digits.
pub(crate) fn digits(min: u32, max: u32) -> String {
    if min == max {
        format!("{D}{{{min}}}")
    } else {
        format!("{D}{{{min},{max}}}")
    }
}

/// 郵便番号: `〒`, then `NNN-NNNN` or `NNNNNNN`.
pub(crate) fn postal_code() -> String {
    format!("(?:〒{WS}*)?{D}{{3}}{DASH_LIKE}?{D}{{4}}")
}

/// A phone number: 10 or 11 digits from 0, with dashes, parentheses and
/// spaces anywhere.
pub(crate) fn phone() -> String {
    let sep = r"[\-\uFF0D\u2010-\u2015\u2212\u30FC()\uFF08\uFF09 \u3000]";
    format!("{sep}*[0\\uFF10](?:{sep}*{D}){{9,10}}{sep}*")
}

/// An e-mail address (`local@domain.tld`, either width).
pub(crate) fn email() -> String {
    let local = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~.\-\uFF01-\uFF1F\uFF21-\uFF5E\u2010-\u2013\u2212]";
    let label = r"[A-Za-z0-9\-\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A\uFF0D\u2010-\u2013\u2212]";
    let dot = r"[.\uFF0E]";
    format!("{local}{{1,64}}[@\\uFF20](?:{label}+{dot})+{label}+")
}

/// An integer as text: digits, with `,` thousands separators, signed when
/// `negative` (the runtime reads `-0` as 0 too).
pub(crate) fn integer(negative: bool) -> String {
    let sign = if negative {
        format!("{MINUS}?")
    } else {
        String::new()
    };
    format!("{sign}(?:{D}{{1,20}}|{D}{{1,3}}(?:[,\\uFF0C]{D}{{3}}){{1,6}})")
}

/// A rate as text: a decimal or a fraction.
pub(crate) fn rate() -> String {
    format!("(?:{MINUS}?{D}{{1,20}}(?:[.\\uFF0E]{D}{{0,12}})?|{D}{{1,20}}[/\\uFF0F]{D}{{1,20}})")
}

/// The year part of a date or month: 4 digits, or an era and 1–3 digits or 元.
fn year() -> String {
    format!("(?:{ERA}{SP}(?:{D}{{1,3}}|元)|{D}{{4}})")
}

/// A date: ISO, `Y/M/D`, `Y.M.D`, `Y年M月D日`, each with an optional era.
pub(crate) fn date() -> String {
    let y = year();
    let mut shapes = vec![format!("年{SP}{MONTH}{SP}月{SP}{DAY}{SP}日")];
    for sep in SEPARATORS {
        shapes.push(format!("{sep}{SP}{MONTH}{SP}{sep}{SP}{DAY}"));
    }
    format!("{y}{SP}(?:{})", shapes.join("|"))
}

/// A year-month: `Y-M`, `Y/M`, `Y.M`, `Y年M月`, each with an optional era.
pub(crate) fn month() -> String {
    let y = year();
    let seps: Vec<&str> = SEPARATORS.to_vec();
    format!(
        "{y}{SP}(?:年{SP}{MONTH}{SP}月|(?:{}){SP}{MONTH})",
        seps.join("|")
    )
}

/// An RFC 3339 date-time as chrono reads it (`T`, `t` or a space between date
/// and time, fractions of a second, `Z`/`z` or an offset).
pub(crate) fn date_time() -> String {
    let d = "[0-9]";
    format!(
        "{d}{{4}}-{d}{{2}}-{d}{{2}}[Tt ]{d}{{2}}:{d}{{2}}:{d}{{2}}(?:[.]{d}+)?(?:[Zz]|[+\\-\\u2212]{d}{{2}}:{d}{{2}})"
    )
}

/// One of `keys` exactly (as the runtime compares them after trimming).
pub(crate) fn one_of<'a>(keys: impl IntoIterator<Item = &'a str>) -> String {
    let alternatives: Vec<String> = keys.into_iter().map(escape).collect();
    format!("(?:{})", alternatives.join("|"))
}

/// The option keys of a choice.
pub(crate) fn choice(options: &[ChoiceOption]) -> String {
    one_of(options.iter().map(|o| o.key.as_str()))
}

/// The roles allowed.
pub(crate) fn roles(roles: &[Role]) -> String {
    one_of(roles.iter().map(|r| r.id()))
}

/// `s` with regex metacharacters escaped.
pub(crate) fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if "\\^$.|?*+()[]{}".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A 支部 as the runtime reads it: `東京`, `東京都`, `東京支部`,
/// `全国健康保険協会東京支部` (spaces allowed between the parts).
pub(crate) fn branch() -> String {
    let names: Vec<String> = shinsei_jp::insurer::BRANCHES
        .iter()
        .flat_map(|b| {
            let prefecture = b.prefecture();
            let mut v = vec![escape(b.name)];
            if prefecture != b.name {
                v.push(escape(&prefecture));
            }
            v
        })
        .collect();
    format!(
        "(?:{}{WS}*)?(?:{})(?:{WS}*支部)?",
        shinsei_jp::insurer::INSURER_NAME,
        names.join("|")
    )
}

/// The notations the input schema names in `$defs` (they recur in every
/// form): name, pattern of a value that is there, description.
pub(crate) fn definitions() -> [(&'static str, String, &'static str); 6] {
    [
        (
            "date",
            padded(&date(), false),
            "a date as people type it: ISO (2026-01-05), Y/M/D, Y.M.D or Y年M月D日, the year \
             with a 元号 (令和8年, R8, ㋿8, 元年) or not, full-width digits, spaces between the parts \
             and around",
        ),
        (
            "month",
            padded(&month(), false),
            "a year and month as people type it: 2026-01, Y/M, Y.M or Y年M月, the year with a 元号 or \
             not, full-width digits",
        ),
        (
            "date_time",
            padded(&date_time(), false),
            "an RFC 3339 date-time with an offset",
        ),
        (
            "postal_code",
            padded(&postal_code(), false),
            "郵便番号: 7 digits, with a dash after the third or not, 〒 in front or not, either width",
        ),
        (
            "phone",
            padded(&phone(), false),
            "a phone number of 10 or 11 digits from 0, with dashes, parentheses and spaces anywhere, \
             either width",
        ),
        (
            "email",
            padded(&email(), false),
            "an e-mail address, either width",
        ),
    ]
}

/// `{"$ref": "#/$defs/<name>"}`.
pub(crate) fn reference(name: &str) -> Obj {
    Obj::new().set("$ref", format!("#/$defs/{name}"))
}

/// A value of `$defs/<name>`, or (when `optional`) no value (`null`, blank).
pub(crate) fn defined(name: &str, optional: bool) -> Obj {
    if optional {
        Obj::any_of([reference(name), reference(ABSENT)])
    } else {
        reference(name)
    }
}

/// The `$defs` entry for no value: `null` or a blank string.
pub(crate) const ABSENT: &str = "absent";
