// The extension's command map (src/extension/command-map.ts) and package.json's
// contributes.commands name the same commands: a command registered but not contributed is
// invisible in the palette, one contributed but not registered fails when run.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { extensionCommandIds } from '../../src/extension/command-map';

const manifest = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'package.json'), 'utf8')) as {
  contributes: { commands: { command: string }[]; menus?: Record<string, { command: string }[]>; keybindings?: { command: string }[] };
};

test("the command map's ids are exactly package.json's contributed commands", () => {
  const contributed = manifest.contributes.commands.map((c) => c.command);
  assert.equal(new Set(contributed).size, contributed.length, 'a command is contributed twice');
  assert.deepEqual([...extensionCommandIds].sort(), [...contributed].sort());
});

test('every menu entry and keybinding names a command of the map', () => {
  const ids = new Set<string>(extensionCommandIds);
  const used = [...Object.values(manifest.contributes.menus ?? {}).flat(), ...(manifest.contributes.keybindings ?? [])].map((m) => m.command);
  assert.ok(used.length > 0);
  assert.deepEqual(
    used.filter((c) => !ids.has(c)),
    [],
  );
});
