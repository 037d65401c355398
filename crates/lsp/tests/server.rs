//! The server driven through an in-memory connection on the bundled forms:
//! what an editor gets for diagnostics, hover, definition, references,
//! completion, symbols, formatting and rename. (The same, over stdio with a
//! real client, is `editors/vscode/test/lsp.test.mjs`.)

use std::path::{Path, PathBuf};

use lsp_server::{Connection, Message, Notification, Request, RequestId};
use serde_json::{Value, json};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .unwrap()
}

struct Client {
    conn: Connection,
    next: i32,
    thread: Option<std::thread::JoinHandle<Result<(), String>>>,
}

impl Client {
    fn start() -> Client {
        let (server, conn) = Connection::memory();
        let thread = std::thread::spawn(move || shinsei_lsp::serve(&server));
        let mut c = Client {
            conn,
            next: 0,
            thread: Some(thread),
        };
        c.request("initialize", json!({"capabilities": {}}));
        c.notify("initialized", json!({}));
        c
    }

    fn notify(&self, method: &str, params: Value) {
        let n = Notification::new(method.into(), params);
        self.conn.sender.send(Message::Notification(n)).unwrap();
    }

    fn request(&mut self, method: &str, params: Value) -> Value {
        self.next += 1;
        let id = RequestId::from(self.next);
        let r = Request::new(id.clone(), method.into(), params);
        self.conn.sender.send(Message::Request(r)).unwrap();
        loop {
            match self.conn.receiver.recv().unwrap() {
                Message::Response(r) if r.id == id => {
                    return r
                        .response_result
                        .unwrap_or_else(|e| json!({"error": e.message}));
                }
                _ => {}
            }
        }
    }

    /// The next diagnostics published for `uri`.
    fn diagnostics(&self, uri: &str) -> Vec<Value> {
        loop {
            if let Message::Notification(n) = self.conn.receiver.recv().unwrap()
                && n.method == "textDocument/publishDiagnostics"
                && n.params["uri"] == uri
            {
                return n.params["diagnostics"]
                    .as_array()
                    .cloned()
                    .unwrap_or_default();
            }
        }
    }

    fn open(&self, path: &Path, text: &str) -> String {
        // As editors send it: percent-encoded UTF-8.
        let mut uri = String::from("file://");
        for b in path.to_string_lossy().bytes() {
            if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
                uri.push(char::from(b));
            } else {
                uri.push_str(&format!("%{b:02X}"));
            }
        }
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": "shinsei-form", "version": 1, "text": text}}),
        );
        uri
    }
}

impl Drop for Client {
    fn drop(&mut self) {
        self.request("shutdown", Value::Null);
        self.notify("exit", Value::Null);
        if let Some(t) = self.thread.take() {
            assert_eq!(t.join().unwrap(), Ok(()));
        }
    }
}

/// The position (UTF-16) of the `delta`-th character of the first `needle`.
fn pos(text: &str, needle: &str, delta: usize) -> Value {
    let at = text
        .find(needle)
        .unwrap_or_else(|| panic!("{needle:?} not found"));
    let line_start = text[..at].rfind('\n').map_or(0, |n| n + 1);
    let line = text[..at].matches('\n').count();
    let prefix: String = text[line_start..at]
        .chars()
        .chain(needle.chars().take(delta))
        .collect();
    json!({"line": line, "character": prefix.encode_utf16().count()})
}

fn at(uri: &str, p: Value) -> Value {
    json!({"textDocument": {"uri": uri}, "position": p})
}

#[test]
fn a_bundled_form_as_an_editor_sees_it() {
    let path = root().join("forms/shobyo_teate/shobyo_teate.form");
    let text = std::fs::read_to_string(&path).unwrap();
    let mut c = Client::start();
    let uri = c.open(&path, &text);
    // The form uses shared blocks and fns: they resolve, nothing is reported.
    assert_eq!(c.diagnostics(&uri), Vec::<Value>::new());

    // Hover: a field (type, label, JSON path), a rule (the catalog's
    // sentence), a param (dated values), a built-in (signature), `today`, a
    // compute (its type).
    let hover = |c: &mut Client, needle: &str, delta: usize| -> String {
        let h = c.request("textDocument/hover", at(&uri, pos(&text, needle, delta)));
        h["contents"]["value"]
            .as_str()
            .unwrap_or_default()
            .to_string()
    };
    let field = hover(&mut c, "check to >= from", 12);
    assert!(
        field.contains("開始日") && field.contains("type `date`"),
        "{field}"
    );
    assert!(field.contains("/fields/leave/*/from"), "{field}");
    let rule = hover(&mut c, "rule period_order", 6);
    assert!(
        rule.contains("「終了日」が「開始日」以降であること。"),
        "{rule}"
    );
    assert!(rule.contains("rule.period_order"), "{rule}");
    let param = hover(&mut c, "average_standard_monthly(first_day", 3);
    assert!(
        param.contains("300,000円") && param.contains("令和6年"),
        "{param}"
    );
    let builtin = hover(&mut c, "days(period", 1);
    assert!(builtin.contains("days(p: period) -> integer"), "{builtin}");
    let today = hover(&mut c, "check to <= today", 13);
    assert!(
        today.contains("today: date") && today.contains("submitted_at"),
        "{today}"
    );
    // A shared block's field read through its `use … as bank` group: the
    // path it has in this form.
    let block_field = hover(&mut c, "bank.holder_type ==", 7);
    assert!(
        block_field.contains("`/fields/bank/holder_type`"),
        "{block_field}"
    );
    // A compute nothing reads still shows its type (from the bundle).
    let compute = hover(&mut c, "compute claimed_days", 9);
    assert!(compute.contains("申請日数: integer"), "{compute}");

    // Definition across files: a shared fn.
    let def = c.request(
        "textDocument/definition",
        at(&uri, pos(&text, "jikou_last_day(to", 2)),
    );
    assert!(
        def["uri"]
            .as_str()
            .unwrap()
            .ends_with("forms/shared/rules.form"),
        "{def}"
    );

    // References of a list's field: declaration, rule bodies, aggregates, `at`.
    let refs = c.request(
        "textDocument/references",
        json!({"textDocument": {"uri": uri}, "position": pos(&text, "field from", 7), "context": {"includeDeclaration": true}}),
    );
    assert!(refs.as_array().unwrap().len() >= 8, "{refs}");

    // Completion in an expression: the fields in scope, the built-ins.
    let items = c.request(
        "textDocument/completion",
        at(&uri, pos(&text, "check to >= from", 16)),
    );
    let labels: Vec<&str> = items
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|i| i["label"].as_str())
        .collect();
    for want in [
        "from",
        "to",
        "leave",
        "first_claim",
        "days",
        "jikou_last_day",
        "today",
    ] {
        assert!(labels.contains(&want), "{want} not in {labels:?}");
    }

    // Symbols: the form with its members.
    let symbols = c.request(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": uri}}),
    );
    assert_eq!(symbols[0]["name"], "shobyo_teate");
    assert!(symbols[0]["children"].as_array().unwrap().len() > 20);

    // The bundled form is formatted: no edits.
    let edits = c.request(
        "textDocument/formatting",
        json!({"textDocument": {"uri": uri}, "options": {"tabSize": 2, "insertSpaces": true}}),
    );
    assert_eq!(edits, json!([]));

    // A mistake while typing: the checker's code, message and hint.
    let bad = text.replacen("check to >= from", "check to >= fro", 1);
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"text": bad}]}),
    );
    let diags = c.diagnostics(&uri);
    assert_eq!(diags.len(), 1, "{diags:?}");
    assert_eq!(diags[0]["code"], "unknown-name");
    assert!(
        diags[0]["message"]
            .as_str()
            .unwrap()
            .contains("did you mean `from`?")
    );
    assert_eq!(diags[0]["range"]["start"], pos(&bad, "check to >= fro", 12));
}

/// `edits` (LSP, non-overlapping) applied to `text`.
fn apply(text: &str, edits: &[Value]) -> String {
    let offset = |p: &Value| {
        let line = p["line"].as_u64().unwrap() as usize;
        let col = p["character"].as_u64().unwrap() as usize;
        let start: usize = text.split_inclusive('\n').take(line).map(str::len).sum();
        let line_text = &text[start..];
        let mut units = 0;
        for (i, c) in line_text.char_indices() {
            if units == col {
                return start + i;
            }
            units += c.len_utf16();
        }
        text.len()
    };
    let mut spans: Vec<(usize, usize, &str)> = edits
        .iter()
        .map(|e| {
            (
                offset(&e["range"]["start"]),
                offset(&e["range"]["end"]),
                e["newText"].as_str().unwrap(),
            )
        })
        .collect();
    spans.sort();
    let mut out = text.to_string();
    for (a, b, t) in spans.into_iter().rev() {
        out.replace_range(a..b, t);
    }
    out
}

/// Asks to rename the name at `anchor` (+`delta`) in the open `uri` to `to`:
/// the server's answer (`changes` by file URI, or `error`).
fn rename(c: &mut Client, uri: &str, text: &str, anchor: &str, delta: usize, to: &str) -> Value {
    c.request(
        "textDocument/rename",
        json!({"textDocument": {"uri": uri}, "position": pos(text, anchor, delta), "newName": to}),
    )
}

/// The files a rename changes whose URI contains `part`, each with its text
/// after the rename's edits.
fn renamed_files(edit: &Value, part: &str) -> Vec<(String, String)> {
    edit["changes"]
        .as_object()
        .unwrap()
        .iter()
        .filter(|(f, _)| f.contains(part))
        .map(|(f, edits)| {
            let before = std::fs::read_to_string(f.strip_prefix("file://").unwrap()).unwrap();
            (f.clone(), apply(&before, edits.as_array().unwrap()))
        })
        .collect()
}

#[test]
fn rename_a_field_and_a_rule() {
    let path = root().join("forms/shobyo_teate/shobyo_teate.form");
    let text = std::fs::read_to_string(&path).unwrap();
    let mut c = Client::start();
    let uri = c.open(&path, &text);
    c.diagnostics(&uri);
    let edit = rename(
        &mut c,
        &uri,
        &text,
        "field first_claim",
        7,
        "is_first_claim",
    );
    let edits = edit["changes"][&uri].as_array().unwrap();
    let uses = text.matches("first_claim").count();
    assert_eq!(edits.len(), uses, "{edits:?}");
    // Its cases too: the key in each submission's fields.
    let cases = renamed_files(&edit, "/cases/");
    assert!(cases.len() >= 10, "{} case files", cases.len());
    for (file, after) in cases {
        let json: Value = serde_json::from_str(&after).unwrap();
        let fields = &json["submission"]["fields"];
        assert!(
            fields.get("first_claim").is_none() && fields.get("is_first_claim").is_some(),
            "{file}"
        );
    }
    // A rule: the form and its case expecting `rule.period_order`.
    let edit = rename(&mut c, &uri, &text, "rule period_order", 6, "leave_order");
    let files: Vec<&String> = edit["changes"].as_object().unwrap().keys().collect();
    assert!(
        files
            .iter()
            .any(|f| f.ends_with("cases/invalid_period_order.json")),
        "{files:?}"
    );
    // A rule expected in re-application cases: those are renamed too.
    let path = root().join("forms/ninkei_shutoku/ninkei_shutoku.2027.1.form");
    let text_2027 = std::fs::read_to_string(&path).unwrap();
    let uri_2027 = c.open(&path, &text_2027);
    let edit = rename(
        &mut c,
        &uri_2027,
        &text_2027,
        "rule deadline",
        6,
        "filing_deadline",
    );
    let reapply = renamed_files(&edit, "/reapply/");
    assert!(
        reapply
            .iter()
            .any(|(f, _)| f.ends_with("reapply/reapplied_late_under_new_version.json")),
        "{:?}",
        reapply.iter().map(|(f, _)| f).collect::<Vec<_>>()
    );
    for (_, after) in reapply {
        assert!(
            after.contains("\"rule.filing_deadline\"") && !after.contains("\"rule.deadline\""),
            "{after}"
        );
    }
    // The cases of the other version (2026.1) expect that version's own
    // `deadline`, which keeps its name.
    let changes = edit["changes"].as_object().unwrap();
    assert!(
        !changes.keys().any(|f| f.contains("/cases/")),
        "{:?}",
        changes.keys().collect::<Vec<_>>()
    );
    // Renamed in 2026.1: its cases, not the re-application cases of 2027.1.
    let path = root().join("forms/ninkei_shutoku/ninkei_shutoku.form");
    let text_2026 = std::fs::read_to_string(&path).unwrap();
    let uri_2026 = c.open(&path, &text_2026);
    let edit = rename(
        &mut c,
        &uri_2026,
        &text_2026,
        "rule deadline",
        6,
        "filing_deadline",
    );
    let files: Vec<&String> = edit["changes"].as_object().unwrap().keys().collect();
    assert!(
        files
            .iter()
            .any(|f| f.ends_with("cases/invalid_deadline_fy2024_cap.json")),
        "{files:?}"
    );
    assert!(!files.iter().any(|f| f.contains("/reapply/")), "{files:?}");
    // A name that is not one is refused.
    let refused = rename(&mut c, &uri, &text, "field first_claim", 7, "初回");
    assert!(
        refused["error"].as_str().unwrap().contains("is not a name"),
        "{refused}"
    );
    // A keyword is refused as one (not as "not lowercase letters").
    let keyword = rename(&mut c, &uri, &text, "field first_claim", 7, "today");
    assert!(
        keyword["error"].as_str().unwrap().contains("is a keyword"),
        "{keyword}"
    );
}

#[test]
fn positions_are_utf16_on_japanese_text() {
    // A diagnostic after kanji on the same line: its column counts UTF-16 units.
    let dir = std::env::temp_dir().join(format!("shinsei-lsp-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("見本.form");
    let text = "form demo \"見本\" {\n  version \"1\"\n  effective 2026-01-13..\n  category 給付\n  applicants insured\n  field 期間 \"x\": date\n}\n";
    let mut c = Client::start();
    let uri = c.open(&path, text);
    let diags = c.diagnostics(&uri);
    assert_eq!(diags[0]["code"], "syntax", "{diags:?}");
    assert_eq!(
        diags[0]["range"]["start"],
        json!({"line": 5, "character": 8})
    );
    // A field after a Japanese label: hover finds it by UTF-16 column.
    let ok = text.replace("field 期間", "field kikan").replace(
        "applicants insured",
        "applicants insured\n  rule r { check kikan <= today  message \"期間です\" }",
    );
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"text": ok}]}),
    );
    assert_eq!(c.diagnostics(&uri), Vec::<Value>::new());
    let h = c.request(
        "textDocument/hover",
        at(&uri, pos(&ok, "kikan <= today", 2)),
    );
    assert!(
        h["contents"]["value"]
            .as_str()
            .unwrap()
            .contains("field** `kikan`"),
        "{h}"
    );
    std::fs::remove_dir_all(&dir).ok();
}

/// Typing fast is cheap: a burst of keystrokes is checked once it pauses,
/// not once per keystroke, and what is published is the last text's.
#[test]
fn a_burst_of_keystrokes_is_checked_once() {
    let path = std::env::temp_dir()
        .join(format!("shinsei-lsp-typing-{}", std::process::id()))
        .join("typing.form");
    let base = "form typing \"入力中\" {\n  version \"1\"  effective 2026-01-13..  category 給付  applicants insured\n  field from \"開始日\": date\n";
    let c = Client::start();
    let uri = c.open(&path, &format!("{base}}}\n"));
    assert_eq!(c.diagnostics(&uri), Vec::<Value>::new());

    // 40 keystrokes 10 ms apart, the last leaving a mistake in the text.
    let keystrokes = 40;
    for n in 1..=keystrokes {
        let typed = "# note".chars().cycle().take(n).collect::<String>();
        let tail = if n == keystrokes {
            "  rule r { check form <= today at from message \"x\" }\n"
        } else {
            ""
        };
        let text = format!("{base}  {typed}\n{tail}}}\n");
        c.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": n + 1}, "contentChanges": [{"text": text}]}),
        );
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    let mut published = 0;
    let last = loop {
        if let Message::Notification(n) = c.conn.receiver.recv().unwrap()
            && n.method == "textDocument/publishDiagnostics"
            && n.params["uri"] == uri.as_str()
        {
            published += 1;
            if n.params["version"] == keystrokes + 1 {
                break n.params["diagnostics"].clone();
            }
        }
    };
    // One check after the pause; a few more only if this machine stalled
    // the keystrokes by more than the pause, or the burst outlasted the 1 s
    // bound (a check per keystroke: 40).
    assert!(
        published <= 8,
        "{published} checks for {keystrokes} keystrokes"
    );
    let codes: Vec<&str> = last
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|d| d["code"].as_str())
        .collect();
    assert!(codes.contains(&"unknown-name"), "{last}");
}

/// Completion of a field's type after `:` (built-in types and the shared
/// enums) and of the keywords a line may start with, in the text being
/// typed (which does not parse yet: the last text that did is used).
#[test]
fn completion_of_types_and_keywords_while_typing() {
    let path = root().join("forms/shobyo_teate/shobyo_teate.form");
    let text = std::fs::read_to_string(&path).unwrap();
    let mut c = Client::start();
    let uri = c.open(&path, &text);
    assert_eq!(c.diagnostics(&uri), Vec::<Value>::new());
    let anchor = "  use contact\n";
    let typing = text.replacen(anchor, &format!("{anchor}  field note \"備考\": \n\n"), 1);
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"text": typing}]}),
    );
    let labels = |c: &mut Client, p: Value| -> Vec<String> {
        let items = c.request("textDocument/completion", at(&uri, p));
        items
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|i| i["label"].as_str().map(str::to_owned))
            .collect()
    };
    let types = labels(&mut c, pos(&typing, "field note \"備考\": ", 17));
    for want in ["date", "text", "yen", "account_type"] {
        assert!(types.iter().any(|l| l == want), "{want} not in {types:?}");
    }
    // The empty line after it: a member's or the header's first word.
    let line = typing[..typing.find("field note").unwrap()]
        .matches('\n')
        .count()
        + 1;
    let words = labels(&mut c, json!({"line": line, "character": 2}));
    for want in ["field", "rule", "attachment", "list", "use", "compute"] {
        assert!(words.iter().any(|l| l == want), "{want} not in {words:?}");
    }
}

/// An editor asks for completion on every keystroke of a word: answered
/// from the analysis before the burst, so typing runs no check per
/// keystroke; the check after the pause is of the last text.
#[test]
fn completion_while_typing_runs_no_check_per_keystroke() {
    let path = root().join("forms/shobyo_teate/shobyo_teate.form");
    let text = std::fs::read_to_string(&path).unwrap();
    let mut c = Client::start();
    let uri = c.open(&path, &text);
    assert_eq!(c.diagnostics(&uri), Vec::<Value>::new());
    let before = c.request("shinsei/stats", Value::Null)["compilations"]
        .as_u64()
        .unwrap();

    // `check to >= from` retyped as `check to >= fro`, `fr`, `f`, `fr`, `fro`,
    // … 20 times, with a completion request after each keystroke.
    let keystrokes = 20;
    for n in 1..=keystrokes {
        let word = &"from"[..1 + n % 3];
        let typed = text.replacen("check to >= from", &format!("check to >= {word}"), 1);
        c.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": n + 1}, "contentChanges": [{"text": typed}]}),
        );
        let p = pos(&typed, &format!("check to >= {word}"), 12 + word.len());
        let items = c.request("textDocument/completion", at(&uri, p));
        let labels: Vec<&str> = items
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|i| i["label"].as_str())
            .collect();
        assert!(labels.contains(&"from"), "{labels:?}");
    }
    // the last text, `fro` (n = 20: 1 + 20 % 3 = 3), is reported once typing stops
    let last = loop {
        let d = c.diagnostics(&uri);
        if !d.is_empty() {
            break d;
        }
    };
    assert_eq!(last[0]["code"], "unknown-name", "{last:?}");
    let after = c.request("shinsei/stats", Value::Null)["compilations"]
        .as_u64()
        .unwrap();
    // One after the pause; a few more only on a machine that stalls the
    // typing (a check per keystroke: 20).
    assert!(
        after - before <= 6,
        "{} checks for {keystrokes} keystrokes with completion",
        after - before
    );
}

/// Every bundled form and shared file opened at once, as an editor restoring
/// its tabs does: each gets its diagnostics, and none has any (`shinsei
/// check forms/` reports nothing).
#[test]
fn every_bundled_file_opens_without_a_diagnostic() {
    let mut files = Vec::new();
    let mut dirs = vec![root().join("forms")];
    while let Some(dir) = dirs.pop() {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                dirs.push(p);
            } else if p.extension().is_some_and(|x| x == "form") {
                files.push(p);
            }
        }
    }
    assert!(files.len() >= 46, "{} files", files.len());
    let c = Client::start();
    let mut waiting: std::collections::BTreeSet<String> = files
        .iter()
        .map(|p| c.open(p, &std::fs::read_to_string(p).unwrap()))
        .collect();
    while !waiting.is_empty() {
        if let Message::Notification(n) = c.conn.receiver.recv().unwrap()
            && n.method == "textDocument/publishDiagnostics"
        {
            let uri = n.params["uri"].as_str().unwrap().to_owned();
            assert_eq!(n.params["diagnostics"], json!([]), "{uri}");
            waiting.remove(&uri);
        }
    }
}

/// Definition of a used block and of a param, and the references of a
/// param: across the shared files and every form that reads it.
#[test]
fn definition_of_a_block_and_a_param_and_where_a_param_is_read() {
    let path = root().join("forms/shobyo_teate/shobyo_teate.form");
    let text = std::fs::read_to_string(&path).unwrap();
    let mut c = Client::start();
    let uri = c.open(&path, &text);
    assert_eq!(c.diagnostics(&uri), Vec::<Value>::new());
    let def = |c: &mut Client, needle: &str, delta: usize| {
        c.request(
            "textDocument/definition",
            at(&uri, pos(&text, needle, delta)),
        )
    };
    let block = def(&mut c, "use contact", 5);
    assert!(
        block["uri"]
            .as_str()
            .unwrap()
            .ends_with("forms/shared/contact.form"),
        "{block}"
    );
    assert_eq!(block["range"]["start"]["line"], 1, "{block}");
    let param = def(&mut c, "average_standard_monthly(", 3);
    assert!(
        param["uri"]
            .as_str()
            .unwrap()
            .ends_with("forms/shared/params.form"),
        "{param}"
    );
    assert_eq!(param["range"]["start"]["line"], 17, "{param}");

    let refs = c.request(
        "textDocument/references",
        json!({"textDocument": {"uri": uri}, "position": pos(&text, "average_standard_monthly(", 3), "context": {"includeDeclaration": false}}),
    );
    let files: std::collections::BTreeSet<String> = refs
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let u = r["uri"].as_str().unwrap();
            u[u.find("/forms/").unwrap() + 1..].to_owned()
        })
        .collect();
    for reader in [
        "forms/shobyo_teate/shobyo_teate.form",
        "forms/shussan_teate/shussan_teate.form",
        "forms/ninkei_shutoku/ninkei_shutoku.form",
        "forms/ninkei_shutoku/ninkei_shutoku.2027.1.form",
    ] {
        assert!(files.contains(reader), "{reader} not in {files:?}");
    }
}
