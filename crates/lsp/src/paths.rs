//! `file://` URIs ↔ paths (percent-encoded UTF-8, so Japanese directory
//! names round-trip), and where the forms a file belongs to are.

use std::path::{Path, PathBuf};

/// The path of a `file://` URI, if it is one.
pub fn uri_to_path(uri: &str) -> Option<PathBuf> {
    let rest = uri.strip_prefix("file://")?;
    // `file:///home/…` (empty authority) or `file://localhost/…`.
    let rest = rest.strip_prefix("localhost").unwrap_or(rest);
    let bytes = percent_decode(rest)?;
    let decoded = String::from_utf8(bytes).ok()?;
    // Windows drive paths come as `/C:/…`.
    let trimmed = match decoded.as_bytes() {
        [b'/', drive, b':', ..] if drive.is_ascii_alphabetic() && cfg!(windows) => &decoded[1..],
        _ => decoded.as_str(),
    };
    Some(PathBuf::from(trimmed))
}

/// The `file://` URI of an absolute path.
pub fn path_to_uri(path: &Path) -> String {
    let s = path.to_string_lossy().replace('\\', "/");
    let mut out = String::from("file://");
    if !s.starts_with('/') {
        out.push('/');
    }
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/:".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn percent_decode(s: &str) -> Option<Vec<u8>> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = s.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    Some(out)
}

/// The directory of forms a `.form` file belongs to: the nearest ancestor
/// with a `shared/` directory (`forms/` for `forms/shobyo_teate/x.form` and
/// for `forms/shared/bank.form`), where `shinsei check` would be run. `None`
/// when there is none: the file is then checked on its own.
pub fn forms_root(file: &Path) -> Option<PathBuf> {
    file.ancestors()
        .skip(1)
        .find(|dir| dir.join("shared").is_dir())
        .map(Path::to_path_buf)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn japanese_paths_round_trip() {
        let p = Path::new("/home/協会/forms/傷病 手当/x.form");
        let uri = path_to_uri(p);
        assert!(uri.is_ascii(), "{uri}");
        assert!(uri.starts_with("file:///home/%E5%8D%94%E4%BC%9A/"), "{uri}");
        assert_eq!(uri_to_path(&uri).as_deref(), Some(p));
        assert_eq!(uri_to_path("untitled:Untitled-1"), None);
    }
}
