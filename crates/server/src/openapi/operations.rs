//! One OpenAPI operation per route of [`crate::ROUTES`]: its parameters,
//! request body, success answer with the headers the layers add, and the
//! error responses of every problem it can meet ([`super::errors`]).

use schemars::generate::SchemaGenerator;
use serde_json::{Value, json};

use super::errors::{self, Documented, doc};
use super::schemas::{json_schema_document, reference};
use crate::api::{Operation, Route, RouteMethod};
use crate::error::{ErrorBody, Problem};
use crate::routes::{AttachmentCheck, Health, Reload};
use crate::state::{FormList, Limits};
use crate::web;

/// How a success answer may be kept ([`web::api_get_revalidated`]).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Caching {
    /// `ETag`, `Cache-Control: no-cache`, `304` on a matching `If-None-Match`.
    Revalidate,
    /// `Cache-Control: no-store`.
    NoStore,
}

/// What one route documents besides the route table's summary.
struct Spec {
    tag: &'static str,
    description: Option<&'static str>,
    parameters: &'static [&'static str],
    body: Option<Value>,
    /// The 200 answer: description, media types, schema.
    ok: (&'static str, &'static [&'static str], Value),
    problems: Vec<Documented>,
    admin: bool,
}

/// The operation of `route`.
pub(super) fn operation(route: &Route, limits: &Limits, g: &mut SchemaGenerator) -> Value {
    let spec = spec(route, limits, g);
    let caching = if route.method == RouteMethod::Get && web::api_get_revalidated(route.path) {
        Caching::Revalidate
    } else {
        Caching::NoStore
    };
    let mut parameters: Vec<Value> = spec
        .parameters
        .iter()
        .map(|p| json!({ "$ref": format!("#/components/parameters/{p}") }))
        .collect();
    if caching == Caching::Revalidate {
        parameters.push(json!({ "$ref": "#/components/parameters/If-None-Match" }));
    }
    if spec.body.is_some() {
        parameters.push(json!({ "$ref": "#/components/parameters/Content-Encoding" }));
    }

    let (what, media, schema) = spec.ok;
    let content: serde_json::Map<String, Value> = media
        .iter()
        .map(|m| ((*m).to_owned(), json!({ "schema": schema })))
        .collect();
    let mut responses = serde_json::Map::new();
    responses.insert(
        "200".to_owned(),
        json!({
            "description": what,
            "headers": success_headers(caching),
            "content": content,
        }),
    );
    if caching == Caching::Revalidate {
        responses.insert(
            "304".to_owned(),
            json!({
                "description": "Not Modified: `If-None-Match` matched the `ETag`; no body",
                "headers": {
                    "ETag": {"$ref": "#/components/headers/ETag"},
                    "Cache-Control": {"$ref": "#/components/headers/Cache-Control.revalidate"},
                },
            }),
        );
    }
    let mut problems = spec.problems;
    problems.extend(errors::protocol(limits));
    let error = reference::<ErrorBody<'static>>(g);
    for (status, response) in errors::responses(&problems, &error) {
        responses.insert(status.to_string(), response);
    }

    let mut op = serde_json::Map::new();
    op.insert("tags".to_owned(), json!([spec.tag]));
    op.insert("operationId".to_owned(), route.operation.id().into());
    op.insert("summary".to_owned(), route.summary.into());
    if let Some(d) = spec.description {
        op.insert("description".to_owned(), d.into());
    }
    op.insert("parameters".to_owned(), parameters.into());
    if let Some(body) = spec.body {
        op.insert("requestBody".to_owned(), body);
    }
    op.insert("responses".to_owned(), responses.into());
    if spec.admin {
        op.insert("security".to_owned(), json!([{}, {"adminToken": []}]));
    }
    op.into()
}

fn success_headers(caching: Caching) -> Value {
    let header = |name: &str| json!({ "$ref": format!("#/components/headers/{name}") });
    let mut h = serde_json::Map::new();
    if caching == Caching::Revalidate {
        h.insert("ETag".to_owned(), header("ETag"));
    }
    let cache = match caching {
        Caching::Revalidate => "Cache-Control.revalidate",
        Caching::NoStore => "Cache-Control.no-store",
    };
    h.insert("Cache-Control".to_owned(), header(cache));
    for name in [
        "Content-Encoding",
        "Vary",
        "Access-Control-Allow-Origin",
        "Access-Control-Expose-Headers",
    ] {
        h.insert(name.to_owned(), header(name));
    }
    h.into()
}

const JSON: &str = "application/json";

fn spec(route: &Route, limits: &Limits, g: &mut SchemaGenerator) -> Spec {
    let none = Spec {
        tag: "operations",
        description: None,
        parameters: &[],
        body: None,
        ok: ("OK", &[JSON], json!({})),
        problems: Vec::new(),
        admin: false,
    };
    match route.operation {
        Operation::ListForms => Spec {
            tag: "forms",
            parameters: &["lang"],
            ok: (
                "The forms of the bundle served now",
                &[JSON],
                reference::<FormList<'static>>(g),
            ),
            problems: errors::query("lang"),
            ..none
        },
        Operation::DescribeForm => Spec {
            tag: "forms",
            description: Some(
                "Exactly `shinsei_describe::describe(form, bundle)` — the same description the WASM \
                 module's `describeForm` gives. Without `version`, the version in force today (JST), \
                 or on `now`.",
            ),
            parameters: &["id", "version", "on", "lang"],
            ok: (
                "The description",
                &[JSON],
                reference::<shinsei_describe::FormDescription>(g),
            ),
            problems: [errors::query("version"), errors::selection()].concat(),
            ..none
        },
        Operation::FormSchema => Spec {
            tag: "forms",
            description: Some(
                "`shinsei_describe::envelope_schema(form, bundle, kind)`: by default the input schema \
                 (every notation the runtime accepts and normalizes: 和暦, full-width digits, \
                 `\"300,000\"`, ASCII spaces in kana, `null` where absence is allowed, `[]` for a \
                 hidden list); with `canonical=true` the canonical one (the values of the result's \
                 `canonical`). Both compile under ajv's strict mode.",
            ),
            parameters: &["id", "version", "on", "canonical", "lang"],
            ok: (
                "The JSON Schema of the version's envelope",
                &[JSON],
                json_schema_document(),
            ),
            problems: [errors::query("canonical"), errors::selection()].concat(),
            ..none
        },
        Operation::Validate => Spec {
            tag: "validation",
            description: Some(
                "The envelope in, the runtime's `ValidationResult` out (its `canonical` is the whole \
                 submission with every value normalized). `now` is the server's clock (JST) unless \
                 the request is a dry run (`dry_run=true&now=RFC 3339`). The envelope's `form` must \
                 be `{id}`. The body is limited (`--max-body`), read as bytes and parsed by the \
                 runtime's bounded parser (depth, size, duplicate keys, UTF-8). When the runtime \
                 gives no verdict on this form, the error carries its code (`envelope.malformed`, \
                 `envelope.too_large`, `envelope.form`, `envelope.version`, `type`) and its \
                 verdict in `result`; the WASM package's `validate` gives the same code for the \
                 same bytes.",
            ),
            parameters: &["id", "dry_run", "now", "basis", "lang"],
            body: Some(json!({
                "required": true,
                "description": "The envelope. Its `fields` follow the form version's field tree: \
                    the exact schema of each version is `GET /v1/forms/{id}/schema` (the input \
                    schema: every notation the runtime accepts), its TypeScript types are in the \
                    npm package's `shinsei-wasm/forms`.",
                "content": {JSON: {
                    "schema": reference::<shinsei_runtime::contract::Submission>(g),
                    "example": example_envelope(),
                }},
            })),
            ok: (
                "A verdict on this form: valid or not",
                &[JSON],
                reference::<shinsei_runtime::ValidationResult>(g),
            ),
            problems: [
                errors::query("now"),
                vec![
                    doc("no form has this id", Problem::UnknownForm),
                    doc(
                        "the Content-Type is not application/json (a charset, if any, UTF-8)",
                        Problem::ContentType(JSON),
                    ),
                ],
                errors::body(limits),
                errors::envelope(limits),
            ]
            .concat(),
            ..none
        },
        Operation::Render => Spec {
            tag: "documents",
            description: Some(
                "What a member gets back with a returned (返戻) application, as a document: the \
                 entered contents laid out like the paper form (申請書情報: 資格 block, sections, \
                 和暦 with the western date, yen with separators, numbered items, attachments), or \
                 with `returned=true` the 返戻理由のお知らせ (each error of the verdict in plain \
                 Japanese, the entry it concerns and its legal basis) — exactly what \
                 `shinsei render` writes. HTML by default; PDF (A4, a subset of Noto Sans CJK JP \
                 embedded) with `Accept: application/pdf`, when the server has a Japanese font \
                 (else `406 render.pdf`). The body is the envelope, or with `input=application` \
                 an application file (申請ファイル, its normalized values under the version it was \
                 made with). It is judged at `now`: the query's, else the file's or the \
                 envelope's `submitted_at`, else the server's clock; refused as `validate` \
                 refuses it when the runtime gives no verdict on this form.",
            ),
            parameters: &["id", "returned", "input", "render_now", "lang", "Accept"],
            body: Some(json!({
                "required": true,
                "description": "The envelope (as for validate), or with `input=application` an \
                    application file (`docs/schemas/application-file.schema.json`).",
                "content": {JSON: {
                    "schema": {"oneOf": [
                        reference::<shinsei_runtime::contract::Submission>(g),
                        reference::<shinsei_runtime::ApplicationFile>(g),
                    ]},
                    "example": example_envelope(),
                }},
            })),
            ok: (
                "The document: a self-contained HTML page (`lang=\"ja\"`, no script), or a PDF",
                &["text/html", "application/pdf"],
                json!({"type": "string"}),
            ),
            problems: [
                errors::query("returned"),
                vec![
                    doc("no form has this id", Problem::UnknownForm),
                    doc(
                        "the Content-Type is not application/json (a charset, if any, UTF-8)",
                        Problem::ContentType(JSON),
                    ),
                    doc(
                        "the `Accept` header takes neither text/html nor application/pdf",
                        Problem::NotAcceptable,
                    ),
                    doc(
                        "a PDF was asked for and the server has no Japanese font",
                        Problem::NoPdf,
                    ),
                    doc(
                        "`input=application` and the body is not an application file",
                        Problem::Application("a member is missing: format".to_owned()),
                    ),
                ],
                errors::body(limits),
                errors::envelope(limits),
            ]
            .concat(),
            ..none
        },
        Operation::CheckAttachment => Spec {
            tag: "validation",
            description: Some(
                "The raw bytes with the declared Content-Type. The real type is sniffed from the magic \
                 bytes (PDF `%PDF-`, JPEG `FF D8 FF`, PNG `89 50 4E 47 0D 0A 1A 0A`) and compared with \
                 the declared one; the pixel size of images is read from the headers (PNG IHDR, JPEG \
                 SOFn); then the runtime's attachment rules run on the metadata. `entry` is what to \
                 put in the envelope's `attachments`.",
            ),
            parameters: &["id", "slot", "version", "file_name", "lang"],
            body: Some(json!({
                "required": true,
                "content": {
                    "application/pdf": {"schema": {"type": "string", "contentMediaType": "application/pdf"}},
                    "image/jpeg": {"schema": {"type": "string", "contentMediaType": "image/jpeg"}},
                    "image/png": {"schema": {"type": "string", "contentMediaType": "image/png"}},
                },
            })),
            ok: (
                "The check: valid or not",
                &[JSON],
                reference::<AttachmentCheck<'static>>(g),
            ),
            problems: [
                errors::query("file_name"),
                errors::selection(),
                vec![
                    doc("the form has no such attachment slot", Problem::UnknownSlot),
                    doc(
                        "the declared type is not PDF, JPEG or PNG",
                        Problem::AttachmentType,
                    ),
                    doc(
                        "over the slot's limit for the declared type (refused while it streams)",
                        Problem::AttachmentTooLarge(10 * 1024 * 1024),
                    ),
                ],
                errors::body(limits),
            ]
            .concat(),
            ..none
        },
        Operation::Openapi => Spec {
            ok: (
                "OpenAPI 3.1 (generated from the server's types and routes)",
                &[JSON],
                json!({"type": "object", "additionalProperties": true}),
            ),
            ..none
        },
        Operation::Health => Spec {
            ok: ("Serving", &[JSON], reference::<Health<'static>>(g)),
            ..none
        },
        Operation::Metrics => Spec {
            description: Some(
                "`shinsei_http_requests_total{route,status}`, `shinsei_http_request_duration_seconds{route}` \
                 (histogram), `shinsei_verdicts_total{form,valid}`, \
                 `shinsei_verdict_codes_total{form,severity,code}`, `shinsei_reloads_total{outcome}`, \
                 `shinsei_bundle_info{hash,form_versions}`, `shinsei_uptime_seconds`. Routes are \
                 templates, never raw paths.",
            ),
            ok: (
                "Prometheus text",
                &["text/plain"],
                json!({"type": "string"}),
            ),
            ..none
        },
        Operation::Reload => Spec {
            description: Some(
                "Recompiles the forms (or rereads the bundle file) and swaps it in atomically; \
                 requests in flight finish on the old bundle. A bundle that does not compile, does \
                 not parse, is for another IR version or does not match its hash is refused and the \
                 old one stays. Allowed from loopback (not from a web page: no `Origin`, no \
                 cross-site `Sec-Fetch-Site`); with `SHINSEI_ADMIN_TOKEN` set, only with \
                 `Authorization: Bearer <token>`. `kill -HUP` and `--watch` do the same.",
            ),
            ok: ("Reloaded", &[JSON], reference::<Reload>(g)),
            problems: vec![
                doc(
                    "not from loopback, from a web page, or without the token",
                    Problem::Forbidden,
                ),
                doc(
                    "the new bundle was refused; the old one is still served",
                    Problem::ReloadFailed("the forms have 1 error(s), first: …".to_owned()),
                ),
            ],
            admin: true,
            ..none
        },
    }
}

/// A submission of 傷病手当金 as a client sends it.
fn example_envelope() -> Value {
    json!({
        "form": "shobyo_teate",
        "version": "2026.1",
        "submitted_at": "2026-03-02T10:00:00+09:00",
        "applicant": {"role": "insured"},
        "qualification": {
            "insurer_number": "01130012", "branch": "東京", "symbol": "12345678", "number": "1",
            "branch_no": "00", "name_kanji": "協会 太郎", "name_kana": "キョウカイ タロウ",
            "birth_date": "1989-05-10",
        },
        "fields": {"leave": [{"from": "2026-02-02", "to": "2026-02-20"}], "paid": false},
        "attachments": [
            {"slot": "doctor_opinion", "file_name": "ikensho.pdf", "media_type": "application/pdf", "size": 123456},
        ],
    })
}

/// `components.parameters`.
pub(super) fn parameters() -> Value {
    let date_time = json!({"type": "string", "format": "date-time"});
    json!({
        "id": {"name": "id", "in": "path", "required": true, "description": "Form id (`form` in the envelope)", "schema": {"type": "string"}, "example": "shobyo_teate"},
        "slot": {"name": "slot", "in": "path", "required": true, "description": "Attachment slot id", "schema": {"type": "string"}, "example": "doctor_opinion"},
        "version": {"name": "version", "in": "query", "description": "Form version (default: the one in force today in JST, or on `now` where the route takes it)", "schema": {"type": "string"}, "example": "2026.1"},
        "lang": {"name": "lang", "in": "query", "description": "Message language", "schema": {"type": "string", "enum": ["ja", "en"], "default": "ja"}},
        "dry_run": {"name": "dry_run", "in": "query", "description": "Validate without filing; allows `now`", "schema": {"type": "boolean", "default": false}},
        "now": {"name": "now", "in": "query", "description": "The validation instant of a dry run (RFC 3339; `+` written `%2B`). Refused without `dry_run=true`.", "schema": date_time, "example": "2026-03-02T10:00:00+09:00"},
        "on": {"name": "now", "in": "query", "description": "Which version: without `version`, the one in force on this instant's JST date (RFC 3339; `+` written `%2B`; default: the server's clock); with `version`, that version must be in force then.", "schema": date_time, "example": "2026-03-02T10:00:00+09:00"},
        "file_name": {"name": "file_name", "in": "query", "description": "The file's name, for the `entry` (default `upload.pdf`, `upload.jpg` or `upload.png` as the file is; at most 255 characters, no control characters, its extension must match the file's type)", "schema": {"type": "string"}},
        "basis": {"name": "basis", "in": "query", "description": "`true`: each issue carries the legal basis of the rule (or of the form, for `required` and `attachment.missing`) where one is known, as `basis`; without it the result has no `basis` member", "schema": {"type": "boolean", "default": false}},
        "returned": {"name": "returned", "in": "query", "description": "`true`: the 返戻理由のお知らせ (the reasons of the verdict, with their basis) instead of the entered contents", "schema": {"type": "boolean", "default": false}},
        "input": {"name": "input", "in": "query", "description": "What the body is: an envelope (default) or an application file (申請ファイル)", "schema": {"type": "string", "enum": ["envelope", "application"], "default": "envelope"}},
        "render_now": {"name": "now", "in": "query", "description": "The instant the submission is judged at (RFC 3339; `+` written `%2B`); default: the application file's or the envelope's `submitted_at`, else the server's clock", "schema": date_time, "example": "2026-03-02T10:00:00+09:00"},
        "Accept": {"name": "Accept", "in": "header", "description": "`text/html` (the default) or `application/pdf`", "schema": {"type": "string"}, "example": "application/pdf"},
        "canonical": {"name": "canonical", "in": "query", "description": "`true`: the canonical schema (the normalized values of the result's `canonical`) instead of the input schema (everything the runtime accepts)", "schema": {"type": "boolean", "default": false}},
        "If-None-Match": {"name": "If-None-Match", "in": "header", "description": "The `ETag` of the copy held: `304` with no body when it is still current", "schema": {"type": "string"}},
        "Content-Encoding": {"name": "Content-Encoding", "in": "header", "description": "The body's coding: gzip or br (the limits apply to the decompressed bytes); any other is `415 request.content_encoding`", "schema": {"type": "string", "enum": ["gzip", "br", "identity"]}},
    })
}
