//! The legal basis next to each issue (`Options::basis`): on every case of
//! every form, asking for it changes nothing but the `basis` of issues — a
//! rule's issues carry that rule's basis, `required` and `attachment.missing`
//! the form's, nothing else has one — and the default result has none.

use shinsei_cli::cases::Case;
use shinsei_runtime::{Options, validate};
use shinsei_tests::{bundled_forms, case_files, relative};

#[test]
fn basis_on_request_only_and_from_the_rule_or_the_form() {
    let bundle = bundled_forms();
    let mut with_basis = 0;
    for path in case_files() {
        let name = relative(&path);
        let case: Case = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let now = case.now().unwrap();
        let text = serde_json::to_string(&case.submission).unwrap();
        let plain = validate(&bundle, &text, now, &Options::default());
        let asked = validate(
            &bundle,
            &text,
            now,
            &Options {
                basis: true,
                ..Options::default()
            },
        );
        assert!(
            !plain.to_json().contains("\"basis\""),
            "{name}: the default result carries a basis"
        );
        let mut stripped = asked.clone();
        for i in stripped
            .errors
            .iter_mut()
            .chain(stripped.warnings.iter_mut())
        {
            i.basis = None;
        }
        assert_eq!(stripped, plain, "{name}: basis changed more than the basis");
        let Some(form) = plain.version.as_ref().and_then(|v| {
            bundle
                .select(plain.form.as_deref().unwrap_or(""), Some(v), None)
                .ok()
        }) else {
            continue;
        };
        for issue in asked.errors.iter().chain(&asked.warnings) {
            let expected = match issue.code.strip_prefix("rule.") {
                Some(rule) => form
                    .rules
                    .iter()
                    .find(|r| r.name == rule)
                    .unwrap()
                    .basis
                    .clone(),
                None if ["required", "attachment.missing"].contains(&issue.code.as_str()) => {
                    form.basis.clone()
                }
                None => None,
            };
            assert_eq!(
                issue.basis, expected,
                "{name}: {} at {}",
                issue.code, issue.path
            );
            with_basis += usize::from(issue.basis.is_some());
        }
    }
    assert!(with_basis > 200, "only {with_basis} issues with a basis");
}

#[test]
fn forms_state_their_basis_and_every_time_bar_cites_article_193() {
    // Every form but the few listed in docs/open-questions.md (basis unsure)
    // states the basis of the application itself.
    let bundle = bundled_forms();
    let without: Vec<&str> = bundle
        .forms
        .iter()
        .filter(|f| f.basis.is_none())
        .map(|f| f.id.as_str())
        .collect();
    assert_eq!(
        without,
        [
            "korei_jukyushasho_saikofu",
            "ninkei_fuyo_henko",
            "ninkei_henko",
            "shikaku_kakuninsho",
            "tokutei_shippei"
        ],
        "the forms without `basis`: write the legal basis of the application in the form's \
         header (`basis \"健康保険法施行規則第84条\"`, docs/authoring.md), or, where it is unsure, \
         list the form here and in docs/open-questions.md"
    );
    let time_barred = bundle
        .forms
        .iter()
        .flat_map(|f| &f.rules)
        .filter(|r| r.name.starts_with("time_barred") || r.name == "partly_time_barred");
    for r in time_barred {
        assert_eq!(
            r.basis.as_deref(),
            Some("健康保険法第193条第1項"),
            "{}",
            r.name
        );
    }
}
