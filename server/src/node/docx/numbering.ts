/**
 * Word's automatic numbering (numbering.xml) rendered to the label Word shows: levels of an
 * abstractNum (start, numFmt, lvlText with %1…%9, lvlRestart, isLgl, suff), the num instances
 * that point to them (lvlOverride with startOverride or a whole w:lvl), numStyleLink, and the
 * counters. Counters belong to the abstractNum, so two nums over one abstractNum continue one
 * list, as in Word; a startOverride restarts its level the first time its num is used there.
 */
import { formatNumber } from './numberFormats';
import type { StyleSheet } from './styles';
import { elements, isOn, isW, wAttr, wChild, wInt, wVal, type XmlDocument as Document, type XmlElement as Element } from './xml';

export interface NumberLabel {
  /** As Word shows it, e.g. "一、" or "（2）"; for a bullet, its character. */
  text: string;
  /** What Word puts between label and text. */
  suffix: 'tab' | 'space' | 'nothing';
  bullet: boolean;
  level: number;
}

interface Level {
  start: number;
  fmt: string;
  text: string;
  restart?: number;
  suffix: NumberLabel['suffix'];
  pStyle?: string;
  isLgl: boolean;
}

interface AbstractNum {
  levels: (Level | undefined)[];
  /** w:numStyleLink: the levels live in the numbering style's num. */
  styleLink?: string;
}

interface Num {
  abstractId: string;
  overrides: Map<number, { start?: number; level?: Level }>;
}

const LEVELS = 9;

export class Numbering {
  readonly #abstracts = new Map<string, AbstractNum>();
  readonly #nums = new Map<string, Num>();
  readonly #styles: StyleSheet;
  /** Counters per abstractNum (after numStyleLink). */
  readonly #counts = new Map<string, (number | undefined)[]>();
  /** Levels of each num whose startOverride has been applied. */
  readonly #overridden = new Map<string, Set<number>>();

  constructor(doc: Document | undefined, styles: StyleSheet) {
    this.#styles = styles;
    const root = doc?.documentElement;
    if (!root) return;
    for (const el of elements(root)) {
      if (isW(el, 'abstractNum')) {
        const id = wAttr(el, 'abstractNumId');
        if (id === undefined) continue;
        const levels: (Level | undefined)[] = [];
        for (const lvl of elements(el)) {
          const ilvl = isW(lvl, 'lvl') ? Number(wAttr(lvl, 'ilvl')) : NaN;
          if (ilvl >= 0 && ilvl < LEVELS) levels[ilvl] = readLevel(lvl);
        }
        this.#abstracts.set(id, { levels, styleLink: wVal(el, 'numStyleLink') });
      } else if (isW(el, 'num')) {
        const id = wAttr(el, 'numId');
        const abstractId = wVal(el, 'abstractNumId');
        if (id === undefined || abstractId === undefined) continue;
        const overrides = new Map<number, { start?: number; level?: Level }>();
        for (const o of elements(el)) {
          const ilvl = isW(o, 'lvlOverride') ? Number(wAttr(o, 'ilvl')) : NaN;
          if (!(ilvl >= 0 && ilvl < LEVELS)) continue;
          const lvl = wChild(o, 'lvl');
          overrides.set(ilvl, { start: wInt(o, 'startOverride'), level: lvl ? readLevel(lvl) : undefined });
        }
        this.#nums.set(id, { abstractId, overrides });
      }
    }
  }

  /**
   * The label of the next paragraph numbered by `numId` at `ilvl` (undefined: the level named
   * by the paragraph style's link in the list, else 0); advances the counters.
   */
  next(numId: string | undefined, ilvl: number | undefined, styleId: string | undefined): NumberLabel | undefined {
    if (numId === undefined || numId === '0') return undefined;
    const num = this.#nums.get(numId);
    if (!num) return undefined;
    const abstractId = this.#abstractId(num);
    const abstract = this.#abstracts.get(abstractId);
    if (!abstract) return undefined;
    const levelOf = (k: number): Level | undefined => num.overrides.get(k)?.level ?? abstract.levels[k];
    let level = ilvl ?? abstract.levels.findIndex((l) => l?.pStyle !== undefined && l.pStyle === styleId);
    level = Math.min(Math.max(level, 0), LEVELS - 1);
    const def = levelOf(level);
    if (!def) return undefined;

    let counts = this.#counts.get(abstractId);
    if (!counts) this.#counts.set(abstractId, (counts = []));
    const start = num.overrides.get(level)?.start;
    const applied = this.#overridden.get(numId) ?? new Set<number>();
    this.#overridden.set(numId, applied);
    if (start !== undefined && !applied.has(level)) {
      applied.add(level);
      counts[level] = start;
    } else {
      const c = counts[level];
      counts[level] = c === undefined ? def.start : c + 1;
    }
    // Deeper levels restart unless their lvlRestart names a level above this one (0: never).
    for (let k = level + 1; k < LEVELS; k++) {
      const r = levelOf(k)?.restart ?? k;
      if (r !== 0 && level < r) counts[k] = undefined;
    }
    if (def.fmt === 'bullet') return { text: def.text, suffix: def.suffix, bullet: true, level };
    const text = def.text.replace(/%([1-9])/g, (_, d: string) => {
      const j = Number(d) - 1;
      const dj = levelOf(j);
      if (j > level || !dj) return '';
      return formatNumber(counts[j] ?? dj.start, def.isLgl ? 'decimal' : dj.fmt);
    });
    return { text, suffix: def.suffix, bullet: false, level };
  }

  /** The abstractNum whose levels and counters a num uses, numStyleLink followed. */
  #abstractId(num: Num): string {
    let id = num.abstractId;
    for (let hops = 0; hops < 4; hops++) {
      const link = this.#abstracts.get(id)?.styleLink;
      const linked = link === undefined ? undefined : this.#styles.numberingStyleNumId(link);
      const target = linked === undefined ? undefined : this.#nums.get(linked)?.abstractId;
      if (target === undefined || target === id) break;
      id = target;
    }
    return id;
  }
}

function readLevel(lvl: Element): Level {
  const suffix = wVal(lvl, 'suff');
  return {
    // The schema's default start is 0; Word and LibreOffice always write it.
    start: wInt(lvl, 'start') ?? 0,
    fmt: wVal(lvl, 'numFmt') ?? 'decimal',
    text: wVal(lvl, 'lvlText') ?? '',
    restart: wInt(lvl, 'lvlRestart'),
    suffix: suffix === 'space' || suffix === 'nothing' ? suffix : 'tab',
    pStyle: wVal(lvl, 'pStyle'),
    isLgl: isOn(wChild(lvl, 'isLgl')),
  };
}
