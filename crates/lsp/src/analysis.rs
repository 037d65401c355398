//! One compilation of a set of sources as the editor sees them (open
//! buffers over the files on disk): the checker's diagnostics, each file's
//! syntax tree, and the [`Index`] of declarations and references.

use std::path::PathBuf;

use shinsei_ir::Bundle;
use shinsei_syntax::ast::File;
use shinsei_syntax::{Diagnostic, FileId, Source, SourceDb};

use crate::collect::{self, Parsed};
use crate::index::Index;
use crate::position::LineIndex;

/// Where the server compiles: one thread with the checker's stack, started
/// once and kept for the session, instead of one started per compilation.
#[derive(Default)]
pub struct Compiler {
    thread: Option<shinsei_check::CompileThread>,
    /// How many compilations ran (what the tests of typing fast count).
    pub compilations: u64,
}

impl Compiler {
    /// Compiles `db`, recording each name's declaration.
    fn compile(
        &mut self,
        db: SourceDb,
    ) -> (shinsei_check::Compilation, Vec<shinsei_check::Reference>) {
        self.compilations += 1;
        if self.thread.is_none() {
            // No thread to be had: compile as `shinsei check` does, below.
            self.thread = shinsei_check::CompileThread::start().ok();
        }
        match &mut self.thread {
            Some(thread) => thread.compile_with_references(db),
            None => shinsei_check::compile_with_references(&db),
        }
    }
}

/// A source to analyse.
pub struct Input {
    /// Its URI.
    pub uri: String,
    /// Its path, if it is a file.
    pub path: Option<PathBuf>,
    /// Its name in the bundle (relative to the forms directory).
    pub name: String,
    /// The text.
    pub text: String,
}

/// One file of an analysis.
pub struct FileInfo {
    /// Its URI.
    pub uri: String,
    /// Its path, if it is a file.
    pub path: Option<PathBuf>,
    /// The text analysed.
    pub text: String,
    /// Offsets ↔ positions.
    pub lines: LineIndex,
    /// The syntax tree, if the text parses.
    pub ast: Option<File>,
}

/// The analysis of a set of sources.
pub struct Analysis {
    /// The files, in `FileId` order.
    pub files: Vec<FileInfo>,
    /// Every diagnostic, as `shinsei check` reports it.
    pub diagnostics: Vec<Diagnostic>,
    /// Declarations and references.
    pub index: Index,
    /// The bundle, when everything compiles.
    pub bundle: Option<Bundle>,
}

impl Analysis {
    /// Compiles (on `compiler`) and indexes `inputs`.
    pub fn build(inputs: Vec<Input>, compiler: &mut Compiler) -> Analysis {
        let mut db = SourceDb::new();
        for i in &inputs {
            let shown = i
                .path
                .as_deref()
                .map_or_else(|| i.uri.clone(), shinsei_load::shown);
            db.push(Source::named(i.name.clone(), shown, i.text.clone()));
        }
        let (out, refs) = compiler.compile(db);
        let files: Vec<FileInfo> = inputs
            .into_iter()
            .enumerate()
            .map(|(n, i)| {
                let id = FileId(u32::try_from(n).unwrap_or(u32::MAX));
                FileInfo {
                    lines: LineIndex::new(&i.text),
                    ast: shinsei_syntax::parse(id, &i.text).ok(),
                    uri: i.uri,
                    path: i.path,
                    text: i.text,
                }
            })
            .collect();
        let parsed: Vec<Parsed> = files
            .iter()
            .map(|f| Parsed {
                text: &f.text,
                ast: f.ast.as_ref(),
            })
            .collect();
        let index = collect::index(&parsed, &refs);
        Analysis {
            files,
            diagnostics: out.diagnostics,
            index,
            bundle: out.bundle,
        }
    }

    /// The file with this URI.
    pub fn file(&self, uri: &str) -> Option<(FileId, &FileInfo)> {
        self.files
            .iter()
            .enumerate()
            .find(|(_, f)| f.uri == uri)
            .map(|(n, f)| (FileId(u32::try_from(n).unwrap_or(u32::MAX)), f))
    }

    /// The file of `id`.
    pub fn get(&self, id: FileId) -> Option<&FileInfo> {
        self.files.get(id.0 as usize)
    }

    /// The LSP location of a span.
    pub fn location(&self, span: shinsei_syntax::Span) -> Option<lsp_types::Location> {
        let f = self.get(span.file)?;
        let uri = f.uri.parse().ok()?;
        Some(lsp_types::Location::new(uri, f.lines.range(&f.text, span)))
    }
}
