//! One form on its own: the `shared/` folder beside a form's folder holds the
//! blocks, enums, params and fns the form uses, so `shinsei check
//! forms/<form>` and `shinsei test forms/<form>` read it too.

use std::path::{Path, PathBuf};

/// The name of the folder of shared definitions beside the forms' folders.
pub const SHARED_DIR: &str = "shared";

/// `paths`, with each one's case files replaced by the form folder they
/// belong to (`forms/<form>/cases/x.json` or `forms/<form>/reapply/x.json` →
/// `forms/<form>`), and with the
/// `shared/` folder beside each form folder added (`forms/<form>` →
/// `forms/shared`) unless a path already includes it. A form folder is one
/// that holds a `.form` file itself. What to compile to run
/// the cases under `paths`.
///
/// ```
/// # let root = std::env::temp_dir().join(format!("shinsei-with-shared-{}", std::process::id()));
/// # for d in ["forms/shared", "forms/demo/cases", "forms/demo/reapply"] { std::fs::create_dir_all(root.join(d)).unwrap(); }
/// # std::fs::write(root.join("forms/demo/cases/ok.json"), "{}").unwrap();
/// # std::fs::write(root.join("forms/demo/demo.form"), "").unwrap();
/// let forms = root.join("forms");
/// assert_eq!(
///     shinsei_load::form_sources(&[forms.join("demo/cases/ok.json")]),
///     vec![forms.join("demo"), forms.join("shared")]
/// );
/// assert_eq!(
///     shinsei_load::form_sources(&[forms.join("demo/reapply/old.json")]),
///     vec![forms.join("demo"), forms.join("shared")]
/// );
/// assert_eq!(shinsei_load::form_sources(&[forms.clone()]), vec![forms.clone()]);
/// # std::fs::remove_dir_all(&root).unwrap();
/// ```
pub fn form_sources(paths: &[impl AsRef<Path>]) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = Vec::new();
    for p in paths {
        let p = form_path(p.as_ref());
        if !out.contains(&p) {
            out.push(p);
        }
    }
    let mut shared = Vec::new();
    for p in &out {
        let folder = if p.is_dir() {
            p.as_path()
        } else {
            p.parent().unwrap_or(p)
        };
        let Some(beside) = folder.parent().map(|d| d.join(SHARED_DIR)) else {
            continue;
        };
        if beside.is_dir()
            && holds_a_form(folder)
            && !out.iter().chain(&shared).any(|q| includes(q, &beside))
            && !includes(&beside, folder)
        {
            shared.push(beside);
        }
    }
    out.extend(shared);
    out
}

/// Whether `dir` itself holds a `.form` file (a form's own folder, not a
/// folder of forms).
fn holds_a_form(dir: &Path) -> bool {
    std::fs::read_dir(dir).is_ok_and(|entries| {
        entries
            .flatten()
            .any(|e| e.path().extension().is_some_and(|x| x == "form"))
    })
}

/// A case file, or a `cases/` or `reapply/` folder, stands for its form's
/// folder.
fn form_path(p: &Path) -> PathBuf {
    let is_json = p.extension().is_some_and(|e| e == "json");
    let dir = if is_json { p.parent().unwrap_or(p) } else { p };
    if dir
        .file_name()
        .is_some_and(|n| n == "cases" || n == "reapply")
        && let Some(form) = dir.parent()
    {
        return form.to_path_buf();
    }
    if is_json {
        dir.to_path_buf()
    } else {
        p.to_path_buf()
    }
}

/// Whether `outer` is `inner` or one of its ancestors (by their real paths).
fn includes(outer: &Path, inner: &Path) -> bool {
    let real = |p: &Path| std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
    real(inner).starts_with(real(outer))
}
