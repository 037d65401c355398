//! A condition in Japanese, in the forms a sentence needs: 「…である」 (plain),
//! 「…であり、」 (to chain with かつ), 「…のとき」 and 「…であること」.

/// A condition ready to be put into a sentence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Clause {
    /// One predicate.
    Simple {
        /// 終止形: `「終了日」が「開始日」以降である`.
        plain: String,
        /// 連用形: `「終了日」が「開始日」以降であり`.
        renyou: String,
        /// 条件: `「終了日」が「開始日」以降のとき`.
        toki: String,
    },
    /// All of these.
    And(Vec<Clause>),
    /// One of these.
    Or(Vec<Clause>),
}

impl Clause {
    /// A predicate whose stem is a noun phrase: `stem` + である / であり / のとき.
    pub fn noun(stem: impl Into<String>) -> Clause {
        let stem = stem.into();
        Clause::Simple {
            plain: format!("{stem}である"),
            renyou: format!("{stem}であり"),
            toki: format!("{stem}のとき"),
        }
    }

    /// A verbal predicate: `plain` (終止形) and `renyou` (連用形).
    pub fn verb(plain: impl Into<String>, renyou: impl Into<String>) -> Clause {
        let plain = plain.into();
        Clause::Simple {
            toki: format!("{plain}とき"),
            plain,
            renyou: renyou.into(),
        }
    }

    /// Puts `prefix` before every form (e.g. `「期間」のすべての行について、`).
    pub fn prefixed(&self, prefix: &str) -> Clause {
        Clause::Simple {
            plain: format!("{prefix}{}", self.plain()),
            renyou: format!("{prefix}{}", self.renyou()),
            toki: format!("{prefix}{}", self.toki()),
        }
    }

    /// `a and b`, flattened.
    pub fn and(parts: Vec<Clause>) -> Clause {
        Clause::join(parts, true)
    }

    /// `a or b`, flattened.
    pub fn or(parts: Vec<Clause>) -> Clause {
        Clause::join(parts, false)
    }

    fn join(parts: Vec<Clause>, all: bool) -> Clause {
        let mut flat = Vec::new();
        for p in parts {
            match p {
                Clause::And(inner) if all => flat.extend(inner),
                Clause::Or(inner) if !all => flat.extend(inner),
                other => flat.push(other),
            }
        }
        match flat.len() {
            1 => flat.pop().unwrap_or_else(|| Clause::noun("")),
            _ if all => Clause::And(flat),
            _ => Clause::Or(flat),
        }
    }

    /// Whether the parts mix `and` and `or` (then they are listed, numbered).
    fn mixed(&self) -> bool {
        match self {
            Clause::Simple { .. } => false,
            Clause::And(parts) | Clause::Or(parts) => {
                parts.iter().any(|p| !matches!(p, Clause::Simple { .. }))
            }
        }
    }

    /// `すべて` or `いずれか`, for a numbered list.
    fn quantifier(&self) -> &'static str {
        if matches!(self, Clause::And(_)) {
            "すべて"
        } else {
            "いずれか"
        }
    }

    /// The parts of a compound clause, in their plain form.
    pub fn items(&self) -> Vec<String> {
        match self {
            Clause::Simple { plain, .. } => vec![plain.clone()],
            Clause::And(parts) | Clause::Or(parts) => parts.iter().map(Clause::plain).collect(),
        }
    }

    /// `（（1）…；（2）…）` for a numbered list inline.
    fn inline_list(&self) -> String {
        let items: Vec<String> = self
            .items()
            .iter()
            .enumerate()
            .map(|(i, s)| format!("（{}）{s}", i + 1))
            .collect();
        format!("〔{}〕", items.join("；"))
    }

    /// Renders a compound with `last` giving the form of its last part and `tail`
    /// the ending of a numbered list.
    fn compound(&self, last: fn(&Clause) -> String, tail: &str) -> String {
        match self {
            Clause::Simple { .. } => last(self),
            _ if self.mixed() => format!(
                "次の{}に当てはまる{tail}{}",
                self.quantifier(),
                self.inline_list()
            ),
            Clause::And(parts) => {
                let (end, head) = match parts.split_last() {
                    Some(x) => x,
                    None => return String::new(),
                };
                let mut out: Vec<String> = head.iter().map(Clause::renyou).collect();
                out.push(format!("かつ{}", last(end)));
                out.join("、")
            }
            Clause::Or(parts) => {
                let (end, head) = match parts.split_last() {
                    Some(x) => x,
                    None => return String::new(),
                };
                let mut out: Vec<String> =
                    head.iter().map(|p| format!("{}か", p.plain())).collect();
                out.push(format!("または{}", last(end)));
                out.join("、")
            }
        }
    }

    /// 終止形: `…である`.
    pub fn plain(&self) -> String {
        match self {
            Clause::Simple { plain, .. } => plain.clone(),
            _ => self.compound(Clause::plain, ""),
        }
    }

    /// 連用形: `…であり`.
    pub fn renyou(&self) -> String {
        match self {
            Clause::Simple { renyou, .. } => renyou.clone(),
            _ if self.mixed() => format!(
                "次の{}に当てはまり{}",
                self.quantifier(),
                self.inline_list()
            ),
            _ => self.compound(Clause::renyou, ""),
        }
    }

    /// `…のとき`.
    pub fn toki(&self) -> String {
        match self {
            Clause::Simple { toki, .. } => toki.clone(),
            _ => self.compound(Clause::toki, "とき"),
        }
    }

    /// `…であること`, for what a rule requires.
    pub fn koto(&self) -> String {
        match self {
            Clause::Simple { plain, .. } => format!("{plain}こと"),
            _ => self.compound(|c| format!("{}こと", c.plain()), "こと"),
        }
    }

    /// A whole sentence `prefix + koto + 。`, or, for a mixed compound, a lead
    /// `prefix + 次の…に当てはまること：` and its items.
    pub fn sentence(&self, prefix: &str) -> (String, Vec<String>) {
        if self.mixed() {
            (
                format!("{prefix}次の{}に当てはまること：", self.quantifier()),
                self.items(),
            )
        } else {
            (format!("{prefix}{}。", self.koto()), Vec::new())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms_of_simple_and_compound_clauses() {
        let a = Clause::noun("「A」が「はい」");
        let b = Clause::verb("「B」が入力されている", "「B」が入力されており");
        assert_eq!(a.koto(), "「A」が「はい」であること");
        assert_eq!(a.toki(), "「A」が「はい」のとき");
        let and = Clause::and(vec![a.clone(), b.clone()]);
        assert_eq!(
            and.koto(),
            "「A」が「はい」であり、かつ「B」が入力されていること"
        );
        assert_eq!(
            and.toki(),
            "「A」が「はい」であり、かつ「B」が入力されているとき"
        );
        let or = Clause::or(vec![a.clone(), b.clone()]);
        assert_eq!(
            or.koto(),
            "「A」が「はい」であるか、または「B」が入力されていること"
        );
        let mixed = Clause::or(vec![and.clone(), a.clone()]);
        let (lead, items) = mixed.sentence("");
        assert_eq!(lead, "次のいずれかに当てはまること：");
        assert_eq!(items.len(), 2);
        assert!(
            mixed
                .toki()
                .starts_with("次のいずれかに当てはまるとき〔（1）")
        );
    }
}
