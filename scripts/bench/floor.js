'use strict';
// The pieces of the benchmark's floor that are ours: a one-pass phrase matcher and a one-pass
// 字数 count. (markdown-it supplies the parse.) They are deliberately not the core's
// PhraseMatcher and countUnits: the floor must be the least work a checker can do (count
// matches, keep nothing), and measuring ours against itself would hide any cost ours adds.

/** Aho-Corasick over UTF-16 code units: every occurrence of every phrase in one pass. */
class AhoCorasick {
  constructor(phrases) {
    this.next = [new Map()];
    this.fail = [0];
    this.out = [0];
    for (const p of phrases) {
      let s = 0;
      for (let i = 0; i < p.length; i++) {
        const c = p.charCodeAt(i);
        let t = this.next[s].get(c);
        if (t === undefined) {
          t = this.next.length;
          this.next.push(new Map());
          this.fail.push(0);
          this.out.push(0);
          this.next[s].set(c, t);
        }
        s = t;
      }
      this.out[s]++;
    }
    const queue = [...this.next[0].values()];
    for (let h = 0; h < queue.length; h++) {
      const s = queue[h];
      for (const [c, t] of this.next[s]) {
        let f = this.fail[s];
        while (f && !this.next[f].has(c)) f = this.fail[f];
        const g = this.next[f].get(c);
        this.fail[t] = g !== undefined && g !== t ? g : 0;
        this.out[t] += this.out[this.fail[t]];
        queue.push(t);
      }
    }
    // The same dense table for the root's moves as the core's matcher has, so that neither
    // side wins by a cleverer automaton.
    this.root = new Int32Array(0x10000);
    for (const [c, t] of this.next[0]) this.root[c] = t;
  }

  count(text) {
    let s = 0;
    let hits = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      let t;
      while (s && (t = this.next[s].get(c)) === undefined) s = this.fail[s];
      s = s === 0 ? this.root[c] : t;
      hits += this.out[s];
    }
    return hits;
  }
}

/** 字数 in one pass: CJK characters and full-width punctuation one each, a Latin or digit run one. */
function countUnits(text) {
  let n = 0;
  let word = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const w = (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
    if (w) {
      if (!word) n++;
      word = true;
      continue;
    }
    word = false;
    if (c >= 0x2010) n++;
  }
  return n;
}

module.exports = { AhoCorasick, countUnits };
