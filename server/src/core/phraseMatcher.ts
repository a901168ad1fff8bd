export interface PatternHit<T> {
  start: number;
  end: number;
  value: T;
}

/**
 * Aho–Corasick automaton over UTF-16 code units: every pattern found in one left-to-right
 * pass, overlapping matches included, in time linear in the text plus the matches. All the
 * core's phrase lists (lexicon, topic keywords, role and cause signals) share one automaton,
 * so the text is scanned once, whatever the number of rules.
 */
export class PhraseMatcher<T> {
  private readonly next: Map<number, number>[] = [new Map()];
  private readonly fail: number[] = [0];
  /** Output patterns ending at each state: indices into values, own and via fail links. */
  private readonly out: number[][] = [[]];
  private readonly lengths: number[] = [];
  private readonly values: T[] = [];
  private readonly depth: number[] = [0];
  private built = false;
  private root: Int32Array = new Int32Array(0);
  private maxLength = 1;

  /**
   * `skippable`: function characters a writer drops into a set phrase ("理论学习还不够系统",
   * "方法比较简单") that a match may step over where the pattern has no such character.
   */
  constructor(private readonly skippable: string = '') {}

  add(pattern: string, value: T): void {
    if (pattern.length === 0) return;
    if (this.built) throw new Error('PhraseMatcher: add after build');
    let s = 0;
    for (let i = 0; i < pattern.length; i++) {
      const c = pattern.charCodeAt(i);
      let t = this.next[s].get(c);
      if (t === undefined) {
        t = this.next.length;
        this.next.push(new Map());
        this.fail.push(0);
        this.out.push([]);
        this.depth.push(this.depth[s] + 1);
        this.next[s].set(c, t);
      }
      s = t;
    }
    this.out[s].push(this.values.length);
    this.values.push(value);
    this.lengths.push(pattern.length);
    if (pattern.length > this.maxLength) this.maxLength = pattern.length;
  }

  private build(): void {
    const queue: number[] = [];
    for (const t of this.next[0].values()) {
      this.fail[t] = 0;
      queue.push(t);
    }
    for (let qi = 0; qi < queue.length; qi++) {
      const s = queue[qi];
      for (const [c, t] of this.next[s]) {
        let f = this.fail[s];
        while (f !== 0 && !this.next[f].has(c)) f = this.fail[f];
        const ft = this.next[f].get(c);
        this.fail[t] = ft !== undefined && ft !== t ? ft : 0;
        if (this.out[this.fail[t]].length) this.out[t] = this.out[t].concat(this.out[this.fail[t]]);
        queue.push(t);
      }
    }
    // Most characters of running text leave the root at once; a dense table for the root's
    // moves spares a Map lookup on each of them.
    const root = new Int32Array(0x10000);
    for (const [c, t] of this.next[0]) root[c] = t;
    this.root = root;
    // Every other move in one open-addressed table of typed arrays: a Map per state cost more
    // than the rest of the scan on long drafts.
    let edges = 0;
    for (const m of this.next) edges += m.size;
    let bits = 4;
    while (1 << bits < edges * 2) bits++;
    const cap = 1 << bits;
    this.shift = 32 - bits;
    this.hState = new Int32Array(cap).fill(-1);
    this.hChar = new Uint16Array(cap);
    this.hTo = new Int32Array(cap);
    for (let st = 1; st < this.next.length; st++) {
      for (const [c, t] of this.next[st]) {
        let h = (Math.imul(st, 0x9e3779b1) ^ Math.imul(c, 0x85ebca6b)) >>> this.shift;
        while (this.hState[h] !== -1) h = (h + 1) & (cap - 1);
        this.hState[h] = st;
        this.hChar[h] = c;
        this.hTo[h] = t;
      }
    }
    this.failA = Int32Array.from(this.fail);
    this.depthA = Int32Array.from(this.depth);
    this.hasOut = new Uint8Array(this.out.length);
    for (let k = 0; k < this.out.length; k++) if (this.out[k].length) this.hasOut[k] = 1;
    this.skipTable = new Uint8Array(0x10000);
    for (let k = 0; k < this.skippable.length; k++) this.skipTable[this.skippable.charCodeAt(k)] = 1;
    let ringSize = 1;
    while (ringSize < this.maxLength) ringSize <<= 1;
    this.ring = new Int32Array(ringSize);
    this.built = true;
  }

  /**
   * Calls back for every match in text[start, end), in order of end offset. A skippable
   * character that continues no partial match is stepped over (the match keeps its state), so
   * a match may hold a few inserted function words; its start is where its first matched
   * character stands, found in a ring of the last positions fed to the automaton.
   */
  scan(text: string, start: number, end: number, onHit: (start: number, end: number, value: T) => void): void {
    if (!this.built) this.build();
    const root = this.root;
    const skip = this.skipTable;
    const ring = this.ring;
    const mask = ring.length - 1;
    const { hState, hChar, hTo, shift, failA, depthA, hasOut } = this;
    const hMask = hState.length - 1;
    let fed = 0;
    let s = 0;
    for (let i = start; i < end; i++) {
      const c = text.charCodeAt(i);
      let u = s;
      let t = -1;
      while (u !== 0) {
        let h = (Math.imul(u, 0x9e3779b1) ^ Math.imul(c, 0x85ebca6b)) >>> shift;
        for (let st = hState[h]; st !== -1; st = hState[(h = (h + 1) & hMask)]) {
          if (st === u && hChar[h] === c) {
            t = hTo[h];
            break;
          }
        }
        if (t !== -1) break;
        u = failA[u];
      }
      u = u === 0 ? root[c] : t;
      // Inside a partial match, a function word that only restarts matching is stepped over.
      if (s !== 0 && skip[c] === 1 && depthA[u] <= 1) continue;
      s = u;
      ring[fed & mask] = i;
      fed++;
      if (hasOut[s] === 0) continue;
      const outs = this.out[s];
      for (let k = 0; k < outs.length; k++) {
        const idx = outs[k];
        const len = this.lengths[idx];
        onHit(ring[(fed - len) & mask], i + 1, this.values[idx]);
      }
    }
  }

  /** Which code units may be stepped over, and the ring of fed positions: built once, reused by every scan. */
  private skipTable: Uint8Array = new Uint8Array(0);
  private ring: Int32Array = new Int32Array(1);
  private hState: Int32Array = new Int32Array(1).fill(-1);
  private hChar: Uint16Array = new Uint16Array(1);
  private hTo: Int32Array = new Int32Array(1);
  private shift = 31;
  private failA: Int32Array = new Int32Array(1);
  private depthA: Int32Array = new Int32Array(1);
  private hasOut: Uint8Array = new Uint8Array(1);

  get size(): number {
    return this.values.length;
  }
}
