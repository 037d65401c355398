//! Reads a bundle from its JSON (as `shinsei compile` writes it) into the
//! IR, by hand.
//!
//! Why not `serde_json::from_str::<Bundle>`: the derived deserializers of the
//! IR (its internally tagged `FieldKind` buffers every nested field and
//! expression through serde's `Content`, doubling the code) made up about 80
//! KB of the gzipped module, well over the size budget. This reader walks a
//! [`serde_json::Value`] instead, and never returns early: a wrong member is
//! recorded once (the first error, with its JSON Pointer) and read as a
//! placeholder, so the struct literals need no clean-up paths, which keeps
//! the code small. The representation is serde's, field for field;
//! `tests/engine.rs` checks that this reads the embedded bundle to exactly
//! what serde reads, and the struct literals below stop compiling when the
//! IR gains a field. Unit enums (`Builtin`, `BinOp`…) use their derived
//! `Deserialize` on a plain string, so new variants need nothing here.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::de::DeserializeOwned;
use serde::de::value::{Error as DeError, StrDeserializer};
use serde_json::{Map, Value};
use shinsei_ir::{
    AggOp, AttachmentSlot, BinOp, Builtin, Bundle, Category, ChoiceOption, Computed, DateRange,
    DurationUnit, Expr, Field, FieldKind, FieldRef, Form, Literal, Migration, MigrationStep, Param,
    ParamPeriod, ParamValue, Presence, QualField, QualItem, Role, Rule, Severity, Text, UnOp,
    ValueType,
};

/// Why a bundle could not be read: a JSON Pointer and what was expected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecodeError {
    /// Where, e.g. `/forms/3/fields/0/kind/type`.
    pub path: String,
    /// What is wrong.
    pub message: String,
}

/// Reads a whole bundle; the first problem found is the error.
pub fn bundle(v: &Value) -> Result<Bundle, DecodeError> {
    read(v, None)
}

/// Reads a bundle in the compact form of [`crate::packed`] without unpacking
/// it first (no objects are built: members are found through the shapes).
pub fn bundle_packed(v: &Value) -> Result<Bundle, DecodeError> {
    let (Some(Value::Array(shapes)), Some(root)) = (v.get("shapes"), v.get("root")) else {
        return Err(DecodeError {
            path: String::new(),
            message: "not a packed bundle: no `shapes` and `root`".into(),
        });
    };
    read(root, Some(shapes))
}

fn read<'v>(v: &'v Value, shapes: Option<&'v [Value]>) -> Result<Bundle, DecodeError> {
    let mut cx = Cx {
        stack: Vec::with_capacity(16),
        error: None,
        shapes,
    };
    let b = read_bundle(&mut cx, v);
    match cx.error {
        Some(e) => Err(e),
        None => Ok(b),
    }
}

/// One step of the path being read.
enum Seg<'v> {
    Key(&'v str),
    Index(usize),
}

/// The reading context: where we are and the first error.
struct Cx<'v> {
    stack: Vec<Seg<'v>>,
    error: Option<DecodeError>,
    /// The key lists of a packed bundle (`None`: plain JSON).
    shapes: Option<&'v [Value]>,
}

/// An object being read: plain JSON, or packed (its shape's keys and its
/// values), or nothing (after an error).
#[derive(Clone, Copy)]
enum Obj<'v> {
    None,
    Map(&'v Map<String, Value>),
    Packed(&'v [Value], &'v [Value]),
}

impl<'v> Obj<'v> {
    fn get(self, key: &str) -> Option<&'v Value> {
        match self {
            Obj::None => None,
            Obj::Map(m) => m.get(key),
            Obj::Packed(keys, values) => keys
                .iter()
                .position(|k| k.as_str() == Some(key))
                .and_then(|i| values.get(i)),
        }
    }

    /// The members in order.
    fn entries(self) -> Vec<(&'v str, &'v Value)> {
        match self {
            Obj::None => Vec::new(),
            Obj::Map(m) => m.iter().map(|(k, v)| (k.as_str(), v)).collect(),
            Obj::Packed(keys, values) => keys
                .iter()
                .map(|k| k.as_str().unwrap_or_default())
                .zip(values)
                .collect(),
        }
    }
}

impl<'v> Cx<'v> {
    /// Records `message` at the current path (only the first error is kept).
    #[inline(never)]
    fn fail(&mut self, message: String) {
        if self.error.is_some() {
            return;
        }
        let mut path = String::new();
        for seg in &self.stack {
            path.push('/');
            match seg {
                Seg::Key(k) => path.push_str(k),
                Seg::Index(i) => path.push_str(&i.to_string()),
            }
        }
        self.error = Some(DecodeError { path, message });
    }

    #[inline(never)]
    fn expected(&mut self, what: &str, found: &Value) {
        let kind = match found {
            Value::Null => "null",
            Value::Bool(_) => "a boolean",
            Value::Number(_) => "a number",
            Value::String(_) => "a string",
            Value::Array(_) => "an array",
            Value::Object(_) => "an object",
        };
        self.fail(format!("expected {what}, found {kind}"));
    }

    fn unknown(&mut self, what: &str, found: &str) {
        self.fail(format!("unknown {what} `{found}`"));
    }

    /// The object `v`, or `Obj::None` (recorded).
    fn obj(&mut self, v: &'v Value) -> Obj<'v> {
        match (self.shapes, v) {
            (None, Value::Object(m)) => return Obj::Map(m),
            (Some(shapes), Value::Array(a)) => {
                let shape = a
                    .first()
                    .and_then(Value::as_u64)
                    .and_then(|k| usize::try_from(k).ok()?.checked_sub(1))
                    .and_then(|k| shapes.get(k));
                if let (Some(Value::Array(keys)), Some(values)) = (shape, a.get(1..))
                    && keys.len() == values.len()
                {
                    return Obj::Packed(keys, values);
                }
            }
            _ => {}
        }
        self.expected("an object", v);
        Obj::None
    }

    /// The items of array `v` (empty, recorded, if it is not one).
    fn array(&mut self, v: &'v Value) -> &'v [Value] {
        if let Value::Array(a) = v {
            match self.shapes {
                None => return a,
                Some(_) if a.first().and_then(Value::as_u64) == Some(0) => {
                    return a.get(1..).unwrap_or_default();
                }
                Some(_) => {}
            }
        }
        self.expected("an array", v);
        &[]
    }

    /// Member `key` of `o`, required or not.
    fn member(&mut self, o: Obj<'v>, key: &'static str, required: bool) -> Option<&'v Value> {
        if matches!(o, Obj::None) {
            return None;
        }
        let v = o.get(key).filter(|v| !v.is_null());
        if v.is_none() && required {
            self.fail(format!("missing field `{key}`"));
        }
        v
    }

    /// Reads required member `key` with `f` (a placeholder when missing).
    fn with<T: Default>(
        &mut self,
        o: Obj<'v>,
        key: &'static str,
        f: fn(&mut Self, &'v Value) -> T,
    ) -> T {
        match self.member(o, key, true) {
            Some(v) => self.at(Seg::Key(key), v, f),
            None => T::default(),
        }
    }

    /// Reads optional member `key` with `f`.
    fn opt<T>(
        &mut self,
        o: Obj<'v>,
        key: &'static str,
        f: fn(&mut Self, &'v Value) -> T,
    ) -> Option<T> {
        let v = self.member(o, key, false)?;
        Some(self.at(Seg::Key(key), v, f))
    }

    fn at<T>(&mut self, seg: Seg<'v>, v: &'v Value, f: fn(&mut Self, &'v Value) -> T) -> T {
        self.stack.push(seg);
        let t = f(self, v);
        self.stack.pop();
        t
    }

    /// An array read item by item with `f`.
    fn items<T>(&mut self, v: &'v Value, f: fn(&mut Self, &'v Value) -> T) -> Vec<T> {
        let items = self.array(v);
        let mut out = Vec::with_capacity(items.len());
        for (i, item) in items.iter().enumerate() {
            out.push(self.at(Seg::Index(i), item, f));
        }
        out
    }

    /// Required array member `key`, items read with `f`.
    fn list<T>(
        &mut self,
        o: Obj<'v>,
        key: &'static str,
        f: fn(&mut Self, &'v Value) -> T,
    ) -> Vec<T> {
        match self.member(o, key, true) {
            Some(v) => {
                self.stack.push(Seg::Key(key));
                let out = self.items(v, f);
                self.stack.pop();
                out
            }
            None => Vec::new(),
        }
    }

    /// An object's members read with `f`, by key.
    fn map<T>(&mut self, v: &'v Value, f: fn(&mut Self, &'v Value) -> T) -> BTreeMap<String, T> {
        let mut out = BTreeMap::new();
        for (k, item) in self.obj(v).entries() {
            let t = self.at(Seg::Key(k), item, f);
            out.insert(k.to_owned(), t);
        }
        out
    }

    fn str(&mut self, v: &'v Value) -> &'v str {
        match v {
            Value::String(s) => s,
            other => {
                self.expected("a string", other);
                ""
            }
        }
    }

    fn string(&mut self, v: &'v Value) -> String {
        self.str(v).to_owned()
    }

    fn boolean(&mut self, v: &'v Value) -> bool {
        match v {
            Value::Bool(b) => *b,
            other => {
                self.expected("a boolean", other);
                false
            }
        }
    }

    fn i64(&mut self, v: &'v Value) -> i64 {
        v.as_i64().unwrap_or_else(|| {
            self.expected("an integer", v);
            0
        })
    }

    fn u64(&mut self, v: &'v Value) -> u64 {
        v.as_u64().unwrap_or_else(|| {
            self.expected("a non-negative integer", v);
            0
        })
    }

    fn u32(&mut self, v: &'v Value) -> u32 {
        v.as_u64()
            .and_then(|n| u32::try_from(n).ok())
            .unwrap_or_else(|| {
                self.expected("an integer from 0 to 4294967295", v);
                0
            })
    }

    /// A `YYYY-MM-DD` date (what the compiler writes).
    fn date(&mut self, v: &'v Value) -> NaiveDate {
        let s = self.str(v);
        let b = s.as_bytes();
        let digits = |from: usize, to: usize| {
            b.get(from..to)
                .filter(|d| d.iter().all(u8::is_ascii_digit))
                .map(|d| d.iter().fold(0_u32, |n, d| n * 10 + u32::from(d - b'0')))
        };
        let dashes = b.len() == 10 && b.get(4) == Some(&b'-') && b.get(7) == Some(&b'-');
        let date = match (dashes, digits(0, 4), digits(5, 7), digits(8, 10)) {
            (true, Some(y), Some(m), Some(d)) => {
                NaiveDate::from_ymd_opt(i32::try_from(y).unwrap_or(0), m, d)
            }
            _ => None,
        };
        date.unwrap_or_else(|| {
            self.fail(format!("expected a date YYYY-MM-DD, found `{s}`"));
            NaiveDate::MIN
        })
    }

    /// A unit enum variant, by its derived `Deserialize` from a string.
    fn unit<T: DeserializeOwned>(&mut self, v: &'v Value, placeholder: T) -> T {
        let s = self.str(v);
        T::deserialize(StrDeserializer::<DeError>::new(s)).unwrap_or_else(|e| {
            self.fail(e.to_string());
            placeholder
        })
    }

    /// An externally tagged enum value `{"tag": content}`.
    fn variant(&mut self, v: &'v Value) -> Option<(&'v str, &'v Value)> {
        let o = self.obj(v);
        if matches!(o, Obj::None) {
            return None;
        }
        match o.entries().as_slice() {
            [(tag, content)] => Some((tag, content)),
            _ => {
                self.fail("expected an object with exactly one key (an enum variant)".into());
                None
            }
        }
    }
}

// Unit enums read with their derived Deserialize (placeholders on error).
fn category<'v>(cx: &mut Cx<'v>, v: &'v Value) -> Category {
    cx_unit(cx, v, Category::Benefit)
}
fn role<'v>(cx: &mut Cx<'v>, v: &'v Value) -> Role {
    cx_unit(cx, v, Role::Insured)
}
fn qual_field<'v>(cx: &mut Cx<'v>, v: &'v Value) -> QualField {
    cx_unit(cx, v, QualField::Symbol)
}
fn severity<'v>(cx: &mut Cx<'v>, v: &'v Value) -> Severity {
    cx_unit(cx, v, Severity::Error)
}
fn value_type<'v>(cx: &mut Cx<'v>, v: &'v Value) -> ValueType {
    cx_unit(cx, v, ValueType::Bool)
}
fn media_type<'v>(cx: &mut Cx<'v>, v: &'v Value) -> shinsei_ir::MediaType {
    cx_unit(cx, v, shinsei_ir::MediaType::Pdf)
}
fn char_class<'v>(cx: &mut Cx<'v>, v: &'v Value) -> shinsei_ir::CharClass {
    cx_unit(cx, v, shinsei_ir::CharClass::Ascii)
}
fn un_op<'v>(cx: &mut Cx<'v>, v: &'v Value) -> UnOp {
    cx_unit(cx, v, UnOp::Not)
}
fn bin_op<'v>(cx: &mut Cx<'v>, v: &'v Value) -> BinOp {
    cx_unit(cx, v, BinOp::Eq)
}
fn agg_op<'v>(cx: &mut Cx<'v>, v: &'v Value) -> AggOp {
    cx_unit(cx, v, AggOp::Count)
}
fn builtin<'v>(cx: &mut Cx<'v>, v: &'v Value) -> Builtin {
    cx_unit(cx, v, Builtin::Len)
}
fn duration_unit<'v>(cx: &mut Cx<'v>, v: &'v Value) -> DurationUnit {
    cx_unit(cx, v, DurationUnit::Days)
}

fn cx_unit<'v, T: DeserializeOwned>(cx: &mut Cx<'v>, v: &'v Value, placeholder: T) -> T {
    cx.unit(v, placeholder)
}

// ---- structure ----

fn read_bundle<'v>(cx: &mut Cx<'v>, v: &'v Value) -> Bundle {
    let o = cx.obj(v);
    Bundle {
        ir_version: cx.with(o, "ir_version", Cx::u32),
        hash: cx.with(o, "hash", Cx::string),
        forms: cx.list(o, "forms", form),
        params: cx.with(o, "params", |cx, v| cx.map(v, param)),
    }
}

fn form<'v>(cx: &mut Cx<'v>, v: &'v Value) -> Form {
    let o = cx.obj(v);
    Form {
        id: cx.with(o, "id", Cx::string),
        title: required(cx, o, "title", text, Text::ja("")),
        version: cx.with(o, "version", Cx::string),
        effective: required(
            cx,
            o,
            "effective",
            date_range,
            DateRange {
                from: NaiveDate::MIN,
                to: None,
            },
        ),
        category: required_unit(cx, o, "category", category, Category::Benefit),
        applicants: cx.list(o, "applicants", role),
        qualification: cx.list(o, "qualification", qual_item),
        fields: cx.list(o, "fields", field),
        rules: cx.list(o, "rules", rule),
        computed: cx.list(o, "computed", computed),
        attachments: cx.list(o, "attachments", attachment),
        params: cx.list(o, "params", Cx::string),
        source: cx.with(o, "source", Cx::string),
        basis: cx.opt(o, "basis", Cx::string),
        migration: cx.opt(o, "migration", migration),
    }
}

fn migration<'v>(cx: &mut Cx<'v>, v: &'v Value) -> Migration {
    let o = cx.obj(v);
    Migration {
        from: cx.with(o, "from", Cx::string),
        steps: cx.list(o, "steps", migration_step),
    }
}

fn migration_step<'v>(cx: &mut Cx<'v>, v: &'v Value) -> MigrationStep {
    let o = cx.obj(v);
    let op = match cx.member(o, "op", true) {
        Some(t) => cx.at(Seg::Key("op"), t, Cx::str),
        None => "",
    };
    let path = cx.list(o, "path", Cx::string);
    let message = cx.opt(o, "message", text);
    match op {
        "rename" => MigrationStep::Rename {
            path,
            to: cx.with(o, "to", Cx::string),
        },
        "remove" => MigrationStep::Remove { path, message },
        "add" => MigrationStep::Add { path, message },
        "review" => MigrationStep::Review {
            path,
            message: message.unwrap_or_else(|| Text::ja("")),
        },
        "clear" => MigrationStep::Clear { path, message },
        "option" => MigrationStep::Option {
            path,
            key: cx.with(o, "key", Cx::string),
            to: cx.opt(o, "to", Cx::string),
            message,
        },
        other => {
            cx.stack.push(Seg::Key("op"));
            cx.unknown("migration step", other);
            cx.stack.pop();
            MigrationStep::Remove { path, message }
        }
    }
}

fn text<'v>(cx: &mut Cx<'v>, v: &'v Value) -> Text {
    let o = cx.obj(v);
    Text {
        ja: cx.with(o, "ja", Cx::string),
        en: cx.opt(o, "en", Cx::string),
    }
}

fn date_range<'v>(cx: &mut Cx<'v>, v: &'v Value) -> DateRange {
    let o = cx.obj(v);
    DateRange {
        from: required(cx, o, "from", Cx::date, NaiveDate::MIN),
        to: cx.opt(o, "to", Cx::date),
    }
}

fn qual_item<'v>(cx: &mut Cx<'v>, v: &'v Value) -> QualItem {
    let o = cx.obj(v);
    QualItem {
        field: required_unit(cx, o, "field", qual_field, QualField::Symbol),
        required: cx.with(o, "required", Cx::boolean),
    }
}

/// A required unit-enum member.
fn required_unit<'v, T>(
    cx: &mut Cx<'v>,
    o: Obj<'v>,
    key: &'static str,
    f: fn(&mut Cx<'v>, &'v Value) -> T,
    placeholder: T,
) -> T {
    match cx.member(o, key, true) {
        Some(v) => cx.at(Seg::Key(key), v, f),
        None => placeholder,
    }
}

fn field<'v>(cx: &mut Cx<'v>, v: &'v Value) -> Field {
    let o = cx.obj(v);
    Field {
        id: cx.with(o, "id", Cx::string),
        label: required(cx, o, "label", text, Text::ja("")),
        help: cx.opt(o, "help", text),
        kind: required(cx, o, "kind", field_kind, FieldKind::Bool),
        presence: required(cx, o, "presence", presence, Presence::Optional),
        visible_when: cx.opt(o, "visible_when", expr),
        visible_src: cx.opt(o, "visible_src", Cx::string),
        required_src: cx.opt(o, "required_src", Cx::string),
    }
}

/// A required member without a `Default`.
fn required<'v, T>(
    cx: &mut Cx<'v>,
    o: Obj<'v>,
    key: &'static str,
    f: fn(&mut Cx<'v>, &'v Value) -> T,
    placeholder: T,
) -> T {
    required_unit(cx, o, key, f, placeholder)
}

fn field_kind<'v>(cx: &mut Cx<'v>, v: &'v Value) -> FieldKind {
    let o = cx.obj(v);
    let tag = match cx.member(o, "type", true) {
        Some(t) => cx.at(Seg::Key("type"), t, Cx::str),
        None => "",
    };
    let u32_opt = |cx: &mut Cx<'v>, key| cx.opt(o, key, Cx::u32);
    let i64_opt = |cx: &mut Cx<'v>, key| cx.opt(o, key, Cx::i64);
    match tag {
        "text" => FieldKind::Text {
            min_len: u32_opt(cx, "min_len"),
            max_len: u32_opt(cx, "max_len"),
            chars: cx.opt(o, "chars", char_class),
            lines: u32_opt(cx, "lines"),
        },
        "kana" => FieldKind::Kana {
            max_len: u32_opt(cx, "max_len"),
        },
        "integer" => FieldKind::Integer {
            min: i64_opt(cx, "min"),
            max: i64_opt(cx, "max"),
        },
        "yen" => FieldKind::Yen {
            min: i64_opt(cx, "min"),
            max: i64_opt(cx, "max"),
        },
        "rate" => FieldKind::Rate,
        "date" => FieldKind::Date,
        "period" => FieldKind::Period,
        "month" => FieldKind::Month,
        "bool" => FieldKind::Bool,
        "choice" => FieldKind::Choice {
            options: cx.list(o, "options", choice_option),
        },
        "multi" => FieldKind::Multi {
            options: cx.list(o, "options", choice_option),
            min: u32_opt(cx, "min").unwrap_or_default(),
            max: u32_opt(cx, "max"),
        },
        "postal_code" => FieldKind::PostalCode,
        "phone" => FieldKind::Phone,
        "email" => FieldKind::Email,
        "address" => FieldKind::Address,
        "digits" => FieldKind::Digits {
            min: cx.with(o, "min", Cx::u32),
            max: cx.with(o, "max", Cx::u32),
        },
        "group" => FieldKind::Group {
            fields: cx.list(o, "fields", field),
        },
        "list" => FieldKind::List {
            min: cx.with(o, "min", Cx::u32),
            max: cx.with(o, "max", Cx::u32),
            fields: cx.list(o, "fields", field),
        },
        other => {
            cx.stack.push(Seg::Key("type"));
            cx.unknown("field type", other);
            cx.stack.pop();
            FieldKind::Bool
        }
    }
}

fn choice_option<'v>(cx: &mut Cx<'v>, v: &'v Value) -> ChoiceOption {
    let o = cx.obj(v);
    ChoiceOption {
        key: cx.with(o, "key", Cx::string),
        label: required(cx, o, "label", text, Text::ja("")),
    }
}

fn presence<'v>(cx: &mut Cx<'v>, v: &'v Value) -> Presence {
    let o = cx.obj(v);
    let kind = match cx.member(o, "kind", true) {
        Some(k) => cx.at(Seg::Key("kind"), k, Cx::str),
        None => "optional",
    };
    match kind {
        "required" => Presence::Required,
        "optional" => Presence::Optional,
        "required_when" => Presence::RequiredWhen(required(cx, o, "when", expr, Expr::Today)),
        other => {
            cx.unknown("presence", other);
            Presence::Optional
        }
    }
}

fn rule<'v>(cx: &mut Cx<'v>, v: &'v Value) -> Rule {
    let o = cx.obj(v);
    Rule {
        name: cx.with(o, "name", Cx::string),
        severity: required_unit(cx, o, "severity", severity, Severity::Error),
        scope: cx.list(o, "scope", Cx::u32),
        when: cx.opt(o, "when", expr),
        check: required(cx, o, "check", expr, Expr::Today),
        at: cx
            .opt(o, "at", |cx, v| cx.items(v, Cx::u32))
            .unwrap_or_default(),
        message: required(cx, o, "message", text, Text::ja("")),
        source: cx.with(o, "source", Cx::string),
        basis: cx.opt(o, "basis", Cx::string),
    }
}

fn computed<'v>(cx: &mut Cx<'v>, v: &'v Value) -> Computed {
    let o = cx.obj(v);
    Computed {
        name: cx.with(o, "name", Cx::string),
        label: required(cx, o, "label", text, Text::ja("")),
        ty: required_unit(cx, o, "ty", value_type, ValueType::Bool),
        expr: required(cx, o, "expr", expr, Expr::Today),
        when: cx.opt(o, "when", expr),
        source: cx.with(o, "source", Cx::string),
    }
}

fn attachment<'v>(cx: &mut Cx<'v>, v: &'v Value) -> AttachmentSlot {
    let o = cx.obj(v);
    AttachmentSlot {
        id: cx.with(o, "id", Cx::string),
        label: required(cx, o, "label", text, Text::ja("")),
        help: cx.opt(o, "help", text),
        accept: cx.list(o, "accept", media_type),
        max_size: cx.with(o, "max_size", Cx::u64),
        max_count: cx.with(o, "max_count", Cx::u32),
        presence: required(cx, o, "presence", presence, Presence::Optional),
        required_src: cx.opt(o, "required_src", Cx::string),
    }
}

fn param<'v>(cx: &mut Cx<'v>, v: &'v Value) -> Param {
    let o = cx.obj(v);
    Param {
        name: cx.with(o, "name", Cx::string),
        label: required(cx, o, "label", text, Text::ja("")),
        ty: required_unit(cx, o, "ty", value_type, ValueType::Bool),
        keys: cx
            .opt(o, "keys", |cx, v| cx.items(v, Cx::string))
            .unwrap_or_default(),
        periods: cx.list(o, "periods", param_period),
        source: cx.with(o, "source", Cx::string),
    }
}

fn param_period<'v>(cx: &mut Cx<'v>, v: &'v Value) -> ParamPeriod {
    let o = cx.obj(v);
    ParamPeriod {
        from: required(cx, o, "from", Cx::date, NaiveDate::MIN),
        value: required(
            cx,
            o,
            "value",
            param_value,
            ParamValue::Single(Literal::Bool(false)),
        ),
        note: cx.opt(o, "note", Cx::string),
    }
}

fn param_value<'v>(cx: &mut Cx<'v>, v: &'v Value) -> ParamValue {
    let placeholder = || ParamValue::Single(Literal::Bool(false));
    let Some((tag, c)) = cx.variant(v) else {
        return placeholder();
    };
    match tag {
        "single" => ParamValue::Single(cx.at(Seg::Key(tag), c, literal)),
        "keyed" => ParamValue::Keyed(cx.at(Seg::Key(tag), c, |cx, v| cx.map(v, literal))),
        other => {
            cx.unknown("parameter value", other);
            placeholder()
        }
    }
}

// ---- expressions ----

fn literal<'v>(cx: &mut Cx<'v>, v: &'v Value) -> Literal {
    let Some((tag, c)) = cx.variant(v) else {
        return Literal::Bool(false);
    };
    cx.stack.push(Seg::Key(tag));
    let lit = match tag {
        "bool" => Literal::Bool(cx.boolean(c)),
        "int" => Literal::Int(cx.i64(c)),
        "yen" => Literal::Yen(cx.i64(c)),
        "rate" => {
            let o = cx.obj(c);
            Literal::Rate {
                num: cx.with(o, "num", Cx::i64),
                den: cx.with(o, "den", Cx::i64),
            }
        }
        "date" => Literal::Date(cx.date(c)),
        "month" => {
            let o = cx.obj(c);
            Literal::Month {
                year: i32::try_from(cx.with(o, "year", Cx::i64)).unwrap_or_else(|_| {
                    cx.fail("year out of range".into());
                    0
                }),
                month: cx.with(o, "month", Cx::u32),
            }
        }
        "duration" => {
            let o = cx.obj(c);
            Literal::Duration {
                n: cx.with(o, "n", Cx::i64),
                unit: required_unit(cx, o, "unit", duration_unit, DurationUnit::Days),
            }
        }
        "text" => Literal::Text(cx.string(c)),
        other => {
            cx.unknown("literal", other);
            Literal::Bool(false)
        }
    };
    cx.stack.pop();
    lit
}

fn field_ref<'v>(cx: &mut Cx<'v>, v: &'v Value) -> FieldRef {
    let o = cx.obj(v);
    FieldRef {
        frame: u8::try_from(cx.with(o, "frame", Cx::u32)).unwrap_or_else(|_| {
            cx.fail("frame out of range".into());
            0
        }),
        path: cx.list(o, "path", Cx::u32),
    }
}

fn boxed<'v>(cx: &mut Cx<'v>, o: Obj<'v>, key: &'static str) -> Box<Expr> {
    Box::new(required(cx, o, key, expr, Expr::Today))
}

fn expr<'v>(cx: &mut Cx<'v>, v: &'v Value) -> Expr {
    if let Value::String(s) = v {
        return match s.as_str() {
            "role" => Expr::Role,
            "today" => Expr::Today,
            other => {
                cx.unknown("expression", other);
                Expr::Today
            }
        };
    }
    let Some((tag, c)) = cx.variant(v) else {
        return Expr::Today;
    };
    cx.stack.push(Seg::Key(tag));
    let e = match tag {
        "lit" => Expr::Lit(literal(cx, c)),
        "field" => Expr::Field(field_ref(cx, c)),
        "present" => Expr::Present(field_ref(cx, c)),
        "qual" => Expr::Qual(qual_field(cx, c)),
        "unary" => {
            let o = cx.obj(c);
            Expr::Unary {
                op: required_unit(cx, o, "op", un_op, UnOp::Not),
                arg: boxed(cx, o, "arg"),
            }
        }
        "binary" => {
            let o = cx.obj(c);
            Expr::Binary {
                op: required_unit(cx, o, "op", bin_op, BinOp::Eq),
                lhs: boxed(cx, o, "lhs"),
                rhs: boxed(cx, o, "rhs"),
            }
        }
        "in" => {
            let o = cx.obj(c);
            Expr::In {
                value: boxed(cx, o, "value"),
                set: cx.list(o, "set", expr),
            }
        }
        "if" => {
            let o = cx.obj(c);
            Expr::If {
                cond: boxed(cx, o, "cond"),
                then: boxed(cx, o, "then"),
                otherwise: boxed(cx, o, "otherwise"),
            }
        }
        "call" => {
            let o = cx.obj(c);
            Expr::Call {
                func: required_unit(cx, o, "func", builtin, Builtin::Len),
                args: cx.list(o, "args", expr),
            }
        }
        "aggregate" => {
            let o = cx.obj(c);
            Expr::Aggregate {
                op: required_unit(cx, o, "op", agg_op, AggOp::Count),
                list: required(
                    cx,
                    o,
                    "list",
                    field_ref,
                    FieldRef {
                        frame: 0,
                        path: Vec::new(),
                    },
                ),
                body: cx.opt(o, "body", expr).map(Box::new),
            }
        }
        "param" => {
            let o = cx.obj(c);
            Expr::Param {
                name: cx.with(o, "name", Cx::string),
                at: boxed(cx, o, "at"),
                key: cx.opt(o, "key", expr).map(Box::new),
            }
        }
        other => {
            cx.unknown("expression", other);
            Expr::Today
        }
    };
    cx.stack.pop();
    e
}
