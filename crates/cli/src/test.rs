//! `shinsei test`: runs the cases next to the forms — all of them, those
//! under some paths, or one by name — and, with `--coverage`, reports which
//! rules, conditions, attachments and param periods the cases exercise.
//!
//! A form's folder can be tested on its own (`shinsei test
//! forms/shobyo_teate`): the `shared/` folder beside it is compiled too.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Serialize;
use shinsei_ir::Bundle;
use shinsei_load::{BundleSource, form_sources};

use crate::cases::{Case, CaseOutcome, Run};
use crate::commands::{Format, to_json};
use crate::coverage;
use crate::error::CliError;

/// What `shinsei test` was asked to do.
#[derive(Clone, Debug)]
pub struct TestArgs {
    /// Forms folders, form folders or case files.
    pub paths: Vec<PathBuf>,
    /// Only the cases with this name (file name with or without `.json`, or
    /// the end of its path).
    pub case: Option<String>,
    /// Report coverage; fail when an item (a rule, a condition, a param
    /// period a submission can reach) is not covered.
    pub coverage: bool,
    /// Human or JSON output.
    pub format: Format,
}

/// The form a case file belongs to by where it is: `<form>/cases/<case>.json`.
pub fn form_of_path(path: &Path) -> String {
    let dir = path.parent();
    match dir.and_then(Path::file_name) {
        Some(n) if n == "cases" => dir
            .and_then(Path::parent)
            .and_then(Path::file_name)
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned()),
        _ => String::new(),
    }
}

/// Runs one case file against `bundle`.
pub fn run_case(bundle: &Bundle, path: &Path) -> CaseOutcome {
    let file = shinsei_load::shown(path);
    let failed = |problem: String| CaseOutcome {
        file: file.clone(),
        form: form_of_path(path),
        passed: false,
        problems: vec![problem],
        run: None,
    };
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) => return failed(format!("cannot read: {e}")),
    };
    let case = match serde_json::from_str::<Case>(&text) {
        Ok(c) => c,
        Err(e) => return failed(format!("not a case file: {e}")),
    };
    let now = match case.now() {
        Ok(n) => n,
        Err(e) => return failed(e),
    };
    let (result, states, trace) =
        shinsei_runtime::validate_traced(bundle, &case.submission_text(), now, &case.options());
    let problems = case.compare(&result);
    CaseOutcome {
        file: file.clone(),
        form: case
            .form_id()
            .map_or_else(|| form_of_path(path), str::to_string),
        passed: problems.is_empty(),
        problems,
        run: Some(Run {
            result,
            states,
            trace,
        }),
    }
}

/// The case files under `paths`, only those named `name` when given.
pub fn case_files(paths: &[PathBuf], name: Option<&str>) -> Result<Vec<PathBuf>, CliError> {
    let files = shinsei_load::case_files(paths)?;
    let Some(name) = name else {
        return Ok(files);
    };
    let wanted = name.strip_suffix(".json").unwrap_or(name);
    let chosen: Vec<PathBuf> = files
        .iter()
        .filter(|f| {
            let shown = shinsei_load::shown(f);
            let shown = shown.strip_suffix(".json").unwrap_or(&shown);
            f.file_stem().is_some_and(|s| s == wanted) || shown.ends_with(&format!("/{wanted}"))
        })
        .cloned()
        .collect();
    if chosen.is_empty() {
        let stems: Vec<String> = files
            .iter()
            .filter_map(|f| f.file_stem().map(|s| s.to_string_lossy().into_owned()))
            .collect();
        let hint = shinsei_check::closest(wanted, stems.iter().map(String::as_str))
            .map(|s| format!("; did you mean `{s}`?"))
            .unwrap_or_default();
        return Err(CliError::Usage(format!("no case named `{name}`{hint}")));
    }
    Ok(chosen)
}

/// `shinsei test`.
pub fn test(args: &TestArgs) -> Result<bool, CliError> {
    let sources = form_sources(&args.paths);
    // One form's folder (its shared/ folder comes with it) or one case: the
    // forms not tested may select the shared params' periods.
    let partial = args.case.is_some() || sources.iter().any(|s| !args.paths.contains(s));
    let bundle = BundleSource::Forms(sources).load()?;
    let files = case_files(&args.paths, args.case.as_deref());
    let reapply = crate::reapply_cases::reapply_case_files(&args.paths, args.case.as_deref())?;
    let files = match files {
        Err(_) if !reapply.is_empty() => Vec::new(),
        other => other?,
    };
    let mut outcomes: Vec<CaseOutcome> = files.iter().map(|f| run_case(&bundle, f)).collect();
    outcomes.extend(
        reapply
            .iter()
            .map(|f| crate::reapply_cases::run_reapply_case(&bundle, f)),
    );
    let passed = outcomes.iter().filter(|o| o.passed).count();
    let failed = outcomes.len() - passed;
    let report = args
        .coverage
        .then(|| coverage::measure(&bundle, &outcomes, partial));
    let covered = report.as_ref().is_none_or(coverage::Report::covered);
    if args.format == Format::Json {
        #[derive(Serialize)]
        struct Out<'a> {
            cases: &'a [CaseOutcome],
            #[serde(skip_serializing_if = "Option::is_none")]
            coverage: Option<&'a coverage::Report>,
        }
        crate::outln!(
            "{}",
            to_json(&Out {
                cases: &outcomes,
                coverage: report.as_ref(),
            })
        );
    } else {
        crate::out!("{}", summary(&bundle, &outcomes, args.case.is_some()));
        if let Some(r) = &report {
            crate::out!("{}", r.text());
        }
        crate::outln!("{passed} passed, {failed} failed");
    }
    Ok(failed == 0 && !outcomes.is_empty() && covered)
}

/// Failures, then one line per form (every case with `by_name`).
fn summary(bundle: &Bundle, outcomes: &[CaseOutcome], by_name: bool) -> String {
    let mut s = String::new();
    let mut per_form: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    if !by_name {
        for f in &bundle.forms {
            per_form.entry(f.id.as_str()).or_default();
        }
    }
    for o in outcomes {
        let e = per_form.entry(o.form.as_str()).or_default();
        e.0 += 1;
        if !o.passed {
            e.1 += 1;
        }
    }
    for o in outcomes {
        if o.passed {
            if by_name {
                s.push_str(&format!("PASS {}\n", o.file));
            }
            continue;
        }
        s.push_str(&format!("FAIL {}\n", o.file));
        for p in &o.problems {
            s.push_str(&format!("     {p}\n"));
        }
    }
    for (form, (n, bad)) in &per_form {
        let status = if *n == 0 {
            "no cases"
        } else if *bad == 0 {
            "ok"
        } else {
            "FAILED"
        };
        let form = if form.is_empty() { "(no form)" } else { form };
        s.push_str(&format!("{form:<32} {n:>4} case(s)  {status}\n"));
    }
    s.push_str(&format!(
        "test result: {} forms, {} cases\n",
        per_form.len(),
        outcomes.len()
    ));
    s
}
