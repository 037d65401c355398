//! `forms_dts`: the TypeScript declarations of a small form, exactly.

use shinsei_describe::forms_dts;

fn demo() -> shinsei_ir::Bundle {
    let mut db = shinsei_syntax::SourceDb::new();
    db.add(
        "demo.form",
        r#"
form demo_form "見本" {
  version "1"  effective 2026-01-13..  category 給付  applicants insured, agent
  qualification insurer_number, symbol?
  list leave "休んだ期間" min 1 max 3 {
    field from "開始日": date
    field to "終了日": date
  }
  field cause "区分": choice { illness "病気", injury "ケガ" }
  field detail "状況": text(max 40)  when cause == "injury"
  field amount "報酬額": yen  optional
  attachment opinion "意見書" {
    accept pdf
    max_size 1 MB
    max_count 2
    required
  }
}"#,
    );
    let out = shinsei_check::compile(&db);
    out.bundle
        .unwrap_or_else(|| panic!("{:?}", out.diagnostics))
}

#[test]
fn a_form_and_its_submission_as_typescript() {
    let dts = forms_dts(&demo());
    let start = dts.find("export type DemoForm = {").unwrap();
    let end = dts.find("/** Every form's submission type").unwrap();
    insta::assert_snapshot!(&dts[start..end]);
    assert!(dts.contains("  demo_form: DemoFormSubmission;\n"));
    assert!(dts.contains("export type FormId = keyof FormSubmissions;"));
    assert!(dts.contains("export type FormDraft ="));
    assert!(dts.contains("export type FormInput ="));
}
