//! Where a chunked request body ends (RFC 9112 §7.1), so that the gate knows
//! where the next request head starts. Only the framing is read; hyper
//! decodes the data itself. Strict: anything unusual is an error, and the
//! gate then stops reading the connection (the handler sees a body cut
//! short and answers `400 request.body`).

/// The longest chunk-size line or trailer section accepted, in bytes.
const MAX_LINE: usize = 4096;

/// Position inside a chunked body.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Chunked {
    /// Reading a chunk-size line: the size so far, whether digits ended (an
    /// extension or whitespace follows), and the line's length.
    Size {
        size: u64,
        digits: usize,
        in_ext: bool,
        len: usize,
    },
    /// Expecting the LF of the size line.
    SizeLf { size: u64 },
    /// Inside chunk data: bytes left.
    Data(u64),
    /// Expecting the CR after chunk data.
    DataCr,
    /// Expecting the LF after chunk data.
    DataLf,
    /// In the trailer section: bytes of the current line, and the section's length.
    Trailer { line: usize, total: usize },
    /// Expecting the LF that ends a trailer line (`empty`: the final, empty line).
    TrailerLf { empty: bool, total: usize },
    /// The body is complete.
    Done,
}

/// The framing is not what RFC 9112 allows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct FramingError;

impl Chunked {
    /// The start of a chunked body.
    pub(crate) fn new() -> Self {
        Chunked::Size {
            size: 0,
            digits: 0,
            in_ext: false,
            len: 0,
        }
    }

    /// Reads the framing in `bytes`; returns how many of them belong to the
    /// body (all of them unless it ended inside `bytes`).
    pub(crate) fn advance(&mut self, bytes: &[u8]) -> Result<usize, FramingError> {
        let mut i = 0;
        while i < bytes.len() {
            let Some(&b) = bytes.get(i) else { break };
            match self {
                Chunked::Done => return Ok(i),
                Chunked::Data(left) => {
                    let take = usize::try_from(*left)
                        .unwrap_or(usize::MAX)
                        .min(bytes.len() - i);
                    i += take;
                    *left -= take as u64;
                    if *left == 0 {
                        *self = Chunked::DataCr;
                    }
                    continue;
                }
                Chunked::Size {
                    size,
                    digits,
                    in_ext,
                    len,
                } => {
                    *len += 1;
                    if *len > MAX_LINE {
                        return Err(FramingError);
                    }
                    match b {
                        b'\r' if *digits > 0 => *self = Chunked::SizeLf { size: *size },
                        _ if *in_ext => {
                            // chunk-ext: tokens, quoted strings, `;`, `=`, spaces;
                            // no control characters.
                            if b < 0x20 && b != b'\t' || b == 0x7f {
                                return Err(FramingError);
                            }
                        }
                        b';' | b' ' | b'\t' if *digits > 0 => *in_ext = true,
                        _ => {
                            let d = (b as char).to_digit(16).ok_or(FramingError)?;
                            *digits += 1;
                            // 15 hex digits: far beyond any body we read.
                            if *digits > 15 {
                                return Err(FramingError);
                            }
                            *size = *size * 16 + u64::from(d);
                        }
                    }
                }
                Chunked::SizeLf { size } => {
                    if b != b'\n' {
                        return Err(FramingError);
                    }
                    *self = if *size == 0 {
                        Chunked::Trailer { line: 0, total: 0 }
                    } else {
                        Chunked::Data(*size)
                    };
                }
                Chunked::DataCr => {
                    if b != b'\r' {
                        return Err(FramingError);
                    }
                    *self = Chunked::DataLf;
                }
                Chunked::DataLf => {
                    if b != b'\n' {
                        return Err(FramingError);
                    }
                    *self = Chunked::new();
                }
                Chunked::Trailer { line, total } => {
                    *total += 1;
                    if *total > MAX_LINE {
                        return Err(FramingError);
                    }
                    if b == b'\r' {
                        *self = Chunked::TrailerLf {
                            empty: *line == 0,
                            total: *total,
                        };
                    } else if b < 0x20 && b != b'\t' || b == 0x7f {
                        return Err(FramingError);
                    } else {
                        *line += 1;
                    }
                }
                Chunked::TrailerLf { empty, total } => {
                    if b != b'\n' {
                        return Err(FramingError);
                    }
                    *self = if *empty {
                        Chunked::Done
                    } else {
                        Chunked::Trailer {
                            line: 0,
                            total: *total,
                        }
                    };
                }
            }
            i += 1;
        }
        Ok(i)
    }

    /// Whether the body is complete.
    pub(crate) fn is_done(&self) -> bool {
        *self == Chunked::Done
    }
}

#[cfg(test)]
#[allow(
    clippy::unwrap_used,
    clippy::indexing_slicing,
    reason = "tests may panic"
)]
mod tests {
    use super::*;

    fn body_len(text: &[u8]) -> Result<Option<usize>, FramingError> {
        let mut c = Chunked::new();
        let n = c.advance(text)?;
        Ok(c.is_done().then_some(n))
    }

    #[test]
    fn finds_the_end_of_a_body() {
        let body = b"5\r\nhello\r\n1a;name=\"x y\"\r\nabcdefghijklmnopqrstuvwxyz\r\n0\r\n\r\n";
        let mut next = body.to_vec();
        next.extend_from_slice(b"GET / HTTP/1.1\r\n");
        assert_eq!(body_len(&next), Ok(Some(body.len())));
        // With trailers.
        let body = b"3\r\nabc\r\n0\r\nx-sum: 1\r\ny: 2\r\n\r\n";
        assert_eq!(body_len(body), Ok(Some(body.len())));
    }

    #[test]
    fn any_split_gives_the_same_end() {
        let body = b"5\r\nhello\r\n3;a=b\r\nabc\r\n0\r\nt: v\r\n\r\nNEXT";
        let end = body.len() - 4;
        for split in 0..=end {
            let mut c = Chunked::new();
            let a = c.advance(&body[..split]).unwrap();
            assert_eq!(a, split);
            let b = c.advance(&body[split..]).unwrap();
            assert!(c.is_done(), "split at {split}");
            assert_eq!(a + b, end, "split at {split}");
        }
    }

    #[test]
    fn refuses_what_rfc_9112_does_not_allow() {
        for bad in [
            &b"x\r\n"[..],              // not hex
            b"\r\n",                    // no size
            b"5\nhello\r\n",            // bare LF
            b"5\r\nhelloX\r\n",         // data longer than its size
            b"fffffffffffffffff\r\n",   // 17 hex digits
            b"0\r\nbad\x00trailer\r\n", // control character in a trailer
            b"-1\r\n",
        ] {
            assert_eq!(body_len(bad), Err(FramingError), "{bad:?}");
        }
        let long = vec![b'a'; MAX_LINE + 1];
        let mut line = b"1;".to_vec();
        line.extend_from_slice(&long);
        assert_eq!(body_len(&line), Err(FramingError));
    }
}
