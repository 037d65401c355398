//! Draws laid-out pages with krilla: text as glyphs of the one font (mapped
//! through its cmap, advances from its metrics: Japanese needs no shaping),
//! rules and shaded bars as paths. Bold text (titles, section headings) is
//! the same glyphs filled and stroked with a thin outline (PDF text
//! rendering mode 2, what krilla writes for a fill and a stroke together):
//! one font file serves, whatever face the caller gives, and the text stays
//! text for `pdftotext`.

use krilla::Document;
use krilla::geom::{PathBuilder, Point, Rect};
use krilla::page::PageSettings;
use krilla::paint::{Fill, LineJoin, Stroke};
use krilla::text::{Font, GlyphId, KrillaGlyph};
use skrifa::instance::{LocationRef, Size};
use skrifa::{FontRef, MetadataProvider};

use super::FontFile;
use super::layout::{Op, PAGE_H, PAGE_W};

/// The outline that makes text bold, in ems (a regular CJK face's stems are
/// about 0.07 em; bold ones about 0.11).
const BOLD_STROKE: f32 = 0.035;

/// Why no PDF was made.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FontError {
    /// The font file could not be read as a font.
    Unreadable,
    /// The font has no glyph for a character of the text: it is not a
    /// Japanese font.
    NotJapanese,
    /// krilla refused to write the document.
    Pdf(String),
}

impl std::fmt::Display for FontError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            FontError::Unreadable => f.write_str("the font file is not a font krilla can read"),
            FontError::NotJapanese => f.write_str(
                "the font has no kana or kanji (use a Japanese font, e.g. Noto Sans CJK JP)",
            ),
            FontError::Pdf(e) => write!(f, "the PDF could not be written: {e}"),
        }
    }
}

impl std::error::Error for FontError {}

/// A character's glyph and its advance (in ems).
#[derive(Clone, Copy)]
struct Glyph {
    id: u32,
    advance: f32,
}

/// Whether `font` can be read and has kana and kanji.
pub(super) fn check(font: &FontFile) -> Result<(), FontError> {
    let f = FontRef::from_index(&font.data, font.index).map_err(|_| FontError::Unreadable)?;
    if f.charmap().map('申').is_none() || f.charmap().map('あ').is_none() {
        return Err(FontError::NotJapanese);
    }
    Ok(())
}

/// The width of `text` at `size` points.
pub(super) fn width(font: &FontFile, text: &str, size: f32) -> f32 {
    text.chars().map(|c| glyph(font, c).advance).sum::<f32>() * size
}

/// The glyph of `c` (the font's .notdef, 0, when it has none).
fn glyph(font: &FontFile, c: char) -> Glyph {
    let Ok(f) = FontRef::from_index(&font.data, font.index) else {
        return Glyph {
            id: 0,
            advance: 0.5,
        };
    };
    let id = f.charmap().map(c).unwrap_or_default();
    let upem = f64::from(
        f.metrics(Size::unscaled(), LocationRef::default())
            .units_per_em
            .max(1),
    );
    let advance = f
        .glyph_metrics(Size::unscaled(), LocationRef::default())
        .advance_width(id)
        .unwrap_or(500.0);
    Glyph {
        id: id.to_u32(),
        advance: (f64::from(advance) / upem) as f32,
    }
}

/// Draws `pages` into a PDF.
pub(super) fn pdf(pages: &[Vec<Op>], font: &FontFile) -> Result<Vec<u8>, FontError> {
    let krilla_font =
        Font::new(font.data.clone().into(), font.index).ok_or(FontError::Unreadable)?;
    let mut document = Document::new();
    for ops in pages {
        let settings = PageSettings::from_wh(PAGE_W, PAGE_H).ok_or(FontError::Unreadable)?;
        let mut page = document.start_page_with(settings);
        let mut surface = page.surface();
        for op in ops {
            match op {
                Op::Text {
                    x,
                    y,
                    size,
                    text,
                    bold,
                } => {
                    let mut glyphs = Vec::with_capacity(text.len());
                    for (at, c) in text.char_indices() {
                        let g = glyph(font, c);
                        glyphs.push(KrillaGlyph::new(
                            GlyphId::new(g.id),
                            g.advance,
                            0.0,
                            0.0,
                            0.0,
                            at..at + c.len_utf8(),
                            None,
                        ));
                    }
                    surface.set_fill(Some(Fill::default()));
                    if *bold {
                        surface.set_stroke(Some(Stroke {
                            width: size * BOLD_STROKE,
                            line_join: LineJoin::Round,
                            ..Stroke::default()
                        }));
                    }
                    surface.draw_glyphs(
                        Point::from_xy(*x, *y),
                        &glyphs,
                        krilla_font.clone(),
                        text,
                        *size,
                        false,
                    );
                    surface.set_stroke(None);
                }
                Op::Rule { x1, y1, x2, y2 } => {
                    let mut pb = PathBuilder::new();
                    pb.move_to(*x1, *y1);
                    pb.line_to(*x2, *y2);
                    if let Some(path) = pb.finish() {
                        surface.set_fill(None);
                        surface.set_stroke(Some(Stroke {
                            width: 0.5,
                            ..Stroke::default()
                        }));
                        surface.draw_path(&path);
                        surface.set_stroke(None);
                    }
                }
                Op::Shade { x, y, w, h } => {
                    let mut pb = PathBuilder::new();
                    if let Some(rect) = Rect::from_xywh(*x, *y, *w, *h) {
                        pb.push_rect(rect);
                    }
                    if let Some(path) = pb.finish() {
                        surface.set_fill(Some(Fill {
                            paint: krilla::color::luma::Color::new(230).into(),
                            ..Fill::default()
                        }));
                        surface.draw_path(&path);
                    }
                }
            }
        }
        surface.finish();
        page.finish();
    }
    document
        .finish()
        .map_err(|e| FontError::Pdf(format!("{e:?}")))
}
