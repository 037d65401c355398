//! Where compilation runs: always on a thread with a stack of
//! [`COMPILE_STACK_SIZE`], so the result never depends on the caller's own
//! stack. [`crate::compile`] starts one such thread per call; a caller that
//! compiles many sources in a row (a fuzzer, a benchmark) keeps one
//! [`CompileThread`] and hands it each source, without a thread started and
//! torn down per call.

use std::sync::mpsc;
use std::thread::JoinHandle;

use shinsei_syntax::SourceDb;

use crate::{Compilation, Reference};

/// The stack of the thread compilation runs on. The limits of
/// `shinsei_syntax::nesting` keep every stage far below it (a form at the
/// limits needs well under 1 MiB, even in a debug build); the rest is the
/// parser's room to reach a precise diagnostic on input nested far beyond
/// them.
pub const COMPILE_STACK_SIZE: usize = 32 * 1024 * 1024;

const THREAD_NAME: &str = "shinsei-compile";

/// Runs `f` on a new thread with a stack of [`COMPILE_STACK_SIZE`] and
/// returns what it returns (a panic is passed on).
pub(crate) fn on_compile_stack<T: Send>(f: impl Fn() -> T + Sync) -> T {
    #[cfg(not(target_arch = "wasm32"))]
    {
        let spawned = std::thread::scope(|scope| {
            std::thread::Builder::new()
                .name(THREAD_NAME.into())
                .stack_size(COMPILE_STACK_SIZE)
                .spawn_scoped(scope, &f)
                .map(|thread| thread.join())
        });
        match spawned {
            Ok(Ok(out)) => return out,
            Ok(Err(panic)) => std::panic::resume_unwind(panic),
            // No thread to be had (resources exhausted): compile here, which
            // is safe for forms within the limits on any ordinary stack.
            Err(_) => {}
        }
    }
    f()
}

/// One thread with a stack of [`COMPILE_STACK_SIZE`] that compiles the
/// sources it is given, one after another: the same result as
/// [`crate::compile`] (the same stack, the same limits), without starting a
/// thread for each.
///
/// ```
/// use shinsei_syntax::SourceDb;
/// let mut compiler = shinsei_check::CompileThread::start().unwrap();
/// for text in ["form a \"A\" {", "form b \"B\" { version \"1\" }"] {
///     let mut db = SourceDb::new();
///     db.add("x.form", text);
///     let out = compiler.compile(db);
///     assert!(out.bundle.is_none() && !out.diagnostics.is_empty());
/// }
/// ```
pub struct CompileThread {
    /// Each source, with whether to record its references.
    sources: Option<mpsc::SyncSender<(SourceDb, bool)>>,
    results: mpsc::Receiver<(Compilation, Vec<Reference>)>,
    thread: Option<JoinHandle<()>>,
}

impl CompileThread {
    /// Starts the thread; fails only when the system has no thread to give.
    pub fn start() -> std::io::Result<CompileThread> {
        let (sources, inbox) = mpsc::sync_channel::<(SourceDb, bool)>(0);
        let (outbox, results) = mpsc::sync_channel(1);
        let thread = std::thread::Builder::new()
            .name(THREAD_NAME.into())
            .stack_size(COMPILE_STACK_SIZE)
            .spawn(move || {
                for (db, record) in inbox {
                    if outbox.send(crate::compile_here(&db, record)).is_err() {
                        break;
                    }
                }
            })?;
        Ok(CompileThread {
            sources: Some(sources),
            results,
            thread: Some(thread),
        })
    }

    /// Compiles `db` on the thread and waits for the result. A panic while
    /// compiling is passed on to the caller, as [`crate::compile`] does.
    pub fn compile(&mut self, db: SourceDb) -> Compilation {
        self.run(db, false).0
    }

    /// [`CompileThread::compile`] with every name's declaration, as
    /// [`crate::compile_with_references`] gives them: what a language
    /// server compiles on each edit, on one thread kept for the session.
    pub fn compile_with_references(&mut self, db: SourceDb) -> (Compilation, Vec<Reference>) {
        self.run(db, true)
    }

    fn run(&mut self, db: SourceDb, record: bool) -> (Compilation, Vec<Reference>) {
        let sent = self.sources.as_ref().map(|s| s.send((db, record)));
        if let Some(Ok(())) = sent
            && let Ok(out) = self.results.recv()
        {
            return out;
        }
        // The thread is gone: it panicked on this or an earlier source.
        self.sources = None;
        match self.thread.take().map(JoinHandle::join) {
            Some(Err(panic)) => std::panic::resume_unwind(panic),
            _ => panic!("the compile thread has stopped"),
        }
    }
}

impl Drop for CompileThread {
    fn drop(&mut self) {
        // Closing the channel ends the thread's loop.
        self.sources = None;
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn db(text: &str) -> SourceDb {
        let mut db = SourceDb::new();
        db.add("t.form", text);
        db
    }

    const FORM: &str = r#"form demo "見本" {
  version "1"  effective 2026-01-13..  category 給付  applicants insured
  field from "開始日": date
}"#;

    /// The thread gives what `compile` gives, input after input, on input
    /// nested far beyond the limits too (its stack is the same).
    #[test]
    fn a_compile_thread_answers_as_compile_does() {
        let deep = format!(
            "{}\n  rule r {{ check {}1{} == 1 at from message \"x\" }}\n}}",
            FORM.trim_end_matches('}'),
            "(".repeat(5000),
            ")".repeat(5000)
        );
        let mut thread = CompileThread::start().unwrap();
        for text in [FORM, "form {", deep.as_str(), FORM] {
            let here = thread.compile(db(text));
            let fresh = crate::compile(&db(text));
            assert_eq!(here.diagnostics, fresh.diagnostics, "{text:.40}");
            assert_eq!(
                here.bundle.map(|b| b.hash),
                fresh.bundle.map(|b| b.hash),
                "{text:.40}"
            );
        }
        let with_rule = format!(
            "{}\n  rule past {{ check from <= today at from message \"x\" }}\n}}",
            FORM.trim_end_matches('}')
        );
        for text in [with_rule.as_str(), "form {"] {
            let (here, refs) = thread.compile_with_references(db(text));
            let (fresh, fresh_refs) = crate::compile_with_references(&db(text));
            assert_eq!(here.diagnostics, fresh.diagnostics, "{text:.40}");
            assert_eq!(refs, fresh_refs, "{text:.40}");
        }
        assert!(!thread.compile_with_references(db(&with_rule)).1.is_empty());
        let deep_out = thread.compile(db(&deep));
        assert!(deep_out.bundle.is_none());
        assert!(
            deep_out
                .diagnostics
                .iter()
                .any(|d| d.code == shinsei_syntax::nesting::CODE),
            "{:?}",
            deep_out.diagnostics
        );
    }
}
