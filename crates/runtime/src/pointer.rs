//! RFC 6901 JSON Pointers, built incrementally while walking a document.
//!
//! A walker pushes a segment, works, and truncates back to the mark it got,
//! so one buffer serves the whole walk and issues copy it only when needed.

/// A JSON Pointer under construction (`""` is the whole document).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Pointer {
    buf: String,
}

/// A length to truncate a [`Pointer`] back to.
#[derive(Clone, Copy, Debug)]
pub struct Mark(usize);

impl Pointer {
    /// The pointer to the whole document.
    pub fn root() -> Self {
        Pointer {
            buf: String::with_capacity(64),
        }
    }

    /// Appends `/key` with `~` and `/` escaped; returns the mark before it.
    pub fn push_key(&mut self, key: &str) -> Mark {
        let mark = Mark(self.buf.len());
        self.buf.push('/');
        if !key.bytes().any(|b| b == b'~' || b == b'/') {
            self.buf.push_str(key);
            return mark;
        }
        for c in key.chars() {
            match c {
                '~' => self.buf.push_str("~0"),
                '/' => self.buf.push_str("~1"),
                c => self.buf.push(c),
            }
        }
        mark
    }

    /// Appends `/index`; returns the mark before it.
    pub fn push_index(&mut self, index: usize) -> Mark {
        let mark = Mark(self.buf.len());
        self.buf.push('/');
        let mut digits = [0_u8; 20];
        let mut n = index;
        let mut start = digits.len();
        for slot in digits.iter_mut().rev() {
            *slot = b'0'.saturating_add(u8::try_from(n % 10).unwrap_or(0));
            n /= 10;
            start = start.saturating_sub(1);
            if n == 0 {
                break;
            }
        }
        for &d in digits.get(start..).unwrap_or(&[]) {
            self.buf.push(char::from(d));
        }
        mark
    }

    /// The current end, to truncate back to.
    pub fn mark(&self) -> Mark {
        Mark(self.buf.len())
    }

    /// Goes back to `mark`.
    pub fn truncate(&mut self, mark: Mark) {
        self.buf.truncate(mark.0);
    }

    /// The pointer text.
    pub fn as_str(&self) -> &str {
        &self.buf
    }

    /// The pointer text, owned.
    pub fn into_string(self) -> String {
        self.buf
    }

    /// `base` followed by `/key`, as a new string.
    pub fn child_of(base: &str, key: &str) -> String {
        let mut p = Pointer {
            buf: String::with_capacity(base.len().saturating_add(key.len()).saturating_add(1)),
        };
        p.buf.push_str(base);
        p.push_key(key);
        p.buf
    }
}
