// Starts `rus lsp` (the language server of the rus package) for plan files and the actor registry.
"use strict";

const vscode = require("vscode");
const { LanguageClient, TransportKind } = require("vscode-languageclient/node");

let client;

function settings() {
  const config = vscode.workspace.getConfiguration("rus");
  return {
    command: config.get("command", ["rus", "lsp"]),
    lang: config.get("lang", ""),
    files: config.get("files", ["**/plans/**/*.yaml", "**/plans/**/*.yml"]),
  };
}

async function start() {
  const { command, lang, files } = settings();
  const [program, ...args] = command;
  const serverOptions = { command: program, args, transport: TransportKind.stdio };
  const clientOptions = {
    documentSelector: files.map((pattern) => ({ scheme: "file", language: "yaml", pattern })),
    initializationOptions: { lang },
    synchronize: {
      configurationSection: "rus",
      fileEvents: files.map((pattern) => vscode.workspace.createFileSystemWatcher(pattern)),
    },
  };
  client = new LanguageClient("rus", "rus lsp", serverOptions, clientOptions);
  await client.start();
}

async function activate(context) {
  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration(async (event) => {
      // a new command or file patterns need a new server; the language is sent as a setting
      if (event.affectsConfiguration("rus.command") || event.affectsConfiguration("rus.files")) {
        if (client) {
          await client.stop();
        }
        await start();
      }
    }),
  );
  try {
    await start();
  } catch (error) {
    vscode.window.showErrorMessage(
      `rus lsp could not be started (${error}). Install rus (pip install -e .) or set "rus.command".`,
    );
  }
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
