import type { Rule } from '../rule';
import { RULE_LIST } from './index';

/**
 * A check switched off with a comment must say why, so the reviewer can judge the waiver: an
 * 11-字 draft that switches everything off must not pass in silence. This rule's own findings
 * cannot be switched off by a comment (directives.ts).
 */
export const waiverWithoutReason: Rule = {
  order: 14,
  name: { zh: '关闭检查未说明理由', en: 'Check switched off without a reason' },
  cap: 10,
  id: 'waiver-without-reason',
  description: {
    zh: '用注释关闭了某项检查，却没有写明理由（写法：<!-- duty-report-disable 规则 -- 理由：… -->）',
    en: 'A check is switched off by a comment that gives no reason (write <!-- duty-report-disable rule -- reason: … -->)',
  },
  defaultSeverity: 'warning',
  tags: ['structure'],
  source: '《党建述职评价考核工作实施方案》：对不符合要求的述职报告，“要严肃指出、督促修改”：关闭的检查要写明理由，评议人才能判断',
  check(ctx) {
    const { model } = ctx;
    for (const d of model.directives) {
      if (d.kind === 'enable' || d.reason) continue;
      const start = model.index.starts[d.line] ?? 0;
      const end = model.index.lineEnd(d.line);
      // Rules named in words, as everywhere a person reads them (read at run time: the registry imports this module).
      const named = (locale: 'zh' | 'en') => d.rules.map((id) => { const r = RULE_LIST.find((x) => x.id === id); return r ? (locale === 'zh' ? `“${r.name.zh}”` : `"${r.name.en}"`) : id; });
      const what = d.rules.length ? named('zh').join('、') : '全部检查';
      const scope = { disable: ['此后', 'from here on'], 'disable-line': ['本行', 'on this line'], 'disable-next-line': ['下一行', 'on the next line'] }[d.kind];
      ctx.report({
        start,
        end,
        message: {
          zh: `这里关闭了${scope[0]}的${what}，但没有写明理由。评议人会看到哪些检查被关闭：请在规则后写“-- 理由：……”，如 <!-- duty-report-${d.kind} ${d.rules.join(' ') || '规则'} -- 理由：引用文件原文 -->。`,
          en: `${d.rules.length ? named('en').join(', ') : 'Every check'} is switched off ${scope[1]} with no reason given. Reviewers see every check switched off: add "-- reason: …" after the rules, e.g. <!-- duty-report-${d.kind} ${d.rules.join(' ') || 'rule'} -- reason: quoting the document -->.`,
        },
        data: { directive: d.kind, rules: d.rules },
        // Switching off everything weighs as an error would; one rule, as a warning.
        weight: d.rules.length === 0 ? 8 : 5,
      });
    }
  },
};
