//! The 資格 block: auto-filled qualification fields, format-checked whether
//! or not the form shows them, required where the form says so.

use std::borrow::Cow;

use chrono::NaiveDate;
use shinsei_ir::{Form, QualField};
use shinsei_jp::insurer::{branch_by_insurer_number, branch_by_name, is_valid_insurer_number};

use crate::decode::{
    Ctx, Input, digits_issue, digits_ok, find_from, fold_digits, is_iso_date, iso_date, katakana,
    read_date, string_input,
};
use crate::json::Json;
use crate::messages::{Lang, Msg, Word, qual_label};
use crate::pointer::Pointer;
use crate::result::{Issue, Report};
use crate::tree::{Decoded, QualValues};

/// Longest name accepted (characters).
const NAME_MAX: u32 = 50;

/// Checks `qualification` (absent ⇒ `{}`) and returns the valid values.
pub(crate) fn check<'a>(
    form: &Form,
    json: Option<&'a Json<'a>>,
    today: NaiveDate,
    lang: Lang,
    report: &mut Report,
) -> QualValues<'a> {
    let mut out = QualValues::default();
    let members: &'a [(Cow<'a, str>, Json<'a>)] = match json {
        None | Some(Json::Null) => &[],
        Some(Json::Obj(members)) => members,
        Some(other) => {
            let cx = Ctx {
                lang,
                label: Word::Qualification.text(lang),
                path: "/qualification",
                key: None,
            };
            report.push(cx.type_error(Word::Object, other.kind()));
            return out;
        }
    };
    let mut cursor = 0;
    let mut found: usize = 0;
    for q in QualField::ALL {
        let cx = Ctx {
            lang,
            label: qual_label(q, lang),
            path: qual_path(q),
            key: None,
        };
        let listed = form.qualification.iter().find(|item| item.field == q);
        let json = find_from(members, q.id(), &mut cursor);
        found = found.saturating_add(usize::from(json.is_some()));
        match json.map_or(Input::Absent, string_input) {
            Input::Absent => {
                if listed.is_some_and(|item| item.required) {
                    report.push(cx.make(Msg::Required, &[]));
                }
            }
            Input::Other(kind) => report.push(cx.type_error(Word::String, kind)),
            Input::Str(t, sent) => {
                if let Some(value) = decode(q, t, today, &cx, report) {
                    if let Decoded::Text(s) = &value {
                        note(report, &cx, sent, s);
                    } else if let Decoded::Date(d) = &value
                        && !is_iso_date(sent)
                    {
                        note(report, &cx, sent, &iso_date(*d));
                    }
                    if let Some(v) = out.slot_mut(q) {
                        *v = Some(value);
                    }
                }
            }
        }
    }
    if let (Some(number), Some(name)) = (
        out.text(QualField::InsurerNumber),
        out.text(QualField::Branch),
    ) {
        let of_number = branch_by_insurer_number(number).map(|b| b.name);
        if of_number.is_some_and(|n| n != name) {
            let cx = Ctx {
                lang,
                label: qual_label(QualField::Branch, lang),
                path: "/qualification/branch",
                key: None,
            };
            report.push(cx.make(Msg::BranchMismatch, &[]));
        }
    }
    // Every key matched a 資格 field: nothing unknown to look for.
    let rest = if found == members.len() { &[] } else { members };
    for (key, _) in rest.iter().filter(|(k, _)| QualField::from_id(k).is_none()) {
        report.push(Issue::error(
            Pointer::child_of("/qualification", key),
            Msg::UnknownField,
            lang,
            &[],
        ));
    }
    out
}

/// The pointer of a 資格 field.
fn qual_path(q: QualField) -> &'static str {
    match q {
        QualField::InsurerNumber => "/qualification/insurer_number",
        QualField::Branch => "/qualification/branch",
        QualField::Symbol => "/qualification/symbol",
        QualField::Number => "/qualification/number",
        QualField::BranchNo => "/qualification/branch_no",
        QualField::NameKanji => "/qualification/name_kanji",
        QualField::NameKana => "/qualification/name_kana",
        QualField::Sex => "/qualification/sex",
        QualField::BirthDate => "/qualification/birth_date",
    }
}

fn note(report: &mut Report, cx: &Ctx<'_>, sent: &str, normalized: &str) {
    if sent != normalized {
        report.normalized.insert(
            cx.path.to_owned(),
            serde_json::Value::String(normalized.to_owned()),
        );
    }
}

/// Decodes one present value, reporting why it is not acceptable.
fn decode<'a>(
    q: QualField,
    t: &'a str,
    today: NaiveDate,
    cx: &Ctx<'_>,
    report: &mut Report,
) -> Option<Decoded<'a>> {
    let digits = |min: u32, max: u32, report: &mut Report| {
        let folded = fold_digits(t);
        if digits_ok(&folded, min, max) {
            Some(Decoded::Text(folded))
        } else {
            report.push(digits_issue(cx, min, max));
            None
        }
    };
    let fail = |msg: Msg, report: &mut Report| {
        report.push(cx.make(msg, &[]));
        None
    };
    match q {
        QualField::InsurerNumber => {
            let value = digits(8, 8, report)?;
            let Decoded::Text(n) = &value else {
                return None;
            };
            if !is_valid_insurer_number(n) {
                return fail(Msg::ChecksumInsurer, report);
            }
            if branch_by_insurer_number(n).is_none() {
                return fail(Msg::InsurerNotBranch, report);
            }
            Some(value)
        }
        QualField::Branch => match branch_by_name(t) {
            Some(branch) => Some(Decoded::Text(Cow::Borrowed(branch.name))),
            None => fail(Msg::BranchUnknown, report),
        },
        QualField::Symbol | QualField::Number => digits(1, 8, report),
        QualField::BranchNo => digits(2, 2, report),
        QualField::NameKanji => name(Cow::Borrowed(t), cx, report),
        QualField::NameKana => match katakana(t) {
            Some(s) => name(s, cx, report),
            None => fail(Msg::FormatKana, report),
        },
        QualField::Sex => match t {
            "male" | "female" => Some(Decoded::Text(Cow::Borrowed(t))),
            _ => fail(Msg::Choice, report),
        },
        QualField::BirthDate => match read_date(t) {
            Ok(d) if d > today => fail(Msg::FutureDate, report),
            Ok(d) => Some(Decoded::Date(d)),
            Err(msg) => fail(msg, report),
        },
    }
}

fn name<'a>(s: Cow<'a, str>, cx: &Ctx<'_>, report: &mut Report) -> Option<Decoded<'a>> {
    if let Some(at) = crate::decode::controls::first_forbidden(&s, false) {
        report.push(cx.make(Msg::FormatText, &[("position", &at.to_string())]));
        return None;
    }
    if s.chars().count() > usize::try_from(NAME_MAX).unwrap_or(usize::MAX) {
        report.push(cx.make(Msg::LengthMax, &[("limit", &NAME_MAX.to_string())]));
        return None;
    }
    Some(Decoded::Text(s))
}
