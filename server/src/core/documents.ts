/**
 * The requirement documents the checks rest on, and how English text names them: the Chinese
 * title once (a reviewer looks the document up by it), then an English rendering in
 * parentheses, as the rule pages and docs/profiles.md do. One table, so every English message
 * calls a document the same.
 */
export const DOCUMENTS_EN = {
  党建述职评价考核工作实施方案: 'the implementation plan for evaluating Party-building duty reports',
  '市总机关党支部书记、党员述职评议考核工作实施方案': "the implementation plan for the city federation's Party branch secretaries and Party members",
  双述双评活动实施方案: 'the implementation plan for the "two reports, two reviews" campaign in organ Party branches',
  职评方案征求意见: "the consultation draft on deputies' duty reports",
  '关于建立“联述联评联考”制度的实施办法': 'the measures for the "joint report, joint review, joint assessment" system of Party organisation secretaries',
  '干部“双述双评”工作实施方案': 'the "two reports, two reviews" plan for cadres',
  '2019斗山村村干部“双述双评”实施方案': 'the "two reports, two reviews" plan for the village cadres of Doushan',
  '镇开展“双述双评”工作实施方案': 'a town\'s "two reports, two reviews" plan for village Party secretaries',
  双述双评方案: 'the "two reports, two reviews" plan for community committees',
  党政机关公文格式: 'the national standard for the format of official documents of Party and government organs',
} as const;

export type DocumentTitle = keyof typeof DOCUMENTS_EN;

/** 《title》 (English rendering): how an English message cites a document. */
export function citeEn(title: DocumentTitle): string {
  return `《${title}》 (${DOCUMENTS_EN[title]})`;
}
