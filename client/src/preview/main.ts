/**
 * The script of the scorecard preview, running inside the webview. It only swaps in the
 * fragment the extension sends (rendered and escaped by the server's renderer), remembers the
 * scroll position, and turns clicks into messages; it never builds markup from report text.
 */
import type { FromPreview, ToPreview, PreviewState } from './messages';

declare function acquireVsCodeApi(): {
  postMessage(message: FromPreview): void;
  getState(): PreviewState | undefined;
  setState(state: PreviewState): void;
};

const vscode = acquireVsCodeApi();
const root = document.getElementById('dr-root') as HTMLElement;
const note = document.getElementById('dr-note') as HTMLElement;
let state: PreviewState = vscode.getState() ?? {};
/** What the card on show belongs to; clicks say so, and the extension refuses stale ones. */
let shown: { uri: string; version: number; html: string } | undefined;
let restoredScroll = false;

document.body.classList.add('dr-interactive');

function save(patch: Partial<PreviewState>): void {
  state = { ...state, ...patch };
  vscode.setState(state);
}

function update(msg: Extract<ToPreview, { type: 'update' }>): void {
  note.textContent = msg.note ?? '';
  note.hidden = !msg.note;
  // A card that belongs to another document never stays on show under this one's note.
  const html = msg.html === undefined && shown && shown.uri !== msg.uri ? null : msg.html;
  if (html === null) {
    root.textContent = '';
    shown = undefined;
    delete document.body.dataset.version;
  } else if (html !== undefined && (html !== shown?.html || msg.uri !== shown.uri)) {
    const switched = shown !== undefined && shown.uri !== msg.uri;
    // One synchronous swap: the page never shows a half-built card, and the scroll offset stays.
    root.innerHTML = html;
    for (const el of root.querySelectorAll<HTMLElement>('[data-line]')) {
      el.tabIndex = 0;
      el.setAttribute('role', 'button');
    }
    restoreFolds();
    shown = { uri: msg.uri, version: msg.version, html };
    document.body.dataset.version = String(msg.version);
    if (switched) window.scrollTo(0, 0);
  } else if (html !== undefined && shown) {
    // Same card for a newer version (an edit that changed no number).
    shown.version = msg.version;
    document.body.dataset.version = String(msg.version);
  }
  save({ uri: msg.uri });
  // After a reload or a hide and show, go back to where the writer was reading.
  if (!restoredScroll && shown) {
    restoredScroll = true;
    if (state.scrollY) window.scrollTo(0, state.scrollY);
  }
}

/**
 * A rule's findings start open or folded as the renderer decides (folded when many); once the
 * writer opens or closes one, it stays so while typing redraws the card, and after a reload.
 */
function restoreFolds(): void {
  const folds = state.folds ?? {};
  for (const el of root.querySelectorAll<HTMLDetailsElement>('details.dr-rule[data-rule]')) {
    const open = folds[el.dataset.rule as string];
    if (open !== undefined) el.open = open;
  }
}

// 'toggle' does not bubble: listen in the capture phase. Setting `open` in restoreFolds fires
// it too, which records the same value again.
root.addEventListener(
  'toggle',
  (e) => {
    const el = e.target as HTMLElement;
    if (!(el instanceof HTMLDetailsElement) || !el.classList.contains('dr-rule') || !el.dataset.rule) return;
    save({ folds: { ...state.folds, [el.dataset.rule]: el.open } });
  },
  true,
);

window.addEventListener('message', (e: MessageEvent<ToPreview>) => {
  const msg = e.data;
  if (msg && msg.type === 'update') update(msg);
});

function act(el: HTMLElement): void {
  const line = Number(el.dataset.line);
  const character = Number(el.dataset.character ?? 0);
  if (!Number.isInteger(line) || !shown) return;
  const { uri, version } = shown;
  const finding = el.dataset.finding === undefined ? undefined : Number(el.dataset.finding);
  if (el.dataset.action === 'fix' && finding !== undefined) vscode.postMessage({ type: 'fix', uri, version, finding, line, character });
  else vscode.postMessage({ type: 'reveal', uri, version, line, character });
}

root.addEventListener('click', (e) => {
  const el = (e.target as Element | null)?.closest<HTMLElement>('[data-line]');
  if (el && root.contains(el)) {
    e.stopPropagation();
    act(el);
  }
});
root.addEventListener('keydown', (e) => {
  if (e.key !== 'Enter' && e.key !== ' ') return;
  const el = (e.target as Element | null)?.closest<HTMLElement>('[data-line]');
  if (el) {
    e.preventDefault();
    act(el);
  }
});

document.getElementById('dr-export')?.addEventListener('click', () => vscode.postMessage({ type: 'export' }));

let scrollFrame = 0;
window.addEventListener('scroll', () => {
  if (scrollFrame) return;
  scrollFrame = requestAnimationFrame(() => {
    scrollFrame = 0;
    save({ scrollY: Math.round(window.scrollY) });
  });
});

vscode.postMessage({ type: 'ready' });
