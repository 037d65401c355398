//! The built-in functions and aggregates of the form language, each declared
//! once with its name in the language (and a function's arity): the IR
//! serializes them by that name, so an IR dump reads as the form does, and
//! the checker, the LSP and the docs test read [`Builtin::ALL`] and
//! [`AggOp::ALL`] instead of tables kept in step by hand.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Declares `AggOp` with each aggregate's name, and `ALL`.
macro_rules! aggregates {
    ($( $(#[$doc:meta])* $variant:ident = $name:literal, )*) => {
        /// Aggregates over a list; the body is evaluated in each item's frame.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
        pub enum AggOp {
            $( $(#[$doc])* #[serde(rename = $name)] $variant, )*
        }

        impl AggOp {
            /// Every aggregate, in declaration order.
            pub const ALL: &'static [AggOp] = &[$( AggOp::$variant, )*];

            /// The aggregate's name in the language, e.g. `count`.
            pub const fn name(self) -> &'static str {
                match self {
                    $( AggOp::$variant => $name, )*
                }
            }
        }
    };
}

/// Declares `Builtin` with each function's name and arity, and `ALL`.
macro_rules! builtins {
    ($( $(#[$doc:meta])* $variant:ident = $name:literal ($min:literal ..= $max:literal), )*) => {
        /// Built-in functions. Argument types are checked by the compiler.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
        pub enum Builtin {
            $( $(#[$doc])* #[serde(rename = $name)] $variant, )*
        }

        impl Builtin {
            /// Every built-in function, in declaration order.
            pub const ALL: &'static [Builtin] = &[$( Builtin::$variant, )*];

            /// The function's name in the language, e.g. `days_between`.
            pub const fn name(self) -> &'static str {
                match self {
                    $( Builtin::$variant => $name, )*
                }
            }

            /// How many arguments a call takes: (fewest, most).
            pub const fn arity(self) -> (usize, usize) {
                match self {
                    $( Builtin::$variant => ($min, $max), )*
                }
            }
        }
    };
}

impl AggOp {
    /// The aggregate named `name` in the language.
    pub fn named(name: &str) -> Option<AggOp> {
        AggOp::ALL.iter().copied().find(|a| a.name() == name)
    }
}

impl Builtin {
    /// The function named `name` in the language.
    pub fn named(name: &str) -> Option<Builtin> {
        Builtin::ALL.iter().copied().find(|f| f.name() == name)
    }
}

aggregates! {
    /// Number of items (body = optional filter; unknown filter ⇒ unknown).
    Count = "count",
    /// Sum of the body (empty ⇒ 0; any unknown ⇒ unknown).
    Sum = "sum",
    /// Body true for every item (Kleene; empty ⇒ true).
    All = "all",
    /// Body true for some item (Kleene; empty ⇒ false).
    Any = "any",
    /// Smallest body value (empty or any unknown ⇒ unknown).
    Min = "min",
    /// Largest body value (empty or any unknown ⇒ unknown).
    Max = "max",
    /// Body of the first item (empty ⇒ unknown).
    First = "first",
    /// Body of the last item (empty ⇒ unknown).
    Last = "last",
    /// Body values pairwise different (any unknown ⇒ unknown).
    Distinct = "distinct",
    /// Body periods pairwise non-overlapping (any unknown ⇒ unknown).
    Disjoint = "disjoint",
}

builtins! {
    /// (a: date, b: date) → int: `b − a` in days.
    DaysBetween = "days_between" (2..=2),
    /// (a: date, b: date) → int: whole months from a to b (negative if b < a).
    MonthsBetween = "months_between" (2..=2),
    /// (a: date, b: date) → int: whole years from a to b.
    YearsBetween = "years_between" (2..=2),
    /// (d: date, n: int) → date.
    AddDays = "add_days" (2..=2),
    /// (d: date, n: int) → date, clamped to the month's last day.
    AddMonths = "add_months" (2..=2),
    /// (d: date, n: int) → date, Feb 29 → Feb 28.
    AddYears = "add_years" (2..=2),
    /// (birth: date, on: date) → int: age under 民法 (age N is reached on the
    /// day before the Nth birthday): `years_between(birth, on + 1 day)`.
    AgeOn = "age_on" (2..=2),
    /// (d: date) → date: first day of d's month.
    StartOfMonth = "start_of_month" (1..=1),
    /// (d: date) → date: last day of d's month.
    EndOfMonth = "end_of_month" (1..=1),
    /// (d: date) → month.
    MonthOf = "month_of" (1..=1),
    /// (m: month) → date: its first day.
    FirstDay = "first_day" (1..=1),
    /// (m: month) → date: its last day.
    LastDay = "last_day" (1..=1),
    /// (d: date | month) → int.
    Year = "year" (1..=1),
    /// (d: date | month) → int 1–12.
    Month = "month" (1..=1),
    /// (d: date) → int 1–31.
    Day = "day" (1..=1),
    /// (d: date) → int: Japanese fiscal year (April–March) d belongs to.
    FiscalYear = "fiscal_year" (1..=1),
    /// (d: date) → bool: a national holiday (祝日・振替休日・国民の休日).
    IsHoliday = "is_holiday" (1..=1),
    /// (d: date) → bool: not Sat/Sun, not a holiday, not 12/29–1/3.
    IsBusinessDay = "is_business_day" (1..=1),
    /// (d: date) → date: d if it is a business day, else the next one.
    NextBusinessDay = "next_business_day" (1..=1),
    /// (d: date, n: int) → date: the n-th business day after d.
    AddBusinessDays = "add_business_days" (2..=2),
    /// (from: date, to: date) → period.
    Period = "period" (2..=2),
    /// (p: period) → date.
    PeriodFrom = "period_from" (1..=1),
    /// (p: period) → date.
    PeriodTo = "period_to" (1..=1),
    /// (p: period) → int: days in p, both ends included.
    Days = "days" (1..=1),
    /// (p: period, q: period) → bool: share at least one day.
    Overlaps = "overlaps" (2..=2),
    /// (p: period, q: period) → bool: p lies inside q.
    Within = "within" (2..=2),
    /// (d: date, p: period) → bool: d lies inside p.
    InPeriod = "in_period" (2..=2),
    /// (s: text | multi) → int: length in characters, or number of keys chosen.
    Len = "len" (1..=1),
    /// (x: number, unit: int) → integral number: round half away from zero to a multiple of unit (四捨五入).
    Round = "round" (2..=2),
    /// (x: number, unit: int) → integral number: toward −∞ to a multiple of unit (切り捨て).
    Floor = "floor" (2..=2),
    /// (x: number, unit: int) → integral number: toward +∞ to a multiple of unit (切り上げ).
    Ceil = "ceil" (2..=2),
    /// (a, b, …) → smallest (numbers, dates or months); any unknown ⇒ unknown.
    Min = "min" (2..=16),
    /// (a, b, …) → largest; any unknown ⇒ unknown.
    Max = "max" (2..=16),
    /// (x: number) → |x|.
    Abs = "abs" (1..=1),
    /// (set: multi, key: choice/text) → bool.
    Contains = "contains" (2..=2),
    /// (a, b, …) → the first known argument.
    Coalesce = "coalesce" (2..=16),
}
