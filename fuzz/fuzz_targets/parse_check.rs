//! One `.form` file, parsed, checked and lowered: never a panic or a stack
//! overflow, whatever the text (nesting is bounded by the parser).
//!
//! It compiles on one [`CompileThread`] for the whole run — the stack and
//! limits of `shinsei check` and reload — instead of a thread started and
//! torn down per input, as `shinsei_check::compile` does.
#![no_main]

use std::cell::RefCell;

use libfuzzer_sys::fuzz_target;
use shinsei_check::CompileThread;
use shinsei_syntax::SourceDb;

thread_local! {
    static COMPILER: RefCell<CompileThread> =
        RefCell::new(CompileThread::start().expect("a compile thread"));
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let mut db = SourceDb::new();
    db.add("fuzz.form", text);
    let compilation = COMPILER.with_borrow_mut(|compiler| compiler.compile(db));
    // A bundle is only produced without errors, and an error is reported.
    if compilation.bundle.is_none() {
        assert!(
            !compilation.diagnostics.is_empty(),
            "no bundle and no diagnostic"
        );
    }
});
