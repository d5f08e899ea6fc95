import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { scanInterruptBudget, tuneTierUpForScans } from '../../src/workspace/tier-up';

test('tuneTierUpForScans leaves a budget the user gave node', () => {
  assert.equal(tuneTierUpForScans(['--interrupt-budget=5000']), false);
  assert.equal(tuneTierUpForScans(['--max-old-space-size=4096', '--interrupt_budget', '5000']), false);
});

test('tuneTierUpForScans sets its budget when the user set none', () => {
  assert.equal(scanInterruptBudget, 1_000_000);
  assert.equal(tuneTierUpForScans(['--enable-source-maps', '--interrupt-budgets']), true);
});

test('the flag is accepted by this node without a warning', () => {
  // V8 prints an unknown flag's error to stdout, which would corrupt `irqlens lsp --stdio` and
  // JSON output; V8 renames flags between releases.
  const r = spawnSync(process.execPath, ['-e', `require(${JSON.stringify(require.resolve('../../src/workspace/tier-up'))}).tuneTierUpForScans()`], {
    encoding: 'utf8',
  });
  assert.deepEqual([r.status, r.stdout, r.stderr], [0, '', '']);
});
