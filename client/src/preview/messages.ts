/** Messages between the scorecard preview (webview) and the extension, both ways. */

export type ToPreview = {
  type: 'update';
  /** The document the preview follows. */
  uri: string;
  version: number;
  /**
   * The scorecard fragment from the server's renderer; `null` clears the card (the document is
   * not checked), absent keeps what is shown (only the note changed).
   */
  html?: string | null;
  /** A line above the card: why it is empty or stale. */
  note?: string;
};

/** Clicks name the document and version whose card was clicked, so stale ones can be refused. */
export type FromPreview =
  | { type: 'ready' }
  | { type: 'reveal'; uri: string; version: number; line: number; character: number }
  | { type: 'fix'; uri: string; version: number; finding: number; line: number; character: number }
  | { type: 'export' };

/** What the webview keeps across hide/show and window reloads (VS Code stores it). */
export interface PreviewState {
  uri?: string;
  scrollY?: number;
  /** Rule groups of findings the writer opened or closed (by rule id), kept as the card is redrawn. */
  folds?: Record<string, boolean>;
}
