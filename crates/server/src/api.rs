//! The one list of the API's routes, as data: method, path template,
//! operation and summary. The router (each [`Operation`]'s handler, in
//! `routes`), the metrics labels, the static-file fallback's "is this the
//! API?" and the OpenAPI document are all derived from [`ROUTES`]. A route is
//! added by adding an [`Operation`] and its entry here; the router's match on
//! the operation is exhaustive, so a route without a handler does not compile.
//! This module depends on no other of the crate: everything that reads the
//! table sits above it.

use axum::http::Method;
use axum::routing::MethodFilter;

/// One route of the API.
#[derive(Clone, Copy, Debug)]
pub struct Route {
    /// `GET` or `POST`.
    pub method: RouteMethod,
    /// The path template: axum's route, the OpenAPI path and the metrics
    /// label (`route="…"`), e.g. `/v1/forms/{id}`.
    pub path: &'static str,
    /// What the route does: its handler and its OpenAPI `operationId`.
    pub operation: Operation,
    /// The OpenAPI `summary`.
    pub summary: &'static str,
}

/// What a route does; [`Operation::id`] is its OpenAPI `operationId`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Operation {
    /// `GET /v1/forms`.
    ListForms,
    /// `GET /v1/forms/{id}`.
    DescribeForm,
    /// `GET /v1/forms/{id}/schema`.
    FormSchema,
    /// `POST /v1/forms/{id}/validate`.
    Validate,
    /// `POST /v1/forms/{id}/render`.
    Render,
    /// `POST /v1/forms/{id}/attachments/{slot}`.
    CheckAttachment,
    /// `GET /v1/openapi.json`.
    Openapi,
    /// `GET /healthz`.
    Health,
    /// `GET /metrics`.
    Metrics,
    /// `POST /admin/reload`.
    Reload,
}

impl Operation {
    /// The OpenAPI `operationId`.
    pub fn id(self) -> &'static str {
        match self {
            Operation::ListForms => "listForms",
            Operation::DescribeForm => "describeForm",
            Operation::FormSchema => "formSchema",
            Operation::Validate => "validate",
            Operation::Render => "render",
            Operation::CheckAttachment => "checkAttachment",
            Operation::Openapi => "openapi",
            Operation::Health => "health",
            Operation::Metrics => "metrics",
            Operation::Reload => "reload",
        }
    }
}

/// The methods the API uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RouteMethod {
    /// `GET` (and `HEAD`).
    Get,
    /// `POST`.
    Post,
}

impl RouteMethod {
    /// The method.
    pub fn method(self) -> Method {
        match self {
            RouteMethod::Get => Method::GET,
            RouteMethod::Post => Method::POST,
        }
    }

    /// Lower case, as an OpenAPI operation key (`get`, `post`).
    pub fn as_openapi(self) -> &'static str {
        match self {
            RouteMethod::Get => "get",
            RouteMethod::Post => "post",
        }
    }

    /// The method as axum's router filters it.
    pub(crate) fn filter(self) -> MethodFilter {
        match self {
            RouteMethod::Get => MethodFilter::GET,
            RouteMethod::Post => MethodFilter::POST,
        }
    }
}

/// Every route the API serves, in the order the OpenAPI document lists them.
pub const ROUTES: &[Route] = &[
    Route {
        method: RouteMethod::Get,
        path: "/v1/forms",
        operation: Operation::ListForms,
        summary: "Every form and its versions",
    },
    Route {
        method: RouteMethod::Get,
        path: "/v1/forms/{id}",
        operation: Operation::DescribeForm,
        summary: "Describe a form version (the field tree a frontend renders)",
    },
    Route {
        method: RouteMethod::Get,
        path: "/v1/forms/{id}/schema",
        operation: Operation::FormSchema,
        summary: "JSON Schema (draft 2020-12) of a form version's submission envelope: input (default) or canonical",
    },
    Route {
        method: RouteMethod::Post,
        path: "/v1/forms/{id}/validate",
        operation: Operation::Validate,
        summary: "Validate a submission envelope",
    },
    Route {
        method: RouteMethod::Post,
        path: "/v1/forms/{id}/render",
        operation: Operation::Render,
        summary: "A submission as a document: the entered contents (申請書情報) or the 返戻理由のお知らせ, HTML or PDF",
    },
    Route {
        method: RouteMethod::Post,
        path: "/v1/forms/{id}/attachments/{slot}",
        operation: Operation::CheckAttachment,
        summary: "Check an uploaded file against the slot's and the insurer's rules",
    },
    Route {
        method: RouteMethod::Get,
        path: "/v1/openapi.json",
        operation: Operation::Openapi,
        summary: "This document",
    },
    Route {
        method: RouteMethod::Get,
        path: "/healthz",
        operation: Operation::Health,
        summary: "Liveness and the bundle served",
    },
    Route {
        method: RouteMethod::Get,
        path: "/metrics",
        operation: Operation::Metrics,
        summary: "Prometheus metrics (text format 0.0.4)",
    },
    Route {
        method: RouteMethod::Post,
        path: "/admin/reload",
        operation: Operation::Reload,
        summary: "Reload the bundle without downtime",
    },
];

/// The metrics label of requests no route matched (static files, 404s).
pub const OTHER: &str = "other";

/// The index of the first route with path template `matched` (the metrics
/// slot of its label); [`ROUTES`]`.len()` for none ([`OTHER`]).
pub(crate) fn label_index(matched: Option<&str>) -> usize {
    matched
        .and_then(|m| ROUTES.iter().position(|r| r.path == m))
        .unwrap_or(ROUTES.len())
}

/// The metrics label of slot `i` (see [`label_index`]).
pub(crate) fn label(i: usize) -> &'static str {
    ROUTES.get(i).map_or(OTHER, |r| r.path)
}

/// Whether `path` belongs to the API (answers JSON, never a static file):
/// its first segment is the first segment of some route (`v1`, `healthz`,
/// `metrics`, `admin`).
pub(crate) fn is_api(path: &str) -> bool {
    let seg = first_segment(path);
    !seg.is_empty() && ROUTES.iter().any(|r| first_segment(r.path) == seg)
}

fn first_segment(path: &str) -> &str {
    path.trim_start_matches('/').split('/').next().unwrap_or("")
}
