// `irqlens check PATH...`: replay the MSI calls of a tree against the descriptor-store model
// and print findings as text (gcc style), JSON or SARIF; exit 1 at or above --fail-on.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { Engine, defaultCacheDir } from '../../engine/index';
import { atLeast, type Severity } from '../../vocabulary/finding';
import type { FileProblem } from '../../facts/types';
import { UsageError, type CliIO, type Command } from '../command';
import { formatJson } from '../format/json';
import { formatSarif } from '../format/sarif';
import { formatText, summaryLine } from '../format/text';
import { parseBindings, parseEra, parseLayout, parsePartitions } from '../options';
import { loadTopology, type Topology } from '../../model/iommu/index';

const usage = `usage: irqlens check PATH... [options]

Replays every MSI / IRQ-domain call under PATH against the kernel's descriptor stores
and reports conflicts (rules: docs/rules/).

options:
  --layout auto|list|xarray|partitioned|per-domain   store layout (default: the tree's era)
  --era 7.x|6.12|6.1            the era outside a kernel tree (default: from the calls)
  --partition NAME=FIRST-LAST   window of the partitioned layout (repeatable), e.g. pci=0x0-0xffff
  --format text|json|sarif      output format (default text, gcc style)
  --fail-on error|warning|info|never   exit 1 when a finding at or above this exists (default error)
  --topology FILE               device topology (lspci -vvnn output or JSON) for attribution
  --bind DRIVER=BDF             bind a driver to a PCI function of the topology (repeatable)
  --jobs N                      worker threads (default: CPU count)
  --speculative                 also report findings that rest only on what the model cannot
                                see (a branch it cannot read, a run-time count alone)
  --cache                       keep each file's facts and each directory's replay in
                                $XDG_CACHE_HOME/irqlens (~/.cache/irqlens): an unchanged file is
                                not parsed again, an unchanged directory not replayed again
`;

const failOns = ['error', 'warning', 'info', 'never'] as const;
type FailOn = (typeof failOns)[number];

function oneOf<T extends string>(v: string | undefined, allowed: readonly T[], dflt: T, name: string): T {
  if (v === undefined) return dflt;
  if ((allowed as readonly string[]).includes(v)) return v as T;
  throw new UsageError(`--${name} must be one of ${allowed.join(', ')} (got '${v}')`);
}

function parse(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        layout: { type: 'string' },
        partition: { type: 'string', multiple: true },
        format: { type: 'string' },
        'fail-on': { type: 'string' },
        topology: { type: 'string' },
        bind: { type: 'string', multiple: true },
        jobs: { type: 'string' },
        era: { type: 'string' },
        speculative: { type: 'boolean' },
        cache: { type: 'boolean' },
      },
    });
  } catch (err) {
    throw new UsageError(err instanceof Error ? err.message : String(err));
  }
}

export function problemLine(p: FileProblem): string {
  return `${p.file}:${p.line}:${p.column}: ${p.severity}: ${p.message}\n`;
}

async function run(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parse(argv);
  if (positionals.length === 0) throw new UsageError('no PATH given');
  const layout = parseLayout(values.layout);
  const era = parseEra(values.era);
  const format = oneOf(values.format, ['text', 'json', 'sarif'] as const, 'text', 'format');
  const failOn: FailOn = oneOf(values['fail-on'], failOns, 'error', 'fail-on');
  const bindings = parseBindings(values.bind ?? []);
  let jobs: number | undefined;
  if (values.jobs !== undefined) {
    jobs = Number(values.jobs);
    if (!Number.isInteger(jobs) || jobs < 0) throw new UsageError(`--jobs must be a whole number (got '${values.jobs}')`);
  }
  for (const p of positionals) if (!existsSync(resolve(io.cwd, p))) throw new UsageError(`${p}: no such file or directory`);
  let topology: Topology | undefined;
  if (values.topology !== undefined) {
    const path = resolve(io.cwd, values.topology);
    if (!existsSync(path)) throw new UsageError(`--topology ${values.topology}: no such file`);
    const loaded = loadTopology({ path });
    // Named as the user gave it, not by its absolute path.
    for (const p of loaded.problems) io.stderr(problemLine({ ...p, file: values.topology }));
    if (loaded.topology.functions.length === 0) throw new UsageError(`--topology ${values.topology}: no PCI functions could be read (see the messages above)`);
    topology = loaded.topology;
  }
  const partitionSpecs = values.partition ?? [];
  if (partitionSpecs.length && layout !== 'partitioned') throw new UsageError('--partition needs --layout partitioned');
  // NAME is a domain number (or takes the next one): domain names need the tree, parsed later.
  const partitions = parsePartitions(partitionSpecs, {});
  const engine = new Engine({
    layout,
    bindings,
    ...(values.speculative ? { speculative: true } : {}),
    ...(values.cache ? { cacheDir: defaultCacheDir() } : {}),
    ...(topology ? { topology } : {}),
    ...(jobs !== undefined ? { jobs } : {}),
    ...(partitions.length ? { partitions } : {}),
  });
  const result = await engine.checkPaths(positionals, {
    cwd: io.cwd,
    ...era,
    onProblem: (p) => io.stderr(problemLine(p)),
    ...(io.interactive ? { onProgress: (done: number, total: number) => io.progress?.(`\rirqlens: ${done}/${total} files`) } : {}),
  });
  if (io.interactive) io.progress?.('\r\x1b[K');
  const rel = (f: string) => f;
  if (format === 'json') io.stdout(formatJson(result.layout, result.era, result.findings, rel));
  else if (format === 'sarif') io.stdout(formatSarif(result.findings, rel, '0.1.0'));
  else {
    io.stdout(formatText(result.findings, rel));
    io.stderr(summaryLine(result.findings, result.layout));
  }
  if (failOn === 'never') return 0;
  return result.findings.some((f) => atLeast(f.severity, failOn as Severity)) ? 1 : 0;
}

export const checkCommand: Command = {
  name: 'check',
  summary: 'report MSI descriptor-store conflicts in C files or a kernel tree',
  usage,
  run,
};
