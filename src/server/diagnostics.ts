// Findings -> LSP diagnostics: severity, code with its doc link, related information for the
// other half of every conflict, the model's assumptions appended to the message.
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';
import type { Finding, Severity } from '../vocabulary/finding';
import type { FileProblem } from '../facts/types';
import type { ServerSettings } from './config';
import { toLspRange, type PathMap } from './locations';
import { escapeControls } from '../protocol/display-text';

const lspSeverity: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

/** Applies irqlens.severity overrides; null when the rule is turned off (or the finding is speculative and not asked for). */
export function effectiveSeverity(f: Finding, settings: ServerSettings): Severity | null {
  if (f.speculative && !settings.speculative) return null;
  const override = settings.severity[f.code];
  if (override === 'off') return null;
  return override ?? f.severity;
}

export function toDiagnostic(f: Finding, severity: Severity, paths: PathMap, docUri: (code: string) => string | undefined): Diagnostic {
  const href = docUri(f.code);
  const message = f.assumptions.length > 0 ? `${f.message}\nAssumed: ${f.assumptions.join('; ')}` : f.message;
  const d: Diagnostic = {
    range: toLspRange(f.range),
    severity: lspSeverity[severity],
    code: f.code,
    source: 'irqlens',
    message: escapeControls(message),
  };
  if (href) d.codeDescription = { href };
  if (f.related.length > 0) {
    d.relatedInformation = f.related.map((r) => ({
      location: { uri: paths.uriFromRel(r.file), range: toLspRange(r.range) },
      message: r.message,
    }));
  }
  if (f.device) d.data = { device: f.device };
  return d;
}

/** Groups findings by file (root-relative path) and converts them, honouring severity overrides. */
export function diagnosticsByFile(
  findings: readonly Finding[],
  settings: ServerSettings,
  paths: PathMap,
  docUri: (code: string) => string | undefined,
): Map<string, Diagnostic[]> {
  const out = new Map<string, Diagnostic[]>();
  for (const f of findings) {
    const sev = effectiveSeverity(f, settings);
    if (!sev) continue;
    const list = out.get(f.file) ?? [];
    list.push(toDiagnostic(f, sev, paths, docUri));
    out.set(f.file, list);
  }
  return out;
}

/** A problem reading or parsing a file (unreadable bytes, parse limits): shown where it is, never dropped. */
export function problemDiagnostic(p: FileProblem): Diagnostic {
  const at = { line: Math.max(0, p.line - 1), character: Math.max(0, p.column - 1) };
  return { range: { start: at, end: at }, severity: lspSeverity[p.severity], source: 'irqlens', message: escapeControls(p.message) };
}
