//! Which version of a form applies: the one policy every shell uses (the
//! runtime for a submission, the server's `GET /v1/forms/{id}`, the WASM
//! package's `describeForm` and `prefill`, the CLI's `--version`).

use chrono::NaiveDate;

use crate::IR_VERSION;
use crate::bundle::Bundle;
use crate::form::Form;

/// Why [`Bundle::select`] found no form version.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum SelectError {
    /// The bundle was compiled for another IR version.
    #[error("bundle has IR version {found}, this build reads {expected}")]
    UnsupportedBundle {
        /// The bundle's IR version.
        found: u32,
        /// [`IR_VERSION`].
        expected: u32,
    },
    /// No form has this id.
    #[error("unknown form {id:?}")]
    UnknownForm {
        /// The id asked for.
        id: String,
    },
    /// The form has no such version.
    #[error("form {id:?} has no version {version:?}")]
    UnknownVersion {
        /// The form id.
        id: String,
        /// The version asked for.
        version: String,
    },
    /// The version exists but does not accept submissions on that date.
    #[error("version {version:?} of form {id:?} is not effective on {on}")]
    NotEffective {
        /// The form id.
        id: String,
        /// The version asked for.
        version: String,
        /// The date.
        on: NaiveDate,
    },
    /// No version of the form is effective on that date.
    #[error("no version of form {id:?} is effective on {on}")]
    NoneEffective {
        /// The form id.
        id: String,
        /// The date.
        on: NaiveDate,
    },
}

impl Bundle {
    /// The version of form `id` that applies. The one policy:
    ///
    /// | `version` | `on` | result |
    /// |---|---|---|
    /// | named | given | that version if it is in force on `on`, else [`SelectError::NotEffective`] |
    /// | named | `None` | that version, whatever its dates |
    /// | `None` | given | the version in force on `on`, else [`SelectError::NoneEffective`] |
    /// | `None` | `None` | the newest version (the latest `effective.from`) |
    ///
    /// A name no version has is [`SelectError::UnknownVersion`]; an id no
    /// form has, [`SelectError::UnknownForm`]; a bundle of another IR
    /// version, [`SelectError::UnsupportedBundle`]. Versions of one form
    /// never overlap (the compiler refuses it), so at most one is in force
    /// on a day.
    ///
    /// ```
    /// # use shinsei_ir::{Bundle, SelectError};
    /// # let bundle = Bundle::new(Vec::new(), Default::default());
    /// let on = chrono::NaiveDate::from_ymd_opt(2026, 3, 2);
    /// assert!(matches!(bundle.select("nope", None, on), Err(SelectError::UnknownForm { .. })));
    /// ```
    pub fn select(
        &self,
        id: &str,
        version: Option<&str>,
        on: Option<NaiveDate>,
    ) -> Result<&Form, SelectError> {
        if self.ir_version != IR_VERSION {
            return Err(SelectError::UnsupportedBundle {
                found: self.ir_version,
                expected: IR_VERSION,
            });
        }
        let mut versions = self.forms.iter().filter(|f| f.id == id).peekable();
        if versions.peek().is_none() {
            return Err(SelectError::UnknownForm { id: id.to_owned() });
        }
        match (version, on) {
            (Some(v), on) => {
                let form = versions.find(|f| f.version == v).ok_or_else(|| {
                    SelectError::UnknownVersion {
                        id: id.to_owned(),
                        version: v.to_owned(),
                    }
                })?;
                match on {
                    Some(on) if !form.effective.contains(on) => Err(SelectError::NotEffective {
                        id: id.to_owned(),
                        version: v.to_owned(),
                        on,
                    }),
                    _ => Ok(form),
                }
            }
            (None, Some(on)) => versions.find(|f| f.effective.contains(on)).ok_or_else(|| {
                SelectError::NoneEffective {
                    id: id.to_owned(),
                    on,
                }
            }),
            (None, None) => versions
                .max_by_key(|f| f.effective.from)
                .ok_or_else(|| SelectError::UnknownForm { id: id.to_owned() }),
        }
    }
}
