//! Integration tests of shinsei-describe over the real `forms/` directory.

mod cases;
mod common;
mod envelope;
mod robustness;
mod snapshots;
mod typescript;
