//! Typed expressions, already resolved and type-checked by the compiler.
//!
//! Semantics the runtime implements (three-valued: every expression yields a
//! value or *unknown*; an absent or hidden field is unknown):
//! - numbers are exact rationals; the static types keep yen integral except
//!   where the compiler allowed a fraction (`YenFrac`, `Rate`), which only
//!   `Round*` turns back into integers;
//! - arithmetic on unknown is unknown; division by zero and overflow are unknown;
//! - `And`/`Or` are Kleene (false ∧ unknown = false, true ∨ unknown = true);
//!   `Not` unknown is unknown;
//! - comparisons are on numbers, dates, months, text, choices and bools of the
//!   same type;
//! - aggregates treat an absent or hidden list as empty.

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::builtin::{AggOp, Builtin};

enumerated! {
/// Static type of a value.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ValueType {
    /// true / false.
    Bool,
    /// Integer (dimensionless).
    Int,
    /// Exact fraction (dimensionless), e.g. `2/3`.
    Rate,
    /// Integral yen.
    Yen,
    /// Yen that may be fractional (e.g. after `* 2/3`); round it to get yen.
    YenFrac,
    /// Calendar date.
    Date,
    /// Year and month.
    Month,
    /// A length of time: days, months or years.
    Duration,
    /// Inclusive date period `{from, to}`.
    Period,
    /// Text.
    Text,
    /// A choice key.
    Choice,
    /// A set of choice keys.
    Multi,
}
}

impl ValueType {
    /// Name used in diagnostics.
    pub fn name(self) -> &'static str {
        match self {
            ValueType::Bool => "bool",
            ValueType::Int => "integer",
            ValueType::Rate => "rate",
            ValueType::Yen => "yen",
            ValueType::YenFrac => "fractional yen",
            ValueType::Date => "date",
            ValueType::Month => "month",
            ValueType::Duration => "duration",
            ValueType::Period => "period",
            ValueType::Text => "text",
            ValueType::Choice => "choice",
            ValueType::Multi => "multi-choice",
        }
    }
}

enumerated! {
/// Unit of a duration literal.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum DurationUnit {
    /// Calendar days.
    Days,
    /// Calendar months (adding clamps to the month's last day, 民法 143条).
    Months,
    /// Calendar years (adding clamps Feb 29 to Feb 28).
    Years,
}
}

/// A constant.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Literal {
    /// Boolean.
    Bool(bool),
    /// Integer.
    Int(i64),
    /// Yen.
    Yen(i64),
    /// Exact rate `num/den` (den > 0, reduced).
    Rate {
        /// Numerator.
        num: i64,
        /// Denominator.
        den: i64,
    },
    /// Date.
    Date(NaiveDate),
    /// Year-month.
    Month {
        /// Year.
        year: i32,
        /// Month 1–12.
        month: u32,
    },
    /// Duration.
    Duration {
        /// Count (may be negative).
        n: i64,
        /// Unit.
        unit: DurationUnit,
    },
    /// Text or choice key.
    Text(String),
}

/// A reference to a field of the submission.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct FieldRef {
    /// Which frame the path starts in: 0 = the form's top-level fields, k = the
    /// current item of the k-th enclosing list (lists nested k deep).
    pub frame: u8,
    /// Member indices from that frame through groups (never through a list).
    pub path: Vec<u32>,
}

enumerated! {
/// Unary operators.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum UnOp {
    /// Boolean not.
    Not,
    /// Numeric negation.
    Neg,
}
}

enumerated! {
/// Binary operators.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum BinOp {
    /// Numbers; date + duration.
    Add,
    /// Numbers; date − duration.
    Sub,
    /// Numbers.
    Mul,
    /// Numbers (exact; by zero ⇒ unknown).
    Div,
    /// Equal.
    Eq,
    /// Not equal.
    Ne,
    /// Less than.
    Lt,
    /// Less or equal.
    Le,
    /// Greater than.
    Gt,
    /// Greater or equal.
    Ge,
    /// Kleene and.
    And,
    /// Kleene or.
    Or,
}
}

/// An expression.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Expr {
    /// A constant.
    Lit(Literal),
    /// A field's value; unknown when absent, hidden or invalid.
    Field(FieldRef),
    /// Whether a field has a valid value (lists: at least one item). Never unknown.
    Present(FieldRef),
    /// A 資格 field's value.
    Qual(QualField),
    /// The applicant's role (`insured`, `dependent`, `agent`).
    Role,
    /// The date of `now` in Japan (JST).
    Today,
    /// Unary operator.
    Unary {
        /// Operator.
        op: UnOp,
        /// Operand.
        #[serde(deserialize_with = "crate::wire::nested")]
        arg: Box<Expr>,
    },
    /// Binary operator.
    Binary {
        /// Operator.
        op: BinOp,
        /// Left operand.
        #[serde(deserialize_with = "crate::wire::nested")]
        lhs: Box<Expr>,
        /// Right operand.
        #[serde(deserialize_with = "crate::wire::nested")]
        rhs: Box<Expr>,
    },
    /// `value in [a, b, …]`.
    In {
        /// Tested value.
        #[serde(deserialize_with = "crate::wire::nested")]
        value: Box<Expr>,
        /// Candidates.
        #[serde(deserialize_with = "crate::wire::nested")]
        set: Vec<Expr>,
    },
    /// `if cond then a else b` (unknown cond ⇒ unknown).
    If {
        /// Condition.
        #[serde(deserialize_with = "crate::wire::nested")]
        cond: Box<Expr>,
        /// Value when true.
        #[serde(deserialize_with = "crate::wire::nested")]
        then: Box<Expr>,
        /// Value when false.
        #[serde(deserialize_with = "crate::wire::nested")]
        otherwise: Box<Expr>,
    },
    /// A built-in function.
    Call {
        /// Function.
        func: Builtin,
        /// Arguments.
        #[serde(deserialize_with = "crate::wire::nested")]
        args: Vec<Expr>,
    },
    /// An aggregate over a list field.
    Aggregate {
        /// Operation.
        op: AggOp,
        /// The list (path ends at a list field).
        list: FieldRef,
        /// Per-item expression, evaluated with the item as frame `list.frame + 1`.
        #[serde(
            default,
            skip_serializing_if = "crate::wire::absent",
            deserialize_with = "crate::wire::nested"
        )]
        body: Option<Box<Expr>>,
    },
    /// An effective-dated parameter: the value of the latest period whose
    /// `from` ≤ `at` (unknown before the first period or for a missing key).
    Param {
        /// Parameter name (key of `Bundle::params`).
        name: String,
        /// The date that selects the period.
        #[serde(deserialize_with = "crate::wire::nested")]
        at: Box<Expr>,
        /// Key for keyed parameters.
        #[serde(
            default,
            skip_serializing_if = "crate::wire::absent",
            deserialize_with = "crate::wire::nested"
        )]
        key: Option<Box<Expr>>,
    },
}

enumerated! {
/// The auto-filled 資格 fields (from the member's qualification record).
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum QualField {
    /// 保険者番号: 8 digits with a check digit, one of the 47 支部.
    InsurerNumber,
    /// 支部 name, e.g. `東京`.
    Branch,
    /// 記号: 1–8 digits.
    Symbol,
    /// 番号: 1–8 digits.
    Number,
    /// 枝番: 2 digits.
    BranchNo,
    /// 漢字氏名.
    NameKanji,
    /// カナ氏名 (全角カタカナ).
    NameKana,
    /// 性別: `male` or `female`.
    Sex,
    /// 生年月日.
    BirthDate,
}
}

impl QualField {
    /// JSON key in `qualification`.
    pub fn id(self) -> &'static str {
        match self {
            QualField::InsurerNumber => "insurer_number",
            QualField::Branch => "branch",
            QualField::Symbol => "symbol",
            QualField::Number => "number",
            QualField::BranchNo => "branch_no",
            QualField::NameKanji => "name_kanji",
            QualField::NameKana => "name_kana",
            QualField::Sex => "sex",
            QualField::BirthDate => "birth_date",
        }
    }
    /// Japanese label.
    pub fn ja(self) -> &'static str {
        match self {
            QualField::InsurerNumber => "保険者番号",
            QualField::Branch => "支部",
            QualField::Symbol => "記号",
            QualField::Number => "番号",
            QualField::BranchNo => "枝番",
            QualField::NameKanji => "氏名",
            QualField::NameKana => "氏名（カナ）",
            QualField::Sex => "性別",
            QualField::BirthDate => "生年月日",
        }
    }
    /// The identifier → field lookup.
    pub fn from_id(id: &str) -> Option<QualField> {
        QualField::ALL.into_iter().find(|q| q.id() == id)
    }
    /// The value type an expression sees for this field.
    pub fn value_type(self) -> ValueType {
        match self {
            QualField::BirthDate => ValueType::Date,
            QualField::Sex => ValueType::Choice,
            _ => ValueType::Text,
        }
    }
}
