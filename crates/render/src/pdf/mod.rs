//! PDF of a [`Document`] and a [`Notice`] on A4 pages, written with krilla
//! (the PDF library typst uses) in a Japanese font the caller gives (e.g.
//! Debian's Noto Sans CJK JP): the glyphs used are embedded as a subset, and
//! every glyph keeps its text, so the PDF can be searched and copied from.
//!
//! Layout is two steps: `layout` turns the document into lines placed on
//! pages (wrapping by glyph advance), [`write`] draws them.

mod layout;
mod write;

use crate::document::Document;
use crate::returned::Notice;

pub use write::FontError;

/// A font file (TrueType/OpenType, or a collection with the face's index).
#[derive(Clone)]
pub struct FontFile {
    /// The file's bytes, shared: each PDF hands krilla a reference, not a
    /// copy (a CJK font is about 19 MB; the server keeps one for every PDF).
    pub data: std::sync::Arc<Vec<u8>>,
    /// The face in a collection (0 for a single font).
    pub index: u32,
}

/// Where a Japanese font is usually installed (Debian's fonts-noto-cjk and
/// fonts-ipaexfont), with the index of the Japanese face.
pub const SYSTEM_FONTS: [(&str, u32); 3] = [
    ("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", 0),
    ("/usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf", 0),
    ("/usr/share/fonts/truetype/ipaexfont-gothic/ipaexg.ttf", 0),
];

impl std::fmt::Debug for FontFile {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FontFile")
            .field("bytes", &self.data.len())
            .field("index", &self.index)
            .finish()
    }
}

/// The Japanese font `spec` names — `FILE`, or `FILE#INDEX` for a face of a
/// collection (`NotoSansCJK-Regular.ttc#0`) — read and checked (a font with
/// kana and kanji), or why not.
pub fn read_font(spec: &std::path::Path) -> Result<FontFile, String> {
    let s = spec.to_string_lossy();
    let (file, index) = match s.rsplit_once('#').map(|(f, i)| (f, i.parse::<u32>())) {
        Some((f, Ok(i))) => (std::path::PathBuf::from(f), i),
        _ => (spec.to_path_buf(), 0),
    };
    let data = std::fs::read(&file).map_err(|e| format!("{}: {e}", file.display()))?;
    let font = FontFile {
        data: data.into(),
        index,
    };
    write::check(&font).map_err(|e| format!("{}: {e}", file.display()))?;
    Ok(font)
}

/// The first of [`SYSTEM_FONTS`] that can be read, if any.
pub fn system_font() -> Option<FontFile> {
    SYSTEM_FONTS.iter().find_map(|(path, index)| {
        let data = std::fs::read(path).ok()?;
        let font = FontFile {
            data: data.into(),
            index: *index,
        };
        write::check(&font).ok()?;
        Some(font)
    })
}

/// The 申請書情報のイメージ as a PDF.
pub fn document(doc: &Document, font: &FontFile) -> Result<Vec<u8>, FontError> {
    write::check(font)?;
    write::pdf(&layout::document(doc, font), font)
}

/// The 返戻理由のお知らせ as a PDF.
pub fn notice(n: &Notice, font: &FontFile) -> Result<Vec<u8>, FontError> {
    write::check(font)?;
    write::pdf(&layout::notice(n, font), font)
}
