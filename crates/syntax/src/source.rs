//! Source files, spans and line/column lookup.

/// Index of a file in a [`SourceDb`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct FileId(pub u32);

/// A byte range in one file. Line and column are computed only when printing.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Span {
    /// The file.
    pub file: FileId,
    /// First byte.
    pub start: u32,
    /// One past the last byte.
    pub end: u32,
}

impl Span {
    /// A span in `file` from `start` to `end`.
    pub fn new(file: FileId, start: usize, end: usize) -> Span {
        Span {
            file,
            start: clamp(start),
            end: clamp(end),
        }
    }
    /// The smallest span covering both (same file assumed).
    pub fn to(self, other: Span) -> Span {
        Span {
            file: self.file,
            start: self.start.min(other.start),
            end: self.end.max(other.end),
        }
    }
}

fn clamp(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// One source file.
#[derive(Clone, Debug)]
pub struct Source {
    /// Path as shown in diagnostics (relative, `/`-separated).
    pub path: String,
    /// Name recorded in the bundle (`Form::source`, `Param::source`): the
    /// file's path relative to the forms directory it was loaded from, so the
    /// bundle (and its hash) does not depend on where it was compiled. Equal
    /// to `path` for a source added with [`SourceDb::add`].
    pub name: String,
    /// Text.
    pub text: String,
    line_starts: Vec<usize>,
}

impl Source {
    /// A source with its line index.
    pub fn new(path: impl Into<String>, text: impl Into<String>) -> Source {
        let path = path.into();
        Source::named(path.clone(), path, text)
    }

    /// A source whose bundle name differs from the path shown to people.
    pub fn named(
        name: impl Into<String>,
        path: impl Into<String>,
        text: impl Into<String>,
    ) -> Source {
        let text = text.into();
        let mut line_starts = vec![0];
        line_starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        Source {
            path: path.into(),
            name: name.into(),
            text,
            line_starts,
        }
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub fn line_col(&self, offset: u32) -> (usize, usize) {
        let offset = (offset as usize).min(self.text.len());
        let line = self
            .line_starts
            .partition_point(|&s| s <= offset)
            .saturating_sub(1);
        let start = self.line_starts.get(line).copied().unwrap_or(0);
        let col = self
            .text
            .get(start..offset)
            .map_or(0, |s| s.chars().count());
        (line + 1, col + 1)
    }

    /// The text of a 1-based line, without its newline.
    pub fn line_text(&self, line: usize) -> &str {
        let start = self
            .line_starts
            .get(line.saturating_sub(1))
            .copied()
            .unwrap_or(0);
        let end = self
            .line_starts
            .get(line)
            .map_or(self.text.len(), |e| e.saturating_sub(1));
        self.text
            .get(start..end)
            .unwrap_or("")
            .trim_end_matches('\r')
    }

    /// The text a span covers.
    pub fn slice(&self, span: Span) -> &str {
        self.text
            .get(span.start as usize..span.end as usize)
            .unwrap_or("")
    }
}

/// All sources of one compilation.
#[derive(Clone, Debug, Default)]
pub struct SourceDb {
    files: Vec<Source>,
}

impl SourceDb {
    /// An empty database.
    pub fn new() -> Self {
        Self::default()
    }
    /// Adds a file (its bundle name is its path) and returns its id.
    pub fn add(&mut self, path: impl Into<String>, text: impl Into<String>) -> FileId {
        self.push(Source::new(path, text))
    }
    /// Adds a source and returns its id.
    pub fn push(&mut self, source: Source) -> FileId {
        let id = FileId(u32::try_from(self.files.len()).unwrap_or(u32::MAX));
        self.files.push(source);
        id
    }
    /// A file by id.
    pub fn get(&self, id: FileId) -> Option<&Source> {
        self.files.get(id.0 as usize)
    }
    /// All files with their ids.
    pub fn iter(&self) -> impl Iterator<Item = (FileId, &Source)> {
        self.files
            .iter()
            .enumerate()
            .map(|(i, s)| (FileId(u32::try_from(i).unwrap_or(u32::MAX)), s))
    }
}
