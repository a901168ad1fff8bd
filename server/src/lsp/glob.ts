/**
 * Glob matching for `dutyReport.files` in time linear in the path for each pattern position
 * (a set-of-states simulation, no backtracking). The setting can come from a workspace the
 * user has not looked at, and a regex-compiling matcher took 13 s on `*a*a*a*a*a*a*a*a*b`
 * against a 60-character name: a glob must not be able to hang the server.
 *
 * Supported, as VS Code's `files.associations` users write them: `*`, `?`, `**` as a whole
 * path segment, `[abc]`, `[a-z]`, `[!a]`/`[^a]`, `{a,b}` and `\` escapes. A `**` inside a
 * segment (`a**b`) acts as `*`.
 */

type Token =
  | { t: 'char'; c: string }
  | { t: 'any' } // ?
  | { t: 'star' } // *, within a segment
  | { t: 'deep' } // **/ : nothing, or any run of whole segments
  | { t: 'all' } // ** as the last segment: anything
  | { t: 'class'; ranges: [string, string][]; negated: boolean };

/** Longest pattern accepted, and most alternatives a pattern's braces may expand to. */
export const MAX_GLOB_LENGTH = 1000;
export const MAX_ALTERNATIVES = 64;
/** Most pattern steps a glob may hold once its braces are expanded. */
export const MAX_GLOB_TOKENS = 2000;

export class GlobError extends Error {}

/** Compiles a glob; throws GlobError with a message for the user when it cannot be used. */
export function compileGlob(glob: string): (path: string) => boolean {
  if (glob.length > MAX_GLOB_LENGTH) throw new GlobError(`长于 ${MAX_GLOB_LENGTH} 个字符 / longer than ${MAX_GLOB_LENGTH} characters`);
  // "reports/**" also matches the folder "reports" itself.
  const globs = [...new Set(expandBraces(glob).flatMap((g) => (g.endsWith('/**') && g.length > 3 ? [g, g.slice(0, -3)] : [g])))];
  const programs = globs.map(tokenize);
  // Cost is tokens × path length: bound the tokens, not only the text, since braces multiply them.
  const tokens = programs.reduce((a, p) => a + p.length, 0);
  if (tokens > MAX_GLOB_TOKENS) throw new GlobError(`展开后过长（${tokens} 项，上限 ${MAX_GLOB_TOKENS}）/ too long once expanded (${tokens} tokens, limit ${MAX_GLOB_TOKENS})`);
  return (path: string) => programs.some((p) => run(p, path));
}

function expandBraces(glob: string): string[] {
  // Find the first top-level {…} that holds a comma, expand it, and recurse on the results.
  let depth = 0;
  let open = -1;
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (c === '{') {
      if (depth === 0) open = i;
      depth++;
    } else if (c === '}' && depth > 0) {
      depth--;
      if (depth === 0) {
        const parts = splitTopLevel(glob.slice(open + 1, i));
        if (parts.length > 1) {
          const out: string[] = [];
          for (const p of parts) {
            for (const e of expandBraces(glob.slice(0, open) + p + glob.slice(i + 1))) {
              out.push(e);
              if (out.length > MAX_ALTERNATIVES) throw new GlobError(`{…} 展开超过 ${MAX_ALTERNATIVES} 种 / braces expand to more than ${MAX_ALTERNATIVES} patterns`);
            }
          }
          return out;
        }
      }
    }
  }
  return [glob];
}

function splitTopLevel(s: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let from = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '\\') i++;
    else if (c === '{') depth++;
    else if (c === '}') depth--;
    else if (c === ',' && depth === 0) {
      parts.push(s.slice(from, i));
      from = i + 1;
    }
  }
  parts.push(s.slice(from));
  return parts;
}

function tokenize(glob: string): Token[] {
  const out: Token[] = [];
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '\\' && i + 1 < glob.length) {
      out.push({ t: 'char', c: glob[++i] });
    } else if (c === '?') {
      out.push({ t: 'any' });
    } else if (c === '*') {
      let j = i;
      while (glob[j] === '*') j++;
      const segStart = i === 0 || glob[i - 1] === '/';
      const segEnd = j === glob.length || glob[j] === '/';
      if (j - i >= 2 && segStart && segEnd) {
        if (glob[j] === '/') {
          out.push({ t: 'deep' });
          j++; // the slash belongs to the token
        } else out.push({ t: 'all' });
      } else if (!out.length || out[out.length - 1].t !== 'star') {
        out.push({ t: 'star' });
      }
      i = j - 1;
    } else if (c === '[') {
      const cls = parseClass(glob, i);
      if (cls) {
        out.push(cls.token);
        i = cls.end;
      } else out.push({ t: 'char', c });
    } else {
      out.push({ t: 'char', c });
    }
  }
  return out;
}

function parseClass(glob: string, at: number): { token: Token; end: number } | undefined {
  let i = at + 1;
  const negated = glob[i] === '!' || glob[i] === '^';
  if (negated) i++;
  const ranges: [string, string][] = [];
  let first = true;
  for (; i < glob.length; i++) {
    let c = glob[i];
    if (c === ']' && !first) return { token: { t: 'class', ranges, negated }, end: i };
    first = false;
    if (c === '\\' && i + 1 < glob.length) c = glob[++i];
    if (glob[i + 1] === '-' && i + 2 < glob.length && glob[i + 2] !== ']') {
      let hi = glob[i + 2];
      i += 2;
      if (hi === '\\' && i + 1 < glob.length) hi = glob[++i];
      ranges.push([c, hi]);
    } else ranges.push([c, c]);
  }
  return undefined; // no closing ]: a literal [
}

/** Simulates all positions of the pattern at once: O(pattern × path), never exponential. */
function run(p: Token[], path: string): boolean {
  const n = p.length;
  let cur = new Uint8Array(n + 1);
  let next = new Uint8Array(n + 1);
  // Which states were just entered (not kept by a stay): `**/` may match nothing only where it
  // starts, at a segment boundary; after it consumed "ab" it must go on to a slash.
  let entered = new Uint8Array(n + 1);
  // Follow tokens that may match nothing (in order, so chains of them are followed too).
  const close = (set: Uint8Array, fresh: Uint8Array) => {
    for (let k = 0; k < n; k++) {
      const t = p[k].t;
      if (set[k] && (t === 'star' || t === 'all' || (t === 'deep' && fresh[k]))) {
        set[k + 1] = 1;
        fresh[k + 1] = 1;
      }
    }
  };
  cur[0] = 1;
  entered[0] = 1;
  close(cur, entered);
  for (let j = 0; j < path.length; j++) {
    const ch = path[j];
    next.fill(0);
    entered.fill(0);
    let alive = false;
    for (let k = 0; k < n; k++) {
      if (!cur[k]) continue;
      const tok = p[k];
      let stay = false;
      let advance = false;
      switch (tok.t) {
        case 'char':
          advance = tok.c === ch;
          break;
        case 'any':
          advance = ch !== '/';
          break;
        case 'class':
          advance = ch !== '/' && tok.ranges.some(([lo, hi]) => ch >= lo && ch <= hi) !== tok.negated;
          break;
        case 'star':
          stay = ch !== '/';
          break;
        case 'all':
          stay = true;
          break;
        case 'deep':
          // Inside the run of segments any character stays; a slash may also end the run.
          stay = true;
          advance = ch === '/';
          break;
      }
      if (stay) next[k] = 1;
      if (advance) next[k + 1] = entered[k + 1] = 1;
      alive ||= stay || advance;
    }
    if (!alive) return false;
    close(next, entered);
    [cur, next] = [next, cur];
  }
  return cur[n] === 1;
}
