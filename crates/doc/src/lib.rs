//! The reviewer's catalog: every bundled form as static HTML and Markdown, for
//! insurer staff who do not read `.form` files.
//!
//! Per form it shows who may apply, the 資格 fields, every field with its type
//! and conditions, every attachment slot, each rule **in plain Japanese** with
//! its code and message, the computed values and the effective-dated
//! parameters. Expressions of the compiled IR are turned into Japanese by
//! [`phrase`](crate::document): field references become labels (never
//! indices), choice keys become option labels, inlined shared functions such
//! as the 時効 read as the law writes them.
//!
//! The crate does no I/O: [`catalog`] returns the files as data and the
//! `shinsei doc` command writes them.
//!
//! ```
//! use shinsei_syntax::SourceDb;
//! let mut db = SourceDb::new();
//! db.add("demo.form", r#"
//! form demo "見本" {
//!   version "1"  effective 2026-01-13..  category 給付  applicants insured, agent
//!   list leave "休んだ期間" min 1 max 3 {
//!     field from "開始日": date
//!     field to "終了日": date
//!     rule order { check to >= from  at to  message "終了日は開始日以降にしてください" }
//!   }
//! }"#);
//! let bundle = shinsei_check::compile(&db).bundle.unwrap();
//!
//! let doc = shinsei_doc::document(&bundle.forms[0], &bundle);
//! assert_eq!(doc.rules[0].code, "rule.order");
//! assert_eq!(doc.rules[0].text, "「休んだ期間」の各行について、「終了日」が「開始日」以降であること。");
//!
//! let files = shinsei_doc::catalog(&bundle);
//! let paths: Vec<&str> = files.iter().map(|f| f.path.as_str()).collect();
//! assert_eq!(paths, ["index.html", "demo.html", "catalog.md"]);
//! ```

// The catalog is built from any bundle that compiles: never panic on its shape.
#![deny(clippy::unwrap_used)] // an unresolved reference becomes 「（不明な項目）」
#![deny(clippy::expect_used)] // same as unwrap
#![deny(clippy::panic)] // the entry points are total functions
#![deny(clippy::indexing_slicing)] // IR indices are looked up with get()

mod build;
mod field_types;
mod html;
pub mod ja;
mod markdown;
mod migration;
mod model;
mod phrase;
mod scope;

pub use build::{document, param_doc};
pub use model::{
    AttachmentDoc, ComputedDoc, FieldDoc, FormDoc, ParamDoc, ParamRow, QualDoc, RuleDoc,
    SeverityDoc,
};
pub use scope::UNKNOWN_FIELD;

use shinsei_ir::{Bundle, Category};

/// A file of the catalog: a path relative to the output directory, and its text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OutputFile {
    /// Relative path, `/`-separated (`index.html`, `shobyo_teate.html`, `catalog.md`).
    pub path: String,
    /// Contents (UTF-8).
    pub contents: String,
}

/// One form id with its versions, newest first.
#[derive(Clone, Debug)]
pub(crate) struct Entry {
    pub id: String,
    pub category: Category,
    pub docs: Vec<FormDoc>,
}

/// How to read the catalog: shown on the index page and in the Markdown.
pub(crate) const GUIDE: [(&str, &str); 9] = [
    (
        "「」と『』",
        "「」で囲んだ語は申請書の入力項目（画面に表示される項目名）、『』で囲んだ語は法令等で定められた額・率（各様式の「法定の額・率」の表）です。",
    ),
    (
        "計算値と〔A〕",
        "計算値「…」は、その様式の「計算値」の表にある値です。1つの文で同じ値を2回以上使うときは〔A〕〔B〕…と名付け、文の下に内容を示します。",
    ),
    (
        "申請日",
        "ルールの「申請日」は、システムが申請内容を判定する日（通常は申請を送信した日、日本時間）です。",
    ),
    (
        "必須・任意",
        "「必須」の項目は、表示されている限り入力が必要です。表示条件に当てはまらない項目は表示されず、入力も不要です。「…のときは必須」は、その条件に当てはまるときだけ必要です。",
    ),
    (
        "エラーと警告",
        "エラーのルールに当てはまらない申請は受け付けられません。警告は注意を表示するだけで、申請はできます。",
    ),
    (
        "未入力の項目",
        "ルールや条件が使う項目が未入力のときは、そのルールは判定されません（未入力の項目には「必須」のエラーが表示されます）。",
    ),
    (
        "期間と年齢の数え方",
        "「…から2年以内」「…から始まる1年の期間」は民法の期間計算（初日を含めて数え、応当日の前日に満了、応当日がない月は末日に満了）によります。年齢は、誕生日の前日に1歳加算します（年齢計算ニ関スル法律）。",
    ),
    (
        "各行",
        "「…の各行」は、繰り返し入力する項目（期間・被扶養者など）の1件ずつについて判定することを表します。指摘箇所の「/-/」は行番号（0から数える）に置き換わります。",
    ),
    (
        "添付ファイル",
        "協会の基準により、PDFは15 MBまで、JPEG・PNGは100 KB〜20 MB・縦横512〜8,192ピクセルです。書類ごとの上限がそれより小さいときは、その上限によります。",
    ),
];

/// Every form id of the bundle with its versions (newest first), in category order.
pub(crate) fn entries(bundle: &Bundle) -> Vec<Entry> {
    let mut out: Vec<Entry> = Vec::new();
    for form in &bundle.forms {
        let doc = document(form, bundle);
        match out.iter_mut().find(|e| e.id == form.id) {
            Some(e) => e.docs.insert(0, doc),
            None => out.push(Entry {
                id: form.id.clone(),
                category: form.category,
                docs: vec![doc],
            }),
        }
    }
    // Stable: keeps the bundle's id order within a category.
    out.sort_by_key(|e| e.category);
    out
}

/// The Markdown of every version of form `id` (newest first), or `None`.
pub fn form_markdown(bundle: &Bundle, id: &str) -> Option<String> {
    let docs = versions(bundle, id);
    (!docs.is_empty()).then(|| markdown::form(&docs))
}

/// The HTML page of form `id` (every version, newest first), or `None`.
pub fn form_html(bundle: &Bundle, id: &str) -> Option<String> {
    let docs = versions(bundle, id);
    (!docs.is_empty()).then(|| html::form_page(&docs, &bundle.hash))
}

fn versions(bundle: &Bundle, id: &str) -> Vec<FormDoc> {
    bundle
        .forms
        .iter()
        .rev()
        .filter(|f| f.id == id)
        .map(|f| document(f, bundle))
        .collect()
}

/// The whole catalog: `index.html`, one `<id>.html` per form, and `catalog.md`.
pub fn catalog(bundle: &Bundle) -> Vec<OutputFile> {
    let entries = entries(bundle);
    let mut files = vec![OutputFile {
        path: "index.html".to_owned(),
        contents: html::index_page(&entries, bundle),
    }];
    for e in &entries {
        files.push(OutputFile {
            path: format!("{}.html", e.id),
            contents: html::form_page(&e.docs, &bundle.hash),
        });
    }
    files.push(OutputFile {
        path: "catalog.md".to_owned(),
        contents: markdown::catalog(&entries, &bundle.hash),
    });
    files
}

/// Every problem found while rendering the bundle, as `form version: problem`
/// lines (empty for a well-formed bundle).
pub fn problems(bundle: &Bundle) -> Vec<String> {
    bundle
        .forms
        .iter()
        .flat_map(|f| {
            document(f, bundle)
                .problems
                .into_iter()
                .map(move |p| format!("{} {}: {p}", f.id, f.version))
        })
        .collect()
}
