//! `POST /v1/forms/{id}/attachments/{slot}`: checks an uploaded file.
//!
//! The server adds what needs the bytes — the real type sniffed from the
//! magic bytes, compared with the declared `Content-Type`, and the pixel size
//! read from the image headers — and then runs the runtime's own attachment
//! rules (the slot's accept list and size, the insurer's limits per type,
//! 512–8,192 px) on the metadata, so that the messages are the runtime's.
//!
//! Refused before reading: an unknown form, version or slot (`404`), a
//! declared type other than PDF/JPEG/PNG (`415 attachment.type`), a body over
//! the slot's limit (`413 attachment.size`). Otherwise the answer is `200`
//! with `valid`, the `errors`, and the `entry` to put in the envelope.

use axum::extract::rejection::PathRejection;
use axum::extract::{Path, RawQuery, Request, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use schemars::JsonSchema;
use serde::Serialize;
use serde_json::json;
use shinsei_ir::{Form, MediaType};
use shinsei_runtime::{Code, Issue, IssueSeverity, Lang, Options};

use crate::error::{ApiError, Problem};
use crate::query::{self, Accepts};
use crate::routes::validate::read_body;
use crate::sniff;
use crate::state::AppState;

const ACCEPTS: Accepts = Accepts {
    version: true,
    dry_run: false,
    now: false,
    file_name: true,
    canonical: false,
    basis: false,
    returned: false,
    input: false,
};

/// The attachment entry for the envelope, with what was measured.
#[derive(Serialize, JsonSchema)]
#[schemars(rename = "AttachmentEntry")]
struct Entry<'a> {
    /// Slot id.
    slot: &'a str,
    /// The file's name (`?file_name=`, or `upload.<ext>`).
    file_name: &'a str,
    /// The type the bytes are (else the declared one).
    #[schemars(schema_with = "media_type")]
    media_type: &'static str,
    /// Size in bytes.
    size: u64,
    /// Image width in pixels (JPEG/PNG).
    #[serde(skip_serializing_if = "Option::is_none")]
    width: Option<u32>,
    /// Image height in pixels (JPEG/PNG).
    #[serde(skip_serializing_if = "Option::is_none")]
    height: Option<u32>,
}

/// `POST /v1/forms/{id}/attachments/{slot}`: the check of one upload.
#[derive(Serialize, JsonSchema)]
#[schemars(rename = "AttachmentCheck")]
pub(crate) struct Check<'a> {
    /// No error.
    valid: bool,
    /// Form id.
    form: &'a str,
    /// The version checked against.
    version: &'a str,
    /// Slot id.
    slot: &'a str,
    /// The type the Content-Type declared.
    #[schemars(schema_with = "media_type")]
    declared_type: &'static str,
    /// The type the bytes are (`null` when none of PDF, JPEG, PNG).
    #[schemars(schema_with = "detected_type")]
    detected_type: Option<&'static str>,
    /// What to put in the envelope's `attachments`.
    entry: Entry<'a>,
    /// Paths are JSON Pointers into `entry`.
    errors: Vec<Issue>,
}

/// The media types an upload may have.
fn media_types() -> Vec<&'static str> {
    MediaType::ALL.into_iter().map(MediaType::mime).collect()
}

fn media_type(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
    schemars::json_schema!({ "type": "string", "enum": media_types() })
}

fn detected_type(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
    let mut any: Vec<serde_json::Value> = media_types().into_iter().map(Into::into).collect();
    any.push(serde_json::Value::Null);
    schemars::json_schema!({ "enum": any })
}

/// The handler.
pub async fn check(
    State(state): State<AppState>,
    path: Result<Path<(String, String)>, PathRejection>,
    RawQuery(raw): RawQuery,
    req: Request,
) -> Response {
    let q = match query::parse(raw.as_deref(), ACCEPTS) {
        Ok(q) => q,
        Err(e) => return e.into_response(),
    };
    let fail = |p: Problem| ApiError::new(p).lang(q.lang).into_response();
    let Ok(Path((id, slot_id))) = path else {
        return fail(Problem::UnknownForm);
    };
    let snap = state.snapshot();
    let form = match snap.form(&id, q.version.as_deref(), None) {
        Ok(f) => f,
        Err(e) => return e.lang(q.lang).into_response(),
    };
    let Some(slot) = form.attachments.iter().find(|s| s.id == slot_id) else {
        return fail(Problem::UnknownSlot);
    };
    let declared = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| MediaType::from_mime(v.split(';').next().unwrap_or("")));
    let Some(declared) = declared else {
        return fail(Problem::AttachmentType);
    };
    let limit = slot.max_size.min(declared.max_bytes());
    let limit_usize = usize::try_from(limit).unwrap_or(usize::MAX);
    let bytes = match read_body(req.into_body(), limit_usize, state.limits().body_timeout).await {
        Ok(b) => b,
        Err(Problem::BodyTooLarge(_)) => return fail(Problem::AttachmentTooLarge(limit)),
        Err(p) => return fail(p),
    };

    let lang = q.lang;
    let detected = sniff::media_type(&bytes);
    let mut errors = Vec::new();
    let type_error = |ja: String, en: String| Issue {
        path: "/media_type".to_owned(),
        code: Code::AttachmentType.as_str().to_owned(),
        message: if lang == Lang::En { en } else { ja },
        severity: IssueSeverity::Error,
        basis: None,
    };
    match detected {
        None => errors.push(type_error(
            "ファイルの中身が PDF, JPEG, PNG のいずれでもありません".to_owned(),
            "the file is not a PDF, JPEG or PNG".to_owned(),
        )),
        Some(real) if real != declared => errors.push(type_error(
            format!(
                "ファイルの中身（{}）が申告された種類（{}）と一致しません",
                real.mime(),
                declared.mime()
            ),
            format!(
                "the file is {}, not {} as declared",
                real.mime(),
                declared.mime()
            ),
        )),
        Some(_) => {}
    }
    let media = detected.unwrap_or(declared);
    let dims = match media {
        MediaType::Pdf => None,
        image => {
            let d = sniff::dimensions(image, &bytes);
            if d.is_none() && detected.is_some() {
                errors.push(type_error(
                    "画像の大きさを読み取れません（ファイルが壊れている可能性があります）"
                        .to_owned(),
                    "cannot read the image's size (the file may be corrupt)".to_owned(),
                ));
            }
            d
        }
    };
    // Without `file_name`, a name that matches the file's type (so that the
    // runtime's extension check speaks only of names a client sent).
    let file_name = q.file_name.as_deref().unwrap_or(match media {
        MediaType::Pdf => "upload.pdf",
        MediaType::Jpeg => "upload.jpg",
        MediaType::Png => "upload.png",
    });
    let entry = Entry {
        slot: &slot.id,
        file_name,
        media_type: media.mime(),
        size: u64::try_from(bytes.len()).unwrap_or(u64::MAX),
        width: dims.map(|d| d.0),
        height: dims.map(|d| d.1),
    };
    errors.extend(runtime_checks(&snap.bundle, form, &entry, lang));
    let body = Check {
        valid: errors.is_empty(),
        form: &form.id,
        version: &form.version,
        slot: &slot.id,
        declared_type: declared.mime(),
        detected_type: detected.map(MediaType::mime),
        entry,
        errors,
    };
    super::forms::json(serde_json::to_vec(&body).unwrap_or_default().into())
}

/// The runtime's attachment rules on `entry`, run on a one-entry envelope of
/// this form version; only the issues of that entry are kept, with paths
/// relative to it.
fn runtime_checks(
    bundle: &shinsei_ir::Bundle,
    form: &Form,
    entry: &Entry<'_>,
    lang: Lang,
) -> Vec<Issue> {
    let envelope = json!({
        "form": form.id,
        "version": form.version,
        "attachments": [entry],
    });
    let Some(now) = form
        .effective
        .from
        .and_hms_opt(12, 0, 0)
        .and_then(|t| t.and_local_timezone(crate::clock::jst()).single())
    else {
        return Vec::new();
    };
    let options = Options {
        lang,
        ..Options::default()
    };
    let result = shinsei_runtime::validate(bundle, &envelope.to_string(), now, &options);
    const PREFIX: &str = "/attachments/0/";
    result
        .errors
        .into_iter()
        .filter_map(|mut issue| {
            let rest = issue.path.strip_prefix(PREFIX)?.to_owned();
            issue.path = format!("/{rest}");
            Some(issue)
        })
        .collect()
}
