//! The form's conditions (`when`, `required when`) as `if`/`then` rules of the
//! input schema, where JSON Schema can say them.
//!
//! The runtime ignores a value sent to a hidden field (a warning), whatever
//! it is; so the input schema accepts anything where a conditional field
//! stands, and types it in a rule `if <condition holds> then <field typed>`
//! at the object of the frame (the form's `fields` or a list item) the
//! condition reads. A condition becomes an `if` only when the `if` can hold
//! on a submission the runtime accepts *only if* the condition is true there:
//! comparisons of an unconditionally shown field with a literal (`==`, `in`),
//! a shown bool field or its `not`, `present(…)`, and `and`/`or` of those.
//! Anything else leaves the field untyped: the schema stays a superset of
//! what the runtime accepts, never a subset.

use serde_json::{Map, Value};
use shinsei_ir::{BinOp, Expr, Field, FieldKind, FieldRef, Literal, Presence, UnOp};

use super::build::Obj;
use super::notation;

/// A step from a frame's object down to a field's parent object.
#[derive(Clone, Debug)]
enum Step<'a> {
    /// Into the group (or list) member with this key.
    Group(&'a str),
    /// Into each item of the list with this key.
    List(&'a str),
}

/// The rules of the frame whose fields are `frame_fields` (lists nested
/// `depth` deep), for the conditional fields it or its unconditional
/// descendants hold. `typed` gives a field's schema with its presence
/// (`true`: required).
pub(crate) fn frame_rules(
    frame_fields: &[Field],
    depth: u8,
    typed: &dyn Fn(&Field, bool, u8) -> Value,
) -> Vec<Value> {
    let mut cx = Collect {
        frame_fields,
        depth,
        typed,
        steps: Vec::new(),
        out: Vec::new(),
    };
    cx.walk(frame_fields, depth);
    cx.out
}

struct Collect<'a, 't> {
    frame_fields: &'a [Field],
    depth: u8,
    typed: &'t dyn Fn(&Field, bool, u8) -> Value,
    steps: Vec<Step<'a>>,
    out: Vec<Value>,
}

impl<'a> Collect<'a, '_> {
    fn walk(&mut self, fields: &'a [Field], at_depth: u8) {
        for f in fields {
            let required_when = match &f.presence {
                Presence::RequiredWhen(c) => self.condition(c),
                _ => None,
            };
            match &f.visible_when {
                Some(c) => {
                    // Shown by a condition: typed (and required) only when it holds.
                    if let Some(shown) = self.condition(c) {
                        let required = matches!(f.presence, Presence::Required);
                        self.rule(shown.clone(), f, required, at_depth);
                        if let Some(req) = required_when {
                            self.rule(all_of(shown, req), f, true, at_depth);
                        }
                    }
                }
                None => {
                    if let Some(req) = required_when {
                        self.rule(req, f, true, at_depth);
                    }
                    match &f.kind {
                        FieldKind::Group { fields } => {
                            self.steps.push(Step::Group(&f.id));
                            self.walk(fields, at_depth);
                            self.steps.pop();
                        }
                        FieldKind::List { fields, .. } => {
                            self.steps.push(Step::List(&f.id));
                            self.walk(fields, at_depth.saturating_add(1));
                            self.steps.pop();
                        }
                        _ => {}
                    }
                }
            }
        }
    }

    /// `if <cond> then <f typed, required or not>` at the frame's object.
    fn rule(&mut self, cond: Value, f: &Field, required: bool, at_depth: u8) {
        let mut properties = Map::new();
        properties.insert(f.id.clone(), (self.typed)(f, required, at_depth));
        let mut leaf = Obj::ty("object").set("properties", properties);
        if required {
            leaf = leaf.set("required", vec![Value::from(f.id.as_str())]);
        }
        let then = navigate(&self.steps, leaf.into());
        self.out
            .push(Obj::new().set("if", cond).set("then", then).into());
    }

    /// The `if` schema of `cond` at the frame's object, when there is one.
    fn condition(&self, cond: &Expr) -> Option<Value> {
        match cond {
            Expr::Field(r) => {
                let (path, f) = self.resolve(r)?;
                matches!(f.kind, FieldKind::Bool).then(|| at(&path, Obj::new().set("const", true)))
            }
            Expr::Unary { op: UnOp::Not, arg } => match arg.as_ref() {
                Expr::Field(r) => {
                    let (path, f) = self.resolve(r)?;
                    matches!(f.kind, FieldKind::Bool)
                        .then(|| at(&path, Obj::new().set("const", false)))
                }
                _ => None,
            },
            Expr::Present(r) => {
                let (path, f) = self.resolve(r)?;
                // A period sent as `{}` is absent; lists as `[]` too.
                let absent = match f.kind {
                    FieldKind::Period => return None,
                    FieldKind::List { .. } => Obj::ty("array").set("maxItems", 0),
                    _ => Obj::ty("string").set("pattern", notation::blank()),
                };
                let not_absent = Obj::new().set("not", Obj::any_of([Obj::ty("null"), absent]));
                Some(at(&path, not_absent))
            }
            Expr::Binary { op, lhs, rhs } => match op {
                BinOp::And => Some(all_of(self.condition(lhs)?, self.condition(rhs)?)),
                BinOp::Or => {
                    let sides: Vec<Value> = [lhs, rhs]
                        .into_iter()
                        .filter_map(|e| self.condition(e))
                        .collect();
                    match sides.len() {
                        0 => None,
                        1 => sides.into_iter().next(),
                        _ => Some(Obj::new().set("anyOf", sides).into()),
                    }
                }
                BinOp::Eq => {
                    let (r, lit) = match (lhs.as_ref(), rhs.as_ref()) {
                        (Expr::Field(r), Expr::Lit(l)) | (Expr::Lit(l), Expr::Field(r)) => (r, l),
                        _ => return None,
                    };
                    let (path, _) = self.resolve(r)?;
                    Some(at(&path, Obj::new().set("const", literal(lit)?)))
                }
                _ => None,
            },
            Expr::In { value, set } => {
                let Expr::Field(r) = value.as_ref() else {
                    return None;
                };
                let (path, _) = self.resolve(r)?;
                let values: Option<Vec<Value>> = set
                    .iter()
                    .map(|e| match e {
                        Expr::Lit(l) => literal(l),
                        _ => None,
                    })
                    .collect();
                Some(at(&path, Obj::new().set("enum", values?)))
            }
            _ => None,
        }
    }

    /// The keys from the frame's object to the field `r` names, when it is in
    /// this frame and it and every group on the way are always shown.
    fn resolve(&self, r: &FieldRef) -> Option<(Vec<&'a str>, &'a Field)> {
        if r.frame != self.depth {
            return None;
        }
        let mut fields = self.frame_fields;
        let mut keys = Vec::new();
        let mut last = None;
        for (i, &index) in r.path.iter().enumerate() {
            let f = fields.get(usize::try_from(index).ok()?)?;
            if f.visible_when.is_some() {
                return None;
            }
            keys.push(f.id.as_str());
            last = Some(f);
            if i + 1 < r.path.len() {
                match &f.kind {
                    FieldKind::Group { fields: inner } => fields = inner,
                    _ => return None,
                }
            }
        }
        Some((keys, last?))
    }
}

/// A literal as the JSON value the member sends for it, when the runtime
/// reads that value back as the literal.
fn literal(l: &Literal) -> Option<Value> {
    match l {
        Literal::Bool(b) => Some(Value::from(*b)),
        Literal::Int(n) | Literal::Yen(n) => Some(Value::from(*n)),
        Literal::Text(s) => Some(Value::from(s.as_str())),
        _ => None,
    }
}

/// `{"allOf": [a, b]}`.
fn all_of(a: Value, b: Value) -> Value {
    Obj::new().set("allOf", vec![a, b]).into()
}

/// `leaf` at the member `path` (keys through groups) of an object: each level
/// an object that has the key.
fn at(path: &[&str], leaf: Obj) -> Value {
    let mut schema: Value = leaf.into();
    for key in path.iter().rev() {
        let mut properties = Map::new();
        properties.insert((*key).to_owned(), schema);
        schema = Obj::ty("object")
            .set("properties", properties)
            .set("required", vec![Value::from(*key)])
            .into();
    }
    schema
}

/// `leaf` (a schema of the field's parent object) applied down `steps`: into
/// groups that are objects and into the items of lists that are arrays (other
/// values are the runtime's `type` errors, not this rule's business).
fn navigate(steps: &[Step<'_>], leaf: Value) -> Value {
    let Some((first, rest)) = steps.split_first() else {
        return leaf;
    };
    let inner = navigate(rest, leaf);
    let (key, value) = match first {
        Step::Group(key) => (key, when_type("object", inner)),
        Step::List(key) => (
            key,
            when_type(
                "array",
                Obj::ty("array")
                    .set("items", when_type("object", inner))
                    .into(),
            ),
        ),
    };
    let mut properties = Map::new();
    properties.insert((*key).to_owned(), value);
    Obj::ty("object").set("properties", properties).into()
}

/// `{"if": {"type": ty}, "then": then}`: `then` applies to values of that type.
fn when_type(ty: &str, then: Value) -> Value {
    Obj::new().set("if", Obj::ty(ty)).set("then", then).into()
}
