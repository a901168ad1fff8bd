/** The scorecard beside the draft: the analysis of the current version, and its HTML when asked. */
import { ScorecardRequest, type ScorecardParams, type ScorecardResponse } from '../../../../shared/protocol';
import { renderScorecardFragment } from '../../render/html';
import { request } from '../messages';
import { analysed, type ServerContext } from '../context';

export function register(ctx: ServerContext): void {
  ctx.connection.onRequest(request(ScorecardRequest), (p: ScorecardParams): ScorecardResponse | null => {
    const a = analysed(ctx, p);
    if (!a) return null;
    const { doc, entry } = a;
    const res: ScorecardResponse = { uri: doc.uri, version: doc.version, checked: !!entry.result, reason: entry.notChecked ?? entry.decision.reason };
    if (entry.result) {
      res.result = entry.result;
      res.configFile = entry.configFile;
      if (p.html) res.html = renderScorecardFragment(ctx.files.displayName(doc.uri), entry.result, entry.locale);
    }
    return res;
  });
}
