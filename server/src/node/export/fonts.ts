/**
 * word/fontTable.xml naming each requested font with the one to take in its place
 * (`w:altName`) and its character set, which is how Word and WPS find 仿宋 for 仿宋_GB2312 on a
 * machine without it. Fonts are named, never embedded: the reviewing office has its own.
 */
import { FONT_FACES, type FontFace } from './layout';

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');

function fontXml(f: FontFace): string {
  const alt = f.altName ? `<w:altName w:val="${escapeXml(f.altName)}"/>` : '';
  return `<w:font w:name="${escapeXml(f.name)}">${alt}<w:charset w:val="${f.charset}"/><w:family w:val="${f.family}"/><w:pitch w:val="${f.pitch}"/></w:font>`;
}

export function fontTableXml(faces: readonly FontFace[] = FONT_FACES): string {
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:fonts xmlns:w="${W}">${faces.map(fontXml).join('')}</w:fonts>`;
}
