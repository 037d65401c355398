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
};

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
    view(state, id, raw, false)
}

/// `GET /v1/forms/{id}/schema?version=&now=`: the JSON Schema of its envelope.
pub async fn schema(
    state: State<AppState>,
    id: Result<Path<String>, PathRejection>,
    raw: RawQuery,
) -> Response {
    view(state, id, raw, true)
}

fn view(
    State(state): State<AppState>,
    id: Result<Path<String>, PathRejection>,
    RawQuery(raw): RawQuery,
    schema: bool,
) -> Response {
    let q = match query::parse(raw.as_deref(), VERSION_AND_NOW) {
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
    let views = if schema { &snap.schema } else { &snap.describe };
    match views.get(&key) {
        Some(bytes) => json(bytes.clone()),
        None => ApiError::new(Problem::Internal).into_response(),
    }
}
