// gcc-style text: `file:line:col: severity: message [code]`, one `note:` line per related
// location, so editors' $gcc problem matchers and `grep` work on it.
import type { Finding } from '../../vocabulary/finding';

export function formatText(findings: Finding[], rel: (file: string) => string): string {
  const lines: string[] = [];
  for (const f of findings) {
    lines.push(`${rel(f.file)}:${f.range.line}:${f.range.column}: ${f.severity}: ${f.message} [${f.code}]`);
    for (const r of f.related) lines.push(`${rel(r.file)}:${r.range.line}:${r.range.column}: note: ${r.message}`);
  }
  return lines.length ? `${lines.join('\n')}\n` : '';
}

/** One summary line for stderr, e.g. "2 errors, 1 warning (per-domain layout)". */
export function summaryLine(findings: Finding[], layout: string): string {
  const count = (s: string) => findings.filter((f) => f.severity === s).length;
  const part = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`;
  return `${part(count('error'), 'error')}, ${part(count('warning'), 'warning')}, ${part(count('info'), 'info')} (${layout} layout)\n`;
}
