/**
 * Word's number formats (w:numFmt) rendered as Word shows them: 一 十一 二十, ①, ⑴, 甲, A … AA,
 * iv. Out-of-range values and formats not listed fall back to decimal, as Word does for most.
 */

const CN_DIGITS = '〇一二三四五六七八九';
const CN_LEGAL_SIMPLIFIED = '零壹贰叁肆伍陆柒捌玖';
const CN_LEGAL_TRADITIONAL = '零壹貳參肆伍陸柒捌玖';
const CN_UNITS = ['', '十', '百', '千'];
const CN_LEGAL_UNITS = ['', '拾', '佰', '仟'];
const STEMS = '甲乙丙丁戊己庚辛壬癸';
const BRANCHES = '子丑寅卯辰巳午未申酉戌亥';

export function formatNumber(n: number, fmt: string): string {
  switch (fmt) {
    case 'none':
      return '';
    case 'decimalZero':
      return n >= 0 && n < 10 ? `0${n}` : String(n);
    case 'upperLetter':
      return letters(n, 65);
    case 'lowerLetter':
      return letters(n, 97);
    case 'upperRoman':
      return roman(n);
    case 'lowerRoman':
      return roman(n).toLowerCase();
    case 'ordinal':
      return ordinal(n);
    case 'chineseCounting':
    case 'chineseCountingThousand':
    case 'japaneseCounting':
    case 'taiwaneseCounting':
    case 'taiwaneseCountingThousand':
    case 'koreanCounting':
      return chineseReading(n, CN_DIGITS, CN_UNITS, '万');
    case 'chineseLegalSimplified':
      return chineseReading(n, CN_LEGAL_SIMPLIFIED, CN_LEGAL_UNITS, '万', true);
    case 'ideographLegalTraditional':
      return chineseReading(n, CN_LEGAL_TRADITIONAL, CN_LEGAL_UNITS, '萬', true);
    case 'ideographDigital':
    case 'taiwaneseDigital':
    case 'japaneseDigitalTenThousand':
      return n >= 0 ? [...String(n)].map((d) => CN_DIGITS[Number(d)]).join('') : String(n);
    case 'ideographTraditional':
      return n >= 1 && n <= 10 ? STEMS[n - 1] : String(n);
    case 'ideographZodiac':
      return n >= 1 && n <= 12 ? BRANCHES[n - 1] : String(n);
    case 'decimalEnclosedCircle':
    case 'decimalEnclosedCircleChinese':
      return circled(n);
    case 'decimalEnclosedParen':
      return n >= 1 && n <= 20 ? String.fromCharCode(0x2474 + n - 1) : `(${n})`;
    case 'decimalEnclosedFullstop':
      return n >= 1 && n <= 20 ? String.fromCharCode(0x2488 + n - 1) : `${n}.`;
    case 'ideographEnclosedCircle':
      return n >= 1 && n <= 10 ? String.fromCharCode(0x3280 + n - 1) : String(n);
    case 'ideographParenthesized':
      return n >= 1 && n <= 10 ? String.fromCharCode(0x3220 + n - 1) : String(n);
    case 'decimalFullWidth':
    case 'decimalFullWidth2':
      return String(n).replace(/[0-9]/g, (d) => String.fromCharCode(0xff10 + Number(d)));
    default:
      return String(n);
  }
}

/** ①–⑳, ㉑–㉟, ㊱–㊿, then decimal. */
function circled(n: number): string {
  if (n >= 1 && n <= 20) return String.fromCharCode(0x2460 + n - 1);
  if (n >= 21 && n <= 35) return String.fromCharCode(0x3251 + n - 21);
  if (n >= 36 && n <= 50) return String.fromCharCode(0x32b1 + n - 36);
  return String(n);
}

/** A, B … Z, AA, BB …: Word repeats the letter rather than counting in base 26. */
function letters(n: number, base: number): string {
  if (n < 1) return String(n);
  return String.fromCharCode(base + ((n - 1) % 26)).repeat(Math.ceil(n / 26));
}

function roman(n: number): string {
  if (n < 1 || n > 3999) return String(n);
  const table: [number, string][] = [
    [1000, 'M'], [900, 'CM'], [500, 'D'], [400, 'CD'], [100, 'C'], [90, 'XC'],
    [50, 'L'], [40, 'XL'], [10, 'X'], [9, 'IX'], [5, 'V'], [4, 'IV'], [1, 'I'],
  ];
  let out = '';
  for (const [v, s] of table) {
    while (n >= v) {
      out += s;
      n -= v;
    }
  }
  return out;
}

function ordinal(n: number): string {
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? 'th' : ['th', 'st', 'nd', 'rd'][n % 10] ?? 'th';
  return `${n}${suffix}`;
}

/**
 * The spoken reading: 一 … 十 十一 … 二十 … 一百〇一 … 一万. The legal (大写) forms keep the 壹 of
 * 壹拾; the everyday ones drop it (十一, not 一十一).
 */
function chineseReading(n: number, digits: string, units: readonly string[], wan: string, legal = false): string {
  if (!Number.isInteger(n) || n < 0 || n > 99999999) return String(n);
  if (n === 0) return digits[0];
  const high = Math.floor(n / 10000);
  const low = n % 10000;
  let out = high ? belowTenThousand(high, digits, units) + wan : '';
  if (low) out += (high && low < 1000 ? digits[0] : '') + belowTenThousand(low, digits, units);
  if (!legal && out.startsWith(digits[1] + units[1])) out = out.slice(1);
  return out;
}

function belowTenThousand(n: number, digits: string, units: readonly string[]): string {
  let out = '';
  let zero = false;
  for (let p = 3; p >= 0; p--) {
    const d = Math.floor(n / 10 ** p) % 10;
    if (d === 0) {
      zero = out.length > 0;
      continue;
    }
    if (zero) out += digits[0];
    zero = false;
    out += digits[d] + units[p];
  }
  return out;
}
