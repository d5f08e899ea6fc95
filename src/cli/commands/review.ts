// `irqlens review`: what a patch series changes in the MSI picture, per patch and for the series.
import { parseArgs } from 'node:util';
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { defaultCacheDir, type Options } from '../../engine/index';
import { atLeast, type Severity } from '../../vocabulary/finding';
import { defaultEngine } from '../../review/default-engine';
import { replyMbox, writeReplyFiles } from '../format/mail';
import { toSarif } from '../format/sarif';
import { replyDrafts } from '../../review/reply-mail';
import { formatReviewText, introducedFindings } from '../../review/format-text';
import { readGitRange, type GitSeries } from '../../review/git-range';
import { reviewSeries } from '../../review/review';
import { readSeriesFiles } from '../../review/series';
import { PatchError, type ReviewResult } from '../../review/types';
import { UsageError, type CliIO, type Command } from '../command';
import { layoutChoices } from '../options';

const usage = `usage: irqlens review --tree DIR (--patch FILE... | --mbox FILE | --git A..B)
                      [--format text|json|sarif|mail [--out DIR]] [--fail-on error|warning|info|never]
                      [--show-unchanged] [--layout auto|xarray|partitioned|per-domain] [--cache]
                      [--jobs N]

Applies each patch in memory to the tree (nothing on disk changes), analyses the files it
touches before and after, and reports per patch and for the whole series the findings it
introduces and fixes and the allocations that move. --patch takes .patch/.diff files or a
directory of NNNN-*.patch files (repeatable); --mbox an mbox or b4 .mbx; --git a range of the
repository at DIR, by default the current directory (runs git: only for repositories you
trust). Text output is made to be pasted into a review mail; --format mail drafts the replies
themselves (threaded under each patch with findings, quoting only the hunk lines they concern),
as an mbox on stdout or with --out DIR as NNNN-re.eml files (NNNN: the patch answered); nothing
is sent. A series already applied to the tree is reviewed against the tree with it reverted in
memory. --cache keeps facts between runs; --jobs sets the scan's worker threads.
Exit status 1 when a patch introduces a finding at or above --fail-on (default error), 2 on bad
arguments or patches that cannot be read. \`git rebase -x 'irqlens review --git HEAD~1..HEAD'
BASE\` therefore stops at the first commit that introduces an error.
`;

const formats = ['text', 'json', 'sarif', 'mail'] as const;

function oneOf<T extends string>(name: string, value: string | undefined, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`--${name} must be one of ${allowed.join(', ')} (got '${value}')`);
}

function parse(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      options: {
        tree: { type: 'string' },
        patch: { type: 'string', multiple: true },
        mbox: { type: 'string' },
        git: { type: 'string' },
        format: { type: 'string' },
        'fail-on': { type: 'string' },
        'show-unchanged': { type: 'boolean' },
        layout: { type: 'string' },
        cache: { type: 'boolean' },
        jobs: { type: 'string' },
        out: { type: 'string' },
      },
      allowPositionals: false,
    }).values;
  } catch (err) {
    throw new UsageError(err instanceof Error ? err.message : String(err));
  }
}

async function readSeries(v: ReturnType<typeof parse>, tree: string, io: CliIO): Promise<GitSeries> {
  const inputs = [v.patch !== undefined, v.mbox !== undefined, v.git !== undefined].filter(Boolean).length;
  if (inputs !== 1) throw new UsageError('give exactly one of --patch, --mbox or --git');
  if (v.git !== undefined) return readGitRange(resolve(io.cwd, tree), v.git);
  return { patches: await readSeriesFiles(v.patch ?? [v.mbox ?? ''], io.cwd), baseline: new Map(), notes: [] };
}

/** check's SARIF (same rules and fingerprints), plus baselineState and a second location on the patch line. */
function reviewSarif(result: ReviewResult, showUnchanged: boolean): string {
  const shown = result.cumulative.findings.filter((rf) => showUnchanged || rf.kind !== 'unchanged');
  const log = toSarif(
    shown.map((rf) => rf.finding),
    (f) => f,
    '0.1.0',
  );
  const state = { introduced: 'new', fixed: 'absent', unchanged: 'unchanged' } as const;
  log.runs[0].results?.forEach((r, k) => {
    const rf = shown[k];
    r.baselineState = state[rf.kind];
    const source = result.patches.find((p) => p.patch.index === rf.patchIndex)?.patch.source;
    if (source !== undefined && rf.patchLine !== undefined)
      r.locations?.push({ physicalLocation: { artifactLocation: { uri: source }, region: { startLine: rf.patchLine } }, message: { text: 'patch line' } });
  });
  return `${JSON.stringify(log, null, 2)}\n`;
}

function render(result: ReviewResult, format: (typeof formats)[number], showUnchanged: boolean, cwd: string): string {
  if (format === 'mail') return replyMbox(replyDrafts(result, { showUnchanged, cwd }));
  if (format === 'sarif') return reviewSarif(result, showUnchanged);
  if (format === 'json') {
    const keep = <T extends { findings: { kind: string }[] }>(r: T): T => ({
      ...r,
      findings: r.findings.filter((f) => showUnchanged || f.kind !== 'unchanged'),
    });
    const patches = result.patches.map((p) => keep({ ...p, patch: { ...p.patch, files: p.patch.files.map(({ structured: _s, ...f }) => f) } }));
    return JSON.stringify({ ...result, patches, cumulative: keep(result.cumulative) }, null, 2) + '\n';
  }
  return formatReviewText(result, { showUnchanged });
}

export const reviewCommand: Command = {
  name: 'review',
  summary: 'findings a patch series introduces and fixes (patch files, mbox, git range)',
  usage,
  async run(argv, io) {
    const v = parse(argv);
    // --git reads the repository it runs in unless told otherwise (as under `git rebase -x`).
    const tree = v.tree ?? (v.git !== undefined ? '.' : undefined);
    if (tree === undefined) throw new UsageError('--tree DIR is required (with --git it defaults to the current directory)');
    try {
      if (!statSync(resolve(io.cwd, tree)).isDirectory()) throw new Error();
    } catch {
      throw new UsageError(`--tree ${tree}: not a directory`);
    }
    const format = oneOf('format', v.format, formats, 'text');
    if (v.out !== undefined && format !== 'mail') throw new UsageError('--out DIR goes with --format mail');
    const failOn = oneOf('fail-on', v['fail-on'], ['error', 'warning', 'info', 'never'] as const, 'error');
    const check: Options = { layout: oneOf('layout', v.layout, layoutChoices, 'auto') };
    let series: GitSeries;
    try {
      series = await readSeries(v, tree, io);
    } catch (err) {
      if (!(err instanceof PatchError)) throw err;
      io.stderr(`irqlens review: ${err.message}\n`);
      return 2;
    }
    if (series.patches.length === 0) {
      io.stderr('irqlens review: nothing to review: the range has no commits\n');
      return 0;
    }
    const jobs = v.jobs === undefined ? undefined : Number(v.jobs);
    if (jobs !== undefined && !(Number.isInteger(jobs) && jobs >= 0)) throw new UsageError(`--jobs must be a whole number (got '${v.jobs}')`);
    const progress = (what: string) => (done: number, total: number) => {
      if (io.interactive) io.progress?.(`\r\x1b[Kirqlens review: ${what} ${done}/${total}`);
    };
    const engine = defaultEngine({ check, jobs, cacheDir: v.cache ? defaultCacheDir() : undefined, onProgress: progress('scanning files') });
    for (const note of series.notes) io.stderr(`irqlens review: note: ${note}\n`);
    const result = await reviewSeries({ tree, cwd: io.cwd, patches: series.patches, baseline: series.baseline, engine, onProgress: progress('patch') });
    if (io.interactive) io.progress?.('\r\x1b[K');
    const showUnchanged = v['show-unchanged'] === true;
    if (v.out === undefined) io.stdout(render(result, format, showUnchanged, io.cwd));
    else
      for (const path of writeReplyFiles(replyDrafts(result, { showUnchanged, cwd: io.cwd }), resolve(io.cwd, v.out)))
        io.stderr(`irqlens review: wrote ${path}\n`);
    if (failOn === 'never') return 0;
    return introducedFindings(result).some((x) => atLeast(x.finding.severity, failOn as Severity)) ? 1 : 0;
  },
};
