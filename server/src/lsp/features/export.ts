/** Export of one draft's findings in any format of the registry, for the editor's export command. */
import { ExportRequest, type ExportParams, type ExportResponse } from '../../../../shared/protocol';
import { findFormat } from '../../format';
import { request } from '../messages';
import { analysed, type ServerContext } from '../context';

export function register(ctx: ServerContext): void {
  ctx.connection.onRequest(request(ExportRequest), (p: ExportParams): ExportResponse | null => {
    const a = analysed(ctx, p);
    const format = findFormat(String(p?.format));
    if (!a?.entry.result || !format) return null;
    const input = { files: [{ path: ctx.files.displayName(a.doc.uri), result: a.entry.result }], skipped: [], locale: a.entry.locale, color: false };
    const out = format.write(input, { srcRootUri: ctx.files.baseDirUri(a.doc.uri), layout: 'pretty' });
    return { content: typeof out === 'string' ? out : [...out].join('') };
  });
}
