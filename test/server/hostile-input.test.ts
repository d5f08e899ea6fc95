// Hostile input to the language server (issue 15): special files behind custom requests, broken
// framing, wrong parameter types and reversed edit ranges. The server answers every later request.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { startSession } from './helpers';

test('irqlens/reviewPatch on a FIFO is refused at once and the server keeps answering', async (t) => {
  const s = await startSession('qdrv');
  t.after(() => s.dispose());
  assert.equal(spawnSync('mkfifo', [join(s.root, 'pipe.patch')]).status, 0);
  await assert.rejects(s.client.request('irqlens/reviewPatch', { uri: s.uri('pipe.patch') }), {
    code: -32602,
    message: 'uri: cannot read pipe.patch: not a regular file (device, FIFO or socket): skipped',
  });
  assert.ok(Array.isArray(await s.client.request('irqlens/devices', {})));
});
