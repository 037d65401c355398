//! Tests of the HTTP service: endpoints, bad input, reload, OpenAPI, serving
//! browsers (compression, caching, CORS); the logs: tests/logs.rs.

mod api;
mod bad_input;
mod common;
mod connections;
mod openapi;
mod reload;
mod render;
mod web;
