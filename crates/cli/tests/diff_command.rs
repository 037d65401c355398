//! `shinsei diff --cases` on the change a reviewer meets most: 出産育児一時金
//! raised from 500,000円 to 550,000円 for births from 2027-04-01 (a new
//! period of the shared param `ichijikin_full`). The diff must print the new
//! value in yen, name every form version that reads the param, and list
//! exactly the cases whose computed amounts change.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use shinsei_runtime::Options;

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .unwrap()
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let path = entry.unwrap().path();
        let target = to.join(path.file_name().unwrap());
        if path.is_dir() {
            copy_dir(&path, &target);
        } else {
            std::fs::copy(&path, &target).unwrap();
        }
    }
}

/// The bundled forms with 出産育児一時金 at 550,000円 for births from 2027-04-01.
fn raised_forms(root: &Path) -> PathBuf {
    let forms = root.join("forms");
    copy_dir(&repo().join("forms"), &forms);
    let params = forms.join("shared/params.form");
    let text = std::fs::read_to_string(&params).unwrap();
    let period = "  from 2023-04-01 500_000円 note \"令和5年4月1日以降の出産\"\n";
    assert!(
        text.contains(period),
        "params.form changed: update this test"
    );
    let raised = text.replace(
        period,
        &format!("{period}  from 2027-04-01 550_000円 note \"令和9年4月1日以降の出産\"\n"),
    );
    std::fs::write(&params, raised).unwrap();
    forms
}

fn load(dir: &Path) -> shinsei_ir::Bundle {
    shinsei_load::Sources::load(&[dir])
        .unwrap()
        .bundle()
        .unwrap()
}

/// The cases (by path under forms/) whose computed values differ between the
/// two bundles, found by running the runtime directly.
fn cases_with_other_amounts(
    old: &shinsei_ir::Bundle,
    new: &shinsei_ir::Bundle,
) -> BTreeSet<String> {
    let forms = repo().join("forms");
    let mut out = BTreeSet::new();
    for file in shinsei_load::case_files(&[&forms]).unwrap() {
        let case: shinsei_cli::cases::Case =
            serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
        let now = case.now().unwrap();
        let run =
            |b| shinsei_runtime::validate(b, &case.submission_text(), now, &Options::default());
        if run(old).computed != run(new).computed {
            let rel = file.strip_prefix(&forms).unwrap();
            out.insert(rel.to_string_lossy().replace('\\', "/"));
        }
    }
    // re-application cases: the file re-applied on each side
    for file in shinsei_load::reapply_case_files(&[&forms]).unwrap() {
        let case: shinsei_cli::reapply_cases::ReapplyCase =
            serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
        let run = |b| case.run(b).map(|r| r.result.computed);
        if run(old) != run(new) {
            let rel = file.strip_prefix(&forms).unwrap();
            out.insert(rel.to_string_lossy().replace('\\', "/"));
        }
    }
    out
}

#[test]
fn raising_the_lump_sum_names_its_forms_prints_yen_and_lists_the_changed_amounts() {
    let root = std::env::temp_dir().join(format!("shinsei-diff-ichijikin-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    let new_forms = raised_forms(&root);
    let old_forms = repo().join("forms");

    let out = Command::new(env!("CARGO_BIN_EXE_shinsei"))
        .arg("diff")
        .arg(&old_forms)
        .arg(&new_forms)
        .arg("--cases")
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        out.status.success(),
        "{text}{}",
        String::from_utf8_lossy(&out.stderr)
    );

    // the value in yen, the period as a date
    assert!(
        text.contains("new period 2027年（令和9年）4月1日から: 550,000円"),
        "{text}"
    );
    assert!(
        !text.contains("Yen(") && !text.contains("Single("),
        "{text}"
    );

    // every form version that reads the param
    let (old, new) = (load(&old_forms), load(&new_forms));
    let readers: Vec<String> = new
        .forms
        .iter()
        .filter(|f| f.params.iter().any(|p| p == "ichijikin_full"))
        .map(|f| format!("{} {}", f.id, f.version))
        .collect();
    assert!(readers.len() >= 3, "{readers:?}");
    assert!(
        text.contains(&format!(
            "read by {} form version(s): {}",
            readers.len(),
            readers.join(", ")
        )),
        "{text}"
    );

    // exactly the cases whose amounts change, each with its amounts in yen
    let expected = cases_with_other_amounts(&old, &new);
    assert!(
        expected.contains("shussanhi_kashitsuke/cases/valid_type_a_due_2027.json")
            && expected.contains("shussan_ikuji_uchibarai/cases/valid_birth_2027_04.json"),
        "{expected:?}"
    );
    let verdicts = text.split("\nverdicts: ").nth(1).unwrap();
    let listed: BTreeSet<String> = verdicts
        .lines()
        .filter(|l| l.starts_with("  ") && !l.starts_with("      "))
        .map(|l| l.trim().split(' ').next().unwrap().to_owned())
        .collect();
    assert_eq!(listed, expected, "{text}");
    assert!(
        verdicts.contains(
            "computed loan_max「貸付限度額（見込額の8割、1万円未満切捨て）」: 400,000円 → 440,000円"
        ),
        "{text}"
    );
    assert!(
        verdicts.contains("computed amount_per_child「1児あたりの支給額」: 500,000円 → 550,000円"),
        "{text}"
    );
    std::fs::remove_dir_all(&root).unwrap();
}

/// Re-application cases (`forms/<id>/reapply/`) are run on both sides too:
/// a change to the amount in force reaches the files members re-apply.
#[test]
fn a_change_reaches_the_re_application_cases() {
    let root = std::env::temp_dir().join(format!("shinsei-diff-reapply-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    let forms = root.join("forms");
    copy_dir(&repo().join("forms"), &forms);
    let params = forms.join("shared/params.form");
    let text = std::fs::read_to_string(&params).unwrap();
    let changed = text.replacen(
        "  from 2023-04-01 500_000円",
        "  from 2023-04-01 510_000円",
        1,
    );
    assert_ne!(changed, text, "params.form changed: update this test");
    std::fs::write(&params, changed).unwrap();

    let out = Command::new(env!("CARGO_BIN_EXE_shinsei"))
        .arg("diff")
        .arg(repo().join("forms"))
        .arg(&forms)
        .arg("--cases")
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(out.status.success(), "{text}");
    let reapply = shinsei_load::reapply_case_files(&[repo().join("forms")]).unwrap();
    let cases = shinsei_load::case_files(&[repo().join("forms")]).unwrap();
    assert!(
        text.contains(&format!(
            "verdicts: {} case(s) and submission(s) run on both sides",
            reapply.len() + cases.len()
        )),
        "{text}"
    );
    let entry = text
        .split("\n  shussan_ikuji_ichijikin/reapply/receipt_question_removed.json (")
        .nth(1)
        .unwrap_or_else(|| panic!("the re-application case is not listed: {text}"));
    assert!(
        entry.contains("computed amount_per_child「1児あたりの支給額」: 500,000円 → 510,000円"),
        "{text}"
    );

    // Given the forms folder as a corpus too, its cases run once, not twice.
    let again = Command::new(env!("CARGO_BIN_EXE_shinsei"))
        .arg("diff")
        .arg(repo().join("forms"))
        .arg(&forms)
        .arg("--cases")
        .arg(repo().join("forms"))
        .arg(&forms)
        .output()
        .unwrap();
    let again = String::from_utf8(again.stdout).unwrap();
    assert!(
        again.contains(&format!(
            "verdicts: {} case(s) and submission(s) run on both sides",
            reapply.len() + cases.len()
        )),
        "{again}"
    );
    std::fs::remove_dir_all(&root).unwrap();
}
