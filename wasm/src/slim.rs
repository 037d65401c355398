//! What the embedded bundle leaves out to fit the size budget: the source
//! texts kept for documentation (`source` of forms, rules, computed values
//! and parameters; `visible_src` and `required_src` of fields and
//! attachments). Validation never reads them, so verdicts are unchanged;
//! `describeForm` then has no `visible_when`, `required_when`, `condition`
//! and an empty rule `source`. A frontend that shows those texts loads the
//! full bundle with `loadBundle`.

use shinsei_ir::{Bundle, Field, FieldKind};

/// Removes the documentation source texts (see the module docs).
pub fn strip_sources(bundle: &mut Bundle) {
    for form in &mut bundle.forms {
        form.source.clear();
        strip_fields(&mut form.fields);
        for rule in &mut form.rules {
            rule.source.clear();
        }
        for c in &mut form.computed {
            c.source.clear();
        }
        for a in &mut form.attachments {
            a.required_src = None;
        }
    }
    for p in bundle.params.values_mut() {
        p.source.clear();
    }
}

fn strip_fields(fields: &mut [Field]) {
    for f in fields {
        f.visible_src = None;
        f.required_src = None;
        if let FieldKind::Group { fields } | FieldKind::List { fields, .. } = &mut f.kind {
            strip_fields(fields);
        }
    }
}
