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
 * Line breaks around an inserted block so it stands as its own paragraph, whether it goes
 * at a line start (before a section) or after a paragraph's last character.
 */
export function blockInsertion(text: string, offset: number): { lead: string; tail: string; eol: string } {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const atLineStart = offset === 0 || text[offset - 1] === '\n' || text[offset - 1] === '\r';
  if (offset >= text.length) return { lead: atLineStart ? (offset === 0 ? '' : eol) : eol + eol, tail: eol, eol };
  if (atLineStart) return { lead: '', tail: eol + eol, eol };
  return { lead: eol + eol, tail: '', eol };
}
