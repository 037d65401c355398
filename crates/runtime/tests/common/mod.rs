//! Hand-built IR for the runtime tests (the compiler is a separate crate).
#![allow(dead_code, missing_docs)]

use std::collections::BTreeMap;

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde_json::{Value as J, json};
use shinsei_ir::*;
use shinsei_runtime::{Options, ValidationResult, validate};

pub fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

pub fn at(s: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(s).unwrap()
}

/// Tuesday 2026-01-13 09:30 JST: a business day, service open.
pub fn now() -> DateTime<FixedOffset> {
    at("2026-01-13T09:30:00+09:00")
}

pub fn field(id: &str, label: &str, kind: FieldKind) -> Field {
    Field {
        id: id.into(),
        label: Text::ja(label),
        help: None,
        kind,
        presence: Presence::Optional,
        visible_when: None,
        visible_src: None,
        required_src: None,
    }
}

pub trait FieldExt {
    fn required(self) -> Self;
    fn required_when(self, e: Expr) -> Self;
    fn visible_when(self, e: Expr) -> Self;
}

impl FieldExt for Field {
    fn required(mut self) -> Self {
        self.presence = Presence::Required;
        self
    }
    fn required_when(mut self, e: Expr) -> Self {
        self.presence = Presence::RequiredWhen(e);
        self
    }
    fn visible_when(mut self, e: Expr) -> Self {
        self.visible_when = Some(e);
        self
    }
}

pub fn text() -> FieldKind {
    FieldKind::Text {
        min_len: None,
        max_len: None,
        chars: None,
        lines: None,
    }
}
pub fn yen() -> FieldKind {
    FieldKind::Yen {
        min: None,
        max: None,
    }
}
pub fn int(min: Option<i64>, max: Option<i64>) -> FieldKind {
    FieldKind::Integer { min, max }
}
pub fn choice(keys: &[&str]) -> FieldKind {
    FieldKind::Choice {
        options: options(keys),
    }
}
pub fn options(keys: &[&str]) -> Vec<ChoiceOption> {
    keys.iter()
        .map(|k| ChoiceOption {
            key: (*k).into(),
            label: Text::ja(*k),
        })
        .collect()
}
pub fn group(fields: Vec<Field>) -> FieldKind {
    FieldKind::Group { fields }
}
pub fn list(min: u32, max: u32, fields: Vec<Field>) -> FieldKind {
    FieldKind::List { min, max, fields }
}

pub fn form(id: &str, fields: Vec<Field>) -> Form {
    Form {
        id: id.into(),
        title: Text::ja("テスト"),
        version: "2026.1".into(),
        effective: DateRange {
            from: d(2026, 1, 1),
            to: None,
        },
        category: Category::Benefit,
        applicants: vec![Role::Insured, Role::Agent],
        qualification: vec![],
        fields,
        rules: vec![],
        computed: vec![],
        attachments: vec![],
        params: vec![],
        source: format!("{id}.form"),
        basis: None,
        migration: None,
    }
}

pub fn bundle(forms: Vec<Form>) -> Bundle {
    Bundle::new(forms, BTreeMap::new())
}

// ---- expressions ----

pub fn f(path: &[u32]) -> Expr {
    Expr::Field(FieldRef {
        frame: 0,
        path: path.to_vec(),
    })
}
pub fn fr(frame: u8, path: &[u32]) -> FieldRef {
    FieldRef {
        frame,
        path: path.to_vec(),
    }
}
pub fn ff(frame: u8, path: &[u32]) -> Expr {
    Expr::Field(fr(frame, path))
}
pub fn present(path: &[u32]) -> Expr {
    Expr::Present(fr(0, path))
}
pub fn lint(n: i64) -> Expr {
    Expr::Lit(Literal::Int(n))
}
pub fn lyen(n: i64) -> Expr {
    Expr::Lit(Literal::Yen(n))
}
pub fn lrate(num: i64, den: i64) -> Expr {
    Expr::Lit(Literal::Rate { num, den })
}
pub fn lbool(b: bool) -> Expr {
    Expr::Lit(Literal::Bool(b))
}
pub fn ldate(y: i32, m: u32, day: u32) -> Expr {
    Expr::Lit(Literal::Date(d(y, m, day)))
}
pub fn ltext(s: &str) -> Expr {
    Expr::Lit(Literal::Text(s.into()))
}
pub fn ldur(n: i64, unit: DurationUnit) -> Expr {
    Expr::Lit(Literal::Duration { n, unit })
}
pub fn bin(op: BinOp, a: Expr, b: Expr) -> Expr {
    Expr::Binary {
        op,
        lhs: Box::new(a),
        rhs: Box::new(b),
    }
}
pub fn not(a: Expr) -> Expr {
    Expr::Unary {
        op: UnOp::Not,
        arg: Box::new(a),
    }
}
pub fn call(func: Builtin, args: Vec<Expr>) -> Expr {
    Expr::Call { func, args }
}
pub fn agg(op: AggOp, list: FieldRef, body: Option<Expr>) -> Expr {
    Expr::Aggregate {
        op,
        list,
        body: body.map(Box::new),
    }
}
pub fn param(name: &str, at: Expr) -> Expr {
    Expr::Param {
        name: name.into(),
        at: Box::new(at),
        key: None,
    }
}

pub fn rule(name: &str, scope: &[u32], check: Expr, at: &[u32]) -> Rule {
    Rule {
        name: name.into(),
        severity: Severity::Error,
        scope: scope.to_vec(),
        when: None,
        check,
        at: at.to_vec(),
        message: Text {
            ja: format!("{name} に違反しています"),
            en: Some(format!("{name} violated")),
        },
        source: String::new(),
        basis: None,
    }
}

pub fn computed(name: &str, ty: ValueType, expr: Expr) -> Computed {
    Computed {
        name: name.into(),
        label: Text::ja(name),
        ty,
        expr,
        when: None,
        source: String::new(),
    }
}

pub fn slot(
    id: &str,
    label: &str,
    accept: &[MediaType],
    max_size: u64,
    max_count: u32,
    presence: Presence,
) -> AttachmentSlot {
    AttachmentSlot {
        id: id.into(),
        label: Text::ja(label),
        help: None,
        accept: accept.to_vec(),
        max_size,
        max_count,
        presence,
        required_src: None,
    }
}

// ---- running ----

/// An envelope for form `t` by an insured person with these fields.
pub fn env(fields: J) -> J {
    json!({ "form": "t", "applicant": { "role": "insured" }, "fields": fields })
}

pub fn run(bundle: &Bundle, submission: &J) -> ValidationResult {
    validate(bundle, &submission.to_string(), now(), &Options::default())
}

pub fn run_str(bundle: &Bundle, submission: &str) -> ValidationResult {
    validate(bundle, submission, now(), &Options::default())
}

/// `(path, code)` of every error.
pub fn errors(r: &ValidationResult) -> Vec<(String, String)> {
    r.errors
        .iter()
        .map(|i| (i.path.clone(), i.code.clone()))
        .collect()
}

/// `(path, code)` of every warning.
pub fn warnings(r: &ValidationResult) -> Vec<(String, String)> {
    r.warnings
        .iter()
        .map(|i| (i.path.clone(), i.code.clone()))
        .collect()
}

pub fn pc(path: &str, code: &str) -> (String, String) {
    (path.to_owned(), code.to_owned())
}

/// Asserts the errors are exactly these `(path, code)` pairs, in order.
#[track_caller]
pub fn assert_errors(r: &ValidationResult, expected: &[(&str, &str)]) {
    let expected: Vec<(String, String)> = expected.iter().map(|(p, c)| pc(p, c)).collect();
    assert_eq!(errors(r), expected, "full result: {r:#?}");
    assert_eq!(r.valid, r.errors.is_empty());
}

/// The one-form bundle with `fields` (form id `t`).
pub fn single(fields: Vec<Field>) -> Bundle {
    bundle(vec![form("t", fields)])
}

/// Evaluates `expr` as a computed value of form `t` with `fields` and returns it.
pub fn eval_with(fields: Vec<Field>, values: J, ty: ValueType, expr: Expr) -> Option<J> {
    let mut form = form("t", fields);
    form.computed.push(computed("x", ty, expr));
    let r = run(&bundle(vec![form]), &env(values));
    r.computed.get("x").cloned()
}

/// Evaluates `expr` with no fields.
pub fn eval(ty: ValueType, expr: Expr) -> Option<J> {
    eval_with(vec![], json!({}), ty, expr)
}
