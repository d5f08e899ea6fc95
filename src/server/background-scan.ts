// The workspace scan: the engine's worker-thread analysis of every file under the root, with
// $/progress work-done progress the user can cancel, cached on disk by the engine so a
// reopened tree does not start from zero. It never blocks an edit: the workers parse, and the
// main thread only merges results between the edits it serves.
import type { Connection } from 'vscode-languageserver';
import { IrqlensNotification } from '../protocol/requests';
import type { AnalysisState } from './analysis-state';
import { CheckDiskCache } from '../engine/index';
import type { ServerSettings } from './config';
import type { Engine } from './engine';
import type { GroupChecker } from './group-checker';
import { ScanProgress } from './scan-progress';

export interface ScanConfig {
  cacheDir: string | null;
  workDoneProgress: boolean;
  log: (message: string) => void;
}

export class BackgroundScan {
  private controller: AbortController | null = null;

  constructor(
    private readonly connection: Connection,
    private readonly engine: Engine,
    private readonly state: AnalysisState,
    private readonly checker: GroupChecker,
    private readonly config: ScanConfig,
  ) {}

  /** Starts a scan, cancelling one that runs. Resolves when it ends (done, cancelled or failed). */
  start(settings: ServerSettings): Promise<void> {
    this.cancel();
    const controller = new AbortController();
    this.controller = controller;
    return this.run(settings, controller).finally(() => {
      if (this.controller === controller) this.controller = null;
    });
  }

  cancel(): void {
    this.controller?.abort();
    this.controller = null;
  }

  private async run(settings: ServerSettings, controller: AbortController): Promise<void> {
    const progress = new ScanProgress(this.connection, this.config.workDoneProgress, () => controller.abort());
    const started = performance.now();
    let last = 0;
    let writeFactsCache: (() => void) | undefined;
    try {
      const { era, files, writeCache, checks } = await this.engine.scan(this.state.paths.root, {
        exclude: settings.exclude,
        check: this.checker.checkOptions(),
        cacheDir: this.config.cacheDir,
        signal: controller.signal,
        onProblem: this.config.log,
        onProgress: (done, total) => {
          const now = performance.now();
          if (now - last < 200 && done < total) return;
          last = now;
          progress.report(total > 0 ? Math.floor((done * 100) / total) : 0, `${done}/${total} files`);
          void this.connection.sendNotification(IrqlensNotification.status, this.checker.status({ done, total }));
        },
      });
      writeFactsCache = writeCache;
      if (controller.signal.aborted) {
        this.config.log('irqlens: workspace scan cancelled');
        return;
      }
      // Outside a kernel tree the era is read from the calls the scan found.
      this.state.setEra(era);
      this.state.setScanned(files);
      const factsMs = performance.now() - started;
      // About half the groups in a worker, the rest one per turn of the event loop, so edits that
      // arrive meanwhile go first.
      const cache = new CheckDiskCache(this.config.cacheDir, this.state.paths.root, this.config.log);
      const groups = this.state.groups();
      const { cached, fromScan } = await this.checker.checkGroups(groups, controller.signal, cache, checks);
      const total = Math.round(performance.now() - started);
      this.config.log(
        `irqlens: scanned ${files.length} files with MSI calls in ${total} ms (facts ${Math.round(factsMs)} ms, checks ${total - Math.round(factsMs)} ms, ${cached}/${groups.length} directories from the check cache, ${fromScan} checked by the scan workers)`,
      );
      void this.connection.sendNotification(IrqlensNotification.status, this.checker.status());
      // Every diagnostic is out: the progress ends before the caches are written. (The message
      // writer sends from a promise chain: one event-loop turn lets it go before the writes.)
      progress.done();
      await new Promise<void>((resolve) => setImmediate(resolve));
      if (!controller.signal.aborted) cache.save();
    } catch (err) {
      if (controller.signal.aborted) this.config.log('irqlens: workspace scan cancelled');
      else this.config.log(`irqlens: workspace scan failed: ${err instanceof Error ? err.message : String(err)}`);
    } finally {
      progress.done();
      writeFactsCache?.(); // the facts are complete even when the checks were cancelled
    }
  }
}
