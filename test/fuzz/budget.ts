// The fuzz suite's knobs and tally. A fixed seed and a bounded time per face by default (the test
// command runs it on every change, well under a minute on two cores); `npm run fuzz -- --seconds N
// --seed S` sets IRQLENS_FUZZ_SECONDS and IRQLENS_FUZZ_SEED for longer runs. Each face counts
// what it tried and what went wrong, and prints one line: the campaign's figures.
import assert from 'node:assert/strict';
import type { TestContext } from 'node:test';
import { Worker } from 'node:worker_threads';
import fc from 'fast-check';

/** Default seed: the issue that asked for this suite. */
export const seed = Number(process.env.IRQLENS_FUZZ_SEED ?? 15);

/** Seconds for the whole suite (split between the faces by weight). */
const totalSeconds = Number(process.env.IRQLENS_FUZZ_SECONDS ?? 24);

/** Weights of the faces in the budget (they sum to 1). */
const weights = { facts: 0.3, review: 0.25, topology: 0.15, lsp: 0.2, identifiers: 0.1 } as const;
export type Face = keyof typeof weights;

export function secondsFor(face: Face): number {
  return totalSeconds * weights[face];
}

/**
 * An input that loops for ever blocks its face's thread, where no timer can fire. A watchdog thread
 * sees the input counter stop moving for `stallSeconds`, writes which input of which face (and
 * seed) hung straight to stderr, and kills the process, so the test command fails instead of
 * waiting for ever.
 */
function watchdog(face: string, counter: Int32Array, stallSeconds = Number(process.env.IRQLENS_FUZZ_STALL_SECONDS ?? 120)): Worker {
  const code = `
    const { workerData } = require('node:worker_threads');
    const { writeSync } = require('node:fs');
    const counter = new Int32Array(workerData.buffer);
    let last = -1, since = Date.now();
    setInterval(() => {
      const now = Atomics.load(counter, 0);
      if (now < 0) process.exit(0);
      if (now !== last) { last = now; since = Date.now(); return; }
      if (Date.now() - since < workerData.stallMs) return;
      writeSync(2, 'fuzz ' + workerData.face + ': input ' + now + ' (seed ' + workerData.seed + ') ran for over ' + (workerData.stallMs / 1000) + ' s: a hang; killing the run\\n');
      process.kill(process.pid, 'SIGKILL');
    }, 1000);`;
  const worker = new Worker(code, { eval: true, workerData: { buffer: counter.buffer, face, seed, stallMs: stallSeconds * 1000 } });
  worker.unref();
  return worker;
}

/** What one face tried and what went wrong: every count but `inputs` must stay zero. */
export class Tally {
  private readonly counter = new Int32Array(new SharedArrayBuffer(4));
  inputs = 0;
  crashes: string[] = [];
  hangs: string[] = [];
  silentSkips: string[] = [];

  /** Watched from here until the test ends. */
  constructor(
    readonly face: string,
    t: TestContext,
  ) {
    watchdog(face, this.counter);
    t.after(() => Atomics.store(this.counter, 0, -1));
  }

  /** Counts one more input (the watchdog watches this count move). */
  count(): void {
    this.inputs++;
    Atomics.store(this.counter, 0, this.inputs);
  }

  /** Runs one input; `slowMs` past which it counts as a hang (it cannot be interrupted in-process). */
  run<T>(what: string, slowMs: number, body: () => T): T | undefined {
    const t0 = this.start();
    try {
      return body();
    } catch (err) {
      return this.crash(what, err);
    } finally {
      this.timed(what, t0, slowMs);
    }
  }

  async runAsync<T>(what: string, slowMs: number, body: () => Promise<T>): Promise<T | undefined> {
    const t0 = this.start();
    try {
      return await body();
    } catch (err) {
      return this.crash(what, err);
    } finally {
      this.timed(what, t0, slowMs);
    }
  }

  private start(): number {
    this.count();
    return performance.now();
  }

  private crash(what: string, err: unknown): undefined {
    this.crashes.push(`${what}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`.slice(0, 2000));
    return undefined;
  }

  private timed(what: string, t0: number, slowMs: number): void {
    const ms = performance.now() - t0;
    if (ms > slowMs) this.hangs.push(`${what}: ${Math.round(ms)} ms`);
  }

  silent(what: string): void {
    this.silentSkips.push(what);
  }

  /** Prints the face's figures and fails with the first example of anything that went wrong. */
  report(t: TestContext): void {
    const line = `fuzz ${this.face}: ${this.inputs} inputs (seed ${seed}), ${this.crashes.length} crashes, ${this.hangs.length} hangs, ${this.silentSkips.length} silent skips`;
    t.diagnostic(line);
    if (process.env.IRQLENS_FUZZ_VERBOSE === '1') process.stderr.write(`${line}\n`);
    assert.deepEqual(this.crashes.slice(0, 3), [], `${line}: crashes`);
    assert.deepEqual(this.hangs.slice(0, 3), [], `${line}: hangs`);
    assert.deepEqual(this.silentSkips.slice(0, 3), [], `${line}: silent skips`);
    assert.ok(this.inputs > 0, `${line}: nothing was tried`);
  }
}

/** fast-check parameters for a face: the fixed seed, and runs until its share of the budget is spent. */
export function params(face: Face, numRuns = 1_000_000): fc.Parameters<unknown> {
  return { seed, numRuns, interruptAfterTimeLimit: secondsFor(face) * 1000, markInterruptAsFailure: false, endOnFailure: true };
}

/** Tokens that break C, diffs, mail and JSON in interesting ways. */
export const hostileTokens = [
  '(',
  ')',
  '{',
  '}',
  '[',
  ']',
  ';',
  ',',
  '#if X\n',
  '#endif\n',
  '#define PCI_IRQ_MSIX 7\n',
  '\\\n',
  '"',
  "'",
  '/*',
  '*/',
  '//',
  '\u001b',
  '\u001bc',
  '\u001b[31m',
  '\r',
  '\u0000',
  '\u202e',
  '\u009b',
  '\ufeff',
  '\ud800',
  '\u00e9',
  '\t',
  '('.repeat(300),
  ')'.repeat(300),
  '{'.repeat(250),
  '}'.repeat(250),
  'x'.repeat(5000),
  '-'.repeat(400),
  '0xffffffffffffffff',
  '9007199254740993',
  'BIT(63)',
  'MSI_ANY_INDEX',
  '-1',
  '0x7fffffff',
  'pci_alloc_irq_vectors(pdev, 1, 4, PCI_IRQ_MSIX);',
  'pci_enable_msi(',
  'pci_free_irq_vectors(pdev);',
  'goto err;',
  'err:',
  'return ',
  'if (',
  'else ',
  'for (i = 0; i < n; i++) ',
  'switch (x) { case 1: ',
  'while (1) ',
  '--- a/',
  '+++ b/',
  '@@ -1,1 +1,1 @@\n',
  '@@@ -1,1 -1,1 +1,1 @@@\n',
  'diff --git a/x b/x\n',
  'GIT binary patch\n',
  '../',
  '/etc/passwd',
  '"a/..\\057x"',
  'a/../../x',
  '\n-- \n',
  'From 0000000000000000000000000000000000000000 Mon Sep 17 00:00:00 2001\n',
  'Content-Transfer-Encoding: base64\n',
  'Content-Type: multipart/mixed; boundary="b"\n',
  '--b\n',
  '!!!=',
  'null',
  '[]',
  '12',
  '{"functions": 5}',
  '"bdf": "zz:zz.9"',
  '"tableSize": -1',
  '"tableSize": 1e999',
  'Capabilities: [b0] MSI-X: Enable+ Count=0 Masked-\n',
  '\tCapabilities: <access denied>\n',
  '00:00.0 ',
  'ff:1f.7 ',
];

export type Mutation = { at: number; kind: 'insert' | 'delete' | 'duplicate' | 'replace' | 'truncate'; len: number; token: number };

/** A mutation of a text: positions and lengths as fractions so they fit any text. */
export const mutation: fc.Arbitrary<Mutation> = fc.record({
  at: fc.nat(1_000_000),
  kind: fc.constantFrom('insert', 'delete', 'duplicate', 'replace', 'truncate'),
  len: fc.nat(400),
  token: fc.nat(hostileTokens.length - 1),
}) as fc.Arbitrary<Mutation>;

export function mutate(text: string, ms: readonly Mutation[]): string {
  let s = text;
  for (const m of ms) {
    const at = s.length === 0 ? 0 : m.at % (s.length + 1);
    const token = hostileTokens[m.token]!;
    switch (m.kind) {
      case 'insert':
        s = s.slice(0, at) + token + s.slice(at);
        break;
      case 'delete':
        s = s.slice(0, at) + s.slice(at + m.len);
        break;
      case 'duplicate':
        s = s.slice(0, at + m.len) + s.slice(at, at + m.len) + s.slice(at + m.len);
        break;
      case 'replace':
        s = s.slice(0, at) + token + s.slice(at + Math.min(m.len, token.length));
        break;
      case 'truncate':
        s = s.slice(0, at);
        break;
    }
  }
  return s;
}

/** One to six mutations of one seed text. */
export function mutantOf(seeds: readonly string[]): fc.Arbitrary<{ seedIndex: number; text: string }> {
  return fc
    .tuple(fc.nat(seeds.length - 1), fc.array(mutation, { minLength: 1, maxLength: 6 }))
    .map(([k, ms]) => ({ seedIndex: k, text: mutate(seeds[k]!, ms) }));
}
