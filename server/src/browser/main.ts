/**
 * The language server in a browser Web Worker (vscode.dev, github.dev): the same server as
 * under Node, with a runtime that has no file system. Documents come from the client; no
 * configuration file is read (the editor's `dutyReport.*` settings still apply), and names
 * and paths are read off the documents' URIs.
 */
import { BrowserMessageReader, BrowserMessageWriter, createConnection } from 'vscode-languageserver/browser';
import type { FileHost, LoadedConfig, ProcessHost } from '../lsp/host';
import { startServer } from '../lsp/server';

const NONE: LoadedConfig = Object.freeze({ config: Object.freeze({}), problems: [] as LoadedConfig['problems'] });

/** The path part of a URI, decoded; the URI itself when it has none. */
function pathOf(uri: string): string {
  try {
    return decodeURIComponent(new URL(uri).pathname);
  } catch {
    return uri;
  }
}

const files: FileHost = {
  configFor: () => NONE,
  forgetConfigs: () => undefined,
  relativePath(uri, folders) {
    // The innermost folder whose URI holds the document's.
    const inner = folders
      .map((f) => f.replace(/\/+$/, ''))
      .filter((f) => uri.startsWith(f + '/'))
      .sort((a, b) => b.length - a.length)[0];
    const rel = inner ? uri.slice(inner.length + 1) : pathOf(uri).replace(/^\/+/, '');
    try {
      return decodeURIComponent(rel.split(/[?#]/)[0]);
    } catch {
      return rel;
    }
  },
  displayName: (uri) => pathOf(uri).split('/').pop() || uri,
  uriOfPath: (p) => p,
  baseName: (p) => p.split('/').pop() ?? p,
  // The document's own folder: its URI up to the last slash.
  baseDirUri: (uri) => uri.slice(0, uri.lastIndexOf('/') + 1) || uri,
};

const timers: ProcessHost = {
  later(ms, fn) {
    const t = setTimeout(fn, ms);
    return () => clearTimeout(t);
  },
};

// The worker's own scope, typed as the reader wants it (the server compiles without the webworker lib).
declare const self: ConstructorParameters<typeof BrowserMessageReader>[0];
startServer(createConnection(new BrowserMessageReader(self), new BrowserMessageWriter(self)), { files, process: timers });
