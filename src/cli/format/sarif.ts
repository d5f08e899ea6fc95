// SARIF 2.1.0: one run, the rule table as driver metadata (stable ruleIds, helpUri), results
// with related locations and partialFingerprints that survive line moves (code, file, function
// and message without line numbers).
import { createHash } from 'node:crypto';
import type { Log, ReportingDescriptor, Result } from 'sarif';
import type { Finding, Severity } from '../../vocabulary/finding';
import { allRuleCodes, ruleHelpUri, rules } from '../../check/rules';

const level: Record<Severity, Result.level> = { error: 'error', warning: 'warning', info: 'note' };

function descriptor(code: (typeof allRuleCodes)[number]): ReportingDescriptor {
  const r = rules.get(code)!;
  return {
    id: code,
    name: code.replace(/^\w+\//, '').replace(/-(\w)/g, (_, c: string) => c.toUpperCase()),
    shortDescription: { text: r.title },
    fullDescription: { text: r.summary },
    helpUri: ruleHelpUri(code),
    defaultConfiguration: { level: level[r.defaultSeverity] },
  };
}

/** Line-independent identity: code + file + message with numbers of lines stripped. */
export function fingerprint(f: Finding, rel: (file: string) => string): string {
  const msg = f.message.replace(/:\d+\b/g, ':*');
  return createHash('sha256')
    .update(`${f.code}\0${rel(f.file)}\0${msg}`)
    .digest('hex')
    .slice(0, 32);
}

function region(r: Finding['range']) {
  return { startLine: r.line, startColumn: r.column, endLine: r.endLine, endColumn: r.endColumn };
}

export function toSarif(findings: Finding[], rel: (file: string) => string, version: string): Log {
  const index = new Map(allRuleCodes.map((c, i) => [c, i]));
  const results: Result[] = findings.map((f) => ({
    ruleId: f.code,
    ruleIndex: index.get(f.code)!,
    level: level[f.severity],
    message: { text: f.message },
    locations: [{ physicalLocation: { artifactLocation: { uri: rel(f.file), uriBaseId: 'SRCROOT' }, region: region(f.range) } }],
    relatedLocations: f.related.map((r, i) => ({
      id: i + 1,
      message: { text: r.message },
      physicalLocation: { artifactLocation: { uri: rel(r.file), uriBaseId: 'SRCROOT' }, region: region(r.range) },
    })),
    partialFingerprints: { 'irqlensFinding/v1': fingerprint(f, rel) },
    properties: { assumptions: f.assumptions, ...(f.device ? { device: f.device } : {}) },
  }));
  return {
    version: '2.1.0',
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    runs: [
      {
        tool: { driver: { name: 'irqlens', version, rules: allRuleCodes.map(descriptor) } },
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
}

export function formatSarif(findings: Finding[], rel: (file: string) => string, version: string): string {
  return `${JSON.stringify(toSarif(findings, rel, version), null, 2)}\n`;
}
