//! The submission in canonical form ([`crate::ValidationResult::canonical`]):
//! the whole envelope as the runtime read it, ready to send or store.
//!
//! - every value the runtime read is written in its canonical form (ISO dates
//!   and months, 7-digit 郵便番号, digits folded to ASCII, 全角カタカナ, numbers
//!   as JSON integers, choice keys without surrounding spaces);
//! - a value it could not read is written as sent (it has an error);
//! - what the verdict ignores or refuses is left out: absent values (`null`,
//!   blank strings, `[]`), fields hidden by their condition (a warning), and
//!   keys the form does not define (an error);
//! - `version` is the version validated against, `qualification`, `fields`
//!   and `attachments` are always present;
//! - keys come in a fixed order: the envelope's as in the contract (`form`,
//!   `version`, `submitted_at`, `applicant`, `qualification`, `fields`,
//!   `attachments`), the form's fields in declaration order; a value written
//!   as sent keeps its own order. Two submissions that mean the same to a
//!   form version have the same canonical text.
//!
//! Revalidating the canonical form of a valid submission gives the same
//! verdict with nothing left to normalize. It is written straight into one
//! buffer (no intermediate JSON tree): this runs on every validation.

use std::borrow::Cow;

use shinsei_ir::{Form, MediaType, QualField, Role};

use crate::decode::{Input, string_input, trim};
use crate::eval::Env;
use crate::json::{Json, member};
use crate::tree::QualValues;
use crate::tree::{Decoded, InstId, ROOT, State};

/// Members of a JSON object.
type Members<'a> = [(Cow<'a, str>, Json<'a>)];

/// Members of an attachment entry, in the contract's order.
const ATTACHMENT_KEYS: [&str; 6] = ["slot", "file_name", "media_type", "size", "width", "height"];

/// The canonical envelope of a submission validated against `form`;
/// `sent` is the length of the submission's text.
pub(crate) fn write(
    env: &Env<'_>,
    form: &Form,
    envelope: &Members<'_>,
    qual: &QualValues<'_>,
    sent: usize,
) -> String {
    let mut w = Writer {
        // About as long as the text sent (a minified submission; the
        // contract's keys and ISO dates can make it somewhat longer).
        out: String::with_capacity(sent.saturating_add(sent / 8).saturating_add(64)),
    };
    w.open(b'{');
    w.key("form");
    w.string(&form.id);
    w.key("version");
    w.string(&form.version);
    match member(envelope, "submitted_at") {
        None | Some(Json::Null) => {}
        Some(Json::Str(s)) => {
            let t = shinsei_jp::width::trim_spaces(s);
            if !t.is_empty() {
                w.key("submitted_at");
                // Trimmed when it is an instant; it keeps its own offset.
                let ok = shinsei_jp::instant::parse_date_time(t).is_some();
                w.string(if ok { t } else { s });
            }
        }
        Some(other) => w.entry("submitted_at", other),
    }
    if let Some(applicant) = member(envelope, "applicant") {
        match role(applicant) {
            Some(role) => {
                w.key("applicant");
                w.open(b'{');
                w.key("role");
                w.string(role.id());
                w.close(b'}');
            }
            None if is_absent(applicant) => {}
            None => w.entry("applicant", applicant),
        }
    }
    w.key("qualification");
    w.qualification(member(envelope, "qualification"), qual);
    w.key("fields");
    match member(envelope, "fields") {
        Some(other @ (Json::Bool(_) | Json::Str(_))) => w.raw(other),
        Some(other @ (Json::I64(_) | Json::U64(_) | Json::F64(_))) => w.raw(other),
        // The decoded fields; absent or a container the runtime did not
        // keep: a root with every member absent.
        _ => w.object(env, ROOT),
    }
    w.key("attachments");
    match member(envelope, "attachments") {
        Some(Json::Arr(entries)) => {
            w.open(b'[');
            for entry in &entries.kept {
                match entry {
                    Json::Obj(members) => {
                        w.comma();
                        w.attachment(members);
                    }
                    other => w.element(other),
                }
            }
            w.close(b']');
        }
        Some(other @ (Json::Bool(_) | Json::Str(_))) => w.raw(other),
        Some(other @ (Json::I64(_) | Json::U64(_) | Json::F64(_) | Json::Obj(_))) => w.raw(other),
        _ => w.out.push_str("[]"),
    }
    w.close(b'}');
    w.out
}

/// The applicant's role, when `applicant` names a known one.
fn role(applicant: &Json<'_>) -> Option<Role> {
    let members = applicant.as_object()?;
    if members.iter().any(|(k, _)| k != "role") {
        return None;
    }
    let s = shinsei_jp::width::trim_spaces(member(members, "role")?.as_str()?);
    Role::ALL.into_iter().find(|r| r.id() == s)
}

/// `null` or a blank string: what the runtime reads as no value.
fn is_absent(json: &Json<'_>) -> bool {
    matches!(string_input(json), Input::Absent)
}

/// JSON text under construction. An opened container holds a placeholder
/// byte (`\0`, which JSON text never contains raw) until its first member.
struct Writer {
    out: String,
}

impl Writer {
    fn open(&mut self, bracket: u8) {
        self.out.push(char::from(bracket));
        self.out.push('\0');
    }

    /// Writes `,` unless the container was just opened (then removes the
    /// placeholder).
    fn comma(&mut self) {
        if self.out.ends_with('\0') {
            self.out.pop();
        } else {
            self.out.push(',');
        }
    }

    fn close(&mut self, bracket: u8) {
        if self.out.ends_with('\0') {
            self.out.pop();
        }
        self.out.push(char::from(bracket));
    }

    /// A key: field ids and the contract's keys need no escaping (ids are
    /// ASCII snake_case), but they get it if they ever do.
    fn key(&mut self, key: &str) {
        self.comma();
        self.string(key);
        self.out.push(':');
    }

    /// A JSON string, escaped as serde_json escapes (so the bytes equal
    /// what serializing the same value gives).
    fn string(&mut self, s: &str) {
        self.out.reserve(s.len().saturating_add(2));
        self.out.push('"');
        if !needs_escape(s.as_bytes()) {
            self.out.push_str(s);
            self.out.push('"');
            return;
        }
        let mut start = 0;
        for (i, b) in s.bytes().enumerate() {
            let short = match b {
                b'"' => '"',
                b'\\' => '\\',
                0x08 => 'b',
                0x0C => 'f',
                b'\n' => 'n',
                b'\r' => 'r',
                b'\t' => 't',
                0x00..=0x1F => 'u',
                _ => continue,
            };
            self.out.push_str(s.get(start..i).unwrap_or_default());
            self.out.push('\\');
            self.out.push(short);
            if short == 'u' {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                self.out.push_str("00");
                for nibble in [b >> 4, b & 0xF] {
                    let digit = HEX.get(usize::from(nibble)).copied().unwrap_or(b'0');
                    self.out.push(char::from(digit));
                }
            }
            start = i.saturating_add(1);
        }
        self.out.push_str(s.get(start..).unwrap_or_default());
        self.out.push('"');
    }

    fn int(&mut self, n: i128) {
        if n < 0 {
            self.out.push('-');
        }
        match u64::try_from(n.unsigned_abs()) {
            Ok(m) => self.digits(m),
            // Beyond u64 (not a value the runtime accepts): the slow way.
            Err(_) => self.out.push_str(&n.unsigned_abs().to_string()),
        }
    }

    /// `m` in decimal.
    fn digits(&mut self, mut m: u64) {
        let mut buf = [b'0'; 20];
        let mut at = buf.len();
        while m > 0 || at == buf.len() {
            at = at.saturating_sub(1);
            if let Some(d) = buf.get_mut(at) {
                // m % 10 < 10: the cast cannot truncate.
                *d = b'0'.saturating_add((m % 10) as u8);
            }
            m /= 10;
            if at == 0 {
                break;
            }
        }
        for &d in buf.get(at..).unwrap_or_default() {
            self.out.push(char::from(d));
        }
    }

    /// `"YYYY-MM-DD"`.
    fn date(&mut self, d: chrono::NaiveDate) {
        use chrono::Datelike;
        self.year_month(d.year(), d.month());
        self.out.pop();
        self.out.push('-');
        self.two(d.day());
        self.out.push('"');
    }

    /// `"YYYY-MM"` (years 0–9999 as four digits, others as they come).
    fn year_month(&mut self, year: i32, month: u32) {
        self.out.push('"');
        match u32::try_from(year) {
            Ok(y) if y <= 9999 => {
                self.two(y / 100);
                self.two(y % 100);
            }
            _ => self.int(i128::from(year)),
        }
        self.out.push('-');
        self.two(month);
        self.out.push('"');
    }

    /// Two digits of `n` < 100.
    fn two(&mut self, n: u32) {
        let digit = |d: u32| char::from_digit(d % 10, 10).unwrap_or('0');
        self.out.push(digit(n / 10));
        self.out.push(digit(n));
    }

    /// `"key":` and a value as sent, unless the runtime did not keep it.
    fn entry(&mut self, key: &str, json: &Json<'_>) {
        if !matches!(json, Json::Skipped(_)) {
            self.key(key);
            self.raw(json);
        }
    }

    /// An array element as sent, unless the runtime did not keep it.
    fn element(&mut self, json: &Json<'_>) {
        if !matches!(json, Json::Skipped(_)) {
            self.comma();
            self.raw(json);
        }
    }

    /// A value as sent (one the runtime did not keep is `null`: only
    /// [`Writer::entry`] and [`Writer::element`] meet those, and leave them out).
    fn raw(&mut self, json: &Json<'_>) {
        match json {
            Json::Null => self.out.push_str("null"),
            Json::Bool(b) => self.out.push_str(if *b { "true" } else { "false" }),
            Json::I64(n) => self.int(i128::from(*n)),
            Json::U64(n) => self.int(i128::from(*n)),
            Json::F64(f) => self
                .out
                .push_str(&serde_json::to_string(f).unwrap_or_default()),
            Json::Str(s) => self.string(s),
            Json::Arr(items) => {
                self.open(b'[');
                for item in &items.kept {
                    self.element(item);
                }
                self.close(b']');
            }
            Json::Obj(members) => {
                self.open(b'{');
                for (k, v) in members {
                    self.entry(k, v);
                }
                self.close(b'}');
            }
            // Objects of fields are always read (the root, a group's value, a
            // list item: see `object`); none is written as sent.
            Json::Fields { .. } => self.out.push_str("{}"),
            Json::Skipped(_) => self.out.push_str("null"),
        }
    }

    /// A decoded value in canonical form.
    fn decoded(&mut self, d: &Decoded<'_>) {
        match d {
            Decoded::Text(s) => self.string(s),
            Decoded::Num(r) if r.den() == 1 => self.int(r.num()),
            Decoded::Num(r) => self.string(&format!("{}/{}", r.num(), r.den())),
            Decoded::Date(d) => self.date(*d),
            Decoded::Month(m) => self.year_month(m.year, m.month),
            Decoded::Period(from, to) => {
                self.open(b'{');
                self.key("from");
                self.date(*from);
                self.key("to");
                self.date(*to);
                self.close(b'}');
            }
            Decoded::Bool(b) => self.out.push_str(if *b { "true" } else { "false" }),
            Decoded::Multi(keys) => {
                self.open(b'[');
                for k in keys {
                    self.comma();
                    self.string(k);
                }
                self.close(b']');
            }
        }
    }

    /// The shown, present members of instance `id` (the root, a group's
    /// value or a list item): decoded values in canonical form, values that
    /// could not be read as sent.
    fn object(&mut self, env: &Env<'_>, id: InstId) {
        self.open(b'{');
        if let Some(inst) = env.tree.inst(id) {
            for (idx, (field, m)) in inst.fields.iter().zip(&inst.members).enumerate() {
                if matches!(m.state, State::Absent) || !env.member_visible(id, idx) {
                    continue;
                }
                match &m.state {
                    State::Value(d) => {
                        self.key(&field.id);
                        self.decoded(d);
                    }
                    State::Group(inner) => {
                        self.key(&field.id);
                        self.object(env, *inner);
                    }
                    State::List(items) => {
                        self.key(&field.id);
                        self.list(env, items);
                    }
                    State::Absent | State::Invalid => {
                        if let Some(raw) = env.tree.sent_as_is(id, Some(idx)) {
                            self.entry(&field.id, raw);
                        }
                    }
                }
            }
        }
        self.close(b'}');
    }

    /// A list's items (those the reader kept: at most the list's maximum):
    /// objects decoded, anything else as sent.
    fn list(&mut self, env: &Env<'_>, items: &[InstId]) {
        self.open(b'[');
        for &item in items {
            match env.tree.inst(item) {
                Some(inst) if !inst.broken => {
                    self.comma();
                    self.object(env, item);
                }
                _ => {
                    if let Some(raw) = env.tree.sent_as_is(item, None) {
                        self.element(raw);
                    }
                }
            }
        }
        self.close(b']');
    }

    /// The 資格 block: read values canonical, unreadable ones as sent.
    fn qualification(&mut self, sent: Option<&Json<'_>>, qual: &QualValues<'_>) {
        let members = match sent {
            None | Some(Json::Null) => &[][..],
            Some(Json::Obj(members)) => members.as_slice(),
            Some(other @ (Json::Bool(_) | Json::Str(_))) => return self.raw(other),
            Some(other @ (Json::I64(_) | Json::U64(_) | Json::F64(_))) => return self.raw(other),
            // A container the runtime did not keep.
            Some(_) => &[][..],
        };
        self.open(b'{');
        for q in QualField::ALL {
            if let Some(d) = qual.decoded(q) {
                self.key(q.id());
                self.decoded(d);
            } else if let Some(raw) = member(members, q.id()).filter(|j| !is_absent(j)) {
                self.entry(q.id(), raw);
            }
        }
        self.close(b'}');
    }

    /// One attachment entry: strings trimmed, the media type spelled as its
    /// MIME type when it is one the insurer takes.
    fn attachment(&mut self, members: &Members<'_>) {
        self.open(b'{');
        for key in ATTACHMENT_KEYS {
            let Some(value) = member(members, key) else {
                continue;
            };
            match value {
                Json::Null => {}
                Json::Str(s) => {
                    let t = trim(s);
                    if t.is_empty() {
                        continue;
                    }
                    self.key(key);
                    match MediaType::from_mime(t).filter(|_| key == "media_type") {
                        Some(m) => self.string(m.mime()),
                        None => self.string(t),
                    }
                }
                other => self.entry(key, other),
            }
        }
        self.close(b'}');
    }
}

/// Whether JSON must escape a byte of `bytes` (`"`, `\\`, or below 0x20),
/// looked at eight bytes at a time: nearly every string needs no escaping
/// and is then copied as it is.
pub(crate) fn needs_escape(bytes: &[u8]) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    const SPACES: u64 = 0x2020_2020_2020_2020;
    const QUOTES: u64 = 0x2222_2222_2222_2222;
    const BACKSLASHES: u64 = 0x5C5C_5C5C_5C5C_5C5C;
    // Some byte of `v` is below the byte repeated in `n` (n ≤ 0x80): exact
    // as a yes/no answer (the classic "has less" test).
    let below = |v: u64, n: u64| (v.wrapping_sub(n) & !v & HIGH) != 0;
    let mut chunks = bytes.chunks_exact(8);
    for chunk in &mut chunks {
        let Ok(word) = <[u8; 8]>::try_from(chunk) else {
            return true;
        };
        let v = u64::from_le_bytes(word);
        if below(v, SPACES) || below(v ^ QUOTES, ONES) || below(v ^ BACKSLASHES, ONES) {
            return true;
        }
    }
    chunks
        .remainder()
        .iter()
        .any(|&b| b < 0x20 || b == b'"' || b == b'\\')
}

/// JSON read back with its keys in their order (serde_json's `Value` sorts
/// them): how [`crate::Canonical`] serializes through serde.
#[derive(Debug)]
pub(crate) enum Tree {
    Null,
    Bool(bool),
    Number(serde_json::Number),
    Str(String),
    Arr(Vec<Tree>),
    Obj(Vec<(String, Tree)>),
}

impl serde::Serialize for Tree {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::{SerializeMap, SerializeSeq};
        match self {
            Tree::Null => s.serialize_unit(),
            Tree::Bool(b) => s.serialize_bool(*b),
            Tree::Number(n) => n.serialize(s),
            Tree::Str(t) => s.serialize_str(t),
            Tree::Arr(items) => {
                let mut seq = s.serialize_seq(Some(items.len()))?;
                for item in items {
                    seq.serialize_element(item)?;
                }
                seq.end()
            }
            Tree::Obj(members) => {
                let mut map = s.serialize_map(Some(members.len()))?;
                for (k, v) in members {
                    map.serialize_entry(k, v)?;
                }
                map.end()
            }
        }
    }
}

impl<'de> serde::Deserialize<'de> for Tree {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visit;
        impl<'de> serde::de::Visitor<'de> for Visit {
            type Value = Tree;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("JSON")
            }
            fn visit_unit<E>(self) -> Result<Tree, E> {
                Ok(Tree::Null)
            }
            fn visit_bool<E>(self, b: bool) -> Result<Tree, E> {
                Ok(Tree::Bool(b))
            }
            fn visit_i64<E>(self, n: i64) -> Result<Tree, E> {
                Ok(Tree::Number(n.into()))
            }
            fn visit_u64<E>(self, n: u64) -> Result<Tree, E> {
                Ok(Tree::Number(n.into()))
            }
            fn visit_f64<E>(self, f: f64) -> Result<Tree, E> {
                Ok(serde_json::Number::from_f64(f).map_or(Tree::Null, Tree::Number))
            }
            fn visit_str<E>(self, t: &str) -> Result<Tree, E> {
                Ok(Tree::Str(t.to_owned()))
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut a: A) -> Result<Tree, A::Error> {
                let mut items = Vec::new();
                while let Some(item) = a.next_element()? {
                    items.push(item);
                }
                Ok(Tree::Arr(items))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, mut a: A) -> Result<Tree, A::Error> {
                let mut members = Vec::new();
                while let Some(entry) = a.next_entry()? {
                    members.push(entry);
                }
                Ok(Tree::Obj(members))
            }
        }
        d.deserialize_any(Visit)
    }
}

/// The canonical submission is written as its tree (`canonical::Tree`:
/// members in the envelope's order).
impl serde::Serialize for crate::result::Canonical {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match serde_json::from_str::<Tree>(self.as_str()) {
            Ok(tree) => tree.serialize(s),
            Err(e) => Err(serde::ser::Error::custom(e)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::needs_escape;

    #[test]
    fn needs_escape_agrees_with_a_look_at_each_byte() {
        let each = |bytes: &[u8]| bytes.iter().any(|&b| b < 0x20 || b == b'"' || b == b'\\');
        // Every byte value at every position of strings up to 19 bytes long,
        // over backgrounds around the bytes that matter (UTF-8 bytes too).
        for background in [b'a', b' ', b'!', b'#', b'[', b']', 0x7F, 0x80, 0xE3, 0xFF] {
            for len in 0..20 {
                let plain = vec![background; len];
                assert_eq!(needs_escape(&plain), each(&plain));
                for at in 0..len {
                    for byte in 0..=u8::MAX {
                        let mut bytes = plain.clone();
                        if let Some(b) = bytes.get_mut(at) {
                            *b = byte;
                        }
                        assert_eq!(needs_escape(&bytes), each(&bytes), "{bytes:?}");
                    }
                }
            }
        }
    }
}
