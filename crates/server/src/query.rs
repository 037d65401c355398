//! Query strings, parsed by hand so that a bad one gets our JSON error (which
//! names the parameter, never its value) rather than a deserializer's message
//! that may echo the input.

use std::borrow::Cow;

use chrono::{DateTime, FixedOffset};
use shinsei_runtime::Lang;

use crate::error::{ApiError, Problem};

/// The parameters the API knows; each route accepts a subset.
#[derive(Clone, Debug, Default)]
pub struct Query {
    /// `version=`: a form version.
    pub version: Option<String>,
    /// `lang=ja|en`: message language.
    pub lang: Lang,
    /// `dry_run=true|false`: validate without filing; allows `now`.
    pub dry_run: bool,
    /// `now=` (RFC 3339): the validation instant of a dry run, or the
    /// instant whose version a description is asked for.
    pub now: Option<DateTime<FixedOffset>>,
    /// `file_name=`: the uploaded file's name (attachments).
    pub file_name: Option<String>,
    /// `canonical=true|false`: the canonical schema instead of the input one.
    pub canonical: bool,
    /// `basis=true|false`: the legal basis next to each issue that has one.
    pub basis: bool,
    /// `returned=true|false`: the 返戻理由のお知らせ instead of the
    /// entered contents (render).
    pub returned: bool,
    /// `input=envelope|application`: the body is an application file
    /// (申請ファイル) rather than an envelope (render).
    pub application: bool,
}

/// Which parameters a route takes.
#[derive(Clone, Copy, Debug)]
pub struct Accepts {
    /// `version`.
    pub version: bool,
    /// `dry_run`.
    pub dry_run: bool,
    /// `now`; on a route that takes `dry_run`, only in a dry run.
    pub now: bool,
    /// `file_name`.
    pub file_name: bool,
    /// `canonical`.
    pub canonical: bool,
    /// `basis`.
    pub basis: bool,
    /// `returned`.
    pub returned: bool,
    /// `input`.
    pub input: bool,
}

/// Parses `raw` (the part after `?`); `lang` is always accepted.
pub fn parse(raw: Option<&str>, accepts: Accepts) -> Result<Query, ApiError> {
    let mut q = Query::default();
    let mut now_text = None;
    let pairs = raw.unwrap_or("").split('&').filter(|p| !p.is_empty());
    // The language comes first so that every later error is in it.
    for pair in pairs.clone() {
        let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
        if k == "lang" {
            q.lang = match decode(v).as_deref() {
                Some("ja") => Lang::Ja,
                Some("en") => Lang::En,
                _ => return Err(ApiError::new(Problem::Query("lang"))),
            };
        }
    }
    let bad = |name: &'static str| ApiError::new(Problem::Query(name)).lang(q.lang);
    // A parameter given twice has no one meaning (which one would win is a
    // guess), so it is refused.
    let mut seen: Vec<&str> = Vec::new();
    for pair in pairs {
        let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
        let value = || decode(v).map(Cow::into_owned);
        if let Some(name) = [
            "lang",
            "version",
            "file_name",
            "dry_run",
            "now",
            "returned",
            "input",
        ]
        .into_iter()
        .find(|n| *n == k)
        {
            if seen.contains(&name) {
                return Err(ApiError::new(Problem::QueryRepeated(name)).lang(q.lang));
            }
            seen.push(name);
        }
        match k {
            "lang" => {}
            "version" if accepts.version => {
                q.version = Some(value().ok_or_else(|| bad("version"))?)
            }
            "file_name" if accepts.file_name => {
                q.file_name = Some(value().ok_or_else(|| bad("file_name"))?);
            }
            "dry_run" if accepts.dry_run => {
                q.dry_run = match decode(v).as_deref() {
                    Some("true" | "1" | "") => true,
                    Some("false" | "0") => false,
                    _ => return Err(bad("dry_run")),
                };
            }
            "now" if accepts.now => now_text = Some(value().ok_or_else(|| bad("now"))?),
            "canonical" if accepts.canonical => {
                q.canonical = match decode(v).as_deref() {
                    Some("true" | "1" | "") => true,
                    Some("false" | "0") => false,
                    _ => return Err(bad("canonical")),
                };
            }
            "basis" if accepts.basis => {
                q.basis = match decode(v).as_deref() {
                    Some("true" | "1" | "") => true,
                    Some("false" | "0") => false,
                    _ => return Err(bad("basis")),
                };
            }
            "returned" if accepts.returned => {
                q.returned = match decode(v).as_deref() {
                    Some("true" | "1" | "") => true,
                    Some("false" | "0") => false,
                    _ => return Err(bad("returned")),
                };
            }
            "input" if accepts.input => {
                q.application = match decode(v).as_deref() {
                    Some("application") => true,
                    Some("envelope") => false,
                    _ => return Err(bad("input")),
                };
            }
            _ => return Err(ApiError::new(Problem::QueryUnknown).lang(q.lang)),
        }
    }
    if let Some(text) = now_text {
        // `now` only in a dry run: a filed submission is judged at the server's time.
        if accepts.dry_run && !q.dry_run {
            return Err(bad("now"));
        }
        q.now = Some(shinsei_jp::instant::parse_date_time(&text).ok_or_else(|| bad("now"))?);
    }
    Ok(q)
}

/// Percent-decoding (`+` is a space); `None` for bad escapes or invalid UTF-8.
fn decode(s: &str) -> Option<Cow<'_, str>> {
    if !s.bytes().any(|b| b == b'%' || b == b'+') {
        return Some(Cow::Borrowed(s));
    }
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'+' => out.push(b' '),
            b'%' => {
                let hex = bytes.get(i.checked_add(1)?..i.checked_add(3)?)?;
                let hex = std::str::from_utf8(hex).ok()?;
                out.push(u8::from_str_radix(hex, 16).ok()?);
                i = i.checked_add(2)?;
            }
            _ => out.push(b),
        }
        i = i.checked_add(1)?;
    }
    String::from_utf8(out).ok().map(Cow::Owned)
}

#[cfg(test)]
#[allow(
    clippy::unwrap_used,
    clippy::indexing_slicing,
    reason = "tests may panic"
)]
mod tests {
    use super::*;

    const ALL: Accepts = Accepts {
        version: true,
        dry_run: true,
        now: true,
        file_name: true,
        canonical: true,
        basis: true,
        returned: true,
        input: true,
    };

    #[test]
    fn parses_and_decodes() {
        let q = parse(
            Some("version=2026.1&lang=en&dry_run=true&now=2026-03-02T10%3A00%3A00%2B09%3A00&file_name=a+b%E3%81%82.pdf&canonical=true&basis=1&returned&input=application"),
            ALL,
        )
        .unwrap();
        assert!(q.returned);
        assert!(q.application);
        assert!(q.canonical);
        assert!(q.basis);
        assert_eq!(q.version.as_deref(), Some("2026.1"));
        assert_eq!(q.lang, Lang::En);
        assert!(q.dry_run);
        assert_eq!(q.now.unwrap().to_rfc3339(), "2026-03-02T10:00:00+09:00");
        assert_eq!(q.file_name.as_deref(), Some("a bあ.pdf"));
    }

    #[test]
    fn refuses_bad_parameters_by_name() {
        let code = |raw: &str| parse(Some(raw), ALL).unwrap_err().message();
        assert!(
            code("now=2026-03-02T10:00:00Z").contains("now"),
            "now without dry_run"
        );
        assert!(code("dry_run=true&now=yesterday").contains("now"));
        assert!(code("lang=fr").contains("lang"));
        assert!(code("canonical=yes").contains("canonical"));
        assert!(code("basis=yes").contains("basis"));
        assert!(code("returned=yes").contains("returned"));
        assert!(code("input=pdf").contains("input"));
        assert!(
            code("returned&returned=false").contains("returned"),
            "given twice"
        );
        assert!(code("version=%ZZ").contains("version"));
        assert!(code("version=%FF").contains("version"), "invalid UTF-8");
        assert!(code("verison=1").contains("対応していない"));
        let none = Accepts {
            version: false,
            dry_run: false,
            now: false,
            file_name: false,
            canonical: false,
            basis: false,
            returned: false,
            input: false,
        };
        assert!(parse(Some("version=1"), none).is_err());
        assert!(parse(Some("now=2026-03-02T10:00:00Z"), none).is_err());
        assert!(parse(None, none).is_ok());
        let now_alone = Accepts { now: true, ..none };
        let q = parse(Some("now=2026-03-02T10:00:00Z"), now_alone).unwrap();
        assert_eq!(q.now.unwrap().to_rfc3339(), "2026-03-02T10:00:00+00:00");
    }

    #[test]
    fn refuses_a_repeated_parameter() {
        for raw in [
            "version=1&version=2",
            "dry_run=true&dry_run=false",
            "lang=en&lang=ja",
            "dry_run=true&now=2026-03-02T10%3A00%3A00Z&now=2026-03-03T10%3A00%3A00Z",
        ] {
            let e = parse(Some(raw), ALL).unwrap_err();
            assert_eq!((e.status.as_u16(), e.code), (400, "request.query"), "{raw}");
            assert!(e.message().contains("重複"), "{raw}: {}", e.message());
        }
    }
}
