//! The envelope: its keys, the form and version it names, when it was
//! submitted, and who the applicant is.

use std::borrow::Cow;

use chrono::{DateTime, FixedOffset, NaiveDate};
use shinsei_ir::{Bundle, Form, Role, SelectError};
use shinsei_jp::calendar::jst_date;

use crate::decode::Ctx;
use crate::json::{Json, member};
use crate::messages::{Lang, Msg, Word, role_name};
use crate::pointer::Pointer;
use crate::result::{Issue, Report};

/// Keys an envelope may have.
pub(crate) const KEYS: [&str; 7] = [
    "form",
    "version",
    "submitted_at",
    "applicant",
    "qualification",
    "fields",
    "attachments",
];

/// The envelope's members.
pub(crate) type Members<'a> = [(Cow<'a, str>, Json<'a>)];

/// Why validation stopped at the envelope.
pub(crate) struct Stop {
    /// The form id to put in the result.
    pub form: Option<String>,
}

/// Opens the envelope: returns the form version to validate against, or
/// stops (the issue is already in `report`).
pub(crate) fn open<'a>(
    bundle: &'a Bundle,
    members: &'a Members<'a>,
    now: DateTime<FixedOffset>,
    lang: Lang,
    report: &mut Report,
) -> Result<&'a Form, Stop> {
    let form_id = match member(members, "form") {
        Some(Json::Str(id)) => id.as_ref(),
        _ => {
            report.error("/form", Msg::FormMissing, lang, &[]);
            return Err(Stop { form: None });
        }
    };
    let stop = || Stop {
        form: Some(form_id.to_owned()),
    };
    // The form exists (and the bundle is one this build reads) before the
    // envelope's other keys are looked at.
    if let Err(e) = bundle.select(form_id, None, None) {
        report_select(&e, "", lang, report);
        return Err(stop());
    }
    for (key, _) in members.iter().filter(|(k, _)| !KEYS.contains(&k.as_ref())) {
        report.push(Issue::error(
            Pointer::child_of("", key),
            Msg::UnknownField,
            lang,
            &[],
        ));
    }
    let on = submitted_on(members, now, lang, report);
    match bundle.select(form_id, version(member(members, "version")), Some(on)) {
        Ok(form) => Ok(form),
        Err(e) => {
            // NaiveDate's Display is %Y-%m-%d (a sign past 4 digits, as %Y);
            // chrono's strftime would add ~10 KB gzipped to the WASM module.
            report_select(&e, &on.to_string(), lang, report);
            Err(stop())
        }
    }
}

/// The form version [`open`] selects from these envelope members, without
/// reporting (the parser reads the envelope against it).
pub(crate) fn target<'a>(
    bundle: &'a Bundle,
    form: Option<&Json<'_>>,
    version_json: Option<&Json<'_>>,
    submitted_at: Option<&Json<'_>>,
    now: DateTime<FixedOffset>,
) -> Option<&'a Form> {
    let Some(Json::Str(id)) = form else {
        return None;
    };
    let on = jst_date(submitted_at.and_then(submitted).unwrap_or(now));
    bundle.select(id, version(version_json), Some(on)).ok()
}

/// The version an envelope names (`Some("")` for a non-string).
fn version<'a>(json: Option<&'a Json<'_>>) -> Option<&'a str> {
    match json {
        None | Some(Json::Null) => None,
        Some(Json::Str(v)) => Some(v.as_ref()),
        Some(_) => Some(""),
    }
}

/// `submitted_at`, when it is an RFC 3339 time (`null` is not).
fn submitted(json: &Json<'_>) -> Option<DateTime<FixedOffset>> {
    json.as_str().and_then(shinsei_jp::instant::parse_date_time)
}

fn report_select(e: &SelectError, date: &str, lang: Lang, report: &mut Report) {
    match e {
        SelectError::UnsupportedBundle { found, expected } => {
            let (found, expected) = (found.to_string(), expected.to_string());
            report.error(
                "/form",
                Msg::BundleVersion,
                lang,
                &[("found", &found), ("expected", &expected)],
            );
        }
        SelectError::UnknownForm { .. } => report.error("/form", Msg::FormUnknown, lang, &[]),
        SelectError::UnknownVersion { .. } | SelectError::NotEffective { .. } => {
            report.error("/version", Msg::VersionUnknown, lang, &[("date", date)]);
        }
        SelectError::NoneEffective { .. } => {
            report.error("/version", Msg::VersionNone, lang, &[("date", date)])
        }
    }
}

/// The JST date that selects the version: of `submitted_at`, else of `now`.
fn submitted_on(
    members: &Members<'_>,
    now: DateTime<FixedOffset>,
    lang: Lang,
    report: &mut Report,
) -> NaiveDate {
    let at = match member(members, "submitted_at") {
        None | Some(Json::Null) => None,
        Some(json) => {
            let parsed = submitted(json);
            if parsed.is_none() {
                let cx = Ctx {
                    lang,
                    label: Word::SubmittedAt.text(lang),
                    path: "/submitted_at",
                    key: None,
                };
                report.push(cx.make(Msg::FormatDateTime, &[]));
            }
            parsed
        }
    };
    jst_date(at.unwrap_or(now))
}

/// Checks `applicant` and returns the role when it is a known one.
pub(crate) fn applicant(
    form: &Form,
    json: Option<&Json<'_>>,
    lang: Lang,
    report: &mut Report,
) -> Option<Role> {
    let members = match json {
        None | Some(Json::Null) => {
            let cx = Ctx {
                lang,
                label: Word::Applicant.text(lang),
                path: "/applicant",
                key: None,
            };
            report.push(cx.make(Msg::Required, &[]));
            return None;
        }
        Some(Json::Obj(members)) => members,
        Some(other) => {
            let cx = Ctx {
                lang,
                label: Word::Applicant.text(lang),
                path: "/applicant",
                key: None,
            };
            report.push(cx.type_error(Word::Object, other.kind()));
            return None;
        }
    };
    let cx = Ctx {
        lang,
        label: Word::Role.text(lang),
        path: "/applicant/role",
        key: None,
    };
    let role = match member(members, "role") {
        None | Some(Json::Null) => {
            report.push(cx.make(Msg::Required, &[]));
            None
        }
        Some(Json::Str(s)) => {
            let s = shinsei_jp::width::trim_spaces(s);
            let role = Role::ALL.into_iter().find(|r| r.id() == s);
            match role {
                None if s.is_empty() => report.push(cx.make(Msg::Required, &[])),
                None => report.push(cx.make(Msg::RoleChoice, &[])),
                Some(r) if !form.applicants.contains(&r) => {
                    report.push(cx.make(Msg::ApplicantRole, &[("role", role_name(r, lang))]));
                }
                Some(_) => {}
            }
            role
        }
        Some(other) => {
            report.push(cx.type_error(Word::String, other.kind()));
            None
        }
    };
    for (key, _) in members.iter().filter(|(k, _)| k != "role") {
        report.push(Issue::error(
            Pointer::child_of("/applicant", key),
            Msg::UnknownField,
            lang,
            &[],
        ));
    }
    role
}
