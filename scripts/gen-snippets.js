#!/usr/bin/env node
/**
 * Generates snippets/duty-report.json: one Markdown snippet per built-in profile that lays out
 * the standard outline of a 述职报告 with the profile's required topics as sub-sections.
 *
 * Written by `npm run generate` (scripts/generate.js) with the other generated files.
 *
 * The profiles (server/src/core/data/profiles.json) are the single source: adding a topic
 * there and running `npm run generate` keeps the snippets and the checker in step.
 * Contract with the client's "insert outline" command: every snippet's prefix array holds
 * exactly one `dutyreport-<profile id>`. The language server's outline completion calls
 * snippetFor itself; the file is not contributed to VS Code as snippets, which would list
 * every outline twice.
 */
'use strict';

const PROFILES = require('../server/src/core/data/profiles.json');

/**
 * How each kind of report is usually titled, addressed and closed, and what its first part
 * is called (seeds 000–004). Unknown profiles (added later) fall back to the general wording.
 * Every heading here is one the engine reads as its role (see signals.ts ROLE_PATTERNS).
 */
const STYLES = {
  general: { who: '个人', genre: '述职报告', salutation: '各位领导、同志们', work: '主要工作', closing: '以上述职，请予评议。' },
  'party-secretary': {
    who: '党委书记抓基层党建工作',
    genre: '述职报告',
    salutation: '各位领导、同志们',
    work: '抓基层党建工作的主要做法和成效',
    closing: '以上述职，请予评议。',
  },
  'branch-secretary': { who: '机关党支部书记', genre: '述职报告', salutation: '各位领导、同志们', work: '主要工作', closing: '以上述职，请予评议。' },
  'party-member': { who: '党员', genre: '述职报告', salutation: '各位党员、同志们', work: '履职情况', closing: '以上述职，请予评议。' },
  // Seed 000: a deputy reports to the voters who elected them.
  'npc-deputy': { who: '人大代表', genre: '述职报告', salutation: '各位选民、同志们', work: '履职情况', closing: '以上述职，请各位选民评议。' },
  // Seed 004 第一、二篇: 述职述廉 before party members and villagers' representatives.
  'village-committee': {
    who: '村“两委”成员',
    genre: '述职述廉报告',
    salutation: '各位党员、村民代表',
    work: '述职述廉情况',
    closing: '以上述职述廉，请予评议。',
  },
  // Seed 004 第五篇: 勤廉双述 of community committee members.
  'community-committee': {
    who: '社区“两委”成员',
    genre: '勤廉双述报告',
    salutation: '各位党员、居民代表',
    work: '勤廉履职情况',
    closing: '以上述职述廉，请予评议。',
  },
  'village-secretary': { who: '村党支部书记', genre: '述职报告', salutation: '各位领导、党员、村民代表', work: '主要工作', closing: '以上述职，请予评议。' },
};

/** Headings of the parts after the achievements, in the standard order (SPEC; seeds 002, 003, 004). */
const PARTS = [
  {
    heading: '存在的问题',
    // Seed 002: 既要查找……工作中存在的突出问题，也要查找个人履职尽责方面存在的问题，见人见事见思路.
    lines: [
      ['一是', '写明工作中的具体问题：哪项工作、哪件事、涉及哪些人、造成什么后果'],
      ['二是', '写明本人履职尽责方面的具体问题'],
    ],
  },
  {
    heading: '原因分析',
    // Seed 002: 要深入分析存在问题的原因，特别是主观方面的原因.
    lines: [
      ['主观上，', '写明本人在思想认识、责任落实、能力作风方面的原因'],
      ['客观上，', '写明工作条件等方面的原因'],
    ],
  },
  {
    heading: '整改措施和下步打算',
    // Seed 004: 整改措施要明确整改内容、整改措施和整改时限.
    lines: [
      ['一是', '针对问题一，写明整改内容、责任人和完成时限（如X月底前完成）'],
      ['二是', '针对问题二，写明可衡量的目标（如次数、比例）和完成时间'],
    ],
  },
];

/** Sub-sections for a profile without required topics (the general report). */
const GENERIC_ITEMS = [
  { title: '重点工作一', hint: '写明本人履职所做的工作、采取的措施和取得的成效，用实例和数据说话' },
  { title: '重点工作二', hint: '写明本人履职所做的工作、采取的措施和取得的成效，用实例和数据说话' },
];

const CN_DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 1 → 一, 12 → 十二, 20 → 二十 (as GB/T 9704 numbers an outline). */
function chineseNumeral(n) {
  if (n < 10) return CN_DIGITS[n];
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return (tens === 1 ? '' : CN_DIGITS[tens]) + '十' + (ones ? CN_DIGITS[ones] : '');
}

/** In a snippet body $, } and \ are syntax; everything else is literal. */
function escapeSnippet(text) {
  return text.replace(/[\\$}]/g, (c) => '\\' + c);
}

function stripFinalStop(text) {
  return text.replace(/[。；]$/, '');
}

/**
 * A topic whose own keywords already name one of the later parts (party-secretary's
 * "存在的主要问题和……思路、重点和措施") is written in those parts, not as a piece of work done:
 * as a sub-section of the achievements it would be read as a problems part.
 */
function coveredByLaterParts(topic) {
  return (topic.keywords || []).some((k) => PARTS.some((p) => p.heading.includes(k)));
}

/** Builds the snippet for one profile. Tab stops are numbered in reading order. */
function snippetFor(profile) {
  const style = STYLES[profile.id] || STYLES.general;
  let stop = 0;
  const ph = (text) => `\${${++stop}:${escapeSnippet(text)}}`;
  const body = [];
  const para = (...lines) => body.push(...lines, '');

  para(`# ${ph('20XX')}年度${ph(style.who)}${escapeSnippet(style.genre)}`);
  para(`${ph(style.salutation)}：`);
  para(`${ph('写明本人的职务、分管工作和任职时间')}。现将一年来的履职情况报告如下：`);

  const items = profile.topics.length
    ? profile.topics.filter((t) => !coveredByLaterParts(t)).map((t) => ({ title: escapeSnippet(t.title), hint: t.hint }))
    : GENERIC_ITEMS.map((g) => ({ title: null, placeholder: g.title, hint: g.hint }));
  para(`## 一、${escapeSnippet(style.work)}`);
  items.forEach((item, i) => {
    const title = item.title !== null ? item.title : ph(item.placeholder);
    para(`### （${chineseNumeral(i + 1)}）${title}`);
    para(`${ph(stripFinalStop(item.hint || `写明${item.title}的具体做法、次数和成效`))}。`);
  });

  PARTS.forEach((part, i) => {
    para(`## ${chineseNumeral(i + 2)}、${escapeSnippet(part.heading)}`);
    for (const [lead, hint] of part.lines) para(`${escapeSnippet(lead)}${ph(hint)}。`);
  });

  para(escapeSnippet(style.closing));
  para(`述职人：${ph('姓名')}`);
  body.push(`${ph('20XX年X月X日')}`, '$0');

  const parts = `${style.work}、存在的问题、原因分析、整改措施和下步打算`;
  const topicNote = profile.topics.length ? `（${profile.topics.length} 项必述内容）` : '';
  return {
    prefix: [`dutyreport-${profile.id}`, `述职提纲-${profile.name}`],
    body,
    description:
      `${profile.name}的标准提纲${topicNote}：标题、称呼、开头、${parts}、结束语和署名。` +
      ` Standard outline of a ${profile.nameEn}` +
      (profile.topics.length ? ` with its ${profile.topics.length} required topics` : '') +
      ': work done, problems, causes, measures and plans.',
  };
}

/** The whole snippet file as an object, keyed "述职报告提纲：<profile name>". */
function generateSnippets(profiles = PROFILES) {
  const out = {};
  for (const p of profiles) out[`述职报告提纲：${p.name}`] = snippetFor(p);
  return out;
}

/** The file text exactly as committed. */
function renderSnippets(profiles = PROFILES) {
  return JSON.stringify(generateSnippets(profiles), null, 2) + '\n';
}

module.exports = { snippetFor, generateSnippets, renderSnippets, chineseNumeral };

