/**
 * The words a writer types to ask for a report outline, shared by the language server (which
 * offers the outlines) and the VS Code client (which opens the suggestions when one is typed).
 * Pure: no editor and no server code.
 */

/**
 * The keyword alone on its line before the cursor: optional indentation (group 1), the keyword
 * (group 2), an optional `-…` as in the snippet prefixes `dutyreport-<id>` and `述职提纲-<name>`
 * (group 3), and at most one blank (group 4), for editors that ask on a typed space.
 */
export const OUTLINE_LINE = /^([ \t\u3000]*)(述职报告提纲|述职提纲|提纲|dutyreport)(-[\p{L}\p{N}_-]*)?([ \u3000]?)$/iu;

/** The moment a keyword is complete: the line so far is only the keyword (after indentation). */
export const OUTLINE_KEYWORD_TYPED = /^[ \t\u3000]*(?:述职报告提纲|述职提纲|提纲|dutyreport)$/iu;

/** A word that reads as prose, so it asks for an outline only in an otherwise empty draft. */
export const PLAIN_OUTLINE_WORD = '提纲';

/**
 * The characters that end a keyword, offered as completion trigger characters. VS Code ignores
 * a trigger character that ends a word (see the client's outlineSuggest.ts), and all of these
 * are word characters in Markdown, so there it is the client that asks; other editors (a
 * completion plug-in that honours trigger characters) ask on them directly.
 */
export const OUTLINE_TRIGGER_CHARACTERS = ['纲', 't', 'T'];
