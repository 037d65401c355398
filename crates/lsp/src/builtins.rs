//! What the editor offers about the language itself: the meaning of each
//! built-in (docs/language.md §11; the signatures are the checker's), the
//! field types and the keywords of each place.

/// One line on what built-in `name` does.
pub fn meaning(name: &str) -> Option<&'static str> {
    Some(match name {
        "today" => {
            "The date, in Japan, of the moment the submission is validated (in a test case, `now` or its `submitted_at`). A rule reads `today`, never `submitted_at`."
        }
        "days_between" => "Days from date `a` to date `b` (`b − a`; negative if `b` is earlier).",
        "months_between" => "Whole months from `a` to `b`.",
        "years_between" => "Whole years from `a` to `b`.",
        "add_days" => "`d + n days`.",
        "add_months" => "`d + n months`, clamped to the month's last day.",
        "add_years" => "`d + n years` (Feb 29 → Feb 28).",
        "age_on" => {
            "Age on date `d` under 民法: one reaches age N the day before the Nth birthday."
        }
        "start_of_month" => "First day of `d`'s month.",
        "end_of_month" => "Last day of `d`'s month.",
        "month_of" => "The month `d` is in.",
        "first_day" => "First day of month `m`.",
        "last_day" => "Last day of month `m`.",
        "year" => "Year of a date or month.",
        "month" => "Month (1–12) of a date or month.",
        "day" => "Day of the month (1–31).",
        "fiscal_year" => "The fiscal year (年度, April–March) `d` belongs to.",
        "is_holiday" => "A national holiday (祝日・振替休日・国民の休日).",
        "is_business_day" => "Not Saturday or Sunday, not a holiday, not 12/29–1/3.",
        "next_business_day" => "`d` if it is a business day, else the next one.",
        "add_business_days" => "The `n`-th business day after `d`.",
        "period" => {
            "The period from `from` to `to`, both included (unknown if `to` is before `from`)."
        }
        "period_from" => "First day of `p` (also written `p.from`).",
        "period_to" => "Last day of `p` (also written `p.to`).",
        "days" => "Days in `p`, both ends included.",
        "overlaps" => "`p` and `q` share at least one day.",
        "within" => "`p` lies inside `q`.",
        "in_period" => "Date `d` lies inside `p`.",
        "round" => {
            "`x` rounded half away from zero to a multiple of `unit` (四捨五入): `round(x, 1)` 1円未満, `round(x, 10)` 10円未満."
        }
        "floor" => "Rounded down to a multiple of `unit` (切り捨て).",
        "ceil" => "Rounded up to a multiple of `unit` (切り上げ).",
        "min" => {
            "The smallest of 2–16 numbers, dates or months; over a list, the smallest `x` of its items (unknown for an empty list)."
        }
        "max" => {
            "The largest of 2–16 numbers, dates or months; over a list, the largest `x` of its items (unknown for an empty list)."
        }
        "abs" => "Absolute value.",
        "len" => "Length of a text (or choice key) in characters.",
        "contains" => "The multi-choice `m` includes option `key`.",
        "coalesce" => "The first argument that is known (a default for a missing value).",
        "present" => "Field `x` is shown and has a valid value; never unknown.",
        "count" => "Number of items (for which `cond` is true).",
        "sum" => "Sum of `x` over the items (0 for an empty list).",
        "all" => "`cond` is true for every item (true for an empty list).",
        "any" => "`cond` is true for some item (false for an empty list).",
        "first" => {
            "Of the first item (unknown for an empty list): `first(list).field` or `first(list, x)`."
        }
        "last" => "Of the last item: `last(list).field` or `last(list, x)`.",
        "distinct" => "No two items have the same `x`.",
        "disjoint" => "No two items' periods `p` share a day.",
        _ => return None,
    })
}

/// Every built-in name (functions, aggregates and `present`), sorted.
pub fn names() -> Vec<&'static str> {
    let mut v: Vec<&'static str> = shinsei_check::builtin_names().collect();
    v.sort_unstable();
    v.dedup();
    v
}

/// Keywords that start a statement at the top of a file.
pub const TOP_LEVEL: [&str; 5] = ["form", "block", "enum", "param", "fn"];

/// Keywords that start a line of a form's header.
pub const HEADER: [&str; 7] = [
    "version",
    "effective",
    "category",
    "applicants",
    "qualification",
    "basis",
    "migrate",
];

/// Keywords that start a member of a form, block, group or list.
pub const MEMBER: [&str; 8] = [
    "field",
    "group",
    "list",
    "use",
    "rule",
    "compute",
    "let",
    "attachment",
];

/// Keywords that may follow a member's declaration.
pub const MODIFIER: [&str; 4] = ["when", "required when", "optional", "help"];

/// Keywords of a rule's body.
pub const RULE: [&str; 5] = ["when", "check", "at", "message", "basis"];

/// Keywords of an attachment's body.
pub const ATTACHMENT: [&str; 6] = [
    "accept",
    "max_size",
    "max_count",
    "required",
    "optional",
    "help",
];

/// Keywords inside an expression.
pub const EXPR: [&str; 11] = [
    "and",
    "or",
    "not",
    "in",
    "if",
    "then",
    "else",
    "true",
    "false",
    "today",
    "qualification",
];

/// The categories of a form.
pub const CATEGORIES: [&str; 5] = ["給付", "適用", "保健", "貸付", "証交付"];

/// The applicant roles.
pub const ROLES: [&str; 3] = ["insured", "dependent", "agent"];

/// The media types an attachment accepts.
pub const MEDIA: [&str; 3] = ["pdf", "jpeg", "png"];
