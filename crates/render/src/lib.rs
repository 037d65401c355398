//! shinsei-render: what a member gets back with a returned (返戻)
//! application, as documents — the entered contents laid out like the paper
//! form (申請書情報のイメージ, [`document`]) and the 返戻理由のお知らせ
//! ([`returned`]) — written as self-contained HTML pages ([`html`]) and as
//! PDF ([`pdf`], krilla, with a Japanese font the caller names).
//!
//! Both are built from what the runtime made of the submission (its
//! canonical values and its verdict), so the documents show what was judged.

// Submissions come from members (the service's POST /render, the WASM
// package's renderHtml): a document is made or an error returned, never an
// abort.
#![deny(clippy::unwrap_used)] // a missing value is left out of the page
#![deny(clippy::expect_used)] // same as unwrap
#![deny(clippy::panic)] // every entry point returns a page or a RenderError
#![deny(clippy::indexing_slicing)] // positions into the IR and the values use get()

pub mod document;
pub mod html;
#[cfg(feature = "pdf")]
pub mod pdf;
pub mod returned;
pub mod value;

use chrono::{DateTime, FixedOffset};
use shinsei_ir::{Bundle, Form};
use shinsei_runtime::{Lang, Options, ValidationResult, validate};

/// Why no document was made.
#[derive(Clone, Debug, PartialEq)]
pub enum RenderError {
    /// The submission names no form version of the bundle: the result says why.
    NoForm(Box<ValidationResult>),
}

impl std::fmt::Display for RenderError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RenderError::NoForm(r) => write!(
                f,
                "the submission names no form version of the bundle ({})",
                r.errors.first().map_or("", |e| e.message.as_str())
            ),
        }
    }
}

impl std::error::Error for RenderError {}

/// The 申請書情報のイメージ of `submission` as an HTML page.
pub fn document_html(
    bundle: &Bundle,
    submission: &str,
    now: DateTime<FixedOffset>,
    max_bytes: usize,
) -> Result<String, RenderError> {
    Ok(html::document(&document_of(
        bundle, submission, now, max_bytes,
    )?))
}

/// The 返戻理由のお知らせ of `submission` (validated at `now`, with each
/// rule's basis) as an HTML page.
pub fn notice_html(
    bundle: &Bundle,
    submission: &str,
    now: DateTime<FixedOffset>,
    max_bytes: usize,
) -> Result<String, RenderError> {
    Ok(html::notice(&notice_of(
        bundle, submission, now, max_bytes,
    )?))
}

/// The 申請書情報のイメージ of `submission`, laid out.
pub fn document_of(
    bundle: &Bundle,
    submission: &str,
    now: DateTime<FixedOffset>,
    max_bytes: usize,
) -> Result<document::Document, RenderError> {
    let options = Options {
        lang: Lang::Ja,
        max_bytes,
        basis: false,
    };
    document_from(bundle, &validate(bundle, submission, now, &options))
}

/// The 申請書情報のイメージ from the runtime's verdict on a submission (its
/// canonical values), for a caller that validated already (the HTTP service).
pub fn document_from(
    bundle: &Bundle,
    result: &ValidationResult,
) -> Result<document::Document, RenderError> {
    let form = form_of(bundle, result)?;
    let canonical = result
        .canonical
        .as_ref()
        .map(|c| c.to_value())
        .unwrap_or_default();
    Ok(document::build(form, &canonical))
}

/// The 返戻理由のお知らせ of `submission` (validated at `now`, with each
/// rule's basis).
pub fn notice_of(
    bundle: &Bundle,
    submission: &str,
    now: DateTime<FixedOffset>,
    max_bytes: usize,
) -> Result<returned::Notice, RenderError> {
    let options = Options {
        lang: Lang::Ja,
        max_bytes,
        basis: true,
    };
    notice_from(bundle, &validate(bundle, submission, now, &options))
}

/// The 返戻理由のお知らせ from the runtime's verdict on a submission
/// (validated with `Options::basis`, so that each reason carries its basis).
pub fn notice_from(
    bundle: &Bundle,
    result: &ValidationResult,
) -> Result<returned::Notice, RenderError> {
    Ok(returned::build(form_of(bundle, result)?, result))
}

fn form_of<'b>(bundle: &'b Bundle, result: &ValidationResult) -> Result<&'b Form, RenderError> {
    bundle
        .forms
        .iter()
        .find(|f| {
            Some(&f.id) == result.form.as_ref() && Some(&f.version) == result.version.as_ref()
        })
        .ok_or_else(|| RenderError::NoForm(Box::new(result.clone())))
}
