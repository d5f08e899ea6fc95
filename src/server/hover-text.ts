// The hover's Markdown for one MSI call: resolved arguments with their #define chains, the
// index range it touches, domain and layout, the store before the call, the owner device and
// attribution chain, and the findings on the call. Pure: data in, text out.
import type { Finding } from '../vocabulary/finding';
import type { EraInfo, MsiFact, Value } from '../facts/types';
import type { Layout } from '../vocabulary/layout';
import type { AllocationBlock, DeviceMap, DomainState } from '../vocabulary/snapshot';
import type { Attribution } from './engine';
import { code, escapeMarkdown } from './markdown';

export interface HoverInput {
  fact: MsiFact;
  era: EraInfo;
  layout: Layout;
  device?: DeviceMap;
  /** Blocks this call allocates, from the map. */
  blocks: AllocationBlock[];
  /** Store state just before the call, from the simulation (absent when not simulated). */
  before?: DomainState[];
  attribution?: Attribution | null;
  findings: Finding[];
}

const valueRoles = ['domain', 'index', 'first', 'last', 'count', 'min', 'max', 'hwsize'] as const;

function describeValue(v: Value): string {
  let text = code(v.text);
  if (v.anyIndex) text += ' = MSI\\_ANY\\_INDEX (the core picks a free index)';
  else if (v.value !== undefined && String(v.value) !== v.text) text += ` = ${v.value}`;
  else if (v.value === undefined && (v.min !== undefined || v.max !== undefined)) text += ` in ${v.min ?? '?'}..${v.max ?? '?'} (run-time value)`;
  else if (v.value === undefined) text += ' (run-time value)';
  if (v.loopBound) text += `, loop variable bounded by ${code(`${v.loopBound.variable} ${v.loopBound.inclusive ? '<=' : '<'} ${v.loopBound.bound}`)}`;
  if (v.chain.length > 0) text += ` ← ${v.chain.map(code).join(' ← ')}`;
  return text;
}

function argumentLines(fact: MsiFact): string[] {
  const lines: string[] = [];
  if (fact.device) lines.push(`- device: ${code(fact.device.text)} (${fact.device.class})`);
  for (const role of valueRoles) {
    const v = fact[role];
    if (v) lines.push(`- ${role}: ${describeValue(v)}`);
  }
  if (fact.flags && fact.flags.length > 0) lines.push(`- flags: ${fact.flags.map(code).join(' | ')}`);
  if (fact.irqDomain) lines.push(`- irq domain: ${code(fact.irqDomain)}`);
  return lines;
}

function rangeText(b: { first: number; last: number }): string {
  return b.first === b.last ? `${b.first}` : `${b.first}..${b.last}`;
}

function domainName(era: EraInfo, domain: number | undefined): string {
  if (domain === undefined) return 'default domain';
  const name = Object.entries(era.domainIds).find(([, id]) => id === domain)?.[0];
  return name ? `domain ${domain} (${escapeMarkdown(name)})` : `domain ${domain}`;
}

function touchedLine(input: HoverInput): string {
  const { fact, blocks, era, layout } = input;
  const where = `${domainName(era, fact.domain?.value)}, ${layout} layout (${escapeMarkdown(era.label)})`;
  if (blocks.length === 0) {
    const idx = fact.index ?? fact.first;
    const v = idx?.value;
    return v !== undefined ? `**Touches** index ${v} in ${where}` : `**Store**: ${where}`;
  }
  const parts = blocks.map((b) => `${rangeText(b)} ${b.certainty === 'definite' ? '(definite)' : '(possible)'}`);
  return `**Allocates** ${parts.join(', ')} in ${where}`;
}

function stateLines(before: DomainState[] | undefined): string[] {
  if (!before) return [];
  if (before.length === 0) return ['**Store before this call**: empty'];
  return [
    '**Store before this call**:',
    ...before.map((d) => {
      const occ = d.occupied.map((o) => `${rangeText(o)}${o.certainty === 'possible' ? '?' : ''}`).join(', ') || 'empty';
      const size = d.hwsize === null ? 'hwsize unknown' : `hwsize ${d.hwsize}`;
      return `- domain ${d.domain}: ${occ} (${size}${d.mode ? `, mode ${d.mode}` : ''})`;
    }),
  ];
}

function ownerLines(input: HoverInput): string[] {
  const a = input.attribution ?? input.device?.attribution;
  if (!a) return input.device ? [`**Device**: ${code(input.device.label)} (${input.device.class})`] : [];
  const ids = a.requesterIds.length > 0 ? a.requesterIds.join(', ') : 'unknown (no topology)';
  return [`**Owner**: ${escapeMarkdown(a.owner)}`, `**Attribution**: ${a.chain.map(escapeMarkdown).join(' → ')}`, `**Requester ID**: ${escapeMarkdown(ids)}`];
}

function findingLines(findings: Finding[]): string[] {
  if (findings.length === 0) return [];
  return ['**Findings**:', ...findings.map((f) => `- ${f.severity} ${code(f.code)}: ${escapeMarkdown(f.message)}`)];
}

export function renderHover(input: HoverInput): string {
  const { fact } = input;
  const head = `${code(`${fact.api}(${fact.args.join(', ')})`)} — ${fact.kind}, ${fact.signature === 'any' ? 'all eras' : `${fact.signature} signature`}`;
  const sections = [[head], argumentLines(fact), [touchedLine(input)], stateLines(input.before), ownerLines(input), findingLines(input.findings)].filter(
    (s) => s.length > 0,
  );
  return sections.map((s) => s.join('\n')).join('\n\n');
}
