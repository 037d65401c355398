//! The engine behind the JS entry points, natively: the embedded bundle is
//! exactly the compiler's, the hand-written bundle reader agrees with serde,
//! and every entry point's edge cases give structured errors.

use chrono::{DateTime, FixedOffset};
use serde_json::{Value, json};
use shinsei_ir::Bundle;
use shinsei_runtime::{Options, ValidationResult};
use shinsei_wasm::{BUNDLE_JSON, Engine, ErrorCode, bundle_from_json};

fn now() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339("2026-03-02T10:00:00+09:00").unwrap()
}

fn serde_bundle() -> Bundle {
    serde_json::from_str(BUNDLE_JSON).unwrap()
}

/// The serde bundle as the module embeds it (without source texts).
fn slim_bundle() -> Bundle {
    let mut b = serde_bundle();
    shinsei_wasm::slim::strip_sources(&mut b);
    b
}

fn engine() -> Engine {
    Engine::embedded().unwrap()
}

fn case(path: &str) -> Value {
    let text =
        std::fs::read_to_string(format!("{}/../{path}", env!("CARGO_MANIFEST_DIR"))).unwrap();
    serde_json::from_str(&text).unwrap()
}

#[test]
fn the_embedded_bundle_is_the_compilers() {
    let forms = concat!(env!("CARGO_MANIFEST_DIR"), "/../forms");
    let compiled = shinsei_load::Sources::load(&[forms])
        .unwrap()
        .bundle()
        .unwrap();
    let embedded = serde_bundle();
    assert_eq!(
        embedded.hash,
        shinsei_check::hash(&embedded),
        "hash covers the content"
    );
    assert_eq!(
        embedded.hash, compiled.hash,
        "rebuild shinsei-wasm after editing forms/"
    );
    assert_eq!(embedded, compiled);
}

#[test]
fn the_bundle_reader_agrees_with_serde() {
    let serde = serde_bundle();
    assert_eq!(engine().bundle(), &slim_bundle(), "packed, embedded");
    assert!(!engine().info().source_texts);
    let value: Value = serde_json::from_str(BUNDLE_JSON).unwrap();
    assert_eq!(bundle_from_json(&value).unwrap(), serde, "plain JSON");
    assert_eq!(
        Engine::load(BUNDLE_JSON).unwrap().bundle(),
        &serde,
        "loaded"
    );
}

/// Every variant the reader knows, round-tripped through serde's JSON.
#[test]
fn the_bundle_reader_reads_every_variant() {
    use shinsei_ir::*;
    let d = chrono::NaiveDate::from_ymd_opt(2026, 1, 13).unwrap();
    let r = |i: u32| FieldRef {
        frame: 1,
        path: vec![0, i],
    };
    let b = |e: Expr| Box::new(e);
    let lits = [
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
    let mut exprs: Vec<Expr> = lits.iter().cloned().map(Expr::Lit).collect();
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
    let opt = |k: &str| ChoiceOption {
        key: k.into(),
        label: Text {
            ja: "選".into(),
            en: Some("c".into()),
        },
    };
    let kinds = vec![
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
    let presences = [
        Presence::Required,
        Presence::Optional,
        Presence::RequiredWhen(Expr::Role),
    ];
    let mut fields: Vec<Field> = kinds
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
                severity: if i % 2 == 0 {
                    Severity::Error
                } else {
                    Severity::Warning
                },
                scope: vec![0],
                when: (i % 3 == 0).then_some(Expr::Role),
                check: e.clone(),
                at: if i % 2 == 0 { vec![] } else { vec![1, 2] },
                message: Text::ja("違反"),
                source: "check".into(),
                basis: (i % 2 == 0).then(|| "健康保険法第99条第1項".into()),
            })
            .collect(),
        computed: vec![Computed {
            name: "c".into(),
            label: Text::ja("計算"),
            ty: ValueType::YenFrac,
            expr: Expr::Today,
            when: Some(Expr::Role),
            source: "c".into(),
        }],
        attachments: vec![AttachmentSlot {
            id: "a".into(),
            label: Text::ja("添付"),
            help: Some(Text::ja("説明")),
            accept: vec![MediaType::Pdf, MediaType::Jpeg, MediaType::Png],
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
            steps: vec![
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
            ],
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
    let bundle = Bundle::new(vec![form], params);
    let json = serde_json::to_value(&bundle).unwrap();
    assert_eq!(bundle_from_json(&json).unwrap(), bundle);
    let packed = shinsei_wasm::packed::pack(&json);
    assert_eq!(shinsei_wasm::bundle_from_packed(&packed).unwrap(), bundle);
    assert_eq!(shinsei_wasm::packed::unpack(packed), Some(json));
}

#[test]
fn broken_bundles_say_where() {
    let err = |text: &str| Engine::load(text).unwrap_err();
    let e = err("{");
    assert_eq!(e.code, ErrorCode::BundleMalformed);
    let e = err(r#"{"ir_version": 99, "forms": []}"#);
    assert_eq!(
        (e.code, e.path.as_str()),
        (ErrorCode::BundleIrVersion, "/ir_version")
    );
    let e = err(r#"{"forms": []}"#);
    assert_eq!(
        (e.code, e.path.as_str()),
        (ErrorCode::BundleMalformed, "/ir_version")
    );

    let mut v: Value = serde_json::from_str(BUNDLE_JSON).unwrap();
    v["forms"][1]["fields"][0]["kind"]["type"] = json!("nope");
    let e = err(&v.to_string());
    assert_eq!(e.code, ErrorCode::BundleMalformed);
    assert_eq!(e.path, "/forms/1/fields/0/kind/type");
    assert!(
        e.message.contains("unknown field type `nope`"),
        "{}",
        e.message
    );

    let mut v: Value = serde_json::from_str(BUNDLE_JSON).unwrap();
    v["forms"][0]["rules"][0]["check"] = json!({"call": {"func": "no_such_fn", "args": []}});
    let e = err(&v.to_string());
    assert_eq!(e.path, "/forms/0/rules/0/check/call/func");

    let mut v: Value = serde_json::from_str(BUNDLE_JSON).unwrap();
    v["forms"][2].as_object_mut().unwrap().remove("title");
    let e = err(&v.to_string());
    assert_eq!(e.path, "/forms/2");
    assert_eq!(e.message, "not a bundle: missing field `title`");

    let mut v: Value = serde_json::from_str(BUNDLE_JSON).unwrap();
    v["forms"][0]["effective"]["from"] = json!("2026-02-30");
    assert_eq!(err(&v.to_string()).path, "/forms/0/effective/from");
}

#[test]
fn describe_is_the_servers_description() {
    let serde = serde_bundle();
    let loaded = Engine::load(BUNDLE_JSON).unwrap();
    for form in &serde.forms {
        let d = loaded
            .describe_form(&form.id, Some(&form.version), None)
            .unwrap();
        assert_eq!(d, shinsei_describe::describe(form, &serde));
    }
    // Embedded: the same but for the source texts.
    let slim = slim_bundle();
    let e = engine();
    for form in &slim.forms {
        let d = e
            .describe_form(&form.id, Some(&form.version), None)
            .unwrap();
        assert_eq!(d, shinsei_describe::describe(form, &slim));
    }
    let err = e.describe_form("nope", None, None).unwrap_err();
    assert_eq!(err.code, ErrorCode::EnvelopeForm);
    let err = e
        .describe_form("shobyo_teate", Some("1999.1"), None)
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::EnvelopeVersion);
    let old = DateTime::parse_from_rfc3339("2000-01-01T00:00:00+09:00").unwrap();
    let err = e
        .describe_form("shobyo_teate", None, Some(old))
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::EnvelopeVersion);
    let d = e.describe_form("shobyo_teate", None, Some(now())).unwrap();
    assert_eq!(d.version, "2026.1");
}

#[test]
fn list_forms_has_every_form_version() {
    let e = engine();
    let list = e.list_forms();
    assert_eq!(list.len(), serde_bundle().forms.len());
    let s = list.iter().find(|f| f.id == "shobyo_teate").unwrap();
    assert_eq!(s.title.ja, "傷病手当金支給申請書");
    assert_eq!(s.category.ja, "給付");
}

#[test]
fn validate_json_is_the_runtimes_output() {
    let e = engine();
    let c = case("forms/shobyo_teate/cases/valid_insured_first_claim.json");
    let text = c["submission"].to_string();
    let native = shinsei_runtime::validate(&serde_bundle(), &text, now(), &Options::default());
    assert!(native.valid);
    assert_eq!(
        e.validate_json(&text, now(), &Options::default()),
        serde_json::to_string(&native).unwrap()
    );
}

#[test]
fn validate_field_filters_by_pointer_and_reports_states() {
    let e = engine();
    let mut c = case("forms/shobyo_teate/cases/valid_insured_first_claim.json");
    c["submission"]["fields"]["leave"][0]["to"] = json!("2026-02-01");
    c["submission"]["fields"]["paid"] = json!(true);
    let text = c["submission"].to_string();
    let v = e
        .validate_field(&text, "/fields/leave/0/to", now(), &Options::default())
        .unwrap();
    assert!(!v.valid && !v.form_valid);
    let codes: Vec<&str> = v.errors.iter().map(|i| i.code.as_str()).collect();
    assert_eq!(codes, ["rule.period_order"]);
    assert_eq!(
        v.errors[0].message,
        "終了日は開始日以降の日付にしてください"
    );
    let full: ValidationResult = e.validate(&text, now(), &Options::default());
    assert_eq!(v.form_errors as usize, full.errors.len());
    assert!(full.errors.len() > 1, "payments are now required too");
    let state = |p: &str| v.fields.iter().find(|s| s.path == p).cloned();
    assert!(
        state("/fields/payments").unwrap().visible,
        "paid shows payments"
    );
    assert!(state("/fields/leave/0/to").unwrap().required);

    let v = e
        .validate_field(&text, "/fields/bank", now(), &Options::default())
        .unwrap();
    assert!(v.valid && v.errors.is_empty());
    let bad = e
        .validate_field(&text, "fields", now(), &Options::default())
        .unwrap_err();
    assert_eq!(bad.code, ErrorCode::ArgumentPath);
}

#[test]
fn prefill_takes_the_forms_subset() {
    let e = engine();
    let record = json!({
        "insurer_number": "01130012", "branch": "東京", "symbol": "12345678",
        "number": "1", "name_kanji": "協会 太郎", "name_kana": "キョウカイ タロウ",
        "sex": "male", "birth_date": "1989-05-10", "address": "not a 資格 field"
    });
    let p = e.prefill("shobyo_teate", &record, None, None).unwrap();
    let form = e.describe_form("shobyo_teate", None, None).unwrap();
    let shown: Vec<_> = form.qualification.iter().map(|q| q.id).collect();
    assert_eq!(p.entries.iter().map(|x| x.id).collect::<Vec<_>>(), shown);
    assert!(
        !p.qualification.contains_key("sex"),
        "傷病手当金 does not show 性別"
    );
    assert!(!p.qualification.contains_key("address"));
    assert_eq!(p.qualification["symbol"], "12345678");
    assert!(
        p.missing.is_empty(),
        "branch_no is optional: {:?}",
        p.missing
    );

    let p = e
        .prefill("shobyo_teate", &json!({"symbol": "1"}), None, None)
        .unwrap();
    assert!(p.missing.contains(&shinsei_ir::QualField::NameKanji));
    let err = e
        .prefill("shobyo_teate", &json!({"symbol": 1}), None, None)
        .unwrap_err();
    assert_eq!(
        (err.code, err.path.as_str()),
        (ErrorCode::ArgumentType, "/symbol")
    );
    let err = e
        .prefill("shobyo_teate", &json!([1]), None, None)
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::ArgumentType);
}

/// The bundle of `tests/fixtures/limits/at_the_limits.form` (expressions
/// and fields at the nesting limits), as `shinsei compile` writes it.
fn at_the_limits_json() -> Value {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/fixtures/limits/at_the_limits.form");
    let bundle = shinsei_load::Sources::load(&[path])
        .unwrap()
        .bundle()
        .unwrap();
    serde_json::to_value(&bundle).unwrap()
}

#[test]
fn a_bundle_at_the_limits_loads_and_one_deeper_is_refused() {
    let at_limits = at_the_limits_json();
    let engine = Engine::load(&at_limits.to_string()).unwrap();
    assert_eq!(engine.bundle().forms[0].id, "at_the_limits");

    // One more level on the deepest rule: no compiler writes it, so a
    // bundle from elsewhere that does is refused before anything runs it.
    let mut deeper = at_limits;
    let check = deeper["forms"][0]["rules"][0]["check"].take();
    deeper["forms"][0]["rules"][0]["check"] = json!({"unary": {"op": "not", "arg": check}});
    let e = Engine::load(&deeper.to_string()).unwrap_err();
    assert_eq!(
        (e.code, e.path.as_str()),
        (ErrorCode::BundleMalformed, "/forms/0/rules/0/check")
    );
    assert_eq!(e.message, "not a bundle: nested 33 levels deep, at most 32");
}
