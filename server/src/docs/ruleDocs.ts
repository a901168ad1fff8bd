// The rule pages, for hovers and for SARIF's rule help: imported in rulePages.ts (written by
// scripts/generate.js), read here. Beside the front doors, so the server and the formats share it.
import { RULE_PAGES as PAGES } from './rulePages';

export interface RuleHelp {
  /** The seed sentences the rule rests on (Chinese), one per item. */
  sources: string[];
  /** How to fix it (Chinese), one per item. */
  fix: string[];
  /** The English section's "Source." paragraph. */
  sourceEn?: string;
  /** The English section's "Quick fix." or "What it checks." paragraph. */
  fixEn?: string;
}

const cache = new Map<string, RuleHelp>();

export function ruleHelp(id: string): RuleHelp | undefined {
  const hit = cache.get(id);
  if (hit) return hit;
  const page = PAGES[id];
  if (page === undefined) return undefined;
  const help: RuleHelp = {
    sources: bullets(section(page, '依据')),
    fix: bullets(section(page, '如何修改')),
    sourceEn: paragraph(section(page, 'English'), 'Source.'),
    fixEn: paragraph(section(page, 'English'), 'Quick fix.'),
  };
  cache.set(id, help);
  return help;
}

/** The body of the `## name` section, up to the next `## ` heading. */
function section(page: string, name: string): string {
  const lines = page.split(/\r?\n/);
  const start = lines.findIndex((l) => l.trim() === `## ${name}`);
  if (start === -1) return '';
  const out: string[] = [];
  let fenced = false;
  for (let i = start + 1; i < lines.length; i++) {
    // Examples in code fences contain `## 一、…` headings of their own.
    if (/^\s*(?:```|~~~)/.test(lines[i])) fenced = !fenced;
    if (!fenced && /^## /.test(lines[i])) break;
    out.push(lines[i]);
  }
  return out.join('\n');
}

/** The section's bullet items, or its paragraphs where it has no list. */
function bullets(body: string): string[] {
  const lines = body.split('\n');
  const items = lines.filter((l) => /^- /.test(l)).map((l) => l.slice(2).trim());
  return items.length ? items : lines.map((l) => l.trim()).filter((l) => l && !/^(?:```|~~~|\|)/.test(l));
}

function paragraph(body: string, label: string): string | undefined {
  const line = body.split('\n').find((l) => l.startsWith(`**${label}**`));
  return line ? line.slice(label.length + 4).trim() : undefined;
}
