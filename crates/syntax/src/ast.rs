//! The syntax tree of a `.form` file. Every node carries its byte [`Span`];
//! nothing here is resolved or checked.

use crate::source::Span;

/// An identifier with its span.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ident {
    /// The name (ASCII snake_case).
    pub name: String,
    /// Where it was written.
    pub span: Span,
}

/// A label: Japanese text and optional English text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Label {
    /// Japanese.
    pub ja: String,
    /// English.
    pub en: Option<String>,
    /// Where it was written.
    pub span: Span,
}

/// A parsed file.
#[derive(Clone, Debug, PartialEq)]
pub struct File {
    /// Top-level items in source order.
    pub items: Vec<Item>,
}

/// A top-level item.
#[derive(Clone, Debug, PartialEq)]
pub enum Item {
    /// `form id "title" { … }`
    Form(FormDecl),
    /// `block id "label" { … }` — shared fields and rules.
    Block(BlockDecl),
    /// `enum id { key "label", … }`
    Enum(EnumDecl),
    /// `param id "label": type [by enum] { from DATE value … }`
    Param(ParamDecl),
    /// `fn id(a: type, …) = expr`
    Fn(FnDecl),
}

/// A form.
#[derive(Clone, Debug, PartialEq)]
pub struct FormDecl {
    /// Form id.
    pub id: Ident,
    /// Title.
    pub title: Label,
    /// Header lines in source order.
    pub header: Vec<HeaderItem>,
    /// Members in source order.
    pub members: Vec<Member>,
    /// The whole declaration.
    pub span: Span,
}

/// A header line of a form.
#[derive(Clone, Debug, PartialEq)]
pub enum HeaderItem {
    /// `version "2026.1"`
    Version(String, Span),
    /// `effective 2026-01-13..[2027-03-31]`
    Effective {
        /// First day.
        from: DateLit,
        /// Last day, if any.
        to: Option<DateLit>,
        /// The line.
        span: Span,
    },
    /// `category 給付`
    Category(String, Span),
    /// `applicants insured, agent`
    Applicants(Vec<Ident>, Span),
    /// `qualification symbol, number, sex?`
    Qualification(Vec<QualItem>, Span),
    /// `basis "健康保険法施行規則第84条"`: the legal basis of the application.
    Basis(String, Span),
    /// `migrate from "2026.1" { … }`: what changed since that version.
    Migrate(MigrateDecl),
}

/// `migrate from "<version>" { … }`.
#[derive(Clone, Debug, PartialEq)]
pub struct MigrateDecl {
    /// The previous version.
    pub from: String,
    /// Where the version string was written.
    pub from_span: Span,
    /// Statements in source order.
    pub items: Vec<MigrateItem>,
    /// The whole block.
    pub span: Span,
}

/// One statement of a `migrate` block. Paths of `rename`, `remove` and
/// `choice` name fields of the old version; `add`, `review` and `clear`
/// fields of the new one.
#[derive(Clone, Debug, PartialEq)]
pub enum MigrateItem {
    /// `rename a.b -> c`: the value moves to the new id (same parent).
    Rename {
        /// The old field.
        path: Vec<Ident>,
        /// Its new id.
        to: Ident,
        /// The statement.
        span: Span,
    },
    /// `remove a.b ["why"]`: the field is gone; its value is dropped.
    Remove {
        /// The old field.
        path: Vec<Ident>,
        /// Why, for the member.
        message: Option<Label>,
        /// The statement.
        span: Span,
    },
    /// `add a.b ["why"]`: a new field the member fills in.
    Add {
        /// The new field.
        path: Vec<Ident>,
        /// Why, for the member.
        message: Option<Label>,
        /// The statement.
        span: Span,
    },
    /// `review a.b "why"`: the value is kept; the member looks at it again.
    Review {
        /// The new field.
        path: Vec<Ident>,
        /// Why, for the member.
        message: Label,
        /// The statement.
        span: Span,
    },
    /// `clear a.b ["why"]`: the value is dropped; the member enters it again.
    Clear {
        /// The new field.
        path: Vec<Ident>,
        /// Why, for the member.
        message: Option<Label>,
        /// The statement.
        span: Span,
    },
    /// `choice a.b { old -> new, remove gone ["why"] }`: options renamed or removed.
    Choice {
        /// The old field.
        path: Vec<Ident>,
        /// What happens to each changed option.
        options: Vec<OptionMove>,
        /// The statement.
        span: Span,
    },
}

/// What happens to one option of a choice (`migrate`).
#[derive(Clone, Debug, PartialEq)]
pub enum OptionMove {
    /// `old -> new`: the same meaning under a new key.
    Rename {
        /// The old key.
        from: Ident,
        /// The new key.
        to: Ident,
    },
    /// `remove old ["why"]`: the option is gone; the member chooses again.
    Remove {
        /// The old key.
        key: Ident,
        /// Why, for the member.
        message: Option<Label>,
        /// The line.
        span: Span,
    },
}

/// One entry of `qualification`.
#[derive(Clone, Debug, PartialEq)]
pub struct QualItem {
    /// Field name.
    pub name: Ident,
    /// Written with `?`.
    pub optional: bool,
}

/// A date literal as written (checked later).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DateLit {
    /// `YYYY-MM-DD`.
    pub text: String,
    /// Where it was written.
    pub span: Span,
}

/// A member of a form, group, list or block.
#[derive(Clone, Debug, PartialEq)]
pub enum Member {
    /// `field id "label": type modifiers`
    Field(FieldDecl),
    /// `group id "label" modifiers { … }`
    Group(GroupDecl),
    /// `list id "label" min N max M modifiers { … }`
    List(ListDecl),
    /// `use block [as id] modifiers`
    Use(UseDecl),
    /// `rule name [warning] { when … check … at … message … }`
    Rule(RuleDecl),
    /// `compute name "label" = expr [when cond]`
    Compute(ComputeDecl),
    /// `let name = expr`
    Let(LetDecl),
    /// `attachment id "label" { … }`
    Attachment(AttachmentDecl),
}

/// Modifiers of a field, group, list or `use`.
#[derive(Clone, Debug, PartialEq)]
pub enum Modifier {
    /// `optional`
    Optional(Span),
    /// `required when expr`
    RequiredWhen(Expr, Span),
    /// `when expr`
    VisibleWhen(Expr, Span),
    /// `help "…"`
    Help(Label),
}

/// A field.
#[derive(Clone, Debug, PartialEq)]
pub struct FieldDecl {
    /// Id.
    pub id: Ident,
    /// Label.
    pub label: Label,
    /// Type.
    pub ty: TypeExpr,
    /// Modifiers.
    pub modifiers: Vec<Modifier>,
    /// Whole declaration.
    pub span: Span,
}

/// A group of fields (a JSON object).
#[derive(Clone, Debug, PartialEq)]
pub struct GroupDecl {
    /// Id.
    pub id: Ident,
    /// Label.
    pub label: Label,
    /// Modifiers.
    pub modifiers: Vec<Modifier>,
    /// Members.
    pub members: Vec<Member>,
    /// Whole declaration.
    pub span: Span,
}

/// A repeating list (a JSON array of objects).
#[derive(Clone, Debug, PartialEq)]
pub struct ListDecl {
    /// Id.
    pub id: Ident,
    /// Label.
    pub label: Label,
    /// `min N`.
    pub min: Option<(u64, Span)>,
    /// `max N`.
    pub max: Option<(u64, Span)>,
    /// Modifiers.
    pub modifiers: Vec<Modifier>,
    /// Members of one item.
    pub members: Vec<Member>,
    /// Whole declaration.
    pub span: Span,
}

/// `use block [as id]`.
#[derive(Clone, Debug, PartialEq)]
pub struct UseDecl {
    /// The block used.
    pub block: Ident,
    /// With `as`, the block becomes a group of that id; without, its members are spliced in.
    pub alias: Option<Ident>,
    /// Modifiers (for `as`).
    pub modifiers: Vec<Modifier>,
    /// Whole declaration.
    pub span: Span,
}

/// A named rule.
#[derive(Clone, Debug, PartialEq)]
pub struct RuleDecl {
    /// Name (code `rule.<name>`).
    pub name: Ident,
    /// Written `warning`.
    pub warning: Option<Span>,
    /// Items in source order.
    pub items: Vec<RuleItem>,
    /// Whole declaration.
    pub span: Span,
}

/// An item of a rule body.
#[derive(Clone, Debug, PartialEq)]
pub enum RuleItem {
    /// `when expr`
    When(Expr, Span),
    /// `check expr`
    Check(Expr, Span),
    /// `at path`
    At(Vec<Ident>, Span),
    /// `message "…" [en "…"]`
    Message(Label, Span),
    /// `basis "健康保険法第99条第1項"`: the legal basis of the rule.
    Basis(String, Span),
}

/// `compute name "label" = expr`.
#[derive(Clone, Debug, PartialEq)]
pub struct ComputeDecl {
    /// Name (key in `computed`).
    pub name: Ident,
    /// Label.
    pub label: Label,
    /// Expression.
    pub expr: Expr,
    /// `when cond`: the value is shown only while the condition holds.
    pub when: Option<Expr>,
    /// Whole declaration.
    pub span: Span,
}

/// `let name = expr`.
#[derive(Clone, Debug, PartialEq)]
pub struct LetDecl {
    /// Name.
    pub name: Ident,
    /// Expression.
    pub expr: Expr,
    /// Whole declaration.
    pub span: Span,
}

/// An attachment slot.
#[derive(Clone, Debug, PartialEq)]
pub struct AttachmentDecl {
    /// Slot id.
    pub id: Ident,
    /// Label.
    pub label: Label,
    /// Items in source order.
    pub items: Vec<AttachmentItem>,
    /// Whole declaration.
    pub span: Span,
}

/// An item of an attachment body.
#[derive(Clone, Debug, PartialEq)]
pub enum AttachmentItem {
    /// `accept pdf, jpeg, png`
    Accept(Vec<Ident>, Span),
    /// `max_size 10 MB`
    MaxSize {
        /// Number as written.
        value: u64,
        /// `KB` or `MB`.
        unit: String,
        /// The item.
        span: Span,
    },
    /// `max_count 5`
    MaxCount(u64, Span),
    /// `required [when expr]`
    Required(Option<Expr>, Span),
    /// `optional`
    Optional(Span),
    /// `help "…"`
    Help(Label),
}

/// A field type.
#[derive(Clone, Debug, PartialEq)]
pub enum TypeExpr {
    /// `text(max 20)`, `date`, `digits(7)`, or an enum name.
    Named {
        /// Type name.
        name: Ident,
        /// Arguments.
        args: Vec<TypeArg>,
        /// Whole type.
        span: Span,
    },
    /// `choice { key "label", … }`
    Choice {
        /// Options.
        options: Vec<OptionDecl>,
        /// Whole type.
        span: Span,
    },
    /// `multi(min 1) { key "label", … }`
    Multi {
        /// Arguments.
        args: Vec<TypeArg>,
        /// Options.
        options: Vec<OptionDecl>,
        /// Whole type.
        span: Span,
    },
}

/// An argument of a type.
#[derive(Clone, Debug, PartialEq)]
pub enum TypeArg {
    /// `digits(7)`
    Positional(i64, Span),
    /// `digits(1..8)`
    Range(i64, i64, Span),
    /// `max 20`, `chars zengin`
    Keyed {
        /// `min`, `max` or `chars`.
        key: Ident,
        /// Value.
        value: TypeArgValue,
        /// The argument.
        span: Span,
    },
}

/// Value of a keyed type argument.
#[derive(Clone, Debug, PartialEq)]
pub enum TypeArgValue {
    /// A number.
    Number(i64),
    /// A name (`zengin`).
    Name(String),
}

/// A choice option.
#[derive(Clone, Debug, PartialEq)]
pub struct OptionDecl {
    /// Key (the JSON value).
    pub key: Ident,
    /// Label.
    pub label: Label,
}

/// `block id "label" { members }`.
#[derive(Clone, Debug, PartialEq)]
pub struct BlockDecl {
    /// Id.
    pub id: Ident,
    /// Label.
    pub label: Label,
    /// Members.
    pub members: Vec<Member>,
    /// Whole declaration.
    pub span: Span,
}

/// `enum id { key "label", … }`.
#[derive(Clone, Debug, PartialEq)]
pub struct EnumDecl {
    /// Id.
    pub id: Ident,
    /// Options.
    pub options: Vec<OptionDecl>,
    /// Whole declaration.
    pub span: Span,
}

/// An effective-dated parameter.
#[derive(Clone, Debug, PartialEq)]
pub struct ParamDecl {
    /// Name.
    pub id: Ident,
    /// Label.
    pub label: Label,
    /// Value type name (`yen`, `integer`, `rate`, `date`).
    pub ty: Ident,
    /// Enum keying a table, if any.
    pub by: Option<Ident>,
    /// Periods in source order.
    pub periods: Vec<ParamPeriodDecl>,
    /// Whole declaration.
    pub span: Span,
}

/// `from DATE value [note "…"]`.
#[derive(Clone, Debug, PartialEq)]
pub struct ParamPeriodDecl {
    /// First day.
    pub from: DateLit,
    /// Value.
    pub value: ParamValueDecl,
    /// Source note.
    pub note: Option<String>,
    /// The line.
    pub span: Span,
}

/// A parameter value.
#[derive(Clone, Debug, PartialEq)]
pub enum ParamValueDecl {
    /// One literal.
    Single(Expr),
    /// `{ key literal, … }`
    Keyed(Vec<(Ident, Expr)>),
}

/// `fn name(a: type, …) = expr`.
#[derive(Clone, Debug, PartialEq)]
pub struct FnDecl {
    /// Name.
    pub id: Ident,
    /// Parameters and their type names.
    pub params: Vec<(Ident, Ident)>,
    /// Body.
    pub body: Expr,
    /// Whole declaration.
    pub span: Span,
}

/// An expression.
#[derive(Clone, Debug, PartialEq)]
pub struct Expr {
    /// What it is.
    pub kind: ExprKind,
    /// Where.
    pub span: Span,
}

/// Expression kinds.
#[derive(Clone, Debug, PartialEq)]
pub enum ExprKind {
    /// A literal.
    Lit(Lit),
    /// A name.
    Name(Ident),
    /// `today`
    Today,
    /// `base.member`
    Member(Box<Expr>, Ident),
    /// `f(args)`
    Call(Ident, Vec<Expr>),
    /// `-x`, `not x`
    Unary(UnaryOp, Box<Expr>),
    /// `a op b`
    Binary(BinaryOp, Box<Expr>, Box<Expr>),
    /// `x [not] in [a, b]`
    In {
        /// Tested value.
        value: Box<Expr>,
        /// Candidates.
        set: Vec<Expr>,
        /// `not in`.
        negated: bool,
    },
    /// `if c then a else b`
    If(Box<Expr>, Box<Expr>, Box<Expr>),
}

/// Literals.
#[derive(Clone, Debug, PartialEq)]
pub enum Lit {
    /// `42`
    Int(i64),
    /// `500_000円`
    Yen(i64),
    /// `0.3`
    Decimal(String),
    /// `2023-04-01`
    Date(String),
    /// `3 days`
    Duration(i64, DurationUnit),
    /// `"text"`
    Str(String),
    /// `true`
    Bool(bool),
}

/// Units of duration literals.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DurationUnit {
    /// days
    Days,
    /// months
    Months,
    /// years
    Years,
}

/// Unary operators.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnaryOp {
    /// `-`
    Neg,
    /// `not`
    Not,
}

/// Binary operators.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BinaryOp {
    /// `+`
    Add,
    /// `-`
    Sub,
    /// `*`
    Mul,
    /// `/`
    Div,
    /// `==`
    Eq,
    /// `!=`
    Ne,
    /// `<`
    Lt,
    /// `<=`
    Le,
    /// `>`
    Gt,
    /// `>=`
    Ge,
    /// `and`
    And,
    /// `or`
    Or,
}

impl BinaryOp {
    /// The operator as written.
    pub fn as_str(self) -> &'static str {
        match self {
            BinaryOp::Add => "+",
            BinaryOp::Sub => "-",
            BinaryOp::Mul => "*",
            BinaryOp::Div => "/",
            BinaryOp::Eq => "==",
            BinaryOp::Ne => "!=",
            BinaryOp::Lt => "<",
            BinaryOp::Le => "<=",
            BinaryOp::Gt => ">",
            BinaryOp::Ge => ">=",
            BinaryOp::And => "and",
            BinaryOp::Or => "or",
        }
    }
}
