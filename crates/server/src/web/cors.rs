//! CORS: which other origins' pages may call the API from a browser.
//!
//! Off by default: the portal page is served by the service itself (same
//! origin), and a preflight then gets `405 request.method` like any other
//! `OPTIONS`. With origins (`--cors-origin https://portal.example`, repeated,
//! or `*`), every `OPTIONS` preflight is answered `200` by this layer and the
//! allowed origins may `GET` and `POST` with `Content-Type` (JSON),
//! `Accept-Language` and `If-None-Match`, and read `ETag` back; preflights
//! are cached for ten minutes. No credentials: the API has no cookies, and
//! `Authorization` (the admin token) is not allowed from a browser.

use std::fmt;
use std::time::Duration;

use axum::http::{HeaderName, HeaderValue, Method, header};
use tower_http::cors::{AllowOrigin, CorsLayer};

/// The CORS policy.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Cors {
    /// Same origin only (the default).
    #[default]
    Off,
    /// Any origin (`*`).
    Any,
    /// These origins, exactly (`https://portal.example:8443`).
    Origins(Vec<HeaderValue>),
}

/// One `--cors-origin` value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CorsOrigin {
    /// `*`.
    Any,
    /// A serialized origin: `scheme://host[:port]`, lowercase.
    Exact(HeaderValue),
}

impl fmt::Display for CorsOrigin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CorsOrigin::Any => f.write_str("*"),
            CorsOrigin::Exact(v) => f.write_str(v.to_str().unwrap_or("?")),
        }
    }
}

/// Reads one origin as a browser sends it in `Origin`: `http` or `https`,
/// a host, an optional port, nothing after. The message says what to write
/// instead.
pub fn parse_origin(s: &str) -> Result<CorsOrigin, String> {
    let t = s.trim();
    if t == "*" {
        return Ok(CorsOrigin::Any);
    }
    let lower = t.to_ascii_lowercase();
    let Some((scheme, rest)) = lower.split_once("://") else {
        return Err(format!(
            "{s:?} is not an origin: write scheme://host[:port], e.g. https://portal.example"
        ));
    };
    if scheme != "http" && scheme != "https" {
        return Err(format!("{s:?}: the scheme must be http or https"));
    }
    if let Some(cut) = rest.find(['/', '?', '#']) {
        let origin = lower.get(..scheme.len() + 3 + cut).unwrap_or(&lower);
        return Err(format!(
            "{s:?}: an origin has no path, query or trailing slash (write {origin})"
        ));
    }
    // `[::1]:8080` (IPv6 in brackets) or `host:8080`.
    let split = match rest.find(']') {
        Some(end) if rest.starts_with('[') => end + 1,
        _ => rest.rfind(':').unwrap_or(rest.len()),
    };
    let (host, port) = rest.split_at(split);
    let port = port
        .strip_prefix(':')
        .or((!port.is_empty()).then_some(port));
    let host_ok = !host.is_empty()
        && !host.contains('@')
        && host
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '[' | ']' | ':'));
    if !host_ok {
        return Err(format!("{s:?}: not a host name"));
    }
    if let Some(p) = port
        && (p.is_empty() || p.parse::<u16>().is_err())
    {
        return Err(format!("{s:?}: the port must be a number up to 65535"));
    }
    HeaderValue::from_str(&lower)
        .map(CorsOrigin::Exact)
        .map_err(|_| format!("{s:?}: not a header value"))
}

impl Cors {
    /// The policy of the given origins: none is [`Cors::Off`]; `*` may not
    /// be mixed with others.
    pub fn from_origins(origins: &[CorsOrigin]) -> Result<Cors, String> {
        if origins.is_empty() {
            return Ok(Cors::Off);
        }
        if origins.contains(&CorsOrigin::Any) {
            return if origins.len() == 1 {
                Ok(Cors::Any)
            } else {
                Err("--cors-origin '*' allows every origin: give it alone".to_owned())
            };
        }
        let mut list: Vec<HeaderValue> = Vec::new();
        for o in origins {
            if let CorsOrigin::Exact(v) = o
                && !list.contains(v)
            {
                list.push(v.clone());
            }
        }
        Ok(Cors::Origins(list))
    }
}

/// What an allowed origin may do (the same for every origin).
#[derive(Clone, Debug)]
pub struct CorsPolicy {
    /// The methods a page may use.
    pub methods: [Method; 3],
    /// The request headers a page may send.
    pub allow_headers: [HeaderName; 4],
    /// The response headers a page may read besides the safelisted ones.
    pub expose_headers: [HeaderName; 2],
    /// How long a browser may keep a preflight's answer.
    pub max_age: Duration,
}

/// The policy of the CORS layer (and of the OpenAPI document's description).
pub const POLICY: CorsPolicy = CorsPolicy {
    methods: [Method::GET, Method::HEAD, Method::POST],
    // `Content-Encoding`: a page may send its body compressed (gzip, br),
    // which the service reads; it is not a safelisted header.
    allow_headers: [
        header::CONTENT_TYPE,
        header::CONTENT_ENCODING,
        header::ACCEPT_LANGUAGE,
        header::IF_NONE_MATCH,
    ],
    expose_headers: [header::ETAG, HeaderName::from_static("retry-after")],
    max_age: Duration::from_secs(600),
};

/// The layer, or none when CORS is off.
pub(crate) fn layer(cors: &Cors) -> Option<CorsLayer> {
    let allow = match cors {
        Cors::Off => return None,
        Cors::Any => AllowOrigin::any(),
        Cors::Origins(list) => AllowOrigin::list(list.iter().cloned()),
    };
    Some(
        CorsLayer::new()
            .allow_origin(allow)
            .allow_methods(POLICY.methods)
            .allow_headers(POLICY.allow_headers)
            .expose_headers(POLICY.expose_headers)
            .max_age(POLICY.max_age),
    )
}

#[cfg(test)]
#[allow(clippy::unwrap_used, reason = "tests may panic")]
mod tests {
    use super::*;

    fn exact(s: &str) -> CorsOrigin {
        CorsOrigin::Exact(HeaderValue::from_str(s).unwrap())
    }

    #[test]
    fn origins_as_browsers_send_them() {
        assert_eq!(parse_origin("*"), Ok(CorsOrigin::Any));
        assert_eq!(
            parse_origin("https://Portal.Example"),
            Ok(exact("https://portal.example"))
        );
        assert_eq!(
            parse_origin("http://localhost:5173"),
            Ok(exact("http://localhost:5173"))
        );
        assert_eq!(
            parse_origin("http://[::1]:8080"),
            Ok(exact("http://[::1]:8080"))
        );
        assert_eq!(parse_origin("http://[::1]"), Ok(exact("http://[::1]")));
        assert!(parse_origin("http://[::1]x").is_err());
        let slash = parse_origin("https://portal.example/").unwrap_err();
        assert!(slash.contains("write https://portal.example)"), "{slash}");
        assert!(parse_origin("portal.example").is_err());
        assert!(parse_origin("ftp://portal.example").is_err());
        assert!(parse_origin("https://").is_err());
        assert!(parse_origin("https://a:99999").is_err());
        assert!(parse_origin("https://user@a").is_err());
    }

    #[test]
    fn any_stands_alone() {
        assert_eq!(Cors::from_origins(&[]), Ok(Cors::Off));
        assert_eq!(Cors::from_origins(&[CorsOrigin::Any]), Ok(Cors::Any));
        assert!(Cors::from_origins(&[CorsOrigin::Any, exact("https://a")]).is_err());
        let two = Cors::from_origins(&[exact("https://a"), exact("https://a"), exact("https://b")]);
        assert_eq!(
            two,
            Ok(Cors::Origins(vec![
                HeaderValue::from_static("https://a"),
                HeaderValue::from_static("https://b")
            ]))
        );
    }
}
