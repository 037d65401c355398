//! One `.form` file, parsed, checked and lowered: never a panic or a stack
//! overflow, whatever the text (nesting is bounded by the parser).
#![no_main]

use libfuzzer_sys::fuzz_target;
use shinsei_syntax::SourceDb;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let mut db = SourceDb::new();
    db.add("fuzz.form", text);
    let compilation = shinsei_check::compile(&db);
    // A bundle is only produced without errors, and an error is reported.
    if compilation.bundle.is_none() {
        assert!(
            !compilation.diagnostics.is_empty(),
            "no bundle and no diagnostic"
        );
    }
});
