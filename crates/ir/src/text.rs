//! Bilingual text: what every label, title and message of the IR is.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A bilingual text: Japanese first, English optional (falls back to Japanese).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Text {
    /// Japanese text (always present).
    pub ja: String,
    /// English text, if the author wrote one.
    #[serde(default, skip_serializing_if = "crate::wire::absent")]
    pub en: Option<String>,
}

impl Text {
    /// A Japanese-only text.
    pub fn ja(s: impl Into<String>) -> Self {
        Text {
            ja: s.into(),
            en: None,
        }
    }
    /// The text in `lang` ("en" gives English when present, anything else Japanese).
    pub fn get(&self, lang: &str) -> &str {
        match (lang, &self.en) {
            ("en", Some(en)) => en,
            _ => &self.ja,
        }
    }
}
