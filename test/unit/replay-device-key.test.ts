import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Expr } from '../../src/facts/types';
import { deviceObject, devicePathKey, pathKey, renameKeyRoot } from '../../src/model/replay/device-key';

const at = { line: 1, column: 1, endLine: 1, endColumn: 1 };
const v = (name: string): Expr => ({ t: 'var', name });
const arrow = (base: Expr, name: string): Expr => ({ t: 'field', base, name });
const dot = (base: Expr, name: string): Expr => ({ t: 'field', base, name, dot: true });
const none = new Map<string, string>();

test('device key: &X->dev, X->dev and to_pci_dev(X) denote X; another member keeps its path', () => {
  const pdev = v('pdev');
  assert.deepEqual(deviceObject({ t: 'addr', a: arrow(pdev, 'dev') }), pdev);
  assert.deepEqual(deviceObject(arrow(pdev, 'dev')), pdev);
  assert.deepEqual(deviceObject({ t: 'call', name: 'to_pci_dev', args: [v('dev')], at }), v('dev'));
  assert.equal(devicePathKey({ t: 'addr', a: arrow(v('priv'), 'timer') }, none), 'priv->timer');
  assert.equal(devicePathKey(arrow(v('adapter'), 'pdev'), none), 'adapter->pdev');
});

test('path key: `.` and `->` as written, constant and variable indexes; values are not paths', () => {
  assert.equal(pathKey(arrow(dot(v('hw'), 'bus'), 'pdev'), none), 'hw.bus->pdev');
  assert.equal(pathKey({ t: 'index', base: arrow(v('ad'), 'vf'), index: { t: 'int', value: 2 } }, none), 'ad->vf[2]');
  assert.equal(pathKey({ t: 'index', base: v('vf'), index: v('i') }, none), 'vf[i]');
  assert.equal(pathKey({ t: 'binary', op: '+', left: v('a'), right: v('b') }, none), undefined);
  assert.equal(pathKey({ t: 'call', name: 'pci_get_device', args: [], at }, none), undefined);
  assert.equal(pathKey({ t: 'other', text: '' }, none), undefined);
});

test('renaming: the root variable through a callee frame, in IR paths and in facts-layer keys alike', () => {
  const rename = new Map([['priv', '3:adapter']]);
  assert.equal(pathKey(arrow(v('priv'), 'pdev'), rename), '3:adapter->pdev');
  assert.equal(renameKeyRoot('priv->pdev', rename), '3:adapter->pdev');
  assert.equal(renameKeyRoot('private->pdev', rename), 'private->pdev');
  assert.equal(renameKeyRoot('priv', rename), '3:adapter');
});
