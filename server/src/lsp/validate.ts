/**
 * Document notifications checked before the document store sees them. A didOpen whose text is
 * not a string, or a didChange whose range is not a range, would otherwise be stored as it is
 * and throw later, deep in the analysis, and a throw in a notification ends the server. A
 * malformed notification is dropped with a line in the log; the documents stay as they were.
 */
import type { NotificationHandler, TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';

/** What the document store listens to (the library does not export its name). */
export type TextDocumentConnection = Parameters<TextDocuments<TextDocument>['listen']>[0];

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isNat = (v: unknown): boolean => Number.isInteger(v) && (v as number) >= 0;
const isPos = (v: unknown): boolean => isObj(v) && isNat(v.line) && isNat(v.character);
const isRange = (v: unknown): boolean => isObj(v) && isPos(v.start) && isPos(v.end);

/** `{ textDocument: { uri: string } }`, the least every document notification carries. */
function namesDocument(p: unknown): p is { textDocument: Obj & { uri: string } } {
  return isObj(p) && isObj(p.textDocument) && typeof p.textDocument.uri === 'string';
}

export function validOpen(p: unknown): boolean {
  if (!namesDocument(p)) return false;
  const td = p.textDocument;
  return typeof td.languageId === 'string' && Number.isInteger(td.version) && typeof td.text === 'string';
}

export function validChange(p: unknown): boolean {
  if (!namesDocument(p) || !Number.isInteger(p.textDocument.version)) return false;
  const changes = (p as Obj).contentChanges;
  return Array.isArray(changes) && changes.every((c) => isObj(c) && typeof c.text === 'string' && (c.range === undefined || isRange(c.range)));
}

/**
 * The connection as the document store listens to it, with each notification checked first.
 * `__textDocumentSync`, which the store sets on the connection, reaches the real one.
 */
export function validating(connection: TextDocumentConnection, log: (msg: string) => void): TextDocumentConnection {
  const guard =
    <P>(method: string, ok: (p: unknown) => boolean, handler: NotificationHandler<P>): NotificationHandler<P> =>
    (p: P) => {
      if (ok(p)) return handler(p);
      log(`忽略格式错误的 ${method} 通知 / ignored a malformed ${method} notification`);
    };
  const proxy: TextDocumentConnection & { __textDocumentSync?: unknown } = {
    onDidOpenTextDocument: (h) => connection.onDidOpenTextDocument(guard('textDocument/didOpen', validOpen, h)),
    onDidChangeTextDocument: (h) => connection.onDidChangeTextDocument(guard('textDocument/didChange', validChange, h)),
    onDidCloseTextDocument: (h) => connection.onDidCloseTextDocument(guard('textDocument/didClose', namesDocument, h)),
    onWillSaveTextDocument: (h) => connection.onWillSaveTextDocument(guard('textDocument/willSave', namesDocument, h)),
    onWillSaveTextDocumentWaitUntil: (h) => connection.onWillSaveTextDocumentWaitUntil((p, token) => (namesDocument(p) ? h(p, token) : null)),
    onDidSaveTextDocument: (h) => connection.onDidSaveTextDocument(guard('textDocument/didSave', namesDocument, h)),
  };
  Object.defineProperty(proxy, '__textDocumentSync', {
    set: (v: unknown) => ((connection as { __textDocumentSync?: unknown }).__textDocumentSync = v),
    get: () => (connection as { __textDocumentSync?: unknown }).__textDocumentSync,
  });
  return proxy;
}
