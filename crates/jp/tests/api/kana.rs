use shinsei_jp::kana::{KanaError, is_katakana, normalize_katakana, normalize_zengin};

fn kata(s: &str) -> Result<String, KanaError> {
    normalize_katakana(s)
}

#[test]
fn hiragana_becomes_katakana() {
    assert_eq!(
        kata("きょうかい たろう"),
        Ok("キョウカイ\u{3000}タロウ".into())
    );
    assert_eq!(kata("ゔぁゕゖゝゞ"), Ok("ヴァヵヶヽヾ".into()));
}

#[test]
fn half_width_is_widened_and_marks_composed() {
    assert_eq!(kata("ｶﾞｷﾞｸﾞｹﾞｺﾞ"), Ok("ガギグゲゴ".into()));
    assert_eq!(kata("ﾊﾟﾋﾟﾌﾟﾍﾟﾎﾟ"), Ok("パピプペポ".into()));
    assert_eq!(kata("ﾊﾞﾋﾞﾌﾞﾍﾞﾎﾞ"), Ok("バビブベボ".into()));
    assert_eq!(kata("ｳﾞｨｯﾄﾘｵ"), Ok("ヴィットリオ".into()));
    assert_eq!(kata("ｻﾄｳ ｼﾞﾛｰ"), Ok("サトウ\u{3000}ジロー".into()));
    assert_eq!(kata("ﾂﾞﾃﾞﾄﾞﾁﾞ"), Ok("ヅデドヂ".into()));
    assert_eq!(kata("ｦﾝ･"), Ok("ヲン・".into()));
    // Combining marks (NFD input) and spacing marks after full-width kana.
    assert_eq!(kata("カ\u{3099}ハ\u{309A}か\u{3099}"), Ok("ガパガ".into()));
    assert_eq!(kata("ハ゛ハ゜"), Ok("バパ".into()));
}

#[test]
fn half_width_table() {
    let all: String = ('\u{FF66}'..='\u{FF9D}').collect();
    assert_eq!(
        kata(&all),
        Ok("ヲァィゥェォャュョッーアイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワン".into())
    );
    let punct: String = ('\u{FF61}'..='\u{FF65}').collect();
    assert_eq!(
        kata(&punct),
        Err(KanaError::Invalid {
            ch: '。', index: 0
        })
    );
    assert_eq!(
        kata("\u{FF62}"),
        Err(KanaError::Invalid {
            ch: '「', index: 0
        })
    );
    assert_eq!(
        kata("\u{FF63}"),
        Err(KanaError::Invalid {
            ch: '」', index: 0
        })
    );
    assert_eq!(
        kata("\u{FF64}"),
        Err(KanaError::Invalid {
            ch: '、', index: 0
        })
    );
}

#[test]
fn stray_marks_are_errors() {
    assert_eq!(
        kata("ｱﾞ"),
        Err(KanaError::Invalid {
            ch: '゛', index: 1
        })
    );
    assert_eq!(
        kata("ﾟｱ"),
        Err(KanaError::Invalid {
            ch: '゜', index: 0
        })
    );
    assert_eq!(
        kata("ガﾞ"),
        Err(KanaError::Invalid {
            ch: '゛', index: 1
        })
    );
    assert_eq!(
        kata("ｶﾟ"),
        Err(KanaError::Invalid {
            ch: '゜', index: 1
        })
    );
}

#[test]
fn spaces_are_trimmed_and_collapsed() {
    assert_eq!(
        kata("  ヤマダ \u{3000}  タロウ\u{3000}"),
        Ok("ヤマダ\u{3000}タロウ".into())
    );
    assert_eq!(kata("ヤマダ\tタロウ"), Ok("ヤマダ\u{3000}タロウ".into()));
    assert_eq!(kata(""), Ok(String::new()));
    assert_eq!(kata(" \u{3000} "), Ok(String::new()));
}

#[test]
fn keeps_choonpu_nakaguro_and_iteration_marks() {
    assert_eq!(kata("ジョン・スミス"), Ok("ジョン・スミス".into()));
    assert_eq!(kata("サヽキ"), Ok("サヽキ".into()));
    assert_eq!(kata("ヷヸヹヺ"), Ok("ヷヸヹヺ".into()));
}

#[test]
fn reports_the_first_invalid_char_at_its_normalized_index() {
    assert_eq!(
        kata("協会"),
        Err(KanaError::Invalid {
            ch: '協', index: 0
        })
    );
    // ｶﾞ composes to one char, so 'A' is at index 1.
    assert_eq!(kata("ｶﾞA"), Err(KanaError::Invalid { ch: 'A', index: 1 }));
    assert_eq!(
        kata(" ヤマダ  1"),
        Err(KanaError::Invalid { ch: '1', index: 4 })
    );
    assert_eq!(
        kata("ヤマダ-"),
        Err(KanaError::Invalid { ch: '-', index: 3 })
    );
    assert_eq!(
        kata("ヤマダ。"),
        Err(KanaError::Invalid {
            ch: '。', index: 3
        })
    );
    assert_eq!(
        kata("ｱ｡"),
        Err(KanaError::Invalid {
            ch: '。', index: 1
        })
    );
    assert_eq!(
        kata("ア\u{0}"),
        Err(KanaError::Invalid {
            ch: '\u{0}',
            index: 1
        })
    );
    assert_eq!(
        KanaError::Invalid {
            ch: '協', index: 0
        }
        .to_string(),
        "`協` at 0 is not full-width katakana"
    );
}

#[test]
fn is_katakana_means_already_normalized() {
    assert!(is_katakana("キョウカイ\u{3000}タロウ"));
    assert!(is_katakana("ジョン・スミス"));
    assert!(!is_katakana(""));
    assert!(!is_katakana("きょうかい"));
    assert!(!is_katakana("ｷｮｳｶｲ"));
    assert!(!is_katakana("キョウカイ タロウ"));
    assert!(!is_katakana("キョウカイ\u{3000}\u{3000}タロウ"));
    assert!(!is_katakana("\u{3000}タロウ"));
    assert!(!is_katakana("協会"));
}

#[test]
fn zengin_uses_large_kana_and_upper_ascii() {
    assert_eq!(
        normalize_zengin("ｷｮｳｶｲ ｼｮｳｼﾞ"),
        Ok("キヨウカイ\u{3000}シヨウジ".into())
    );
    assert_eq!(
        normalize_zengin("ァィゥェォッャュョヮヵヶ"),
        Ok("アイウエオツヤユヨワカケ".into())
    );
    assert_eq!(normalize_zengin("ゔぃっとりお"), Ok("ヴイツトリオ".into()));
    assert_eq!(normalize_zengin("abc ＸＹＺ"), Ok("ABC\u{3000}XYZ".into()));
    assert_eq!(normalize_zengin("０１２3"), Ok("0123".into()));
    assert_eq!(
        normalize_zengin("カ）ショウジ（ユ．－／"),
        Ok("カ)シヨウジ(ユ.-/".into())
    );
    assert_eq!(
        normalize_zengin("コーヒー ｺｰﾋｰ"),
        Ok("コーヒー\u{3000}コーヒー".into())
    );
    assert_eq!(
        normalize_zengin("  ヤマダ   タロウ "),
        Ok("ヤマダ\u{3000}タロウ".into())
    );
    assert_eq!(normalize_zengin(""), Ok(String::new()));
}

#[test]
fn zengin_rejects_what_banks_reject() {
    let not = |s: &str, ch: char, index: usize| {
        assert_eq!(
            normalize_zengin(s),
            Err(KanaError::NotZengin { ch, index }),
            "{s}"
        );
    };
    not("ヤマダ・タロウ", '・', 3);
    not("ヤマダ,タロウ", ',', 3);
    not("ヤマダ、タロウ", '、', 3);
    not("山田", '山', 0);
    not("ヤマダ&", '&', 3);
    not("ヰヱ", 'ヰ', 0);
    not("ヷ", 'ヷ', 0);
    not("サヽキ", 'ヽ', 1);
    not("ｱﾞ", '゛', 1);
}
