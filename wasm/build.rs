//! Compiles every `.form` file under `forms/` into a bundle:
//! `$OUT_DIR/bundle.json` as `shinsei compile` writes it, and
//! what the module embeds: without the documentation source texts
//! (src/slim.rs), in the binary form (`shinsei_ir::binary`), one part per
//! form behind an index (`$OUT_DIR/embedded.bin` and `embedded.rs`, read by
//! src/embedded.rs). If
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
            shinsei_check::subset(&bundle, &ids)
        }
        Err(_) => bundle,
    };
    slim::strip_sources(&mut slim);
    let (data, index) = embedded(&slim);
    write("embedded.bin", data);
    write("embedded.rs", index.into_bytes());
}

/// The embedded bundle cut to be read one form at a time (`src/embedded.rs`):
/// the data — each form's own bundle (its versions and the parameters they
/// read, [`shinsei_ir::Bundle::subset`]), then the parameters no form reads,
/// each part a binary bundle (`shinsei_ir::binary`) — and the index, Rust
/// constants saying where each part is and what `bundleInfo` and
/// `listForms` answer without reading any part.
fn embedded(bundle: &shinsei_ir::Bundle) -> (Vec<u8>, String) {
    use shinsei_ir::{Bundle, binary};
    let mut data = Vec::new();
    let mut part = |b: &Bundle| {
        let bytes = binary::encode(b);
        // Each part must read back as written (the module relies on it).
        match binary::decode(&bytes) {
            Ok(back) if back == *b => {}
            _ => fail("an embedded part does not read back as written"),
        }
        let start = data.len();
        data.extend_from_slice(&bytes);
        (start, data.len())
    };
    let mut ids: Vec<&str> = bundle.forms.iter().map(|f| f.id.as_str()).collect();
    ids.dedup();
    let mut forms = String::new();
    let mut in_order = Vec::new();
    let mut read = std::collections::BTreeSet::new();
    for id in &ids {
        let own = bundle.subset(&[id]);
        in_order.extend(own.forms.iter().cloned());
        read.extend(own.params.keys().cloned());
        let (start, end) = part(&own);
        let _ = writeln!(forms, "    ({id:?}, {start}, {end}),");
    }
    if in_order != bundle.forms {
        fail("the bundle's forms are not grouped by id (the embedded index needs them so)");
    }
    let unread = bundle
        .params
        .iter()
        .filter(|(name, _)| !read.contains(*name))
        .map(|(name, p)| (name.clone(), p.clone()))
        .collect();
    let params = part(&Bundle::new(Vec::new(), unread));
    let summaries: Vec<_> = bundle.forms.iter().map(shinsei_describe::summary).collect();
    let summaries = serde_json::to_string(&summaries)
        .unwrap_or_else(|e| fail(&format!("the forms' summaries to JSON: {e}")));
    let index = format!(
        "/// The whole bundle's hash (the server's `bundle_hash`).\n\
         pub const HASH: &str = {hash:?};\n\
         /// How many form versions the bundle has.\n\
         pub const FORM_VERSIONS: u32 = {versions};\n\
         /// Whether the bundle keeps the documentation source texts.\n\
         pub const SOURCE_TEXTS: bool = {texts};\n\
         /// Where the parameters no form reads are in the data.\n\
         pub const UNREAD_PARAMS: (usize, usize) = {params:?};\n\
         /// Each form id (in the bundle's order) and where its own bundle is\n\
         /// in the data.\n\
         pub const FORMS: &[(&str, usize, usize)] = &[\n{forms}];\n\
         /// `listForms` as JSON text (`shinsei_describe::summary` of each\n\
         /// version, in the bundle's order).\n\
         pub const SUMMARIES: &str = {summaries:?};\n",
        hash = bundle.hash,
        versions = bundle.forms.len(),
        texts = bundle.forms.iter().any(|f| !f.source.is_empty()),
    );
    (data, index)
}

fn fail(msg: &str) -> ! {
    for line in msg.lines() {
        println!("cargo::error={line}");
    }
    std::process::exit(1);
}
