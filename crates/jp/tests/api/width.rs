use shinsei_jp::width::{fold_char, to_ascii_width, trim_spaces};

#[test]
fn folds_full_width_ascii() {
    assert_eq!(to_ascii_width("ＡＢＣｘｙｚ０１２！～"), "ABCxyz012!~");
    assert_eq!(to_ascii_width("２０２６－０１－０５"), "2026-01-05");
    assert_eq!(to_ascii_width("a\u{3000}b"), "a b");
}

#[test]
fn folds_only_hyphen_like_dashes() {
    for c in [
        '\u{2010}', '\u{2011}', '\u{2012}', '\u{2013}', '\u{2212}', '\u{FF0D}',
    ] {
        assert_eq!(fold_char(c), '-', "{c:?}");
    }
    // The katakana 長音, half-width ｰ, em dash and ― are not hyphens.
    for c in ['ー', 'ｰ', '\u{2014}', '\u{2015}', '〜'] {
        assert_eq!(fold_char(c), c, "{c:?}");
    }
    assert_eq!(to_ascii_width("コーヒー"), "コーヒー");
}

#[test]
fn leaves_kana_and_kanji() {
    assert_eq!(to_ascii_width("令和７年ｶﾀｶﾅ"), "令和7年ｶﾀｶﾅ");
}

#[test]
fn trims_ascii_and_ideographic_spaces() {
    assert_eq!(
        trim_spaces(" \t\u{3000}東京\u{3000}支部 \n"),
        "東京\u{3000}支部"
    );
    assert_eq!(trim_spaces("\u{3000}\u{3000}"), "");
    assert_eq!(trim_spaces(""), "");
}
