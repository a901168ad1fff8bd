/**
 * The language server's runtime under Node: configuration files on disk, file paths from
 * `file:` URIs, rule pages shipped beside the bundle, and Node's timers.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { PROFILE_IDS } from '../core';
import type { FileHost, LoadedConfig, ProcessHost } from '../lsp/host';
import { relativeToFolders } from '../lsp/reportFiles';
import { ConfigCache } from './configFile';
import { DocxError, readDocx } from './docx';
import { exportDocx } from './export';
import type { WordHost } from '../lsp/host';

/** A Word draft is a few hundred kilobytes; this is far beyond any (the reader has its own limits). */
const MAX_DOCX_BYTES = 50 * 1024 * 1024;

/** Word files on disk: the reader and the writer of node/docx and node/export. */
const nodeWordHost: WordHost = {
  importDocx(uri) {
    const file = uriToPath(uri);
    if (!file) return { error: { zh: '只能导入本机上的 Word 文件', en: 'only Word files on this computer can be imported' } };
    try {
      const stat = fs.statSync(file);
      if (!stat.isFile()) return { error: { zh: `${path.basename(file)} 不是文件`, en: `${path.basename(file)} is not a file` } };
      if (stat.size > MAX_DOCX_BYTES) return { error: { zh: `${path.basename(file)} 过大（${stat.size} 字节）`, en: `${path.basename(file)} is too large (${stat.size} bytes)` } };
      return { markdown: readDocx(fs.readFileSync(file)).markdown };
    } catch (err) {
      if (err instanceof DocxError) return { error: { zh: err.zh, en: err.en } };
      const why = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
      return { error: { zh: `无法读取 ${path.basename(file)}（${why}）`, en: `cannot read ${path.basename(file)} (${why})` } };
    }
  },
  exportDocx: (markdown, format) => exportDocx(markdown, { format }),
};

/** No document path and no explicit file: the empty configuration, one object for all. */
const NONE: LoadedConfig = Object.freeze({ config: Object.freeze({}), problems: [] as LoadedConfig['problems'] });

export function uriToPath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

export function nodeFileHost(): FileHost {
  const cache = new ConfigCache({ profileIds: PROFILE_IDS });
  const docsDir = path.join(__dirname, '..', '..', 'docs', 'rules');
  const folderPaths = (folders: readonly string[]) => folders.map(uriToPath).filter((p): p is string => !!p);
  return {
    configFor(uri, explicit, folders) {
      const roots = folderPaths(folders);
      // A relative setting starts at the first workspace folder.
      const file = explicit && !path.isAbsolute(explicit) && roots.length ? path.join(roots[0], explicit) : explicit;
      const filePath = uriToPath(uri);
      if (filePath) return cache.forFile(filePath, file);
      if (file) return cache.forFile(file, file);
      return NONE;
    },
    forgetConfigs: () => cache.clear(),
    relativePath(uri, folders) {
      const p = uriToPath(uri);
      return p ? relativeToFolders(p, folderPaths(folders)) : undefined;
    },
    displayName(uri) {
      const p = uriToPath(uri);
      return p ? path.basename(p) : uri;
    },
    uriOfPath: (p) => pathToFileURL(p).href,
    baseName: (p) => path.basename(p),
    baseDirUri(uri) {
      const p = uriToPath(uri);
      return pathToFileURL(p ? path.dirname(p) : process.cwd()).href;
    },
    docsBase: fs.existsSync(docsDir) ? pathToFileURL(docsDir).href : undefined,
    word: nodeWordHost,
  };
}

export const nodeProcessHost: ProcessHost = {
  later(ms, fn) {
    // 0 means "after the pending messages": a 0 ms timer would still wait a millisecond or
    // more, and a queued didChange must still supersede this one.
    if (ms > 0) {
      const t = setTimeout(fn, ms);
      return () => clearTimeout(t);
    }
    const t = setImmediate(fn);
    return () => clearImmediate(t);
  },
};
