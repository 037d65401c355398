//! `POST /v1/forms/{id}/validate`: the envelope in, the contract's
//! `ValidationResult` out — the runtime's bytes, the same as the browser's.
//!
//! A verdict (valid or not) is `200`. When no verdict about this form can be
//! given the answer is a JSON error carrying the runtime's result:
//! `400 envelope.malformed` (not JSON, invalid UTF-8, too deep, duplicate
//! keys), `422 envelope.form` (the envelope names another form, or none),
//! `422 envelope.version` (no such version on that date); before the body is
//! read, `404` for an unknown form, `415` for a Content-Type other than JSON
//! and `413` for a body over the limit.

use std::time::Duration;

use axum::body::Body;
use axum::body::HttpBody;
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, RawQuery, Request, State};
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::{IntoResponse, Response};
use http_body_util::{BodyExt as _, LengthLimitError, Limited};
use shinsei_runtime::{Code, Options, ValidationResult};

use crate::error::{ApiError, Problem};
use crate::query::{self, Accepts};
use crate::routes::VerdictLog;
use crate::state::AppState;

const ACCEPTS: Accepts = Accepts {
    version: false,
    dry_run: true,
    now: true,
    file_name: false,
    canonical: false,
    basis: true,
    returned: false,
    input: false,
};

/// The handler.
pub async fn validate(
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
    let limit = state.limits().max_body;
    let bytes = read_body(req.into_body(), limit, state.limits().body_timeout)
        .await
        .map_err(fail)?;

    // The snapshot is taken once the body is in: this request finishes on it
    // whatever a reload does meanwhile.
    let snap = state.snapshot();
    let now = q.now.unwrap_or_else(crate::clock::now);
    let options = Options {
        lang: q.lang,
        max_bytes: limit,
        basis: q.basis,
    };
    let result = shinsei_runtime::validate_bytes(&snap.bundle, &bytes, now, &options);
    let result = match refused(&id, result) {
        Ok(verdict) => verdict,
        Err(error) => return Err(error.lang(q.lang).into_response()),
    };
    let body = result.to_json().into_bytes();
    let mut response = body.into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    let codes = |issues: &[shinsei_runtime::Issue]| issues.iter().map(|i| i.code.clone()).collect();
    response.extensions_mut().insert(VerdictLog {
        form: id,
        version: result.version.clone(),
        valid: result.valid,
        errors: codes(&result.errors),
        warnings: codes(&result.warnings),
    });
    Ok(response)
}

/// What a route that takes an envelope (validate, render) checks before it
/// reads the body: the query, a form the bundle served now has, a JSON
/// Content-Type. `Err` is the refusal, in the query's language once that is
/// read.
pub(crate) fn envelope_request(
    state: &AppState,
    id: Result<Path<String>, PathRejection>,
    raw: Option<&str>,
    accepts: Accepts,
    headers: &HeaderMap,
) -> Result<(query::Query, String), ApiError> {
    let q = query::parse(raw, accepts)?;
    let fail = |p: Problem| ApiError::new(p).lang(q.lang);
    let Ok(Path(id)) = id else {
        return Err(fail(Problem::UnknownForm));
    };
    if !state.snapshot().has_form(&id) {
        return Err(fail(Problem::UnknownForm));
    }
    if !is_json(headers) {
        return Err(fail(Problem::ContentType("application/json")));
    }
    Ok((q, id))
}

/// Whether the Content-Type is `application/json` (parameters allowed; a
/// charset, if any, must be UTF-8).
pub(crate) fn is_json(headers: &HeaderMap) -> bool {
    let Some(value) = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
    else {
        return false;
    };
    let mut parts = value.split(';');
    let mime = parts.next().unwrap_or("").trim();
    mime.eq_ignore_ascii_case("application/json")
        && parts.all(|p| match p.split_once('=') {
            Some((k, v)) if k.trim().eq_ignore_ascii_case("charset") => {
                let v = v.trim().trim_matches('"');
                v.eq_ignore_ascii_case("utf-8") || v.eq_ignore_ascii_case("utf8")
            }
            _ => true,
        })
}

/// The whole body, or `413` when it is (or announces itself) over `limit`,
/// or `408` when it takes longer than `deadline` (a slow client holds no
/// task longer).
pub(crate) async fn read_body(
    body: Body,
    limit: usize,
    deadline: Duration,
) -> Result<axum::body::Bytes, Problem> {
    let too_large = Problem::BodyTooLarge(u64::try_from(limit).unwrap_or(u64::MAX));
    // A Content-Length over the limit is refused at once, before any byte is
    // awaited (the size hint is exact when the header is present).
    if HttpBody::size_hint(&body).lower() > u64::try_from(limit).unwrap_or(u64::MAX) {
        return Err(too_large);
    }
    let collected = tokio::time::timeout(deadline, Limited::new(body, limit).collect())
        .await
        .map_err(|_| Problem::BodyTimeout(deadline.as_secs()))?;
    match collected {
        Ok(collected) => Ok(collected.to_bytes()),
        Err(e) if e.downcast_ref::<LengthLimitError>().is_some() => Err(too_large),
        // The client went away or sent a broken chunked body.
        Err(_) => Err(Problem::BodyUnreadable),
    }
}

/// The runtime's result on form `id` when it is a verdict, else the error
/// the service answers (with the result in it).
pub(crate) fn refused(id: &str, result: ValidationResult) -> Result<ValidationResult, ApiError> {
    let Some(problem) = refusal(id, &result) else {
        return Ok(result);
    };
    let code = match &problem {
        Problem::Envelope(_) => first_code(&result),
        _ => ApiError::new(problem.clone()).code,
    };
    Err(ApiError::new(problem).code(code).with_result(result))
}

/// Why the runtime's result is no verdict on form `id`, if it is not.
fn refusal(id: &str, result: &ValidationResult) -> Option<Problem> {
    let malformed = Code::EnvelopeMalformed.as_str();
    if let Some(issue) = result.errors.iter().find(|i| i.code == malformed) {
        return Some(Problem::Malformed(issue.message.clone()));
    }
    match result.form.as_deref() {
        Some(form) if form != id => Some(Problem::FormMismatch),
        Some(_) if result.version.is_some() => None,
        _ => Some(Problem::Envelope(
            result
                .errors
                .first()
                .map(|i| i.message.clone())
                .unwrap_or_default(),
        )),
    }
}

/// The runtime's first error code, as a static string of the vocabulary.
fn first_code(result: &ValidationResult) -> &'static str {
    result
        .errors
        .first()
        .and_then(|i| Code::parse(&i.code))
        .map_or(Code::EnvelopeForm.as_str(), Code::as_str)
}
