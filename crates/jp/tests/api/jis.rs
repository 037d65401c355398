//! JIS X 0208 membership against an independent implementation: the EUC-JP
//! encoder of encoding_rs (the WHATWG Encoding Standard). A character is JIS
//! X 0208 when it encodes to two bytes in rows 1–8 or 16–84.

use shinsei_jp::jis::{JisError, instead_of, is_jis_x0208, normalize_jis};

/// The JIS row of `c` by the EUC-JP encoder, if it encodes to two bytes.
fn euc_jp_row(c: char) -> Option<u8> {
    let mut buf = [0u8; 4];
    let (bytes, _, unmappable) = encoding_rs::EUC_JP.encode(c.encode_utf8(&mut buf));
    match (unmappable, &bytes[..]) {
        (false, [b1 @ 0xA1..=0xFE, 0xA1..=0xFE]) => Some(b1 - 0xA0),
        _ => None,
    }
}

/// The symbols with two Unicode mappings, JIS's own and Microsoft's: the
/// WHATWG encoder knows one side of each pair.
const TWO_MAPPINGS: [(char, char); 6] = [
    ('\u{301C}', '\u{FF5E}'), // 〜 WAVE DASH
    ('\u{2016}', '\u{2225}'), // ‖ DOUBLE VERTICAL LINE
    ('\u{2212}', '\u{FF0D}'), // − MINUS SIGN
    ('\u{00A2}', '\u{FFE0}'), // ¢
    ('\u{00A3}', '\u{FFE1}'), // £
    ('\u{00AC}', '\u{FFE2}'), // ¬
];

#[test]
fn the_set_is_jis_x0208_exactly() {
    let mut count = 0;
    for cp in 0..=0x10FFFF_u32 {
        let Some(c) = char::from_u32(cp) else {
            continue;
        };
        let row = euc_jp_row(c);
        let jis = row.is_some_and(|r| (1..=8).contains(&r) || (16..=84).contains(&r));
        let other_mapping = TWO_MAPPINGS.iter().any(|(a, b)| *a == c || *b == c);
        if is_jis_x0208(c) {
            count += 1;
            assert!(
                jis || other_mapping,
                "{c:?} U+{cp:04X} is not JIS X 0208 (row {row:?})"
            );
        } else {
            assert!(!jis, "{c:?} U+{cp:04X} is JIS X 0208 (row {row:?})");
        }
    }
    // 524 non-kanji + 2,965 level-1 + 3,390 level-2 kanji, and the second
    // mapping of the six symbols.
    assert_eq!(count, 6_879 + 6);
}

#[test]
fn the_usual_variants_are_outside_and_point_inside() {
    let variants = [
        ('髙', '高'),
        ('﨑', '崎'),
        ('𠮷', '吉'),
        ('德', '徳'),
        ('桒', '桑'),
        ('濵', '濱'),
        ('栁', '柳'),
        ('曻', '昇'),
        ('昻', '昂'),
        ('﨔', '欅'),
        ('剝', '剥'),
        ('頰', '頬'),
        ('𠮟', '叱'),
        ('塡', '填'),
    ];
    for (c, s) in variants {
        assert!(!is_jis_x0208(c), "{c}");
        assert!(is_jis_x0208(s), "{s}");
        assert_eq!(instead_of(c), Some(s), "{c}");
        assert_eq!(
            normalize_jis(&format!("山{c}")).unwrap_err().instead,
            Some(s)
        );
    }
    assert_eq!(instead_of('高'), None);
}

/// Every compatibility ideograph whose canonical equivalent (NFC, by
/// unicode-normalization) is a JIS X 0208 kanji is read as that kanji; the
/// others stay outside.
#[test]
fn compatibility_ideographs_are_read_as_their_unified_kanji() {
    use unicode_normalization::UnicodeNormalization;
    let mut unified = 0;
    for cp in (0xF900..=0xFAFF_u32).chain(0x2F800..=0x2FA1F) {
        let Some(c) = char::from_u32(cp) else {
            continue;
        };
        let nfc: Vec<char> = c.to_string().nfc().collect();
        match nfc[..] {
            [u] if u != c && is_jis_x0208(u) => {
                unified += 1;
                assert_eq!(
                    normalize_jis(&c.to_string()),
                    Ok(u.to_string()),
                    "U+{cp:04X}"
                );
            }
            _ => assert!(normalize_jis(&c.to_string()).is_err(), "U+{cp:04X}"),
        }
    }
    assert_eq!(unified, 602);
    assert_eq!(
        normalize_jis("\u{FA10}本 \u{FA19}奈").unwrap(),
        "塚本\u{3000}神奈"
    );
}

#[test]
fn names_are_widened_and_checked() {
    assert_eq!(normalize_jis(" 協会　太郎 ").unwrap(), "協会\u{3000}太郎");
    assert_eq!(normalize_jis("ｷｮｳｶｲ ﾊﾞﾊﾟ").unwrap(), "キョウカイ\u{3000}バパ");
    assert_eq!(normalize_jis("山田 さくら").unwrap(), "山田\u{3000}さくら");
    assert_eq!(
        normalize_jis("John Smith").unwrap(),
        "Ｊｏｈｎ\u{3000}Ｓｍｉｔｈ"
    );
    assert_eq!(
        normalize_jis("吉田 𠮷男"),
        Err(JisError {
            ch: '𠮷',
            at: 3,
            instead: Some('吉')
        })
    );
    assert_eq!(
        normalize_jis("花子😀").unwrap_err(),
        JisError {
            ch: '😀',
            at: 2,
            instead: None
        }
    );
}
