import type { MarkerKind } from './blocks';
import type { ReportModel } from './model';
import { chineseNumeral, circledNumeral } from './text';

/** How a report writes one level of its outline, so inserted parts look like the writer's own. */
export interface LevelStyle {
  /** '## ' for Markdown headings, '' for plain text. */
  hashes: string;
  kind?: MarkerKind;
  sep: string;
  bold: boolean;
}

export function styleOf(model: ReportModel, sections: number[]): LevelStyle {
  for (const si of sections) {
    const s = model.sections[si];
    const blk = model.blocks[s.block];
    const hashes = s.headingLevel ? '#'.repeat(s.headingLevel) + ' ' : '';
    const bold = model.text.startsWith('**', blk.contentStart);
    if (s.marker) return { hashes, kind: s.marker.kind, sep: s.marker.style, bold };
    return { hashes, sep: '', bold };
  }
  return { hashes: '', kind: undefined, sep: '', bold: false };
}

/** The marker text for number n in a style: 三、 （三） 3. (3) ③ 三是 第三， */
export function markerText(style: LevelStyle, n: number): string {
  switch (style.kind) {
    case 'cn':
      return chineseNumeral(n) + (style.sep || '、');
    case 'cn-paren':
      return style.sep.startsWith('(') ? `(${chineseNumeral(n)})` : `（${chineseNumeral(n)}）`;
    case 'arabic':
      return `${n}${style.sep || '.'}`;
    case 'arabic-paren':
      return style.sep.startsWith('(') ? `(${n})` : `（${n}）`;
    case 'circled':
      return circledNumeral(n);
    case 'lead-shi':
      return `${chineseNumeral(n)}是`;
    case 'lead-di':
      return `第${chineseNumeral(n)}${style.sep || '，'}`;
    default:
      return '';
  }
}

/** Escapes text for a snippet body, where $, } and \ are syntax. */
export function snippetEscape(s: string): string {
  return s.replace(/[\\$}]/g, (c) => '\\' + c);
}

/**
 * Builds a heading line in the given style. Returns the plain text and the snippet form,
 * where the number is a tab stop the writer can correct.
 */
export function headingLine(style: LevelStyle, n: number, title: string, tab: number): { text: string; snippet: string } {
  const m = markerText(style, n);
  const hashes = style.hashes || (style.kind ? '' : '## ');
  const open = style.bold && !style.hashes ? '**' : '';
  const text = `${hashes}${open}${m}${title}${open}`;
  const snippet = `${hashes}${open}${m ? '${' + tab + ':' + snippetEscape(m) + '}' : ''}${snippetEscape(title)}${open}`;
  return { text, snippet };
}

/**
 * Where an inserted block goes and the line breaks around it, so it stands as its own
 * paragraph whether it lands at a line start (before a section) or after a paragraph's last
 * character. A code fence or comment left open runs to the end of the report, and anything
 * added after its start would be swallowed by it: the block goes before it instead.
 */
export function blockInsertion(model: ReportModel, wanted: number): { offset: number; lead: string; tail: string; eol: string } {
  const { text, index } = model;
  const last = model.blocks[model.blocks.length - 1];
  let offset = last?.open && wanted > last.start ? last.start : wanted;
  // Never between a disable-next-line comment and the line it silences: that line would move
  // down, out of the comment's reach, and the new part would be silenced instead.
  const silencers = new Set<number>();
  for (const d of model.directives) if (d.kind === 'disable-next-line') silencers.add(d.line);
  const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  for (;;) {
    const line = index.lineOf(offset);
    if (offset !== index.starts[line] || !silencers.has(line - 1) || !commentOnly(text.slice(index.starts[line - 1], index.lineEnd(line - 1)))) break;
    // A byte-order mark stays first.
    offset = Math.max(bom, index.starts[line - 1]);
    if (offset === bom) break;
  }
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const atLineStart = offset === 0 || text[offset - 1] === '\n' || text[offset - 1] === '\r' || (offset === 1 && text.charCodeAt(0) === 0xfeff);
  // At a line start right below text, a blank line keeps the new block from joining that paragraph.
  const belowText = atLineStart && offset > 0 && !isBlankLine(text, index.starts[Math.max(0, index.lineOf(offset) - 1)], offset);
  // After a lone CR, a leading LF would only complete that line break instead of adding one.
  const fix = (lead: string) => (lead.startsWith('\n') && text[offset - 1] === '\r' ? '\r' + lead : lead);
  if (offset >= text.length) return { offset, lead: fix(atLineStart ? (offset === 0 ? '' : eol) : eol + eol), tail: eol, eol };
  if (atLineStart) return { offset, lead: fix(belowText ? eol : ''), tail: eol + eol, eol };
  return { offset, lead: eol + eol, tail: '', eol };
}

function commentOnly(line: string): boolean {
  const t = line.trim();
  return t.startsWith('<!--') && t.endsWith('-->');
}

function isBlankLine(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 10 && c !== 13 && c !== 0x3000 && c !== 0xfeff) return false;
  }
  return true;
}
