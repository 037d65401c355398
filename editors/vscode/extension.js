// The shinsei extension: highlighting comes from the TextMate grammar
// (syntaxes/), everything else from the language server the `shinsei`
// command runs (`shinsei lsp`, over stdio).
"use strict";

const vscode = require("vscode");
const { LanguageClient, TransportKind } = require("vscode-languageclient/node");

let client;

/** @param {vscode.ExtensionContext} context */
async function activate(context) {
  const config = vscode.workspace.getConfiguration("shinsei");
  const command = config.get("server.path") || "shinsei";
  const args = [...(config.get("server.extraArgs") || []), "lsp"];
  const run = { command, args, transport: TransportKind.stdio };
  client = new LanguageClient(
    "shinsei",
    "shinsei",
    { run, debug: run },
    {
      documentSelector: [{ scheme: "file", language: "shinsei-form" }, { scheme: "untitled", language: "shinsei-form" }],
      // Files changed on disk (a checkout, another editor) are checked again.
      synchronize: { fileEvents: vscode.workspace.createFileSystemWatcher("**/*.form") },
    },
  );
  context.subscriptions.push(
    vscode.commands.registerCommand("shinsei.restartServer", () => client.restart()),
  );
  try {
    await client.start();
  } catch (e) {
    vscode.window.showErrorMessage(
      `shinsei: could not start \`${command} lsp\` (${e.message}). Set "shinsei.server.path" to the shinsei command.`,
    );
  }
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
