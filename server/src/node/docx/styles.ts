/**
 * Paragraph styles from styles.xml, resolved through basedOn: outline level, heading level read
 * from the name (English "heading 1" as Word stores it, or a localized "标题 1"), title, table of
 * contents, alignment and the numbering a style carries.
 */
import { elements, isW, wAttr, wChild, wInt, wVal, type XmlDocument as Document, type XmlElement as Element } from './xml';

/** What a paragraph takes from its style, inheritance applied. */
export interface ResolvedStyle {
  id?: string;
  name?: string;
  /** 0..8; 9 ("body text") and none are undefined. */
  outlineLevel?: number;
  isTitle: boolean;
  isToc: boolean;
  centered: boolean;
  /** Numbering from the style: numId "0" means the style turns numbering off. */
  numId?: string;
  ilvl?: number;
}

interface RawStyle {
  id: string;
  name?: string;
  basedOn?: string;
  pPr?: Element;
}

const HEADING_NAME = /^(?:heading|标题|標題)\s*([1-9])$/i;
const TITLE_NAME = /^(?:title|标题|標題)$/i;
const TOC_NAME = /^(?:toc|contents|目录|目錄)\s*[1-9]$/i;
/** basedOn chains are short; a longer one is a loop or a trap. */
const MAX_CHAIN = 32;

export class StyleSheet {
  readonly #paragraph = new Map<string, RawStyle>();
  /** Numbering styles (w:type="numbering"), for abstractNum's numStyleLink. */
  readonly #numbering = new Map<string, RawStyle>();
  readonly #resolved = new Map<string, ResolvedStyle>();
  #defaultId?: string;

  constructor(doc: Document | undefined) {
    const root = doc?.documentElement;
    if (!root) return;
    for (const s of elements(root)) {
      if (!isW(s, 'style')) continue;
      const id = wAttr(s, 'styleId');
      if (id === undefined) continue;
      const raw: RawStyle = { id, name: wVal(s, 'name'), basedOn: wVal(s, 'basedOn'), pPr: wChild(s, 'pPr') };
      const type = wAttr(s, 'type') ?? 'paragraph';
      if (type === 'paragraph') {
        this.#paragraph.set(id, raw);
        const d = wAttr(s, 'default');
        if (d === '1' || d === 'true' || d === 'on') this.#defaultId ??= id;
      } else if (type === 'numbering') this.#numbering.set(id, raw);
    }
  }

  /** The paragraph style `id` (or the default paragraph style), resolved through basedOn. */
  paragraph(id: string | undefined): ResolvedStyle {
    const key = id !== undefined && this.#paragraph.has(id) ? id : this.#defaultId;
    if (key === undefined) return { isTitle: false, isToc: false, centered: false };
    let r = this.#resolved.get(key);
    if (!r) {
      r = this.#resolve(key);
      this.#resolved.set(key, r);
    }
    return r;
  }

  /** The numId a numbering style points to (abstractNum w:numStyleLink). */
  numberingStyleNumId(id: string): string | undefined {
    return wVal(wChild(this.#numbering.get(id)?.pPr, 'numPr'), 'numId');
  }

  #resolve(id: string): ResolvedStyle {
    const chain: RawStyle[] = [];
    const seen = new Set<string>();
    for (let s = this.#paragraph.get(id); s && !seen.has(s.id) && chain.length < MAX_CHAIN; s = s.basedOn ? this.#paragraph.get(s.basedOn) : undefined) {
      seen.add(s.id);
      chain.push(s);
    }
    const own = chain[0];
    const r: ResolvedStyle = { id, name: own?.name, isTitle: false, isToc: false, centered: false };
    // The nearest style that says decides: its w:outlineLvl, else a heading name ("标题 2").
    let outline: number | undefined;
    let jc: string | undefined;
    for (const s of chain) {
      const name = s.name?.trim() ?? '';
      if (outline === undefined) {
        const h = HEADING_NAME.exec(name);
        outline = wInt(s.pPr, 'outlineLvl') ?? (h ? Number(h[1]) - 1 : undefined);
        // A title style is not one under a heading (LibreOffice's headings are based on "Heading").
        if (outline === undefined && TITLE_NAME.test(name)) r.isTitle = true;
      }
      jc ??= wVal(s.pPr, 'jc');
      const numPr = wChild(s.pPr, 'numPr');
      r.numId ??= wVal(numPr, 'numId');
      r.ilvl ??= wInt(numPr, 'ilvl');
      if (TOC_NAME.test(name)) r.isToc = true;
    }
    if (outline !== undefined && outline >= 0 && outline <= 8) r.outlineLevel = outline;
    r.centered = jc === 'center';
    return r;
  }
}
