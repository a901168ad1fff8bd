// Rule pages are bundled as text (esbuild's text loader for .md).
declare module '*.md' {
  const text: string;
  export default text;
}
