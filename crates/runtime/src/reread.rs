//! Tests of the one place validation could meet fields decoded for another
//! form version than it validates against: `parse_and_run` reads them
//! again against its own (see `decode::rooted`).

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate};
use shinsei_ir::{Bundle, Category, DateRange, Field, FieldKind, Form, Presence, Role, Text};

use crate::{Options, Reread, Want, read, read_and_run, run, validate};

fn version(v: &str, from: NaiveDate, to: Option<NaiveDate>) -> Form {
    let amount = Field {
        id: "amount".into(),
        label: Text::ja("金額"),
        help: None,
        kind: FieldKind::Yen {
            min: None,
            max: None,
        },
        presence: Presence::Required,
        visible_when: None,
        visible_src: None,
        required_src: None,
    };
    Form {
        id: "two".into(),
        title: Text::ja("二版"),
        version: v.into(),
        effective: DateRange { from, to },
        category: Category::Benefit,
        applicants: vec![Role::Insured],
        qualification: vec![],
        fields: vec![amount],
        rules: vec![],
        computed: vec![],
        attachments: vec![],
        params: vec![],
        source: "two.form".into(),
        basis: None,
        migration: None,
    }
}

#[test]
fn fields_read_for_another_version_are_read_again() {
    let day = |m| NaiveDate::from_ymd_opt(2026, m, 1).unwrap_or_default();
    let bundle = Bundle::new(
        vec![
            version("1", day(1), Some(day(3))),
            version("2", day(4), None),
        ],
        BTreeMap::new(),
    );
    let now = DateTime::parse_from_rfc3339("2026-05-12T10:00:00+09:00").unwrap_or_default();
    let text = r#"{"form": "two", "applicant": {"role": "insured"}, "fields": {"amount": 1200}}"#;
    let options = Options::default();

    // Read against version 1 while the envelope selects version 2 (on
    // 2026-05-12): validation does not take those fields.
    let v1 = bundle.forms.first();
    let parsed = read::parse_as(text, usize::MAX, &bundle, v1, now, options.lang);
    let out = parsed.map(|p| run(&bundle, p, now, &options, &Want::verdict()));
    assert!(matches!(out, Ok(Err(Reread(1)))), "{out:?}");

    // Read first against version 1, then again against version 2: the
    // amount is there, and the verdict is validate's.
    let (result, _) = read_and_run(&bundle, text, v1, now, &options, &Want::verdict());
    assert_eq!(result.version.as_deref(), Some("2"));
    assert!(
        result.errors.iter().all(|e| e.path != "/fields/amount"),
        "{result:?}"
    );
    assert_eq!(result, validate(&bundle, text, now, &options));
}
