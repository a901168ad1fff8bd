/**
 * `--format sarif`: SARIF 2.1.0 with one run. Columns are UTF-16 code units (run.columnKind),
 * which is what the core counts, so regions land where the editor underlines.
 *
 * A Word file has no lines a reader could go to, so there a region's "lines" are its 段
 * (paragraphs, as node/docx counts them) and its columns the UTF-16 offset + 1 in what Word
 * shows of the paragraph, label included: a viewer lists `张三.docx:12`, sorts by it and jumps
 * nowhere wrong. The region says so in `properties.lineKind: "docxParagraph"` (named after
 * run.columnKind), and the location's message spells it out (`第12段第6字`). Fixes are left out
 * for Word files: they edit the Markdown the checker read, not the file.
 *
 * What did not go as it should is in `invocations[0]`: each file refused or not analysed is a
 * `toolExecutionNotifications` entry (level error, descriptor `file-skipped`) and makes
 * `executionSuccessful` false; each file found that is not a report is one at level note
 * (descriptor `not-a-report`), which leaves the run successful.
 *
 * Checks the draft switched off with comments (waivers) are not SARIF `suppressions`: those
 * belong to results that were suppressed, and the core does not keep the findings a waiver hid,
 * so a suppressed result would have to be made up. Instead each waiver is (1) data on its file's
 * artifact, `properties.waivers` (as the core gives it, plus a 1-based `line` in `startLine`), and
 * (2) a `toolConfigurationNotifications` entry at the comment's line (descriptor `waiver`; level
 * note with its reason, warning without one), since the draft configures the tool there; viewers
 * that show notifications list it with its place. A waiver without a reason is besides a result of
 * the rule waiver-without-reason, which every viewer shows.
 */
import { repository, version } from '../../../package.json';
import { RULE_PAGES } from '../docs/rulePages';
import { RULES } from '../core';
import type { Finding, Locale, Range, RuleInfo, Severity } from '../core/types';
import { docxPlaceText, waiverText } from './text';
import { CHARSET, type DocxPosition, type Format, type FormatInput, type ReportFormat } from './types';

export interface ToolInfo {
  version: string;
  /** Repository URL from package.json, e.g. https://host/owner/repo(.git). */
  repository: string;
  rules: readonly RuleInfo[];
  /** URI of the folder the relative artifact URIs are based on (the current directory). */
  srcRootUri: string;
}

type SarifLevel = 'error' | 'warning' | 'note';

const LEVEL: Record<Severity, SarifLevel> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };

function level(s: unknown): SarifLevel {
  return s === 'error' || s === 'warning' || s === 'info' || s === 'hint' ? LEVEL[s] : 'note';
}

/** `git+https://host/repo.git` → `https://host/repo`: the web address docs pages hang off. */
export function repositoryWebUrl(repository: string): string {
  return repository.replace(/^git\+/, '').replace(/\.git$/, '').replace(/\/+$/, '');
}

/**
 * A relative path as a URI reference: each segment percent-encoded, so Chinese names, spaces
 * and `#` or `?` survive as a valid URI.
 */
export function pathToUriReference(path: string): string {
  return path
    .split('/')
    .map((seg) => (seg === '..' || seg === '.' ? seg : encodeURIComponent(seg)))
    .join('/');
}

/** What SARIF's artifact.mimeType says of each kind of report. */
const MIME_TYPE: Readonly<Record<ReportFormat, string>> = {
  markdown: 'text/markdown',
  text: 'text/plain',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
};

/** A region of a Word file: paragraphs for lines (see the head of this file); none for a document with no text. */
function docxRegion(start: DocxPosition, end: DocxPosition = start): Record<string, unknown> | undefined {
  if (start.paragraph < 1) return undefined;
  return {
    startLine: start.paragraph,
    startColumn: start.offset + 1,
    endLine: end.paragraph,
    endColumn: end.offset + 1,
    properties: { lineKind: 'docxParagraph' },
  };
}

/** A physical location in a Word file, with its place in words as the location's message. */
function docxLocation(artifactLocation: object, start: DocxPosition, end: DocxPosition | undefined, locale: Locale): Record<string, unknown> {
  const region = docxRegion(start, end);
  return { physicalLocation: { artifactLocation, ...(region ? { region } : {}) }, message: { text: docxPlaceText(start, locale) } };
}

function region(range: Range): Record<string, number> {
  // SARIF lines and columns are 1-based; an empty region (equal columns) is an insertion point.
  return {
    startLine: range.start.line + 1,
    startColumn: range.start.character + 1,
    endLine: range.end.line + 1,
    endColumn: range.end.character + 1,
  };
}

/**
 * A web address that leads somewhere: not a reserved test or example domain (RFC 2606), as the
 * package's placeholder repository is, whose links would only ever be broken.
 */
function isRealWeb(url: string): boolean {
  const host = /^https?:\/\/([^/:]+)/i.exec(url)?.[1]?.toLowerCase();
  return !!host && !/(?:^|\.)(?:invalid|example|test|localhost)$/.test(host) && !/^example\.(?:com|net|org)$/.test(host);
}

export function formatSarif(input: FormatInput, tool: ToolInfo): string {
  const web = repositoryWebUrl(tool.repository);
  const linked = isRealWeb(web);
  const ruleIndex = new Map(tool.rules.map((r, i) => [r.id, i]));
  const locale = input.locale;
  const rules = tool.rules.map((r) => {
    const page = RULE_PAGES[r.id];
    return {
      id: r.id,
      name: r.id,
      shortDescription: { text: `${r.name[locale]}：${r.description[locale]}` },
      fullDescription: { text: `${r.name.zh}：${r.description.zh}（依据：${r.source}）${r.name.en}: ${r.description.en}` },
      // The rule's own page travels with the log, so a viewer shows it with no link to follow.
      ...(page ? { help: { text: `${r.name.zh}：${r.description.zh}`, markdown: page } } : {}),
      ...(linked ? { helpUri: `${web}/blob/main/${r.docs.replace(/^\/+/, '')}` } : {}),
      defaultConfiguration: { level: level(r.defaultSeverity) },
      properties: { tags: [...r.tags] },
    };
  });

  const artifacts = input.files.map((f) => ({
    location: { uri: pathToUriReference(f.path), uriBaseId: '%SRCROOT%' },
    mimeType: MIME_TYPE[f.format ?? 'markdown'],
    ...(f.encoding ? { encoding: CHARSET[f.encoding] } : {}),
    properties: {
      ...(f.format ? { format: f.format } : {}),
      // Ours, not the charset: it also says whether UTF-8 had a byte-order mark.
      ...(f.encoding ? { encoding: f.encoding } : {}),
      score: f.result.score,
      tier: f.result.tier,
      profile: { id: f.result.profile.id, name: f.result.profile.name, source: f.result.profile.source },
      ...(f.result.waivers?.length ? { waivers: f.result.waivers.map((w) => ({ ...w, startLine: w.line + 1 })) } : {}),
    },
  }));

  const results = input.files.flatMap((file, artifactIndex) => {
    const artifactLocation = { uri: pathToUriReference(file.path), uriBaseId: '%SRCROOT%', index: artifactIndex };
    return file.result.findings.map((f: Finding, i) => {
      const place = file.docx?.[i];
      const result: Record<string, unknown> = {
        ruleId: f.rule,
        level: level(f.severity),
        message: { text: f.message },
        locations: [place ? docxLocation(artifactLocation, place.start, place.end, locale) : { physicalLocation: { artifactLocation, region: region(f.range) } }],
      };
      const index = ruleIndex.get(f.rule);
      if (index !== undefined) result.ruleIndex = index;
      if (f.related?.length) {
        result.relatedLocations = f.related.map((rel, id) => {
          const at = place?.related?.[id];
          if (at) return { id, message: { text: rel.message }, physicalLocation: docxLocation(artifactLocation, at, undefined, locale).physicalLocation };
          return { id, message: { text: rel.message }, physicalLocation: { artifactLocation, region: region(rel.range) } };
        });
      }
      if (f.fix && !place) {
        result.fixes = [
          {
            description: { text: f.fix.title },
            artifactChanges: [
              {
                artifactLocation,
                replacements: [{ deletedRegion: region(f.fix.range), insertedContent: { text: f.fix.newText } }],
              },
            ],
          },
        ];
      }
      const props: Record<string, unknown> = {};
      if (f.section) props.section = f.section;
      if (f.topic) props.topic = f.topic;
      if (Object.keys(props).length) result.properties = props;
      return result;
    });
  });

  const zh = locale === 'zh';
  const at = (path: string) => [{ physicalLocation: { artifactLocation: { uri: pathToUriReference(path), uriBaseId: '%SRCROOT%' } } }];
  const notifications = [
    ...input.skipped.map((s) => ({
      descriptor: { id: 'file-skipped' },
      level: 'error',
      message: { text: `${zh ? '已跳过：' : 'skipped: '}${s.reason}` },
      locations: at(s.path),
    })),
    ...(input.unrecognised ?? []).map((p) => ({
      descriptor: { id: 'not-a-report' },
      level: 'note',
      message: { text: zh ? '未识别为述职报告，未评分' : 'not recognised as a report, not scored' },
      locations: at(p),
    })),
  ];
  const waiverNotes = input.files.flatMap((file, artifactIndex) =>
    (file.result.waivers ?? []).map((w, k) => {
      const artifactLocation = { uri: pathToUriReference(file.path), uriBaseId: '%SRCROOT%', index: artifactIndex };
      const place = file.docxWaivers?.[k];
      const region = place ? docxRegion(place) : { startLine: w.line + 1 };
      return {
        descriptor: { id: 'waiver' },
        level: w.reason ? 'note' : 'warning',
        message: { text: `${zh ? '已关闭检查：' : 'checks switched off: '}${waiverText(w, locale, place)}` },
        locations: [{ physicalLocation: { artifactLocation, ...(region ? { region } : {}) } }],
      };
    }),
  );
  const invocation = {
    executionSuccessful: input.skipped.length === 0,
    ...(notifications.length ? { toolExecutionNotifications: notifications } : {}),
    ...(waiverNotes.length ? { toolConfigurationNotifications: waiverNotes } : {}),
  };

  const srcRootUri = tool.srcRootUri.replace(/\/?$/, '/');
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'duty-report',
            fullName: '述职报告助手 Duty Report Assistant',
            ...(linked ? { informationUri: web } : {}),
            semanticVersion: tool.version,
            version: tool.version,
            rules,
          },
        },
        invocations: [invocation],
        originalUriBaseIds: { '%SRCROOT%': { uri: srcRootUri } },
        artifacts,
        results,
        columnKind: 'utf16CodeUnits',
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
}

export const sarifFormat: Format<'sarif'> = {
  id: 'sarif',
  extension: 'sarif',
  description: { zh: 'SARIF 2.1.0，可交给代码扫描平台', en: 'SARIF 2.1.0, for code-scanning platforms' },
  write: (input, context) => formatSarif(input, { version, repository: repository.url, rules: RULES, srcRootUri: context.srcRootUri }),
};
