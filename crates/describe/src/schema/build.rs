//! A small builder for JSON Schema objects and the patterns of canonical values.

use serde_json::{Map, Value};

/// A JSON object under construction (keys keep serde_json's map order).
#[derive(Clone, Debug, Default)]
pub(crate) struct Obj(Map<String, Value>);

impl Obj {
    /// An empty schema object.
    pub fn new() -> Self {
        Obj(Map::new())
    }

    /// `{"type": ty}`.
    pub fn ty(ty: &str) -> Self {
        Obj::new().set("type", ty)
    }

    /// `{"type": "string", "pattern": pattern}`.
    pub fn pattern(pattern: impl Into<String>) -> Self {
        Obj::ty("string").set("pattern", pattern.into())
    }

    /// `{"type": "string", "format": format}`.
    pub fn format(format: &str) -> Self {
        Obj::ty("string").set("format", format)
    }

    /// Sets `key`.
    pub fn set(mut self, key: &str, value: impl Into<Value>) -> Self {
        self.0.insert(key.to_owned(), value.into());
        self
    }

    /// Sets `key` when `value` is present.
    pub fn opt<V: Into<Value>>(self, key: &str, value: Option<V>) -> Self {
        match value {
            Some(v) => self.set(key, v),
            None => self,
        }
    }

    /// Sets `key` to the array `items` unless it is empty.
    pub fn nonempty(self, key: &str, items: Vec<Value>) -> Self {
        if items.is_empty() {
            self
        } else {
            self.set(key, items)
        }
    }

    /// Adds every key of `other` (overwriting).
    pub fn merge(mut self, other: Obj) -> Self {
        self.0.extend(other.0);
        self
    }

    /// `{"anyOf": schemas}`.
    pub fn any_of(schemas: impl IntoIterator<Item = Obj>) -> Self {
        let all: Vec<Value> = schemas.into_iter().map(Value::from).collect();
        Obj::new().set("anyOf", all)
    }

    /// Sets `title` and, when given, `description`.
    pub fn titled(self, title: &str, description: Option<&str>) -> Self {
        self.set("title", title).opt("description", description)
    }
}

impl From<Obj> for Value {
    fn from(o: Obj) -> Value {
        Value::Object(o.0)
    }
}

/// `{"type": "object", "properties": …, "required": …, "additionalProperties": false}`.
pub(crate) fn closed_object(properties: Map<String, Value>, required: Vec<Value>) -> Obj {
    Obj::ty("object")
        .set("properties", properties)
        .nonempty("required", required)
        .set("additionalProperties", false)
}

/// `{"const": value, "type": "string"}` selecting objects whose `key` is `value`.
pub(crate) fn has_const(key: &str, value: &str) -> Value {
    let mut props = Map::new();
    props.insert(key.to_owned(), Obj::new().set("const", value).into());
    Obj::ty("object")
        .set("properties", props)
        .set("required", vec![Value::from(key)])
        .into()
}

/// `^[0-9]{n}$` or `^[0-9]{min,max}$`.
pub(crate) fn digits(min: u32, max: u32) -> String {
    if min == max {
        format!("^[0-9]{{{min}}}$")
    } else {
        format!("^[0-9]{{{min},{max}}}$")
    }
}

/// Characters of a normalized 全角カタカナ name: ァ–ヾ (with ・ and ー).
const KATAKANA: &str = "\u{30A1}-\u{30FE}";

/// Normalized 全角カタカナ: words of katakana separated by single U+3000
/// spaces, no leading or trailing space.
pub(crate) fn katakana() -> String {
    words(KATAKANA)
}

/// The normalized 全銀 口座名義 set: large katakana that exist in half-width
/// form (ア–ン without small kana, ヴ), ー, A–Z, 0–9 and `( ) . - /`, words
/// separated by single U+3000 spaces.
pub(crate) fn zengin() -> String {
    const SMALL: [char; 12] = [
        'ァ', 'ィ', 'ゥ', 'ェ', 'ォ', 'ッ', 'ャ', 'ュ', 'ョ', 'ヮ', 'ヰ', 'ヱ',
    ];
    let kana: String = ('ア'..='ン')
        .filter(|c| !SMALL.contains(c))
        .chain(['ヴ', 'ー'])
        .collect();
    words(&format!("{kana}A-Z0-9().\\-/"))
}

fn words(class: &str) -> String {
    format!("^[{class}]+(\u{3000}[{class}]+)*$")
}

/// Printable ASCII.
pub(crate) const ASCII: &str = "^[ -~]*$";

/// Free text: no C0/C1 control, no bidirectional control, no line or
/// paragraph separator; a multi-line text (`lines`) may hold tabs and line
/// feeds (the runtime's `format.text`).
pub(crate) fn free_text(multi_line: bool) -> String {
    let c0 = if multi_line {
        "\\u0000-\\u0008\\u000B-\\u001F"
    } else {
        "\\u0000-\\u001F"
    };
    format!(
        "^[^{c0}\\u007F-\\u009F\\u061C\\u200E\\u200F\\u202A-\\u202E\\u2066-\\u2069\\u2028\\u2029]*$"
    )
}

/// A file name ending in one of `extensions` (lowercase ASCII), in any
/// case, with ASCII or full-width letters and dot, as the runtime reads it.
pub(crate) fn file_name(extensions: &[&str]) -> String {
    let fold = |c: char| {
        let upper = c.to_ascii_uppercase();
        let wide = |c: char| char::from_u32(u32::from(c) + 0xFEE0).unwrap_or(c);
        format!("[{c}{upper}{}{}]", wide(c), wide(upper))
    };
    let alternatives: Vec<String> = extensions
        .iter()
        .map(|e| e.chars().map(fold).collect())
        .collect();
    format!(".[.．]({})$", alternatives.join("|"))
}
/// 郵便番号, normalized.
pub(crate) const POSTAL_CODE: &str = "^[0-9]{7}$";
/// Phone number, normalized to digits.
pub(crate) const PHONE: &str = "^0[0-9]{9,10}$";
/// Year-month.
pub(crate) const MONTH: &str = "^[0-9]{4}-(0[1-9]|1[0-2])$";
/// An e-mail address as the runtime accepts it: a dot-atom local part (of at
/// most 64 characters, which the pattern does not count), two or more domain
/// labels (letters, digits, inner hyphens), the last of two or more letters.
pub(crate) const EMAIL: &str = concat!(
    r"^[A-Za-z0-9!#$%&'*+/=?^_`{|}~\-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~\-]+)*",
    r"@(?:[A-Za-z0-9](?:[A-Za-z0-9\-]*[A-Za-z0-9])?\.)+[A-Za-z]{2,}$"
);
/// A rate: an integer, a decimal or a fraction.
pub(crate) const RATE: &str = "^-?[0-9]+([.][0-9]+|/[1-9][0-9]*)?$";
