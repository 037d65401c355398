//! Diagnostics for people (rustc-style snippets) and for machines (JSON).

use annotate_snippets::{AnnotationKind, Group, Level as SnipLevel, Renderer, Snippet};
use serde::Serialize;
use shinsei_syntax::{Diagnostic, Level, SourceDb};

/// Renders diagnostics as text: `error[code]: message`, `--> file:line:col`,
/// the source line with a caret, labels and hints.
pub fn text(db: &SourceDb, diags: &[Diagnostic], color: bool) -> String {
    let renderer = if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    let mut out = String::new();
    for d in diags {
        let Some(src) = db.get(d.span.file) else {
            continue;
        };
        let level = match d.level {
            Level::Error => SnipLevel::ERROR,
            Level::Warning => SnipLevel::WARNING,
        };
        let range = |s: shinsei_syntax::Span| {
            let start = (s.start as usize).min(src.text.len());
            let end = (s.end as usize).clamp(start, src.text.len());
            start..end
        };
        let mut snippet = Snippet::source(src.text.as_str())
            .path(src.path.as_str())
            .annotation(
                AnnotationKind::Primary
                    .span(range(d.span))
                    .label(d.label.as_str()),
            );
        let mut others: Vec<Snippet<'_, _>> = Vec::new();
        for (span, label) in &d.secondary {
            if span.file == d.span.file {
                snippet = snippet.annotation(
                    AnnotationKind::Context
                        .span(range(*span))
                        .label(label.as_str()),
                );
            } else if let Some(other) = db.get(span.file) {
                let start = (span.start as usize).min(other.text.len());
                let end = (span.end as usize).clamp(start, other.text.len());
                others.push(
                    Snippet::source(other.text.as_str())
                        .path(other.path.as_str())
                        .annotation(
                            AnnotationKind::Context
                                .span(start..end)
                                .label(label.as_str()),
                        ),
                );
            }
        }
        let mut group = level
            .primary_title(d.message.as_str())
            .id(d.code.as_str())
            .element(snippet);
        for s in others {
            group = group.element(s);
        }
        for h in &d.hints {
            group = group.element(SnipLevel::HELP.with_name(Some("hint")).message(h.as_str()));
        }
        let report: &[Group<'_>] = &[group];
        out.push_str(&renderer.render(report));
        out.push_str("\n\n");
    }
    out
}

/// One diagnostic as JSON.
#[derive(Serialize)]
pub struct JsonDiagnostic<'a> {
    /// `error` or `warning`.
    pub severity: &'static str,
    /// Stable code.
    pub code: &'a str,
    /// Message.
    pub message: &'a str,
    /// File path.
    pub file: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column (characters).
    pub column: usize,
    /// Byte range.
    pub span: [u32; 2],
    /// Label under the caret.
    pub label: &'a str,
    /// Hints.
    pub hints: &'a [String],
}

/// Diagnostics as JSON values.
pub fn json<'a>(db: &SourceDb, diags: &'a [Diagnostic]) -> Vec<JsonDiagnostic<'a>> {
    diags
        .iter()
        .map(|d| {
            let src = db.get(d.span.file);
            let (line, column) = src.map_or((0, 0), |s| s.line_col(d.span.start));
            JsonDiagnostic {
                severity: if d.level == Level::Error {
                    "error"
                } else {
                    "warning"
                },
                code: d.code.as_str(),
                message: &d.message,
                file: src.map(|s| s.path.clone()).unwrap_or_default(),
                line,
                column,
                span: [d.span.start, d.span.end],
                label: &d.label,
                hints: &d.hints,
            }
        })
        .collect()
}
