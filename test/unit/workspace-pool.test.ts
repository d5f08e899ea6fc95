import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultEra } from '../../src/facts/index';
import { ScanPool } from '../../src/engine/scan-pool';

// A stand-in worker that speaks the scan protocol: it echoes file names, spins forever on
// "hang.c" and exits on "crash.c", so the pool's watchdog and crash handling can be seen.
const workerSource = `
const { parentPort } = require('node:worker_threads');
parentPort.on('message', (req) => {
  const file = req.jobs[0].file;
  if (file === 'hang.c') for (;;) {}
  if (file === 'crash.c') process.exit(3);
  parentPort.postMessage({ id: req.id, results: [], candidates: req.jobs });
});
`;

function withWorker(fn: (script: string) => Promise<void>): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'irqlens-pool-'));
  const script = join(dir, 'worker.js');
  writeFileSync(script, workerSource);
  return fn(script).finally(() => rmSync(dir, { recursive: true, force: true }));
}

const job = (file: string) => [{ abs: `/nowhere/${file}`, file }];

test('a task stuck past the watchdog fails alone; the task queued behind it still runs', { timeout: 30_000 }, () =>
  withWorker(async (script) => {
    const pool = new ScanPool(script, 1, { cwd: '/', era: defaultEra }, 400);
    try {
      const stuck = pool.run('prefilter', job('hang.c'));
      const behind = pool.run('prefilter', job('ok.c'));
      await assert.rejects(stuck, { message: 'timed out after 0.4 s' });
      assert.deepEqual((await behind).candidates, job('ok.c'));
      assert.deepEqual((await pool.run('extract', job('later.c'))).candidates, job('later.c'));
    } finally {
      await pool.close();
    }
  }),
);

test('a worker that exits fails its own task and is replaced', { timeout: 30_000 }, () =>
  withWorker(async (script) => {
    const pool = new ScanPool(script, 1, { cwd: '/', era: defaultEra });
    try {
      await assert.rejects(pool.run('prefilter', job('crash.c')), { message: 'scan worker exited with status 3' });
      assert.deepEqual((await pool.run('prefilter', job('next.c'))).candidates, job('next.c'));
    } finally {
      await pool.close();
    }
  }),
);
