//! Attachment slots: accepted types, sizes and counts within the insurer's
//! limits (catalog §32.4: slots may be stricter, never looser).

use shinsei_ir::{AttachmentSlot, MediaType, Presence, ValueType as V};
use shinsei_syntax::ast::AttachmentItem;
use shinsei_syntax::{Diagnostic, DiagnosticCode, SourceDb};

use crate::expr::{Env, Lowerer};
use crate::label::text;
use crate::suggest::DidYouMean as _;

/// Default and maximum number of files per slot.
pub const DEFAULT_MAX_COUNT: u32 = 10;
const MAX_COUNT_LIMIT: u64 = 50;

/// Lowers the form's attachment slots.
pub fn lower(lw: &mut Lowerer, db: &SourceDb) -> Vec<AttachmentSlot> {
    let root = lw.scopes.get(0);
    let mut out: Vec<AttachmentSlot> = Vec::new();
    for (i, a) in root.attachments.iter().enumerate() {
        // The first slot of this name, looked up in the declared slots (not
        // in `out`, whose indices skip the duplicates).
        let first = root
            .attachments
            .iter()
            .take(i)
            .find(|p| p.id.name == a.id.name);
        if let Some(first) = first {
            let prev_span = first.id.span;
            lw.diags.push(
                Diagnostic::error(
                    DiagnosticCode::DuplicateId,
                    a.id.span,
                    format!("attachment slot `{}` is defined twice", a.id.name),
                )
                .with_label("second definition")
                .with_secondary(prev_span, "first defined here"),
            );
            continue;
        }
        let mut accept: Vec<MediaType> = Vec::new();
        let mut accept_span = None;
        let mut max_size: Option<(u64, shinsei_syntax::Span)> = None;
        let mut max_count = DEFAULT_MAX_COUNT;
        let mut presence: Option<Presence> = None;
        let mut cond_src = None;
        let mut help = None;
        for item in &a.items {
            match item {
                AttachmentItem::Accept(ids, span) => {
                    accept_span = Some(*span);
                    for id in ids {
                        let t = match id.name.as_str() {
                            "pdf" => MediaType::Pdf,
                            "jpeg" | "jpg" => MediaType::Jpeg,
                            "png" => MediaType::Png,
                            other => {
                                lw.diags.push(
                                    Diagnostic::error(
                                        DiagnosticCode::BadAttachment,
                                        id.span,
                                        format!("unsupported media type `{other}`"),
                                    )
                                    .with_label("the insurer accepts pdf, jpeg and png only")
                                    .did_you_mean(other, ["pdf", "jpeg", "png"]),
                                );
                                continue;
                            }
                        };
                        if !accept.contains(&t) {
                            accept.push(t);
                        }
                    }
                }
                AttachmentItem::MaxSize { value, unit, span } => {
                    let factor: u64 = if unit == "MB" { 1024 * 1024 } else { 1024 };
                    max_size = Some((value.saturating_mul(factor), *span));
                }
                AttachmentItem::MaxCount(n, span) => {
                    if *n == 0 || *n > MAX_COUNT_LIMIT {
                        lw.diags.push(
                            Diagnostic::error(
                                DiagnosticCode::BadAttachment,
                                *span,
                                format!("`max_count {n}` is out of range"),
                            )
                            .with_label(format!("a slot holds 1 to {MAX_COUNT_LIMIT} files")),
                        );
                    }
                    max_count = u32::try_from((*n).clamp(1, MAX_COUNT_LIMIT)).unwrap_or(1);
                }
                AttachmentItem::Required(_, span) | AttachmentItem::Optional(span)
                    if presence.is_some() =>
                {
                    lw.diags.push(
                        Diagnostic::error(
                            DiagnosticCode::BadAttachment,
                            *span,
                            "the slot's presence is given twice",
                        )
                        .with_label("keep one of `required`, `required when …`, `optional`"),
                    );
                }
                AttachmentItem::Required(None, _) => presence = Some(Presence::Required),
                AttachmentItem::Required(Some(e), _) => {
                    cond_src = db.get(e.span.file).map(|s| s.slice(e.span).to_string());
                    presence = Some(Presence::RequiredWhen(lw.expect(e, Env::Scope(0), V::Bool)));
                }
                AttachmentItem::Optional(_) => presence = Some(Presence::Optional),
                AttachmentItem::Help(l) => help = Some(text(l)),
            }
        }
        if accept.is_empty() && accept_span.is_none() {
            lw.diags.push(
                Diagnostic::error(
                    DiagnosticCode::BadAttachment,
                    a.id.span,
                    format!("attachment `{}` accepts no media type", a.id.name),
                )
                .with_label("missing `accept`")
                .with_hint("add `accept pdf, jpeg, png`"),
            );
        }
        let limit = accept
            .iter()
            .map(|t| t.max_bytes())
            .min()
            .unwrap_or(MediaType::Pdf.max_bytes());
        let size = match max_size {
            Some((bytes, span)) => {
                if let Some(t) = accept.iter().find(|t| bytes > t.max_bytes()) {
                    lw.diags.push(
                        Diagnostic::error(
                            DiagnosticCode::BadAttachment,
                            span,
                            format!(
                                "max_size exceeds the insurer's {} MB limit for {}",
                                t.max_bytes() / (1024 * 1024),
                                t.mime()
                            ),
                        )
                        .with_label(
                            "a slot may be stricter than the insurer's rules, never looser",
                        ),
                    );
                }
                if let Some(t) = accept.iter().find(|t| bytes < t.min_bytes()) {
                    lw.diags.push(
                        Diagnostic::error(
                            DiagnosticCode::BadAttachment,
                            span,
                            format!(
                                "max_size is below the insurer's {} KB minimum for {}",
                                t.min_bytes() / 1024,
                                t.mime()
                            ),
                        )
                        .with_label("no file of that type could be uploaded"),
                    );
                }
                bytes.min(limit)
            }
            None => limit,
        };
        if presence.is_none() {
            lw.diags.push(
                Diagnostic::error(
                    DiagnosticCode::BadAttachment,
                    a.id.span,
                    format!("attachment `{}` does not say when it is needed", a.id.name),
                )
                .with_label("missing `required`, `required when …` or `optional`"),
            );
        }
        out.push(AttachmentSlot {
            id: a.id.name.clone(),
            label: text(&a.label),
            help,
            accept,
            max_size: size,
            max_count,
            presence: presence.unwrap_or(Presence::Optional),
            required_src: cond_src,
        });
    }
    out
}
