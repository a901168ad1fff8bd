/**
 * The HTML both sides write: the escaping every report string goes through, the scorecard's
 * stylesheet and its Content-Security-Policy. The server's renderer (CLI pages, the preview's
 * fragment) and the client's webview shell use the same three, so a page and its policy cannot
 * drift apart. Pure: no Node, no VS Code.
 */
const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  '`': '&#96;',
};

/**
 * The Unicode bidirectional controls: embeddings and overrides (U+202A–U+202E), isolates
 * (U+2066–U+2069) and the marks (U+200E, U+200F, U+061C). None belongs in a Chinese report or
 * a file name, and one of them can make what follows it read backwards: a U+202E in a heading
 * shows "26 字 · 34%" as "%43 · 字 62", and "述职\u202Excod.exe" looks like a Word file.
 */
const BIDI_CONTROLS = /[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/g;

/**
 * Text with every bidirectional control replaced by its visible code point (`<U+202E>`), so
 * it can reorder nothing and hides nothing: what a report or a file name holds is what the
 * reviewer reads. Visible rather than isolated (`<bdi>`), because a page's `<title>`, a tab's
 * title, a tooltip and a spreadsheet cell can hold no markup, and because an isolated override
 * still disguises the name it sits in.
 */
export function showBidiControls(s: string): string {
  return String(s).replace(BIDI_CONTROLS, (c) => `<U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}>`);
}

/**
 * Escapes text for use in element content and in quoted attribute values. Every string from a
 * report or the file system passes through here, so here its bidirectional controls are made
 * visible too (showBidiControls), before the escaping.
 */
export function escapeHtml(s: string): string {
  return showBidiControls(s).replace(/[&<>"'`]/g, (c) => HTML_ESCAPES[c]);
}

function widthClasses(): string {
  const out: string[] = [];
  for (let i = 0; i <= 100; i++) out.push(`.dr-w-${i}{width:${i}%}.dr-l-${i}{left:${i}%}`);
  return out.join('');
}

/**
 * The stylesheet of the fragment. In a webview the colours come from VS Code's theme (its body
 * classes and --vscode-* variables, light, dark and high contrast alike); in a standalone page
 * they follow the system's light or dark scheme.
 */
export const SCORECARD_CSS = `
:root{color-scheme:light dark;--dr-fg:#1f2328;--dr-bg:#ffffff;--dr-muted:#59636e;--dr-border:#d1d9e0;--dr-card:#f6f8fa;
--dr-track:#e3e8ee;--dr-fill:#0969da;--dr-bad:#cf222e;--dr-good:#1a7f37;--dr-fair:#9a6700;--dr-poor:#cf222e;--dr-warn:#9a6700;--dr-info:#0969da;--dr-focus:#0969da}
@media (prefers-color-scheme: dark){:root{--dr-fg:#e6edf3;--dr-bg:#0d1117;--dr-muted:#9198a1;--dr-border:#3d444d;--dr-card:#151b23;
--dr-track:#2a313c;--dr-fill:#4493f8;--dr-bad:#f85149;--dr-good:#3fb950;--dr-fair:#d29922;--dr-poor:#f85149;--dr-warn:#d29922;--dr-info:#4493f8;--dr-focus:#4493f8}}
body.vscode-light,body.vscode-dark,body.vscode-high-contrast,body.vscode-high-contrast-light{--dr-fg:var(--vscode-foreground);--dr-bg:var(--vscode-editor-background);
--dr-muted:var(--vscode-descriptionForeground);--dr-border:var(--vscode-widget-border,var(--vscode-panel-border));--dr-card:var(--vscode-sideBar-background,var(--vscode-editor-background));
--dr-track:color-mix(in srgb,var(--vscode-foreground) 16%,transparent);--dr-fill:var(--vscode-charts-blue);--dr-bad:var(--vscode-charts-red);
--dr-good:var(--vscode-charts-green);--dr-fair:var(--vscode-charts-yellow);--dr-poor:var(--vscode-charts-red);--dr-warn:var(--vscode-charts-orange);
--dr-info:var(--vscode-charts-blue);--dr-focus:var(--vscode-focusBorder)}
body.vscode-high-contrast,body.vscode-high-contrast-light{--dr-border:var(--vscode-contrastBorder)}
body.vscode-high-contrast .dr-bar,body.vscode-high-contrast-light .dr-bar{outline:1px solid var(--vscode-contrastBorder)}
body.vscode-high-contrast .dr-card,body.vscode-high-contrast-light .dr-card{border-color:var(--vscode-contrastBorder)}
body.vscode-high-contrast .dr-tier,body.vscode-high-contrast-light .dr-tier,body.vscode-high-contrast .dr-badge{outline:1px solid var(--vscode-contrastBorder)}
body{margin:0;padding:16px 24px;font:14px/1.6 system-ui,"PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif;color:var(--dr-fg);background:var(--dr-bg)}
body[class*=vscode]{font-family:var(--vscode-font-family),"PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif;font-size:var(--vscode-font-size,13px)}
.dr-muted{color:var(--dr-muted)}
.dr-card{border:1px solid var(--dr-border);border-radius:8px;padding:12px 16px;margin:8px 0;background:var(--dr-card)}
.dr-card h3{font-size:1em;margin:14px 0 6px}.dr-card h4{font-size:.95em;margin:10px 0 4px;font-weight:600}
.dr-head{display:flex;gap:16px;align-items:flex-start}.dr-head-text{min-width:0}
.dr-score{min-width:88px;text-align:center}.dr-score-n{font-size:2.2em;font-weight:700;line-height:1.1}.dr-lost{display:block;font-size:.8em}
.dr-tier{display:block;font-weight:700;border-radius:4px;margin-top:4px;padding:0 6px;color:#fff}
.dr-tier-good .dr-tier,.dr-badge.dr-tier-good{background:var(--dr-good)}.dr-tier-fair .dr-tier,.dr-badge.dr-tier-fair{background:var(--dr-fair)}
.dr-tier-poor .dr-tier,.dr-badge.dr-tier-poor{background:var(--dr-poor)}
.dr-tier-fair .dr-tier,.dr-badge.dr-tier-fair{color:#1f2328}
.dr-title{font-weight:700;font-size:1.1em}.dr-path{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;word-break:break-all;font-weight:600}
/* One grid for all rows, so every bar starts and ends at the same place whatever its label. */
.dr-bars{display:grid;grid-template-columns:max-content minmax(60px,1fr) auto;gap:4px 8px;align-items:center}.dr-bar-row{display:contents}.dr-bar-value{white-space:nowrap}
.dr-bar{position:relative;height:10px;border-radius:5px;background:var(--dr-track);overflow:visible}
.dr-fill{position:absolute;left:0;top:0;bottom:0;border-radius:5px;background:var(--dr-fill)}
.dr-held .dr-fill{background:var(--dr-good)}
.dr-bad .dr-fill{background:var(--dr-bad)}.dr-bad .dr-bar-value{color:var(--dr-bad);font-weight:600}
.dr-mark{position:absolute;top:-3px;bottom:-3px;width:2px;margin-left:-1px;background:var(--dr-fg)}
.dr-tree,.dr-topics,.dr-vague{margin:0;padding-left:1.2em}.dr-tree .dr-tree{padding-left:1.4em}
.dr-role{display:inline-block;font-size:.8em;padding:0 5px;border-radius:3px;border:1px solid var(--dr-border)}
.dr-role-achievements{color:var(--dr-info)}.dr-role-problems{color:var(--dr-bad)}.dr-role-causes{color:var(--dr-warn)}.dr-role-plans{color:var(--dr-good)}
.dr-ok .dr-check{color:var(--dr-good)}.dr-no .dr-check,.dr-missing .dr-check{color:var(--dr-bad);font-weight:700}
.dr-missing-parts{list-style:none}
.dr-findings{margin:0 0 6px;padding-left:1.6em}.dr-finding{margin:2px 0}
.dr-rule>summary{cursor:pointer}.dr-rule>summary>h4{display:inline-block;margin:6px 0 2px}
.dr-rule-name{font-weight:600}.dr-sev-error>summary .dr-rule-name{color:var(--dr-bad)}.dr-sev-warning>summary .dr-rule-name{color:var(--dr-warn)}
.dr-shares-note{font-size:.85em;margin:4px 0 0}
.dr-sev{font-weight:600}.dr-sev-error .dr-sev{color:var(--dr-bad)}.dr-sev-warning .dr-sev{color:var(--dr-warn)}
.dr-sev-info .dr-sev,.dr-sev-hint .dr-sev{color:var(--dr-info)}
.dr-points{font-size:.85em;color:var(--dr-bad)}.dr-count{font-size:.85em;border-radius:8px;padding:0 6px;background:var(--dr-track)}
.dr-fix{padding-left:1em;color:var(--dr-muted)}
.dr-interactive [data-line]{cursor:pointer;border-radius:3px}
.dr-interactive [data-line]:hover{background:var(--vscode-list-hoverBackground,var(--dr-track))}
.dr-interactive [data-line]:focus-visible{outline:1px solid var(--dr-focus);outline-offset:1px}
.dr-interactive [data-action=fix] .dr-muted{text-decoration:underline dotted}
.dr-waivers{margin:4px 0}.dr-waivers ul{margin:0;padding-left:1.4em}.dr-no-reason,.dr-unexplained.dr-waived-lead{color:var(--dr-warn);font-weight:600}
.dr-waived{display:inline-block;font-size:.85em;border:1px solid var(--dr-border);border-radius:4px;padding:0 6px;margin-left:4px}.dr-waived.dr-unexplained{color:var(--dr-warn);border-color:var(--dr-warn);font-weight:600}
.dr-reasons{margin:4px 0;color:var(--dr-poor)}.dr-reasons ul{margin:0;padding-left:1.4em}.dr-tiers{display:flex;gap:12px;list-style:none;padding:0}.dr-badge{color:#fff;border-radius:4px;padding:2px 10px;font-weight:700}
.dr-rank{list-style:none;padding:0}.dr-rank>li{margin:4px 0}
.dr-rank summary{cursor:pointer;display:grid;grid-template-columns:3.5em minmax(0,1fr) 2.5em 2.5em 10em 13em;gap:8px;align-items:center;
padding:6px 8px;border:1px solid var(--dr-border);border-radius:6px}
.dr-rank summary::-webkit-details-marker{display:none}.dr-rank summary .dr-rank-no::before{content:"▸ "}
.dr-rank details[open]>summary .dr-rank-no::before{content:"▾ "}.dr-rank summary .dr-tier{margin:0;text-align:center}.dr-rank summary>span{white-space:nowrap;overflow:hidden;text-overflow:ellipsis}.dr-rank summary>.dr-name{white-space:normal;word-break:break-all}.dr-score-n-small{font-weight:700;text-align:right}
@media (max-width:480px){body{padding:8px 10px}.dr-card{padding:8px 10px}.dr-head{flex-direction:column;gap:6px}.dr-score{text-align:left;min-width:0}
.dr-bars{grid-template-columns:max-content minmax(40px,1fr)}.dr-bar-value{grid-column:1/-1;white-space:normal;margin-bottom:4px}
.dr-rank summary{grid-template-columns:2.5em minmax(0,1fr) 2.5em 2.5em}.dr-rank summary>span:nth-child(n+5){display:none}}
${widthClasses()}
`;

/**
 * The Content-Security-Policy of every scorecard page: nothing loads unless named here, no
 * remote source is ever named, and styles and scripts run only when they carry the page's nonce
 * (the preview) or match the hash of our own stylesheet (a standalone export, which has no
 * script at all). A nonce also admits the preview's script file, so no origin is named.
 */
export function scorecardCsp(opts: { nonce: string } | { styleHash: string }): string {
  const style = 'nonce' in opts ? `'nonce-${opts.nonce}'` : `'${opts.styleHash}'`;
  const script = 'nonce' in opts ? `'nonce-${opts.nonce}'` : "'none'";
  return `default-src 'none'; style-src ${style}; script-src ${script}; img-src data:; base-uri 'none'; form-action 'none'`;
}
