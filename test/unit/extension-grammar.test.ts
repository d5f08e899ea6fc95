// The injection grammars accent exactly the catalogue's API names (and a few IRQ-domain calls),
// so the grammar cannot drift from the engine's catalogue.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { catalogue, catalogueNames } from '../../src/facts/catalogue';

const root = join(__dirname, '..', '..', '..');
function grammar(name: string): { injectionSelector: string; repository: { api: { patterns: { name: string; match: string }[] } } } {
  return JSON.parse(readFileSync(join(root, 'syntaxes', name), 'utf8'));
}
const c = grammar('msi-api-c.injection.tmLanguage.json');
const fnRe = new RegExp(c.repository.api.patterns[0]?.match ?? '', 'g');
const constRe = new RegExp(c.repository.api.patterns[1]?.match ?? '', 'g');
const matches = (re: RegExp, s: string): string[] => [...s.matchAll(re)].map((m) => m[0]);

const guardRe = new RegExp(c.repository.api.patterns[2]?.match ?? '$^', 'g');
const guardClasses = catalogue.filter((r) => r.lockGuard).map((r) => r.name);

test('every catalogue API is accented when called', () => {
  const missing = catalogueNames().filter((n) => !guardClasses.includes(n) && matches(fnRe, `\tret = ${n}(pdev, 1);`).join() !== n);
  assert.deepEqual(missing, []);
});

test('lock-guard classes are accented where a guard names them, nowhere else', () => {
  assert.deepEqual(guardClasses, ['msi_descs_lock']);
  assert.deepEqual(matches(guardRe, '\tguard(msi_descs_lock)(&pdev->dev);\n\tscoped_guard (msi_descs_lock, dev) {'), ['msi_descs_lock', 'msi_descs_lock']);
  assert.deepEqual(matches(guardRe, 'my_msi_descs_lock(dev); msi_descs_locked(x)'), []);
});

test('near misses and non-calls are not accented', () => {
  assert.deepEqual(matches(fnRe, 'my_pci_enable_msi(x); pci_enable_msix_rangex(y); pci_irq_vector;'), []);
  assert.deepEqual(matches(fnRe, 'nvec = pci_irq_vector (pdev, i);'), ['pci_irq_vector']);
});

test('constants are accented, look-alikes are not', () => {
  assert.deepEqual(matches(constRe, 'PCI_IRQ_MSIX | PCI_IRQ_MSI, MSI_DEFAULT_DOMAIN, MSI_FLAG_PCI_MSIX_ALLOC_DYN, MY_PCI_IRQ_MSIX, PCI_IRQ_MSIXX'), [
    'PCI_IRQ_MSIX',
    'PCI_IRQ_MSI',
    'MSI_DEFAULT_DOMAIN',
    'MSI_FLAG_PCI_MSIX_ALLOC_DYN',
  ]);
});

test('the grammars inject into C, C++ and diff, never replacing them', () => {
  assert.equal(c.injectionSelector, 'L:source.c -comment -string, L:source.cpp -comment -string');
  assert.equal(grammar('msi-api-diff.injection.tmLanguage.json').injectionSelector, 'L:source.diff');
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { contributes: { grammars: { language?: string; injectTo: string[] }[] } };
  assert.ok(pkg.contributes.grammars.every((g) => g.language === undefined));
  assert.deepEqual(
    pkg.contributes.grammars.map((g) => g.injectTo),
    [['source.c', 'source.cpp'], ['source.diff']],
  );
});

test('in diffs, added and removed lines are re-matched (so calls inside get accented), headers are not', () => {
  const diff = JSON.parse(readFileSync(join(root, 'syntaxes', 'msi-api-diff.injection.tmLanguage.json'), 'utf8')) as {
    patterns: { name: string; begin?: string; match?: string }[];
  };
  const [inserted, deleted, trailer] = diff.patterns;
  const re = (s: string | undefined): RegExp => new RegExp(s ?? '$^');
  assert.deepEqual(
    ['+\tret = pci_enable_msi(pdev);', '+++ b/drivers/foo/foo.c', '+'].map((l) => re(inserted?.begin).test(l)),
    [true, false, true],
  );
  assert.deepEqual(
    ['-\tpci_disable_msi(pdev);', '--- a/drivers/foo/foo.c', '---'].map((l) => re(deleted?.begin).test(l)),
    [true, false, false],
  );
  assert.deepEqual(
    ['Signed-off-by: A <a@b>', 'Fixes: 0123456789ab ("x")', 'Signed-off-by:A'].map((l) => re(trailer?.match).test(l)),
    [true, true, false],
  );
});
