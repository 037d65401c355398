//! "did you mean …?" suggestions.

use shinsei_syntax::Diagnostic;

/// Adds the "did you mean …?" hint to a diagnostic about an unknown name:
/// `Diagnostic::error(…).with_label(…).did_you_mean(name, candidates)`.
pub trait DidYouMean {
    /// The diagnostic, with a hint naming the candidate closest to `name`
    /// when one is close enough to be a likely typo.
    fn did_you_mean<'a>(self, name: &str, candidates: impl IntoIterator<Item = &'a str>) -> Self;
}

impl DidYouMean for Diagnostic {
    fn did_you_mean<'a>(self, name: &str, candidates: impl IntoIterator<Item = &'a str>) -> Self {
        match did_you_mean(name, candidates) {
            Some(h) => self.with_hint(h),
            None => self,
        }
    }
}

/// The candidate closest to `name`, if it is close enough to be a likely typo.
pub fn closest<'a>(name: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let limit = (name.chars().count() / 3).clamp(1, 3);
    candidates
        .into_iter()
        .filter(|c| *c != name && !c.is_empty())
        .map(|c| (strsim::levenshtein(name, c), c))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, c)| (*d, *c))
        .map(|(_, c)| c)
}

/// A hint string for `closest`.
fn did_you_mean<'a>(name: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<String> {
    closest(name, candidates).map(|c| format!("did you mean `{c}`?"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_close_names_only() {
        assert_eq!(closest("leav", ["leave", "paid"]), Some("leave"));
        assert_eq!(closest("xyz", ["leave", "paid"]), None);
        assert_eq!(
            closest("days_betwen", ["days_between", "add_days"]),
            Some("days_between")
        );
    }
}
