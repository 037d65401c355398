//! JSON Pointers (RFC 6901) into the envelope, with `-` for "every item".

use shinsei_ir::{Field, FieldKind};

/// The pointer of the `fields` object.
pub(crate) const FIELDS: &str = "/fields";

/// `parent` + `/` + `token`, escaping `~` and `/` in the token.
pub(crate) fn child(parent: &str, token: &str) -> String {
    let mut out = String::with_capacity(parent.len() + token.len() + 1);
    out.push_str(parent);
    out.push('/');
    for c in token.chars() {
        match c {
            '~' => out.push_str("~0"),
            '/' => out.push_str("~1"),
            c => out.push(c),
        }
    }
    out
}

/// The members of a group or of one list item (none for other kinds).
pub(crate) fn members(field: &Field) -> &[Field] {
    match &field.kind {
        FieldKind::Group { fields } | FieldKind::List { fields, .. } => fields,
        _ => &[],
    }
}

/// Follows member indices from `fields` at pointer `base`.
///
/// Every list passed through contributes its `-` item token; a list at the
/// very end does so only when `into_last_list` (a rule's scope is the list's
/// items, its `at` is the list itself). An index that does not resolve ends
/// the walk, as in the runtime.
pub(crate) fn walk<'a>(
    mut fields: &'a [Field],
    base: &str,
    indices: &[u32],
    into_last_list: bool,
) -> (String, &'a [Field]) {
    let mut path = base.to_owned();
    let mut rest = indices.iter().peekable();
    while let Some(idx) = rest.next() {
        let Some(field) = usize::try_from(*idx).ok().and_then(|i| fields.get(i)) else {
            break;
        };
        path = child(&path, &field.id);
        let last = rest.peek().is_none();
        if matches!(field.kind, FieldKind::List { .. }) && (!last || into_last_list) {
            path = child(&path, "-");
        }
        fields = members(field);
    }
    (path, fields)
}

#[cfg(test)]
mod tests {
    use super::child;

    #[test]
    fn escapes_tokens() {
        assert_eq!(child("/fields", "a/b~c"), "/fields/a~1b~0c");
        assert_eq!(child("", "fields"), "/fields");
    }
}
