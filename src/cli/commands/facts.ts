// `irqlens facts PATH...`: print every MSI / IRQ-domain call the engine found, with its resolved
// arguments, as gcc-style text lines or one JSON object { tree, era, facts }.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { FileProblem, MsiFact, TreeFacts, Value } from '../../facts/types';
import { Engine } from '../../engine/index';
import { parseEra } from '../options';
import { UsageError, type CliIO, type Command } from '../command';

const usage = `usage: irqlens facts PATH... [options]

Prints every MSI / IRQ-domain API call under PATH (files or directories) with its resolved
arguments: device and its class, domain id, indices, counts, flags.

options:
  --format text|json   text: one gcc-style line per call (default); json: { tree, era, facts }
  --jobs N             worker threads (default: CPU count; 0 = no workers)
  --era 7.x|6.12|6.1   the era outside a kernel tree (default: from the calls)
`;

function parse(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: { format: { type: 'string' }, jobs: { type: 'string' }, era: { type: 'string' } },
    });
  } catch (err) {
    throw new UsageError(err instanceof Error ? err.message : String(err));
  }
}

function showValue(v: Value): string {
  if (v.anyIndex) return 'MSI_ANY_INDEX';
  if (v.value !== undefined) return String(v.value);
  const text = v.text.replace(/\s+/g, '');
  const lb = v.loopBound;
  if (lb) {
    const bound = lb.boundValue?.value ?? lb.bound.replace(/\s+/g, '');
    return `${text}[${v.min ?? '?'}..${bound}${lb.inclusive ? ']' : ')'}`;
  }
  return text;
}

const valueFields = ['domain', 'index', 'first', 'last', 'count', 'min', 'max', 'hwsize'] as const;

/** `file:line:col: api kind device=key(class) min=1 max=8 flags=MSIX|MSI`. */
export function factLine(f: MsiFact): string {
  const parts = [`${f.file}:${f.range.line}:${f.range.column}:`, f.api, f.kind];
  if (f.device) parts.push(`device=${f.device.key}(${f.device.class})`);
  if (f.irqDomain) parts.push(`irq_domain=${f.irqDomain.replace(/\s+/g, '')}`);
  for (const k of valueFields) {
    const v = f[k];
    if (v && !(k === 'domain' && v.text.endsWith('(implied)'))) parts.push(`${k}=${showValue(v)}`);
  }
  if (f.flags) parts.push(`flags=${f.flags.map((n) => n.replace(/^PCI_IRQ_/, '')).join('|')}`);
  if (f.entries)
    parts.push(
      `entries=${f.entries.indices ? `[${f.entries.indices.join(',')}]` : f.entries.identityUpTo ? `0..${showValue(f.entries.identityUpTo)}` : f.entries.array}`,
    );
  if (f.result) parts.push(`-> ${f.result}`);
  if (f.function) parts.push(`in ${f.function}()`);
  return parts.join(' ');
}

export function factsJson(tree: TreeFacts): string {
  const facts = tree.files.flatMap((f) => f.facts).map((f) => ({ ...f, line: f.range.line, column: f.range.column }));
  return `${JSON.stringify({ tree: tree.tree, era: tree.era, facts }, null, 2)}\n`;
}

function problemLine(p: FileProblem): string {
  return `${p.file}:${p.line}:${p.column}: ${p.severity}: ${p.message}\n`;
}

async function run(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parse(argv);
  if (positionals.length === 0) throw new UsageError('no PATH given');
  const format = values.format ?? 'text';
  if (format !== 'text' && format !== 'json') throw new UsageError(`--format must be text or json (got '${format}')`);
  let jobs: number | undefined;
  if (values.jobs !== undefined) {
    jobs = Number(values.jobs);
    if (!Number.isInteger(jobs) || jobs < 0) throw new UsageError(`--jobs must be a whole number (got '${values.jobs}')`);
  }
  for (const p of positionals) if (!existsSync(resolve(io.cwd, p))) throw new UsageError(`${p}: no such file or directory`);
  // A progress line only on a terminal; problems still go to stderr, on their own lines.
  let progressShown = false;
  const clearProgress = (): void => {
    if (progressShown) io.progress?.('\r\x1b[K');
    progressShown = false;
  };
  const onProgress = io.interactive
    ? (done: number, total: number): void => {
        io.progress?.(`\rirqlens facts: ${done}/${total} files`);
        progressShown = true;
      }
    : undefined;
  const engine = new Engine(jobs !== undefined ? { jobs } : {});
  const tree = await engine.analyze(positionals, {
    cwd: io.cwd,
    ...parseEra(values.era),
    ...(onProgress ? { onProgress } : {}),
    onProblem: (p) => {
      clearProgress();
      io.stderr(problemLine(p));
    },
  });
  clearProgress();
  if (format === 'json') io.stdout(factsJson(tree));
  else {
    const lines = tree.files.flatMap((f) => f.facts).map((f) => `${factLine(f)}\n`);
    io.stdout(lines.join(''));
  }
  return 0;
}

export const factsCommand: Command = { name: 'facts', summary: 'print every MSI / IRQ-domain call with its resolved arguments', usage, run };
