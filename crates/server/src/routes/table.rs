//! The one list of the API's routes. The router, the metrics labels, the
//! static-file fallback's "is this the API?" and the OpenAPI check are all
//! derived from [`ROUTES`]; a route is added by adding one entry (its
//! handler, its path template, its OpenAPI `operationId` and summary).

use axum::http::Method;
use axum::routing::{MethodFilter, MethodRouter, on};

use super::{admin, attachments, forms, openapi, validate};
use crate::state::AppState;

/// One route of the API.
#[derive(Clone, Copy, Debug)]
pub struct Route {
    /// `GET` or `POST`.
    pub method: RouteMethod,
    /// The path template: axum's route, the OpenAPI path and the metrics
    /// label (`route="…"`), e.g. `/v1/forms/{id}`.
    pub path: &'static str,
    /// The OpenAPI `operationId`.
    pub operation: &'static str,
    /// The OpenAPI `summary`.
    pub summary: &'static str,
    /// The handler, bound to the method.
    handler: fn(MethodFilter) -> MethodRouter<AppState>,
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

    fn filter(self) -> MethodFilter {
        match self {
            RouteMethod::Get => MethodFilter::GET,
            RouteMethod::Post => MethodFilter::POST,
        }
    }
}

impl Route {
    /// The handler as a method router for this route's method.
    pub(crate) fn method_router(&self) -> MethodRouter<AppState> {
        (self.handler)(self.method.filter())
    }
}

/// Every route the API serves, in the order the OpenAPI document lists them.
pub const ROUTES: &[Route] = &[
    Route {
        method: RouteMethod::Get,
        path: "/v1/forms",
        operation: "listForms",
        summary: "Every form and its versions",
        handler: |m| on(m, forms::list),
    },
    Route {
        method: RouteMethod::Get,
        path: "/v1/forms/{id}",
        operation: "describeForm",
        summary: "Describe a form version (the field tree a frontend renders)",
        handler: |m| on(m, forms::describe),
    },
    Route {
        method: RouteMethod::Get,
        path: "/v1/forms/{id}/schema",
        operation: "formSchema",
        summary: "JSON Schema (draft 2020-12) of a form version's submission envelope: input (default) or canonical",
        handler: |m| on(m, forms::schema),
    },
    Route {
        method: RouteMethod::Post,
        path: "/v1/forms/{id}/validate",
        operation: "validate",
        summary: "Validate a submission envelope",
        handler: |m| on(m, validate::validate),
    },
    Route {
        method: RouteMethod::Post,
        path: "/v1/forms/{id}/attachments/{slot}",
        operation: "checkAttachment",
        summary: "Check an uploaded file against the slot's and the insurer's rules",
        handler: |m| on(m, attachments::check),
    },
    Route {
        method: RouteMethod::Get,
        path: "/v1/openapi.json",
        operation: "openapi",
        summary: "This document",
        handler: |m| on(m, openapi),
    },
    Route {
        method: RouteMethod::Get,
        path: "/healthz",
        operation: "health",
        summary: "Liveness and the bundle served",
        handler: |m| on(m, admin::healthz),
    },
    Route {
        method: RouteMethod::Get,
        path: "/metrics",
        operation: "metrics",
        summary: "Prometheus metrics (text format 0.0.4)",
        handler: |m| on(m, admin::metrics),
    },
    Route {
        method: RouteMethod::Post,
        path: "/admin/reload",
        operation: "reload",
        summary: "Reload the bundle without downtime",
        handler: |m| on(m, admin::reload),
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
