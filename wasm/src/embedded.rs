//! The embedded bundle, read one form at a time: the module starts without
//! reading any form (`bundleInfo` and `listForms` answer from an index), and a form is
//! decoded the first time something asks for it — a validation, a page or
//! an application file of a submission naming it, `describeForm`,
//! `prefill`, `fieldStates`, `reapply` of a file of it (the submission's
//! form found by `shinsei_runtime::envelope_form`). Only a submission whose
//! root names no form of the bundle reads the whole bundle.
//!
//! `build.rs` writes the data — each form's own bundle (its versions and
//! the parameters they read, `Bundle::subset`), then the parameters no form
//! reads, each part a binary bundle — and the index (`embedded.rs` in
//! `OUT_DIR`: where each part is, the whole bundle's hash and size). A
//! form's own bundle gives a submission of that form the whole bundle's
//! verdict (`tests/engine.rs` checks it on every case).

use std::cell::OnceCell;

use shinsei_ir::Bundle;

use crate::error::{ApiError, ErrorCode};

#[allow(missing_docs, reason = "generated; each constant has its doc comment")]
mod index {
    include!(concat!(env!("OUT_DIR"), "/embedded.rs"));
}

/// The data the index points into.
const DATA: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/embedded.bin"));

/// A part that has not been read, is read, or did not read.
type Part = OnceCell<Result<Bundle, ApiError>>;

/// The embedded bundle and the parts of it read so far.
#[derive(Debug)]
pub struct Embedded {
    /// One per entry of `index::FORMS`.
    forms: Vec<Part>,
    whole: Part,
}

impl Embedded {
    /// Nothing read yet.
    pub fn new() -> Embedded {
        Embedded {
            forms: index::FORMS.iter().map(|_| OnceCell::new()).collect(),
            whole: OnceCell::new(),
        }
    }

    /// The whole bundle's hash.
    pub fn hash(&self) -> &'static str {
        index::HASH
    }

    /// How many form versions the bundle has.
    pub fn form_versions(&self) -> u32 {
        index::FORM_VERSIONS
    }

    /// Every form version's summary, as `listForms` answers, in JSON.
    pub fn summaries(&self) -> &'static str {
        index::SUMMARIES
    }

    /// Whether the bundle keeps the documentation source texts.
    pub fn source_texts(&self) -> bool {
        index::SOURCE_TEXTS
    }

    /// The bundle of form `id` (its versions and the parameters they read,
    /// under the whole bundle's hash), or `None` if the bundle has no such
    /// form.
    pub fn form(&self, id: &str) -> Option<Result<&Bundle, ApiError>> {
        let at = index::FORMS.iter().position(|(f, ..)| *f == id)?;
        let (_, start, end) = index::FORMS.get(at)?;
        let part = self.forms.get(at)?.get_or_init(|| read(*start, *end));
        Some(part.as_ref().map_err(Clone::clone))
    }

    /// The ids of the forms read so far (every form once the whole bundle
    /// is read).
    pub fn read_so_far(&self) -> Vec<&'static str> {
        index::FORMS
            .iter()
            .zip(&self.forms)
            .filter(|(_, part)| self.whole_is_read() || part.get().is_some())
            .map(|((id, ..), _)| *id)
            .collect()
    }

    /// Whether the whole bundle has been read (then it serves every call).
    pub fn whole_is_read(&self) -> bool {
        self.whole.get().is_some_and(Result::is_ok)
    }

    /// The whole bundle: every part read (again), the forms in the bundle's
    /// order, every parameter.
    pub fn whole(&self) -> Result<&Bundle, ApiError> {
        let whole = self.whole.get_or_init(|| {
            let (start, end) = index::UNREAD_PARAMS;
            let mut whole = read(start, end)?;
            for (_, start, end) in index::FORMS {
                let mut own = read(*start, *end)?;
                whole.forms.append(&mut own.forms);
                whole.params.extend(own.params);
            }
            Ok(whole)
        });
        whole.as_ref().map_err(Clone::clone)
    }
}

/// The part of the data from `start` to `end`, a binary bundle, under the
/// whole bundle's hash.
fn read(start: usize, end: usize) -> Result<Bundle, ApiError> {
    let bytes = DATA.get(start..end).ok_or_else(|| {
        ApiError::new(
            ErrorCode::BundleMalformed,
            "the embedded bundle's index points past its data",
        )
    })?;
    let mut part = crate::read::read_binary(bytes)?;
    part.hash = index::HASH.to_owned();
    Ok(part)
}
