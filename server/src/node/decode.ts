/**
 * Bytes of a report or configuration file to text, in the encodings Chinese offices use:
 * UTF-8 with or without a byte-order mark, UTF-16 with one (Windows Notepad's "Unicode"), and
 * GB18030 (GBK and GB2312 are subsets), which older tools and WPS still write.
 *
 * The rules, in order:
 * 1. A UTF-16 byte-order mark (FF FE, FE FF): UTF-16 of that order; NUL characters in the text
 *    mean it is binary after all (UTF-32 also starts with FF FE).
 * 2. A NUL byte anywhere else: binary.
 * 3. Bytes that decode as UTF-8 (fatal decoder, so nothing is replaced silently): UTF-8, with
 *    `utf-8-bom` when they start with EF BB BF. Valid UTF-8 always wins: a short file is never
 *    guessed to be anything else.
 * 4. Bytes that are mostly valid UTF-8 with a few broken sequences (a file cut off mid-character,
 *    a bad copy): refused, since reading them as GB18030 would check mojibake.
 * 5. Bytes that decode as GB18030 (fatal) into text without control characters: GB18030.
 *    Node's decoder is used, not the `gbk` label, which fails on four-byte characters such as 𠮷.
 * 6. Anything else: refused with a reason.
 */
import { TextDecoder } from 'node:util';
import type { ReportEncoding } from '../format/types';

export type { ReportEncoding };

export type Decoded = { text: string; encoding: ReportEncoding } | { reason: string; reasonEn: string };

const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Node built without full ICU has no GB18030 decoder; such files are then refused as before. */
function gb18030Decoder(): TextDecoder | undefined {
  try {
    return new TextDecoder('gb18030', { fatal: true });
  } catch {
    return undefined;
  }
}

const GB18030 = gb18030Decoder();

/**
 * Control characters no text file holds; tab, line feed, vertical tab, form feed, carriage
 * return and DOS's end-of-file mark (0x1A, at the end of old GBK files) are allowed.
 */
// eslint-disable-next-line no-control-regex
const BINARY_CONTROL = /[\u0001-\u0008\u000e-\u0019\u001b-\u001f\u007f]/;

/** Continuation bytes after a UTF-8 lead byte and the range of the first; 0 for no lead byte. */
function leadByte(c: number): [need: number, lo: number, hi: number] {
  if (c >= 0xc2 && c <= 0xdf) return [1, 0x80, 0xbf];
  if (c === 0xe0) return [2, 0xa0, 0xbf];
  if (c === 0xed) return [2, 0x80, 0x9f]; // not the UTF-16 surrogates
  if (c >= 0xe1 && c <= 0xef) return [2, 0x80, 0xbf];
  if (c === 0xf0) return [3, 0x90, 0xbf];
  if (c >= 0xf1 && c <= 0xf3) return [3, 0x80, 0xbf];
  if (c === 0xf4) return [3, 0x80, 0x8f]; // not above U+10FFFF
  return [0, 0, 0];
}

/**
 * Valid multi-byte UTF-8 sequences against broken ones, and where the first broken one starts.
 * Only called when the fatal decoder has refused the bytes.
 */
function utf8Damage(b: Uint8Array): { valid: number; invalid: number; firstBad: number } {
  let valid = 0;
  let invalid = 0;
  let firstBad = -1;
  let i = 0;
  while (i < b.length) {
    const c = b[i];
    if (c < 0x80) {
      i++;
      continue;
    }
    // The lead byte decides how many continuation bytes follow and the range of the first (RFC 3629).
    const [need, lo, hi] = leadByte(c);
    let j = 1;
    if (need) {
      for (; j <= need; j++) {
        const t = i + j < b.length ? b[i + j] : -1;
        if (j === 1 ? t < lo || t > hi : t < 0x80 || t > 0xbf) break;
      }
    }
    if (need && j > need) {
      valid++;
      i += need + 1;
    } else {
      if (firstBad < 0) firstBad = i;
      invalid++;
      i += Math.max(1, j);
    }
  }
  return { valid, invalid, firstBad };
}

/**
 * How many valid multi-byte sequences per broken one make bytes "UTF-8 with damage". GB18030
 * Chinese reads as about one valid sequence to three or four broken ones (measured on the sample
 * reports and every fixture), damaged UTF-8 as hundreds to one: 4 is far from both.
 */
const DAMAGED_UTF8_RATIO = 4;

const BINARY = { reason: '文件含 NUL 字节，像是二进制文件', reasonEn: 'file contains NUL bytes, looks binary' };

/** The text of `bytes` and the encoding it was read in, or why it is not text. Never throws. */
export function decodeText(bytes: Uint8Array): Decoded {
  const utf16 = bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe ? 'utf-16le' : bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff ? 'utf-16be' : undefined;
  if (utf16) {
    let text: string;
    try {
      text = new TextDecoder(utf16, { fatal: true, ignoreBOM: true }).decode(bytes.subarray(2));
    } catch {
      return { reason: '文件不是有效的 UTF-16 文本', reasonEn: 'file is not valid UTF-16' };
    }
    if (text.includes('\u0000')) return { reason: '文件含 NUL 字符，像是二进制文件', reasonEn: 'file contains NUL characters, looks binary' };
    return { text, encoding: utf16 };
  }
  if (bytes.includes(0)) return BINARY;
  try {
    const text = UTF8.decode(bytes);
    // A BOM is not part of the text: offsets must match what an editor shows.
    return text.charCodeAt(0) === 0xfeff ? { text: text.slice(1), encoding: 'utf-8-bom' } : { text, encoding: 'utf-8' };
  } catch {
    // Not UTF-8: below.
  }
  const damage = utf8Damage(bytes);
  if (damage.invalid > 0 && damage.valid >= DAMAGED_UTF8_RATIO * damage.invalid) {
    return {
      reason: `文件不是有效的 UTF-8 文本（偏移 ${damage.firstBad} 字节处编码损坏，请另存为 UTF-8 编码）`,
      reasonEn: `file is not valid UTF-8 (broken at byte offset ${damage.firstBad}; save it as UTF-8)`,
    };
  }
  if (GB18030) {
    let text: string | undefined;
    try {
      text = GB18030.decode(bytes);
    } catch {
      text = undefined;
    }
    if (text !== undefined) {
      // A guess needs more than decodable bytes: GB18030 takes most byte pairs, so binary without NUL would pass.
      if (BINARY_CONTROL.test(text)) return { reason: '文件含控制字符，像是二进制文件', reasonEn: 'file contains control characters, looks binary' };
      // GB18030 has a byte-order mark of its own (84 31 95 33), which the decoder keeps.
      return { text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, encoding: 'gb18030' };
    }
  }
  return {
    reason: '文件不是有效的 UTF-8 文本，也不是 GB18030 文本（请另存为 UTF-8 编码）',
    reasonEn: 'file is neither valid UTF-8 nor GB18030 (save it as UTF-8)',
  };
}
