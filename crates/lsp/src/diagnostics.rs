//! The checker's diagnostics as LSP diagnostics: the same code, message,
//! label and hints `shinsei check` prints, the secondary spans as related
//! information (in whatever file they are).

use std::collections::BTreeMap;

use lsp_types::{
    Diagnostic as LspDiagnostic, DiagnosticRelatedInformation, DiagnosticSeverity, NumberOrString,
};
use shinsei_syntax::{Diagnostic, Level};

use crate::analysis::Analysis;

/// The diagnostics of every file of `a` that has any, by URI.
pub fn by_file(a: &Analysis) -> BTreeMap<String, Vec<LspDiagnostic>> {
    let mut out: BTreeMap<String, Vec<LspDiagnostic>> = BTreeMap::new();
    for d in &a.diagnostics {
        let Some(f) = a.get(d.span.file) else {
            continue;
        };
        out.entry(f.uri.clone()).or_default().push(convert(a, d));
    }
    out
}

/// One diagnostic.
pub fn convert(a: &Analysis, d: &Diagnostic) -> LspDiagnostic {
    let range = a
        .get(d.span.file)
        .map(|f| f.lines.range(&f.text, d.span))
        .unwrap_or_default();
    let mut message = d.message.clone();
    if !d.label.is_empty() {
        message.push_str(&format!("\n{}", d.label));
    }
    for h in &d.hints {
        message.push_str(&format!("\nhint: {h}"));
    }
    let related: Vec<DiagnosticRelatedInformation> = d
        .secondary
        .iter()
        .filter_map(|(span, label)| {
            Some(DiagnosticRelatedInformation {
                location: a.location(*span)?,
                message: label.clone(),
            })
        })
        .collect();
    LspDiagnostic {
        range,
        severity: Some(match d.level {
            Level::Error => DiagnosticSeverity::ERROR,
            Level::Warning => DiagnosticSeverity::WARNING,
        }),
        code: Some(NumberOrString::String(d.code.to_string())),
        source: Some("shinsei".into()),
        message,
        related_information: (!related.is_empty()).then_some(related),
        ..LspDiagnostic::default()
    }
}
