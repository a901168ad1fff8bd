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
