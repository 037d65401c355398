use shinsei_jp::insurer::{
    BRANCHES, INSURER_NAME, branch_by_code, branch_by_insurer_number, branch_by_name, check_digit,
    is_valid_insurer_number,
};

#[test]
fn check_digit_examples() {
    assert_eq!(check_digit("0104001"), Some(3));
    assert_eq!(check_digit("0113001"), Some(2));
    assert_eq!(check_digit("0613268"), Some(2));
    assert_eq!(check_digit("0000000"), Some(0));
    for bad in [
        "",
        "010400",
        "01040011",
        "010400a",
        "０１０４００１",
        " 0104001",
        "01040-1",
    ] {
        assert_eq!(check_digit(bad), None, "{bad:?}");
    }
}

#[test]
fn validates_insurer_numbers() {
    for ok in ["01130012", "06132682", "01040013", "01010016", "01470012"] {
        assert!(is_valid_insurer_number(ok), "{ok}");
    }
    for bad in [
        "01130013",
        "0113001",
        "011300120",
        "0113001a",
        "",
        "０１１３００１２",
        "01130012 ",
        "011300１2",
    ] {
        assert!(!is_valid_insurer_number(bad), "{bad:?}");
    }
}

/// Catalog §32.1, row by row.
const CATALOG: [(u8, &str, &str); 47] = [
    (1, "北海道", "01010016"),
    (2, "青森", "01020015"),
    (3, "岩手", "01030014"),
    (4, "宮城", "01040013"),
    (5, "秋田", "01050012"),
    (6, "山形", "01060011"),
    (7, "福島", "01070010"),
    (8, "茨城", "01080019"),
    (9, "栃木", "01090018"),
    (10, "群馬", "01100015"),
    (11, "埼玉", "01110014"),
    (12, "千葉", "01120013"),
    (13, "東京", "01130012"),
    (14, "神奈川", "01140011"),
    (15, "新潟", "01150010"),
    (16, "富山", "01160019"),
    (17, "石川", "01170018"),
    (18, "福井", "01180017"),
    (19, "山梨", "01190016"),
    (20, "長野", "01200013"),
    (21, "岐阜", "01210012"),
    (22, "静岡", "01220011"),
    (23, "愛知", "01230010"),
    (24, "三重", "01240019"),
    (25, "滋賀", "01250018"),
    (26, "京都", "01260017"),
    (27, "大阪", "01270016"),
    (28, "兵庫", "01280015"),
    (29, "奈良", "01290014"),
    (30, "和歌山", "01300011"),
    (31, "鳥取", "01310010"),
    (32, "島根", "01320019"),
    (33, "岡山", "01330018"),
    (34, "広島", "01340017"),
    (35, "山口", "01350016"),
    (36, "徳島", "01360015"),
    (37, "香川", "01370014"),
    (38, "愛媛", "01380013"),
    (39, "高知", "01390012"),
    (40, "福岡", "01400019"),
    (41, "佐賀", "01410018"),
    (42, "長崎", "01420017"),
    (43, "熊本", "01430016"),
    (44, "大分", "01440015"),
    (45, "宮崎", "01450014"),
    (46, "鹿児島", "01460013"),
    (47, "沖縄", "01470012"),
];

#[test]
fn every_branch_matches_the_catalog_and_its_computed_number() {
    for (i, (branch, (code, name, number))) in BRANCHES.iter().zip(CATALOG).enumerate() {
        assert_eq!(
            (branch.code, branch.name, branch.insurer_number),
            (code, name, number)
        );
        assert_eq!(usize::from(branch.code), i + 1);
        let first7 = format!("01{:02}001", branch.code);
        let computed = format!("{first7}{}", check_digit(&first7).unwrap());
        assert_eq!(branch.insurer_number, computed, "{name}");
        assert!(is_valid_insurer_number(branch.insurer_number));
        assert_eq!(branch_by_insurer_number(number), Some(branch));
        assert_eq!(branch_by_code(code), Some(branch));
        assert_eq!(branch_by_name(name), Some(branch));
        assert_eq!(branch_by_name(&format!("{name}支部")), Some(branch));
        assert_eq!(branch_by_name(&branch.prefecture()), Some(branch));
        assert_eq!(branch_by_name(&branch.insurer_name()), Some(branch));
        assert_eq!(
            branch_by_name(&format!("{INSURER_NAME}{name}支部")),
            Some(branch)
        );
    }
}

#[test]
fn branch_lookups_by_name() {
    let tokyo = branch_by_name("東京").unwrap();
    assert_eq!(tokyo.insurer_number, "01130012");
    for s in [
        "東京支部",
        "東京都",
        "全国健康保険協会 東京支部",
        "全国健康保険協会　東京支部",
        " 東京都支部 ",
    ] {
        assert_eq!(branch_by_name(s), Some(tokyo), "{s}");
    }
    assert_eq!(branch_by_name("北海道").map(|b| b.code), Some(1));
    assert_eq!(branch_by_name("京都府").map(|b| b.code), Some(26));
    assert_eq!(branch_by_name("大阪府支部").map(|b| b.code), Some(27));
    assert_eq!(branch_by_name("神奈川県").map(|b| b.code), Some(14));
    assert_eq!(branch_by_name("東京都").unwrap().prefecture(), "東京都");
    assert_eq!(branch_by_name("北海道").unwrap().prefecture(), "北海道");
    for s in [
        "東京県",
        "北海道道",
        "京",
        "",
        "支部",
        "全国健康保険協会",
        "Tokyo",
        "大阪都",
    ] {
        assert_eq!(branch_by_name(s), None, "{s}");
    }
}

#[test]
fn branch_lookups_by_number_and_code() {
    assert_eq!(
        branch_by_insurer_number("06132682"),
        None,
        "valid, but not a 支部"
    );
    assert_eq!(
        branch_by_insurer_number(" 01130012 ").map(|b| b.name),
        Some("東京")
    );
    assert_eq!(branch_by_insurer_number("01130013"), None);
    assert_eq!(branch_by_code(0), None);
    assert_eq!(branch_by_code(48), None);
}
