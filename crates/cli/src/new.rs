//! `shinsei new <id>`: a new form's folder — `<forms>/<id>/<id>.form` with a
//! header, two example fields and one rule, and two cases under `cases/`: one
//! where the rule holds (valid) and one where it fires. The result checks
//! clean, passes `shinsei test` and is covered by `shinsei test --coverage`
//! from the start, so an author changes a working form instead of starting
//! from a blank page.

use std::path::{Path, PathBuf};

use chrono::{NaiveDate, NaiveTime};
use shinsei_jp::calendar::next_business_day;

use crate::error::CliError;

/// What `shinsei new` was asked for.
pub struct NewArgs {
    /// The form id (`snake_case`, ASCII).
    pub id: String,
    /// The form's Japanese title.
    pub title: String,
    /// 給付, 適用, 保健, 貸付 or 証交付.
    pub category: String,
    /// The first day the version accepts submissions.
    pub effective: NaiveDate,
    /// The legal basis of the application, when known.
    pub basis: Option<String>,
    /// The forms folder the new folder goes in.
    pub forms: PathBuf,
}

const CATEGORIES: [&str; 5] = ["給付", "適用", "保健", "貸付", "証交付"];

/// Writes the new form folder; prints what was written and what to do next.
pub fn run(args: &NewArgs) -> Result<bool, CliError> {
    check_id(&args.id)?;
    if !CATEGORIES.contains(&args.category.as_str()) {
        return Err(CliError::Usage(format!(
            "unknown category `{}`: one of {}",
            args.category,
            CATEGORIES.join(", ")
        )));
    }
    if args.title.trim().is_empty() || args.title.contains(['"', '\\', '\n']) {
        return Err(CliError::Usage(
            "the title must be one line without `\"` or `\\`".to_owned(),
        ));
    }
    if let Some(basis) = &args.basis
        && (basis.trim().is_empty() || basis.contains(['"', '\\', '\n']))
    {
        return Err(CliError::Usage(
            "the basis must be one line without `\"` or `\\`".to_owned(),
        ));
    }
    let dir = args.forms.join(&args.id);
    if dir.exists() {
        return Err(CliError::Usage(format!(
            "{} exists already: choose another id or delete it",
            dir.display()
        )));
    }
    let form = shinsei_syntax::format(&form_text(args)).map_err(|d| {
        CliError::Usage(format!(
            "the scaffold does not parse (a bug): {}",
            d.message
        ))
    })?;
    let cases = dir.join("cases");
    create_dir(&cases)?;
    let files = [
        (dir.join(format!("{}.form", args.id)), form),
        (cases.join("valid_example.json"), case(args, "2026-04-01")),
        (
            cases.join("invalid_period_order.json"),
            case(args, "2026-03-31"),
        ),
    ];
    for (path, text) in &files {
        std::fs::write(path, text).map_err(|e| CliError::Write {
            path: path.clone(),
            reason: e.to_string(),
        })?;
        outln!("created {}", path.display());
    }
    outln!(
        "next: edit {0}/{1}.form, then `shinsei test --coverage {0}`",
        dir.display(),
        args.id
    );
    Ok(true)
}

/// A form id is what the JSON envelope's `form` and the folder name carry.
fn check_id(id: &str) -> Result<(), CliError> {
    let well_formed = id.starts_with(|c: char| c.is_ascii_lowercase())
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        && id.len() <= 64;
    if !well_formed {
        return Err(CliError::Usage(format!(
            "`{id}` is not a form id: lower-case letters, digits and `_`, starting with a letter \
             (e.g. `shobyo_teate`)"
        )));
    }
    if id == "shared" {
        return Err(CliError::Usage(
            "`shared` is the folder of the shared blocks: choose another id".to_owned(),
        ));
    }
    Ok(())
}

fn create_dir(dir: &Path) -> Result<(), CliError> {
    std::fs::create_dir_all(dir).map_err(|e| CliError::Write {
        path: dir.to_path_buf(),
        reason: e.to_string(),
    })
}

/// The version is named after the year it takes effect (`2027.1`).
fn version(args: &NewArgs) -> String {
    format!("{}.1", chrono::Datelike::year(&args.effective))
}

fn form_text(args: &NewArgs) -> String {
    format!(
        r#"# {title} — made by `shinsei new`. Replace the example fields and rule with the
# form's own (docs/authoring.md), and keep a case where each rule fires and one
# where it holds (`shinsei test --coverage`).
form {id} "{title}" {{
  version "{version}"
  effective {effective}..
  category {category}
  applicants insured
{basis}
  qualification insurer_number, branch, symbol, number, branch_no?, name_kanji, name_kana, birth_date

  field from "開始日" en "From": date
  field to "終了日" en "To": date
  rule period_order {{
    check to >= from
    at to
    message "終了日は開始日以降の日付にしてください"
         en "The end date must not be before the start date"
  }}
}}
"#,
        id = args.id,
        title = args.title,
        version = version(args),
        effective = args.effective,
        category = args.category,
        basis = basis_line(args.basis.as_deref()),
    )
}

/// The header's `basis`, or the line to write it on: every bundled form
/// states the legal basis of the application (tests/basis.rs), but only the
/// author knows it.
fn basis_line(basis: Option<&str>) -> String {
    match basis {
        Some(b) => format!("  basis \"{b}\""),
        None => {
            "  # basis \"健康保険法第…条\"  ← the legal basis of the application: write it here \
                 (or list the form in docs/open-questions.md as unsure)"
                .to_owned()
        }
    }
}

/// A case whose period runs from 2026-04-01 to `to`, submitted on the first
/// business day from the effective date, 10:00 JST (inside service hours).
fn case(args: &NewArgs, to: &str) -> String {
    let day = next_business_day(args.effective);
    let at = day
        .and_time(NaiveTime::from_hms_opt(10, 0, 0).unwrap_or_default())
        .format("%Y-%m-%dT%H:%M:%S+09:00")
        .to_string();
    let valid = to >= "2026-04-01";
    let expect = if valid {
        serde_json::json!({ "valid": true })
    } else {
        serde_json::json!({ "errors": [{ "path": "/fields/to", "code": "rule.period_order" }] })
    };
    let case = serde_json::json!({
        "description": if valid { "開始日から終了日まで（正しい例）" } else { "終了日が開始日より前" },
        "submission": {
            "form": args.id,
            "version": version(args),
            "submitted_at": at,
            "applicant": { "role": "insured" },
            "qualification": {
                "insurer_number": "01130012",
                "branch": "東京",
                "symbol": "12345678",
                "number": "1",
                "branch_no": "00",
                "name_kanji": "協会 太郎",
                "name_kana": "キョウカイ タロウ",
                "birth_date": "1989-05-10"
            },
            "fields": { "from": "2026-04-01", "to": to },
            "attachments": []
        },
        "expect": expect
    });
    let mut text = serde_json::to_string_pretty(&case).unwrap_or_default();
    text.push('\n');
    text
}

/// `--effective DATE` (`2027-04-01`), or today in Japan.
pub fn effective_date(arg: Option<&str>) -> Result<NaiveDate, CliError> {
    match arg {
        None => Ok(crate::commands::clock().date_naive()),
        Some(s) => NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|_| {
            CliError::Usage(format!("--effective {s:?}: not a date (e.g. 2027-04-01)"))
        }),
    }
}
