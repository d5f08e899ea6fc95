// The worker RPC's pool (src/engine/worker-pool.ts) against a stand-in worker: the watchdog, a
// worker that dies ("gone", replaced or not) and a method that throws ("bug") give distinct errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unlessGone, WorkerBug, WorkerGone, WorkerTimeout } from '../../src/engine/rpc';
import { WorkerPool } from '../../src/engine/worker-pool';

// Speaks rpc.ts: echoes file names, spins forever on "hang.c", exits on "crash.c" and answers
// "bug.c" with the error a throwing method gives.
const workerSource = `
const { parentPort } = require('node:worker_threads');
parentPort.on('message', (req) => {
  const file = req.params.jobs[0].file;
  if (file === 'hang.c') for (;;) {}
  if (file === 'crash.c') process.exit(3);
  if (file === 'bug.c') return parentPort.postMessage({ id: req.id, error: 'boom', stack: 'Error: boom\\n    at worker' });
  parentPort.postMessage({ id: req.id, method: req.method, result: { results: [], candidates: req.params.jobs, stamps: new Float64Array(0) } });
});
`;

function withWorker(fn: (script: string) => Promise<void>): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'irqlens-pool-'));
  const script = join(dir, 'worker.js');
  writeFileSync(script, workerSource);
  return fn(script).finally(() => rmSync(dir, { recursive: true, force: true }));
}

const scan = (file: string) => ({ stage: 'prefilter' as const, jobs: [{ abs: `/nowhere/${file}`, file }] });

test('a task stuck past the watchdog fails alone with WorkerTimeout; the task queued behind it still runs', { timeout: 30_000 }, () =>
  withWorker(async (script) => {
    const pool = new WorkerPool({ name: 'scan worker', size: 1, script, taskTimeoutMs: 400, replace: true });
    try {
      const stuck = pool.call('scan', scan('hang.c'));
      const behind = pool.call('scan', scan('ok.c'));
      await assert.rejects(stuck, (err: unknown) => err instanceof WorkerTimeout && err.message === 'timed out after 0.4 s');
      assert.deepEqual((await behind).candidates, scan('ok.c').jobs);
      assert.deepEqual((await pool.call('scan', scan('later.c'), true)).candidates, scan('later.c').jobs);
    } finally {
      await pool.close();
    }
  }),
);

test('a worker that exits fails its own task with WorkerGone and is replaced', { timeout: 30_000 }, () =>
  withWorker(async (script) => {
    const pool = new WorkerPool({ name: 'scan worker', size: 1, script, replace: true });
    try {
      await assert.rejects(
        pool.call('scan', scan('crash.c')),
        (err: unknown) => err instanceof WorkerGone && err.message === 'scan worker exited with status 3',
      );
      assert.deepEqual((await pool.call('scan', scan('next.c'))).candidates, scan('next.c').jobs);
    } finally {
      await pool.close();
    }
  }),
);

test('a method that throws in the worker is a WorkerBug, not gone: unlessGone lets it surface', { timeout: 30_000 }, () =>
  withWorker(async (script) => {
    const pool = new WorkerPool({ name: 'check worker', size: 1, script });
    try {
      await assert.rejects(unlessGone(pool.call('scan', scan('bug.c'))), (err: unknown) => {
        assert.ok(err instanceof WorkerBug && !(err instanceof WorkerGone));
        assert.equal(err.message, 'check worker: boom');
        assert.equal(err.remoteStack, 'Error: boom\n    at worker');
        return true;
      });
      assert.equal(pool.answered, 0);
      assert.deepEqual((await pool.call('scan', scan('fine.c'))).candidates, scan('fine.c').jobs);
      assert.equal(pool.answered, 1);
    } finally {
      await pool.close();
    }
  }),
);

test('a pool that does not replace its workers is gone once they died: unlessGone answers undefined', { timeout: 30_000 }, () =>
  withWorker(async (script) => {
    const pool = new WorkerPool({ name: 'check worker', size: 1, script });
    try {
      assert.equal(await unlessGone(pool.call('scan', scan('crash.c'))), undefined);
      await assert.rejects(
        pool.call('scan', scan('after.c')),
        (err: unknown) => err instanceof WorkerGone && err.message === 'check worker exited with status 3',
      );
    } finally {
      await pool.close();
    }
    await assert.rejects(pool.call('scan', scan('closed.c')), (err: unknown) => err instanceof WorkerGone && err.message === 'check worker closed');
  }),
);
