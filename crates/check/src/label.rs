//! Labels and messages as written (Japanese, optionally English) → the IR's
//! [`Text`].

use shinsei_ir::Text;
use shinsei_syntax::ast::Label;

/// The IR text of a label.
pub fn text(l: &Label) -> Text {
    Text {
        ja: l.ja.clone(),
        en: l.en.clone(),
    }
}
