//! Forms and bundles from disk: the one place the shells — the CLI, the
//! server, the WASM package's build script and the tests — read `.form`
//! files, case files and compiled bundles. The core crates never touch the
//! file system; this crate hands them a [`SourceDb`](shinsei_syntax::SourceDb).
//!
//! One naming rule: a `.form` file found under a directory argument is
//! named, in the bundle, by its path relative to that directory
//! (`shobyo_teate/shobyo_teate.form` for `forms/`); a file given directly is
//! named by its file name. The bundle hash covers content and these names
//! only, so `shinsei compile` in the repository and `shinsei compile --forms
//! <repo>/forms` from anywhere else give the same bundle. Diagnostics show
//! the path as given (relative to the current directory when under it).
//!
//! ```
//! # let dir = std::env::temp_dir().join(format!("shinsei-load-doc-{}", std::process::id()));
//! # std::fs::create_dir_all(dir.join("demo")).unwrap();
//! # std::fs::write(dir.join("demo/demo.form"), r#"
//! # form demo "見本" {
//! #   version "1"  effective 2026-01-13..  category 給付  applicants insured
//! #   field paid "報酬を受けましたか": bool
//! # }"#).unwrap();
//! use shinsei_load::Sources;
//! let sources = Sources::load(&[dir.clone()]).unwrap();
//! let bundle = sources.bundle().unwrap();
//! assert_eq!(bundle.forms[0].source, "demo/demo.form");
//! # std::fs::remove_dir_all(&dir).unwrap();
//! ```

// The server loads the forms again on every reload: an unreadable path or a
// broken file is a `LoadError` with the path, never an abort.
#![deny(clippy::unwrap_used)] // a missing file is an error with its path
#![deny(clippy::expect_used)] // same as unwrap
#![deny(clippy::panic)] // every entry point returns a Result
#![deny(clippy::indexing_slicing)] // paths and names are taken apart with get() and strip_prefix
#![cfg_attr(
    test,
    allow(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::indexing_slicing
    )
)]

mod bundle;
mod cases;
mod error;
mod shared;
mod sources;
mod walk;

pub use bundle::{BundleSource, bundle_from_bytes, read_bundle};
pub use cases::{case_files, json_files, reapply_case_files, submission_text};
pub use error::LoadError;
pub use shared::{SHARED_DIR, form_sources};
pub use sources::{Sources, shown};
pub use walk::{files_with, watched_files};
