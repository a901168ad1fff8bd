'use strict';
// A seeded generator of realistic duty reports of a given 字数: the same seed and size give the
// same text on every machine, so benchmark runs compare like with like.
const lexicon = require('../../server/src/core/data/lexicon.json');

/** mulberry32: a small, fast, well-mixed 32-bit PRNG. */
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const CN = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
const cn = (n) => (n <= 10 ? CN[n - 1] : n < 20 ? `十${CN[n - 11] ?? ''}` : `${CN[Math.floor(n / 10) - 1]}十${n % 10 ? CN[(n % 10) - 1] : ''}`);

const SUBJECTS = ['理论学习', '支部建设', '党员教育', '作风建设', '业务工作', '队伍建设', '制度落实', '安全生产', '为民服务', '意识形态'];
const FACTS = [
  (r) => `全年组织集中学习${2 + Math.floor(r() * 20)}次，撰写心得体会${1 + Math.floor(r() * 9)}篇`,
  (r) => `办理群众诉求${10 + Math.floor(r() * 300)}件，按时办结率${80 + Math.floor(r() * 20)}%`,
  (r) => `${2024}年${1 + Math.floor(r() * 12)}月起推行周例会制度，共召开${10 + Math.floor(r() * 40)}次`,
  (r) => `发展党员${1 + Math.floor(r() * 4)}名，转正${1 + Math.floor(r() * 4)}名`,
  (r) => `整改问题${3 + Math.floor(r() * 20)}项，已销号${1 + Math.floor(r() * 3)}项`,
];
const PLAIN = ['我带领支部同志逐项对照任务清单，明确责任人和完成时限', '坚持每月到联系点走访，听取群众意见', '会同业务科室梳理流程，压减审批环节', '针对上年评议指出的问题建立台账'];
const PROBLEMS = ['理论学习不够系统，学用结合不紧', '抓落实的韧劲不足，个别任务推进滞后', '调查研究不够深入，掌握一线情况不全面', '对年轻党员的教育管理方法单一'];
const PLANS = ['每月开展一次专题学习并交流', '建立任务台账，逐月对账销号', '每季度到基层蹲点调研不少于5天', '年内完成制度汇编并组织培训'];

function pick(r, list) {
  return list[Math.floor(r() * list.length)];
}

/** One paragraph of roughly 60–160 字: plain work, facts, and now and then a vague phrase. */
function paragraph(r, phrases) {
  const parts = [];
  const n = 2 + Math.floor(r() * 3);
  for (let i = 0; i < n; i++) {
    const x = r();
    if (x < 0.35) parts.push(pick(r, FACTS)(r));
    else if (x < 0.65) parts.push(pick(r, PLAIN));
    else parts.push(`${pick(r, phrases)}${pick(r, SUBJECTS)}工作`);
  }
  return `${parts.join('，')}。`;
}

function units(s) {
  let n = 0;
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) >= 0x2e80) n++;
  return n;
}

/**
 * A report of about `target` 字 (CJK characters). Odd seeds write the outline as plain Chinese
 * markers (一、（一）), even seeds as Markdown headings; both have lists and one table.
 */
function generateReport(target, seed = 1) {
  const r = rng(seed * 7919 + target);
  const phrases = lexicon.entries.map((e) => e.phrase);
  const md = seed % 2 === 0;
  const h2 = (t) => (md ? `## ${t}` : t);
  const h3 = (t) => (md ? `### ${t}` : t);
  const out = [`# 2024年度党支部书记述职报告`, '', '某局机关第一党支部书记　张某某', '', '各位领导、同志们：', '', '现将一年来履行职责情况报告如下。', ''];
  const budget = { achievements: target * 0.55, problems: target * 0.25, plans: target * 0.2 };
  const section = (title, share, body) => {
    out.push(h2(title), '');
    let used = 0;
    let sub = 0;
    while (used < share) {
      sub++;
      out.push(h3(`（${cn(Math.min(sub, 99))}）${pick(r, SUBJECTS)}`), '');
      for (let k = 0; k < 3 && used < share; k++) {
        const p = body();
        out.push(p, '');
        used += units(p) + 8;
      }
      if (sub % 5 === 0) {
        const items = [1, 2, 3].map((i) => `- ${i}. ${pick(r, PLAIN)}。`);
        out.push(...items, '');
        used += items.reduce((a, s) => a + units(s), 0);
      }
    }
  };
  section('一、主要工作和成效', budget.achievements, () => paragraph(r, phrases));
  out.push('| 项目 | 计划 | 完成 |', '| --- | --- | --- |', '| 集中学习 | 12次 | 14次 |', '| 走访群众 | 50户 | 62户 |', '');
  section('二、存在的问题和不足', budget.problems, () => `一是${pick(r, PROBLEMS)}，${pick(r, FACTS)(r)}。原因在于本人抓得不够紧。`);
  section('三、下步打算', budget.plans, () => `${pick(r, PLANS)}，${pick(r, FACTS)(r)}。`);
  out.push('以上述职，请予评议。', '', '张某某', '', '2024年12月20日', '');
  return out.join('\n');
}

module.exports = { generateReport, rng, units };
