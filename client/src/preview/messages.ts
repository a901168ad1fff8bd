/** Messages between the scorecard preview (webview) and the extension, both ways. */

export type ToPreview = {
  type: 'update';
  uri: string;
  version: number;
  /** The scorecard fragment from the server's renderer; absent when only the note changes. */
  html?: string;
  /** A line above the card: why it is empty or stale. */
  note?: string;
};

export type FromPreview =
  | { type: 'ready' }
  | { type: 'reveal'; line: number; character: number; version: number }
  | { type: 'fix'; finding: number; line: number; character: number; version: number }
  | { type: 'export' };

/** What the webview keeps across hide/show and window reloads (VS Code stores it). */
export interface PreviewState {
  uri?: string;
  scrollY?: number;
}
