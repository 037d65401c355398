//! `shinsei export`: the application file (申請ファイル) of a valid submission,
//! as the service returns it to the member with a 返戻 (docs/application-file.md).

use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset};
use serde_json::Value;
use shinsei_runtime::{ExportError, Options};

use shinsei_load::BundleSource;

use crate::commands::to_json;
use crate::error::CliError;

/// An envelope, or the envelope of a case file, and the instant its case names.
pub fn read_envelope(file: &Path) -> Result<(String, Option<DateTime<FixedOffset>>), CliError> {
    let text = std::fs::read_to_string(file).map_err(|e| CliError::read(file, e))?;
    let value: Value = serde_json::from_str(&text).map_err(|e| CliError::BadJson {
        path: file.to_path_buf(),
        reason: e.to_string(),
    })?;
    match (value.get("submission"), value.get("expect")) {
        (Some(submission), Some(_)) => {
            let now = match value.get("now").and_then(Value::as_str) {
                Some(n) => {
                    Some(
                        DateTime::parse_from_rfc3339(n).map_err(|e| CliError::BadJson {
                            path: file.to_path_buf(),
                            reason: format!("`now` {n:?}: {e}"),
                        })?,
                    )
                }
                None => None,
            };
            Ok((serde_json::to_string(submission).unwrap_or_default(), now))
        }
        _ => Ok((text, None)),
    }
}

/// `shinsei export FILE`: prints (or writes) the application file. An
/// invalid submission gets its validation result on standard output and
/// exit code 1.
pub fn export(
    source: &BundleSource,
    file: &Path,
    now: Option<DateTime<FixedOffset>>,
    output: Option<&PathBuf>,
) -> Result<bool, CliError> {
    let bundle = source.load()?;
    let (envelope, case_now) = read_envelope(file)?;
    match shinsei_runtime::export_application(
        &bundle,
        &envelope,
        now.or(case_now),
        &Options::default(),
    ) {
        Ok(app) => {
            let json = to_json(&app);
            match output {
                Some(path) => {
                    std::fs::write(path, format!("{json}\n")).map_err(|e| CliError::Write {
                        path: path.clone(),
                        reason: e.to_string(),
                    })?
                }
                None => outln!("{json}"),
            }
            Ok(true)
        }
        Err(ExportError::Invalid(result)) => {
            outln!("{}", to_json(&result));
            errln!("error: {} is not valid: nothing exported", file.display());
            Ok(false)
        }
        Err(e) => Err(CliError::Usage(format!("{}: {e}", file.display()))),
    }
}

/// `shinsei reapply FILE --record RECORD`: the application file re-applied
/// under the version in force at `now`, with the 資格 fields from the
/// member's qualification record. Prints the re-application (what to look at
/// again, the envelope to continue from, the verdict); exit 1 when the
/// verdict is invalid.
pub fn reapply(
    source: &BundleSource,
    file: &Path,
    record: &Path,
    now: Option<DateTime<FixedOffset>>,
) -> Result<bool, CliError> {
    let bundle = source.load()?;
    let options = Options::default();
    let text = std::fs::read_to_string(file).map_err(|e| CliError::read(file, e))?;
    let app = shinsei_runtime::read_application(&text, options.max_bytes).map_err(|e| {
        CliError::BadJson {
            path: file.to_path_buf(),
            reason: e.to_string(),
        }
    })?;
    let record_text = std::fs::read_to_string(record).map_err(|e| CliError::read(record, e))?;
    let record_value: Value =
        serde_json::from_str(&record_text).map_err(|e| CliError::BadJson {
            path: record.to_path_buf(),
            reason: e.to_string(),
        })?;
    let now = now.unwrap_or_else(crate::commands::clock);
    let out = shinsei_runtime::reapply(&bundle, &app, &record_value, now, &options)
        .map_err(|e| CliError::Usage(format!("{}: {e}", file.display())))?;
    crate::outln!("{}", to_json(&out));
    Ok(out.result.valid)
}
