//! Field states for validate-as-you-type: which fields of a submission are
//! shown right now and which must be filled, so a frontend can show and hide
//! conditional fields as the member types.
//!
//! The answers come from the same decoding, visibility and required-when
//! evaluation as [`crate::validate`] (a field is visible here exactly when
//! `validate` treats it as visible), and like `validate` this never panics.
//!
//! ```
//! use chrono::{DateTime, NaiveDate};
//! use shinsei_ir::{Bundle, Category, DateRange, Expr, Field, FieldKind, FieldRef, Form, Presence, Role, Text};
//! use shinsei_runtime::{Options, state::field_states};
//!
//! let field = |id: &str, kind: FieldKind, when: Option<Expr>| Field {
//!     id: id.into(), label: Text::ja(id), help: None, kind, presence: Presence::Required,
//!     visible_when: when, visible_src: None, required_src: None,
//! };
//! let paid = Expr::Field(FieldRef { frame: 0, path: vec![0] });
//! let form = Form {
//!     id: "demo".into(), title: Text::ja("見本"), version: "1".into(),
//!     effective: DateRange { from: NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(), to: None },
//!     category: Category::Benefit, applicants: vec![Role::Insured], qualification: vec![],
//!     fields: vec![
//!         field("paid", FieldKind::Bool, None),
//!         field("amount", FieldKind::Yen { min: None, max: None }, Some(paid)),
//!     ],
//!     rules: vec![], computed: vec![], attachments: vec![], params: vec![], source: String::new(),
//!     basis: None, migration: None,
//! };
//! let bundle = Bundle::new(vec![form], Default::default());
//! let now = DateTime::parse_from_rfc3339("2026-01-13T09:30:00+09:00").unwrap();
//! let states = |fields: &str| {
//!     let s = format!(r#"{{"form": "demo", "applicant": {{"role": "insured"}}, "fields": {fields}}}"#);
//!     field_states(&bundle, &s, now, &Options::default())
//! };
//! let shown = states(r#"{"paid": true}"#);
//! assert_eq!(shown.fields[1].path, "/fields/amount");
//! assert!(shown.fields[1].visible && shown.fields[1].required);
//! assert!(!states(r#"{"paid": false}"#).fields[1].visible);
//! ```

use chrono::{DateTime, FixedOffset};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use shinsei_ir::{Bundle, Field, FieldKind, Form, Presence};

use crate::Options;
use crate::eval::Env;
use crate::plan::FormPlan;
use crate::pointer::Pointer;
use crate::tree::{InstId, ROOT, State};

/// The state of every field of one submission.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct FieldStates {
    /// The form id, when the envelope named a form of the bundle.
    pub form: Option<String>,
    /// The form version the states were computed for.
    pub version: Option<String>,
    /// One entry per field, group and list of the `fields` tree, in
    /// declaration order (depth first). Members of a hidden group or list are
    /// left out, and so are members of list items that do not exist; members
    /// of a shown group are listed even when the group was not sent. Empty
    /// when the envelope could not be read (see the validation result).
    pub fields: Vec<FieldState>,
}

/// Whether one field is shown and must be filled.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct FieldState {
    /// JSON Pointer of the field with real list indices, e.g.
    /// `/fields/leave/0/to`.
    pub path: String,
    /// Shown: its parents are shown and its own `when` condition holds.
    pub visible: bool,
    /// Shown and must have a value (`required`, or `required when` holding).
    pub required: bool,
    /// For a list: the number of items sent (at most the list's `max`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub items: Option<u32>,
}

/// The state of every field of `submission` at time `now`: what `validate`
/// would consider shown and required. Unreadable input gives no fields.
/// (Computed with the validation; [`crate::validate_with_states`] gives both.)
pub fn field_states(
    bundle: &Bundle,
    submission: &str,
    now: DateTime<FixedOffset>,
    options: &Options,
) -> FieldStates {
    crate::validate_with_states(bundle, submission, now, options).1
}

/// The states of a decoded submission of `form`.
pub(crate) fn collect<'a>(env: &Env<'a>, form: &'a Form) -> FieldStates {
    // Items of lists add theirs as they are met.
    let mut out = Vec::with_capacity(env.plan.map_or(0, FormPlan::states));
    let mut path = Pointer::root();
    path.push_key("fields");
    walk(env, &form.fields, Some(ROOT), ROOT, &mut path, &mut out);
    FieldStates {
        form: Some(form.id.clone()),
        version: Some(form.version.clone()),
        fields: out,
    }
}

/// Lists the members of instance `inst` (declared as `decls`), or, when the
/// object was not sent (`None`), of a shown group evaluated in `frame`.
fn walk<'a>(
    env: &Env<'a>,
    decls: &'a [Field],
    inst: Option<InstId>,
    frame: InstId,
    path: &mut Pointer,
    out: &mut Vec<FieldState>,
) {
    for (idx, field) in decls.iter().enumerate() {
        let mark = path.push_key(&field.id);
        let (visible, required, state) = match inst {
            Some(id) => {
                let visible = env.member_visible(id, idx);
                let required = visible && env.required(id, &field.presence);
                let state = env.tree.member(id, idx).map(|(_, m)| &m.state);
                (visible, required, state)
            }
            None => {
                let visible = field
                    .visible_when
                    .as_ref()
                    .is_none_or(|c| env.truth(c, frame) == Some(true));
                let required = visible
                    && match &field.presence {
                        Presence::Required => true,
                        Presence::Optional => false,
                        Presence::RequiredWhen(c) => env.truth(c, frame) == Some(true),
                    };
                (visible, required, None)
            }
        };
        let items = match (&field.kind, state) {
            (FieldKind::List { .. }, Some(State::List(items))) => {
                Some(u32::try_from(items.len()).unwrap_or(u32::MAX))
            }
            (FieldKind::List { .. }, Some(State::Absent) | None) => Some(0),
            _ => None,
        };
        out.push(FieldState {
            path: path.as_str().to_owned(),
            visible,
            required,
            items,
        });
        if visible {
            match (&field.kind, state) {
                (FieldKind::Group { fields }, Some(State::Group(g))) => {
                    walk(env, fields, Some(*g), env.frame_of(*g), path, out);
                }
                (FieldKind::Group { fields }, Some(State::Absent) | None) => {
                    walk(env, fields, None, frame, path, out);
                }
                (FieldKind::List { fields, .. }, Some(State::List(items))) => {
                    out.reserve(items.len().saturating_mul(fields.len()));
                    for (j, item) in items.iter().enumerate() {
                        let m = path.push_index(j);
                        walk(env, fields, Some(*item), *item, path, out);
                        path.truncate(m);
                    }
                }
                _ => {}
            }
        }
        path.truncate(mark);
    }
}
