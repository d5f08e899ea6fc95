// JSON output: `{ layout, era, findings: [...] }` with files relative to the current directory.
import type { EraInfo } from '../../facts/types';
import type { Finding } from '../../vocabulary/finding';

export interface JsonFinding {
  code: string;
  severity: string;
  message: string;
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  related: { file: string; line: number; column: number; message: string }[];
  assumptions: string[];
  device?: string;
  speculative?: true;
}

export function toJsonFinding(f: Finding, rel: (file: string) => string): JsonFinding {
  const out: JsonFinding = {
    code: f.code,
    severity: f.severity,
    message: f.message,
    file: rel(f.file),
    line: f.range.line,
    column: f.range.column,
    endLine: f.range.endLine,
    endColumn: f.range.endColumn,
    related: f.related.map((r) => ({ file: rel(r.file), line: r.range.line, column: r.range.column, message: r.message })),
    assumptions: f.assumptions,
  };
  if (f.device) out.device = f.device;
  if (f.speculative) out.speculative = true;
  return out;
}

export function formatJson(layout: string, era: EraInfo, findings: Finding[], rel: (file: string) => string): string {
  return `${JSON.stringify({ layout, era: era.label, findings: findings.map((f) => toJsonFinding(f, rel)) }, null, 2)}\n`;
}
