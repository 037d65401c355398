//! Open documents and the groups of files they are checked with. A file under
//! a forms directory (one with `shared/`) is checked with every `.form`
//! file of that directory, as `shinsei check forms/` does, so a form that
//! `use`s a shared block resolves it; open buffers replace their files'
//! text on disk. Any other file is checked on its own.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use crate::analysis::{Analysis, Compiler, Input};
use crate::paths::{forms_root, path_to_uri, uri_to_path};

/// An open document.
pub struct Document {
    /// Its text as the editor has it.
    pub text: String,
    /// The editor's version.
    pub version: i32,
}

/// Which files are checked together.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum GroupKey {
    /// The `.form` files under a forms directory.
    Root(PathBuf),
    /// One document on its own (outside any forms directory, or unsaved).
    Alone(String),
}

/// A group's latest analysis and what was published for it.
pub struct Group {
    /// The analysis of the current texts.
    pub analysis: Analysis,
    /// The files that have diagnostics in the editor now.
    pub published: BTreeSet<String>,
    /// The last analysis whose bundle compiled (for hovers that need it
    /// while the text has errors).
    pub last_bundle: Option<shinsei_ir::Bundle>,
}

/// Documents and groups.
#[derive(Default)]
pub struct Workspace {
    /// Open documents by URI.
    pub docs: HashMap<String, Document>,
    /// Groups by key.
    pub groups: BTreeMap<GroupKey, Group>,
    /// Groups whose texts changed since their analysis.
    dirty: BTreeSet<GroupKey>,
    /// Groups analysed since their diagnostics were last published.
    unpublished: BTreeSet<GroupKey>,
    /// The last text of each open document that parsed, for completion
    /// while the current text does not.
    pub last_parsed: HashMap<String, String>,
    /// The compile thread, kept for the session.
    pub compiler: Compiler,
    /// Bumped on every change of any text: what a cached analysis is of.
    generation: u64,
    /// The analysis of a document's group with its last text that parsed,
    /// at a generation (completion asks for it on each keystroke while the
    /// text does not parse; it is built once per change).
    with_last_parsed: Option<(String, u64, Analysis)>,
}

impl Workspace {
    /// The group a document belongs to.
    pub fn key_of(uri: &str) -> GroupKey {
        match uri_to_path(uri).as_deref().and_then(forms_root) {
            Some(root) => GroupKey::Root(root),
            None => GroupKey::Alone(uri.to_string()),
        }
    }

    /// Marks the group of `uri` for re-analysis.
    pub fn touch(&mut self, uri: &str) {
        self.generation += 1;
        self.dirty.insert(Workspace::key_of(uri));
    }

    /// Marks every group for re-analysis (files changed on disk).
    pub fn touch_all(&mut self) {
        self.generation += 1;
        self.dirty.extend(self.groups.keys().cloned());
    }

    /// Re-analyses the groups that changed; returns the keys of the groups
    /// whose diagnostics are to be published.
    pub fn refresh(&mut self) -> Vec<GroupKey> {
        for key in std::mem::take(&mut self.dirty) {
            let analysis = self.analyse(&key);
            self.insert(key, analysis);
        }
        std::mem::take(&mut self.unpublished).into_iter().collect()
    }

    /// The up-to-date group of `uri`, analysed if needed.
    pub fn group_of(&mut self, uri: &str) -> Option<&Group> {
        let key = Workspace::key_of(uri);
        if self.dirty.remove(&key) || !self.groups.contains_key(&key) {
            let analysis = self.analyse(&key);
            self.insert(key.clone(), analysis);
        }
        self.groups.get(&key)
    }

    /// The group of `uri` as last analysed, even if its texts changed since
    /// (`None` when it was never analysed or does not hold `uri` yet).
    pub fn last_group(&self, uri: &str) -> Option<&Group> {
        self.groups
            .get(&Workspace::key_of(uri))
            .filter(|g| g.analysis.file(uri).is_some())
    }

    fn insert(&mut self, key: GroupKey, analysis: Analysis) {
        for f in &analysis.files {
            if f.ast.is_some() && self.docs.contains_key(&f.uri) {
                self.last_parsed.insert(f.uri.clone(), f.text.clone());
            }
        }
        let old = self.groups.remove(&key);
        let (published, last_bundle) = match old {
            Some(g) => (g.published, g.last_bundle),
            None => (BTreeSet::new(), None),
        };
        let last_bundle = analysis.bundle.clone().or(last_bundle);
        self.unpublished.insert(key.clone());
        self.groups.insert(
            key,
            Group {
                analysis,
                published,
                last_bundle,
            },
        );
    }

    /// Drops groups no open document belongs to (after the last one closes).
    pub fn forget_unused(&mut self) -> Vec<Group> {
        let used: BTreeSet<GroupKey> = self.docs.keys().map(|u| Workspace::key_of(u)).collect();
        let unused: Vec<GroupKey> = self
            .groups
            .keys()
            .filter(|k| !used.contains(k))
            .cloned()
            .collect();
        unused
            .into_iter()
            .filter_map(|k| {
                self.dirty.remove(&k);
                self.unpublished.remove(&k);
                self.groups.remove(&k)
            })
            .collect()
    }

    /// The analysis of `uri`'s group with the last text of `uri` that
    /// parsed, built once per change of the texts.
    pub fn analysis_with_last_parsed(&mut self, uri: &str) -> Option<&Analysis> {
        let fresh = matches!(&self.with_last_parsed,
            Some((u, generation, _)) if u == uri && *generation == self.generation);
        if !fresh {
            let text = self.last_parsed.get(uri)?.clone();
            let mut inputs = self.inputs(&Workspace::key_of(uri));
            for i in &mut inputs {
                if i.uri == uri {
                    i.text = text.clone();
                }
            }
            let analysis = Analysis::build(inputs, &mut self.compiler);
            self.with_last_parsed = Some((uri.to_string(), self.generation, analysis));
        }
        self.with_last_parsed.as_ref().map(|(_, _, a)| a)
    }

    fn analyse(&mut self, key: &GroupKey) -> Analysis {
        let inputs = self.inputs(key);
        Analysis::build(inputs, &mut self.compiler)
    }

    fn inputs(&self, key: &GroupKey) -> Vec<Input> {
        match key {
            GroupKey::Alone(uri) => vec![Input {
                uri: uri.clone(),
                path: uri_to_path(uri),
                name: name_of(uri),
                text: self
                    .docs
                    .get(uri)
                    .map(|d| d.text.clone())
                    .unwrap_or_default(),
            }],
            GroupKey::Root(root) => self.root_inputs(root),
        }
    }

    /// Every `.form` file under `root` (open buffers over disk), and the open
    /// documents under it that are not on disk yet.
    fn root_inputs(&self, root: &Path) -> Vec<Input> {
        let mut files: BTreeMap<PathBuf, String> = BTreeMap::new();
        for path in shinsei_load::Sources::files_under(&[root]).unwrap_or_default() {
            let uri = path_to_uri(&path);
            files.insert(path, uri);
        }
        for uri in self.docs.keys() {
            if let Some(path) = uri_to_path(uri)
                && path.starts_with(root)
                && path.extension().is_some_and(|e| e == "form")
            {
                files.entry(path).or_insert_with(|| uri.clone());
            }
        }
        files
            .into_iter()
            .filter_map(|(path, uri)| {
                // The editor's URI for the file when it is open (it may spell
                // the path differently from ours), else ours.
                let open = self
                    .docs
                    .iter()
                    .find(|(u, _)| uri_to_path(u).as_deref() == Some(path.as_path()));
                let (uri, text) = match open {
                    Some((u, d)) => (u.clone(), d.text.clone()),
                    None => (uri, std::fs::read_to_string(&path).ok()?),
                };
                let name = path
                    .strip_prefix(root)
                    .unwrap_or(&path)
                    .to_string_lossy()
                    .replace('\\', "/");
                Some(Input {
                    uri,
                    path: Some(path),
                    name,
                    text,
                })
            })
            .collect()
    }
}

fn name_of(uri: &str) -> String {
    uri_to_path(uri)
        .and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
        .unwrap_or_else(|| uri.to_string())
}
