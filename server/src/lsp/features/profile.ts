/** Profiles: the list the client offers, and the edit that writes one into the front matter. */
import { ProfilesRequest, SetProfileRequest, type ProfileSummary, type SetProfileParams, type SetProfileResponse } from '../../../../shared/protocol';
import { BUILTIN_PROFILES } from '../../core';
import { request } from '../messages';
import { uriOf, type ServerContext } from '../context';
import { setProfileEdit } from '../frontMatter';

export function register(ctx: ServerContext): void {
  ctx.connection.onRequest(request(ProfilesRequest), (): ProfileSummary[] => BUILTIN_PROFILES.map((p) => ({ id: p.id, name: p.name, nameEn: p.nameEn, maxUnits: p.thresholds.maxUnits })));

  ctx.connection.onRequest(request(SetProfileRequest), (p: SetProfileParams): SetProfileResponse | null => {
    const doc = ctx.documents.get(uriOf(p));
    if (!doc) return null;
    // An edit for another version would land in the wrong place: the client asks again.
    if (doc.version !== p.textDocument.version) return null;
    const text = doc.getText();
    const eol = text.includes('\r\n') ? '\r\n' : '\n';
    return { version: doc.version, edits: [setProfileEdit(text.split(/\r\n|\r|\n/), p.profile, eol)] };
  });
}
