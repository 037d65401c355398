//! The shinsei validator for the app and the portal: camelCase wasm-bindgen
//! entry points over the same runtime the server runs, with every bundled
//! form embedded (and `loadBundle` to swap in a newer bundle at run time).
//!
//! This crate is a shell: it converts JS values to and from the contracts
//! and turns every failure into a structured `ShinseiError`
//! (`{code, path, message}`). The work is done by [`Engine`], which native
//! code (tests, the differential batch runner) calls directly:
//!
//! ```
//! use shinsei_runtime::{Lang, Options};
//! use shinsei_wasm::Engine;
//!
//! let engine = Engine::embedded().unwrap();
//! assert!(engine.list_forms().unwrap().iter().any(|f| f.id == "shobyo_teate"));
//! let form = engine.describe_form("shobyo_teate", None, None).unwrap();
//! assert_eq!(form.title.ja, "傷病手当金支給申請書");
//!
//! let now = chrono::DateTime::parse_from_rfc3339("2026-03-02T10:00:00+09:00").unwrap();
//! let json = engine.validate_json(r#"{"form": "shobyo_teate"}"#, now, &Options::default()).unwrap();
//! assert!(json.starts_with(r#"{"valid":false,"form":"shobyo_teate""#));
//! ```
//!
//! The npm package is built by `scripts/build-wasm.sh`; see `docs/wasm.md`.

// Arguments come from JS callers: never panic, report a ShinseiError.
#![deny(clippy::unwrap_used)] // a bad argument is an error value, not an abort
#![deny(clippy::expect_used)] // same as unwrap
#![deny(clippy::panic)] // every entry point returns a value or a ShinseiError
#![deny(clippy::indexing_slicing)] // use get()

mod embedded;
mod engine;
mod error;
mod read;
pub mod slim;
mod types;

use std::cell::RefCell;
use std::rc::Rc;

use chrono::{DateTime, FixedOffset};
use serde::Serialize;
use shinsei_runtime::{Lang, Options};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;

#[cfg(not(target_arch = "wasm32"))]
pub use engine::BUNDLE_JSON;

/// The JSON Schemas (draft 2020-12, schemars) of every value crossing the JS
/// boundary, by name: what `src/types.d.ts` is generated from
/// (`tests/types.rs`), and what the JS tests check the module's real answers
/// against (`examples/batch.rs --types`).
#[cfg(not(target_arch = "wasm32"))]
pub fn boundary_schemas() -> serde_json::Map<String, serde_json::Value> {
    let mut g = schemars::generate::SchemaSettings::draft2020_12().into_generator();
    g.subschema_for::<shinsei_runtime::ValidationResult>();
    g.subschema_for::<shinsei_runtime::ApplicationFile>();
    g.subschema_for::<shinsei_runtime::Reapplication>();
    g.subschema_for::<shinsei_describe::FormDescription>();
    g.subschema_for::<shinsei_runtime::state::FieldStates>();
    g.subschema_for::<FieldValidation>();
    g.subschema_for::<FormSummary>();
    g.subschema_for::<BundleInfo>();
    g.subschema_for::<Prefill>();
    g.subschema_for::<Submission>();
    g.subschema_for::<ValidateOptions>();
    g.subschema_for::<RenderOptions>();
    g.subschema_for::<ErrorCode>();
    g.take_definitions(true)
}
pub use engine::{Engine, RecordValue, not_an_object, result_json, to_json};
pub use error::{ApiError, ErrorCode};
pub use types::{
    Applicant, Attachment, BundleInfo, FieldValidation, FormSummary, Prefill, PrefillEntry,
    QualificationRecord, RenderOptions, Submission, ValidateOptions,
};

// TypeScript declarations of every value crossing the boundary, generated
// from the Rust types by tests/types.rs (`UPDATE_TYPES=1` rewrites them).
#[wasm_bindgen(typescript_custom_section)]
const TYPES: &str = include_str!("types.d.ts");

thread_local! {
    // wasm32 is single-threaded: one engine, replaced by loadBundle.
    static ENGINE: RefCell<Option<Rc<Engine>>> = const { RefCell::new(None) };
}

/// The loaded engine (the embedded bundle on first use).
fn engine() -> Result<Rc<Engine>, JsValue> {
    ENGINE.with(|cell| {
        if let Some(e) = cell.borrow().as_ref() {
            return Ok(Rc::clone(e));
        }
        let e = Rc::new(Engine::embedded().map_err(js_error)?);
        cell.replace(Some(Rc::clone(&e)));
        Ok(e)
    })
}

/// Lists every form version of the loaded bundle, by id then effective date.
#[wasm_bindgen(js_name = listForms, unchecked_return_type = "FormSummary[]")]
pub fn list_forms() -> Result<JsValue, JsValue> {
    parse_json(&engine()?.list_forms_json().map_err(js_error)?)
}

/// Describes a form: the field tree with labels, types, conditions and
/// limits, attachment slots, computed values and rules — the same
/// description the server returns. Picks `version` if given, else the
/// version effective at `now` if given, else the newest version.
#[wasm_bindgen(js_name = describeForm, unchecked_return_type = "FormDescription")]
pub fn describe_form(
    id: &str,
    #[wasm_bindgen(unchecked_optional_param_type = "string | null")] version: Option<String>,
    #[wasm_bindgen(unchecked_optional_param_type = "string | Date | null")] now: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    let now = opt_now(now)?;
    let d = engine()?
        .describe_form(id, version.as_deref(), now)
        .map_err(js_error)?;
    to_js(&d)
}

/// Validates a whole submission (an object or its JSON text) at time `now`
/// (an RFC 3339 string or a `Date`).
#[wasm_bindgen(unchecked_return_type = "ValidationResult")]
pub fn validate(
    #[wasm_bindgen(unchecked_param_type = "FormInput | string")] submission: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string | Date")] now: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "ValidateOptions | null")] options: Option<
        JsValue,
    >,
) -> Result<JsValue, JsValue> {
    let text = submission_text(&submission)?;
    let now = now_arg(&now).map_err(js_error)?;
    let options = options_arg(options)?;
    let json = engine()?
        .validate_json(&text, now, &options)
        .map_err(js_error)?;
    parse_json(&json)
}

/// Validates a submission given as JSON text and returns the result as JSON
/// text: byte for byte what the native runtime and the server give.
#[wasm_bindgen(js_name = validateJson)]
pub fn validate_json(
    #[wasm_bindgen(js_name = submissionJson)] submission_json: &str,
    #[wasm_bindgen(unchecked_param_type = "string | Date")] now: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "ValidateOptions | null")] options: Option<
        JsValue,
    >,
) -> Result<String, JsValue> {
    let now = now_arg(&now).map_err(js_error)?;
    let options = options_arg(options)?;
    engine()?
        .validate_json(submission_json, now, &options)
        .map_err(js_error)
}

/// The application file (申請ファイル) of a valid submission (an object or its
/// JSON text): what the service returns to the member with a 返戻, to
/// re-apply from. Validated at `now` (default: the envelope's
/// `submitted_at`); an invalid submission throws `application.invalid`.
#[wasm_bindgen(js_name = exportApplication, unchecked_return_type = "ApplicationFile")]
pub fn export_application(
    #[wasm_bindgen(unchecked_param_type = "FormInput | string")] submission: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "string | Date | null")] now: Option<JsValue>,
    #[wasm_bindgen(unchecked_optional_param_type = "ValidateOptions | null")] options: Option<
        JsValue,
    >,
) -> Result<JsValue, JsValue> {
    let json = export_application_json(submission_text(&submission)?, now, options)?;
    parse_json(&json)
}

/// [`export_application`] with JSON text in and out: byte for byte what
/// `shinsei export` writes (compactly) and the server sends.
#[wasm_bindgen(js_name = exportApplicationJson)]
pub fn export_application_json(
    #[wasm_bindgen(js_name = submissionJson)] submission_json: String,
    #[wasm_bindgen(unchecked_optional_param_type = "string | Date | null")] now: Option<JsValue>,
    #[wasm_bindgen(unchecked_optional_param_type = "ValidateOptions | null")] options: Option<
        JsValue,
    >,
) -> Result<String, JsValue> {
    let now = opt_now(now)?;
    let options = options_arg(options)?;
    let file = engine()?
        .export_application(&submission_json, now, &options)
        .map_err(js_error)?;
    Ok(engine::to_json(&file))
}

/// Re-applies from an application file (an object or its JSON text): its
/// values migrated to the form version in force at `now` (each newer
/// version's `migrate` block), the 資格 fields taken from `record` (the
/// member's current qualification record), then validated. Returns what the
/// member must look at again (`changes`), the envelope to continue from and
/// the verdict.
#[wasm_bindgen(unchecked_return_type = "Reapplication")]
pub fn reapply(
    #[wasm_bindgen(unchecked_param_type = "ApplicationFile | string")] application: JsValue,
    #[wasm_bindgen(unchecked_param_type = "QualificationRecord")] record: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string | Date")] now: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "ValidateOptions | null")] options: Option<
        JsValue,
    >,
) -> Result<JsValue, JsValue> {
    if !record.is_object() {
        return Err(js_error(not_an_object()));
    }
    let record = json_text(&record).map_err(|e| {
        js_error(ApiError::new(
            ErrorCode::ArgumentType,
            format!("the qualification record cannot be written as JSON: {e}"),
        ))
    })?;
    let json = reapply_json(application_text(&application)?, record, now, options)?;
    parse_json(&json)
}

/// [`reapply`] with JSON text in and out: byte for byte what the native
/// runtime gives.
#[wasm_bindgen(js_name = reapplyJson)]
pub fn reapply_json(
    #[wasm_bindgen(js_name = applicationJson)] application_json: String,
    #[wasm_bindgen(js_name = recordJson)] record_json: String,
    #[wasm_bindgen(unchecked_param_type = "string | Date")] now: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "ValidateOptions | null")] options: Option<
        JsValue,
    >,
) -> Result<String, JsValue> {
    let now = now_arg(&now).map_err(js_error)?;
    let options = options_arg(options)?;
    let record: serde_json::Value =
        serde_json::from_str(&record_json).map_err(|_| js_error(not_an_object()))?;
    let out = engine()?
        .reapply(&application_json, &record, now, &options)
        .map_err(js_error)?;
    Ok(engine::to_json(&out))
}

/// The entered contents of a submission (an object or its JSON text) as a
/// document laid out like the paper form (申請書情報のイメージ), or with
/// `{returned: true}` the 返戻理由のお知らせ — a self-contained HTML page
/// (`lang="ja"`, styles inline, no script), byte for byte what
/// `shinsei render` and the service's `POST /v1/forms/{id}/render` write.
/// Validated at `now`; a submission that names no form version of the
/// bundle throws the service's code (`envelope.form`, `envelope.version`,
/// `envelope.malformed`, `envelope.too_large`, `type`).
#[wasm_bindgen(js_name = renderHtml)]
pub fn render_html(
    #[wasm_bindgen(unchecked_param_type = "FormInput | string")] submission: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string | Date")] now: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "RenderOptions | null")] options: Option<
        JsValue,
    >,
) -> Result<String, JsValue> {
    let text = submission_text(&submission)?;
    let now = now_arg(&now).map_err(js_error)?;
    let (returned, max_bytes) = render_options_arg(options)?;
    engine()?
        .render_html(&text, now, returned, max_bytes)
        .map_err(js_error)
}

/// Validate-as-you-type: the errors, warnings and normalized values at or
/// under JSON Pointer `path` (a field like `/fields/leave/0/to` or a section
/// like `/fields/bank`), and whether every field is shown and required now.
#[wasm_bindgen(js_name = validateField, unchecked_return_type = "FieldValidation")]
pub fn validate_field(
    #[wasm_bindgen(unchecked_param_type = "FormInput | string")] submission: JsValue,
    path: &str,
    #[wasm_bindgen(unchecked_param_type = "string | Date")] now: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "ValidateOptions | null")] options: Option<
        JsValue,
    >,
) -> Result<JsValue, JsValue> {
    let text = submission_text(&submission)?;
    let now = now_arg(&now).map_err(js_error)?;
    let options = options_arg(options)?;
    let v = engine()?
        .validate_field(&text, path, now, &options)
        .map_err(js_error)?;
    to_js(&v)
}

/// Whether each field of a submission is shown and required now.
#[wasm_bindgen(js_name = fieldStates, unchecked_return_type = "FieldStates")]
pub fn field_states_js(
    #[wasm_bindgen(unchecked_param_type = "FormInput | string")] submission: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string | Date")] now: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "ValidateOptions | null")] options: Option<
        JsValue,
    >,
) -> Result<JsValue, JsValue> {
    let text = submission_text(&submission)?;
    let now = now_arg(&now).map_err(js_error)?;
    let options = options_arg(options)?;
    let states = engine()?
        .field_states(&text, now, &options)
        .map_err(js_error)?;
    to_js(&states)
}

/// The 資格 fields form `formId` shows, filled from a member's
/// qualification record (show them read-only).
#[wasm_bindgen(unchecked_return_type = "Prefill")]
pub fn prefill(
    #[wasm_bindgen(js_name = formId)] form_id: &str,
    #[wasm_bindgen(unchecked_param_type = "QualificationRecord")] record: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "string | null")] version: Option<String>,
    #[wasm_bindgen(unchecked_optional_param_type = "string | Date | null")] now: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    let now = opt_now(now)?;
    let engine = engine()?;
    let form = engine
        .form(form_id, version.as_deref(), now)
        .map_err(js_error)?;
    if !record.is_object() {
        return Err(js_error(not_an_object()));
    }
    let p = engine
        .prefill_form(form, &mut |key| {
            let v = js_sys::Reflect::get(&record, &JsValue::from_str(key)).unwrap_or(JsValue::NULL);
            if v.is_undefined() || v.is_null() {
                RecordValue::Missing
            } else {
                v.as_string().map_or(RecordValue::Other, RecordValue::Text)
            }
        })
        .map_err(js_error)?;
    to_js(&p)
}

/// Replaces the loaded bundle with one from `shinsei compile --binary` (its
/// bytes), after checking its IR version, shape and nesting. On error the
/// current bundle stays.
#[wasm_bindgen(js_name = loadBundle, unchecked_return_type = "BundleInfo")]
pub fn load_bundle(
    #[wasm_bindgen(unchecked_param_type = "Uint8Array | ArrayBuffer")] bundle: JsValue,
) -> Result<JsValue, JsValue> {
    let bytes = if let Some(b) = bundle.dyn_ref::<js_sys::Uint8Array>() {
        b.to_vec()
    } else if let Some(b) = bundle.dyn_ref::<js_sys::ArrayBuffer>() {
        js_sys::Uint8Array::new(b).to_vec()
    } else if let Some(b) = foreign_bytes(&bundle) {
        b
    } else if let Some(text) = bundle.as_string() {
        // Text is JSON (or nothing): say which form the module reads.
        text.into_bytes()
    } else {
        return Err(js_error(ApiError::new(
            ErrorCode::BundleMalformed,
            "not a bundle: pass the bytes of `shinsei compile --binary` (a Uint8Array or an ArrayBuffer)",
        )));
    };
    let e = Rc::new(Engine::load(&bytes).map_err(js_error)?);
    let info = e.info();
    ENGINE.with(|cell| cell.replace(Some(e)));
    to_js(&info)
}

/// The bytes of a typed array, `DataView` or `ArrayBuffer` made in another
/// realm, where `instanceof` fails: Node's `Buffer` (from `fs.readFile`)
/// under Vitest's jsdom environment, an iframe's array. Read through what
/// every realm's views have (`buffer`, `byteOffset`, `byteLength`) and the
/// `ArrayBuffer` tag.
fn foreign_bytes(value: &JsValue) -> Option<Vec<u8>> {
    if js_sys::ArrayBuffer::is_view(value) {
        let view = value.unchecked_ref::<js_sys::Uint8Array>();
        let bytes = js_sys::Uint8Array::new_with_byte_offset_and_length(
            &view.buffer(),
            view.byte_offset(),
            view.byte_length(),
        );
        return Some(bytes.to_vec());
    }
    let tagged = value.is_object()
        && value.unchecked_ref::<js_sys::Object>().to_string() == "[object ArrayBuffer]";
    tagged.then(|| js_sys::Uint8Array::new(value).to_vec())
}

/// Goes back to the embedded bundle.
#[wasm_bindgen(js_name = resetBundle, unchecked_return_type = "BundleInfo")]
pub fn reset_bundle() -> Result<JsValue, JsValue> {
    ENGINE.with(|cell| cell.replace(None));
    to_js(&engine()?.info())
}

/// The loaded bundle's hash and size, and the runtime version.
#[wasm_bindgen(js_name = bundleInfo, unchecked_return_type = "BundleInfo")]
pub fn bundle_info() -> Result<JsValue, JsValue> {
    to_js(&engine()?.info())
}

// ---- conversions ----

/// A value as a plain JS object: through JSON, so it equals
/// `JSON.parse(validateJson(...))` exactly (integers beyond 2^53 included).
fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsValue> {
    // Plain data with string keys: serialization cannot fail.
    let json = serde_json::to_string(value).unwrap_or_default();
    parse_json(&json)
}

fn parse_json(json: &str) -> Result<JsValue, JsValue> {
    js_sys::JSON::parse(json)
}

/// The JSON text of a JS value (`JSON.stringify`), or why there is none.
fn json_text(value: &JsValue) -> Result<String, String> {
    if value.is_undefined() {
        return Err("undefined".to_owned());
    }
    match js_sys::JSON::stringify(value) {
        Ok(s) => s.as_string().ok_or_else(|| "not serializable".to_owned()),
        Err(e) => Err(e
            .dyn_ref::<js_sys::Error>()
            .map_or_else(|| "not serializable".to_owned(), |e| e.message().into())),
    }
}

/// An application file given as JSON text or as an object.
fn application_text(application: &JsValue) -> Result<String, JsValue> {
    if let Some(s) = application.as_string() {
        return Ok(s);
    }
    json_text(application).map_err(|e| {
        js_error(ApiError::new(
            ErrorCode::ApplicationMalformed,
            format!("the application file cannot be written as JSON: {e}"),
        ))
    })
}

/// A submission given as JSON text or as an object.
fn submission_text(submission: &JsValue) -> Result<String, JsValue> {
    if let Some(s) = submission.as_string() {
        return Ok(s);
    }
    json_text(submission).map_err(|e| {
        js_error(ApiError::new(
            ErrorCode::ArgumentSubmission,
            format!("the submission cannot be written as JSON: {e}"),
        ))
    })
}

fn now_arg(v: &JsValue) -> Result<DateTime<FixedOffset>, ApiError> {
    if let Some(s) = v.as_string() {
        return shinsei_jp::instant::parse_date_time(&s).ok_or_else(|| {
            ApiError::new(
                ErrorCode::ArgumentNow,
                format!("`{s}` is not an RFC 3339 date-time of year 1 or later (second 60 only at a leap second)"),
            )
        });
    }
    if let Some(d) = v.dyn_ref::<js_sys::Date>() {
        let ms = d.get_time();
        #[expect(
            clippy::cast_possible_truncation,
            reason = "checked finite; out-of-range values give None below"
        )]
        let at = ms
            .is_finite()
            .then(|| DateTime::from_timestamp_millis(ms as i64))
            .flatten();
        return at
            .map(|t| t.fixed_offset())
            .ok_or_else(|| ApiError::new(ErrorCode::ArgumentNow, "`now` is an invalid Date"));
    }
    Err(ApiError::new(
        ErrorCode::ArgumentNow,
        "`now` must be an RFC 3339 string or a Date",
    ))
}

fn opt_now(now: Option<JsValue>) -> Result<Option<DateTime<FixedOffset>>, JsValue> {
    match now {
        None => Ok(None),
        Some(v) if v.is_undefined() || v.is_null() => Ok(None),
        Some(v) => now_arg(&v).map(Some).map_err(js_error),
    }
}

fn options_arg(options: Option<JsValue>) -> Result<Options, JsValue> {
    let options = match options {
        None => return Ok(Options::default()),
        Some(v) if v.is_undefined() || v.is_null() => return Ok(Options::default()),
        Some(v) => v,
    };
    let bad = |m: &str| js_error(ApiError::new(ErrorCode::ArgumentOptions, m));
    let Some(obj) = options.dyn_ref::<js_sys::Object>() else {
        return Err(bad("options must be an object"));
    };
    let mut out = Options::default();
    for key in js_sys::Object::keys(obj).iter() {
        let name = key.as_string().unwrap_or_default();
        let value = js_sys::Reflect::get(obj, &key).unwrap_or(JsValue::UNDEFINED);
        if value.is_undefined() || value.is_null() {
            continue;
        }
        match name.as_str() {
            "lang" => {
                out.lang = match value.as_string().as_deref() {
                    Some("ja") => Lang::Ja,
                    Some("en") => Lang::En,
                    _ => return Err(bad("`lang` must be \"ja\" or \"en\"")),
                }
            }
            "max_bytes" => {
                out.max_bytes = match value.as_f64() {
                    #[expect(
                        clippy::cast_possible_truncation,
                        clippy::cast_sign_loss,
                        reason = "checked to be a whole number from 0 to 2^32"
                    )]
                    Some(n) if (0.0..=4_294_967_296.0).contains(&n) && n.fract() == 0.0 => {
                        n as usize
                    }
                    _ => return Err(bad("`max_bytes` must be a whole number of bytes")),
                }
            }
            "basis" => {
                out.basis = value
                    .as_bool()
                    .ok_or_else(|| bad("`basis` must be true or false"))?;
            }
            _ => {
                return Err(js_error(
                    ApiError::new(
                        ErrorCode::ArgumentOptions,
                        format!("unknown option `{name}` (known: lang, max_bytes, basis)"),
                    )
                    .at(format!("/{name}")),
                ));
            }
        }
    }
    Ok(out)
}

/// `renderHtml`'s options: `returned` and `max_bytes`.
fn render_options_arg(options: Option<JsValue>) -> Result<(bool, usize), JsValue> {
    let text = match options {
        Some(v) if !v.is_undefined() && !v.is_null() => {
            if !v.is_object() {
                return Err(js_error(ApiError::new(
                    ErrorCode::ArgumentOptions,
                    "options must be an object",
                )));
            }
            json_text(&v).map_err(|e| js_error(ApiError::new(ErrorCode::ArgumentOptions, e)))?
        }
        _ => return Ok((false, shinsei_runtime::DEFAULT_MAX_BYTES)),
    };
    let o: RenderOptions = serde_json::from_str(&text).map_err(|e| {
        js_error(ApiError::new(
            ErrorCode::ArgumentOptions,
            format!("{e} (known: returned, max_bytes)"),
        ))
    })?;
    let max = o.max_bytes.map_or(shinsei_runtime::DEFAULT_MAX_BYTES, |n| {
        usize::try_from(n).unwrap_or(usize::MAX)
    });
    Ok((o.returned.unwrap_or(false), max))
}

/// A `ShinseiError`: an `Error` with `name`, `code`, `path` and `message`.
fn js_error(e: ApiError) -> JsValue {
    let err = js_sys::Error::new(&e.message);
    err.set_name("ShinseiError");
    // Setting a property on a fresh Error object cannot fail.
    let _ = js_sys::Reflect::set(&err, &"code".into(), &e.code.as_str().into());
    let _ = js_sys::Reflect::set(&err, &"path".into(), &e.path.into());
    err.into()
}
