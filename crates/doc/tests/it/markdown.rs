//! Snapshots of the Markdown of each pilot form: a change to a form, or to the
//! way the catalog words it, shows up in review.

use crate::common::bundle;

#[test]
fn pilot_forms() {
    for id in ["shobyo_teate", "shussan_ikuji_ichijikin", "ninkei_shutoku"] {
        let md = shinsei_doc::form_markdown(bundle(), id).unwrap();
        insta::assert_snapshot!(id, md);
    }
}

#[test]
fn catalog_has_every_form_once() {
    let md = shinsei_doc::catalog(bundle())
        .into_iter()
        .find(|f| f.path == "catalog.md")
        .unwrap()
        .contents;
    let mut ids: Vec<&str> = bundle().forms.iter().map(|f| f.id.as_str()).collect();
    ids.dedup();
    for id in ids {
        assert_eq!(
            md.matches(&format!("<a id=\"{id}\"></a>")).count(),
            1,
            "{id} appears once"
        );
    }
}
