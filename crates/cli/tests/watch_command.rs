//! `shinsei test --watch` and `check --watch` as an author meets them: the
//! command runs, and runs again when a form is saved, until it is stopped.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

struct Scratch(PathBuf);

impl Scratch {
    /// A forms folder with the bundled shared blocks and a scaffolded form `w`.
    fn new(tag: &str) -> Scratch {
        let root = std::env::temp_dir().join(format!("shinsei-watch-{tag}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        let shared = root.join("forms/shared");
        std::fs::create_dir_all(&shared).unwrap();
        let repo = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../forms/shared");
        for entry in std::fs::read_dir(repo).unwrap() {
            let path = entry.unwrap().path();
            std::fs::copy(&path, shared.join(path.file_name().unwrap())).unwrap();
        }
        let s = Scratch(root);
        let out = Command::new(env!("CARGO_BIN_EXE_shinsei"))
            .args(["new", "w", "--effective", "2027-04-01"])
            .current_dir(&s.0)
            .output()
            .unwrap();
        assert!(out.status.success());
        s
    }

    fn form(&self) -> PathBuf {
        self.0.join("forms/w/w.form")
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// The command, its output lines (stdout and stderr) as they come.
struct Watching {
    child: Child,
    lines: Receiver<String>,
    seen: String,
}

impl Watching {
    fn start(dir: &Path, args: &[&str]) -> Watching {
        let mut child = Command::new(env!("CARGO_BIN_EXE_shinsei"))
            .args(args)
            .current_dir(dir)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let (tx, lines) = channel();
        let out = child.stdout.take().unwrap();
        let err = child.stderr.take().unwrap();
        let tx2 = tx.clone();
        std::thread::spawn(move || {
            for line in BufReader::new(out).lines().map_while(Result::ok) {
                let _ = tx.send(line);
            }
        });
        std::thread::spawn(move || {
            for line in BufReader::new(err).lines().map_while(Result::ok) {
                let _ = tx2.send(line);
            }
        });
        Watching {
            child,
            lines,
            seen: String::new(),
        }
    }

    /// Waits (at most a minute) until the output since the last `mark`
    /// holds each of `texts` (stdout and stderr are two pipes: their lines
    /// may come in either order); returns that output.
    fn until(&mut self, texts: &[&str]) -> String {
        let deadline = Instant::now() + Duration::from_secs(60);
        while !texts.iter().all(|t| self.seen.contains(t)) {
            assert!(
                Instant::now() < deadline,
                "not all of {texts:?} within a minute; got:\n{}",
                self.seen
            );
            if let Ok(line) = self.lines.recv_timeout(Duration::from_millis(200)) {
                self.seen.push_str(&line);
                self.seen.push('\n');
            }
        }
        self.seen.clone()
    }

    /// Forgets the output so far.
    fn mark(&mut self) {
        self.seen.clear();
    }
}

impl Drop for Watching {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[test]
fn test_watch_runs_again_when_a_form_is_saved() {
    let s = Scratch::new("test");
    let mut w = Watching::start(&s.0, &["test", "--watch", "forms/w"]);
    w.until(&["[watching", "2 passed, 0 failed"]);

    // The rule made stricter: the valid case (from = to) now fails.
    w.mark();
    let form = std::fs::read_to_string(s.form()).unwrap();
    std::fs::write(
        s.form(),
        form.replace("check to >= from", "check to > from"),
    )
    .unwrap();
    w.until(&["changed: forms/w/w.form", "1 passed, 1 failed"]);

    w.mark();
    std::fs::write(s.form(), form).unwrap();
    w.until(&["changed: forms/w/w.form", "2 passed, 0 failed"]);
    assert!(w.child.try_wait().unwrap().is_none(), "still watching");
}

#[test]
fn check_watch_reports_an_error_and_its_fix() {
    let s = Scratch::new("check");
    let mut w = Watching::start(&s.0, &["check", "--watch", "forms"]);
    w.until(&["[watching", "no errors"]);
    w.mark();
    let form = std::fs::read_to_string(s.form()).unwrap();
    std::fs::write(
        s.form(),
        form.replace("check to >= from", "check to >= fro"),
    )
    .unwrap();
    let broken = w.until(&[
        "changed: forms/w/w.form",
        "did you mean `from`?",
        "1 error(s)",
    ]);
    assert!(!broken.contains("no errors"), "{broken}");
    w.mark();
    std::fs::write(s.form(), form).unwrap();
    w.until(&["changed: forms/w/w.form", "no errors"]);
}
