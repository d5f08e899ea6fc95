// An editor's header buffer over the disk (AnalysisState + LiveEngine): the files that include
// the header are extracted again from it, a workspace scan (which reads the disk) does not undo
// that, and closing the buffer goes back to the disk's text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AnalysisState } from '../../src/engine/analysis-state';
import { createLiveEngine } from '../../src/engine/live-engine';
import type { FileFacts } from '../../src/facts/types';

const fixtures = join(__dirname, '..', '..', '..', 'test', 'fixtures', 'workspace');
const main = 'drivers/net/demo/demo_main.c';
const header = 'drivers/net/demo/demo.h';

const maxOf = (f: FileFacts | undefined): number | undefined => f?.facts.find((x) => x.api === 'pci_alloc_irq_vectors')?.max?.value;

test('header buffers: includers re-extracted on edit, kept across a scan, back to disk on close', async () => {
  const base = mkdtempSync(join(tmpdir(), 'irqlens-buffers-'));
  const root = join(base, 'tree');
  cpSync(join(fixtures, 'mini-kernel'), root, { recursive: true });
  try {
    const engine = createLiveEngine();
    await engine.ready();
    const era = engine.detectEra(root);
    const state = new AnalysisState(engine, { root, absFromRel: (rel) => join(root, rel) }, era, (m) => assert.fail(m));
    state.group(main);
    const fromDisk = state.facts(main)!;
    assert.equal(maxOf(fromDisk), 5);
    assert.ok(fromDisk.headers?.some((h) => h[0] === join(root, header)));
    const edited = readFileSync(join(root, header), 'utf8').replace('DEMO_NUM_QUEUES\t4', 'DEMO_NUM_QUEUES\t8');
    assert.deepEqual(state.bufferChanged(header, edited), [main]);
    assert.equal(maxOf(state.facts(main)), 9);
    // A scan's facts were read with the disk's header: the open buffer still decides.
    state.setScanned([fromDisk]);
    assert.equal(maxOf(state.facts(main)), 9);
    assert.deepEqual(state.bufferChanged(header, edited), []);
    assert.deepEqual(state.bufferChanged(header, undefined), [main]);
    assert.equal(maxOf(state.facts(main)), 5);
  } finally {
    rmSync(base, { recursive: true, force: true });
  }
});
