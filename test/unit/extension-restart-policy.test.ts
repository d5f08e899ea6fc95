// When the extension restarts a dead language server.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RestartPolicy } from '../../src/extension/restart-policy';

test('restarts up to the limit within the window, then gives up', () => {
  const p = new RestartPolicy(5, 180_000);
  const decisions = [0, 1000, 2000, 3000, 4000, 5000].map((t) => p.onDeath(t));
  assert.deepEqual(
    decisions,
    [1, 2, 3, 4, 5, 6].map((recent) => ({ restart: recent <= 5, recent })),
  );
});

test('deaths older than the window are forgotten', () => {
  const p = new RestartPolicy(2, 1000);
  assert.deepEqual(
    [p.onDeath(0), p.onDeath(500), p.onDeath(1600), p.onDeath(1700)],
    [
      { restart: true, recent: 1 },
      { restart: true, recent: 2 },
      { restart: true, recent: 1 },
      { restart: true, recent: 2 },
    ],
  );
  assert.deepEqual(p.onDeath(1800), { restart: false, recent: 3 });
});
