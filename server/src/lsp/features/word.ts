/**
 * Word files from the editor: a .docx read as a Markdown draft to work on, and the open draft
 * written as a .docx to hand in. The files themselves come through the runtime's host; where
 * it has none (a browser), the requests say so.
 */
import { ExportWordRequest, ImportWordRequest, type ExportWordResponse, type ImportWordResponse } from '../../../../shared/protocol';
import { uriOf, type ServerContext } from '../context';
import { request } from '../messages';
import { resolveLocale } from '../settings';

const UNAVAILABLE = { zh: '此编辑器环境不能读写 Word 文件', en: 'Word files cannot be read or written in this editor' };

/** Base64 with what Node and a browser worker both have (no Buffer in a worker). */
function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

export function register(ctx: ServerContext): void {
  const say = (uri: string, m: { zh: string; en: string }) => {
    const entry = ctx.documents.get(uri) && ctx.service.entryFor(ctx.documents.get(uri)!);
    const locale = entry?.locale ?? resolveLocale('auto', ctx.client.locale);
    return m[locale];
  };

  ctx.connection.onRequest(request(ImportWordRequest), (p): ImportWordResponse => {
    const uri = typeof p?.uri === 'string' ? p.uri : uriOf(p);
    const word = ctx.files.word;
    if (!word) return { error: say(uri, UNAVAILABLE) };
    const read = word.importDocx(uri);
    return 'markdown' in read ? read : { error: say(uri, read.error) };
  });

  ctx.connection.onRequest(request(ExportWordRequest), async (p): Promise<ExportWordResponse> => {
    const doc = ctx.documents.get(uriOf(p));
    if (!doc) return { error: say('', { zh: '草稿没有打开', en: 'the draft is not open' }) };
    const word = ctx.files.word;
    if (!word) return { error: say(doc.uri, UNAVAILABLE) };
    const bytes = await word.exportDocx(doc.getText(), doc.languageId === 'plaintext' ? 'text' : 'markdown');
    return { base64: toBase64(bytes) };
  });
}
