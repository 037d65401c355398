//! `shinsei new` as an author meets it: in a forms folder with the shared
//! blocks, the scaffold checks clean, is in the canonical layout, and its
//! cases pass with every rule covered both ways; it refuses to overwrite a
//! form or to take a name that is not a form id.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .unwrap()
}

struct Scratch(PathBuf);

impl Scratch {
    /// A fresh folder holding `forms/shared` (a copy of the bundled one).
    fn new(tag: &str) -> Scratch {
        let root = std::env::temp_dir().join(format!("shinsei-new-{tag}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        let shared = root.join("forms/shared");
        std::fs::create_dir_all(&shared).unwrap();
        for entry in std::fs::read_dir(repo().join("forms/shared")).unwrap() {
            let path = entry.unwrap().path();
            std::fs::copy(&path, shared.join(path.file_name().unwrap())).unwrap();
        }
        Scratch(root)
    }

    fn shinsei(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_shinsei"))
            .args(args)
            .current_dir(&self.0)
            .output()
            .unwrap()
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn text(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

#[test]
fn a_new_form_checks_tests_and_is_covered_from_the_start() {
    let s = Scratch::new("scaffold");
    let out = s.shinsei(&[
        "new",
        "kenko_hoken_test",
        "--title",
        "健康保険テスト申請書",
        "--category",
        "適用",
        "--effective",
        "2027-04-03",
        "--basis",
        "健康保険法施行規則第24条",
    ]);
    assert!(out.status.success(), "{}", text(&out));
    let form =
        std::fs::read_to_string(s.0.join("forms/kenko_hoken_test/kenko_hoken_test.form")).unwrap();
    assert!(
        form.contains("form kenko_hoken_test \"健康保険テスト申請書\""),
        "{form}"
    );
    assert!(form.contains("version \"2027.1\"") && form.contains("category 適用"));
    assert!(
        form.contains("  basis \"健康保険法施行規則第24条\"\n"),
        "{form}"
    );
    // 2027-04-03 is a Saturday: the cases are submitted on Monday the 5th.
    let case = std::fs::read_to_string(s.0.join("forms/kenko_hoken_test/cases/valid_example.json"))
        .unwrap();
    assert!(
        case.contains("\"submitted_at\": \"2027-04-05T10:00:00+09:00\""),
        "{case}"
    );

    for args in [
        &["check", "forms"][..],
        &["fmt", "--check", "forms/kenko_hoken_test"],
        &["test", "--coverage", "forms/kenko_hoken_test"],
    ] {
        let out = s.shinsei(args);
        assert!(out.status.success(), "{args:?}: {}", text(&out));
    }
    let out = s.shinsei(&["test", "--coverage", "forms/kenko_hoken_test"]);
    assert!(
        text(&out).contains("kenko_hoken_test 2027.1"),
        "{}",
        text(&out)
    );
    assert!(text(&out).contains("rules 1/1"), "{}", text(&out));
}

#[test]
fn it_refuses_an_existing_form_and_a_bad_id() {
    let s = Scratch::new("refuse");
    assert!(s.shinsei(&["new", "mine"]).status.success());
    for (args, says) in [
        (&["new", "mine"][..], "exists already"),
        (&["new", "Mine-2"], "is not a form id"),
        (&["new", "shared"], "folder of the shared blocks"),
        (&["new", "other", "--category", "医療"], "unknown category"),
        (&["new", "other", "--effective", "2027/04/01"], "not a date"),
    ] {
        let out = s.shinsei(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(text(&out).contains(says), "{args:?}: {}", text(&out));
    }
    assert!(!s.0.join("forms/other").exists());
    // without --basis, the header says where to write it
    let mine = std::fs::read_to_string(s.0.join("forms/mine/mine.form")).unwrap();
    assert!(mine.contains("  # basis \"健康保険法第…条\""), "{mine}");
}
