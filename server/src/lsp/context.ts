/**
 * What each editor feature gets to register its handlers: the connection, the open documents,
 * their analyses and the runtime. One feature per file in ./features, each with a `register`.
 */
import { ErrorCodes, ResponseError, type Connection, type TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { DocumentService, Entry } from './documentService';
import type { ClientCaps } from './features/common';
import type { FileHost } from './host';

export interface ServerContext {
  connection: Connection;
  documents: TextDocuments<TextDocument>;
  service: DocumentService;
  files: FileHost;
  /** Filled in at `initialize`. */
  client: { caps: ClientCaps; locale?: string };
}

/**
 * The document a request names. A request without one (or a position where one is needed) is
 * answered with InvalidParams, not an internal error from deep inside a handler.
 */
export function uriOf(params: unknown, needsPosition = false): string {
  const p = params as { textDocument?: { uri?: unknown }; position?: { line?: unknown; character?: unknown } } | null | undefined;
  const uri = p?.textDocument?.uri;
  if (typeof uri !== 'string') throw new ResponseError(ErrorCodes.InvalidParams, 'textDocument.uri 缺失 / textDocument.uri is missing');
  if (needsPosition && !(Number.isInteger(p?.position?.line) && Number.isInteger(p?.position?.character))) {
    throw new ResponseError(ErrorCodes.InvalidParams, 'position 缺失或无效 / position is missing or invalid');
  }
  return uri;
}

/** The open document a request is about, with the analysis of its current version; undefined when it is not open. */
export function analysed(ctx: ServerContext, params: unknown, needsPosition = false): { doc: TextDocument; entry: Entry } | undefined {
  const doc = ctx.documents.get(uriOf(params, needsPosition));
  return doc && { doc, entry: ctx.service.entryFor(doc) };
}
