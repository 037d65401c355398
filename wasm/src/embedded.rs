//! The embedded bundle, read one form at a time: the module starts without
//! reading any form (`bundleInfo` and `listForms` answer from an index), and a form is
//! decoded the first time something asks for it — a validation, a page or
//! an application file of a submission naming it, `describeForm`,
//! `prefill`, `fieldStates`, `reapply` of a file of it. Only a submission
//! naming no form of the bundle (or naming it where a quick look does not
//! find it) reads the whole bundle.
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

/// The envelope's `form` when the JSON text names it plainly — a string
/// without escapes, a member of the top-level object before anything this
/// scan does not follow — else `None`. Only a hint of which form to read:
/// the caller checks that the verdict names the same form, and otherwise
/// validates again with the whole bundle.
pub fn envelope_form(text: &str) -> Option<&str> {
    let b = text.as_bytes();
    let mut at = skip_space(b, 0);
    if b.get(at) != Some(&b'{') {
        return None;
    }
    at += 1;
    loop {
        let (key, next) = plain_string(text, skip_space(b, at))?;
        at = skip_space(b, next);
        if b.get(at) != Some(&b':') {
            return None;
        }
        at = skip_space(b, at + 1);
        if key == "form" {
            return plain_string(text, at).map(|(value, _)| value);
        }
        at = skip_space(b, skip_value(b, at)?);
        if b.get(at) != Some(&b',') {
            return None;
        }
        at += 1;
    }
}

fn skip_space(b: &[u8], mut at: usize) -> usize {
    while matches!(b.get(at), Some(b' ' | b'\t' | b'\n' | b'\r')) {
        at += 1;
    }
    at
}

/// The string starting at `at` if it has no escapes, and where it ends.
fn plain_string(text: &str, at: usize) -> Option<(&str, usize)> {
    let b = text.as_bytes();
    if b.get(at) != Some(&b'"') {
        return None;
    }
    let len = b.get(at + 1..)?.iter().position(|&c| c == b'"')?;
    let s = text.get(at + 1..at + 1 + len)?;
    if s.contains('\\') {
        return None;
    }
    Some((s, at + len + 2))
}

/// Where the JSON value starting at `at` ends (a rough scan: strings and
/// nesting are followed, scalars run to the next delimiter).
fn skip_value(b: &[u8], mut at: usize) -> Option<usize> {
    let mut depth = 0_usize;
    let mut in_string = false;
    loop {
        let c = *b.get(at)?;
        at += 1;
        if in_string {
            match c {
                b'\\' => at += 1,
                b'"' => {
                    in_string = false;
                    if depth == 0 {
                        return Some(at);
                    }
                }
                _ => {}
            }
            continue;
        }
        match c {
            b'"' => in_string = true,
            b'{' | b'[' => depth += 1,
            // A scalar ends at the object or array that holds it.
            b'}' | b']' if depth == 0 => return Some(at - 1),
            b'}' | b']' => {
                depth -= 1;
                if depth == 0 {
                    return Some(at);
                }
            }
            b',' | b' ' | b'\t' | b'\n' | b'\r' if depth == 0 => return Some(at - 1),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::envelope_form as form;

    #[test]
    fn the_form_is_found_where_it_is_plain() {
        assert_eq!(
            form(r#"{"form":"shobyo_teate","fields":{}}"#),
            Some("shobyo_teate")
        );
        assert_eq!(
            form(
                r#" { "version" : "2026.1", "applicant": {"role": "insured", "x": [1, {"a": "}"}]}, "n": -1.5e3, "t": true, "form" : "maisoryo" } "#
            ),
            Some("maisoryo")
        );
        assert_eq!(form(r#"{"fields":{"form":"x"},"form":"y"}"#), Some("y"));
        assert_eq!(form(r#"{"s":"a\"b","form":"y"}"#), Some("y"));
        // Not plain, not there, not an object: no hint.
        assert_eq!(form(r#"{"form":"sho\u0062yo_teate"}"#), None);
        assert_eq!(form(r#"{"form":1}"#), None);
        assert_eq!(form(r#"{"fields":{}}"#), None);
        assert_eq!(form(r#"["form","x"]"#), None);
        assert_eq!(form(r#"{"fields":{"#), None);
        assert_eq!(form(""), None);
        assert_eq!(form("{\"form"), None);
    }
}
