//! The generated OpenAPI document is docs/openapi.json, it describes exactly
//! the routes served, its examples are valid against its own schemas, and so
//! are real responses.

use std::collections::BTreeSet;

use axum::body::Body;
use axum::http::Request;
use serde_json::{Value, json};

use crate::common::*;

fn doc() -> Value {
    serde_json::from_str(&shinsei_server::OPENAPI).unwrap()
}

/// docs/openapi.json is the generated document (`UPDATE_OPENAPI=1` rewrites
/// it; review the diff like a snapshot).
#[test]
fn docs_openapi_json_is_the_generated_document() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/openapi.json");
    let generated = shinsei_server::OPENAPI.as_str();
    if std::env::var_os("UPDATE_OPENAPI").is_some() {
        std::fs::write(path, generated).unwrap();
    }
    let committed = std::fs::read_to_string(path).unwrap();
    assert!(
        committed == generated,
        "docs/openapi.json differs from the generated document: \
         UPDATE_OPENAPI=1 cargo test -p shinsei-server --test it openapi"
    );
}

/// A validator for `schema`, with the document's components in scope.
fn validator(doc: &Value, schema: &Value) -> jsonschema::Validator {
    let root = json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "components": doc["components"],
        "allOf": [schema],
    });
    jsonschema::options()
        .should_validate_formats(true)
        .build(&root)
        .unwrap_or_else(|e| panic!("bad schema {schema}: {e}"))
}

fn check(doc: &Value, schema: &Value, instance: &Value, what: &str) {
    let v = validator(doc, schema);
    let errors: Vec<String> = v.iter_errors(instance).map(|e| e.to_string()).collect();
    assert!(errors.is_empty(), "{what}: {errors:#?}\n{instance}");
}

#[test]
fn every_route_is_documented_and_nothing_else() {
    let doc = doc();
    assert_eq!(doc["openapi"], "3.1.0");
    let documented: BTreeSet<(String, String, String, String)> = doc["paths"]
        .as_object()
        .unwrap()
        .iter()
        .flat_map(|(path, ops)| {
            ops.as_object()
                .unwrap()
                .iter()
                .filter(|(k, _)| ["get", "post", "put", "delete", "patch"].contains(&k.as_str()))
                .map(move |(m, op)| {
                    let text = |k: &str| op[k].as_str().unwrap_or("").to_owned();
                    (
                        m.clone(),
                        path.clone(),
                        text("operationId"),
                        text("summary"),
                    )
                })
        })
        .collect();
    let served: BTreeSet<(String, String, String, String)> = shinsei_server::ROUTES
        .iter()
        .map(|r| {
            (
                r.method.as_openapi().to_owned(),
                r.path.to_owned(),
                r.operation.id().to_owned(),
                r.summary.to_owned(),
            )
        })
        .collect();
    assert_eq!(documented, served);
}

/// A concrete path for a template: `{id}` and `{slot}` filled in.
fn concrete(template: &str) -> String {
    template
        .replace("{id}", "shobyo_teate")
        .replace("{slot}", "doctor_opinion")
}

#[tokio::test]
async fn every_documented_route_reaches_its_handler_in_the_real_router() {
    let doc = doc();
    let router = app(state());
    let mut sent = 0;
    for (path, ops) in doc["paths"].as_object().unwrap() {
        for method in ops.as_object().unwrap().keys() {
            let uri = concrete(path);
            let req = Request::builder()
                .method(method.to_uppercase().as_str())
                .uri(&uri)
                .body(Body::empty())
                .unwrap();
            let (status, _, body) = send_raw(&router, req).await;
            let code = serde_json::from_slice::<Value>(&body)
                .ok()
                .and_then(|v| v["error"]["code"].as_str().map(str::to_owned));
            // A handler answered: not the router's 404 or 405 fallbacks.
            assert!(
                !matches!(
                    code.as_deref(),
                    Some("request.not_found" | "request.method")
                ),
                "{method} {uri}: {status} {code:?}"
            );
            sent += 1;
        }
    }
    assert_eq!(sent, shinsei_server::ROUTES.len());
    // The metrics count each under its own template, none under `other`.
    let (_, _, text) = send_raw(&router, get("/metrics")).await;
    let text = String::from_utf8(text).unwrap();
    for r in shinsei_server::ROUTES {
        assert!(
            text.contains(&format!(
                "shinsei_http_requests_total{{route=\"{}\"",
                r.path
            )),
            "{}: {text}",
            r.path
        );
    }
    assert!(!text.contains("route=\"other\""), "{text}");
}

#[test]
fn examples_are_valid_against_their_schemas() {
    let doc = doc();
    let mut n = 0;
    for (path, ops) in doc["paths"].as_object().unwrap() {
        for (method, op) in ops.as_object().unwrap() {
            let mut contents = Vec::new();
            if let Some(rb) = op.get("requestBody") {
                contents.push(("request".to_owned(), &rb["content"]));
            }
            for (status, r) in op["responses"].as_object().unwrap() {
                assert!(r["description"].is_string(), "{method} {path} {status}");
                if let Some(c) = r.get("content") {
                    contents.push((status.clone(), c));
                }
                // Error responses document the Error schema with the status.
                if status.starts_with('4') || status.starts_with('5') {
                    let c = &r["content"]["application/json"];
                    assert_eq!(
                        c["schema"]["$ref"], "#/components/schemas/Error",
                        "{method} {path} {status}"
                    );
                    let examples: Vec<&Value> = match c.get("example") {
                        Some(e) => vec![e],
                        None => c["examples"]
                            .as_object()
                            .unwrap()
                            .values()
                            .map(|e| &e["value"])
                            .collect(),
                    };
                    for e in examples {
                        assert_eq!(e["error"]["status"].to_string(), *status, "{method} {path}");
                    }
                }
            }
            for (which, content) in contents {
                for (media, c) in content.as_object().unwrap() {
                    let mut examples: Vec<&Value> = c.get("example").into_iter().collect();
                    if let Some(map) = c.get("examples").and_then(Value::as_object) {
                        examples.extend(map.values().map(|e| &e["value"]));
                    }
                    if media != "application/json" {
                        continue;
                    }
                    for e in examples {
                        check(&doc, &c["schema"], e, &format!("{method} {path} {which}"));
                        n += 1;
                    }
                }
            }
        }
    }
    assert!(n >= 20, "only {n} examples");
}

#[tokio::test]
async fn real_responses_match_the_documented_schemas() {
    let doc = doc();
    let schema = |path: &str, method: &str, status: u16| -> Value {
        doc["paths"][path][method]["responses"][status.to_string()]["content"]["application/json"]["schema"].clone()
    };
    let router = app(state());
    let mut invalid = typical();
    invalid["fields"]["leave"][0]["to"] = "2026-02-01".into();
    let pdf = || {
        Request::post("/v1/forms/shobyo_teate/attachments/doctor_opinion")
            .header("content-type", "image/png")
            .body(Body::from("%PDF-1.4"))
            .unwrap()
    };
    let cases: Vec<(&str, &str, Request<Body>)> = vec![
        ("/v1/forms", "get", get("/v1/forms")),
        ("/v1/forms", "get", get("/v1/forms?x=1")),
        ("/v1/forms/{id}", "get", get("/v1/forms/shobyo_teate")),
        ("/v1/forms/{id}", "get", get("/v1/forms/ninkei_shutoku")),
        ("/v1/forms/{id}", "get", get("/v1/forms/nope")),
        (
            "/v1/forms/{id}/schema",
            "get",
            get("/v1/forms/shobyo_teate/schema"),
        ),
        (
            "/v1/forms/{id}/schema",
            "get",
            get("/v1/forms/shobyo_teate/schema?version=0"),
        ),
        (
            "/v1/forms/{id}/validate",
            "post",
            post_json(VALIDATE, typical().to_string()),
        ),
        (
            "/v1/forms/{id}/validate",
            "post",
            post_json(VALIDATE, invalid.to_string()),
        ),
        ("/v1/forms/{id}/validate", "post", post_json(VALIDATE, "{")),
        ("/v1/forms/{id}/validate", "post", post_json(VALIDATE, "[]")),
        (
            "/v1/forms/{id}/validate",
            "post",
            post_json("/v1/forms/nope/validate", "{}"),
        ),
        ("/v1/forms/{id}/attachments/{slot}", "post", pdf()),
        ("/v1/openapi.json", "get", get("/v1/openapi.json")),
        ("/healthz", "get", get("/healthz")),
        (
            "/admin/reload",
            "post",
            Request::post("/admin/reload").body(Body::empty()).unwrap(),
        ),
    ];
    for (path, method, req) in cases {
        let (status, body) = send(&router, req).await;
        let s = schema(path, method, status.as_u16());
        assert!(
            !s.is_null(),
            "{method} {path}: status {status} is not documented"
        );
        check(&doc, &s, &body, &format!("{method} {path} {status}"));
    }
}
