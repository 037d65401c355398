use shinsei_jp::yucho::{
    AccountKind, TransferAccount, YUCHO_BANK_CODE, branch_code_from_name, is_transfer_branch,
    kana_branch_name, kanji_branch_name, transfer_account, transfer_account_from_bango,
    transfer_branch_from_kigo,
};

#[test]
fn branch_from_kigo() {
    assert_eq!(YUCHO_BANK_CODE, "9900");
    assert_eq!(
        transfer_branch_from_kigo("10180"),
        Some(("018".into(), AccountKind::Ordinary))
    );
    assert_eq!(
        transfer_branch_from_kigo("14090"),
        Some(("408".into(), AccountKind::Ordinary))
    );
    assert_eq!(
        transfer_branch_from_kigo("00120"),
        Some(("019".into(), AccountKind::Current))
    );
    for bad in ["20180", "1018", "101800", "1018a", "", "１０１８０"] {
        assert_eq!(transfer_branch_from_kigo(bad), None, "{bad:?}");
    }
}

#[test]
fn account_from_bango() {
    assert_eq!(
        transfer_account_from_bango("12345671").as_deref(),
        Some("1234567")
    );
    assert_eq!(
        transfer_account_from_bango("1234561").as_deref(),
        Some("0123456")
    );
    assert_eq!(
        transfer_account_from_bango("21").as_deref(),
        Some("0000002")
    );
    for bad in [
        "12345678",
        "123456781",
        "1",
        "",
        "1234567a1",
        "１２３４５６７１",
    ] {
        assert_eq!(transfer_account_from_bango(bad), None, "{bad:?}");
    }
}

#[test]
fn whole_accounts() {
    assert_eq!(
        transfer_account("10180", "12345671"),
        Some(TransferAccount {
            branch: "018".into(),
            kind: AccountKind::Ordinary,
            number: "1234567".into()
        })
    );
    assert_eq!(
        transfer_account("00120", "123456"),
        Some(TransferAccount {
            branch: "019".into(),
            kind: AccountKind::Current,
            number: "0123456".into()
        })
    );
    assert_eq!(transfer_account("00120", "1234567"), None);
    assert_eq!(transfer_account("10180", "12345670"), None);
}

#[test]
fn transfer_branch_kinds() {
    assert_eq!(is_transfer_branch("018"), Some(AccountKind::Ordinary));
    assert_eq!(is_transfer_branch("019"), Some(AccountKind::Current));
    for bad in ["010", "18", "0188", "01a", ""] {
        assert_eq!(is_transfer_branch(bad), None, "{bad:?}");
    }
    assert_eq!(
        (AccountKind::Ordinary.code(), AccountKind::Ordinary.name()),
        ("1", "普通")
    );
    assert_eq!(
        (AccountKind::Current.code(), AccountKind::Current.name()),
        ("2", "当座")
    );
}

#[test]
fn branch_names() {
    assert_eq!(kanji_branch_name("018").as_deref(), Some("〇一八"));
    assert_eq!(kanji_branch_name("987").as_deref(), Some("九八七"));
    assert_eq!(kanji_branch_name("18"), None);
    assert_eq!(kanji_branch_name("0a8"), None);
    assert_eq!(kana_branch_name("018").as_deref(), Some("ゼロイチハチ"));
    assert_eq!(kana_branch_name("459").as_deref(), Some("ヨンゴキユウ"));
    assert_eq!(branch_code_from_name("〇一八").as_deref(), Some("018"));
    assert_eq!(branch_code_from_name(" ０１８ ").as_deref(), Some("018"));
    assert_eq!(branch_code_from_name("〇一"), None);
    assert_eq!(branch_code_from_name("〇一八支店"), None);
    for code in 0..1000 {
        let code = format!("{code:03}");
        assert_eq!(
            branch_code_from_name(&kanji_branch_name(&code).unwrap()),
            Some(code)
        );
    }
}
