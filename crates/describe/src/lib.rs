//! What a form looks like from outside.
//!
//! Two views of one compiled form version, both pure functions of the IR:
//!
//! - [`summary`] gives a [`FormSummary`], the header lists show (the WASM
//!   package's `listForms`, the server's `GET /v1/forms`); [`qualification`]
//!   the 資格 entries (`describe` and the WASM package's `prefill`);
//! - [`describe`] gives a [`FormDescription`]: header, 資格 entries, the field
//!   tree with labels, types, presence, conditions and limits, attachment
//!   slots, computed values, rules and parameters — enough for a frontend to
//!   render the form and for the HTTP service's `GET /v1/forms/{id}`;
//! - [`envelope_schema`] gives the JSON Schemas (draft 2020-12) of the
//!   submission envelope: the *input* schema, everything the runtime accepts
//!   (`shinsei schema`, `GET /v1/forms/{id}/schema`), and the *canonical*
//!   schema, the normalized values of the result's `canonical`
//!   (`--canonical`, `?canonical=true`);
//! - [`forms_dts`] gives the TypeScript declarations of every form of a
//!   bundle (`shinsei types`, the npm package's `shinsei-wasm/forms`).
//!
//! No I/O, no clock, no panics; builds for `wasm32-unknown-unknown`.
//!
//! ```
//! use shinsei_syntax::SourceDb;
//! let mut db = SourceDb::new();
//! db.add("demo.form", r#"
//! form demo "見本" {
//!   version "1"  effective 2026-01-13..  category 給付  applicants insured
//!   list leave "休んだ期間" min 1 max 3 {
//!     field from "開始日": date
//!     field to "終了日": date
//!     rule order { check to >= from  at to  message "終了日は開始日以降にしてください" }
//!   }
//!   field paid "報酬を受けましたか": bool
//!   field amount "報酬額": yen  when paid
//! }"#);
//! let bundle = shinsei_check::compile(&db).bundle.unwrap();
//! let form = &bundle.forms[0];
//!
//! let d = shinsei_describe::describe(form, &bundle);
//! assert_eq!(d.fields[0].fields[1].path, "/fields/leave/-/to");
//! assert_eq!(d.rules[0].code, "rule.order");
//! assert_eq!(d.rules[0].at_path, "/fields/leave/-/to");
//! let json = serde_json::to_value(&d).unwrap();
//! assert_eq!(json["fields"][2]["visible"], "conditional");
//!
//! use shinsei_describe::{SchemaKind, envelope_schema};
//! let schema = envelope_schema(form, &bundle, SchemaKind::Canonical);
//! assert_eq!(schema["$id"], "https://shinsei.example/schemas/demo/1.canonical.json");
//! let fields = &schema["properties"]["fields"];
//! assert_eq!(fields["required"], serde_json::json!(["leave", "paid"]));
//! assert_eq!(fields["properties"]["amount"]["minimum"], 0);
//!
//! // The input schema takes what people type: 和暦, full-width digits, spaces.
//! let schema = envelope_schema(form, &bundle, SchemaKind::Input);
//! assert_eq!(schema["$id"], "https://shinsei.example/schemas/demo/1.json");
//! let from = &schema["properties"]["fields"]["properties"]["leave"]["items"]["properties"]["from"];
//! assert_eq!(from["$ref"], "#/$defs/date");
//! assert!(schema["$defs"]["date"]["pattern"].as_str().unwrap().contains("令和"));
//! ```

// Descriptions are served from the server and the browser: never panic.
#![deny(clippy::unwrap_used)] // missing data becomes a best-effort description
#![deny(clippy::expect_used)] // same as unwrap
#![deny(clippy::panic)] // both entry points are total functions
#![deny(clippy::indexing_slicing)] // IR indices (rule scopes) are looked up with get()

mod describe;
mod model;
mod pointer;
mod schema;
mod typescript;

pub use describe::{describe, qualification, summary};
pub use model::{
    ApplicantInfo, AttachmentDescription, Bounds, CategoryInfo, ComputedDescription, Constraints,
    Effective, FieldDescription, FieldType, FormDescription, FormSummary, ParamDescription,
    ParamPeriodDescription, QualificationEntry, Requirement, RuleDescription, Visibility,
};
pub use schema::{SCHEMA_BASE, SCHEMA_DIALECT, SchemaKind, envelope_schema, schema_id};
pub use typescript::forms_dts;
