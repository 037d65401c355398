//! The shinsei runtime: `validate(bundle, submission, now)`.
//!
//! It owns everything between a compiled [`Bundle`] and a [`ValidationResult`]:
//! reading the submission JSON (bounded: size, depth, duplicate keys), the
//! envelope (form, version by date, applicant, service hours), the 資格
//! block, decoding and normalizing every field by its kind, visibility and
//! required-ness, three-valued expression evaluation, rules, computed values
//! and attachment metadata. It is pure — no I/O, no clock (`now` is an
//! argument), no panics on any input — and builds for `wasm32-unknown-unknown`,
//! so the server and the browser give byte-identical verdicts.
//!
//! ```
//! use chrono::{DateTime, NaiveDate};
//! use shinsei_ir::{
//!     BinOp, Bundle, Category, DateRange, Expr, Field, FieldKind, FieldRef, Form, Presence, Role,
//!     Rule, Severity, Text,
//! };
//! use shinsei_runtime::{Options, validate};
//!
//! let field = |id: &str, label: &str| Field {
//!     id: id.into(),
//!     label: Text::ja(label),
//!     help: None,
//!     kind: FieldKind::Date,
//!     presence: Presence::Required,
//!     visible_when: None,
//!     visible_src: None,
//!     required_src: None,
//! };
//! let at = |i: u32| Box::new(Expr::Field(FieldRef { frame: 0, path: vec![i] }));
//! let form = Form {
//!     id: "demo".into(),
//!     title: Text::ja("見本"),
//!     version: "2026.1".into(),
//!     effective: DateRange { from: NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(), to: None },
//!     category: Category::Benefit,
//!     applicants: vec![Role::Insured],
//!     qualification: vec![],
//!     fields: vec![field("from", "開始日"), field("to", "終了日")],
//!     rules: vec![Rule {
//!         name: "period_order".into(),
//!         severity: Severity::Error,
//!         scope: vec![],
//!         when: None,
//!         check: Expr::Binary { op: BinOp::Ge, lhs: at(1), rhs: at(0) },
//!         at: vec![1],
//!         message: Text::ja("終了日は開始日以降にしてください"),
//!         source: "to >= from".into(),
//!         basis: Some("健康保険法第99条".into()),
//!     }],
//!     computed: vec![],
//!     attachments: vec![],
//!     params: vec![],
//!     source: "demo.form".into(),
//!     basis: None,
//!     migration: None,
//! };
//! let bundle = Bundle::new(vec![form], Default::default());
//! let now = DateTime::parse_from_rfc3339("2026-01-13T09:30:00+09:00").unwrap();
//! let submission = r#"{"form": "demo", "applicant": {"role": "insured"},
//!                      "fields": {"from": "令和８年１月１０日", "to": "2026-01-05"}}"#;
//! let result = validate(&bundle, submission, now, &Options::default());
//! assert!(!result.valid);
//! assert_eq!(result.version.as_deref(), Some("2026.1"));
//! assert_eq!(result.errors[0].path, "/fields/to");
//! assert_eq!(result.errors[0].code, "rule.period_order");
//! assert_eq!(result.normalized["/fields/from"], "2026-01-10");
//! ```

// Input-derived values must never panic the runtime (server and browser):
#![deny(clippy::unwrap_used)] // a `None` from input must become an issue, not an abort
#![deny(clippy::expect_used)] // same as unwrap: no "impossible" states derived from input
#![deny(clippy::panic)] // the only way out of validate() is a ValidationResult
#![deny(clippy::indexing_slicing)] // indices come from input and the IR: use get()
#![deny(clippy::arithmetic_side_effects)] // overflow panics in debug and wraps silently in release

pub mod application;
mod attachments;
pub mod basis;
mod canonical;
mod codes;
mod computed;
pub mod contract;
mod decode;
mod envelope;
mod eval;
mod json;
mod messages;
mod migrate;
mod plan;
mod pointer;
pub mod prefill;
mod qualification;
mod read;
mod reapply;
mod report;
#[cfg(test)]
mod reread;
mod result;
mod rules;
pub mod state;
pub mod trace;
mod tree;
mod tree_cost;
mod value;
mod visibility;

use std::cell::RefCell;

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};
use shinsei_ir::Bundle;

pub use application::{ApplicationFile, ExportError, FileCode, export_application};
pub use codes::{Code, RULE_PREFIX, is_known as is_known_code};
pub use messages::Lang;
pub use read::{MAX_DEPTH, MAX_UNKNOWN_MEMBERS, envelope_form};
pub use reapply::{Reapplication, ReapplyError, read_application, reapply};
pub use result::{AttachmentSummary, Canonical, Issue, IssueSeverity, ValidationResult};
pub use trace::{RuleTrace, Trace};

use crate::eval::Env;
use crate::json::{Json, member};
use crate::messages::{Msg, Word};
use crate::read::ParseError;
use crate::result::Report;

/// Default for [`Options::max_bytes`]: 1 MiB.
pub const DEFAULT_MAX_BYTES: usize = 1024 * 1024;

/// How to validate.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(default)]
pub struct Options {
    /// Language of messages.
    pub lang: Lang,
    /// Largest submission accepted, in bytes.
    pub max_bytes: usize,
    /// Put the legal basis next to each error and warning that has one
    /// (`basis` of the issue): a rule's own, the form's for `required` and
    /// `attachment.missing`. Off by default: the result then has no `basis`.
    pub basis: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            lang: Lang::Ja,
            max_bytes: DEFAULT_MAX_BYTES,
            basis: false,
        }
    }
}

/// Validates a submission (JSON text) against `bundle` at time `now`.
pub fn validate(
    bundle: &Bundle,
    submission: &str,
    now: DateTime<FixedOffset>,
    options: &Options,
) -> ValidationResult {
    parse_and_run(bundle, submission, now, options, Want::verdict()).0
}

/// [`validate`] and [`state::field_states`] from one parse and one decoding:
/// what validate-as-you-type needs on every keystroke. Both halves are exactly
/// what the two functions return on their own.
pub fn validate_with_states(
    bundle: &Bundle,
    submission: &str,
    now: DateTime<FixedOffset>,
    options: &Options,
) -> (ValidationResult, state::FieldStates) {
    parse_and_run(bundle, submission, now, options, Want::states())
}

/// [`validate_with_states`] without the canonical submission: the result's
/// `canonical` is `None`, everything else (issues, normalized values,
/// computed values, attachments, states) is exactly what
/// [`validate_with_states`] gives. What a field check on every keystroke
/// needs (`validateField` shows issues and states, never the canonical text,
/// which costs about a tenth of a call to write).
pub fn validate_as_you_type(
    bundle: &Bundle,
    submission: &str,
    now: DateTime<FixedOffset>,
    options: &Options,
) -> (ValidationResult, state::FieldStates) {
    let want = Want {
        canonical: false,
        ..Want::states()
    };
    parse_and_run(bundle, submission, now, options, want)
}

/// [`validate_with_states`] and the [`Trace`] of what was evaluated (which
/// rules held or fired, which param periods were read): what rule coverage
/// reads. The result and the states are exactly what the other entry points
/// return.
pub fn validate_traced(
    bundle: &Bundle,
    submission: &str,
    now: DateTime<FixedOffset>,
    options: &Options,
) -> (ValidationResult, state::FieldStates, Trace) {
    let trace = RefCell::new(Trace::default());
    let want = Want {
        trace: Some(&trace),
        ..Want::states()
    };
    let (result, states) = parse_and_run(bundle, submission, now, options, want);
    (result, states, trace.into_inner())
}

/// Reads `submission` and validates it, giving what `want` asks for; a text
/// that cannot be read is `envelope.malformed` with no field states.
fn parse_and_run(
    bundle: &Bundle,
    submission: &str,
    now: DateTime<FixedOffset>,
    options: &Options,
    want: Want<'_>,
) -> (ValidationResult, state::FieldStates) {
    read_and_run(bundle, submission, None, now, options, &want)
}

/// [`parse_and_run`], its fields first read against `read_as` if given (else
/// the version the envelope selects). The reader and validation select the
/// version with the same function from the same members, so [`run`] never
/// meets fields decoded for another version than it validates against; if
/// it did, they are read again against its version (one loop: `run` is
/// called from one place) — never a verdict on fields read for another, and
/// an explicit `envelope.version` error were the second reading to fail too.
fn read_and_run<'a>(
    bundle: &'a Bundle,
    submission: &str,
    mut read_as: Option<&'a shinsei_ir::Form>,
    now: DateTime<FixedOffset>,
    options: &Options,
    want: &Want<'_>,
) -> (ValidationResult, state::FieldStates) {
    let lang = options.lang;
    let mut read_again = false;
    loop {
        let parsed = match read::parse_as(submission, options.max_bytes, bundle, read_as, now, lang)
        {
            Ok(parsed) => parsed,
            Err(e) => return (malformed(&e, lang), state::FieldStates::default()),
        };
        match run(bundle, parsed, now, options, want) {
            Ok(out) => return out,
            Err(Reread(i)) if !read_again => {
                read_again = true;
                read_as = bundle.forms.get(i);
            }
            Err(Reread(_)) => {
                let mut report = Report::default();
                report.error("/version", Msg::VersionUnsettled, lang, &[]);
                return (report.finish(None, None), state::FieldStates::default());
            }
        }
    }
}

/// [`run`] read the fields against another form version than the one it
/// validates against: read them again against this one.
/// The form version is `bundle.forms[i]`.
#[derive(Debug)]
struct Reread(usize);

/// The optional outputs of [`run`].
struct Want<'t> {
    /// The field states.
    states: bool,
    /// The canonical submission (`ValidationResult::canonical`).
    canonical: bool,
    /// Where to record what was evaluated.
    trace: Option<&'t RefCell<Trace>>,
}

impl Want<'_> {
    /// What [`validate`] returns: the verdict with the canonical submission.
    fn verdict() -> Self {
        Want {
            states: false,
            canonical: true,
            trace: None,
        }
    }

    /// The verdict and the field states.
    fn states() -> Self {
        Want {
            states: true,
            ..Want::verdict()
        }
    }
}

/// Like [`validate`], for raw bytes (invalid UTF-8 ⇒ `envelope.malformed`).
pub fn validate_bytes(
    bundle: &Bundle,
    submission: &[u8],
    now: DateTime<FixedOffset>,
    options: &Options,
) -> ValidationResult {
    if submission.len() > options.max_bytes {
        let e = ParseError::TooLarge {
            size: submission.len(),
            limit: options.max_bytes,
        };
        return malformed(&e, options.lang);
    }
    match std::str::from_utf8(submission) {
        Ok(text) => validate(bundle, text, now, options),
        Err(e) => malformed(
            &ParseError::Utf8 {
                offset: e.valid_up_to(),
            },
            options.lang,
        ),
    }
}

fn malformed(e: &ParseError, lang: Lang) -> ValidationResult {
    let mut report = Report::default();
    let (n1, n2) = match e {
        ParseError::TooLarge { limit, .. } => (limit.to_string(), String::new()),
        ParseError::Utf8 { offset } => (offset.to_string(), String::new()),
        ParseError::Syntax { line, column }
        | ParseError::Depth { line, column }
        | ParseError::TooMany { line, column, .. }
        | ParseError::Duplicate { line, column, .. } => (line.to_string(), column.to_string()),
    };
    let depth = MAX_DEPTH.to_string();
    match e {
        ParseError::TooLarge { .. } => {
            report.error("", Msg::MalformedTooLarge, lang, &[("limit", &n1)])
        }
        ParseError::Utf8 { .. } => report.error("", Msg::MalformedUtf8, lang, &[("offset", &n1)]),
        ParseError::Syntax { .. } => report.error(
            "",
            Msg::MalformedSyntax,
            lang,
            &[("line", &n1), ("column", &n2)],
        ),
        ParseError::Depth { .. } => {
            report.error(
                "",
                Msg::MalformedDepth,
                lang,
                &[("limit", &depth), ("line", &n1), ("column", &n2)],
            );
        }
        ParseError::TooMany {
            what,
            pointer,
            limit,
            ..
        } => {
            let msg = match what {
                read::TooMany::UnknownMembers => Msg::MalformedUnknownMembers,
                read::TooMany::Attachments => Msg::MalformedAttachments,
            };
            let limit = limit.to_string();
            report.error(
                pointer.as_str(),
                msg,
                lang,
                &[("limit", &limit), ("line", &n1), ("column", &n2)],
            );
        }
        ParseError::Duplicate { pointer, .. } => {
            report.error(
                pointer.as_str(),
                Msg::MalformedDuplicate,
                lang,
                &[("line", &n1), ("column", &n2)],
            );
        }
    }
    report.finish(None, None)
}

/// The whole pipeline over a parsed submission; with `want.states`, also the
/// field states (otherwise they are left empty).
fn run<'a>(
    bundle: &'a Bundle,
    parsed: read::Parsed<'a>,
    now: DateTime<FixedOffset>,
    options: &Options,
    want: &Want<'_>,
) -> Result<(ValidationResult, state::FieldStates), Reread> {
    let with_states = want.states;
    let lang = options.lang;
    let mut report = Report::default();
    let read::Parsed { root, tree, sent } = parsed;
    let Some(members) = root.as_object() else {
        let cx = decode::Ctx {
            lang,
            label: Word::Submission.text(lang),
            path: "",
            key: None,
        };
        report.push(cx.type_error(Word::Object, root.kind()));
        return Ok((report.finish(None, None), state::FieldStates::default()));
    };
    let form = match envelope::open(bundle, members, now, lang, &mut report) {
        Ok(form) => form,
        Err(stop) => {
            let states = state::FieldStates {
                form: if with_states { stop.form.clone() } else { None },
                ..state::FieldStates::default()
            };
            return Ok((report.finish(stop.form, None), states));
        }
    };
    if !shinsei_jp::calendar::service_open(now) {
        report.error("", Msg::ServiceClosed, lang, &[]);
    }
    let role = envelope::applicant(form, member(members, "applicant"), lang, &mut report);
    let today = shinsei_jp::calendar::jst_date(now);
    let qual = qualification::check(
        form,
        member(members, "qualification"),
        today,
        lang,
        &mut report,
    );
    let mut fields_broken = false;
    match member(members, "fields") {
        None | Some(Json::Null | Json::Fields { .. }) => {}
        Some(other) => {
            let cx = decode::Ctx {
                lang,
                label: Word::Fields.text(lang),
                path: "/fields",
                key: None,
            };
            report.push(cx.type_error(Word::Object, other.kind()));
            fields_broken = true;
        }
    }
    // Decoded while it was read (a root with every member absent when no
    // object of the form's fields was read).
    let mut tree = decode::rooted(tree, &form.fields).map_err(|_| {
        Reread(
            bundle
                .forms
                .iter()
                .position(|f| std::ptr::eq(f, form))
                .unwrap_or(usize::MAX),
        )
    })?;
    if fields_broken {
        // One `type` error at /fields says it all: no `required` errors at
        // pointers that run through a non-object (as for a list item).
        if let Some(root) = tree.insts.get_mut(tree::ROOT) {
            root.broken = true;
        }
    }
    let plan = plan::Plan::of(bundle, form);
    let env = Env {
        tree: &tree,
        bundle,
        today,
        role,
        qual: &qual,
        trace: want.trace,
        plan,
        memo: eval::Memo::new(plan),
    };
    report::report_fields(&env, lang, &mut report);
    rules::run_rules(&env, form, lang, &mut report);
    let computed = computed::compute(&env, form);
    let attachments = attachments::check(
        form,
        member(members, "attachments"),
        &env,
        lang,
        &mut report,
    );
    let states = if with_states {
        state::collect(&env, form)
    } else {
        state::FieldStates::default()
    };
    let canonical = want
        .canonical
        .then(|| result::Canonical::new(canonical::write(&env, form, members, &qual, sent)));
    let mut result = report.finish(Some(form.id.clone()), Some(form.version.clone()));
    result.computed = computed;
    result.attachments = attachments;
    result.canonical = canonical;
    if options.basis {
        basis::attach(form, &mut result);
    }
    Ok((result, states))
}
