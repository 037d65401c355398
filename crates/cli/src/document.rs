//! `shinsei render`: the entered contents of a submission as a document laid
//! out like the paper form (申請書情報のイメージ), or with `--returned` the
//! 返戻理由のお知らせ built from its verdict — as an HTML page, or as PDF in
//! a Japanese font (shinsei-render).

use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset};
use serde_json::Value;
use shinsei_load::BundleSource;
use shinsei_runtime::DEFAULT_MAX_BYTES;

use crate::application::read_envelope;
use crate::commands::clock;
use crate::error::CliError;

/// Writes the page of `file` (an envelope or a case file) to `output` or
/// standard output. `now`: the option, else the case's, else the envelope's
/// `submitted_at`, else the clock.
pub fn render(
    source: &BundleSource,
    file: &Path,
    now: Option<DateTime<FixedOffset>>,
    what: &Render,
    output: Option<&PathBuf>,
) -> Result<bool, CliError> {
    let bundle = source.load()?;
    let (envelope, case_now) = read_envelope(file)?;
    let at = now
        .or(case_now)
        .or_else(|| submitted_at(&envelope))
        .unwrap_or_else(clock);
    let failed = |e: &dyn std::fmt::Display| CliError::Usage(format!("{}: {e}", file.display()));
    let write = |path: &PathBuf, bytes: &[u8]| {
        std::fs::write(path, bytes).map_err(|e| CliError::Write {
            path: path.clone(),
            reason: e.to_string(),
        })
    };
    if let Some(font) = &what.pdf_font {
        let Some(path) = output else {
            return Err(CliError::Usage(
                "--pdf writes a file: give -o FILE.pdf".into(),
            ));
        };
        let font = read_font(font.as_ref())?;
        let pdf = if what.returned {
            let notice = shinsei_render::notice_of(&bundle, &envelope, at, DEFAULT_MAX_BYTES)
                .map_err(|e| failed(&e))?;
            shinsei_render::pdf::notice(&notice, &font)
        } else {
            let doc = shinsei_render::document_of(&bundle, &envelope, at, DEFAULT_MAX_BYTES)
                .map_err(|e| failed(&e))?;
            shinsei_render::pdf::document(&doc, &font)
        }
        .map_err(|e| failed(&e))?;
        write(path, &pdf)?;
        return Ok(true);
    }
    let page = if what.returned {
        shinsei_render::notice_html(&bundle, &envelope, at, DEFAULT_MAX_BYTES)
    } else {
        shinsei_render::document_html(&bundle, &envelope, at, DEFAULT_MAX_BYTES)
    }
    .map_err(|e| failed(&e))?;
    match output {
        Some(path) => write(path, page.as_bytes())?,
        None => out!("{page}"),
    }
    Ok(true)
}

/// What to render.
pub struct Render {
    /// The 返戻理由のお知らせ instead of the entered contents.
    pub returned: bool,
    /// PDF in this font (`Some(None)`: a Japanese font installed on the
    /// system), or HTML (`None`).
    pub pdf_font: Option<Option<PathBuf>>,
}

/// The font file `path` names (`FILE` or `FILE#INDEX` for a face of a
/// collection), or the first of the usual system fonts that exists.
fn read_font(path: Option<&PathBuf>) -> Result<shinsei_render::pdf::FontFile, CliError> {
    match path {
        Some(p) => {
            shinsei_render::pdf::read_font(p).map_err(|e| CliError::Usage(format!("--font {e}")))
        }
        None => shinsei_render::pdf::system_font().ok_or_else(|| {
            CliError::Usage(
                "no Japanese font found: install fonts-noto-cjk or give --font FILE".into(),
            )
        }),
    }
}

fn submitted_at(envelope: &str) -> Option<DateTime<FixedOffset>> {
    let v: Value = serde_json::from_str(envelope).ok()?;
    shinsei_jp::instant::parse_date_time(v.get("submitted_at")?.as_str()?)
}
