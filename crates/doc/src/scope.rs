//! Where an expression is evaluated: the stack of frames (the form, then the
//! current item of each enclosing list) and the group it sits in, so that a
//! [`FieldRef`] becomes the labels a reader knows.

use std::cell::RefCell;

use shinsei_ir::{Bundle, Expr, Field, FieldKind, FieldRef, Form, Param};

/// The lists entered (through aggregates) to reach an expression.
pub type Key = Vec<FieldRef>;

/// A value named for one sentence (see `phrase::names`): the expression,
/// where it is, its name.
pub type Name<'a> = (&'a Expr, Key, String);

/// Shown where a reference cannot be resolved (never raw indices).
pub const UNKNOWN_FIELD: &str = "（不明な項目）";

/// One frame: the object a [`FieldRef`] with this frame number starts from,
/// and the group path (inside it) the current expression is written in.
#[derive(Clone, Debug)]
struct Frame<'a> {
    fields: &'a [Field],
    prefix: Vec<u32>,
}

/// The evaluation context of an expression.
#[derive(Clone, Debug)]
pub struct Ctx<'a> {
    pub(crate) bundle: &'a Bundle,
    frames: Vec<Frame<'a>>,
    problems: &'a RefCell<Vec<String>>,
    /// The form's computed values (expression, label) that a longer formula may
    /// be read through: 「計算値「1児あたりの支給額」」.
    computed: Vec<(&'a Expr, &'a str)>,
    /// Values named for one sentence (〔A〕), see `phrase::names`.
    pub(crate) names: Vec<Name<'a>>,
    /// The lists entered through aggregates (for names), with the frame depth
    /// at which the first was entered.
    agg: Vec<FieldRef>,
}

impl<'a> Ctx<'a> {
    /// The form's top level.
    pub fn root(bundle: &'a Bundle, form: &'a Form, problems: &'a RefCell<Vec<String>>) -> Self {
        Ctx {
            bundle,
            frames: vec![Frame {
                fields: &form.fields,
                prefix: Vec::new(),
            }],
            problems,
            computed: form
                .computed
                .iter()
                .filter(|c| !trivial(&c.expr))
                .map(|c| (&c.expr, c.label.ja.as_str()))
                .collect(),
            names: Vec::new(),
            agg: Vec::new(),
        }
    }

    /// The same context without the computed value `expr` (so that it is not
    /// read through itself).
    pub fn without_computed(&self, expr: &Expr) -> Self {
        let mut ctx = self.clone();
        ctx.computed.retain(|(e, _)| *e != expr);
        ctx
    }

    /// The label of the computed value whose formula is `e`, if any.
    pub fn computed_label(&self, e: &Expr) -> Option<&'a str> {
        if trivial(e) {
            return None;
        }
        self.computed.iter().find(|(c, _)| *c == e).map(|(_, l)| *l)
    }

    /// Records something that could not be resolved.
    pub fn problem(&self, what: String) {
        self.problems.borrow_mut().push(what);
    }

    /// Number of frames (1 at the form's top level).
    pub fn depth(&self) -> usize {
        self.frames.len() - self.agg.len()
    }

    /// The lists entered through aggregates to reach this context.
    pub(crate) fn base_key(&self) -> Vec<FieldRef> {
        self.agg.clone()
    }

    /// The members of the object the context is in (a group's, a list item's, the form's).
    pub fn members(&self) -> &'a [Field] {
        let Some(top) = self.frames.last() else {
            return &[];
        };
        let mut fields = top.fields;
        for &i in &top.prefix {
            match fields.get(i as usize).map(|f| &f.kind) {
                Some(FieldKind::Group { fields: inner }) => fields = inner,
                _ => return &[],
            }
        }
        fields
    }

    /// The context inside member `i` of the current object: a group extends the
    /// current frame's prefix, a list opens a new frame (its item).
    pub fn enter(&self, i: u32) -> Option<(Ctx<'a>, &'a Field)> {
        let field = self.members().get(i as usize)?;
        let mut ctx = self.clone();
        match &field.kind {
            FieldKind::Group { .. } => ctx.frames.last_mut()?.prefix.push(i),
            FieldKind::List { fields, .. } => ctx.frames.push(Frame {
                fields,
                prefix: Vec::new(),
            }),
            _ => return None,
        }
        Some((ctx, field))
    }

    /// The chain of fields `r` goes through (groups, then the field).
    pub fn resolve(&self, r: &FieldRef) -> Option<Vec<&'a Field>> {
        let frame = self.frames.get(usize::from(r.frame))?;
        let mut fields = frame.fields;
        let mut chain = Vec::with_capacity(r.path.len());
        for (n, &i) in r.path.iter().enumerate() {
            let f = fields.get(i as usize)?;
            chain.push(f);
            if n + 1 < r.path.len() {
                match &f.kind {
                    FieldKind::Group { fields: inner } => fields = inner,
                    _ => return None,
                }
            }
        }
        (!chain.is_empty()).then_some(chain)
    }

    /// The field `r` points at.
    pub fn field(&self, r: &FieldRef) -> Option<&'a Field> {
        self.resolve(r).and_then(|c| c.last().copied())
    }

    /// `「終了日」`, or `「振込先指定口座」の「支店コード」` for a member of a group
    /// the expression is not written in.
    pub fn label(&self, r: &FieldRef) -> String {
        let Some(chain) = self.resolve(r) else {
            self.problem(format!(
                "unresolved field reference (frame {}, path {:?})",
                r.frame, r.path
            ));
            return UNKNOWN_FIELD.to_owned();
        };
        let prefix = self
            .frames
            .get(usize::from(r.frame))
            .map(|f| f.prefix.as_slice())
            .unwrap_or_default();
        let skip = if r.path.starts_with(prefix) && r.path.len() > prefix.len() {
            prefix.len()
        } else {
            0
        };
        chain
            .iter()
            .skip(skip)
            .map(|f| format!("「{}」", f.label.ja))
            .collect::<Vec<_>>()
            .join("の")
    }

    /// The labels of `r` as [`Ctx::label`] joins them: `["「振込先」", "「金融機関コード」"]`.
    pub fn label_parts(&self, r: &FieldRef) -> Vec<String> {
        let label = self.label(r);
        label
            .split("」の「")
            .map(|p| p.trim_matches(['「', '」']).to_owned())
            .map(|p| format!("「{p}」"))
            .collect()
    }

    /// The context of a list's items (an aggregate's body): frames up to the
    /// list's frame, then the item.
    pub fn item(&self, list: &FieldRef) -> Option<Ctx<'a>> {
        let FieldKind::List { fields, .. } = &self.field(list)?.kind else {
            return None;
        };
        let mut ctx = self.clone();
        ctx.agg = self.deeper(&self.agg, list);
        ctx.frames.truncate(usize::from(list.frame) + 1);
        ctx.frames.push(Frame {
            fields,
            prefix: Vec::new(),
        });
        Some(ctx)
    }
}

/// A formula too short to be worth a name.
fn trivial(e: &Expr) -> bool {
    matches!(
        e,
        Expr::Lit(_) | Expr::Field(_) | Expr::Present(_) | Expr::Qual(_) | Expr::Role | Expr::Today
    )
}

/// The labels of a keyed parameter's keys: the options of a choice field (in
/// any form) with exactly those keys; else the keys themselves.
pub fn param_key_labels(bundle: &Bundle, param: &Param) -> Vec<(String, String)> {
    fn find<'a>(fields: &'a [Field], keys: &[String]) -> Option<&'a [shinsei_ir::ChoiceOption]> {
        fields.iter().find_map(|f| match &f.kind {
            FieldKind::Choice { options } | FieldKind::Multi { options, .. }
                if options.len() == keys.len() && options.iter().all(|o| keys.contains(&o.key)) =>
            {
                Some(options.as_slice())
            }
            FieldKind::Group { fields } | FieldKind::List { fields, .. } => find(fields, keys),
            _ => None,
        })
    }
    let options = bundle
        .forms
        .iter()
        .find_map(|f| find(&f.fields, &param.keys));
    param
        .keys
        .iter()
        .map(|k| {
            let label = options
                .and_then(|o| o.iter().find(|o| &o.key == k))
                .map_or_else(|| k.clone(), |o| o.label.ja.clone());
            (k.clone(), label)
        })
        .collect()
}
