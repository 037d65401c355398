//! The commands. Each returns `Ok(true)` for success (exit 0), `Ok(false)` for
//! an invalid submission or a failed check (exit 1), `Err` for usage or
//! unreadable input (exit 2).

use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset};
use serde_json::Value;
use shinsei_ir::Bundle;
use shinsei_runtime::{Lang, Options};

use shinsei_load::{BundleSource, Sources};

use crate::cases::Case;
use crate::error::CliError;
use crate::render;

/// Output format.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// For people.
    Human,
    /// For machines.
    Json,
}

/// `shinsei check`. A form's folder (or file) on its own is checked with the
/// `shared/` folder beside it, as `shinsei test` runs it: its `use contact`
/// and the shared fns resolve.
pub fn check(paths: &[PathBuf], format: Format, color: bool) -> Result<bool, CliError> {
    let sources = Sources::load(&shinsei_load::form_sources(paths))?;
    let db = sources.db();
    let out = sources.compile();
    if format == Format::Json {
        outln!("{}", to_json(&render::json(db, &out.diagnostics)));
    } else {
        out!("{}", render::text(db, &out.diagnostics, color));
        let errors = out.diagnostics.iter().filter(|d| d.is_error()).count();
        let warnings = out.diagnostics.len() - errors;
        match &out.bundle {
            Some(b) => {
                let ids: std::collections::BTreeSet<&str> =
                    b.forms.iter().map(|f| f.id.as_str()).collect();
                errln!(
                    "checked {} file(s): {} form(s), {} version(s), {} warning(s), no errors",
                    db.iter().count(),
                    ids.len(),
                    b.forms.len(),
                    warnings
                );
            }
            None => errln!(
                "checked {} file(s): {errors} error(s), {warnings} warning(s)",
                db.iter().count()
            ),
        }
    }
    Ok(out.bundle.is_some())
}

/// `shinsei compile`: the bundle as JSON, or with `binary` in the binary
/// form the WASM module reads (`shinsei_ir::binary`); with `only`, just
/// those forms and the parameters they read (its own hash).
pub fn compile(
    source: &BundleSource,
    output: Option<&Path>,
    binary: bool,
    only: &[String],
) -> Result<bool, CliError> {
    let mut bundle = source.load()?;
    if !only.is_empty() {
        if let Some(id) = only
            .iter()
            .find(|id| !bundle.forms.iter().any(|f| &f.id == *id))
        {
            return Err(CliError::Usage(format!("--only: no form `{id}`")));
        }
        let ids: Vec<&str> = only.iter().map(String::as_str).collect();
        bundle = shinsei_check::subset(&bundle, &ids);
    }
    let bytes = if binary {
        shinsei_ir::binary::encode(&bundle)
    } else {
        serde_json::to_vec(&bundle).unwrap_or_default()
    };
    match output {
        Some(path) => {
            std::fs::write(path, &bytes).map_err(|e| CliError::Write {
                path: path.to_path_buf(),
                reason: e.to_string(),
            })?;
            errln!(
                "wrote {} ({} form versions, {})",
                path.display(),
                bundle.forms.len(),
                bundle.hash
            );
        }
        None if binary => crate::out::stdout_bytes(&bytes),
        None => outln!("{}", String::from_utf8_lossy(&bytes)),
    }
    Ok(true)
}

/// `shinsei types`: the TypeScript declarations of every form.
pub fn types(source: &BundleSource, output: Option<&Path>) -> Result<bool, CliError> {
    let bundle = source.load()?;
    let dts = shinsei_describe::forms_dts(&bundle);
    match output {
        Some(path) => {
            std::fs::write(path, dts).map_err(|e| CliError::Write {
                path: path.to_path_buf(),
                reason: e.to_string(),
            })?;
            errln!(
                "wrote {} ({} form versions, {})",
                path.display(),
                bundle.forms.len(),
                bundle.hash
            );
        }
        None => out!("{dts}"),
    }
    Ok(true)
}

/// The instant `now` given on the command line, else the system clock in JST.
pub fn parse_now(now: Option<&str>) -> Result<Option<DateTime<FixedOffset>>, CliError> {
    now.map(|n| {
        shinsei_jp::instant::parse_date_time(n).ok_or_else(|| {
            CliError::Usage(format!(
                "--now {n:?}: not an RFC 3339 date-time (e.g. 2026-03-02T10:00:00+09:00)"
            ))
        })
    })
    .transpose()
}

/// The system clock in JST.
pub fn clock() -> DateTime<FixedOffset> {
    use chrono::Offset;
    let jst = FixedOffset::east_opt(9 * 3600).unwrap_or_else(|| chrono::Utc.fix());
    chrono::Utc::now().with_timezone(&jst)
}

/// `shinsei validate FILE…`: prints the contract's result for each file.
pub fn validate(
    source: &BundleSource,
    files: &[PathBuf],
    now: Option<DateTime<FixedOffset>>,
    lang: Lang,
) -> Result<bool, CliError> {
    let bundle = source.load()?;
    let mut all_valid = true;
    let mut results = Vec::new();
    for file in files {
        let bytes = std::fs::read(file).map_err(|e| CliError::read(file, e))?;
        let options = Options {
            lang,
            ..Options::default()
        };
        // A case file wraps the envelope; anything else is the envelope itself.
        let as_case = serde_json::from_slice::<Value>(&bytes)
            .ok()
            .filter(|v| v.get("submission").is_some() && v.get("expect").is_some());
        let result = match as_case {
            Some(v) => {
                let case: Case = serde_json::from_value(v).map_err(|e| CliError::BadJson {
                    path: file.clone(),
                    reason: e.to_string(),
                })?;
                let at = match now {
                    Some(n) => n,
                    None => case.now().map_err(|e| CliError::BadJson {
                        path: file.clone(),
                        reason: e,
                    })?,
                };
                let text = serde_json::to_string(&case.submission).unwrap_or_default();
                shinsei_runtime::validate(&bundle, &text, at, &options)
            }
            None => {
                let at = now.or_else(|| submitted_at(&bytes)).unwrap_or_else(clock);
                shinsei_runtime::validate_bytes(&bundle, &bytes, at, &options)
            }
        };
        all_valid &= result.valid;
        results.push(result);
    }
    if results.len() == 1 {
        outln!("{}", to_json(&results[0]));
    } else {
        outln!("{}", to_json(&results));
    }
    Ok(all_valid)
}

fn submitted_at(bytes: &[u8]) -> Option<DateTime<FixedOffset>> {
    let v: Value = serde_json::from_slice(bytes).ok()?;
    shinsei_jp::instant::parse_date_time(v.get("submitted_at")?.as_str()?)
}

/// `shinsei calendar YEAR`: holidays and days the service is closed.
pub fn calendar(year: i32, format: Format) -> Result<bool, CliError> {
    if !shinsei_jp::holidays::SUPPORTED_YEARS.contains(&year) {
        return Err(CliError::Usage(format!(
            "year {year} is outside {}..={}",
            shinsei_jp::holidays::SUPPORTED_YEARS.start(),
            shinsei_jp::holidays::SUPPORTED_YEARS.end()
        )));
    }
    let holidays = shinsei_jp::holidays::holidays_in_year(year);
    let closed = shinsei_jp::calendar::closed_days(year);
    if format == Format::Json {
        let h: Vec<Value> = holidays
            .iter()
            .map(|(d, n)| serde_json::json!({"date": d.to_string(), "name": n}))
            .collect();
        let c: Vec<Value> = closed
            .iter()
            .map(|(d, n)| serde_json::json!({"date": d.to_string(), "reason": n}))
            .collect();
        outln!(
            "{}",
            to_json(
                &serde_json::json!({"year": year, "holidays": h, "service_closed_weekdays": c})
            )
        );
        return Ok(true);
    }
    outln!("{year}年の祝日 ({} days)", holidays.len());
    for (d, n) in &holidays {
        outln!("  {} ({})  {n}", d, weekday_ja(*d));
    }
    outln!();
    outln!(
        "電子申請サービスの休止日（土日を除く） ({} days; 土日も休止、受付は平日 8:00〜21:00)",
        closed.len()
    );
    for (d, n) in &closed {
        outln!("  {} ({})  {n}", d, weekday_ja(*d));
    }
    Ok(true)
}

fn weekday_ja(d: chrono::NaiveDate) -> &'static str {
    use chrono::Datelike;
    ["月", "火", "水", "木", "金", "土", "日"][d.weekday().num_days_from_monday() as usize % 7]
}

/// `shinsei parse FILE`: the syntax tree, or the syntax error.
pub fn parse(file: &Path) -> Result<bool, CliError> {
    let text = std::fs::read_to_string(file).map_err(|e| CliError::read(file, e))?;
    let mut db = shinsei_syntax::SourceDb::new();
    let id = db.add(shinsei_load::shown(file), text.clone());
    match shinsei_syntax::parse(id, &text) {
        Ok(ast) => {
            outln!("{ast:#?}");
            Ok(true)
        }
        Err(d) => {
            out!("{}", render::text(&db, &[*d], false));
            Ok(false)
        }
    }
}

/// The version `version` of form `id` (default: the newest), by the one
/// policy ([`Bundle::select`] without a date).
pub fn find_form<'b>(
    bundle: &'b Bundle,
    id: &str,
    version: Option<&str>,
) -> Result<&'b shinsei_ir::Form, CliError> {
    bundle.select(id, version, None).map_err(|e| match e {
        shinsei_ir::SelectError::UnknownForm { .. } => {
            let mut ids: Vec<&str> = bundle.forms.iter().map(|f| f.id.as_str()).collect();
            ids.dedup();
            CliError::Usage(format!(
                "unknown form `{id}`; forms are: {}",
                ids.join(", ")
            ))
        }
        other => CliError::Usage(other.to_string()),
    })
}

/// `shinsei ir FORM`: the compiled form as JSON.
pub fn ir(source: &BundleSource, id: &str, version: Option<&str>) -> Result<bool, CliError> {
    let bundle = source.load()?;
    outln!("{}", to_json(find_form(&bundle, id, version)?));
    Ok(true)
}

/// `shinsei describe FORM`: an outline for people, the field tree as JSON.
pub fn describe(
    source: &BundleSource,
    id: &str,
    version: Option<&str>,
    format: Format,
) -> Result<bool, CliError> {
    let bundle = source.load()?;
    let form = find_form(&bundle, id, version)?;
    if format == Format::Json {
        outln!("{}", to_json(&shinsei_describe::describe(form, &bundle)));
    } else {
        out!("{}", crate::describe::outline(form));
    }
    Ok(true)
}

/// `shinsei schema FORM [--canonical]`: the JSON Schema of the envelope,
/// input (default) or canonical.
pub fn schema(
    source: &BundleSource,
    id: &str,
    version: Option<&str>,
    kind: shinsei_describe::SchemaKind,
) -> Result<bool, CliError> {
    let bundle = source.load()?;
    let form = find_form(&bundle, id, version)?;
    outln!(
        "{}",
        to_json(&shinsei_describe::envelope_schema(form, &bundle, kind))
    );
    Ok(true)
}

/// Pretty JSON.
pub fn to_json<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_string_pretty(v).unwrap_or_default()
}
