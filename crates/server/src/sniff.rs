//! What an uploaded file really is: the type from its magic bytes (PDF, JPEG,
//! PNG) and, for images, the pixel size from the headers (PNG `IHDR`, JPEG
//! `SOFn`). Total functions over untrusted bytes: every read is bounds-checked.

use shinsei_ir::MediaType;

/// PNG's 8-byte signature.
const PNG_SIGNATURE: [u8; 8] = [0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A];

/// The type the bytes start like, if PDF, JPEG or PNG.
pub fn media_type(bytes: &[u8]) -> Option<MediaType> {
    if bytes.starts_with(b"%PDF-") {
        Some(MediaType::Pdf)
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some(MediaType::Jpeg)
    } else if bytes.starts_with(&PNG_SIGNATURE) {
        Some(MediaType::Png)
    } else {
        None
    }
}

/// Width and height in pixels of a PNG or JPEG; `None` when the header is
/// truncated or corrupt (or the type has no pixels).
pub fn dimensions(media: MediaType, bytes: &[u8]) -> Option<(u32, u32)> {
    match media {
        MediaType::Png => png_dimensions(bytes),
        MediaType::Jpeg => jpeg_dimensions(bytes),
        MediaType::Pdf => None,
    }
}

fn be16(bytes: &[u8], at: usize) -> Option<u16> {
    let b = bytes.get(at..at.checked_add(2)?)?;
    Some(u16::from_be_bytes([*b.first()?, *b.get(1)?]))
}

fn be32(bytes: &[u8], at: usize) -> Option<u32> {
    let b = bytes.get(at..at.checked_add(4)?)?;
    Some(u32::from_be_bytes(b.try_into().ok()?))
}

/// The first chunk of a PNG must be `IHDR`: length 13, then width, height.
fn png_dimensions(bytes: &[u8]) -> Option<(u32, u32)> {
    if !bytes.starts_with(&PNG_SIGNATURE) || be32(bytes, 8)? != 13 {
        return None;
    }
    if bytes.get(12..16)? != b"IHDR" {
        return None;
    }
    Some((be32(bytes, 16)?, be32(bytes, 20)?))
}

/// Walks the JPEG markers to the first start-of-frame (SOF0–SOF15 but DHT,
/// JPG and DAC): length, precision, height, width.
fn jpeg_dimensions(bytes: &[u8]) -> Option<(u32, u32)> {
    if !bytes.starts_with(&[0xFF, 0xD8]) {
        return None;
    }
    let mut at = 2_usize;
    loop {
        // Markers are 0xFF followed by a code; any number of 0xFF fill bytes.
        if *bytes.get(at)? != 0xFF {
            return None;
        }
        while *bytes.get(at)? == 0xFF {
            at = at.checked_add(1)?;
        }
        let marker = *bytes.get(at)?;
        at = at.checked_add(1)?;
        match marker {
            // Standalone markers: TEM, RSTn (no length).
            0x01 | 0xD0..=0xD7 => continue,
            // End of image or start of scan before any frame header.
            0xD9 | 0xDA => return None,
            0xC0..=0xCF if !matches!(marker, 0xC4 | 0xC8 | 0xCC) => {
                let height = be16(bytes, at.checked_add(3)?)?;
                let width = be16(bytes, at.checked_add(5)?)?;
                return Some((u32::from(width), u32::from(height)));
            }
            _ => {
                let len = usize::from(be16(bytes, at)?);
                if len < 2 {
                    return None;
                }
                at = at.checked_add(len)?;
            }
        }
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

    /// A minimal PNG header (signature + IHDR) of `w`×`h`.
    fn png(w: u32, h: u32) -> Vec<u8> {
        let mut v = PNG_SIGNATURE.to_vec();
        v.extend_from_slice(&13_u32.to_be_bytes());
        v.extend_from_slice(b"IHDR");
        v.extend_from_slice(&w.to_be_bytes());
        v.extend_from_slice(&h.to_be_bytes());
        v.extend_from_slice(&[8, 6, 0, 0, 0]);
        v
    }

    /// A JPEG with an APP0 segment, then SOF2 of `w`×`h`.
    fn jpeg(w: u16, h: u16) -> Vec<u8> {
        let mut v = vec![0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10];
        v.extend_from_slice(b"JFIF\0\x01\x01\0\0\x01\0\x01\0\0");
        v.extend_from_slice(&[0xFF, 0xFF, 0xC2, 0x00, 0x11, 0x08]);
        v.extend_from_slice(&h.to_be_bytes());
        v.extend_from_slice(&w.to_be_bytes());
        v.extend_from_slice(&[3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1]);
        v
    }

    #[test]
    fn sniffs_the_three_types() {
        assert_eq!(media_type(b"%PDF-1.7\n"), Some(MediaType::Pdf));
        assert_eq!(media_type(&jpeg(1, 1)), Some(MediaType::Jpeg));
        assert_eq!(media_type(&png(1, 1)), Some(MediaType::Png));
        assert_eq!(media_type(b"GIF89a"), None);
        assert_eq!(media_type(b""), None);
        assert_eq!(media_type(b"%PDF"), None);
    }

    #[test]
    fn reads_png_and_jpeg_sizes() {
        assert_eq!(
            dimensions(MediaType::Png, &png(1024, 768)),
            Some((1024, 768))
        );
        assert_eq!(
            dimensions(MediaType::Jpeg, &jpeg(640, 9000)),
            Some((640, 9000))
        );
        assert_eq!(dimensions(MediaType::Pdf, b"%PDF-1.4"), None);
    }

    #[test]
    fn truncated_or_corrupt_headers_are_none() {
        // Cut before the width and height: nothing; after: the size.
        let p = png(10, 10);
        for n in 0..p.len() {
            let want = (n >= 24).then_some((10, 10));
            assert_eq!(png_dimensions(&p[..n]), want, "png cut at {n}");
        }
        let j = jpeg(10, 10);
        let end = j.len() - 10;
        for n in 0..j.len() {
            let want = (n >= end).then_some((10, 10));
            assert_eq!(jpeg_dimensions(&j[..n]), want, "jpeg cut at {n}");
        }
        // A zero-length segment must not loop forever.
        assert_eq!(jpeg_dimensions(&[0xFF, 0xD8, 0xFF, 0xE0, 0, 0]), None);
        // Scan before any frame header.
        assert_eq!(jpeg_dimensions(&[0xFF, 0xD8, 0xFF, 0xDA, 0, 2]), None);
        let mut bad = png(10, 10);
        bad[12] = b'X';
        assert_eq!(png_dimensions(&bad), None);
    }

    #[test]
    fn arbitrary_bytes_never_panic() {
        // A cheap deterministic fuzz: every prefix of pseudo-random bytes
        // behind each magic.
        let mut x: u32 = 0x1234_5678;
        let mut noise = Vec::new();
        for _ in 0..4096 {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            noise.push((x & 0xFF) as u8);
        }
        for magic in [&[0xFF_u8, 0xD8, 0xFF][..], &PNG_SIGNATURE[..]] {
            let mut v = magic.to_vec();
            v.extend_from_slice(&noise);
            for n in (0..v.len()).step_by(7) {
                let _ = jpeg_dimensions(&v[..n]);
                let _ = png_dimensions(&v[..n]);
            }
        }
    }
}
