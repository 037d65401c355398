//! The bundle: every compiled form version plus the shared parameters.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::IR_VERSION;
use crate::derived::Derived;
use crate::expr::{Expr, Literal, ValueType};
use crate::form::Form;
use crate::text::Text;

/// All forms, versioned and content-hashed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Bundle {
    /// Must equal [`IR_VERSION`].
    pub ir_version: u32,
    /// `sha256:` + hex digest of the canonical JSON of `forms` and `params`.
    pub hash: String,
    /// Form versions, sorted by id then effective date.
    pub forms: Vec<Form>,
    /// Effective-dated parameters by name.
    pub params: BTreeMap<String, Param>,
    /// What the runtime derives from the forms once (its evaluation plan):
    /// not data, see [`Derived`].
    #[serde(skip)]
    derived: Derived,
}

impl Bundle {
    /// A bundle with an empty hash (the compiler fills it in).
    pub fn new(forms: Vec<Form>, params: BTreeMap<String, Param>) -> Self {
        Bundle {
            ir_version: IR_VERSION,
            hash: String::new(),
            forms,
            params,
            derived: Derived::default(),
        }
    }

    /// The cell the runtime keeps its evaluation plan in, built at the
    /// first validation with this bundle ([`Derived`]).
    pub fn derived(&self) -> &Derived {
        &self.derived
    }
}

impl Bundle {
    /// The bundle of only the forms whose id is in `ids` (every version of
    /// each) and the parameters their expressions read: what a frontend
    /// fetches for the forms it shows (`shinsei compile --only`). Its `hash`
    /// is empty: the compiler's hash function fills it in.
    pub fn subset(&self, ids: &[&str]) -> Bundle {
        let forms: Vec<Form> = self
            .forms
            .iter()
            .filter(|f| ids.contains(&f.id.as_str()))
            .cloned()
            .collect();
        let mut read = std::collections::BTreeSet::new();
        for form in &forms {
            crate::walk::for_each_expr(form, |e| {
                if let Expr::Param { name, .. } = e {
                    read.insert(name.as_str());
                }
            });
        }
        let params = self
            .params
            .iter()
            .filter(|(name, _)| read.contains(name.as_str()))
            .map(|(name, p)| (name.clone(), p.clone()))
            .collect();
        Bundle::new(forms, params)
    }
}

/// A value that changes by law on given dates.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Param {
    /// Name used in expressions.
    pub name: String,
    /// Description.
    pub label: Text,
    /// Type of the values.
    pub ty: ValueType,
    /// For keyed parameters (tables), the allowed keys in order; empty otherwise.
    #[serde(default, skip_serializing_if = "crate::wire::empty")]
    pub keys: Vec<String>,
    /// Periods, sorted by `from`; each lasts until the next one starts.
    pub periods: Vec<ParamPeriod>,
    /// Source file.
    pub source: String,
}

/// The value of a parameter from a date on.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ParamPeriod {
    /// First day this value applies.
    pub from: NaiveDate,
    /// The value.
    pub value: ParamValue,
    /// Where the number comes from (the author's note), if given.
    #[serde(default, skip_serializing_if = "crate::wire::absent")]
    pub note: Option<String>,
}

/// A parameter value: one value, or one per key.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ParamValue {
    /// One value.
    Single(Literal),
    /// One value per key.
    Keyed(BTreeMap<String, Literal>),
}
