//! The language server of the form language, `shinsei lsp`: an editor (VS
//! Code through `editors/vscode`, or any LSP client) starts it and talks
//! JSON-RPC over stdin/stdout.
//!
//! - **Diagnostics as you type**, the same codes, messages and hints as
//!   `shinsei check`: a file is checked with every `.form` file of its forms
//!   directory (the nearest ancestor with `shared/`), open buffers over the
//!   files on disk, so a form that `use`s a shared block resolves it. A
//!   burst of changes is checked once it pauses (200 ms, at most 1 s), on
//!   one compile thread kept for the session; completion during a burst
//!   uses the analysis before it. `shinsei/stats` (a request of this
//!   server's own) says how many compilations ran.
//! - **Hover**: a field's type, label and JSON path; a rule's sentence from
//!   the reviewer's catalog; a param's dated values; a built-in's signature;
//!   the comment above a declaration.
//! - **Definition, references, rename** of fields, groups, lists, rules,
//!   lets, computes, params, fns, blocks and enums, across files (a rule's
//!   rename also renames its code in the form's case files, a field's its
//!   key and JSON Pointers). Names in
//!   expressions resolve exactly as the checker resolves them.
//! - **Completion** (names in scope, members after `.`, built-ins with
//!   signatures, params and fns, field types, keywords), **document
//!   symbols**, **formatting** through `shinsei fmt`.
//!
//! Positions are UTF-16 code units, as LSP counts them.
//!
//! ```
//! use lsp_server::{Connection, Message, Request, RequestId};
//! let (server, client) = Connection::memory();
//! let thread = std::thread::spawn(move || shinsei_lsp::serve(&server));
//! let init = Request::new(RequestId::from(1), "initialize".into(), serde_json::json!({"capabilities": {}}));
//! client.sender.send(Message::Request(init)).unwrap();
//! let Ok(Message::Response(r)) = client.receiver.recv() else { panic!() };
//! assert_eq!(r.response_result.unwrap()["capabilities"]["hoverProvider"], true);
//! # client.sender.send(Message::Notification(lsp_server::Notification::new("initialized".into(), serde_json::json!({})))).unwrap();
//! # client.sender.send(Message::Notification(lsp_server::Notification::new("exit".into(), serde_json::json!(null)))).unwrap();
//! # thread.join().unwrap().unwrap();
//! ```

mod analysis;
mod builtins;
mod cases;
mod collect;
mod complete;
mod diagnostics;
mod format;
mod goto;
mod hover;
mod index;
mod paths;
mod position;
mod scope;
mod server;
mod symbols;
mod workspace;

pub use server::{capabilities, serve};

/// Serves an editor over stdin and stdout until it exits.
pub fn run_stdio() -> Result<(), String> {
    let (conn, io) = lsp_server::Connection::stdio();
    serve(&conn)?;
    drop(conn);
    io.join().map_err(|e| e.to_string())
}
