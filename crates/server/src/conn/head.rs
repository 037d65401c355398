//! Reading a request head before hyper does, so that a malformed one gets
//! the service's JSON error instead of hyper's empty `400`.
//!
//! The checks are hyper's own (the same httparse parser and configuration,
//! the `http` crate's method and URI parsers, the RFC 9112 rules on
//! `Content-Length` and `Transfer-Encoding`) or stricter, so a head accepted
//! here is never refused by hyper; the fuzz target `http` checks exactly
//! that (every answer is JSON).

use axum::http::{Method, Uri};

use crate::conn::chunked::Chunked;
use crate::error::Problem;

/// At most this many header lines (hyper's default limit too).
pub(crate) const MAX_HEADERS: usize = 100;

/// The longest request target hyper takes (its `MAX_URI_LEN`).
const MAX_URI_LEN: usize = (u16::MAX - 1) as usize;

/// How the body after a head is framed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Framing {
    /// `Content-Length: n` (0 without either header).
    Length(u64),
    /// `Transfer-Encoding: chunked`.
    Chunked(Chunked),
}

/// A complete, acceptable head.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Head {
    /// Its length in bytes, blank line included.
    pub len: usize,
    /// How its body is framed.
    pub framing: Framing,
}

/// Reads the head at the start of `buf`: `Ok(None)` while it is incomplete
/// (and shorter than `max_len`), the problem when it is not acceptable.
pub(crate) fn parse(buf: &[u8], max_len: usize) -> Result<Option<Head>, Problem> {
    let mut headers = [httparse::EMPTY_HEADER; MAX_HEADERS];
    let mut req = httparse::Request::new(&mut headers);
    let len = match httparse::ParserConfig::default().parse_request(&mut req, buf) {
        Ok(httparse::Status::Complete(len)) if len > max_len => {
            return Err(too_large(buf, max_len));
        }
        Ok(httparse::Status::Complete(len)) => len,
        Ok(httparse::Status::Partial) if buf.len() > max_len => {
            return Err(too_large(buf, max_len));
        }
        Ok(httparse::Status::Partial) => return Ok(None),
        Err(httparse::Error::TooManyHeaders) => return Err(Problem::HeadTooLarge(max_len)),
        Err(httparse::Error::Version) => return Err(Problem::HttpVersion),
        Err(e) => return Err(Problem::BadHead(describe(e, &req))),
    };
    let (Some(method), Some(path), Some(version)) = (req.method, req.path, req.version) else {
        return Err(Problem::BadHead("request line"));
    };
    let method = Method::from_bytes(method.as_bytes()).map_err(|_| Problem::BadHead("method"))?;
    if method == Method::CONNECT {
        // Tunnels are not served (hyper would treat the rest as an upgrade).
        return Err(Problem::MethodNotAllowed);
    }
    if path.len() > MAX_URI_LEN {
        return Err(Problem::UriTooLong);
    }
    Uri::try_from(path).map_err(|_| Problem::BadHead("request target"))?;
    let framing = framing(req.headers, version == 1)?;
    Ok(Some(Head { len, framing }))
}

/// A head over `max_len` bytes: `414` when the request line alone is (its
/// target, presumably), `431` otherwise.
fn too_large(buf: &[u8], max_len: usize) -> Problem {
    match buf.iter().position(|&b| b == b'\n') {
        Some(end) if end <= max_len => Problem::HeadTooLarge(max_len),
        _ => Problem::UriTooLong,
    }
}

/// The body's framing, by RFC 9112 §6.3, refusing what allows two readings
/// (request smuggling): both headers, differing or malformed lengths, a
/// transfer coding other than `chunked`.
fn framing(headers: &[httparse::Header<'_>], http_11: bool) -> Result<Framing, Problem> {
    let mut length: Option<u64> = None;
    let mut chunked = false;
    let mut transfer_encoding = false;
    for h in headers {
        if h.name.eq_ignore_ascii_case("content-length") {
            let n = content_length(h.value).ok_or(Problem::BadHead("Content-Length"))?;
            if length.is_some_and(|prev| prev != n) {
                return Err(Problem::BadHead("Content-Length"));
            }
            length = Some(n);
        } else if h.name.eq_ignore_ascii_case("transfer-encoding") {
            if !http_11 {
                return Err(Problem::BadHead("Transfer-Encoding"));
            }
            transfer_encoding = true;
            // Only `chunked`, once, as the whole value.
            let value = std::str::from_utf8(h.value).unwrap_or("");
            if chunked || !value.trim().eq_ignore_ascii_case("chunked") {
                return Err(Problem::BadHead("Transfer-Encoding"));
            }
            chunked = true;
        }
    }
    match (length, transfer_encoding) {
        (Some(_), true) => Err(Problem::BadHead("Content-Length")),
        (_, true) => Ok(Framing::Chunked(Chunked::new())),
        (Some(n), false) => Ok(Framing::Length(n)),
        (None, false) => Ok(Framing::Length(0)),
    }
}

/// `1*DIGIT`, nothing else, below hyper's maximum.
fn content_length(value: &[u8]) -> Option<u64> {
    if value.is_empty() || value.len() > 18 || !value.iter().all(u8::is_ascii_digit) {
        return None;
    }
    std::str::from_utf8(value).ok()?.parse().ok()
}

/// What part of the head httparse refused.
fn describe(e: httparse::Error, req: &httparse::Request<'_, '_>) -> &'static str {
    match e {
        httparse::Error::HeaderName => "header name",
        httparse::Error::HeaderValue => "header value",
        httparse::Error::NewLine => "line ending",
        httparse::Error::Status => "request line",
        httparse::Error::Token if req.method.is_none() => "method",
        httparse::Error::Token => "request target",
        httparse::Error::TooManyHeaders => "too many headers",
        httparse::Error::Version => "HTTP version",
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

    fn head(text: &str) -> Result<Option<Head>, Problem> {
        parse(text.as_bytes(), 16 * 1024)
    }

    #[test]
    fn accepts_ordinary_heads() {
        let text = "POST /v1/forms/x/validate?dry_run=true HTTP/1.1\r\nHost: a\r\nContent-Length: 12\r\n\r\n{}";
        let h = head(text).unwrap().unwrap();
        assert_eq!(h.framing, Framing::Length(12));
        assert_eq!(h.len, text.len() - 2);
        let h = head("POST / HTTP/1.1\r\nTransfer-Encoding: Chunked\r\n\r\n")
            .unwrap()
            .unwrap();
        assert_eq!(h.framing, Framing::Chunked(Chunked::new()));
        assert_eq!(
            head("GET / HTTP/1.0\r\n\r\n").unwrap().unwrap().framing,
            Framing::Length(0)
        );
        assert_eq!(head("GET / HTTP/1.1\r\nHost: a\r\n"), Ok(None));
    }

    #[test]
    fn refuses_what_issue_15_found_hyper_answering_with_an_empty_400() {
        let bad = |what: &str, text: &str, problem: Problem| {
            assert_eq!(head(text), Err(problem), "{what}");
        };
        let header = |what: &'static str| Problem::BadHead(what);
        bad(
            "obs-fold",
            "GET / HTTP/1.1\r\nX: a\r\n b\r\n\r\n",
            header("header name"),
        );
        bad(
            "NUL in a value",
            "GET / HTTP/1.1\r\nX: a\0b\r\n\r\n",
            header("header value"),
        );
        bad(
            "space in a name",
            "GET / HTTP/1.1\r\nX Y: a\r\n\r\n",
            header("header name"),
        );
        bad(
            "negative length",
            "POST / HTTP/1.1\r\nContent-Length: -1\r\n\r\n",
            header("Content-Length"),
        );
        bad(
            "differing lengths",
            "POST / HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n",
            header("Content-Length"),
        );
        bad(
            "unknown coding",
            "POST / HTTP/1.1\r\nTransfer-Encoding: gzip\r\n\r\n",
            header("Transfer-Encoding"),
        );
        bad(
            "both framings",
            "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\n",
            header("Content-Length"),
        );
        bad(
            "HTTP/1.0 chunked",
            "POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n",
            header("Transfer-Encoding"),
        );
        bad(
            "HTTP/2 preface",
            "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n",
            Problem::HttpVersion,
        );
        bad(
            "a tunnel",
            "CONNECT a:443 HTTP/1.1\r\n\r\n",
            Problem::MethodNotAllowed,
        );
        bad("garbage", "\u{1}\u{2}\u{3}\r\n\r\n", header("method"));
    }

    #[test]
    fn bounds_the_head() {
        let many: String = (0..=MAX_HEADERS).map(|i| format!("x{i}: y\r\n")).collect();
        assert_eq!(
            head(&format!("GET / HTTP/1.1\r\n{many}\r\n")),
            Err(Problem::HeadTooLarge(16 * 1024))
        );
        let long = "a".repeat(20_000);
        assert_eq!(
            head(&format!("GET /{long} HTTP/1.1\r\n")),
            Err(Problem::UriTooLong)
        );
        assert_eq!(
            head(&format!("GET / HTTP/1.1\r\nx: {long}\r\n")),
            Err(Problem::HeadTooLarge(16 * 1024))
        );
    }
}
