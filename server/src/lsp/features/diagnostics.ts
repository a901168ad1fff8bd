/** Findings → diagnostics, each carrying which result and finding it stands for. */
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';
import type { AnalysisResult, Severity } from '../../core/types';
import { SOURCE, type ClientCaps, type DiagnosticData } from './common';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function toDiagnostics(result: AnalysisResult, version: number, uri: string, docsBase: string | undefined, caps: ClientCaps): Diagnostic[] {
  return result.findings.map((f, index) => {
    const d: Diagnostic = {
      range: f.range,
      severity: SEVERITY[f.severity],
      code: f.rule,
      source: SOURCE,
      message: f.message,
      data: { version, index } satisfies DiagnosticData,
    };
    if (docsBase) d.codeDescription = { href: `${docsBase}/${f.rule}.md` };
    if (f.related?.length && caps.relatedInformation) {
      d.relatedInformation = f.related.map((r) => ({ location: { uri, range: r.range }, message: r.message }));
    }
    return d;
  });
}

/** A diagnostic at the top of a file that was not analysed, saying why (too large, binary). */
export function notCheckedDiagnostic(message: string): Diagnostic {
  return { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, severity: DiagnosticSeverity.Information, source: SOURCE, message };
}
