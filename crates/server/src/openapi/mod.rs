//! The OpenAPI 3.1 document of the API, generated rather than written:
//!
//! - the paths and operations from the route table ([`crate::ROUTES`]);
//! - the schemas from the Rust types the server serializes, through
//!   schemars (the same definitions the WASM package's `.d.ts` is generated
//!   from: `ValidationResult`, `FormDescription`, the envelope, …);
//! - every error response from [`crate::error::ApiError`] itself: the status and code of
//!   each problem a route can meet, with the body the server really sends
//!   as its example (protocol errors of the connection layer included);
//! - the headers from the layers' own policies: `ETag`/`304`,
//!   `Cache-Control`, `Content-Encoding` (both ways), CORS.
//!
//! `docs/openapi.json` is this document; a test fails when it differs
//! (`UPDATE_OPENAPI=1 cargo test -p shinsei-server --test it openapi`
//! rewrites it), and `GET /v1/openapi.json` serves it ([`crate::OPENAPI`],
//! kept at the crate's root, where the routes and this module meet, so that
//! the routes do not depend on the module that reads them).

mod errors;
mod operations;
mod schemas;

use serde_json::{Map, Value, json};

use crate::api::ROUTES;
use crate::state::Limits;
use crate::web;

/// The document as served and committed (pretty, with a final newline);
/// the crate keeps it once in [`crate::OPENAPI`].
pub fn render() -> String {
    let mut text = serde_json::to_string_pretty(&document()).unwrap_or_default();
    text.push('\n');
    text
}

/// The document.
pub fn document() -> Value {
    let limits = Limits::default();
    let mut g = schemas::generator();
    let mut paths = Map::new();
    for route in ROUTES {
        let op = operations::operation(route, &limits, &mut g);
        let entry = paths
            .entry(route.path.to_owned())
            .or_insert_with(|| Value::Object(Map::new()));
        if let Value::Object(ops) = entry {
            ops.insert(route.method.as_openapi().to_owned(), op);
        }
    }
    json!({
        "openapi": "3.1.0",
        "jsonSchemaDialect": "https://json-schema.org/draft/2020-12/schema",
        "info": {
            "title": "shinsei validation service",
            "version": "1",
            "summary": "協会けんぽ application forms: describe, validate, check attachments, render",
            "description": description(&limits),
            "license": {"name": "MIT OR Apache-2.0", "identifier": "MIT OR Apache-2.0"},
        },
        "servers": [{"url": "http://127.0.0.1:8080", "description": "shinsei serve (default address)"}],
        "tags": [
            {"name": "forms", "description": "What a frontend renders: the forms, their descriptions and schemas"},
            {"name": "validation", "description": "Verdicts on submissions and attachments"},
            {"name": "documents", "description": "A submission as a document: the 申請書情報 and the 返戻理由のお知らせ"},
            {"name": "operations", "description": "For operators: liveness, metrics, reload"},
        ],
        "paths": paths,
        "components": {
            "schemas": schemas::components(g),
            "parameters": operations::parameters(),
            "headers": headers(),
            "securitySchemes": {
                "adminToken": {"type": "http", "scheme": "bearer", "description": "SHINSEI_ADMIN_TOKEN"},
            },
        },
    })
}

fn description(limits: &Limits) -> String {
    let cors = &web::CORS_POLICY;
    let names = |list: &[axum::http::HeaderName]| {
        list.iter()
            .map(|h| format!("`{h}`"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    format!(
        "The HTTP shell around the shinsei runtime (`shinsei serve`). The validation result is the \
         runtime's, byte for byte the same as the browser's (WASM). A verdict, valid or not, is \
         `200`; a request no verdict can be given for gets a JSON error \
         `{{error: {{status, code, message}}}}` — every response lists the codes it can carry. \
         Messages are Japanese by default, English with `?lang=en`. Start it with \
         `shinsei serve --forms forms/` (docs/server.md).\n\n\
         **Caching.** `GET` answers of the API's JSON carry a weak `ETag` and \
         `Cache-Control: {revalidate}`; a matching `If-None-Match` gets `304` with no body. \
         Every other answer (verdicts hold personal data, errors, `/healthz`, `/metrics`) is \
         `Cache-Control: {no_store}`.\n\n\
         **Compression.** Answers of {min} bytes or more are compressed with gzip or br as \
         `Accept-Encoding` allows (`Content-Encoding`, `Vary: accept-encoding`). Request bodies \
         may be sent with `Content-Encoding: gzip` or `br`; the limits apply to the decompressed \
         bytes; any other coding is `415 request.content_encoding`.\n\n\
         **CORS.** Off by default (same origin; a preflight is then `405`). With \
         `--cors-origin <origin>` (repeatable, or `*`) preflights (`OPTIONS`) are answered `200` \
         for the methods {methods} and the request headers {allow}, cached {max_age} seconds; \
         answers to allowed origins carry `Access-Control-Allow-Origin` and expose {expose}. \
         No credentials.\n\n\
         **Protocol limits.** A request head over {head} bytes is `431` (`414` for the request \
         line alone), a head not in within {head_secs} s is `408`, a body not in within \
         {body_secs} s is `408`, a `validate` body over {body} bytes is `413`, and when all \
         {conns} connection slots are taken the answer is `503` with `Retry-After`. Each is the \
         JSON error above.",
        revalidate = web::REVALIDATE,
        no_store = web::NO_STORE,
        min = web::COMPRESS_MIN_BYTES,
        methods = cors
            .methods
            .iter()
            .map(|m| format!("`{m}`"))
            .collect::<Vec<_>>()
            .join(", "),
        allow = names(&cors.allow_headers),
        expose = names(&cors.expose_headers),
        max_age = cors.max_age.as_secs(),
        head = limits.max_head,
        head_secs = limits.header_timeout.as_secs(),
        body_secs = limits.body_timeout.as_secs(),
        body = limits.max_body,
        conns = limits.max_connections,
    )
}

/// The response headers the layers add, referenced by the operations.
fn headers() -> Value {
    let policy = web::CORS_POLICY;
    let expose: Vec<&str> = policy
        .expose_headers
        .iter()
        .map(axum::http::HeaderName::as_str)
        .collect();
    json!({
        "ETag": {
            "description": "A weak validator of the body: `W/\"<first 16 bytes of its SHA-256, hex>\"`. Send it back in `If-None-Match`.",
            "schema": {"type": "string", "pattern": "^W/\"[0-9a-f]{32}\"$"},
        },
        "Cache-Control.revalidate": {
            "description": "Keep it, but ask again (with `If-None-Match`) before each use: a reload may change it.",
            "schema": {"const": web::REVALIDATE},
        },
        "Cache-Control.no-store": {
            "description": "Not kept by any cache.",
            "schema": {"const": web::NO_STORE},
        },
        "Content-Encoding": {
            "description": format!("Present when the body ({} bytes or more) was compressed as `Accept-Encoding` allowed.", web::COMPRESS_MIN_BYTES),
            "schema": {"type": "string", "enum": ["gzip", "br"]},
        },
        "Vary": {
            "description": "`accept-encoding` once compression may apply; `origin` added with CORS.",
            "schema": {"type": "string"},
        },
        "Access-Control-Allow-Origin": {
            "description": "Only with `--cors-origin`, to an allowed origin.",
            "schema": {"type": "string"},
        },
        "Access-Control-Expose-Headers": {
            "description": format!("Only with `--cors-origin`: {}.", expose.join(", ")),
            "schema": {"type": "string"},
        },
        "Retry-After": {
            "description": "Seconds to wait before trying again.",
            "schema": {"type": "integer", "minimum": 0},
        },
    })
}
