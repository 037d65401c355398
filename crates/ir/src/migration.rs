//! What a form version declares changed since the previous one
//! (`migrate from "<version>" { … }`), so that an application file made under
//! the previous version can be re-applied under this one.
//!
//! Paths are field ids from the form root, through groups and lists (a list's
//! items are passed through by the list's id). `Rename`, `Remove` and
//! `Option` name fields of the previous version; `Add`, `Review` and `Clear`
//! fields of this one. The runtime applies the steps in this order: options,
//! removals, renames (deepest first), clears; then it reports additions and
//! reviews where the field is shown.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::text::Text;

/// The migration from the previous version of a form.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Migration {
    /// The previous version (`version` of the form it migrates from).
    pub from: String,
    /// The steps, in source order.
    pub steps: Vec<MigrationStep>,
}

/// One declared change.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum MigrationStep {
    /// The field (old path) now has id `to`, under the same parent.
    Rename {
        /// Old path.
        path: Vec<String>,
        /// New id.
        to: String,
    },
    /// The field (old path) no longer exists; its value is dropped.
    Remove {
        /// Old path.
        path: Vec<String>,
        /// Why, for the member.
        #[serde(default, skip_serializing_if = "crate::wire::absent")]
        message: Option<Text>,
    },
    /// A new field (new path): the member fills it in.
    Add {
        /// New path.
        path: Vec<String>,
        /// Why, for the member.
        #[serde(default, skip_serializing_if = "crate::wire::absent")]
        message: Option<Text>,
    },
    /// The value of the field (new path) is kept; the member looks at it again.
    Review {
        /// New path.
        path: Vec<String>,
        /// Why, for the member.
        message: Text,
    },
    /// The value of the field (new path) is dropped; the member enters it again.
    Clear {
        /// New path.
        path: Vec<String>,
        /// Why, for the member.
        #[serde(default, skip_serializing_if = "crate::wire::absent")]
        message: Option<Text>,
    },
    /// Option `key` of the choice or multi-choice field (old path) became
    /// `to`, or is gone (`to` absent: the member chooses again).
    Option {
        /// Old path.
        path: Vec<String>,
        /// The old key.
        key: String,
        /// The new key, if the option still exists under another key.
        #[serde(default, skip_serializing_if = "crate::wire::absent")]
        to: Option<String>,
        /// Why, for the member (a removed option).
        #[serde(default, skip_serializing_if = "crate::wire::absent")]
        message: Option<Text>,
    },
}
