// `irqlens topology FILE`: import a topology (lspci -vv[nn], JSON, sysfs listing) and print the
// device tree with requester IDs, aliases, groups and MSI/MSI-X capabilities.
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadTopology } from '../../model/iommu/index';
import { formatTopologyText, topologyReport, type TopologyReport } from '../../model/iommu/topology-report';
import { formatWalk } from '../../model/iommu/walk-report';
import { UsageError, type CliIO, type Command } from '../command';

const usage = `usage: irqlens topology FILE... [options]

Imports a device topology and prints the PCI tree with each function's requester IDs after
DMA aliasing (pci_for_each_dma_alias), IOMMU group, and MSI / MSI-X capability sizes.
Each FILE is \`lspci -vvnn\` output (as root; -D optional), a JSON topology
(schemas/topology.schema.json), or a listing of /sys/kernel/iommu_groups/*/devices/*.

options:
  --format text|json            output format (default text)
  --input lspci|json|sysfs      input format (default: detected)
  --device BDF                  show one function's alias walk and each consumer's selection
`;

function oneOf<T extends string>(v: string | undefined, allowed: readonly T[], name: string): T | undefined {
  if (v === undefined) return undefined;
  if ((allowed as readonly string[]).includes(v)) return v as T;
  throw new UsageError(`--${name} must be one of ${allowed.join(', ')} (got '${v}')`);
}

async function run(argv: string[], io: CliIO): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, options: { format: { type: 'string' }, input: { type: 'string' }, device: { type: 'string' } } });
  } catch (err) {
    throw new UsageError(err instanceof Error ? err.message : String(err));
  }
  const { values, positionals } = parsed;
  if (positionals.length === 0) throw new UsageError('no FILE given');
  const format = oneOf(values.format, ['text', 'json'] as const, 'format') ?? 'text';
  const input = oneOf(values.input, ['lspci', 'json', 'sysfs'] as const, 'input');
  const reports: TopologyReport[] = [];
  let status = 0;
  for (const file of positionals) {
    const { topology, problems } = loadTopology({ path: resolve(io.cwd, file), ...(input ? { format: input } : {}) });
    for (const p of problems) io.stderr(`${file}:${p.line}:${p.column}: ${p.severity}: ${p.message}\n`);
    if (problems.some((p) => p.severity === 'error')) status = 1;
    if (topology.functions.length === 0) continue;
    if (values.device !== undefined) {
      const text = formatWalk(topology, values.device);
      if (!text) throw new UsageError(`--device ${values.device}: no such function in ${file}`);
      io.stdout(text);
      continue;
    }
    const report = topologyReport(topology);
    report.source = file;
    reports.push(report);
  }
  if (values.device !== undefined) return status;
  if (format === 'json') io.stdout(JSON.stringify(positionals.length === 1 ? (reports[0] ?? null) : reports, null, 2) + '\n');
  else io.stdout(reports.map(formatTopologyText).join('\n'));
  return status;
}

export const topologyCommand: Command = {
  name: 'topology',
  summary: 'print a device topology with requester IDs, DMA aliases, IOMMU groups and MSI sizes',
  usage,
  run,
};
