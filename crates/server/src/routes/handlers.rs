//! Each operation's handler, bound to its route's method. The match is
//! exhaustive: an [`Operation`] added to the table without a handler does not
//! compile.

use axum::routing::{MethodRouter, on};

use super::{admin, attachments, forms, openapi, render, validate};
use crate::api::{Operation, Route};
use crate::state::AppState;

/// The handler of `route`, as a method router for its method.
pub(crate) fn method_router(route: &Route) -> MethodRouter<AppState> {
    let m = route.method.filter();
    match route.operation {
        Operation::ListForms => on(m, forms::list),
        Operation::DescribeForm => on(m, forms::describe),
        Operation::FormSchema => on(m, forms::schema),
        Operation::Validate => on(m, validate::validate),
        Operation::Render => on(m, render::render),
        Operation::CheckAttachment => on(m, attachments::check),
        Operation::Openapi => on(m, openapi),
        Operation::Health => on(m, admin::healthz),
        Operation::Metrics => on(m, admin::metrics),
        Operation::Reload => on(m, admin::reload),
    }
}
