//! `POST /v1/forms/{id}/render`: a submission as a document (shinsei-render)
//! — the entered contents laid out like the paper form (申請書情報), or with
//! `returned=true` the 返戻理由のお知らせ (each error of the verdict with the
//! entry it concerns and its basis) — as HTML, or as PDF when the client
//! asks for it (`Accept: application/pdf`) and the server has a Japanese
//! font.
//!
//! The body is the envelope, or with `input=application` an application
//! file (申請ファイル: its values as the runtime understood them, under the
//! version it was made with). It is validated as `validate` does, at `now`
//! (the query's, else the application file's `submitted_at`, else the
//! envelope's, else the server's clock), and refused the same way when the
//! runtime gives no verdict on this form: the same JSON errors, limits and
//! codes.

use std::borrow::Cow;
use std::sync::{Arc, LazyLock};

use axum::extract::rejection::PathRejection;
use axum::extract::{Path, RawQuery, Request, State};
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, FixedOffset};
use serde::Deserialize;
use shinsei_render::pdf::FontFile;
use shinsei_runtime::{Lang, Options};

use crate::error::{ApiError, Problem};
use crate::query::Accepts;
use crate::routes::validate::{envelope_request, read_body, refused};
use crate::state::AppState;

const ACCEPTS: Accepts = Accepts {
    version: false,
    dry_run: false,
    now: true,
    file_name: false,
    canonical: false,
    basis: false,
    returned: true,
    input: true,
};

/// The first of the usual system fonts (Noto Sans CJK JP, IPAex Gothic),
/// read once, for a server started without `--font`; none, no PDF.
static SYSTEM_FONT: LazyLock<Option<Arc<FontFile>>> =
    LazyLock::new(|| shinsei_render::pdf::system_font().map(Arc::new));

/// What the client gets.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Format {
    Html,
    Pdf,
}

/// The handler.
pub async fn render(
    State(state): State<AppState>,
    id: Result<Path<String>, PathRejection>,
    RawQuery(raw): RawQuery,
    req: Request,
) -> Response {
    match run(&state, id, raw.as_deref(), req).await {
        Ok(r) | Err(r) => r,
    }
}

async fn run(
    state: &AppState,
    id: Result<Path<String>, PathRejection>,
    raw: Option<&str>,
    req: Request,
) -> Result<Response, Response> {
    let (q, id) = envelope_request(state, id, raw, ACCEPTS, req.headers())
        .map_err(IntoResponse::into_response)?;
    let fail = |p: Problem| ApiError::new(p).lang(q.lang).into_response();
    let format = negotiate(req.headers()).ok_or_else(|| fail(Problem::NotAcceptable))?;
    let font = match format {
        Format::Pdf => Some(
            (state.limits().pdf_font.clone())
                .or_else(|| SYSTEM_FONT.clone())
                .ok_or_else(|| fail(Problem::NoPdf))?,
        ),
        Format::Html => None,
    };
    let limit = state.limits().max_body;
    let bytes = read_body(req.into_body(), limit, state.limits().body_timeout)
        .await
        .map_err(fail)?;

    let (envelope, submitted_at) = if q.application {
        let text = std::str::from_utf8(&bytes)
            .map_err(|_| fail(Problem::Application("not UTF-8".to_owned())))?;
        let file = shinsei_runtime::read_application(text, limit)
            .map_err(|e| fail(Problem::Application(e.to_string())))?;
        if file.form != id {
            return Err(fail(Problem::FormMismatch));
        }
        let at = shinsei_jp::instant::parse_date_time(&file.submitted_at);
        let envelope =
            serde_json::to_vec(&file.canonical_envelope()).map_err(|_| fail(Problem::Internal))?;
        (Cow::Owned(envelope), at)
    } else {
        let at = submitted_at(&bytes);
        (Cow::Borrowed(&bytes[..]), at)
    };

    let snap = state.snapshot();
    let now = q.now.or(submitted_at).unwrap_or_else(crate::clock::now);
    let options = Options {
        lang: Lang::Ja, // the documents are in Japanese; errors follow `lang`
        max_bytes: limit,
        basis: q.returned,
    };
    let result = shinsei_runtime::validate_bytes(&snap.bundle, &envelope, now, &options);
    let result = refused(&id, result).map_err(|e| e.lang(q.lang).into_response())?;
    let made = if q.returned {
        shinsei_render::notice_from(&snap.bundle, &result).map(Made::Notice)
    } else {
        shinsei_render::document_from(&snap.bundle, &result).map(|d| Made::Document(Box::new(d)))
    }
    .map_err(|_| fail(Problem::FormMismatch))?;

    let (body, content_type) = match font {
        None => (made.html().into_bytes(), "text/html; charset=utf-8"),
        // Laying out and subsetting a CJK font takes milliseconds: off the
        // async workers.
        Some(font) => {
            let pdf = tokio::task::spawn_blocking(move || made.pdf(&font))
                .await
                .map_err(|_| fail(Problem::Internal))?
                .map_err(|_| fail(Problem::NoPdf))?;
            (pdf, "application/pdf")
        }
    };
    let mut response = body.into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    headers.append(header::VARY, HeaderValue::from_static("accept"));
    Ok(response)
}

/// A document made, not yet written.
enum Made {
    Document(Box<shinsei_render::document::Document>),
    Notice(shinsei_render::returned::Notice),
}

impl Made {
    fn html(&self) -> String {
        match self {
            Made::Document(d) => shinsei_render::html::document(d),
            Made::Notice(n) => shinsei_render::html::notice(n),
        }
    }

    fn pdf(&self, font: &FontFile) -> Result<Vec<u8>, shinsei_render::pdf::FontError> {
        match self {
            Made::Document(d) => shinsei_render::pdf::document(d, font),
            Made::Notice(n) => shinsei_render::pdf::notice(n, font),
        }
    }
}

/// HTML or PDF, by the `Accept` header's preferences (no header: HTML; a
/// tie: HTML); `None` when it accepts neither (RFC 9110 §12.5.1: the most
/// specific range that matches gives a type its quality).
pub(crate) fn negotiate(headers: &HeaderMap) -> Option<Format> {
    if headers.get(header::ACCEPT).is_none() {
        return Some(Format::Html);
    }
    // (specificity, quality): 3 the type itself, 2 `type/*`, 1 `*/*`.
    let mut html: Option<(u8, f32)> = None;
    let mut pdf: Option<(u8, f32)> = None;
    let keep = |slot: &mut Option<(u8, f32)>, specificity: u8, q: f32| match slot {
        Some((s, old)) if *s > specificity || (*s == specificity && *old >= q) => {}
        _ => *slot = Some((specificity, q)),
    };
    for value in headers.get_all(header::ACCEPT) {
        let Ok(value) = value.to_str() else { continue };
        for item in value.split(',') {
            let mut parts = item.split(';');
            let media = parts.next().unwrap_or("").trim().to_ascii_lowercase();
            let q = parts
                .filter_map(|p| p.split_once('='))
                .find(|(k, _)| k.trim().eq_ignore_ascii_case("q"))
                .and_then(|(_, v)| v.trim().parse::<f32>().ok())
                .map_or(1.0, |q| q.clamp(0.0, 1.0));
            match media.as_str() {
                "text/html" => keep(&mut html, 3, q),
                "text/*" => keep(&mut html, 2, q),
                "application/pdf" => keep(&mut pdf, 3, q),
                "application/*" => keep(&mut pdf, 2, q),
                "*/*" => {
                    keep(&mut html, 1, q);
                    keep(&mut pdf, 1, q);
                }
                _ => {}
            }
        }
    }
    let html = html.map_or(0.0, |(_, q)| q);
    let pdf = pdf.map_or(0.0, |(_, q)| q);
    if pdf > html {
        Some(Format::Pdf)
    } else if html > 0.0 {
        Some(Format::Html)
    } else {
        None
    }
}

/// The envelope's `submitted_at`, read without keeping anything else.
fn submitted_at(body: &[u8]) -> Option<DateTime<FixedOffset>> {
    #[derive(Deserialize)]
    struct At<'a> {
        #[serde(borrow, default)]
        submitted_at: Option<Cow<'a, str>>,
    }
    let at: At<'_> = serde_json::from_slice(body).ok()?;
    shinsei_jp::instant::parse_date_time(at.submitted_at?.trim())
}

#[cfg(test)]
#[allow(clippy::unwrap_used, reason = "tests may panic")]
mod tests {
    use super::*;

    fn accept(values: &[&str]) -> Option<Format> {
        let mut h = HeaderMap::new();
        for v in values {
            h.append(header::ACCEPT, HeaderValue::from_str(v).unwrap());
        }
        negotiate(&h)
    }

    #[test]
    fn negotiates_by_the_most_specific_range() {
        assert_eq!(accept(&[]), Some(Format::Html), "no header");
        assert_eq!(accept(&["*/*"]), Some(Format::Html), "a tie: HTML");
        assert_eq!(accept(&["application/pdf"]), Some(Format::Pdf));
        assert_eq!(accept(&["application/*"]), Some(Format::Pdf));
        assert_eq!(accept(&["Application/PDF; q=1"]), Some(Format::Pdf));
        assert_eq!(
            accept(&["text/html;q=0.5, application/pdf"]),
            Some(Format::Pdf)
        );
        assert_eq!(
            accept(&["text/html, application/pdf;q=0.9"]),
            Some(Format::Html)
        );
        assert_eq!(
            accept(&["*/*;q=0.1", "application/pdf;q=0.2"]),
            Some(Format::Pdf)
        );
        // The specific range wins over the wildcard, whatever their order.
        assert_eq!(accept(&["application/pdf;q=0, */*"]), Some(Format::Html));
        assert_eq!(accept(&["*/*, text/html;q=0"]), Some(Format::Pdf));
        assert_eq!(accept(&["image/png"]), None);
        assert_eq!(accept(&["text/html;q=0"]), None);
        assert_eq!(accept(&["application/json"]), None);
    }
}
