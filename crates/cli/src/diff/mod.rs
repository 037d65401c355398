//! `shinsei diff OLD NEW [--cases [DIR…]]`: what a change to the forms does,
//! as a reviewer reads it — not a text diff.
//!
//! - each form version's fields, rules, attachments and computed values
//!   added, removed or changed, worded as the reviewer's catalog words them
//!   (plain Japanese conditions, `550,000円`, dates), and only where something
//!   visible changed ([`forms`]);
//! - each param's periods added or changed, with the form versions that read
//!   it ([`params`]); each shared block, fn or enum that changed, with the
//!   form versions it reaches ([`shared`], when both sides are folders);
//! - with `--cases`, the verdict diff: every case and re-application case
//!   of both sides (and every submission under the given folders) run
//!   against both, listing each change of verdict, code, notice, required
//!   attachment or computed amount ([`verdicts`]).

pub mod forms;
pub mod params;
pub mod shared;
pub mod verdicts;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Serialize;
use shinsei_ir::Bundle;
use shinsei_load::{BundleSource, Sources};
use shinsei_syntax::SourceDb;

pub use forms::Change;
pub use shared::SharedChange;
pub use verdicts::{VerdictChange, VerdictDiff};

use crate::error::CliError;

/// One side of the comparison: a folder of `.form` files or a bundle file.
pub struct Side {
    /// The compiled forms.
    pub bundle: Bundle,
    /// The sources and the folder they came from (not for a bundle file).
    pub sources: Option<(SourceDb, PathBuf)>,
}

impl Side {
    /// Loads a folder of forms (it must compile) or a bundle `.json`.
    pub fn load(path: &Path) -> Result<Side, CliError> {
        if path.is_file() && path.extension().is_some_and(|e| e == "json") {
            let bundle = BundleSource::Bundle(path.to_path_buf()).load()?;
            return Ok(Side {
                bundle,
                sources: None,
            });
        }
        let sources = Sources::load(&[path])?;
        let bundle = sources.bundle()?;
        Ok(Side {
            bundle,
            sources: Some((sources.into_db(), path.to_path_buf())),
        })
    }
}

/// Everything that differs.
#[derive(Debug, Default, Serialize)]
pub struct Diff {
    /// Form versions and params added, removed or changed.
    pub changes: Vec<Change>,
    /// Shared blocks, fns and enums that changed, with the forms they reach.
    pub shared: Vec<SharedChange>,
    /// With `--cases`: what the change does to the verdicts.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub verdicts: Option<VerdictDiff>,
}

/// The structural differences between two sides (no verdicts).
pub fn diff(old: &Side, new: &Side) -> Diff {
    let mut changes = Vec::new();
    forms::forms(&old.bundle, &new.bundle, &mut changes);
    params::params(&old.bundle, &new.bundle, &mut changes);
    let shared = match (&old.sources, &new.sources) {
        (Some((o, _)), Some((n, _))) => shared::shared(o, n),
        _ => Vec::new(),
    };
    Diff {
        changes,
        shared,
        verdicts: None,
    }
}

/// The inputs of the verdict diff: the cases and re-application cases next
/// to the forms of both sides (a case in both is taken from the new side)
/// and every `.json` file under `extra` (case files, re-application cases or
/// bare envelopes).
pub fn inputs(old: &Side, new: &Side, extra: &[PathBuf]) -> (Vec<verdicts::Input>, Vec<String>) {
    let mut files: BTreeMap<PathBuf, PathBuf> = BTreeMap::new();
    // Every file run once: a directory of `extra` that holds the sides'
    // own cases (or another directory of `extra`) adds none of them again.
    let mut seen = std::collections::HashSet::new();
    let mut first_time = |f: &PathBuf| seen.insert(std::fs::canonicalize(f).unwrap_or(f.clone()));
    for side in [old, new] {
        let Some((_, dir)) = &side.sources else {
            continue;
        };
        let cases = shinsei_load::case_files(&[dir]).unwrap_or_default();
        let reapply = shinsei_load::reapply_case_files(&[dir]).unwrap_or_default();
        for f in cases.into_iter().chain(reapply) {
            first_time(&f);
            let rel = f.strip_prefix(dir).unwrap_or(&f).to_path_buf();
            files.insert(rel, f);
        }
    }
    // A case is named by its path in its forms folder, the same on both sides.
    let mut paths: Vec<(PathBuf, String)> = files
        .into_iter()
        .map(|(rel, f)| (f, rel.to_string_lossy().replace('\\', "/")))
        .collect();
    let (mut ok, mut skipped) = (Vec::new(), Vec::new());
    for dir in extra {
        match shinsei_load::json_files(&[dir]) {
            Ok(found) => paths.extend(found.into_iter().filter(&mut first_time).map(|f| {
                let shown = shinsei_load::shown(&f);
                (f, shown)
            })),
            Err(e) => skipped.push(e.to_string()),
        }
    }
    for (p, shown) in &paths {
        match verdicts::read_input(p, shown) {
            Ok(i) => ok.push(i),
            Err(why) => skipped.push(why),
        }
    }
    (ok, skipped)
}

/// `shinsei diff OLD NEW [--cases [DIR…]]`.
pub fn run(
    old: &Path,
    new: &Path,
    cases: Option<&[PathBuf]>,
    format: crate::commands::Format,
) -> Result<bool, CliError> {
    let (old, new) = (Side::load(old)?, Side::load(new)?);
    let mut d = diff(&old, &new);
    if let Some(extra) = cases {
        let (inputs, skipped) = inputs(&old, &new, extra);
        d.verdicts = Some(verdicts::verdicts(
            &old.bundle,
            &new.bundle,
            &inputs,
            skipped,
        ));
    }
    if format == crate::commands::Format::Json {
        outln!("{}", crate::commands::to_json(&d));
    } else {
        out!("{}", text(&d));
    }
    Ok(true)
}

/// The diff for people.
pub fn text(d: &Diff) -> String {
    let mut s = String::new();
    if d.changes.is_empty() && d.shared.is_empty() {
        s.push_str("no changes to the forms\n");
    }
    // The same change in several forms (a block's rule) is shown once.
    let mut groups: Vec<(&Change, Vec<&str>)> = Vec::new();
    for c in &d.changes {
        match groups
            .iter_mut()
            .find(|(g, _)| g.kind == c.kind && g.item == c.item && g.details == c.details)
        {
            Some((_, scopes)) => scopes.push(&c.scope),
            None => groups.push((c, vec![&c.scope])),
        }
    }
    for (c, scopes) in &groups {
        let scope = match scopes.as_slice() {
            [one] => (*one).to_owned(),
            many => format!("{} forms", many.len()),
        };
        s.push_str(&format!("{} {scope}  {}\n", sign(c.kind), c.item));
        if scopes.len() > 1 {
            s.push_str(&format!("      in {}\n", scopes.join(", ")));
        }
        for detail in &c.details {
            s.push_str(&format!("      {detail}\n"));
        }
    }
    for c in &d.shared {
        let reach = match c.reaches.len() {
            0 => "used by no form".to_owned(),
            n => format!("reaches {n} form version(s): {}", c.reaches.join(", ")),
        };
        s.push_str(&format!(
            "{} {} ({})\n      {reach}\n",
            sign(c.kind),
            c.item,
            c.file
        ));
    }
    if let Some(v) = &d.verdicts {
        s.push_str(&format!(
            "\nverdicts: {} case(s) and submission(s) run on both sides, {} changed\n",
            v.inputs,
            v.changed.len()
        ));
        for c in &v.changed {
            s.push_str(&format!("  {} ({})\n", c.file, c.form));
            for detail in &c.details {
                s.push_str(&format!("      {detail}\n"));
            }
        }
        for why in &v.skipped {
            s.push_str(&format!("  skipped {why}\n"));
        }
    }
    s
}

fn sign(kind: &str) -> &'static str {
    match kind {
        "added" => "+",
        "removed" => "-",
        _ => "~",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn side(src: &str) -> Side {
        let mut db = SourceDb::new();
        db.add("t.form", src);
        let out = shinsei_check::compile(&db);
        let bundle = out
            .bundle
            .unwrap_or_else(|| panic!("{:?}", out.diagnostics));
        Side {
            bundle,
            sources: Some((db, PathBuf::new())),
        }
    }

    const OLD: &str = r#"
param amount "額": yen { from 2020-01-01 420_000円 }
fn half(x: yen) = round(x / 2, 1)
block person "本人" { field name "氏名": text(max 20) }
form f "見本" {
  version "1"  effective 2026-01-13..  category 給付  applicants insured
  use person
  field from "開始日": date
  field to "終了日": date
  field note "備考": text(max 20) optional
  rule order { check to >= from  at to  message "終了日は開始日以降" }
  attachment doc "書類" { accept pdf  required }
  compute lump "一時金" = half(amount(from))
}"#;

    #[test]
    fn reports_what_a_change_does_as_a_reviewer_reads_it() {
        let new = OLD
            .replace("check to >= from", "check to > from")
            .replace("420_000円 }", "420_000円 from 2023-04-01 500_000円 }")
            .replace("field note \"備考\": text(max 20) optional\n", "")
            .replace(
                "accept pdf  required",
                "accept pdf, png  required when to > from",
            )
            .replace("round(x / 2, 1)", "round(x / 2, 10)")
            .replace("text(max 20) }", "text(max 40) }");
        let d = diff(&side(OLD), &side(&new));
        let items: Vec<(&str, &str)> = d
            .changes
            .iter()
            .map(|c| (c.kind, c.item.as_str()))
            .collect();
        assert_eq!(
            items,
            vec![
                ("removed", "field note「備考」"),
                ("changed", "field name「氏名」"),
                ("changed", "rule order"),
                ("changed", "attachment doc「書類」"),
                ("changed", "computed lump「一時金」"),
                ("changed", "「額」"),
            ]
        );
        let details = |i: usize| d.changes[i].details.join("\n");
        assert!(
            details(1).contains("type: 文字（最大20文字） → 文字（最大40文字）"),
            "{}",
            details(1)
        );
        assert!(
            details(2).contains("condition: 「終了日」が「開始日」以降であること。 → 「終了日」が「開始日」より後であること。"),
            "{}",
            details(2)
        );
        assert!(details(3).contains("PDF → PDF・PNG"), "{}", details(3));
        assert!(
            details(4).ends_with("を2で割った額（1円未満四捨五入） → 『額』の額（「開始日」の時点）を2で割った額（10円未満四捨五入）"),
            "{}",
            details(4)
        );
        assert!(
            details(5).contains("new period 2023年（令和5年）4月1日から: 500,000円"),
            "{}",
            details(5)
        );
        assert!(
            details(5).contains("read by 1 form version(s): f 1"),
            "{}",
            details(5)
        );
        let shared: Vec<(&str, &str, Vec<String>)> = d
            .shared
            .iter()
            .map(|s| (s.kind, s.item.as_str(), s.reaches.clone()))
            .collect();
        assert_eq!(
            shared,
            vec![
                ("changed", "block person", vec!["f 1".to_owned()]),
                ("changed", "fn half", vec!["f 1".to_owned()]),
            ]
        );
        let text = text(&d);
        assert!(
            !text.contains("Yen(") && !text.contains("Single("),
            "{text}"
        );
        assert_eq!(
            super::text(&diff(&side(OLD), &side(OLD))),
            "no changes to the forms\n"
        );
    }

    #[test]
    fn a_long_rule_as_written_is_cut_to_what_changed() {
        let long = "check to >= from or (from == to and note in [\"一\", \"二\", \"三\", \"四\", \"五\", \"六\", \"七\"])";
        let old = OLD.replace("check to >= from", long);
        let new = old.replace("\"七\"", "\"七\", \"八\"");
        let d = diff(&side(&old), &side(&new));
        let written = d.changes[0]
            .details
            .iter()
            .find(|l| l.starts_with("as written: "))
            .unwrap_or_else(|| panic!("{:?}", d.changes));
        assert_eq!(
            written,
            "as written: …\", \"五\", \"六\", \"七\"]) → …\", \"五\", \"六\", \"七\", \"八\"])"
        );
        // The same rule laid out on other lines is no change at all.
        let relaid = old.replace(" or (from", "\n    or (from");
        let relaid = diff(&side(&old), &side(&relaid));
        assert!(relaid.changes.is_empty(), "{:?}", relaid.changes);
    }

    #[test]
    fn a_comment_or_the_layout_is_not_a_change() {
        let new = OLD.replace(
            "fn half(x: yen) = round(x / 2, 1)",
            "# 半額\nfn half(x: yen) =\n  round(x / 2, 1)",
        );
        assert!(diff(&side(OLD), &side(&new)).shared.is_empty());
    }
}
