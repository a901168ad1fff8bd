// Types of scripts/gen-snippets.js for the TypeScript that reuses it (the language server's
// outline completion, the tests).
export interface OutlineSnippet {
  prefix: string[];
  body: string[];
  description: string;
}
export interface SnippetProfile {
  id: string;
  name: string;
  nameEn: string;
  topics: readonly { title: string; hint?: string; keywords?: readonly string[] }[];
}
export function snippetFor(profile: SnippetProfile): OutlineSnippet;
export function generateSnippets(profiles?: readonly SnippetProfile[]): Record<string, OutlineSnippet>;
export function renderSnippets(profiles?: readonly SnippetProfile[]): string;
export function chineseNumeral(n: number): string;
