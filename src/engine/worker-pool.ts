// The main thread's side of the worker RPC (rpc.ts): a small worker_threads pool, used for the
// scan (many workers, a watchdog, dead workers replaced) and for the check helper (one worker,
// no watchdog, a dead worker stays gone and its work is done on the main thread). Not piscina:
// piscina starts its own entry as `<__dirname>/worker.js`, which once bundled into dist/ is our
// worker, so it cannot be bundled.
//
// Each worker holds up to `depth` tasks so it never waits for the main thread (more while the
// main thread lists a tree: setDepth); a worker answers in order, so the first it holds is the
// one running. A task that runs longer than the watchdog allows (a parser stuck on pathological
// input) has its worker terminated: that task fails with WorkerTimeout, the worker's other tasks
// are queued again, and a new worker takes over. A worker that dies fails the tasks it holds
// with WorkerGone.
import { Worker } from 'node:worker_threads';
import { type Method, type Params, type Request, type Response, type Result, WorkerBug, WorkerGone, type WorkerSetup, WorkerTimeout } from './rpc';
import { resolveWorkerScript } from './worker-script';

export interface PoolOptions {
  /** Names the workers in errors ("scan worker exited with status 3"). */
  name: string;
  size: number;
  /** The workers' workerData (a scan worker needs the scan's setup). */
  setup?: WorkerSetup;
  /** Watchdog: how long one task may run; none when absent. */
  taskTimeoutMs?: number;
  /** Start a new worker when one dies (else a dead worker's pool is gone for good). */
  replace?: boolean;
  /** The worker script (tests give a stand-in); default the engine's worker (workerScript()). */
  script?: string;
}

interface Pending {
  request: Request;
  resolve: (result: never) => void;
  reject: (err: Error) => void;
}

interface Slot {
  worker: Worker;
  /** In the order sent; the worker answers in order, so the first is the one running. */
  busy: Map<number, Pending>;
  /** When the running (first) task started. */
  headSince: number;
}

/** The engine's one worker entry (worker.ts): dist/worker.js next to the bundle, or the
 *  transpiled worker.js in out/. */
export function workerScript(): string {
  return resolveWorkerScript('worker.js', __dirname, 'worker');
}

export class WorkerPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Pending[] = [];
  private nextId = 1;
  private closed = false;
  /** Why the pool is gone (a worker died and none replaces it), once it is. */
  private gone: WorkerGone | undefined;
  private depth = 2;
  private readonly watchdog: NodeJS.Timeout | undefined;
  private readonly script: string;
  /** Requests answered (tests check that work really went to a worker). */
  answered = 0;

  constructor(private readonly options: PoolOptions) {
    this.script = options.script ?? workerScript();
    for (let i = 0; i < Math.max(1, options.size); i++) this.slots.push(this.spawn());
    const timeout = options.taskTimeoutMs;
    if (timeout !== undefined) {
      this.watchdog = setInterval(() => this.checkStuck(timeout), Math.min(1000, timeout / 4));
      this.watchdog.unref();
    }
  }

  /**
   * How many tasks each worker may hold. While the main thread is busy in synchronous work
   * (listing a tree) it cannot hand out the next task when one ends, so a deeper queue keeps the
   * workers fed; back at the default, the last tasks go to whichever worker is free first.
   */
  setDepth(depth: number): void {
    this.depth = Math.max(1, depth);
    this.dispatch();
  }

  /** Number of workers (replaced workers count once). */
  get size(): number {
    return this.slots.length;
  }

  /** `method` with `params` in a worker. `urgent` tasks jump the queue. */
  call<M extends Method>(method: M, params: Params<M>, urgent = false): Promise<Result<M>> {
    if (this.closed) return Promise.reject(new WorkerGone(`${this.options.name} closed`));
    if (this.gone) return Promise.reject(this.gone);
    return new Promise<Result<M>>((resolve, reject) => {
      const request = { id: this.nextId++, method, params } as Request;
      const pending: Pending = { request, resolve: resolve as (r: never) => void, reject };
      if (urgent) this.queue.unshift(pending);
      else this.queue.push(pending);
      this.dispatch();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.watchdog) clearInterval(this.watchdog);
    const reason = new WorkerGone(`${this.options.name} closed`);
    for (const p of this.queue.splice(0)) p.reject(reason);
    await Promise.all(this.slots.splice(0).map((s) => this.stop(s, reason)));
  }

  private spawn(): Slot {
    const worker = new Worker(this.script, { workerData: this.options.setup ?? {} });
    const slot: Slot = { worker, busy: new Map(), headSince: Date.now() };
    worker.on('message', (response: Response) => this.settle(slot, response));
    worker.on('error', (err) => this.lose(slot, new WorkerGone(`${this.options.name} failed: ${err.message}`)));
    worker.on('exit', (code) => this.lose(slot, new WorkerGone(`${this.options.name} exited with status ${code}`)));
    return slot;
  }

  private settle(slot: Slot, response: Response): void {
    const pending = slot.busy.get(response.id);
    if (!pending) return;
    slot.busy.delete(response.id);
    slot.headSince = Date.now();
    if ('error' in response) pending.reject(new WorkerBug(`${this.options.name}: ${response.error}`, response.stack));
    else if (response.method !== pending.request.method)
      pending.reject(new WorkerBug(`${this.options.name}: answered ${pending.request.method} with ${response.method}`));
    else {
      this.answered++;
      pending.resolve(response.result as never);
    }
    this.dispatch();
  }

  /** A worker died: its tasks fail, and a new worker takes its place (or the pool is gone). */
  private lose(slot: Slot, reason: WorkerGone): void {
    const index = this.slots.indexOf(slot);
    if (index === -1) return;
    this.slots.splice(index, 1);
    for (const p of slot.busy.values()) p.reject(reason);
    slot.busy.clear();
    if (this.closed) return;
    if (this.options.replace) this.slots.push(this.spawn());
    else if (this.slots.length === 0) {
      this.gone = reason;
      for (const p of this.queue.splice(0)) p.reject(reason);
    }
    this.dispatch();
  }

  private checkStuck(timeoutMs: number): void {
    const now = Date.now();
    for (const slot of [...this.slots]) {
      const head = slot.busy.values().next().value;
      if (!head || now - slot.headSince < timeoutMs) continue;
      slot.busy.delete(head.request.id);
      const innocent = [...slot.busy.values()];
      slot.busy.clear();
      this.queue.unshift(...innocent);
      const seconds = (timeoutMs / 1000).toFixed(timeoutMs < 10_000 ? 1 : 0);
      head.reject(new WorkerTimeout(`timed out after ${seconds} s`));
      slot.worker.removeAllListeners('exit');
      void slot.worker.terminate();
      this.lose(slot, new WorkerGone(`${this.options.name} terminated`));
    }
  }

  private async stop(slot: Slot, reason: WorkerGone): Promise<void> {
    for (const p of slot.busy.values()) p.reject(reason);
    slot.busy.clear();
    slot.worker.removeAllListeners('exit');
    await slot.worker.terminate();
  }

  /** One task per worker per pass, so with a deep queue every worker gets work at once. */
  private dispatch(): void {
    for (let gave = true; gave && this.queue.length > 0; ) {
      gave = false;
      for (const slot of this.slots) {
        if (slot.busy.size >= this.depth || this.queue.length === 0) continue;
        const next = this.queue.shift()!;
        if (slot.busy.size === 0) slot.headSince = Date.now();
        slot.busy.set(next.request.id, next);
        slot.worker.postMessage(next.request);
        gave = true;
      }
    }
  }
}

/** One worker that checks parts of trees for the main thread (check-in-parts.ts, check-each.ts):
 *  no watchdog (a part of a large tree takes long), and once it is gone its work is done here. */
export function startCheckHelper(): WorkerPool {
  return new WorkerPool({ name: 'check worker', size: 1 });
}
