//! The schema of `attachments`: entry shape, per-slot and per-type limits,
//! required slots and per-slot counts.

use serde_json::{Map, Value};
use shinsei_ir::{Form, MediaType, Presence};

use super::build::{Obj, closed_object, has_const};
use crate::describe::trimmed;

/// Longest file name the runtime accepts (characters).
const FILE_NAME_MAX: u32 = 255;
/// Smallest and largest side of a JPEG/PNG in pixels (catalog §32.4).
const MIN_PX: u64 = 512;
const MAX_PX: u64 = 8192;
/// Every media type the insurer accepts.
const ALL_TYPES: [MediaType; 3] = [MediaType::Pdf, MediaType::Jpeg, MediaType::Png];

fn mimes(types: &[MediaType]) -> Vec<Value> {
    types.iter().map(|m| Value::from(m.mime())).collect()
}

/// The `attachments` array.
pub(crate) fn attachments(form: &Form) -> Obj {
    let base = Obj::ty("array").titled(
        "添付書類",
        Some("添付ファイルのメタデータ（ファイルの中身は別送）"),
    );
    if form.attachments.is_empty() {
        return base.set("maxItems", 0);
    }
    let mut per_slot: Vec<Value> = Vec::new();
    for slot in &form.attachments {
        let required = matches!(slot.presence, Presence::Required);
        per_slot.push(
            Obj::new()
                .set("title", slot.label.ja.as_str())
                .opt("$comment", trimmed(slot.required_src.as_deref()))
                .set("contains", has_const("slot", &slot.id))
                .set("minContains", u32::from(required))
                .set("maxContains", slot.max_count)
                .into(),
        );
    }
    base.set("items", entry(form)).set("allOf", per_slot)
}

/// One entry: `{slot, file_name, media_type, size, width?, height?}`.
fn entry(form: &Form) -> Obj {
    let px = || Obj::ty("integer").set("minimum", 0);
    let mut properties = Map::new();
    let slots: Vec<Value> = form
        .attachments
        .iter()
        .map(|s| Value::from(s.id.as_str()))
        .collect();
    let mut put = |key: &str, schema: Obj| {
        properties.insert(key.to_owned(), schema.into());
    };
    put(
        "slot",
        Obj::ty("string")
            .set("enum", slots)
            .set("title", "添付書類の種類"),
    );
    put(
        "file_name",
        Obj::ty("string")
            .set("minLength", 1)
            .set("maxLength", FILE_NAME_MAX)
            .set("title", "ファイル名"),
    );
    put(
        "media_type",
        Obj::ty("string")
            .set("enum", mimes(&ALL_TYPES))
            .set("title", "ファイル形式"),
    );
    put(
        "size",
        Obj::ty("integer")
            .set("minimum", 0)
            .set("title", "ファイルサイズ（バイト）"),
    );
    put("width", px().set("title", "画像の幅（ピクセル）"));
    put("height", px().set("title", "画像の高さ（ピクセル）"));
    let required = ["slot", "file_name", "media_type", "size"]
        .map(Value::from)
        .to_vec();

    let mut rules: Vec<Value> = Vec::new();
    for slot in &form.attachments {
        let mut then = Map::new();
        then.insert(
            "media_type".to_owned(),
            Obj::new().set("enum", mimes(&slot.accept)).into(),
        );
        then.insert(
            "size".to_owned(),
            Obj::new().set("maximum", slot.max_size).into(),
        );
        rules.push(if_then(has_const("slot", &slot.id), then));
    }
    for media in ALL_TYPES {
        let mut then = Map::new();
        let size = Obj::new()
            .set("minimum", media.min_bytes())
            .set("maximum", media.max_bytes());
        then.insert("size".to_owned(), size.into());
        if matches!(media, MediaType::Jpeg | MediaType::Png) {
            for side in ["width", "height"] {
                let px = Obj::new().set("minimum", MIN_PX).set("maximum", MAX_PX);
                then.insert(side.to_owned(), px.into());
            }
        }
        rules.push(if_then(has_const("media_type", media.mime()), then));
    }
    closed_object(properties, required).set("allOf", rules)
}

fn if_then(cond: Value, then_properties: Map<String, Value>) -> Value {
    Obj::new()
        .set("if", cond)
        .set("then", Obj::new().set("properties", then_properties))
        .into()
}
