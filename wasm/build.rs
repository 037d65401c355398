//! Compiles every `.form` file under `forms/` into a bundle:
//! `$OUT_DIR/bundle.json` as `shinsei compile` writes it, and
//! `$OUT_DIR/bundle.bin`, what the module embeds: without the documentation
//! source texts (src/slim.rs), in the binary form (`shinsei_ir::binary`). If
//! a form does not compile, the build fails with the compiler's diagnostics
//! (`shinsei check forms/` shows them with snippets).
//!
//! `SHINSEI_WASM_FORMS` embeds fewer forms: `none` builds the core module
//! (no forms: the app fetches each form's bundle, `shinsei compile --binary
//! --only ID`, and passes it to `loadBundle`), a comma-separated list of form
//! ids embeds those forms only. Unset: every form (the default package).

use std::fmt::Write as _;
use std::path::PathBuf;

use shinsei_syntax::Level;

#[path = "src/slim.rs"]
mod slim;

fn main() {
    let root = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap_or_default())
        .join("..")
        .join("forms");
    println!("cargo::rerun-if-changed={}", root.display());
    let sources = match shinsei_load::Sources::load(&[&root]) {
        Ok(s) => s,
        Err(e) => fail(&e.to_string()),
    };
    for f in sources.files() {
        println!("cargo::rerun-if-changed={}", f.display());
    }
    let out = sources.compile();
    let Some(bundle) = out.bundle else {
        let db = sources.db();
        let mut msg =
            String::from("the bundled forms do not compile (run `shinsei check forms/`):\n");
        for d in out.diagnostics.iter().filter(|d| d.level == Level::Error) {
            let (path, line, col) = db
                .get(d.span.file)
                .map(|s| {
                    let (l, c) = s.line_col(d.span.start);
                    (s.path.as_str(), l, c)
                })
                .unwrap_or(("?", 0, 0));
            let _ = writeln!(msg, "{path}:{line}:{col}: error[{}]: {}", d.code, d.message);
            for h in &d.hints {
                let _ = writeln!(msg, "    hint: {h}");
            }
        }
        fail(&msg);
    };
    let out_dir = PathBuf::from(std::env::var("OUT_DIR").unwrap_or_default());
    let write = |name: &str, bytes: Vec<u8>| {
        let dest = out_dir.join(name);
        std::fs::write(&dest, bytes).unwrap_or_else(|e| panic!("write {}: {e}", dest.display()));
    };
    // What `shinsei compile` writes (native tools and tests read this one)…
    let json = serde_json::to_vec(&bundle).unwrap_or_else(|e| panic!("bundle to JSON: {e}"));
    write("bundle.json", json);
    // …and what the module embeds: without the documentation source texts,
    // in the binary form.
    println!("cargo::rerun-if-env-changed=SHINSEI_WASM_FORMS");
    let mut slim = match std::env::var("SHINSEI_WASM_FORMS") {
        Ok(only) => {
            let ids: Vec<&str> = only
                .split(',')
                .map(str::trim)
                .filter(|id| !id.is_empty() && *id != "none")
                .collect();
            if let Some(id) = ids
                .iter()
                .find(|id| !bundle.forms.iter().any(|f| f.id == **id))
            {
                fail(&format!("SHINSEI_WASM_FORMS: no form `{id}` under forms/"));
            }
            let mut subset = bundle.subset(&ids);
            subset.hash = shinsei_check::hash(&subset);
            subset
        }
        Err(_) => bundle,
    };
    slim::strip_sources(&mut slim);
    write("bundle.bin", shinsei_ir::binary::encode(&slim));
}

fn fail(msg: &str) -> ! {
    for line in msg.lines() {
        println!("cargo::error={line}");
    }
    std::process::exit(1);
}
