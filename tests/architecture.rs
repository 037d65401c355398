//! docs/architecture.md draws the real dependency graph: its table of
//! crates and what each depends on equals the `[dependencies]` of every
//! crate's Cargo.toml.

use std::collections::{BTreeMap, BTreeSet};

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
