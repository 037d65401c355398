//! The HTML pages: labels escaped, tags balanced, ids unique, nothing external.

use std::collections::BTreeSet;

use crate::common::{bundle, doc};

/// Elements without an end tag.
const VOID: [&str; 6] = ["br", "meta", "img", "hr", "input", "link"];
/// Elements a `<p>` cannot contain (the parser would close the `<p>` first).
const BLOCK: [&str; 9] = [
    "div", "dl", "ol", "ul", "table", "section", "article", "p", "h2",
];

/// Checks that `html` is well-formed enough: every tag closed in order, void
/// elements not closed, attributes quoted, `&` only in entities, no block
/// inside `<p>`, ids unique. Returns the problems found.
fn check_html(html: &str) -> Vec<String> {
    let mut problems = Vec::new();
    let mut stack: Vec<String> = Vec::new();
    let mut ids = BTreeSet::new();
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        check_text(&rest[..lt], &mut problems);
        rest = &rest[lt..];
        if let Some(after) = rest.strip_prefix("<!--") {
            let end = after.find("-->").expect("comment closed");
            rest = &after[end + 3..];
            continue;
        }
        let gt = rest.find('>').expect("tag closed with >");
        let tag = &rest[1..gt];
        rest = &rest[gt + 1..];
        if tag.starts_with("!DOCTYPE") {
            continue;
        }
        if let Some(name) = tag.strip_prefix('/') {
            match stack.pop() {
                Some(open) if open == name => {}
                other => problems.push(format!("</{name}> closes {other:?}")),
            }
            continue;
        }
        let name: String = tag
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        let attrs = &tag[name.len()..];
        if !attrs.matches('"').count().is_multiple_of(2) {
            problems.push(format!("unbalanced quotes in <{tag}>"));
        }
        if let Some(i) = attrs.find(" id=\"") {
            let id: String = attrs[i + 5..].chars().take_while(|c| *c != '"').collect();
            if !ids.insert(id.clone()) {
                problems.push(format!("duplicate id {id}"));
            }
        }
        if stack.last().is_some_and(|t| t == "p") && BLOCK.contains(&name.as_str()) {
            problems.push(format!("<{name}> inside <p>"));
        }
        if name == "style" || name == "script" {
            let close = format!("</{name}>");
            let end = rest.find(&close).expect("raw text element closed");
            rest = &rest[end + close.len()..];
            continue;
        }
        if !VOID.contains(&name.as_str()) && !tag.ends_with('/') {
            stack.push(name);
        }
    }
    check_text(rest, &mut problems);
    if !stack.is_empty() {
        problems.push(format!("unclosed: {stack:?}"));
    }
    problems
}

/// Text between tags: `&` starts an entity, no stray `>`.
fn check_text(text: &str, problems: &mut Vec<String>) {
    if text.contains('>') {
        problems.push(format!("raw > in text: {text}"));
    }
    for (i, _) in text.match_indices('&') {
        let entity: String = text[i..]
            .chars()
            .take_while(|c| *c != ';' && !c.is_whitespace())
            .collect();
        if !["&amp", "&lt", "&gt", "&quot", "&#x27"].contains(&entity.as_str()) {
            problems.push(format!("raw & in text: {text}"));
        }
    }
}

#[test]
fn every_page_is_well_formed_and_self_contained() {
    for f in shinsei_doc::catalog(bundle()) {
        if !f.path.ends_with(".html") {
            continue;
        }
        let problems = check_html(&f.contents);
        assert!(problems.is_empty(), "{}: {problems:#?}", f.path);
        assert!(
            f.contents
                .starts_with("<!DOCTYPE html>\n<html lang=\"ja\">")
        );
        assert!(
            f.contents.contains("<meta name=\"viewport\""),
            "{}: phone viewport",
            f.path
        );
        assert!(
            f.contents.contains("@media print"),
            "{}: print styles",
            f.path
        );
        for external in ["<script", "<link", "http://", "https://", "src="] {
            assert!(!f.contents.contains(external), "{}: {external}", f.path);
        }
    }
}

#[test]
fn the_checker_catches_broken_html() {
    assert!(check_html("<div><p>x</div></p>").len() >= 2);
    assert!(!check_html("<p>a & b</p>").is_empty());
    assert!(!check_html("<p><table></table></p>").is_empty());
    assert!(!check_html("<a id=\"x\"></a><b id=\"x\"></b>").is_empty());
    assert!(check_html("<p>a<br>b &amp; c</p><meta charset=\"utf-8\">").is_empty());
}

#[test]
fn labels_and_messages_are_escaped() {
    let (_, bundle) = doc(r#"
form esc_test "<b>見本</b> & \"引用\" 'x'" {
  version "1<2"  effective 2026-01-13..  category 給付  applicants insured
  field a "<script>alert(1)</script>": text(max 10) help "a | b & <c>"
  field b "選択": choice { x "<i>イ</i>", y "ロ|ハ" }
  rule r {
    check b == "x"
    at b
    message "<img src=x onerror=alert(1)> & 「確認」"
  }
  attachment s "添付<書類>" { accept pdf  required when a == "<"  help "&amp;" }
}"#);
    let html = shinsei_doc::form_html(&bundle, "esc_test").unwrap();
    assert!(check_html(&html).is_empty(), "{:#?}", check_html(&html));
    for raw in ["<script>", "<b>見本", "<i>イ", "<img", "<書類>"] {
        assert!(!html.contains(raw), "unescaped {raw}");
    }
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(html.contains("&lt;b&gt;見本&lt;/b&gt; &amp; &quot;引用&quot; &#x27;x&#x27;"));
    assert!(
        html.contains("「&lt;i&gt;イ&lt;/i&gt;」"),
        "option labels escaped inside rules"
    );
    assert!(html.contains("&amp;amp;"), "help text escaped once more");

    let md = shinsei_doc::form_markdown(&bundle, "esc_test").unwrap();
    assert!(md.contains("a \\| b & \\<c\\>"), "{md}");
    assert!(md.contains("\\<script\\>"));
    assert!(
        md.contains("\\<img src=x onerror=alert(1)\\> & 「確認」"),
        "{md}"
    );
    // Every `<` is escaped, except the catalog's own `<br>` and anchors.
    for (i, _) in md.match_indices('<') {
        let ok =
            md[..i].ends_with('\\') || md[i..].starts_with("<br>") || md[i..].starts_with("<a id=");
        assert!(ok, "raw < at {i}: {}", &md[i..md.len().min(i + 20)]);
    }
    let index = shinsei_doc::catalog(&bundle).remove(0).contents;
    assert!(check_html(&index).is_empty(), "{:#?}", check_html(&index));
}
