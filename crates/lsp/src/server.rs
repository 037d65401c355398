//! The message loop: requests are answered on the latest texts; after each
//! burst of messages (every change the editor sent while the last one was
//! being checked), the groups that changed are checked again and their
//! diagnostics published.

use crossbeam_channel::RecvTimeoutError;
use lsp_server::{Connection, ErrorCode, Message, Notification, Request, Response};
use lsp_types::notification::{
    DidChangeTextDocument, DidChangeWatchedFiles, DidCloseTextDocument, DidOpenTextDocument,
    DidSaveTextDocument, Notification as _, PublishDiagnostics,
};
use lsp_types::request::{
    Completion, DocumentSymbolRequest, Formatting, GotoDefinition, HoverRequest,
    PrepareRenameRequest, References, Rename, Request as _,
};
use lsp_types::{
    CompletionOptions, CompletionResponse, DocumentSymbolResponse, GotoDefinitionResponse, Hover,
    HoverContents, HoverProviderCapability, InitializeParams, MarkupContent, MarkupKind, OneOf,
    PositionEncodingKind, PrepareRenameResponse, PublishDiagnosticsParams, RenameOptions,
    ServerCapabilities, TextDocumentSyncCapability, TextDocumentSyncKind, Uri,
};
use serde_json::Value;
use std::time::{Duration, Instant};

use crate::complete::{self, Cursor};
use crate::workspace::{Document, Workspace};
use crate::{diagnostics, format, goto, hover, symbols};

/// What the server tells the editor it can do.
pub fn capabilities() -> ServerCapabilities {
    ServerCapabilities {
        position_encoding: Some(PositionEncodingKind::UTF16),
        text_document_sync: Some(TextDocumentSyncCapability::Kind(TextDocumentSyncKind::FULL)),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        definition_provider: Some(OneOf::Left(true)),
        references_provider: Some(OneOf::Left(true)),
        document_symbol_provider: Some(OneOf::Left(true)),
        document_formatting_provider: Some(OneOf::Left(true)),
        rename_provider: Some(OneOf::Right(RenameOptions {
            prepare_provider: Some(true),
            work_done_progress_options: Default::default(),
        })),
        completion_provider: Some(CompletionOptions {
            trigger_characters: Some(vec![".".into(), ":".into()]),
            ..CompletionOptions::default()
        }),
        ..ServerCapabilities::default()
    }
}

/// Serves one editor on `conn` until it exits.
pub fn serve(conn: &Connection) -> Result<(), String> {
    let (id, params) = conn.initialize_start().map_err(|e| e.to_string())?;
    let init: InitializeParams = serde_json::from_value(params).unwrap_or_default();
    let snippets = init
        .capabilities
        .text_document
        .as_ref()
        .and_then(|t| t.completion.as_ref())
        .and_then(|c| c.completion_item.as_ref())
        .and_then(|i| i.snippet_support)
        .unwrap_or(false);
    let result = serde_json::json!({
        "capabilities": capabilities(),
        "serverInfo": { "name": "shinsei", "version": env!("CARGO_PKG_VERSION") },
    });
    conn.initialize_finish(id, result)
        .map_err(|e| e.to_string())?;
    let mut server = Server {
        conn,
        ws: Workspace::default(),
        snippets,
        typing: false,
    };
    while let Ok(msg) = conn.receiver.recv() {
        if !server.handle(msg)? {
            return Ok(());
        }
        // Everything else that came, and while the editor is typing, what
        // comes until it pauses: one check for a burst of keystrokes.
        let first = Instant::now();
        loop {
            let wait = if server.typing {
                QUIET.min(MOST.saturating_sub(first.elapsed()))
            } else {
                Duration::ZERO
            };
            let msg = if wait.is_zero() {
                match conn.receiver.try_recv() {
                    Ok(msg) => msg,
                    Err(_) => break,
                }
            } else {
                match conn.receiver.recv_timeout(wait) {
                    Ok(msg) => msg,
                    Err(RecvTimeoutError::Timeout) => break,
                    Err(RecvTimeoutError::Disconnected) => return Ok(()),
                }
            };
            if !server.handle(msg)? {
                return Ok(());
            }
        }
        server.typing = false;
        server.publish();
    }
    Ok(())
}

/// A request of this server's own: how many compilations it has run (what
/// the tests of typing fast count).
const STATS: &str = "shinsei/stats";

/// How long the editor's changes must pause before the files are checked
/// again (requests are answered at once, on the latest text).
const QUIET: Duration = Duration::from_millis(200);

/// The longest a change waits for its diagnostics while the typing goes on.
const MOST: Duration = Duration::from_millis(1000);

struct Server<'c> {
    conn: &'c Connection,
    ws: Workspace,
    snippets: bool,
    /// A change came since the last check: wait for a pause.
    typing: bool,
}

impl Server<'_> {
    /// Handles one message; `false` once the editor has asked to exit.
    fn handle(&mut self, msg: Message) -> Result<bool, String> {
        match msg {
            Message::Request(req) => {
                if self.conn.handle_shutdown(&req).map_err(|e| e.to_string())? {
                    return Ok(false);
                }
                let id = req.id.clone();
                let resp = match self.request(req) {
                    Ok(value) => Response {
                        id,
                        response_result: Ok(value),
                    },
                    Err((code, message)) => Response::new_err(id, code as i32, message),
                };
                self.send(Message::Response(resp));
            }
            Message::Notification(n) => {
                if n.method == "exit" {
                    return Ok(false);
                }
                self.notification(n);
            }
            Message::Response(_) => {}
        }
        Ok(true)
    }

    fn send(&self, msg: Message) {
        // The editor is gone if this fails; the loop ends on the next receive.
        let _ = self.conn.sender.send(msg);
    }

    fn notification(&mut self, n: Notification) {
        match n.method.as_str() {
            DidOpenTextDocument::METHOD => {
                if let Ok(p) =
                    n.extract::<lsp_types::DidOpenTextDocumentParams>(DidOpenTextDocument::METHOD)
                {
                    let uri = p.text_document.uri.as_str().to_string();
                    self.ws.docs.insert(
                        uri.clone(),
                        Document {
                            text: p.text_document.text,
                            version: p.text_document.version,
                        },
                    );
                    self.ws.touch(&uri);
                }
            }
            DidChangeTextDocument::METHOD => {
                if let Ok(p) = n.extract::<lsp_types::DidChangeTextDocumentParams>(
                    DidChangeTextDocument::METHOD,
                ) {
                    let uri = p.text_document.uri.as_str().to_string();
                    // Full sync: the last change holds the whole text.
                    if let (Some(change), Some(doc)) = (
                        p.content_changes.into_iter().last(),
                        self.ws.docs.get_mut(&uri),
                    ) {
                        doc.text = change.text;
                        doc.version = p.text_document.version;
                    }
                    self.ws.touch(&uri);
                    self.typing = true;
                }
            }
            DidCloseTextDocument::METHOD => {
                if let Ok(p) =
                    n.extract::<lsp_types::DidCloseTextDocumentParams>(DidCloseTextDocument::METHOD)
                {
                    let uri = p.text_document.uri.as_str().to_string();
                    self.ws.docs.remove(&uri);
                    self.ws.last_parsed.remove(&uri);
                    self.ws.touch(&uri);
                    for group in self.ws.forget_unused() {
                        for uri in group.published {
                            self.publish_for(&uri, Vec::new());
                        }
                    }
                }
            }
            DidSaveTextDocument::METHOD | DidChangeWatchedFiles::METHOD => self.ws.touch_all(),
            _ => {}
        }
    }

    /// Publishes the diagnostics of every group analysed since last time,
    /// and clears those of files that have none any more.
    fn publish(&mut self) {
        for key in self.ws.refresh() {
            let Some(group) = self.ws.groups.get_mut(&key) else {
                continue;
            };
            let mut now = diagnostics::by_file(&group.analysis);
            // Every open document of the group gets its list, empty or not.
            for f in &group.analysis.files {
                if self.ws.docs.contains_key(&f.uri) {
                    now.entry(f.uri.clone()).or_default();
                }
            }
            let cleared: Vec<String> = group
                .published
                .iter()
                .filter(|u| !now.contains_key(*u))
                .cloned()
                .collect();
            group.published = now
                .iter()
                .filter(|(_, d)| !d.is_empty())
                .map(|(u, _)| u.clone())
                .collect();
            for uri in cleared {
                self.publish_for(&uri, Vec::new());
            }
            for (uri, diags) in now {
                self.publish_for(&uri, diags);
            }
        }
    }

    fn publish_for(&self, uri: &str, diagnostics: Vec<lsp_types::Diagnostic>) {
        let Ok(uri) = uri.parse::<Uri>() else {
            return;
        };
        let version = self.ws.docs.get(uri.as_str()).map(|d| d.version);
        let params = PublishDiagnosticsParams::new(uri, diagnostics, version);
        self.send(Message::Notification(Notification::new(
            PublishDiagnostics::METHOD.to_string(),
            params,
        )));
    }

    fn request(&mut self, req: Request) -> Result<Value, (ErrorCode, String)> {
        let method = req.method.clone();
        let params = req.params;
        let bad = |e: serde_json::Error| (ErrorCode::InvalidParams, e.to_string());
        let to_value =
            |v: serde_json::Result<Value>| v.map_err(|e| (ErrorCode::InternalError, e.to_string()));
        match method.as_str() {
            HoverRequest::METHOD => {
                let p: lsp_types::HoverParams = serde_json::from_value(params).map_err(bad)?;
                let pos = p.text_document_position_params;
                let out = self.at(&pos.text_document.uri, pos.position, |g, file, offset| {
                    let (text, span) =
                        hover::hover(&g.analysis, g.last_bundle.as_ref(), file, offset)?;
                    let f = g.analysis.get(span.file)?;
                    Some(Hover {
                        contents: HoverContents::Markup(MarkupContent {
                            kind: MarkupKind::Markdown,
                            value: text,
                        }),
                        range: Some(f.lines.range(&f.text, span)),
                    })
                });
                to_value(serde_json::to_value(out))
            }
            GotoDefinition::METHOD => {
                let p: lsp_types::GotoDefinitionParams =
                    serde_json::from_value(params).map_err(bad)?;
                let pos = p.text_document_position_params;
                let out = self.at(&pos.text_document.uri, pos.position, |g, file, offset| {
                    goto::definition(&g.analysis, file, offset).map(GotoDefinitionResponse::Scalar)
                });
                to_value(serde_json::to_value(out))
            }
            References::METHOD => {
                let p: lsp_types::ReferenceParams = serde_json::from_value(params).map_err(bad)?;
                let pos = p.text_document_position;
                let with_decl = p.context.include_declaration;
                let out = self.at(&pos.text_document.uri, pos.position, |g, file, offset| {
                    Some(goto::references(&g.analysis, file, offset, with_decl))
                });
                to_value(serde_json::to_value(out.unwrap_or_default()))
            }
            PrepareRenameRequest::METHOD => {
                let p: lsp_types::TextDocumentPositionParams =
                    serde_json::from_value(params).map_err(bad)?;
                let out = self.at(&p.text_document.uri, p.position, |g, file, offset| {
                    Some(goto::prepare_rename(&g.analysis, file, offset))
                });
                match out {
                    Some(Ok((_, range))) => {
                        to_value(serde_json::to_value(PrepareRenameResponse::Range(range)))
                    }
                    Some(Err(msg)) => Err((ErrorCode::InvalidRequest, msg)),
                    None => Ok(Value::Null),
                }
            }
            Rename::METHOD => {
                let p: lsp_types::RenameParams = serde_json::from_value(params).map_err(bad)?;
                let pos = p.text_document_position;
                let out = self.at(&pos.text_document.uri, pos.position, |g, file, offset| {
                    Some(goto::rename(&g.analysis, file, offset, &p.new_name))
                });
                match out {
                    Some(Ok(edit)) => to_value(serde_json::to_value(edit)),
                    Some(Err(msg)) => Err((ErrorCode::InvalidRequest, msg)),
                    None => Ok(Value::Null),
                }
            }
            Completion::METHOD => {
                let p: lsp_types::CompletionParams = serde_json::from_value(params).map_err(bad)?;
                let out = self.completion(
                    &p.text_document_position.text_document.uri,
                    p.text_document_position.position,
                );
                to_value(serde_json::to_value(CompletionResponse::Array(out)))
            }
            DocumentSymbolRequest::METHOD => {
                let p: lsp_types::DocumentSymbolParams =
                    serde_json::from_value(params).map_err(bad)?;
                let uri = p.text_document.uri.as_str().to_string();
                let out = self.ws.group_of(&uri).and_then(|g| {
                    let (file, _) = g.analysis.file(&uri)?;
                    Some(DocumentSymbolResponse::Nested(symbols::document_symbols(
                        &g.analysis,
                        file,
                    )))
                });
                to_value(serde_json::to_value(out))
            }
            Formatting::METHOD => {
                let p: lsp_types::DocumentFormattingParams =
                    serde_json::from_value(params).map_err(bad)?;
                let text = self
                    .ws
                    .docs
                    .get(p.text_document.uri.as_str())
                    .map(|d| d.text.clone());
                let out = text.and_then(|t| format::edits(&t));
                to_value(serde_json::to_value(out))
            }
            STATS => Ok(serde_json::json!({ "compilations": self.ws.compiler.compilations })),
            _ => Err((
                ErrorCode::MethodNotFound,
                format!("`{method}` is not supported"),
            )),
        }
    }

    /// Runs `f` on the up-to-date group of `uri` with the file and the byte
    /// offset of `pos`.
    fn at<T>(
        &mut self,
        uri: &Uri,
        pos: lsp_types::Position,
        f: impl FnOnce(&crate::workspace::Group, shinsei_syntax::FileId, usize) -> Option<T>,
    ) -> Option<T> {
        let uri = uri.as_str();
        let g = self.ws.group_of(uri)?;
        let (file, info) = g.analysis.file(uri)?;
        let offset = info.lines.offset(&info.text, pos);
        f(g, file, offset)
    }

    /// Completion on the current text, or — while it does not parse — on
    /// the last text of this file that did (the lines above the cursor have
    /// rarely moved).
    fn completion(
        &mut self,
        uri: &Uri,
        pos: lsp_types::Position,
    ) -> Vec<lsp_types::CompletionItem> {
        let uri = uri.as_str().to_string();
        let Some(current) = self.ws.docs.get(&uri).map(|d| d.text.clone()) else {
            return Vec::new();
        };
        let lines = crate::position::LineIndex::new(&current);
        let offset = lines.offset(&current, pos);
        let line_start = current[..offset].rfind('\n').map_or(0, |n| n + 1);
        let cursor = Cursor {
            before: &current[line_start..offset],
            text_before: &current[..offset],
            line: pos.line,
        };
        let snippets = self.snippets;
        let parses = shinsei_syntax::parse(shinsei_syntax::FileId(0), &current).is_ok();
        if parses {
            // While the editor is typing, the analysis of the text before
            // the burst: an editor asks for completion on every keystroke
            // of a word, and a check per keystroke is what the pause avoids.
            let group = if self.typing && self.ws.last_group(&uri).is_some() {
                self.ws.last_group(&uri)
            } else {
                self.ws.group_of(&uri)
            };
            return match group {
                Some(g) => match g.analysis.file(&uri) {
                    Some((file, _)) => complete::complete(&g.analysis, file, &cursor, snippets),
                    None => Vec::new(),
                },
                None => Vec::new(),
            };
        }
        let analysis = self.ws.analysis_with_last_parsed(&uri);
        match analysis.and_then(|a| a.file(&uri).map(|(f, _)| (a, f))) {
            Some((a, file)) => complete::complete(a, file, &cursor, snippets),
            None => Vec::new(),
        }
    }
}
