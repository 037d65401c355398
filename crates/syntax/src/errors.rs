//! Turns pest's errors into "expected X, found Y" diagnostics.

use pest::error::{Error, ErrorVariant, InputLocation};

use crate::code::DiagnosticCode;
use crate::diagnostic::Diagnostic;
use crate::grammar::Rule;
use crate::nesting;
use crate::source::{FileId, Span};

pub(crate) fn syntax_error(file: FileId, text: &str, e: Error<Rule>) -> Diagnostic {
    syntax_error_moved(file, text, e, 0, usize::MAX, 0)
}

/// Like [`syntax_error`] for a piece of `text` parsed on its own from byte
/// `offset`: its positions are moved by `offset`, and an error at or past
/// `end` (the piece's length without trailing space: it ended too soon) is
/// reported at `moved_to`, where the text that follows the piece starts.
pub(crate) fn syntax_error_moved(
    file: FileId,
    text: &str,
    e: Error<Rule>,
    offset: usize,
    end: usize,
    moved_to: usize,
) -> Diagnostic {
    let pos = match e.location {
        InputLocation::Pos(p) => p,
        InputLocation::Span((s, _)) => s,
    };
    let pos = if pos >= end {
        moved_to
    } else {
        pos.saturating_add(offset)
    };
    let found = found_token(text, pos);
    let pos = pos.min(text.len());
    let span = Span::new(file, pos, (pos + found.len()).min(text.len()));
    if let ErrorVariant::CustomError { message } = &e.variant
        && message.ends_with("limit reached")
    {
        // pest's own guard (stack or call budget): only input nested far
        // beyond the limits gets here.
        return nesting::parser_exhausted(span);
    }
    if found == "\"" && unterminated(text, pos) {
        return Diagnostic::error(DiagnosticCode::Syntax, span, "unterminated string")
            .with_label("this string has no closing `\"` on its line")
            .with_hint("strings end on the line they start; add the closing quote");
    }
    let expected = match &e.variant {
        ErrorVariant::ParsingError { positives, .. } => describe(positives),
        ErrorVariant::CustomError { message } => message.clone(),
    };
    let found_desc = if found.is_empty() {
        "end of file".to_string()
    } else {
        format!("`{found}`")
    };
    let mut d = Diagnostic::error(
        DiagnosticCode::Syntax,
        span,
        format!("expected {expected}, found {found_desc}"),
    )
    .with_label(format!("expected {expected}"));
    if let Some(hint) = hint_for(&found, &expected) {
        d = d.with_hint(hint);
    }
    if expected.contains("an operator")
        && let Some(k) = keyword_read_as_name(text, pos)
    {
        d = d.with_hint(format!(
            "the expression on the line above is unfinished: the `{k}` that starts this line was read as a name in it"
        ));
    }
    d
}

/// The keyword that starts the line of `pos` and ends right before it
/// (`at` in `  at birth_date`), when an unfinished expression on the line
/// above took it for a name (`check birth_date <=` ⏎ `at birth_date`).
fn keyword_read_as_name(text: &str, pos: usize) -> Option<&'static str> {
    let before = text.get(..pos)?.trim_end_matches([' ', '\t']);
    let start = before
        .char_indices()
        .rev()
        .find(|(_, c)| !(c.is_ascii_alphanumeric() || *c == '_'))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let line_start = before[..start].rfind('\n').map_or(0, |i| i + 1);
    if !before[line_start..start].trim().is_empty() {
        return None;
    }
    ["when", "check", "at", "message", "basis", "help"]
        .into_iter()
        .find(|k| *k == &before[start..])
}

/// An unclosed `(` of `piece` (parsed on its own from byte `offset`) before
/// the position of pest's error `e`, reported at the `(` with where to close
/// it; `None` when the parentheses of the piece balance.
pub(crate) fn unclosed_paren(
    file: FileId,
    piece: &str,
    offset: usize,
    e: &Error<Rule>,
) -> Option<Diagnostic> {
    let err_at = match e.location {
        InputLocation::Pos(p) => p,
        InputLocation::Span((s, _)) => s,
    };
    let open = innermost_unclosed_paren(piece).filter(|&at| at < err_at)?;
    // Where its line's last word ends (a comment aside): where `)` goes when
    // the arguments are all on that line.
    let line_end = piece[open..].find('\n').map_or(piece.len(), |n| open + n);
    let line = &piece[open..line_end];
    let code = line.find(" #").map_or(line, |c| &line[..c]).trim_end();
    let last_word = code.rsplit(char::is_whitespace).next().unwrap_or("");
    let rest_blank = piece[line_end..].trim().is_empty();
    let at = offset + open;
    let d = Diagnostic::error(
        DiagnosticCode::Syntax,
        Span::new(file, at, at + 1),
        "unclosed `(`",
    )
    .with_label("this `(` is never closed");
    Some(if rest_blank && code.len() > 1 {
        d.with_hint(format!("add `)` after `{last_word}`"))
    } else {
        d.with_hint("add the `)` that closes it")
    })
}

/// The byte position of the innermost `(` of `text` that no `)` closes,
/// outside strings and comments.
fn innermost_unclosed_paren(text: &str) -> Option<usize> {
    let mut open: Vec<usize> = Vec::new();
    let mut chars = text.char_indices();
    while let Some((i, c)) = chars.next() {
        match c {
            '"' => {
                // A string ends at its closing quote or at the end of its line.
                while let Some((_, c)) = chars.next() {
                    match c {
                        '\\' => {
                            chars.next();
                        }
                        '"' | '\n' => break,
                        _ => {}
                    }
                }
            }
            '#' => {
                for (_, c) in chars.by_ref() {
                    if c == '\n' {
                        break;
                    }
                }
            }
            '(' => open.push(i),
            ')' => {
                open.pop();
            }
            _ => {}
        }
    }
    open.pop()
}

/// Whether the quote at `pos` opens a string that never closes on its line.
fn unterminated(text: &str, pos: usize) -> bool {
    let rest = text.get(pos + 1..).unwrap_or("");
    let line = rest.split('\n').next().unwrap_or("");
    let mut escaped = false;
    for c in line.chars() {
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            '"' => return false,
            _ => {}
        }
    }
    true
}

fn found_token(text: &str, pos: usize) -> String {
    let rest = text.get(pos..).unwrap_or("");
    let mut chars = rest.chars();
    match chars.next() {
        None => String::new(),
        Some(c) if c.is_ascii_alphanumeric() || c == '_' => rest
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect(),
        Some(c) => c.to_string(),
    }
}

fn hint_for(found: &str, expected: &str) -> Option<String> {
    match found {
        "=" => Some("comparisons are written `==`".into()),
        "&" | "|" => Some("write `and` / `or`".into()),
        "!" => Some("write `not` for negation, `!=` for not equal".into()),
        "'" => Some("strings use double quotes: \"…\"".into()),
        _ if expected.contains("`en`") && is_type_name(found) => {
            Some("write `:` between a field's label and its type".into())
        }
        _ if expected.contains("a name")
            && found.chars().next().is_some_and(|c| c.is_ascii_uppercase()) =>
        {
            Some("identifiers are lowercase snake_case".into())
        }
        _ => misspelt_keyword(found, expected).map(|k| format!("did you mean `{k}`?")),
    }
}

/// The keyword of `expected` (the words it quotes, `message`) that the word
/// `found` is a likely typo of (`mesage`).
fn misspelt_keyword<'a>(found: &str, expected: &'a str) -> Option<&'a str> {
    if found.len() < 3 || !found.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
        return None;
    }
    let limit = (found.chars().count() / 3).clamp(1, 2);
    expected
        .split('`')
        .skip(1)
        .step_by(2)
        .filter(|k| k.len() > 1 && k.chars().all(|c| c.is_ascii_lowercase() || c == '_'))
        .map(|k| (strsim::levenshtein(found, k), k))
        .filter(|&(d, _)| d > 0 && d <= limit)
        .min_by_key(|&(d, _)| d)
        .map(|(_, k)| k)
}

/// Whether `word` names a built-in field type.
fn is_type_name(word: &str) -> bool {
    matches!(
        word,
        "text"
            | "kana"
            | "integer"
            | "yen"
            | "rate"
            | "date"
            | "period"
            | "month"
            | "bool"
            | "choice"
            | "multi"
            | "postal_code"
            | "phone"
            | "email"
            | "address"
            | "digits"
    )
}

fn describe(rules: &[Rule]) -> String {
    let mut names: Vec<&'static str> = Vec::new();
    for r in rules {
        if let Some(n) = rule_name(*r)
            && !names.contains(&n)
        {
            names.push(n);
        }
    }
    match names.as_slice() {
        [] => "valid syntax here".into(),
        [one] => (*one).into(),
        [init @ .., last] => format!("{} or {}", init.join(", "), last),
    }
}

fn rule_name(r: Rule) -> Option<&'static str> {
    Some(match r {
        Rule::EOI => "end of file",
        // A piece of a file read on its own (recovery) that fails at its start.
        Rule::item_piece => "`form`, `block`, `enum`, `param` or `fn`",
        Rule::header_piece => "a header line or a member",
        Rule::member_piece => {
            "a member (`field`, `group`, `list`, `use`, `rule`, `compute`, `let`, `attachment`)"
        }
        Rule::ident | Rule::ref_path => "a name",
        Rule::string | Rule::label => "a string \"…\"",
        Rule::int | Rule::number => "a number",
        Rule::date => "a date YYYY-MM-DD",
        Rule::size => "a size like `10 MB`",
        Rule::expr | Rule::or_expr | Rule::and_expr | Rule::not_expr | Rule::cmp_expr => {
            "an expression"
        }
        Rule::add_expr | Rule::mul_expr | Rule::unary | Rule::postfix | Rule::literal => {
            "an expression"
        }
        Rule::cmp_op => "a comparison",
        Rule::add_op | Rule::mul_op => "an operator",
        Rule::op_and | Rule::op_or => "`and` or `or`",
        Rule::in_op => "`in`",
        Rule::form | Rule::k_form => "`form`",
        Rule::block | Rule::k_block => "`block`",
        Rule::enum_decl | Rule::k_enum => "`enum`",
        Rule::param | Rule::k_param => "`param`",
        Rule::fn_decl | Rule::k_fn => "`fn`",
        Rule::version | Rule::k_version => "`version`",
        Rule::effective | Rule::k_effective => "`effective`",
        Rule::category | Rule::k_category => "`category`",
        Rule::category_name => "a category (給付, 適用, 保健, 貸付, 証交付)",
        Rule::applicants | Rule::k_applicants => "`applicants`",
        Rule::qualification | Rule::k_qualification => "`qualification`",
        Rule::field | Rule::k_field => "`field`",
        Rule::group | Rule::k_group => "`group`",
        Rule::list | Rule::k_list => "`list`",
        Rule::use_decl | Rule::k_use => "`use`",
        Rule::rule | Rule::k_rule => "`rule`",
        Rule::compute | Rule::k_compute => "`compute`",
        Rule::let_decl | Rule::k_let => "`let`",
        Rule::attachment | Rule::k_attachment => "`attachment`",
        Rule::field_type | Rule::named_type | Rule::choice_type | Rule::multi_type => "a type",
        Rule::type_args => "`(`",
        Rule::options | Rule::option => "an option `key \"label\"`",
        Rule::optional_mod | Rule::k_optional => "`optional`",
        Rule::required_when | Rule::k_required => "`required`",
        Rule::visible_when | Rule::k_when => "`when`",
        Rule::help | Rule::k_help => "`help`",
        Rule::rule_check | Rule::k_check => "`check`",
        Rule::rule_at | Rule::k_at => "`at`",
        Rule::rule_message | Rule::k_message => "`message`",
        Rule::rule_when => "`when`",
        Rule::accept | Rule::k_accept => "`accept`",
        Rule::max_size | Rule::k_max_size => "`max_size`",
        Rule::max_count | Rule::k_max_count => "`max_count`",
        Rule::att_required => "`required`",
        Rule::att_optional => "`optional`",
        Rule::param_period | Rule::k_from => "`from`",
        Rule::k_en => "`en`",
        Rule::k_warning | Rule::rule_severity => "`warning`",
        Rule::op_not => "`not`",
        Rule::size_unit => "`KB` or `MB`",
        Rule::duration_unit => "a unit (`days`, `months`, `years`)",
        Rule::boolean => "`true` or `false`",
        Rule::yen => "a yen amount like `500_000円`",
        Rule::decimal => "a decimal",
        Rule::today => "`today`",
        Rule::call => "a function call",
        Rule::if_expr => "`if`",
        Rule::neg => "`-`",
        Rule::k_by => "`by`",
        Rule::k_note => "`note`",
        Rule::k_as => "`as`",
        Rule::k_min | Rule::k_max | Rule::list_bounds => "`min` or `max`",
        Rule::k_chars => "`chars`",
        Rule::k_lines => "`lines`",
        Rule::form_basis | Rule::rule_basis | Rule::k_basis => "`basis`",
        Rule::migrate | Rule::k_migrate => "`migrate`",
        Rule::mig_rename | Rule::k_rename => "`rename`",
        Rule::mig_remove | Rule::mig_option_remove | Rule::k_remove => "`remove`",
        Rule::mig_add | Rule::k_add => "`add`",
        Rule::mig_review | Rule::k_review => "`review`",
        Rule::mig_clear | Rule::k_clear => "`clear`",
        Rule::mig_choice | Rule::k_choice => "`choice`",
        Rule::mig_option_rename => "an option move `old -> new`",
        Rule::optional_mark => "`?`",
        Rule::digits_range => "a range like `1..8`",
        Rule::type_arg_key => "`min`, `max`, `chars` or `lines`",
        Rule::type_arg_value => "a value like `40` (after `chars`: `jis`, `katakana`, …)",
        Rule::param_value | Rule::keyed_values | Rule::keyed_value => "a value",
        Rule::fn_param => "a parameter `name: type`",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::{keyword_read_as_name, misspelt_keyword};

    #[test]
    fn a_keyword_that_starts_the_line_after_an_unfinished_expression() {
        let text = "  check birth_date >=\n    at birth_date\n";
        let pos = text.find("birth_date\n").unwrap();
        assert_eq!(keyword_read_as_name(text, pos), Some("at"));
        // Not at the start of its line, or not a keyword: nothing.
        let text = "  check a >= at birth_date";
        assert_eq!(
            keyword_read_as_name(text, text.rfind("birth").unwrap()),
            None
        );
        // Kanji just before the word: no slicing inside a character.
        let text = "「出産日」at x";
        assert_eq!(keyword_read_as_name(text, text.find('x').unwrap()), None);
    }

    #[test]
    fn a_misspelt_keyword_is_found_among_the_expected_ones() {
        let expected = "`when`, `check`, `at`, `message` or `basis`";
        assert_eq!(misspelt_keyword("mesage", expected), Some("message"));
        assert_eq!(misspelt_keyword("chek", expected), Some("check"));
        assert_eq!(misspelt_keyword("a", expected), None);
        assert_eq!(misspelt_keyword("birth_date", expected), None);
    }
}
