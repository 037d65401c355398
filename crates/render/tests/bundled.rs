//! Every valid case of every bundled form renders as a document with its
//! entries; an invalid case renders as a 返戻理由のお知らせ with its reasons,
//! their entries and their basis.

use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset};
use serde_json::Value;
use shinsei_ir::Bundle;
use shinsei_runtime::DEFAULT_MAX_BYTES;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn bundle() -> Bundle {
    shinsei_load::Sources::load(&[root().join("forms")])
        .and_then(|s| s.bundle())
        .unwrap_or_else(|e| panic!("{e}"))
}

/// (file name, submission text, now) of every case.
fn cases() -> Vec<(String, String, DateTime<FixedOffset>)> {
    shinsei_load::case_files(&[root().join("forms")])
        .unwrap()
        .into_iter()
        .filter_map(|path| {
            let case: Value = serde_json::from_str(&std::fs::read_to_string(&path).ok()?).ok()?;
            let now = case
                .get("now")
                .and_then(Value::as_str)
                .or_else(|| case.pointer("/submission/submitted_at")?.as_str())
                .and_then(shinsei_jp::instant::parse_date_time)?;
            let name = path.file_name()?.to_string_lossy().into_owned();
            Some((name, case.get("submission")?.to_string(), now))
        })
        .collect()
}

#[test]
fn every_valid_case_renders_with_its_sections_and_qualification() {
    let bundle = bundle();
    let mut forms = std::collections::BTreeSet::new();
    for (name, submission, now) in cases().into_iter().filter(|c| c.0.starts_with("valid")) {
        let form: Value = serde_json::from_str(&submission).unwrap();
        let id = form["form"].as_str().unwrap().to_owned();
        let html = shinsei_render::document_html(&bundle, &submission, now, DEFAULT_MAX_BYTES)
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        let title = &bundle.forms.iter().find(|f| f.id == id).unwrap().title.ja;
        assert!(html.contains(&format!("<h1>{title}</h1>")), "{name}");
        assert!(
            html.contains("<h2>申請内容</h2>") || html.contains("<h2>"),
            "{name}"
        );
        if form.get("qualification").is_some() {
            assert!(html.contains("<h2>資格情報</h2>"), "{name}: no 資格 block");
        }
        assert!(!html.contains("{\""), "{name}: a raw JSON value is shown");
        forms.insert(id);
    }
    let all: std::collections::BTreeSet<String> =
        bundle.forms.iter().map(|f| f.id.clone()).collect();
    assert_eq!(forms, all, "a form without a valid case");
}

#[test]
fn the_document_shows_wareki_yen_numbered_items_and_attachments() {
    let bundle = bundle();
    let (_, submission, now) = cases()
        .into_iter()
        .find(|c| c.0 == "valid_agent.json" && c.1.contains("shobyo_teate"))
        .expect("shobyo_teate/valid_agent.json");
    let html = shinsei_render::document_html(&bundle, &submission, now, DEFAULT_MAX_BYTES).unwrap();
    for expected in [
        "<tr><th scope=\"row\">開始日</th><td>令和8年2月2日（2026年2月2日）</td></tr>",
        "300,000円",
        "<ol>",
        "ikensho.pdf",
        "<h2>添付書類</h2>",
        "申請者 社会保険労務士",
        "令和8年3月2日（2026年3月2日） 10:00",
        "<th scope=\"row\">氏名</th><td>協会 太郎</td>",
        "令和7年3月（2025年3月）",
    ] {
        assert!(html.contains(expected), "missing {expected:?} in\n{html}");
    }
}

#[test]
fn a_returned_application_lists_each_reason_its_entry_and_basis() {
    let bundle = bundle();
    let mut with_basis = 0;
    for (name, submission, now) in cases().into_iter().filter(|c| c.0.starts_with("invalid")) {
        let Ok(html) = shinsei_render::notice_html(&bundle, &submission, now, DEFAULT_MAX_BYTES)
        else {
            continue; // an envelope that names no form version
        };
        assert!(html.contains("<h1>返戻理由のお知らせ</h1>"), "{name}");
        if html.contains("返戻の理由はありません") {
            continue; // a case named invalid for a warning only
        }
        assert!(html.contains("<li><p>"), "{name}: no reason");
        assert!(html.contains("項目: "), "{name}");
        with_basis += usize::from(html.contains("根拠: "));
    }
    assert!(with_basis > 10, "only {with_basis} notices name a basis");
}

#[test]
fn text_is_escaped() {
    let bundle = bundle();
    let (_, submission, now) = cases()
        .into_iter()
        .find(|c| c.0 == "valid_agent.json" && c.1.contains("shobyo_teate"))
        .unwrap();
    let submission = submission.replace("事務職（経理）", "<script>x</script>");
    let html = shinsei_render::document_html(&bundle, &submission, now, DEFAULT_MAX_BYTES).unwrap();
    assert!(!html.contains("<script>"));
    assert!(html.contains("&lt;script&gt;x&lt;/script&gt;"));
}

/// Debian's Noto Sans CJK JP (fonts-noto-cjk, installed by
/// scripts/setup.d/40-fonts.sh).
fn font() -> shinsei_render::pdf::FontFile {
    let (path, index) = shinsei_render::pdf::SYSTEM_FONTS
        .iter()
        .find(|(p, _)| Path::new(p).exists())
        .expect("a Japanese font: run scripts/setup.d/40-fonts.sh (fonts-noto-cjk)");
    shinsei_render::pdf::FontFile {
        data: std::fs::read(path).unwrap().into(),
        index: *index,
    }
}

#[test]
fn a_valid_case_of_every_form_and_a_notice_render_as_pdf() {
    let bundle = bundle();
    let font = font();
    let mut done = std::collections::BTreeSet::new();
    for (name, submission, now) in cases().into_iter().filter(|c| c.0.starts_with("valid")) {
        let doc =
            shinsei_render::document_of(&bundle, &submission, now, DEFAULT_MAX_BYTES).unwrap();
        if !done.insert(doc.form.clone()) {
            continue;
        }
        let pdf =
            shinsei_render::pdf::document(&doc, &font).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(pdf.starts_with(b"%PDF-"), "{name}");
        // The font is embedded as a subset: far smaller than the 16 MB file.
        assert!(pdf.len() < 200_000, "{name}: {} bytes", pdf.len());
    }
    let (_, submission, now) = cases()
        .into_iter()
        .find(|c| c.0 == "invalid_image_without_pixels.json")
        .unwrap();
    let notice = shinsei_render::notice_of(&bundle, &submission, now, DEFAULT_MAX_BYTES).unwrap();
    assert!(notice.reasons.iter().all(|r| r.basis.is_some()));
    let pdf = shinsei_render::pdf::notice(&notice, &font).unwrap();
    assert!(pdf.starts_with(b"%PDF-"));
}

#[test]
fn a_font_without_japanese_is_refused_with_a_reason() {
    let bundle = bundle();
    let (_, submission, now) = cases()
        .into_iter()
        .find(|c| c.0.starts_with("valid"))
        .unwrap();
    let doc = shinsei_render::document_of(&bundle, &submission, now, DEFAULT_MAX_BYTES).unwrap();
    let not_a_font = shinsei_render::pdf::FontFile {
        data: b"not a font".to_vec().into(),
        index: 0,
    };
    assert_eq!(
        shinsei_render::pdf::document(&doc, &not_a_font),
        Err(shinsei_render::pdf::FontError::Unreadable)
    );
}

#[test]
fn a_period_reads_from_one_day_to_the_other() {
    let bundle = bundle();
    let (name, submission, now) = cases()
        .into_iter()
        .find(|c| c.0.starts_with("valid") && c.1.contains("\"kaigai_ryoyohi\""))
        .unwrap();
    let html = shinsei_render::document_html(&bundle, &submission, now, DEFAULT_MAX_BYTES).unwrap();
    let row = html
        .lines()
        .find(|l| l.contains("<th scope=\"row\">診療期間</th>"))
        .unwrap_or_else(|| panic!("{name}: no 診療期間"));
    assert!(row.contains("日（") && row.contains("日） 〜 "), "{row}");
}

#[test]
fn an_attached_files_property_is_named_by_its_slot_and_property() {
    let bundle = bundle();
    let (_, submission, now) = cases()
        .into_iter()
        .find(|c| c.0 == "invalid_attachment_file_names.json")
        .unwrap();
    let notice = shinsei_render::notice_of(&bundle, &submission, now, DEFAULT_MAX_BYTES).unwrap();
    let concerns: Vec<&str> = notice.reasons.iter().map(|r| r.concerns.as_str()).collect();
    assert!(!concerns.is_empty());
    for c in &concerns {
        assert!(
            c.starts_with("添付書類 › ") && c.contains("件目（") && c.ends_with(" › ファイル名"),
            "{c}"
        );
        assert!(!c.contains('/'), "no raw pointer: {c}");
    }
}
