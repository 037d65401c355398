//! `shinsei test` as an author meets it, on a copy of a bundled form: one
//! form folder on its own (the shared blocks come by themselves, for `shinsei
//! check` too), a case or
//! re-application case file on its own, one case by name, a malformed case
//! file under its own form's name, and coverage that fails once the cases
//! where a rule fires, or where an attachment is required, are deleted, or
//! once a param has a period no case selects — but not for a period no
//! submission can reach, nor for a shared param's period when one form is
//! tested on its own.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

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

/// `forms/shared` and `forms/<form>` copied into a fresh folder.
struct Copy {
    root: PathBuf,
}

impl Copy {
    fn new(tag: &str, form: &str) -> Copy {
        let root =
            std::env::temp_dir().join(format!("shinsei-test-command-{tag}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        for dir in ["shared", form] {
            copy_dir(
                &repo().join("forms").join(dir),
                &root.join("forms").join(dir),
            );
        }
        Copy { root }
    }

    fn path(&self, rel: &str) -> PathBuf {
        self.root.join(rel)
    }

    fn shinsei(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_shinsei"))
            .args(args)
            .current_dir(&self.root)
            .output()
            .unwrap()
    }
}

impl Drop for Copy {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.root);
    }
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn one_form_folder_loads_the_shared_blocks_by_itself() {
    let copy = Copy::new("alone", "shobyo_teate");
    let out = copy.shinsei(&["test", "forms/shobyo_teate"]);
    assert!(
        out.status.success(),
        "{}{}",
        stdout(&out),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout(&out).contains("shobyo_teate"), "{}", stdout(&out));
    // a case file given directly works too
    let case = "forms/shobyo_teate/cases/invalid_period_order.json";
    assert!(copy.path(case).exists());
    assert!(copy.shinsei(&["test", case]).status.success());
}

#[test]
fn one_form_folder_or_file_is_checked_with_the_shared_blocks() {
    let copy = Copy::new("check-alone", "shobyo_teate");
    for path in ["forms/shobyo_teate", "forms/shobyo_teate/shobyo_teate.form"] {
        let out = copy.shinsei(&["check", "--color", "never", path]);
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{path}: {}{err}", stdout(&out));
        assert!(err.contains("no errors"), "{path}: {err}");
    }
}

#[test]
fn a_reapply_case_given_directly_loads_its_form() {
    let copy = Copy::new("reapply-alone", "kogaku_ryoyohi");
    let case = "forms/kogaku_ryoyohi/reapply/benefit_months_and_subsidy.json";
    assert!(copy.path(case).exists());
    let out = copy.shinsei(&["test", case]);
    assert!(
        out.status.success(),
        "{}{}",
        stdout(&out),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        stdout(&out).contains("1 passed, 0 failed"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn one_case_by_name() {
    let copy = Copy::new("by-name", "shobyo_teate");
    let out = copy.shinsei(&["test", "forms/", "--case", "invalid_period_order"]);
    assert!(out.status.success(), "{}", stdout(&out));
    let text = stdout(&out);
    assert!(
        text.contains("PASS forms/shobyo_teate/cases/invalid_period_order.json"),
        "{text}"
    );
    assert!(text.contains("1 passed, 0 failed"), "{text}");

    let out = copy.shinsei(&["test", "--case", "invalid_perod_order"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("did you mean `invalid_period_order`?"),
        "{err}"
    );
}

#[test]
fn a_malformed_case_is_reported_under_its_own_form() {
    let copy = Copy::new("malformed", "shobyo_teate");
    std::fs::write(
        copy.path("forms/shobyo_teate/cases/broken.json"),
        "{ \"submission\": ",
    )
    .unwrap();
    let out = copy.shinsei(&["--format", "json", "test", "forms/shobyo_teate"]);
    assert_eq!(out.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let broken = json["cases"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["file"].as_str().unwrap().ends_with("broken.json"))
        .unwrap();
    assert_eq!(broken["form"], "shobyo_teate");
    assert_eq!(broken["passed"], false);
    assert!(
        broken["problems"][0]
            .as_str()
            .unwrap()
            .starts_with("not a case file")
    );
}

/// The cases of `form` whose expectation names `code`.
fn cases_naming(copy: &Copy, form: &str, code: &str) -> Vec<PathBuf> {
    let dir = copy.path(&format!("forms/{form}/cases"));
    let mut found: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            std::fs::read_to_string(p)
                .unwrap()
                .contains(&format!("\"{code}\""))
        })
        .collect();
    found.sort();
    found
}

#[test]
fn deleting_the_cases_where_a_rule_fires_fails_coverage() {
    let copy = Copy::new("coverage", "shobyo_teate");
    let out = copy.shinsei(&["test", "--coverage", "forms/shobyo_teate"]);
    assert!(out.status.success(), "{}", stdout(&out));
    assert!(
        stdout(&out).contains("shobyo_teate 2026.1"),
        "{}",
        stdout(&out)
    );
    // One form tested: the shared params it does not read are not news.
    assert!(
        !stdout(&out).contains("read by none") && !stdout(&out).contains("no form reads it"),
        "{}",
        stdout(&out)
    );

    let firing = cases_naming(&copy, "shobyo_teate", "rule.period_order");
    assert!(!firing.is_empty());
    for case in &firing {
        std::fs::remove_file(case).unwrap();
    }
    let out = copy.shinsei(&["test", "--coverage", "forms/shobyo_teate"]);
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    let text = stdout(&out);
    assert!(
        text.contains("rule `period_order`: never fires; holds ("),
        "{text}"
    );
    assert!(
        text.contains("0 failed"),
        "the cases left still pass: {text}"
    );
}

#[test]
fn deleting_the_cases_where_an_attachment_is_required_fails_coverage() {
    let copy = Copy::new("attachment", "shobyo_teate");
    let dir = copy.path("forms/shobyo_teate/cases");
    let mut deleted = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if std::fs::read_to_string(&path)
            .unwrap()
            .contains("\"rousai\": \"yes\"")
        {
            std::fs::remove_file(path).unwrap();
            deleted += 1;
        }
    }
    assert!(deleted > 0);
    let out = copy.shinsei(&["test", "--coverage", "forms/shobyo_teate"]);
    let text = stdout(&out);
    assert_eq!(out.status.code(), Some(1), "{text}");
    assert!(
        text.contains("attachment `rousai_decision`: never required; not required ("),
        "{text}"
    );
    assert!(text.contains("coverage FAILED: "), "{text}");
    assert!(
        text.contains("0 failed"),
        "the cases left still pass: {text}"
    );
}

#[test]
fn a_param_period_no_case_selects_fails_coverage_of_every_form() {
    let copy = Copy::new("period", "shussan_ikuji_ichijikin");
    let params = copy.path("forms/shared/params.form");
    let text = std::fs::read_to_string(&params).unwrap();
    let older = "  from 2006-10-01 350_000円 note \"平成18年10月〜\"\n  from 2009-10-01 420_000円";
    let changed = text.replacen("  from 2009-10-01 420_000円", older, 1);
    assert_ne!(changed, text);
    std::fs::write(&params, changed).unwrap();

    // every form of the folder tested: the new period is a gap
    let out = copy.shinsei(&["test", "--coverage", "forms/"]);
    let all = stdout(&out);
    assert_eq!(out.status.code(), Some(1), "{all}");
    assert!(
        all.contains("param ichijikin_full from 2006-10-01: no case selects it"),
        "{all}"
    );
    // a birth date can select it: it is not unreachable
    assert!(!all.contains("unreachable"), "{all}");

    // one form's folder: another form's cases may select it
    let out = copy.shinsei(&["test", "--coverage", "forms/shussan_ikuji_ichijikin"]);
    let one = stdout(&out);
    assert!(out.status.success(), "{one}");
    assert!(
        one.contains(
            "param ichijikin_full from 2006-10-01: not selected by these cases (a form not tested may select it)"
        ),
        "{one}"
    );
}

#[test]
fn a_param_period_no_submission_can_reach_is_reported_not_failed() {
    let out = Command::new(env!("CARGO_BIN_EXE_shinsei"))
        .args(["test", "--coverage", "forms/"])
        .current_dir(repo())
        .output()
        .unwrap();
    let text = stdout(&out);
    assert!(out.status.success(), "{text}");
    // read at start_of_month(today) by a form in force from 2026-01-13
    assert!(
        text.contains(
            "param meal_standard_charge from 2024-06-01: unreachable — read only at a date from \
             `today` by gendogaku_gengaku 2026.1 (in force from 2026-01-13)"
        ),
        "{text}"
    );
    assert!(!text.contains("coverage FAILED"), "{text}");
    assert!(!text.contains("no case selects it"), "{text}");
}
