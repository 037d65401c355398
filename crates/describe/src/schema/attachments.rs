//! The schema of `attachments`: entry shape, per-slot and per-type limits,
//! required slots and per-slot counts, in the input or the canonical form.

use serde_json::{Map, Value};
use shinsei_ir::{Form, MediaType, Presence};

use super::SchemaKind;
use super::build::{self, Obj, closed_object, has_const};
use super::notation;
use crate::describe::trimmed;

/// Longest file name the runtime accepts (characters).
const FILE_NAME_MAX: u32 = 255;
/// Smallest and largest side of a JPEG/PNG in pixels (catalog §32.4).
const MIN_PX: u64 = 512;
const MAX_PX: u64 = 8192;
/// Every media type the insurer accepts.
const ALL_TYPES: [MediaType; 3] = MediaType::ALL;

fn mimes(types: &[MediaType]) -> Vec<Value> {
    types.iter().map(|m| Value::from(m.mime())).collect()
}

/// The MIME types of `types` as the runtime reads them: any case, and
/// `image/jpg` for JPEG.
fn mime_pattern(types: &[MediaType]) -> String {
    let spellings: Vec<String> = types
        .iter()
        .flat_map(|m| match m {
            MediaType::Jpeg => vec!["image/jpeg", "image/jpg"],
            other => vec![other.mime()],
        })
        .map(any_case)
        .collect();
    notation::padded(&format!("(?:{})", spellings.join("|")), false)
}

/// `s` matched in either case (`[Ii][Mm]…`).
fn any_case(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_ascii_alphabetic() {
                format!("[{}{}]", c.to_ascii_uppercase(), c.to_ascii_lowercase())
            } else {
                notation::escape(&c.to_string())
            }
        })
        .collect()
}

/// The `attachments` array.
pub(crate) fn attachments(form: &Form, kind: SchemaKind) -> Obj {
    let base = Obj::ty("array").titled(
        "添付書類",
        Some("添付ファイルのメタデータ（ファイルの中身は別送）"),
    );
    let array = if form.attachments.is_empty() {
        base.set("maxItems", 0)
    } else {
        let mut per_slot: Vec<Value> = Vec::new();
        for slot in &form.attachments {
            let required = matches!(slot.presence, Presence::Required);
            let is_slot = match kind {
                SchemaKind::Canonical => has_const("slot", &slot.id),
                SchemaKind::Input => {
                    let mut props = Map::new();
                    let id = notation::padded(&notation::escape(&slot.id), false);
                    props.insert("slot".to_owned(), Obj::pattern(id).into());
                    Obj::ty("object")
                        .set("properties", props)
                        .set("required", vec![Value::from("slot")])
                        .into()
                }
            };
            per_slot.push(
                Obj::new()
                    .set("title", slot.label.ja.as_str())
                    .opt("$comment", trimmed(slot.required_src.as_deref()))
                    .set("contains", is_slot)
                    .set("minContains", u32::from(required))
                    .set("maxContains", slot.max_count)
                    .into(),
            );
        }
        base.set("items", entry(form, kind)).set("allOf", per_slot)
    };
    match kind {
        // `null` is no attachments; the canonical form always has the array.
        SchemaKind::Input => Obj::any_of([array, Obj::ty("null")]),
        SchemaKind::Canonical => array,
    }
}

/// One entry: `{slot, file_name, media_type, size, width?, height?}`.
fn entry(form: &Form, kind: SchemaKind) -> Obj {
    let input = kind == SchemaKind::Input;
    let px = || {
        let n = Obj::ty("integer").set("minimum", 0);
        if input {
            Obj::any_of([n, Obj::ty("null")])
        } else {
            n
        }
    };
    let slots: Vec<&str> = form.attachments.iter().map(|s| s.id.as_str()).collect();
    let mut properties = Map::new();
    let mut put = |key: &str, schema: Obj| {
        properties.insert(key.to_owned(), schema.into());
    };
    put(
        "slot",
        if input {
            Obj::pattern(notation::padded(
                &notation::one_of(slots.iter().copied()),
                false,
            ))
        } else {
            Obj::ty("string").set(
                "enum",
                slots.iter().map(|s| Value::from(*s)).collect::<Vec<_>>(),
            )
        }
        .set("title", "添付書類の種類"),
    );
    let file_name = if input {
        Obj::pattern(notation::padded(
            &notation::text_core(notation::ANY, notation::NOT_WS, 1, Some(FILE_NAME_MAX)),
            false,
        ))
    } else {
        Obj::pattern(build::free_text(false))
            .set("minLength", 1)
            .set("maxLength", FILE_NAME_MAX)
    };
    put("file_name", file_name.set("title", "ファイル名"));
    let media_type = if input {
        Obj::pattern(mime_pattern(&ALL_TYPES))
    } else {
        Obj::ty("string").set("enum", mimes(&ALL_TYPES))
    };
    put("media_type", media_type.set("title", "ファイル形式"));
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

    // Limits per slot and per type. The `if`s compare exactly: an entry the
    // runtime reads another way (spaces around the slot, the type in capitals)
    // is only held to the general shape above.
    let mut rules: Vec<Value> = Vec::new();
    for slot in &form.attachments {
        let mut then = Map::new();
        let media = if input {
            Obj::pattern(mime_pattern(&slot.accept))
        } else {
            Obj::ty("string").set("enum", mimes(&slot.accept))
        };
        then.insert("media_type".to_owned(), media.into());
        then.insert(
            "size".to_owned(),
            Obj::ty("integer").set("maximum", slot.max_size).into(),
        );
        rules.push(if_then(has_const("slot", &slot.id), then));
    }
    for media in ALL_TYPES {
        let mut then = Map::new();
        let size = Obj::ty("integer")
            .set("minimum", media.min_bytes())
            .set("maximum", media.max_bytes());
        then.insert("size".to_owned(), size.into());
        if !input {
            // The name's extension matches the type (the runtime's
            // `attachment.file_name`).
            let name = Obj::ty("string").set("pattern", build::file_name(extensions(media)));
            then.insert("file_name".to_owned(), name.into());
        }
        let image = matches!(media, MediaType::Jpeg | MediaType::Png);
        if image {
            for side in ["width", "height"] {
                let range = Obj::ty("integer")
                    .set("minimum", MIN_PX)
                    .set("maximum", MAX_PX);
                then.insert(side.to_owned(), range.into());
            }
        }
        let mut rule = if_then(has_const("media_type", media.mime()), then);
        if image && let Some(then) = rule.get_mut("then").and_then(Value::as_object_mut) {
            // An image's pixel size is part of what is checked: required.
            then.insert("required".to_owned(), Value::from(vec!["width", "height"]));
        }
        rules.push(rule);
    }
    closed_object(properties, required).set("allOf", rules)
}

/// The extensions a file of `media` may have (as the runtime checks them).
fn extensions(media: MediaType) -> &'static [&'static str] {
    match media {
        MediaType::Pdf => &["pdf"],
        MediaType::Jpeg => &["jpg", "jpeg", "jpe", "jfif"],
        MediaType::Png => &["png"],
    }
}

fn if_then(cond: Value, then_properties: Map<String, Value>) -> Value {
    Obj::new()
        .set("if", cond)
        .set("then", Obj::ty("object").set("properties", then_properties))
        .into()
}
