/**
 * Just enough of the zip format to read a .docx safely: the central directory, then only the
 * entries asked for, each inflated in small pieces so that a zip bomb is caught after a few
 * megabytes rather than after filling memory. fflate does the inflating. And to write a copy
 * with some parts replaced or added (`rewrite`): every other entry copied byte for byte.
 */
import { deflateSync, Inflate } from 'fflate';
import { DocxError } from './errors';
import type { DocxLimits } from './types';

interface ZipEntry {
  name: string;
  flags: number;
  method: number;
  compressedSize: number;
  size: number;
  localOffset: number;
  /** Where its central directory record starts, and how long it is. */
  central: number;
  centralLength: number;
}

const SIG_EOCD = 0x06054b50;
const SIG_EOCD64 = 0x06064b50;
const SIG_EOCD64_LOCATOR = 0x07064b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_LOCAL = 0x04034b50;
const SIG_DESCRIPTOR = 0x08074b50;
/** Compressed bytes pushed to the inflater at a time: at most about 1000x that comes out. */
const INFLATE_PIECE = 16 * 1024;

export class ZipPackage {
  readonly #bytes: Uint8Array;
  readonly #view: DataView;
  readonly #limits: DocxLimits;
  readonly #entries = new Map<string, ZipEntry>();
  /** Every entry, in central directory order (duplicates of a name included). */
  readonly #order: ZipEntry[] = [];
  #comment: Uint8Array = new Uint8Array(0);
  /** Uncompressed bytes handed out so far, against limits.maxUncompressedBytes. */
  #used = 0;

  constructor(bytes: Uint8Array, limits: DocxLimits) {
    this.#bytes = bytes;
    this.#view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.#limits = limits;
    checkSignature(bytes, limits);
    this.#readDirectory();
  }

  has(name: string): boolean {
    return this.#entries.has(name);
  }

  /** The entry's bytes, or undefined when there is no such entry. */
  read(name: string): Uint8Array | undefined {
    const e = this.#entries.get(name);
    if (!e) return undefined;
    if (e.flags & 1) throw new DocxError('encrypted', name);
    if (e.size > this.#limits.maxUncompressedBytes - this.#used) {
      throw new DocxError('too-large', `${name}: ${e.size} bytes`);
    }
    const v = this.#view;
    if (e.localOffset + 30 > v.byteLength || v.getUint32(e.localOffset, true) !== SIG_LOCAL) {
      throw new DocxError('corrupt', `${name}: no local header`);
    }
    const dataStart = e.localOffset + 30 + v.getUint16(e.localOffset + 26, true) + v.getUint16(e.localOffset + 28, true);
    if (dataStart + e.compressedSize > v.byteLength) throw new DocxError('corrupt', `${name}: truncated`);
    const data = this.#bytes.subarray(dataStart, dataStart + e.compressedSize);
    let out: Uint8Array;
    if (e.method === 0) out = data;
    else if (e.method === 8) out = inflateBounded(data, e.size, name);
    else throw new DocxError('corrupt', `${name}: compression method ${e.method}`);
    if (out.length !== e.size) throw new DocxError('corrupt', `${name}: ${out.length} bytes, ${e.size} declared`);
    this.#used += out.length;
    return out;
  }

  #readDirectory(): void {
    const v = this.#view;
    const eocd = findEocd(v);
    if (eocd < 0) throw new DocxError('not-zip', 'no end of central directory');
    let count = v.getUint16(eocd + 10, true);
    let offset = v.getUint32(eocd + 16, true);
    if (count === 0xffff || offset === 0xffffffff) [count, offset] = zip64Directory(v, eocd);
    if (count > this.#limits.maxEntries) throw new DocxError('too-large', `${count} entries`);
    const decoder = new TextDecoder();
    let p = offset;
    for (let k = 0; k < count; k++) {
      if (p + 46 > v.byteLength || v.getUint32(p, true) !== SIG_CENTRAL) throw new DocxError('corrupt', 'central directory');
      const nameLength = v.getUint16(p + 28, true);
      const extraLength = v.getUint16(p + 30, true);
      const commentLength = v.getUint16(p + 32, true);
      if (p + 46 + nameLength + extraLength > v.byteLength) throw new DocxError('corrupt', 'central directory');
      const entry: ZipEntry = {
        name: decoder.decode(this.#bytes.subarray(p + 46, p + 46 + nameLength)),
        flags: v.getUint16(p + 8, true),
        method: v.getUint16(p + 10, true),
        compressedSize: v.getUint32(p + 20, true),
        size: v.getUint32(p + 24, true),
        localOffset: v.getUint32(p + 42, true),
        central: p,
        centralLength: 46 + nameLength + extraLength + commentLength,
      };
      zip64Sizes(v, entry, p + 46 + nameLength, extraLength);
      // Part names are case-insensitive in OPC; the first entry of a name wins.
      const key = entry.name.replace(/^\//, '').toLowerCase();
      if (!this.#entries.has(key)) this.#entries.set(key, entry);
      this.#order.push(entry);
      p += entry.centralLength;
    }
    this.#comment = this.#bytes.subarray(eocd + 22, Math.min(v.byteLength, eocd + 22 + v.getUint16(eocd + 20, true)));
  }

  /**
   * A new package: the entries named in `parts` (case-insensitive) get the bytes given, in their
   * place, and names not in the package are added at the end; every other entry is copied as
   * it is stored (local header, compressed data, descriptor, central record). The input is not
   * touched.
   */
  rewrite(parts: readonly { name: string; bytes: Uint8Array }[]): Uint8Array {
    const v = this.#view;
    const pending = new Map(parts.map((part) => [part.name.replace(/^\//, '').toLowerCase(), part]));
    const chunks: Uint8Array[] = [];
    const centrals: Uint8Array[] = [];
    let at = 0;
    const push = (b: Uint8Array) => {
      chunks.push(b);
      at += b.length;
    };
    const writeNew = (name: string, bytes: Uint8Array, old?: ZipEntry) => {
      const [local, central] = newEntry(name, bytes, at, old ? v.getUint32(old.central + 12, true) : DOS_1980);
      push(local);
      centrals.push(central);
    };
    for (const e of this.#order) {
      const key = e.name.replace(/^\//, '').toLowerCase();
      const part = this.#entries.get(key) === e ? pending.get(key) : undefined;
      if (part) {
        pending.delete(key);
        writeNew(part.name, part.bytes, e);
        continue;
      }
      const lo = e.localOffset;
      if (lo + 30 > v.byteLength || v.getUint32(lo, true) !== SIG_LOCAL) throw new DocxError('corrupt', `${e.name}: no local header`);
      let end = lo + 30 + v.getUint16(lo + 26, true) + v.getUint16(lo + 28, true) + e.compressedSize;
      if (e.flags & 8) end += end + 4 <= v.byteLength && v.getUint32(end, true) === SIG_DESCRIPTOR ? 16 : 12;
      if (end > v.byteLength) throw new DocxError('corrupt', `${e.name}: truncated`);
      // A copy (a Buffer's slice would share the input's memory): only its offset changes.
      const central = new Uint8Array(this.#bytes.subarray(e.central, e.central + e.centralLength));
      const cv = new DataView(central.buffer);
      if (cv.getUint32(20, true) === 0xffffffff || cv.getUint32(24, true) === 0xffffffff || cv.getUint32(42, true) === 0xffffffff) {
        throw new DocxError('too-large', `${e.name}: zip64 entry`);
      }
      cv.setUint32(42, at, true);
      centrals.push(central);
      push(this.#bytes.subarray(lo, end));
    }
    for (const part of pending.values()) writeNew(part.name, part.bytes);
    const directory = at;
    for (const c of centrals) push(c);
    const eocd = new Uint8Array(22 + this.#comment.length);
    const ev = new DataView(eocd.buffer);
    ev.setUint32(0, SIG_EOCD, true);
    ev.setUint16(8, centrals.length, true);
    ev.setUint16(10, centrals.length, true);
    ev.setUint32(12, at - directory, true);
    ev.setUint32(16, directory, true);
    ev.setUint16(20, this.#comment.length, true);
    eocd.set(this.#comment, 22);
    push(eocd);
    const out = new Uint8Array(at);
    let k = 0;
    for (const c of chunks) {
      out.set(c, k);
      k += c.length;
    }
    return out;
  }
}

/** OLE compound files (D0 CF 11 E0) are old .doc files and every password-protected .docx. */
function checkSignature(bytes: Uint8Array, limits: DocxLimits): void {
  if (bytes.length >= 4 && bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0) {
    throw new DocxError('encrypted');
  }
  if (bytes.length > limits.maxFileBytes) throw new DocxError('too-large', `${bytes.length} bytes`);
  if (bytes.length < 22 || bytes[0] !== 0x50 || bytes[1] !== 0x4b) throw new DocxError('not-zip');
}

function findEocd(v: DataView): number {
  const stop = Math.max(0, v.byteLength - 22 - 0xffff);
  for (let i = v.byteLength - 22; i >= stop; i--) {
    if (v.getUint32(i, true) === SIG_EOCD) return i;
  }
  return -1;
}

function zip64Directory(v: DataView, eocd: number): [number, number] {
  const loc = eocd - 20;
  if (loc < 0 || v.getUint32(loc, true) !== SIG_EOCD64_LOCATOR) throw new DocxError('corrupt', 'zip64 locator');
  const rec = safeNumber(v.getBigUint64(loc + 8, true));
  if (rec + 56 > v.byteLength || v.getUint32(rec, true) !== SIG_EOCD64) throw new DocxError('corrupt', 'zip64 directory');
  return [safeNumber(v.getBigUint64(rec + 32, true)), safeNumber(v.getBigUint64(rec + 48, true))];
}

/** Sizes and offset of 0xFFFFFFFF live in the zip64 extra field (id 1), in this order. */
function zip64Sizes(v: DataView, e: ZipEntry, extra: number, length: number): void {
  if (e.size !== 0xffffffff && e.compressedSize !== 0xffffffff && e.localOffset !== 0xffffffff) return;
  for (let p = extra; p + 4 <= extra + length; ) {
    const id = v.getUint16(p, true);
    const size = v.getUint16(p + 2, true);
    if (id === 1) {
      let q = p + 4;
      const next = (): number => {
        if (q + 8 > p + 4 + size) throw new DocxError('corrupt', 'zip64 field');
        const n = safeNumber(v.getBigUint64(q, true));
        q += 8;
        return n;
      };
      if (e.size === 0xffffffff) e.size = next();
      if (e.compressedSize === 0xffffffff) e.compressedSize = next();
      if (e.localOffset === 0xffffffff) e.localOffset = next();
      return;
    }
    p += 4 + size;
  }
  throw new DocxError('corrupt', 'zip64 field');
}

function safeNumber(n: bigint): number {
  if (n > BigInt(Number.MAX_SAFE_INTEGER)) throw new DocxError('too-large', 'zip64 size');
  return Number(n);
}

/**
 * Inflates `data`, refusing as soon as more than `declared` bytes come out: the declared size
 * is checked against the limit before, and a stream that lies about it is stopped here.
 */
function inflateBounded(data: Uint8Array, declared: number, name: string): Uint8Array {
  const pieces: Uint8Array[] = [];
  let got = 0;
  const inflater = new Inflate((chunk) => {
    got += chunk.length;
    if (got > declared) throw new DocxError('too-large', `${name}: more than the ${declared} bytes declared`);
    pieces.push(chunk);
  });
  try {
    if (data.length === 0) inflater.push(data, true);
    for (let i = 0; i < data.length; i += INFLATE_PIECE) {
      inflater.push(data.subarray(i, i + INFLATE_PIECE), i + INFLATE_PIECE >= data.length);
    }
  } catch (err) {
    if (err instanceof DocxError) throw err;
    throw new DocxError('corrupt', `${name}: ${(err as Error).message}`);
  }
  if (pieces.length === 1) return pieces[0];
  const out = new Uint8Array(got);
  let at = 0;
  for (const piece of pieces) {
    out.set(piece, at);
    at += piece.length;
  }
  return out;
}

/** DOS date and time of a new entry with no older one to take them from: 1980-01-01 00:00. */
const DOS_1980 = (((0 << 9) | (1 << 5) | 1) << 16) >>> 0;

/** Local header with deflated data, and the central record, for a new entry at `offset`. */
function newEntry(name: string, bytes: Uint8Array, offset: number, dosTime: number): [Uint8Array, Uint8Array] {
  const nameBytes = new TextEncoder().encode(name);
  const data = deflateSync(bytes, { level: 6 });
  // Bit 11: the name is UTF-8.
  const flags = /^[\x20-\x7e]*$/.test(name) ? 0 : 0x800;
  const crc = crc32(bytes);
  const local = new Uint8Array(30 + nameBytes.length + data.length);
  const lv = new DataView(local.buffer);
  lv.setUint32(0, SIG_LOCAL, true);
  lv.setUint16(4, 20, true);
  lv.setUint16(6, flags, true);
  lv.setUint16(8, 8, true);
  lv.setUint32(10, dosTime, true);
  lv.setUint32(14, crc, true);
  lv.setUint32(18, data.length, true);
  lv.setUint32(22, bytes.length, true);
  lv.setUint16(26, nameBytes.length, true);
  local.set(nameBytes, 30);
  local.set(data, 30 + nameBytes.length);
  const central = new Uint8Array(46 + nameBytes.length);
  const cv = new DataView(central.buffer);
  cv.setUint32(0, SIG_CENTRAL, true);
  cv.setUint16(4, 20, true);
  cv.setUint16(6, 20, true);
  cv.setUint16(8, flags, true);
  cv.setUint16(10, 8, true);
  cv.setUint32(12, dosTime, true);
  cv.setUint32(16, crc, true);
  cv.setUint32(20, data.length, true);
  cv.setUint32(24, bytes.length, true);
  cv.setUint16(28, nameBytes.length, true);
  cv.setUint32(42, offset, true);
  central.set(nameBytes, 46);
  return [local, central];
}

let CRC_TABLE: Uint32Array | undefined;

function crc32(bytes: Uint8Array): number {
  if (!CRC_TABLE) {
    CRC_TABLE = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      CRC_TABLE[n] = c >>> 0;
    }
  }
  let c = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
