//! Re-application cases (`forms/<id>/reapply/*.json`): an application file
//! made under an older version of the form, the member's current
//! qualification record, the moment of re-application, and what is expected:
//! the version it is re-applied under, exactly which notices (`changes`,
//! code at path), and the verdict (as in an ordinary case).
//!
//! ```json
//! {
//!   "description": "毎月納付は廃止: 選び直し、通知書の受け取り方法は新しい項目",
//!   "now": "2027-04-05T10:00:00+09:00",
//!   "record": { "symbol": "12345678", "...": "..." },
//!   "application": { "format": "shinsei.application", "...": "from `shinsei export`" },
//!   "expect": {
//!     "version": "2027.1",
//!     "changes": [ { "path": "/fields/payment_method", "code": "migration.choice" } ],
//!     "errors": [ { "path": "/fields/payment_method", "code": "required" } ]
//!   }
//! }
//! ```

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use chrono::DateTime;
use serde::Deserialize;
use serde_json::Value;
use shinsei_ir::Bundle;
use shinsei_runtime::{ApplicationFile, Lang, Options, Reapplication};

use crate::cases::CaseOutcome;
use crate::cases::{Case, Expect, Expected, diff_issues};
use crate::error::CliError;

/// A re-application case file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReapplyCase {
    /// What the case shows.
    #[serde(default)]
    pub description: String,
    /// The moment of re-application (RFC 3339).
    pub now: String,
    /// Message language (`ja` or `en`).
    #[serde(default)]
    pub lang: Option<String>,
    /// The member's current qualification record.
    pub record: Value,
    /// The application file.
    pub application: Value,
    /// What is expected.
    pub expect: ReapplyExpect,
}

/// The expectation of a re-application case: the version and notices of
/// the re-application, then the verdict's keys of an ordinary case's
/// [`Expect`] (but `normalized`), spelled out rather than flattened because
/// serde cannot refuse unknown keys through `flatten`, and a misspelt key
/// must fail the case file, not be ignored.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReapplyExpect {
    /// The version it is re-applied under.
    pub version: String,
    /// Exactly these notices (order does not matter).
    pub changes: Vec<Expected>,
    /// Whether the verdict is valid.
    #[serde(default)]
    pub valid: Option<bool>,
    /// Exactly these errors in the verdict.
    #[serde(default)]
    pub errors: Option<Vec<Expected>>,
    /// Exactly these warnings in the verdict; no key means no warnings (as
    /// in an ordinary case: the verdict is compared by [`Case::compare`]).
    #[serde(default)]
    pub warnings: Option<Vec<Expected>>,
    /// These computed values, when given.
    #[serde(default)]
    pub computed: Option<BTreeMap<String, Value>>,
    /// Exactly these missing attachments, when given.
    #[serde(default)]
    pub missing_attachments: Option<Vec<String>>,
}

impl ReapplyCase {
    /// Options for the case's language.
    pub fn options(&self) -> Options {
        Options {
            lang: if self.lang.as_deref() == Some("en") {
                Lang::En
            } else {
                Lang::Ja
            },
            ..Options::default()
        }
    }

    /// Re-applies the case's file.
    pub fn run(&self, bundle: &Bundle) -> Result<Reapplication, String> {
        let now = DateTime::parse_from_rfc3339(&self.now)
            .map_err(|e| format!("`now` {:?} is not RFC 3339: {e}", self.now))?;
        let options = self.options();
        let file: ApplicationFile = shinsei_runtime::read_application(
            &serde_json::to_string(&self.application).unwrap_or_default(),
            options.max_bytes,
        )
        .map_err(|e| e.to_string())?;
        shinsei_runtime::reapply(bundle, &file, &self.record, now, &options)
            .map_err(|e| e.to_string())
    }

    /// Differences between the expectation and `out` (empty = pass).
    pub fn compare(&self, out: &Reapplication) -> Vec<String> {
        let e = &self.expect;
        let mut problems = Vec::new();
        if out.version != e.version {
            problems.push(format!(
                "expected re-application under version {}, got {}",
                e.version, out.version
            ));
        }
        diff_issues("change", &e.changes, &out.changes, &mut problems);
        let verdict = Case {
            description: String::new(),
            now: None,
            lang: None,
            submission: Value::Null,
            expect: Expect {
                valid: e.valid,
                errors: e.errors.clone(),
                warnings: e.warnings.clone(),
                computed: e.computed.clone(),
                missing_attachments: e.missing_attachments.clone(),
                normalized: None,
            },
        };
        problems.extend(verdict.compare(&out.result));
        problems
    }

    /// The form id of the case's file.
    pub fn form_id(&self) -> Option<&str> {
        self.application.get("form").and_then(Value::as_str)
    }
}

/// The re-application cases under `paths`, only those named `name` when
/// given (file name with or without `.json`, or the end of its path).
pub fn reapply_case_files(paths: &[PathBuf], name: Option<&str>) -> Result<Vec<PathBuf>, CliError> {
    let mut files = shinsei_load::reapply_case_files(paths)?;
    if let Some(name) = name {
        let wanted = name.strip_suffix(".json").unwrap_or(name);
        files.retain(|f| {
            let shown = shinsei_load::shown(f);
            let shown = shown.strip_suffix(".json").unwrap_or(&shown);
            f.file_stem().is_some_and(|s| s == wanted) || shown.ends_with(&format!("/{wanted}"))
        });
    }
    Ok(files)
}

/// Runs one re-application case file against `bundle`.
pub fn run_reapply_case(bundle: &Bundle, path: &Path) -> CaseOutcome {
    let file = shinsei_load::shown(path);
    let form_dir = path
        .parent()
        .and_then(Path::parent)
        .and_then(Path::file_name)
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    let (form, problems) = match std::fs::read_to_string(path)
        .map_err(|e| format!("cannot read: {e}"))
        .and_then(|t| {
            serde_json::from_str::<ReapplyCase>(&t)
                .map_err(|e| format!("not a re-application case: {e}"))
        }) {
        Err(e) => (form_dir, vec![e]),
        Ok(case) => {
            let form = case.form_id().map_or(form_dir, str::to_owned);
            match case.run(bundle) {
                Ok(r) => (form, case.compare(&r)),
                Err(e) => (form, vec![e]),
            }
        }
    };
    CaseOutcome {
        file,
        form,
        passed: problems.is_empty(),
        problems,
        run: None,
    }
}
