//! `GET /v1/forms`, `GET /v1/forms/{id}`, `GET /v1/forms/{id}/schema`: the
//! views precomputed at load time, served as they are.

use axum::body::Bytes;
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};

use crate::error::{ApiError, Problem};
use crate::query::{self, Accepts};
use crate::state::AppState;

const VERSION_AND_NOW: Accepts = Accepts {
    version: true,
    dry_run: false,
    now: true,
    file_name: false,
    canonical: false,
    basis: false,
    returned: false,
    input: false,
};

const SCHEMA: Accepts = Accepts {
    canonical: true,
    basis: false,
    ..VERSION_AND_NOW
};

/// Which precomputed view a route serves.
#[derive(Clone, Copy)]
enum View {
    Describe,
    Schema,
}

/// A JSON body.
pub(crate) fn json(bytes: Bytes) -> Response {
    let mut r = bytes.into_response();
    r.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    r
}

/// `GET /v1/forms`: every form with its versions.
pub async fn list(State(state): State<AppState>, RawQuery(raw): RawQuery) -> Response {
    let none = Accepts {
        version: false,
        dry_run: false,
        now: false,
        file_name: false,
        canonical: false,
        basis: false,
        returned: false,
        input: false,
    };
    if let Err(e) = query::parse(raw.as_deref(), none) {
        return e.into_response();
    }
    json(state.snapshot().list.clone())
}

/// `GET /v1/forms/{id}?version=&now=`: `shinsei_describe::describe` of the
/// version [`crate::Snapshot::form`] selects (without `version`, the one in
/// force today or on `now`).
pub async fn describe(
    state: State<AppState>,
    id: Result<Path<String>, PathRejection>,
    raw: RawQuery,
) -> Response {
    view(state, id, raw, View::Describe)
}

/// `GET /v1/forms/{id}/schema?version=&now=&canonical=`: the JSON Schema of
/// its envelope: the input schema (everything the runtime accepts), or with
/// `canonical=true` the canonical one (the normalized values).
pub async fn schema(
    state: State<AppState>,
    id: Result<Path<String>, PathRejection>,
    raw: RawQuery,
) -> Response {
    view(state, id, raw, View::Schema)
}

fn view(
    State(state): State<AppState>,
    id: Result<Path<String>, PathRejection>,
    RawQuery(raw): RawQuery,
    view: View,
) -> Response {
    let accepts = match view {
        View::Describe => VERSION_AND_NOW,
        View::Schema => SCHEMA,
    };
    let q = match query::parse(raw.as_deref(), accepts) {
        Ok(q) => q,
        Err(e) => return e.into_response(),
    };
    let Ok(Path(id)) = id else {
        return ApiError::new(Problem::UnknownForm)
            .lang(q.lang)
            .into_response();
    };
    let snap = state.snapshot();
    let form = match snap.form(&id, q.version.as_deref(), q.now) {
        Ok(f) => f,
        Err(e) => return e.lang(q.lang).into_response(),
    };
    let key = (form.id.clone(), form.version.clone());
    let views = match view {
        View::Describe => &snap.describe,
        View::Schema if q.canonical => &snap.canonical_schema,
        View::Schema => &snap.schema,
    };
    match views.get(&key) {
        Some(bytes) => json(bytes.clone()),
        None => ApiError::new(Problem::Internal).into_response(),
    }
}
