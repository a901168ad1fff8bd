/**
 * The page of a Chinese official document (GB/T 9704-2012 《党政机关公文格式》), in the units
 * Word files use: twips (1/20 pt, 1440 per inch) for lengths and half-points for font sizes.
 * Every number of the exported layout lives here, with the arithmetic that gives it.
 */

/** Millimetres to twips, rounded: 1 mm = 1440 / 25.4 twips. */
export const mm = (x: number): number => Math.round((x * 1440) / 25.4);
/** Points to twips. */
export const pt = (x: number): number => Math.round(x * 20);

/** A4, 210 × 297 mm (§5.2.1). */
export const PAGE = { width: mm(210), height: mm(297) } as const; // 11906 × 16838

/**
 * 天头 37 mm, 订口 28 mm; the right and bottom margins are what the 156 × 225 mm 版心 leaves
 * (210 − 28 − 156 = 26 mm, 297 − 37 − 225 = 35 mm).
 */
export const MARGIN = { top: mm(37), bottom: mm(35), left: mm(28), right: mm(26) } as const; // 2098, 1984, 1587, 1474

/** The 版心 (text block): 8845 × 12756 twips = 442.25 × 637.8 pt = 156 × 225 mm. */
export const TEXT_WIDTH = PAGE.width - MARGIN.left - MARGIN.right;
export const TEXT_HEIGHT = PAGE.height - MARGIN.top - MARGIN.bottom;

/**
 * §5.2.1: "一般每面排 22 行，每行排 28 个字，并撑满版心". 22 lines share 637.8 pt: 28.99 pt
 * each; 28.95 pt (579 twips) is the pitch Word templates use, and 22 × 579 = 12738 ≤ 12756
 * twips. (28 lines at that pitch would need 810.6 pt, 286 mm: more than the page's text block.)
 */
export const LINES_PER_PAGE = 22;
export const CHARS_PER_LINE = 28;
export const LINE_PITCH = Math.floor(TEXT_HEIGHT / LINES_PER_PAGE); // 579 twips = 28.95 pt

/** Font sizes in half-points: 二号 22 pt, 三号 16 pt, 四号 14 pt (§5.3: 正文 3 号). */
export const SIZE = { erhao: 44, sanhao: 32, sihao: 28 } as const;

/**
 * 28 characters of 三号 (16 pt) take 448 pt, more than the 442.25 pt line. Word's character
 * grid (docGrid linesAndChars with a negative charSpace) would narrow each one to 15.79 pt, but
 * LibreOffice gives a character wider than its grid cell two cells, 14 to the line. So the grid
 * is lines only, and the text is condensed instead (字符间距紧缩, `w:spacing` in twentieths of a
 * point, which every reader honours): 320 − 8845 / 28 = 4.1, rounded up to 5 twips (0.25 pt);
 * 28 × 15.75 = 441 pt fits, 29 would need 456.75.
 */
export const CHAR_PITCH_TWIPS = TEXT_WIDTH / CHARS_PER_LINE; // 315.9
export const CONDENSE = -Math.ceil(SIZE.sanhao * 10 - CHAR_PITCH_TWIPS); // −5

/** One character of body text, for indents: 2 字 first-line indent, 空二字 before a signature. */
export const BODY_CHAR = SIZE.sanhao * 10 + CONDENSE; // 315 twips

/**
 * §7.5.1 页码: 4 号半角宋体阿拉伯数字, 一字线 either side, 上距版心下边缘 7 mm; odd pages
 * right with one character's space, even pages left. The footer's baseline distance is the bottom
 * margin less those 7 mm less the 14 pt line: 35 − 7 − 4.94 ≈ 23 mm from the page's bottom edge.
 */
export const FOOTER_DISTANCE = MARGIN.bottom - mm(7) - pt(14); // 1307 twips
export const PAGE_NUMBER_INDENT = pt(14); // 一字 of 4 号
export const PAGE_NUMBER_DASH = '—';

/**
 * Fonts as requested (§5.3, §7.2, §7.3.3), each with the font Word and WPS take when the
 * requested one is missing (fontTable `w:altName`): 方正小标宋简体 is not on a stock Windows, and
 * since Windows 7 the _GB2312 faces are named 仿宋 and 楷体. Latin letters and digits use
 * Times New Roman, as 公文 templates do, except in the page number, which the standard sets in 宋体.
 */
export const FONT = {
  title: '方正小标宋简体',
  body: '仿宋_GB2312',
  heading1: '黑体',
  heading2: '楷体_GB2312',
  pageNumber: '宋体',
  latin: 'Times New Roman',
} as const;

export interface FontFace {
  name: string;
  altName?: string;
  /** Windows character set: 86 = GB2312, 0 = ANSI. */
  charset: string;
  family: 'roman' | 'swiss' | 'modern' | 'script';
  pitch: 'fixed' | 'variable';
}

export const FONT_FACES: readonly FontFace[] = [
  { name: FONT.title, altName: '宋体', charset: '86', family: 'script', pitch: 'fixed' },
  { name: FONT.body, altName: '仿宋', charset: '86', family: 'modern', pitch: 'fixed' },
  { name: FONT.heading1, altName: 'SimHei', charset: '86', family: 'modern', pitch: 'fixed' },
  { name: FONT.heading2, altName: '楷体', charset: '86', family: 'modern', pitch: 'fixed' },
  { name: FONT.pageNumber, altName: 'SimSun', charset: '86', family: 'roman', pitch: 'variable' },
  { name: FONT.latin, charset: '00', family: 'roman', pitch: 'variable' },
];
