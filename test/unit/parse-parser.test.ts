import { test } from 'node:test';
import assert from 'node:assert/strict';
import { initParser, parseC, parserReady } from '../../src/parse/parser';
import { blankDirectives, blockAt, topLevelBlocks } from '../../src/parse/top-level';

test('initParser loads the wasm grammar once; parseC returns a C tree', async () => {
  await Promise.all([initParser(), initParser()]);
  assert.equal(parserReady(), true);
  const tree = parseC('int f(void) { return g(1); }\n');
  assert.equal(tree.rootNode.type, 'translation_unit');
  assert.equal(tree.rootNode.namedChild(0)!.type, 'function_definition');
  tree.delete();
});

test('includedRanges keep file positions (UTF-16 offsets, multi-byte text before)', async () => {
  await initParser();
  const text = '/* héllo € 😀 */ int a;\n#ifdef X\nint h(void) { return k(2); }\n';
  const s = text.indexOf('int h');
  const e = text.length - 1;
  const tree = parseC(text, null, [{ startIndex: s, endIndex: e, startPosition: { row: 2, column: 0 }, endPosition: { row: 2, column: e - s } }]);
  const k = text.indexOf('k(2)');
  const node = tree.rootNode.descendantForIndex(k, k + 1)!;
  assert.deepEqual([node.text, node.startIndex, node.startPosition], ['k', k, { row: 2, column: 21 }]);
  tree.delete();
});

test('top-level blocks: functions named, initialisers unnamed, directive braces ignored, stray braces survive', () => {
  const code = blankDirectives(`#define X { 1 }
static int __init foo_init(struct pci_dev *p) __must_check
{
	if (x) { y(); }
}
static const struct bar b = { .x = 1 };
}
int baz(void) { }
`);
  const blocks = topLevelBlocks(code);
  assert.deepEqual(
    blocks.map((b) => b.functionName ?? null),
    ['foo_init', null, 'baz'],
  );
  assert.equal(blockAt(blocks, code.indexOf('y()'))!.functionName, 'foo_init');
  assert.equal(blockAt(blocks, code.indexOf('#define')), undefined);
});
