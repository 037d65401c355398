//! The legal basis next to each issue, when asked for (`Options::basis`).
//!
//! A rule's issues carry the rule's own `basis`; a `required` value or a
//! missing attachment (`attachment.missing`) rests on what the application
//! must contain and enclose, the form's `basis`. Other issues (formats,
//! limits of the service, the envelope) have none. The default result has no
//! `basis` member at all, so it stays byte for byte what it was.

use shinsei_ir::Form;

use crate::codes::{Code, RULE_PREFIX};
use crate::result::{Issue, ValidationResult};

/// Fills in `basis` on the issues of `result`, judged by `form`.
pub(crate) fn attach(form: &Form, result: &mut ValidationResult) {
    for issue in result.errors.iter_mut().chain(result.warnings.iter_mut()) {
        issue.basis = of(form, issue);
    }
}

/// The basis of one issue of `form`.
pub fn of(form: &Form, issue: &Issue) -> Option<String> {
    if let Some(name) = issue.code.strip_prefix(RULE_PREFIX) {
        return form
            .rules
            .iter()
            .find(|r| r.name == name)
            .and_then(|r| r.basis.clone());
    }
    let required = [Code::Required.as_str(), Code::AttachmentMissing.as_str()];
    if required.contains(&issue.code.as_str()) {
        return form.basis.clone();
    }
    None
}
