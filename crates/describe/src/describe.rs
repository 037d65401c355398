//! Building a [`FormDescription`] from a compiled form.

use serde_json::{Map, Value};
use shinsei_ir::{
    AttachmentSlot, Bundle, DurationUnit, Field, FieldKind, Form, Literal, Param, ParamValue,
    Presence, Rule, Text,
};

use crate::model::{
    ApplicantInfo, AttachmentDescription, Bounds, CategoryInfo, ComputedDescription, Constraints,
    Effective, FieldDescription, FieldType, FormDescription, FormSummary, ParamDescription,
    ParamPeriodDescription, QualificationEntry, Requirement, RuleDescription, Visibility,
};
use crate::pointer::{FIELDS, child, walk};

/// Describes one form version of `bundle`: header, 資格 entries, the field
/// tree, attachments, computed values, rules and the parameters it uses, all
/// in declaration order.
pub fn describe(form: &Form, bundle: &Bundle) -> FormDescription {
    let FormSummary {
        id,
        version,
        title,
        category,
        effective,
        applicants,
    } = summary(form);
    FormDescription {
        id,
        version,
        title,
        category,
        effective,
        applicants,
        qualification: qualification(form),
        fields: fields(&form.fields, FIELDS),
        attachments: form.attachments.iter().map(attachment).collect(),
        computed: form
            .computed
            .iter()
            .map(|c| ComputedDescription {
                name: c.name.clone(),
                label: c.label.clone(),
                ty: c.ty,
            })
            .collect(),
        rules: form.rules.iter().map(|r| rule(form, r)).collect(),
        params: form
            .params
            .iter()
            .filter_map(|name| bundle.params.get(name))
            .map(param)
            .collect(),
        bundle_hash: bundle.hash.clone(),
        basis: form.basis.clone(),
    }
}

/// The header of one form version, as lists show it.
pub fn summary(form: &Form) -> FormSummary {
    FormSummary {
        id: form.id.clone(),
        version: form.version.clone(),
        title: form.title.clone(),
        category: CategoryInfo {
            id: form.category,
            ja: form.category.ja().to_owned(),
        },
        effective: Effective {
            from: form.effective.from.to_string(),
            to: form.effective.to.map(|d| d.to_string()),
        },
        applicants: form
            .applicants
            .iter()
            .map(|r| ApplicantInfo {
                id: *r,
                ja: r.ja().to_owned(),
            })
            .collect(),
    }
}

/// The 資格 fields the form shows, in its order, with their labels and
/// pointers (what `prefill` fills).
pub fn qualification(form: &Form) -> Vec<QualificationEntry> {
    form.qualification
        .iter()
        .map(|q| QualificationEntry {
            id: q.field,
            label: Text::ja(q.field.ja()),
            required: q.required,
            path: child("/qualification", q.field.id()),
        })
        .collect()
}

fn requirement(p: &Presence) -> Requirement {
    match p {
        Presence::Required => Requirement::Always,
        Presence::Optional => Requirement::Optional,
        Presence::RequiredWhen(_) => Requirement::Conditional,
    }
}

/// Describes `list` whose object sits at pointer `base`.
fn fields(list: &[Field], base: &str) -> Vec<FieldDescription> {
    list.iter().map(|f| field(f, base)).collect()
}

fn field(f: &Field, base: &str) -> FieldDescription {
    let path = child(base, &f.id);
    let mut c = Constraints::default();
    let mut options = Vec::new();
    let mut members = Vec::new();
    let ty = match &f.kind {
        FieldKind::Text {
            min_len,
            max_len,
            chars,
            lines,
        } => {
            (c.min_len, c.max_len, c.chars, c.lines) = (*min_len, *max_len, *chars, *lines);
            FieldType::Text
        }
        FieldKind::Kana { max_len } => {
            c.max_len = *max_len;
            FieldType::Kana
        }
        FieldKind::Integer { min, max } => {
            (c.min, c.max) = (*min, *max);
            FieldType::Integer
        }
        FieldKind::Yen { min, max } => {
            (c.min, c.max) = (Some(min.unwrap_or(0)), *max);
            FieldType::Yen
        }
        FieldKind::Rate => FieldType::Rate,
        FieldKind::Date => FieldType::Date,
        FieldKind::Period => FieldType::Period,
        FieldKind::Month => FieldType::Month,
        FieldKind::Bool => FieldType::Bool,
        FieldKind::Choice { options: o } => {
            options.clone_from(o);
            FieldType::Choice
        }
        FieldKind::Multi {
            options: o,
            min,
            max,
        } => {
            options.clone_from(o);
            c.items = Some(Bounds {
                min: *min,
                max: *max,
            });
            FieldType::Multi
        }
        FieldKind::PostalCode => FieldType::PostalCode,
        FieldKind::Phone => FieldType::Phone,
        FieldKind::Email => FieldType::Email,
        FieldKind::Address => {
            (c.min_len, c.max_len) = (Some(ADDRESS_LEN.0), Some(ADDRESS_LEN.1));
            FieldType::Address
        }
        FieldKind::Digits { min, max } => {
            c.digits = Some(Bounds {
                min: *min,
                max: Some(*max),
            });
            FieldType::Digits
        }
        FieldKind::Group { fields: inner } => {
            members = fields(inner, &path);
            FieldType::Group
        }
        FieldKind::List {
            min,
            max,
            fields: inner,
        } => {
            c.items = Some(Bounds {
                min: *min,
                max: Some(*max),
            });
            members = fields(inner, &child(&path, "-"));
            FieldType::List
        }
    };
    FieldDescription {
        id: f.id.clone(),
        path,
        label: f.label.clone(),
        help: f.help.clone(),
        ty,
        required: requirement(&f.presence),
        visible: if f.visible_when.is_some() {
            Visibility::Conditional
        } else {
            Visibility::Always
        },
        visible_when: trimmed(f.visible_src.as_deref()),
        required_when: trimmed(f.required_src.as_deref()),
        constraints: c,
        options,
        fields: members,
    }
}

/// Source text for display: the compiler keeps the whitespace around it.
pub(crate) fn trimmed(src: Option<&str>) -> Option<String> {
    src.map(|s| s.trim().to_owned()).filter(|s| !s.is_empty())
}

/// Length limits of an `address` field (IR: "Address text, 1–200 characters").
pub(crate) const ADDRESS_LEN: (u32, u32) = (1, 200);

fn attachment(a: &AttachmentSlot) -> AttachmentDescription {
    AttachmentDescription {
        slot: a.id.clone(),
        label: a.label.clone(),
        help: a.help.clone(),
        accept: a.accept.iter().map(|m| m.mime().to_owned()).collect(),
        max_size: a.max_size,
        max_count: a.max_count,
        required: requirement(&a.presence),
        condition: trimmed(a.required_src.as_deref()),
    }
}

fn rule(form: &Form, r: &Rule) -> RuleDescription {
    let (scope_path, scope_fields) = walk(&form.fields, FIELDS, &r.scope, true);
    let (at_path, _) = walk(scope_fields, &scope_path, &r.at, false);
    RuleDescription {
        code: format!("rule.{}", r.name),
        severity: r.severity,
        message: r.message.clone(),
        scope_path,
        at_path,
        source: r.source.trim().to_owned(),
        basis: r.basis.clone(),
    }
}

fn param(p: &Param) -> ParamDescription {
    ParamDescription {
        name: p.name.clone(),
        label: p.label.clone(),
        ty: p.ty,
        keys: p.keys.clone(),
        periods: p
            .periods
            .iter()
            .map(|period| ParamPeriodDescription {
                from: period.from.to_string(),
                value: param_value(&period.value, &p.keys),
                note: period.note.clone(),
            })
            .collect(),
    }
}

fn param_value(v: &ParamValue, keys: &[String]) -> Value {
    match v {
        ParamValue::Single(l) => literal(l),
        ParamValue::Keyed(map) => {
            // Declared key order first, then any others (sorted).
            let mut out = Map::new();
            for k in keys.iter().chain(map.keys()) {
                if let (false, Some(l)) = (out.contains_key(k), map.get(k)) {
                    out.insert(k.clone(), literal(l));
                }
            }
            Value::Object(out)
        }
    }
}

/// A literal as plain JSON.
pub(crate) fn literal(l: &Literal) -> Value {
    match l {
        Literal::Bool(b) => Value::Bool(*b),
        Literal::Int(n) | Literal::Yen(n) => Value::from(*n),
        Literal::Rate { num, den } => Value::String(format!("{num}/{den}")),
        Literal::Date(d) => Value::String(d.to_string()),
        Literal::Month { year, month } => Value::String(format!("{year:04}-{month:02}")),
        Literal::Duration { n, unit } => {
            let unit = match unit {
                DurationUnit::Days => "days",
                DurationUnit::Months => "months",
                DurationUnit::Years => "years",
            };
            let mut m = Map::new();
            m.insert("n".to_owned(), Value::from(*n));
            m.insert("unit".to_owned(), Value::from(unit));
            Value::Object(m)
        }
        Literal::Text(s) => Value::String(s.clone()),
    }
}
