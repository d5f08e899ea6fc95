// Runs the rules over one directory group (a driver's files) and publishes the diagnostics of
// every file of the group whose diagnostics changed, the edited file first. Keeps the last
// result per group for hover, code actions, code lens and the custom requests.
import type { Finding } from '../vocabulary/finding';
import type { FileFacts } from '../facts/types';
import { conflictCodes, type StatusNotification } from '../protocol/requests';
import { AnalysisState } from './analysis-state';
import type { ServerSettings } from './config';
import { diagnosticsByFile, problemDiagnostic } from './diagnostics';
import { checkKey, type CheckDiskCache } from '../engine/index';
import type { AnalysisSettings, CheckResult, Engine, ScanChecks } from './engine';
import type { DiagnosticsPublisher } from './publisher';

export class GroupChecker {
  private readonly results = new Map<string, CheckResult>();
  /** Times each group's result was replaced: a background result older than the last is stale. */
  private readonly generations = new Map<string, number>();
  /** Files per group that were given diagnostics, to clear them when their findings go. */
  private readonly publishedFiles = new Map<string, Set<string>>();
  /** Called after every publication of a group (the server sends irqlens/status from it). */
  onResults: () => void = () => {};

  constructor(
    private readonly engine: Engine,
    private readonly state: AnalysisState,
    private readonly publisher: DiagnosticsPublisher,
    private readonly docUri: (code: string) => string | undefined,
    private settings: ServerSettings,
    private options: AnalysisSettings,
  ) {}

  configure(settings: ServerSettings, options: AnalysisSettings): void {
    this.settings = settings;
    this.options = options;
  }

  checkOptions(): AnalysisSettings {
    return this.options;
  }

  /** Checks the group of `rel`; `edited` (with its buffer version) is published first. */
  checkGroupOf(rel: string, edited?: { rel: string; version: number }): CheckResult {
    return this.checkGroup(AnalysisState.groupOf(rel), edited);
  }

  checkGroup(group: string, edited?: { rel: string; version: number }): CheckResult {
    const files = this.state.groupFiles(group);
    const output = this.engine.check(files, this.state.era, this.options);
    this.store(group, files, output, edited);
    return output;
  }

  /**
   * Checks many groups (about half in a worker thread), publishing each result as it comes; stops
   * when `signal` aborts. With a cache, a group whose facts and options are unchanged takes its
   * stored result; a group the scan workers already checked (`scanned`) takes theirs. A result
   * that arrives after its group was checked again (an edit) is dropped.
   */
  async checkGroups(groups: string[], signal?: AbortSignal, cache?: CheckDiskCache, scanned?: ScanChecks): Promise<{ cached: number; fromScan: number }> {
    let cached = 0;
    let checkedInScan = 0;
    const todo: { group: string; files: FileFacts[]; key?: string; generation: number }[] = [];
    const era = this.state.era;
    const options = this.options;
    // A cold cache has nothing to find: the keys are computed when it is written.
    const lookup = cache !== undefined && !cache.isEmpty();
    const keyOf = (files: FileFacts[], key: string | undefined): string | (() => string) => key ?? (() => checkKey(files, era, options));
    for (const group of groups) {
      if (signal?.aborted) break;
      const files = this.state.groupFiles(group);
      const key = lookup ? checkKey(files, era, options) : undefined;
      const stored = key !== undefined ? cache?.get(group, key) : undefined;
      // The scan workers checked the directory from its files on disk: not if a buffer is open there.
      const fromScan = stored || files.some((f) => this.state.isOpen(f.file)) ? undefined : scanned?.outputFor(group, files, options);
      if (stored) cached++;
      else if (fromScan) checkedInScan++;
      const output = stored ?? fromScan;
      if (output) {
        this.store(group, files, output);
        if (fromScan && cache) cache.set(group, keyOf(files, key), fromScan);
        await new Promise<void>((resolve) => setImmediate(resolve));
      } else todo.push({ group, files, ...(key !== undefined ? { key } : {}), generation: this.generation(group) });
    }
    if (signal?.aborted || todo.length === 0) return { cached, fromScan: checkedInScan };
    await this.engine.checkEach(
      todo.map((t) => t.files),
      era,
      options,
      signal,
      (i, output) => {
        const t = todo[i]!;
        if (this.generation(t.group) !== t.generation || this.options !== options) return; // checked again meanwhile
        this.store(t.group, t.files, output);
        if (cache) cache.set(t.group, keyOf(t.files, t.key), output);
      },
    );
    return { cached, fromScan: checkedInScan };
  }

  private generation(group: string): number {
    return this.generations.get(group) ?? 0;
  }

  private store(group: string, files: FileFacts[], output: CheckResult, edited?: { rel: string; version: number }): void {
    this.generations.set(group, this.generation(group) + 1);
    this.results.set(group, output);
    this.publishGroup(group, files, output.findings, edited);
  }

  /** Re-checks every group checked so far (after a settings change). */
  async recheckAll(): Promise<void> {
    await this.checkGroups([...this.results.keys()]);
  }

  /** Publishes a result computed elsewhere (the keystroke fast path) as the group's. */
  adopt(rel: string, output: CheckResult, edited: { rel: string; version: number }): void {
    const group = AnalysisState.groupOf(rel);
    this.store(group, this.state.groupFiles(group), output, edited);
  }

  resultForGroup(group: string): CheckResult | undefined {
    return this.results.get(group);
  }

  resultFor(rel: string): CheckResult | undefined {
    return this.results.get(AnalysisState.groupOf(rel));
  }

  findingsIn(rel: string): Finding[] {
    return this.resultFor(rel)?.findings.filter((f) => f.file === rel) ?? [];
  }

  status(scan?: { done: number; total: number }): StatusNotification {
    const counts = { error: 0, warning: 0, info: 0 };
    let conflicts = 0;
    let layout = this.options.layout ?? 'per-domain';
    for (const r of this.results.values()) {
      layout = r.layout;
      for (const f of r.findings) {
        counts[f.severity]++;
        if (conflictCodes.includes(f.code)) conflicts++;
      }
    }
    return scan ? { counts, conflicts, scan, layout } : { counts, conflicts, layout };
  }

  private publishGroup(group: string, files: FileFacts[], findings: Finding[], edited?: { rel: string; version: number }): void {
    const byFile = diagnosticsByFile(findings, this.settings, this.state.paths, this.docUri);
    for (const f of files) {
      if (f.problems.length === 0) continue;
      byFile.set(f.file, [...f.problems.map(problemDiagnostic), ...(byFile.get(f.file) ?? [])]);
    }
    const targets = new Set<string>([...files.map((f) => f.file), ...byFile.keys(), ...(this.publishedFiles.get(group) ?? [])]);
    if (edited) {
      targets.delete(edited.rel);
      this.publisher.publish(this.state.paths.uriFromRel(edited.rel), byFile.get(edited.rel) ?? [], edited.version);
    }
    for (const file of [...targets].sort()) this.publisher.publish(this.state.paths.uriFromRel(file), byFile.get(file) ?? []);
    this.publishedFiles.set(group, new Set(byFile.keys()));
    this.onResults();
  }
}
