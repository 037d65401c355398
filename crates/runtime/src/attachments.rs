//! Attachment metadata: slots, media types, sizes, image dimensions, counts,
//! and which slots are required for this submission.

use std::borrow::Cow;

use shinsei_ir::{AttachmentSlot, Form, MediaType};

use crate::decode::{Ctx, controls};
use crate::eval::Env;
use crate::json::{Json, member};
use crate::messages::{Lang, Msg, Word};
use crate::pointer::Pointer;
use crate::result::{AttachmentSummary, Issue, Report};
use crate::tree::ROOT;

/// Members of one attachment entry.
pub(crate) const MEMBERS: [&str; 6] =
    ["slot", "file_name", "media_type", "size", "width", "height"];
/// Longest file name accepted (characters).
const FILE_NAME_MAX: usize = 255;
/// Smallest and largest side of an image in pixels (§32.4).
const MIN_PX: u64 = 512;
const MAX_PX: u64 = 8192;

/// Checks `attachments` (absent ⇒ `[]`) and returns the slot summary.
pub(crate) fn check<'a>(
    form: &'a Form,
    json: Option<&Json<'_>>,
    env: &Env<'a>,
    lang: Lang,
    report: &mut Report,
) -> AttachmentSummary {
    let entries: &[Json<'_>] = match json {
        None | Some(Json::Null) => &[],
        // At most as many as the form's slots take and a few more (the
        // parser refuses more), so every entry is kept.
        Some(Json::Arr(items)) => &items.kept,
        Some(other) => {
            let cx = Ctx {
                lang,
                label: Word::Attachments.text(lang),
                path: "/attachments",
                key: None,
            };
            report.push(cx.type_error(Word::Array, other.kind()));
            &[]
        }
    };
    let mut counts = vec![0_usize; form.attachments.len()];
    let mut path = Pointer::root();
    path.push_key("attachments");
    for (i, entry) in entries.iter().enumerate() {
        let mark = path.push_index(i);
        let slot = entry_slot(form, entry, path.as_str(), lang, report);
        if let Some((count, slot)) =
            slot.and_then(|s| counts.get_mut(s).zip(form.attachments.get(s)))
        {
            *count = count.saturating_add(1);
            // Reported once, at the first entry over the limit.
            if *count
                == usize::try_from(slot.max_count)
                    .unwrap_or(usize::MAX)
                    .saturating_add(1)
            {
                let cx = Ctx {
                    lang,
                    label: slot.label.get(lang.tag()),
                    path: path.as_str(),
                    key: None,
                };
                report.push(cx.make(
                    Msg::AttachmentCount,
                    &[("limit", &slot.max_count.to_string())],
                ));
            }
        }
        path.truncate(mark);
    }
    let mut summary = AttachmentSummary::default();
    for (slot, count) in form.attachments.iter().zip(&counts) {
        if !env.required(ROOT, &slot.presence) {
            continue;
        }
        summary.required.push(slot.id.clone());
        if *count == 0 {
            summary.missing.push(slot.id.clone());
            let cx = Ctx {
                lang,
                label: slot.label.get(lang.tag()),
                path: "/attachments",
                key: None,
            };
            report.push(cx.make(Msg::AttachmentMissing, &[]));
        }
    }
    summary
}

/// Checks one entry; returns its slot's index when the slot exists.
fn entry_slot(
    form: &Form,
    entry: &Json<'_>,
    path: &str,
    lang: Lang,
    report: &mut Report,
) -> Option<usize> {
    let Json::Obj(members) = entry else {
        let cx = Ctx {
            lang,
            label: Word::Attachment.text(lang),
            path,
            key: None,
        };
        report.push(cx.type_error(Word::Object, entry.kind()));
        return None;
    };
    let at = |key: &str| Pointer::child_of(path, key);
    // Pointers are built only when an issue is reported.
    let fail = |report: &mut Report, key: &str, word: Word, issue: &dyn Fn(&Ctx<'_>) -> Issue| {
        report.push(issue(&Ctx {
            lang,
            label: word.text(lang),
            path,
            key: Some(key),
        }));
    };
    let required = |cx: &Ctx<'_>| cx.make(Msg::Required, &[]);
    let string = |key: &str, word: Word, report: &mut Report| -> Option<Cow<'_, str>> {
        match member(members, key) {
            None | Some(Json::Null) => fail(report, key, word, &required),
            Some(Json::Str(s)) => match shinsei_jp::width::trim_spaces(s) {
                "" => fail(report, key, word, &required),
                t => return Some(Cow::Borrowed(t)),
            },
            Some(other) => fail(report, key, word, &|cx| {
                cx.type_error(Word::String, other.kind())
            }),
        }
        None
    };
    let number = |key: &str, word: Word, needed: bool, report: &mut Report| -> Option<u64> {
        match member(members, key) {
            None | Some(Json::Null) if needed => fail(report, key, word, &required),
            None | Some(Json::Null) => {}
            Some(Json::U64(n)) => return Some(*n),
            Some(other) => fail(report, key, word, &|cx| {
                cx.type_error(Word::Integer, other.kind())
            }),
        }
        None
    };

    let slot_id = string("slot", Word::Slot, report);
    let slot = slot_id
        .as_deref()
        .and_then(|id| form.attachments.iter().position(|s| s.id == id));
    if slot_id.is_some() && slot.is_none() {
        report.push(Issue::error(
            at("slot"),
            Msg::AttachmentUnknownSlot,
            lang,
            &[],
        ));
    }
    let decl = slot.and_then(|s| form.attachments.get(s));
    let file_name = string("file_name", Word::FileName, report).filter(|name| {
        if name.chars().count() > FILE_NAME_MAX {
            let limit = FILE_NAME_MAX.to_string();
            fail(report, "file_name", Word::FileName, &|cx| {
                cx.make(Msg::LengthMax, &[("limit", &limit)])
            });
            return false;
        }
        if let Some(at) = controls::first_forbidden(name, false) {
            fail(report, "file_name", Word::FileName, &|cx| {
                cx.make(Msg::FormatText, &[("position", &at.to_string())])
            });
            return false;
        }
        true
    });
    let media = string("media_type", Word::MediaType, report).and_then(|mime| {
        let media = match mime.as_ref() {
            // The canonical spellings skip the IR's lowercasing copy.
            "application/pdf" => Some(MediaType::Pdf),
            "image/jpeg" => Some(MediaType::Jpeg),
            "image/png" => Some(MediaType::Png),
            other => MediaType::from_mime(other),
        };
        let accepted = media.filter(|m| decl.is_none_or(|d| d.accept.contains(m)));
        if accepted.is_none() {
            let (label, accept) = match decl {
                Some(d) => (d.label.get(lang.tag()), accept_list(&d.accept)),
                None => (Word::Attachment.text(lang), accept_list(&MediaType::ALL)),
            };
            let cx = Ctx {
                lang,
                label,
                path,
                key: Some("media_type"),
            };
            report.push(cx.make(Msg::AttachmentType, &[("accept", &accept)]));
        }
        accepted
    });
    if let (Some(name), Some(media)) = (&file_name, media) {
        check_extension(name, media, path, lang, report);
    }
    if let Some(size) = number("size", Word::Size, true, report) {
        check_size(size, media, decl, path, lang, report);
    }
    // An image's pixel size is part of what is checked (§32.4): required.
    let image = matches!(media, Some(MediaType::Jpeg | MediaType::Png));
    for (key, word) in [("width", Word::Width), ("height", Word::Height)] {
        let px = number(key, word, image, report);
        if px.is_some_and(|px| image && !(MIN_PX..=MAX_PX).contains(&px)) {
            let args = [("min", MIN_PX.to_string()), ("max", MAX_PX.to_string())];
            let args: Vec<(&str, &str)> = args.iter().map(|(k, v)| (*k, v.as_str())).collect();
            report.push(Issue::error(at(key), Msg::AttachmentPixels, lang, &args));
        }
    }
    for (key, _) in members
        .iter()
        .filter(|(k, _)| !MEMBERS.contains(&k.as_ref()))
    {
        report.push(Issue::error(at(key), Msg::UnknownField, lang, &[]));
    }
    slot
}

/// Size limits: the slot's maximum capped by the type's, the type's minimum
/// (`entry` is the pointer of the attachment entry).
fn check_size(
    size: u64,
    media: Option<MediaType>,
    decl: Option<&AttachmentSlot>,
    entry: &str,
    lang: Lang,
    report: &mut Report,
) {
    let type_max = media.map_or(u64::MAX, MediaType::max_bytes);
    let max = decl.map_or(type_max, |d| d.max_size.min(type_max));
    let min = media.map_or(1, MediaType::min_bytes);
    if size > max {
        report.push(Issue::error(
            Pointer::child_of(entry, "size"),
            Msg::AttachmentTooLarge,
            lang,
            &[("limit", &crate::decode::group_thousands(max.into()))],
        ));
    } else if size < min {
        report.push(Issue::error(
            Pointer::child_of(entry, "size"),
            Msg::AttachmentTooSmall,
            lang,
            &[("limit", &crate::decode::group_thousands(min.into()))],
        ));
    }
}

/// The extensions a file of `media` may have (lowercase), the first one
/// suggested.
fn extensions(media: MediaType) -> &'static [&'static str] {
    match media {
        MediaType::Pdf => &["pdf"],
        MediaType::Jpeg => &["jpg", "jpeg", "jpe", "jfif"],
        MediaType::Png => &["png"],
    }
}

/// A file name's extension must say what its declared type says:
/// `virus.exe` is not a PDF, whatever `media_type` claims.
fn check_extension(name: &str, media: MediaType, entry: &str, lang: Lang, report: &mut Report) {
    // Full-width letters fold to ASCII; an ASCII name (the usual one) is
    // read as it is, and nothing is allocated unless something is reported.
    let folded: Cow<'_, str> = if name.is_ascii() {
        Cow::Borrowed(name)
    } else {
        Cow::Owned(shinsei_jp::width::to_ascii_width(name))
    };
    let ext = folded
        .rsplit_once('.')
        .filter(|(stem, ext)| !stem.is_empty() && !ext.is_empty())
        .map(|(_, ext)| ext);
    let allowed = extensions(media);
    let msg = match ext {
        // The allowed extensions are lowercase ASCII.
        Some(ext) if allowed.iter().any(|a| a.eq_ignore_ascii_case(ext)) => return,
        Some(_) => Msg::FileNameExtension,
        None => Msg::FileNameNoExtension,
    };
    let suggest: Vec<String> = allowed.iter().take(2).map(|e| format!(".{e}")).collect();
    let suggest = suggest.join(" / ");
    report.push(Issue::error(
        Pointer::child_of(entry, "file_name"),
        msg,
        lang,
        &[("media", accept_list(&[media]).as_str()), ("ext", &suggest)],
    ));
}

fn accept_list(types: &[MediaType]) -> String {
    let names: Vec<&str> = types
        .iter()
        .map(|t| match t {
            MediaType::Pdf => "PDF",
            MediaType::Jpeg => "JPEG",
            MediaType::Png => "PNG",
        })
        .collect();
    names.join(", ")
}
