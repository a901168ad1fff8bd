#!/usr/bin/env node
'use strict';
// The benchmark's baseline language server: the same library, the same incremental sync and
// the same document store as ours, but it answers every change at once with no diagnostics.
// The round trip to it is what the protocol itself costs. With `--replay FILE` it answers every
// change with the diagnostics in FILE instead, still without analysis: what sending a real
// report's worth of diagnostics costs.
const fs = require('fs');
const { createConnection, TextDocuments, TextDocumentSyncKind } = require('vscode-languageserver/node');
const { TextDocument } = require('vscode-languageserver-textdocument');

const at = process.argv.indexOf('--replay');
const replay = at > 0 ? JSON.parse(fs.readFileSync(process.argv[at + 1], 'utf8')) : [];

const connection = createConnection();
const documents = new TextDocuments(TextDocument);
connection.onInitialize(() => ({ capabilities: { textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental } } }));
documents.onDidChangeContent((e) => {
  // getText() as ours does, so both sides pay for materialising the edited text
  const text = e.document.getText();
  void connection.sendDiagnostics({ uri: e.document.uri, version: e.document.version, diagnostics: text.length < 0 ? [] : replay });
});
documents.listen(connection);
connection.listen();
