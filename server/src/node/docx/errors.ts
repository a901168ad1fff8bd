/**
 * Why a .docx could not be read, in both languages, so the CLI can print one line per file and
 * go on with the batch.
 */

export type DocxErrorCode = 'not-zip' | 'encrypted' | 'no-document' | 'too-large' | 'corrupt';

/** One table of words for every reason a file is refused. */
export const DOCX_ERROR_TEXT: Record<DocxErrorCode, { zh: string; en: string }> = {
  'not-zip': {
    zh: '不是 Word 文档（.docx 应为 zip 压缩包），文件可能已损坏或扩展名有误',
    en: 'not a Word document (a .docx is a zip package); the file may be damaged or misnamed',
  },
  encrypted: {
    zh: '文件已加密或是旧版 Word（.doc）格式，无法读取；请去掉密码或另存为 .docx 后再试',
    en: 'the file is encrypted or in the old Word (.doc) format; remove the password or save it as .docx and try again',
  },
  'no-document': {
    zh: '压缩包里没有 Word 正文（word/document.xml），不是有效的 .docx',
    en: 'the package holds no Word body (word/document.xml); not a valid .docx',
  },
  'too-large': {
    zh: '文件过大或嵌套过深，超过读取上限，可能是“压缩炸弹”',
    en: 'the file is too large or too deeply nested to read (over the limit); it may be a zip bomb',
  },
  corrupt: {
    zh: 'Word 文档已损坏，无法读取',
    en: 'the Word document is damaged and cannot be read',
  },
};

/** Thrown by readDocx for any file it refuses; never anything else for bad input. */
export class DocxError extends Error {
  readonly code: DocxErrorCode;
  /** The Chinese message, with the detail (which part, which limit) appended. */
  readonly zh: string;
  readonly en: string;
  /** What exactly was wrong, for a log: a part name, a limit, the parser's words. */
  readonly detail?: string;

  constructor(code: DocxErrorCode, detail?: string) {
    const text = DOCX_ERROR_TEXT[code];
    const tail = detail ? `（${detail}）` : '';
    super(`${text.zh}${tail} / ${text.en}${detail ? ` (${detail})` : ''}`);
    this.name = 'DocxError';
    this.code = code;
    this.zh = text.zh + tail;
    this.en = text.en + (detail ? ` (${detail})` : '');
    this.detail = detail;
  }
}
