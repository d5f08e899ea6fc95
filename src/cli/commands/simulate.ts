// `irqlens simulate PATH --device EXPR`: the store state of one device after each operation,
// in replay order (the same steps the editor's simulation view and map show).
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { DomainState, SimulationResult } from '../../vocabulary/snapshot';
import { Engine } from '../../engine/index';
import { UsageError, type CliIO, type Command } from '../command';
import { parseLayout } from '../options';
import { problemLine } from './check';

const usage = `usage: irqlens simulate PATH --device EXPR [options]

Prints one device's descriptor stores after each MSI operation, in replay order.
EXPR is a device key as \`irqlens check --format json\` prints it (FILE:EXPR) or just
the device expression (e.g. pdev) when only one device has it.

options:
  --device EXPR                 the device to simulate (required)
  --layout auto|list|xarray|partitioned|per-domain   store layout (default: the tree's era)
  --format text|json            output format (default text)
`;

function span(first: number, last: number): string {
  return first === last ? `${first}` : `${first}..${last}`;
}

export function domainLines(states: DomainState[]): string[] {
  if (states.length === 0) return ['    (empty)'];
  return states.map((d) => {
    const occ = d.occupied.length
      ? d.occupied.map((o) => `${span(o.first, o.last)} ${o.certainty} (${o.site.api} ${o.site.file}:${o.site.range.line})`).join(', ')
      : 'empty';
    const mode = d.mode && d.mode !== 'none' ? `, ${d.mode}` : '';
    return `    domain ${d.domain} (hwsize ${d.hwsize ?? 'run-time'}${mode}): ${occ}`;
  });
}

export function formatSimulation(sim: SimulationResult): string {
  const head = `device ${sim.device}, ${sim.layout} layout, ${sim.order === 'probe' ? `ordered from ${sim.entry ?? 'probe'}()` : 'each function on its own'}`;
  const lines = [head];
  for (const s of sim.steps) {
    const errno = s.errno ? ` ${s.errno}` : '';
    lines.push(
      `[${s.index}] ${s.site.file}:${s.site.range.line}:${s.site.range.column} ${s.site.api}(): ${s.operation} -> ${s.outcome}${errno}${s.note ? ` (${s.note})` : ''}`,
    );
    for (const f of s.findings) lines.push(`    ${f.severity}: ${f.message} [${f.code}]`);
    lines.push(...domainLines(s.state));
  }
  return `${lines.join('\n')}\n`;
}

async function run(argv: string[], io: CliIO): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: { device: { type: 'string' }, layout: { type: 'string' }, format: { type: 'string' } },
    });
  } catch (err) {
    throw new UsageError(err instanceof Error ? err.message : String(err));
  }
  const { values, positionals } = parsed;
  if (positionals.length !== 1) throw new UsageError('expected exactly one PATH');
  if (!values.device) throw new UsageError('--device EXPR is required');
  const format = values.format ?? 'text';
  if (format !== 'text' && format !== 'json') throw new UsageError(`--format must be text or json (got '${format}')`);
  if (!existsSync(resolve(io.cwd, positionals[0]!))) throw new UsageError(`${positionals[0]}: no such file or directory`);
  const layout = parseLayout(values.layout);
  const engine = new Engine({ layout });
  const tree = await engine.analyze(positionals, { cwd: io.cwd, onProblem: (p) => io.stderr(problemLine(p)) });
  const keys = engine.checkTree(tree).map.devices.map((d) => d.key);
  const expr = values.device;
  let match = keys.filter((k) => k === expr);
  if (!match.length) match = keys.filter((k) => k.slice(k.lastIndexOf(':') + 1) === expr);
  if (match.length !== 1) {
    const why = match.length ? `'${expr}' matches ${match.length} devices` : `no device '${expr}'`;
    throw new UsageError(`${why}; devices: ${keys.length ? keys.join(', ') : '(none: no MSI calls found)'}`);
  }
  const sim = engine.simulate(tree, match[0]!);
  io.stdout(format === 'json' ? `${JSON.stringify(sim, null, 2)}\n` : formatSimulation(sim));
  return 0;
}

export const simulateCommand: Command = {
  name: 'simulate',
  summary: "print one device's descriptor stores after each MSI operation",
  usage,
  run,
};
