//! The bundle's two forms, JSON and binary, read back every variant of the
//! IR exactly; a binary bundle from elsewhere is refused with a reason, and
//! one nested without end is refused while it is read (no stack overflow).

use std::collections::BTreeSet;

use shinsei_ir::binary::{self, BinaryError};
use shinsei_ir::*;

fn day() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2026, 1, 13).unwrap()
}

fn r(i: u32) -> FieldRef {
    FieldRef {
        frame: 1,
        path: vec![0, i],
    }
}

fn b(e: Expr) -> Box<Expr> {
    Box::new(e)
}

/// Every variant of `Literal` (and every `DurationUnit`).
fn literals() -> Vec<Literal> {
    let d = day();
    let mut lits = vec![
        Literal::Bool(true),
        Literal::Int(-3),
        Literal::Yen(500_000),
        Literal::Rate { num: 2, den: 3 },
        Literal::Date(d),
        Literal::Month {
            year: 2026,
            month: 4,
        },
        Literal::Duration {
            n: 2,
            unit: DurationUnit::Years,
        },
        Literal::Text("テキスト".into()),
    ];
    lits.extend(
        DurationUnit::ALL
            .into_iter()
            .map(|unit| Literal::Duration { n: -1, unit }),
    );
    lits
}

/// Every variant of `Expr`, every operator, function and aggregate.
fn expressions() -> Vec<Expr> {
    let mut exprs: Vec<Expr> = literals().into_iter().map(Expr::Lit).collect();
    exprs.extend([
        Expr::Field(r(1)),
        Expr::Present(r(2)),
        Expr::Qual(QualField::BirthDate),
        Expr::Role,
        Expr::Today,
        Expr::Unary {
            op: UnOp::Neg,
            arg: b(Expr::Today),
        },
        Expr::Binary {
            op: BinOp::Ge,
            lhs: b(Expr::Role),
            rhs: b(Expr::Today),
        },
        Expr::In {
            value: b(Expr::Role),
            set: vec![Expr::Today],
        },
        Expr::If {
            cond: b(Expr::Role),
            then: b(Expr::Today),
            otherwise: b(Expr::Role),
        },
        Expr::Call {
            func: Builtin::AddBusinessDays,
            args: vec![Expr::Today],
        },
        Expr::Aggregate {
            op: AggOp::Disjoint,
            list: r(3),
            body: Some(b(Expr::Today)),
        },
        Expr::Aggregate {
            op: AggOp::Count,
            list: r(3),
            body: None,
        },
        Expr::Param {
            name: "p".into(),
            at: b(Expr::Today),
            key: Some(b(Expr::Role)),
        },
        Expr::Param {
            name: "p".into(),
            at: b(Expr::Today),
            key: None,
        },
    ]);
    // Every function and aggregate, from the enums' own lists (a new one is
    // covered without touching this test).
    exprs.extend(Builtin::ALL.iter().map(|&func| Expr::Call {
        func,
        args: vec![Expr::Today],
    }));
    exprs.extend(AggOp::ALL.iter().map(|&op| Expr::Aggregate {
        op,
        list: r(3),
        body: None,
    }));
    exprs.extend(UnOp::ALL.into_iter().map(|op| Expr::Unary {
        op,
        arg: b(Expr::Role),
    }));
    exprs.extend(BinOp::ALL.into_iter().map(|op| Expr::Binary {
        op,
        lhs: b(Expr::Role),
        rhs: b(Expr::Today),
    }));
    exprs
}

/// Every variant of `FieldKind` (and every `CharClass`).
fn kinds() -> Vec<FieldKind> {
    let opt = |k: &str| ChoiceOption {
        key: k.into(),
        label: Text {
            ja: "選".into(),
            en: Some("c".into()),
        },
    };
    let mut kinds = vec![
        FieldKind::Text {
            min_len: Some(1),
            max_len: Some(10),
            chars: Some(CharClass::Zengin),
            lines: None,
        },
        FieldKind::Text {
            min_len: None,
            max_len: None,
            chars: None,
            lines: Some(5),
        },
        FieldKind::Kana { max_len: Some(5) },
        FieldKind::Integer {
            min: Some(-1),
            max: None,
        },
        FieldKind::Yen {
            min: None,
            max: Some(9),
        },
        FieldKind::Rate,
        FieldKind::Date,
        FieldKind::Period,
        FieldKind::Month,
        FieldKind::Bool,
        FieldKind::Choice {
            options: vec![opt("a")],
        },
        FieldKind::Multi {
            options: vec![opt("a"), opt("b")],
            min: 1,
            max: Some(2),
        },
        FieldKind::PostalCode,
        FieldKind::Phone,
        FieldKind::Email,
        FieldKind::Address,
        FieldKind::Digits { min: 4, max: 4 },
        FieldKind::Group { fields: vec![] },
    ];
    kinds.extend(CharClass::ALL.into_iter().map(|c| FieldKind::Text {
        min_len: None,
        max_len: Some(3),
        chars: Some(c),
        lines: None,
    }));
    kinds
}

/// Every variant of `Presence`.
fn presences() -> [Presence; 3] {
    [
        Presence::Required,
        Presence::Optional,
        Presence::RequiredWhen(Expr::Role),
    ]
}

/// Every variant of `MigrationStep`.
fn steps() -> Vec<MigrationStep> {
    vec![
        MigrationStep::Rename {
            path: vec!["g".into(), "a".into()],
            to: "b".into(),
        },
        MigrationStep::Remove {
            path: vec!["x".into()],
            message: Some(Text::ja("廃止")),
        },
        MigrationStep::Remove {
            path: vec!["y".into()],
            message: None,
        },
        MigrationStep::Add {
            path: vec!["z".into()],
            message: None,
        },
        MigrationStep::Review {
            path: vec!["z".into()],
            message: Text {
                ja: "確認".into(),
                en: Some("check".into()),
            },
        },
        MigrationStep::Clear {
            path: vec!["c".into()],
            message: Some(Text::ja("再入力")),
        },
        MigrationStep::Option {
            path: vec!["k".into()],
            key: "old".into(),
            to: Some("new".into()),
            message: None,
        },
        MigrationStep::Option {
            path: vec!["k".into()],
            key: "gone".into(),
            to: None,
            message: Some(Text::ja("選び直し")),
        },
    ]
}

/// A bundle with every variant of every IR enum and every optional member
/// both present and absent: the field-less enums through their `ALL`, the
/// others checked against their JSON Schemas
/// (`every_variant_of_each_enum_is_there`).
fn every_variant() -> Bundle {
    let d = day();
    let lits = literals();
    let exprs = expressions();
    let presences = presences();
    // A list item of each kind, the list itself last (it is not in `kinds`).
    let mut fields: Vec<Field> = kinds()
        .into_iter()
        .enumerate()
        .map(|(i, kind)| Field {
            id: format!("f{i}"),
            label: Text::ja("項目"),
            help: (i % 2 == 0).then(|| Text::ja("ヘルプ")),
            kind,
            presence: presences[i % 3].clone(),
            visible_when: exprs.get(i).cloned(),
            visible_src: Some("src".into()),
            required_src: (i % 3 == 2).then(|| "req".into()),
        })
        .collect();
    fields.push(Field {
        id: "list".into(),
        label: Text::ja("明細"),
        help: None,
        kind: FieldKind::List {
            min: 1,
            max: 3,
            fields: fields.clone(),
        },
        presence: Presence::Required,
        visible_when: None,
        visible_src: None,
        required_src: None,
    });
    let form = Form {
        id: "every".into(),
        title: Text {
            ja: "全部".into(),
            en: Some("All".into()),
        },
        version: "1".into(),
        effective: DateRange {
            from: d,
            to: Some(d),
        },
        category: Category::Certificate,
        applicants: Role::ALL.to_vec(),
        qualification: QualField::ALL
            .iter()
            .map(|q| QualItem {
                field: *q,
                required: true,
            })
            .collect(),
        fields,
        rules: exprs
            .iter()
            .enumerate()
            .map(|(i, e)| Rule {
                name: format!("r{i}"),
                severity: Severity::ALL[i % Severity::ALL.len()],
                scope: vec![0],
                when: (i % 3 == 0).then_some(Expr::Role),
                check: e.clone(),
                at: if i % 2 == 0 { vec![] } else { vec![1, 2] },
                message: Text::ja("違反"),
                source: "check".into(),
                basis: (i % 2 == 0).then(|| "健康保険法第99条第1項".into()),
            })
            .collect(),
        computed: ValueType::ALL
            .into_iter()
            .enumerate()
            .map(|(i, ty)| Computed {
                name: format!("c{i}"),
                label: Text::ja("計算"),
                ty,
                expr: Expr::Today,
                when: (i % 2 == 0).then_some(Expr::Role),
                source: "c".into(),
            })
            .collect(),
        attachments: vec![AttachmentSlot {
            id: "a".into(),
            label: Text::ja("添付"),
            help: Some(Text::ja("説明")),
            accept: MediaType::ALL.to_vec(),
            max_size: 10_000_000_000,
            max_count: 3,
            presence: Presence::RequiredWhen(Expr::Today),
            required_src: Some("x".into()),
        }],
        params: vec!["p".into()],
        source: "every.form".into(),
        basis: Some("健康保険法施行規則第84条".into()),
        migration: Some(Migration {
            from: "0".into(),
            steps: steps(),
        }),
    };
    let mut params = std::collections::BTreeMap::new();
    params.insert(
        "p".to_owned(),
        Param {
            name: "p".into(),
            label: Text::ja("額"),
            ty: ValueType::Yen,
            keys: vec!["k".into()],
            periods: lits
                .iter()
                .map(|l| ParamPeriod {
                    from: d,
                    value: ParamValue::Single(l.clone()),
                    note: Some("n".into()),
                })
                .chain([ParamPeriod {
                    from: d,
                    value: ParamValue::Keyed([("k".to_owned(), Literal::Yen(1))].into()),
                    note: None,
                }])
                .collect(),
            source: "p.form".into(),
        },
    );
    // One form of each category (the first has everything else).
    let mut forms = vec![form.clone()];
    forms.extend(
        Category::ALL
            .into_iter()
            .filter(|c| *c != form.category)
            .enumerate()
            .map(|(i, category)| Form {
                id: format!("every{i}"),
                category,
                ..form.clone()
            }),
    );
    Bundle::new(forms, params)
}

#[test]
fn json_and_binary_read_back_every_variant() {
    let bundle = every_variant();
    let json = serde_json::to_string(&bundle).unwrap();
    assert_eq!(serde_json::from_str::<Bundle>(&json).unwrap(), bundle);
    let bytes = binary::encode(&bundle);
    assert_eq!(binary::decode(&bytes).unwrap(), bundle);
    // Writing the binary form leaves JSON as it was: absent members absent.
    assert_eq!(serde_json::to_string(&bundle).unwrap(), json);
    assert!(!json.contains("null"), "{json}");
}

/// The names of an externally tagged enum's variants, from its JSON Schema.
fn variant_names<T: schemars::JsonSchema>() -> BTreeSet<String> {
    let schema = serde_json::to_value(schemars::schema_for!(T)).unwrap();
    let mut names = BTreeSet::new();
    let alternatives = schema["oneOf"]
        .as_array()
        .or_else(|| schema["anyOf"].as_array())
        .cloned()
        .unwrap_or_else(|| vec![schema.clone()]);
    for alt in alternatives {
        if let Some(c) = alt["const"].as_str() {
            names.insert(c.to_owned());
        }
        for e in alt["enum"].as_array().into_iter().flatten() {
            names.insert(e.as_str().unwrap().to_owned());
        }
        for r in alt["required"].as_array().into_iter().flatten() {
            names.insert(r.as_str().unwrap().to_owned());
        }
    }
    assert!(!names.is_empty(), "{schema}");
    names
}

/// The variant names of `values` as serialized.
fn tags<T: serde::Serialize>(values: &[T]) -> BTreeSet<String> {
    values
        .iter()
        .map(|v| match serde_json::to_value(v).unwrap() {
            serde_json::Value::String(s) => s,
            serde_json::Value::Object(m) if m.len() == 1 => m.keys().next().unwrap().clone(),
            other => panic!("not externally tagged: {other}"),
        })
        .collect()
}

/// The enums with data have no `ALL`: their lists here are checked against
/// the variants their JSON Schemas name, so a new variant fails this test
/// until `every_variant` has it (and the round trip reads it back).
#[test]
fn every_variant_of_each_enum_is_there() {
    assert_eq!(tags(&literals()), variant_names::<Literal>());
    assert_eq!(tags(&expressions()), variant_names::<Expr>());
    assert_eq!(tags(&presences()), variant_names::<Presence>());
    assert_eq!(tags(&steps()), variant_names::<MigrationStep>());
    let bundle = every_variant();
    let values: Vec<&ParamValue> = bundle.params["p"]
        .periods
        .iter()
        .map(|p| &p.value)
        .collect();
    assert_eq!(tags(&values), variant_names::<ParamValue>());
    // `kinds()` and the list that holds them.
    let kinds: Vec<&FieldKind> = bundle.forms[0].fields.iter().map(|f| &f.kind).collect();
    assert_eq!(tags(&kinds), variant_names::<FieldKind>());
}

#[test]
fn json_enums_are_externally_tagged() {
    let v = serde_json::to_value(every_variant()).unwrap();
    let field = &v["forms"][0]["fields"][0];
    assert_eq!(
        field["kind"],
        serde_json::json!({"text": {"min_len": 1, "max_len": 10, "chars": "zengin"}})
    );
    assert_eq!(field["presence"], "required");
    assert_eq!(v["forms"][0]["fields"][6]["kind"], "date");
    assert_eq!(
        v["forms"][0]["fields"][2]["presence"],
        serde_json::json!({"required_when": "role"})
    );
    assert_eq!(
        v["forms"][0]["migration"]["steps"][0],
        serde_json::json!({"rename": {"path": ["g", "a"], "to": "b"}})
    );
}

#[test]
fn broken_binary_bundles_say_why() {
    let bytes = binary::encode(&every_variant());
    assert_eq!(
        binary::decode(b"{\"ir_version\": 2}"),
        Err(BinaryError::NotBinary)
    );
    assert_eq!(
        binary::decode(b"SHNS"),
        Err(BinaryError::Malformed(
            "no IR version after the header".into()
        ))
    );
    let mut other = bytes.clone();
    other[4..8].copy_from_slice(&7_u32.to_le_bytes());
    assert_eq!(
        binary::decode(&other),
        Err(BinaryError::IrVersion { found: 7 })
    );
    for cut in [9, bytes.len() / 3, bytes.len() - 1] {
        assert!(
            matches!(
                binary::decode(&bytes[..cut]),
                Err(BinaryError::Malformed(_))
            ),
            "cut at {cut}"
        );
    }
    let mut longer = bytes.clone();
    longer.push(0);
    assert_eq!(
        binary::decode(&longer),
        Err(BinaryError::Malformed("1 bytes after the bundle".into()))
    );
}

/// The bytes of `bundle` with the expression `Lit(Text(marker))` replaced
/// by `replacement` (postcard: variant indices, then the members).
fn splice(bundle: &Bundle, marker: &str, replacement: &[u8]) -> Vec<u8> {
    let bytes = binary::encode(bundle);
    // Expr::Lit = 0, Literal::Text = 7, length, the text.
    let mut needle = vec![0, 7, u8::try_from(marker.len()).unwrap()];
    needle.extend_from_slice(marker.as_bytes());
    let at = bytes
        .windows(needle.len())
        .position(|w| w == needle.as_slice())
        .unwrap();
    let mut out = bytes[..at].to_vec();
    out.extend_from_slice(replacement);
    out.extend_from_slice(&bytes[at + needle.len()..]);
    out
}

fn with_check(check: Expr) -> Bundle {
    let mut bundle = every_variant();
    bundle.forms[0].rules[0].check = check;
    bundle
}

#[test]
fn nesting_is_bounded_while_reading() {
    let marked = with_check(Expr::Lit(Literal::Text("MARK".into())));
    // Expr::Unary = 6, UnOp::Not = 0, …, Expr::Today = 5.
    let chain = |depth: usize| {
        let mut b = [6, 0].repeat(depth - 1);
        b.push(5);
        b
    };
    // At the compiler's limit: read.
    let ok = binary::decode(&splice(&marked, "MARK", &chain(limits::MAX_EXPR_DEPTH))).unwrap();
    assert_eq!(limits::expr_depth(&ok.forms[0].rules[0].check), 32);
    // One deeper: read, then refused by the limits, with where.
    match binary::decode(&splice(&marked, "MARK", &chain(33))) {
        Err(BinaryError::TooDeep(e)) => {
            assert_eq!((e.path.as_str(), e.depth), ("/forms/0/rules/0/check", 33));
        }
        other => panic!("{other:?}"),
    }
    // A million deep: refused while reading, before the stack runs out.
    assert_eq!(
        binary::decode(&splice(&marked, "MARK", &chain(1_000_000))),
        Err(BinaryError::Malformed(
            "nested more than 48 levels deep".into()
        ))
    );
    // The count starts again for the next bundle.
    assert!(binary::decode(&binary::encode(&every_variant())).is_ok());
}

#[test]
fn the_ir_skips_members_only_through_the_binary_aware_predicates() {
    // A plain `Option::is_none` would leave a member out of the binary form
    // too, and postcard (which reads by position) would misread the rest.
    for (file, text) in [
        ("bundle.rs", include_str!("../src/bundle.rs")),
        ("expr.rs", include_str!("../src/expr.rs")),
        ("form.rs", include_str!("../src/form.rs")),
        ("migration.rs", include_str!("../src/migration.rs")),
    ] {
        for (n, line) in text.lines().enumerate() {
            if let Some(at) = line.find("skip_serializing_if = \"") {
                let pred = &line[at + 23..];
                assert!(
                    pred.starts_with("crate::wire::absent\"")
                        || pred.starts_with("crate::wire::empty\""),
                    "{file}:{}: {line}",
                    n + 1
                );
            }
        }
    }
}

/// Postcard reads members by position: a member the binary form leaves out
/// shifts every one after it. So every `skip_serializing_if` of the IR must
/// be one that writes everything in the binary form (`wire::absent`,
/// `wire::empty`), including on members added later.
#[test]
fn every_skipped_member_is_written_in_the_binary_form() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        for (i, line) in text.lines().enumerate() {
            if let Some(at) = line.find("skip_serializing_if = \"") {
                let rest = &line[at + "skip_serializing_if = \"".len()..];
                assert!(
                    rest.starts_with("crate::wire::absent\"")
                        || rest.starts_with("crate::wire::empty\""),
                    "{}:{}: use crate::wire::absent or crate::wire::empty: {line}",
                    path.display(),
                    i + 1
                );
            }
            assert!(
                !line.contains("skip_serializing)") && !line.contains("skip_serializing,"),
                "{}:{}: a member never written cannot be read by position",
                path.display(),
                i + 1
            );
        }
    }
}

/// The names the language and the envelope use are the IR's serialized
/// names, declared once per variant.
#[test]
fn language_names_are_the_serialized_names() {
    for c in CharClass::ALL {
        assert_eq!(serde_json::to_value(c).unwrap(), c.name());
    }
    for r in Role::ALL {
        assert_eq!(serde_json::to_value(r).unwrap(), r.id());
    }
    for q in QualField::ALL {
        assert_eq!(serde_json::to_value(q).unwrap(), q.id());
    }
}
