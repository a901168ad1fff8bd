/**
 * Outline markers: the GB/T 9704 层次序数 (一、（一）1.（1）), circled numbers and the
 * paragraph-initial enumerations (一是, 第一) a writer numbers parts and items with.
 */
import { chineseNumberValue, circledValue } from './text';

/** GB/T 9704 层次序数 and the paragraph-initial enumerations writers use. */
export type MarkerKind = 'cn' | 'cn-paren' | 'arabic' | 'arabic-paren' | 'circled' | 'lead-shi' | 'lead-di';

/** The order GB/T 9704 nests them in; leads nest anywhere. */
export const MARKER_ORDER: Record<MarkerKind, number> = {
  cn: 1,
  'cn-paren': 2,
  arabic: 3,
  'arabic-paren': 4,
  circled: 5,
  'lead-shi': 0,
  'lead-di': 0,
};

export interface OutlineMarker {
  kind: MarkerKind;
  value: number;
  /** The marker as written, e.g. "（三）" or "3、". */
  text: string;
  /** Separator style within a kind: "、" vs "." vs "．", "（" vs "(": mixed styles at one level are flagged. */
  style: string;
  start: number;
  end: number;
}

const CN_NUM = '一二三四五六七八九十百零〇';

/** Skips white space (ASCII, full-width 　, tabs) and bold/italic openers before a marker. */
export function skipLead(text: string, i: number, end: number): number {
  for (;;) {
    const c = text.charCodeAt(i);
    if (i < end && (c === 32 || c === 9 || c === 0x3000 || c === 0xa0)) i++;
    else if (i + 1 < end && (c === 42 || c === 95) && text.charCodeAt(i + 1) === c) i += 2;
    else return i;
  }
}

/** Recognises an outline marker at text[i]. */
export function matchMarker(text: string, i: number, end: number): OutlineMarker | undefined {
  const c = text[i];
  if (c === undefined || i >= end) return undefined;
  // （一） （1） (一) (1)
  if (c === '（' || c === '(') {
    let j = i + 1;
    while (j < end && j - i <= 4 && CN_NUM.includes(text[j])) j++;
    if (j > i + 1 && (text[j] === '）' || text[j] === ')')) {
      const value = chineseNumberValue(text.slice(i + 1, j));
      if (value !== undefined) return marker('cn-paren', value, text, i, j + 1, c + text[j]);
    }
    j = i + 1;
    while (j < end && j - i <= 3 && isAsciiDigit(text.charCodeAt(j))) j++;
    if (j > i + 1 && (text[j] === '）' || text[j] === ')')) {
      return marker('arabic-paren', Number(text.slice(i + 1, j)), text, i, j + 1, c + text[j]);
    }
    return undefined;
  }
  const circled = circledValue(c);
  if (circled !== undefined) return marker('circled', circled, text, i, i + 1, '');
  if (isAsciiDigit(text.charCodeAt(i))) {
    let j = i;
    while (j < end && j - i < 3 && isAsciiDigit(text.charCodeAt(j))) j++;
    const sep = text[j];
    // 1. 1、 1． but not 1.5 or 2024.3 or 12345; "1.2025年3月底前" is item 1 and a year
    if (j - i <= 2 && (sep === '、' || sep === '．' || (sep === '.' && (!isAsciiDigit(text.charCodeAt(j + 1)) || yearAt(text, j + 1, end))))) {
      return marker('arabic', Number(text.slice(i, j)), text, i, j + 1, sep);
    }
    return undefined;
  }
  if (c === '第') {
    let j = i + 1;
    while (j < end && j - i <= 3 && CN_NUM.includes(text[j])) j++;
    const sep = text[j];
    if (j > i + 1 && (sep === '，' || sep === ',' || sep === '、' || sep === '：' || sep === ':')) {
      const value = chineseNumberValue(text.slice(i + 1, j));
      if (value !== undefined) return marker('lead-di', value, text, i, j + 1, sep);
    }
    return undefined;
  }
  if (CN_NUM.includes(c)) {
    let j = i;
    while (j < end && j - i < 3 && CN_NUM.includes(text[j])) j++;
    const value = chineseNumberValue(text.slice(i, j));
    if (value === undefined || value === 0) return undefined;
    const sep = text[j];
    // 一、二季度 / 三、四月份 count on; 一、一年来的情况 is a heading.
    if (sep === '、' && chineseNumberValue(text[j + 1] ?? '') === value + 1) return undefined;
    if (sep === '、' || sep === '．' || (sep === '.' && !isAsciiDigit(text.charCodeAt(j + 1)))) {
      return marker('cn', value, text, i, j + 1, sep);
    }
    // 一是 / 二是 … but not 一是一、二是二 idioms, which never open a paragraph anyway
    if (sep === '是' && j - i <= 2) return marker('lead-shi', value, text, i, j + 1, '');
  }
  return undefined;
}

function marker(kind: MarkerKind, value: number, text: string, start: number, end: number, style: string): OutlineMarker {
  return { kind, value, text: text.slice(start, end), style, start, end };
}

/** A year (19xx/20xx followed by 年) at text[i]: after "1." it is content, not a decimal part. */
function yearAt(text: string, i: number, end: number): boolean {
  if (i + 4 >= end || text.charCodeAt(i + 4) !== 0x5e74 /* 年 */) return false;
  const c0 = text.charCodeAt(i);
  const c1 = text.charCodeAt(i + 1);
  if (!((c0 === 49 && c1 === 57) || (c0 === 50 && c1 === 48))) return false; // 19 or 20
  return isAsciiDigit(text.charCodeAt(i + 2)) && isAsciiDigit(text.charCodeAt(i + 3));
}

function isAsciiDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}
