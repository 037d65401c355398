//! What one validation evaluated: which rules held and which fired, and which
//! period of each dated param was read. An optional output of the pipeline
//! ([`crate::validate_traced`]), for rule coverage (`shinsei test
//! --coverage`); [`crate::validate`] does not collect it.
//!
//! ```
//! # use chrono::{DateTime, NaiveDate};
//! # use shinsei_ir::{BinOp, Bundle, Category, DateRange, Expr, Field, FieldKind, FieldRef, Form,
//! #     Presence, Role, Rule, Severity, Text};
//! # let field = |id: &str| Field { id: id.into(), label: Text::ja(id), help: None,
//! #     kind: FieldKind::Date, presence: Presence::Required, visible_when: None,
//! #     visible_src: None, required_src: None };
//! # let at = |i: u32| Box::new(Expr::Field(FieldRef { frame: 0, path: vec![i] }));
//! # let form = Form { id: "demo".into(), title: Text::ja("見本"), version: "1".into(),
//! #     effective: DateRange { from: NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(), to: None },
//! #     category: Category::Benefit, applicants: vec![Role::Insured], qualification: vec![],
//! #     fields: vec![field("from"), field("to")],
//! #     rules: vec![Rule { name: "order".into(), severity: Severity::Error, scope: vec![],
//! #         when: None, check: Expr::Binary { op: BinOp::Ge, lhs: at(1), rhs: at(0) },
//! #         at: vec![1], message: Text::ja("…"), source: "to >= from".into(), basis: None }],
//! #     computed: vec![], attachments: vec![], params: vec![], source: String::new(),
//! #     basis: None, migration: None };
//! # let bundle = Bundle::new(vec![form], Default::default());
//! use shinsei_runtime::{Options, validate_traced};
//! let now = DateTime::parse_from_rfc3339("2026-01-13T09:30:00+09:00").unwrap();
//! let sub = r#"{"form": "demo", "applicant": {"role": "insured"},
//!              "fields": {"from": "2026-01-05", "to": "2026-01-10"}}"#;
//! let (result, _states, trace) = validate_traced(&bundle, sub, now, &Options::default());
//! assert!(result.valid);
//! assert_eq!(trace.rules["order"].held, 1);
//! assert_eq!(trace.rules["order"].fired, 0);
//! ```

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// What one validation evaluated.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Trace {
    /// Per rule of the form (by name), what its evaluations came to. A rule
    /// in a list is evaluated once per item; a rule in a hidden group or list
    /// is not evaluated and has no entry.
    pub rules: BTreeMap<String, RuleTrace>,
    /// Per param (by name), the first day (`from`) of every period that an
    /// expression read.
    pub params: BTreeMap<String, BTreeSet<NaiveDate>>,
}

/// How often a rule's evaluations came out each way.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RuleTrace {
    /// `when` true (or absent) and `check` true: the rule held.
    pub held: u32,
    /// `when` true (or absent) and `check` false: the rule fired.
    pub fired: u32,
    /// `when` false: the rule did not apply.
    pub not_applicable: u32,
    /// `when` or `check` unknown (a missing or invalid input): silent.
    pub unknown: u32,
}

/// The outcome of one evaluation of a rule.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Outcome {
    Held,
    Fired,
    NotApplicable,
    Unknown,
}

impl Trace {
    /// Records one evaluation of rule `name`.
    pub(crate) fn rule(&mut self, name: &str, outcome: Outcome) {
        let t = self.rules.entry(name.to_owned()).or_default();
        let n = match outcome {
            Outcome::Held => &mut t.held,
            Outcome::Fired => &mut t.fired,
            Outcome::NotApplicable => &mut t.not_applicable,
            Outcome::Unknown => &mut t.unknown,
        };
        *n = n.saturating_add(1);
    }

    /// Records that the period of `param` starting on `from` was read.
    pub(crate) fn param(&mut self, param: &str, from: NaiveDate) {
        if let Some(set) = self.params.get_mut(param) {
            set.insert(from);
        } else {
            self.params.insert(param.to_owned(), BTreeSet::from([from]));
        }
    }
}
