//! docs/architecture.md draws the real dependency graph: its table of
//! crates and what each depends on equals the `[dependencies]` of every
//! crate's Cargo.toml.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use shinsei_tests::root;

/// The `shinsei-*` packages a manifest's `[dependencies]` names.
fn dependencies(manifest: &str) -> (String, BTreeSet<String>) {
    let mut name = String::new();
    let mut deps = BTreeSet::new();
    let mut section = String::new();
    for line in manifest.lines().map(str::trim) {
        if line.starts_with('[') {
            section = line.to_owned();
        } else if section == "[package]" && line.starts_with("name") {
            name = line.split('"').nth(1).unwrap_or_default().to_owned();
        } else if section == "[dependencies]" && line.starts_with("shinsei-") {
            let dep = line.split(['.', ' ', '=']).next().unwrap_or_default();
            deps.insert(dep.to_owned());
        }
    }
    (name, deps)
}

#[test]
fn the_documented_graph_is_the_real_one() {
    let mut real = BTreeMap::new();
    let mut manifests = vec![root().join("wasm/Cargo.toml")];
    for entry in std::fs::read_dir(root().join("crates")).unwrap() {
        let path = entry.unwrap().path().join("Cargo.toml");
        if path.exists() {
            manifests.push(path);
        }
    }
    for m in manifests {
        let (name, deps) = dependencies(&std::fs::read_to_string(&m).unwrap());
        real.insert(name, deps);
    }
    let doc = std::fs::read_to_string(root().join("docs/architecture.md")).unwrap();
    let mut documented = BTreeMap::new();
    for line in doc.lines() {
        let cells: Vec<&str> = line.split('|').map(str::trim).collect();
        if let [_, krate, deps, _] = cells.as_slice()
            && krate.starts_with("`shinsei-")
        {
            let deps: BTreeSet<String> = deps
                .split(',')
                .map(|d| d.trim().trim_matches('`').to_owned())
                .filter(|d| d.starts_with("shinsei-"))
                .collect();
            documented.insert(krate.trim_matches('`').to_owned(), deps);
        }
    }
    assert_eq!(
        documented, real,
        "docs/architecture.md's table is not the crates' [dependencies]"
    );
}

/// Every crate shares the workspace's lints (`[lints] workspace = true`);
/// a crate that needs more adds crate-level attributes (cargo does not
/// merge a crate's own `[lints]` table with the workspace's).
#[test]
fn every_crate_uses_the_workspace_lints() {
    let workspace = std::fs::read_to_string(root().join("Cargo.toml")).unwrap();
    let members = workspace
        .lines()
        .find(|l| l.starts_with("members"))
        .expect("a members line");
    let mut without = Vec::new();
    for member in members.split('"').skip(1).step_by(2) {
        let manifest = std::fs::read_to_string(root().join(member).join("Cargo.toml")).unwrap();
        let lints = manifest
            .split("\n[")
            .find(|section| section.starts_with("lints]"))
            .unwrap_or_default();
        if !lints
            .lines()
            .any(|l| l.replace(' ', "") == "workspace=true")
        {
            without.push(member.to_owned());
        }
    }
    assert!(members.split('"').count() > 20, "{members}");
    assert!(
        without.is_empty(),
        "without `[lints] workspace = true`: {without:?}"
    );
}

/// The no-panic denies every crate carries whose code runs on what members
/// send: each crate the WASM module links (its `[dependencies]`: what the
/// browser runs on a member's input), the WASM crate and the server. The IR
/// alone is left out: plain serde data, whose readers bound nesting
/// (`shinsei_ir::limits`) and return errors.
#[test]
fn what_runs_on_member_input_denies_panics() {
    const DENIES: [&str; 4] = [
        "clippy::unwrap_used",
        "clippy::expect_used",
        "clippy::panic",
        "clippy::indexing_slicing",
    ];
    let (_, linked) =
        dependencies(&std::fs::read_to_string(root().join("wasm/Cargo.toml")).unwrap());
    let mut libs = vec![
        root().join("wasm/src/lib.rs"),
        root().join("crates/server/src/lib.rs"),
    ];
    for krate in linked.iter().filter(|k| *k != "shinsei-ir") {
        let dir = krate.trim_start_matches("shinsei-");
        libs.push(root().join("crates").join(dir).join("src/lib.rs"));
    }
    assert!(libs.len() >= 6, "{libs:?}");
    let mut missing = Vec::new();
    for lib in &libs {
        let text = std::fs::read_to_string(lib).unwrap();
        for deny in DENIES {
            if !text.contains(&format!("#![deny({deny})]")) {
                missing.push(format!("{}: {deny}", shinsei_tests::relative(lib)));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "without the no-panic denies: {missing:?}"
    );
}

// ---------------------------------------------------------------------------
// Modules inside a crate depend on each other in one direction too.

/// Cycles between a crate's top-level modules that exist today, each with why
/// it is still there: (source directory, the modules of the cycle, sorted).
/// The check fails on any other cycle, and on a listed one that has grown,
/// shrunk or gone (then this list is brought up to date). None today: the
/// runtime's reader, decoder and evaluator were one cycle of ten modules
/// until the JSON value (`json`), the reader (`read`) and the expression
/// values (`value`) became modules of their own.
const KNOWN_CYCLES: &[(&str, &[&str])] = &[];

/// A crate's top-level modules and, for each, the others it names through
/// `crate::` (or `super::` from a top-level file), comments left out. This
/// reads the text, not the compiler's resolution: a method called on a type
/// of another module is not seen, a path written out is.
fn module_graph(src: &Path) -> BTreeMap<String, BTreeSet<String>> {
    let mut modules = BTreeSet::new();
    for entry in std::fs::read_dir(src).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        if path.is_dir()
            || (path.extension().is_some_and(|e| e == "rs") && name != "lib" && name != "main")
        {
            modules.insert(name);
        }
    }
    let mut graph: BTreeMap<String, BTreeSet<String>> = modules
        .iter()
        .map(|m| (m.clone(), BTreeSet::new()))
        .collect();
    for file in shinsei_tests::files_with_ext(src, "rs") {
        let rel = file.strip_prefix(src).unwrap();
        let mut parts = rel.components();
        let first = parts
            .next()
            .unwrap()
            .as_os_str()
            .to_string_lossy()
            .into_owned();
        let top = first.trim_end_matches(".rs").to_owned();
        if !modules.contains(&top) {
            continue;
        }
        let nested = parts.next().is_some();
        let text = std::fs::read_to_string(&file).unwrap();
        for (root, name) in paths(&text) {
            if (root == "crate" || !nested) && name != top && modules.contains(&name) {
                graph.get_mut(&top).unwrap().insert(name);
            }
        }
    }
    graph
}

/// Every `crate::a` / `super::a` and `crate::{a::…, b}` of `text` outside
/// comments, as (`crate` or `super`, first segment).
fn paths(text: &str) -> Vec<(&'static str, String)> {
    let code: String = text
        .lines()
        .map(|l| l.split("//").next().unwrap_or(""))
        .collect::<Vec<_>>()
        .join("\n");
    let ident = |s: &str| -> String {
        s.trim_start()
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect()
    };
    let mut out = Vec::new();
    for root in ["crate", "super"] {
        let pat = format!("{root}::");
        for (at, _) in code.match_indices(&pat) {
            let before = code[..at].chars().next_back();
            if before.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_') {
                continue;
            }
            let rest = &code[at + pat.len()..];
            if let Some(group) = rest.strip_prefix('{') {
                // The top-level items of a `{…}` group.
                let (mut depth, mut item) = (1, String::new());
                for c in group.chars() {
                    match c {
                        '{' => depth += 1,
                        '}' => depth -= 1,
                        _ => {}
                    }
                    if depth == 0 || (depth == 1 && c == ',') {
                        out.push((root, ident(&item)));
                        item.clear();
                        if depth == 0 {
                            break;
                        }
                    } else {
                        item.push(c);
                    }
                }
            } else {
                out.push((root, ident(rest)));
            }
        }
    }
    out
}

/// The strongly connected components of more than one module (Tarjan).
fn cycles(graph: &BTreeMap<String, BTreeSet<String>>) -> Vec<Vec<String>> {
    struct Walk<'g> {
        graph: &'g BTreeMap<String, BTreeSet<String>>,
        index: BTreeMap<&'g str, usize>,
        low: BTreeMap<&'g str, usize>,
        stack: Vec<&'g str>,
        found: Vec<Vec<String>>,
    }
    impl<'g> Walk<'g> {
        fn visit(&mut self, v: &'g str) {
            let i = self.index.len();
            self.index.insert(v, i);
            self.low.insert(v, i);
            self.stack.push(v);
            for w in &self.graph[v] {
                let w = w.as_str();
                if !self.index.contains_key(w) {
                    self.visit(w);
                    let low = self.low[v].min(self.low[w]);
                    self.low.insert(v, low);
                } else if self.stack.contains(&w) {
                    let low = self.low[v].min(self.index[w]);
                    self.low.insert(v, low);
                }
            }
            if self.low[v] == self.index[v] {
                let mut component = Vec::new();
                while let Some(w) = self.stack.pop() {
                    component.push(w.to_owned());
                    if w == v {
                        break;
                    }
                }
                if component.len() > 1 {
                    component.sort();
                    self.found.push(component);
                }
            }
        }
    }
    let mut walk = Walk {
        graph,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        found: Vec::new(),
    };
    for v in graph.keys() {
        if !walk.index.contains_key(v.as_str()) {
            walk.visit(v);
        }
    }
    walk.found.sort();
    walk.found
}

#[test]
fn no_module_cycles_inside_a_crate() {
    let mut dirs = vec!["wasm/src".to_owned()];
    for entry in std::fs::read_dir(root().join("crates")).unwrap() {
        let path = entry.unwrap().path();
        if path.join("src").is_dir() {
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            dirs.push(format!("crates/{name}/src"));
        }
    }
    dirs.sort();
    let mut found = Vec::new();
    for dir in &dirs {
        for cycle in cycles(&module_graph(&root().join(dir))) {
            found.push((dir.clone(), cycle));
        }
    }
    let known: Vec<(String, Vec<String>)> = KNOWN_CYCLES
        .iter()
        .map(|(dir, m)| (dir.to_string(), m.iter().map(|s| s.to_string()).collect()))
        .collect();
    assert_eq!(
        found, known,
        "module cycles (a module names, through `crate::`, one that names it back): break a new \
         one by moving the item it needs; remove a broken one from KNOWN_CYCLES"
    );
}

#[test]
fn the_cycle_finder_finds_a_cycle() {
    let text = "use crate::{b::X, c};\nfn f() { crate::a::g() } // crate::d\n";
    assert_eq!(
        paths(text),
        [
            ("crate", "b".into()),
            ("crate", "c".into()),
            ("crate", "a".into())
        ]
    );
    let graph: BTreeMap<String, BTreeSet<String>> = [
        ("a", &["b"][..]),
        ("b", &["c"]),
        ("c", &["a"]),
        ("d", &["a"]),
    ]
    .iter()
    .map(|(k, v)| (k.to_string(), v.iter().map(|s| s.to_string()).collect()))
    .collect();
    assert_eq!(cycles(&graph), [["a", "b", "c"]]);
}
