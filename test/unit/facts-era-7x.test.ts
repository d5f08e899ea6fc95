// The 7.x era: detection from each real tree's headers (skipped, with a message, when the tree
// is not there), the lifetime rows of the catalogue, the guard facts and their scopes.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import {
  apiPresent,
  catalogue,
  catalogueRow,
  defaultEra,
  detectEra,
  eraFromFacts,
  extractFileFacts,
  initParser,
  namedEra,
  type EraInfo,
  type FileFacts,
  type MsiFact,
} from '../../src/facts/index';

const kernelBase = process.env['KERNEL_SRC_DIR'] || process.env['IRQLENS_KERNEL_SRC'] || join(homedir(), '.cache', 'kernel-src');

function eraOfTree(version: string): EraInfo | string {
  const root = join(kernelBase, `linux-source-${version}`);
  if (!existsSync(join(root, 'include', 'linux', 'msi.h')))
    return `linux-source-${version} not found under KERNEL_SRC_DIR (scripts/get-kernel.sh ${version}): skipped`;
  return (
    detectEra((p) => {
      try {
        return readFileSync(join(root, p), 'utf8');
      } catch {
        return undefined;
      }
    }) ?? 'no era'
  );
}

const lifetimeApis = ['msi_create_parent_irq_domain', 'pci_msi_create_irq_domain', 'msi_lock_descs', 'msi_unlock_descs', 'msi_descs_lock'];

test('Debian 7.3: "7.x per-domain", every 7.x change found, the lock pair and pci_msi_create_irq_domain gone', (t) => {
  const era = eraOfTree('7.3');
  if (typeof era === 'string') return t.skip(era);
  assert.deepEqual(
    [era.era, era.generation, era.label, era.source],
    [
      'per-domain',
      '7.x',
      '7.x per-domain (MSI_MAX_DEVICE_IRQDOMAINS = 1; guard(msi_descs_lock), device domains prepared at creation, PCI/MSI domain hwsize = vector count)',
      'include/linux/msi.h, drivers/pci/msi/msi.h',
    ],
  );
  assert.deepEqual(
    lifetimeApis.map((n) => era.apis?.[n]),
    [true, false, false, false, true],
  );
  assert.deepEqual(
    lifetimeApis.map((n) => apiPresent(n, era)),
    [true, false, false, false, true],
  );
});

test('Debian 6.12: "6.12-like per-domain", no 7.x change, the lock pair and pci_msi_create_irq_domain present', (t) => {
  const era = eraOfTree('6.12');
  if (typeof era === 'string') return t.skip(era);
  assert.deepEqual(
    [era.era, era.generation, era.label, era.source],
    ['per-domain', undefined, '6.12-like per-domain (MSI_MAX_DEVICE_IRQDOMAINS = 1)', 'include/linux/msi_api.h'],
  );
  assert.deepEqual(
    lifetimeApis.map((n) => era.apis?.[n]),
    [false, true, true, true, false],
  );
});

test('Debian 6.1: "6.1-like xarray", the lock pair and pci_msi_create_irq_domain present', (t) => {
  const era = eraOfTree('6.1');
  if (typeof era === 'string') return t.skip(era);
  assert.deepEqual([era.era, era.generation, era.label], ['xarray', undefined, '6.1-like xarray (one store per device, no domain ids)']);
  assert.deepEqual(
    lifetimeApis.map((n) => era.apis?.[n]),
    [false, true, true, true, false],
  );
});

const msiApi = 'enum msi_domain_ids {\n\tMSI_DEFAULT_DOMAIN,\n\tMSI_MAX_DEVICE_IRQDOMAINS,\n};\n';
const reader =
  (files: Record<string, string>) =>
  (p: string): string | undefined =>
    files[p];

test('a tree with some of the 7.x changes is named by what it has and modelled as 6.12', () => {
  const era = detectEra(
    reader({
      'include/linux/msi_api.h': msiApi,
      'include/linux/msi.h':
        '/* msi_lock_descs() in a comment */\nvoid __msi_lock_descs(struct device *dev);\nDEFINE_LOCK_GUARD_1(msi_descs_lock, struct device, __msi_lock_descs(_T->lock), __msi_unlock_descs(_T->lock));\n',
      'drivers/pci/msi/msi.h': 'bool pci_setup_msi_device_domain(struct pci_dev *pdev);\n',
    }),
  )!;
  assert.equal(era.generation, undefined);
  assert.equal(
    era.label,
    'per-domain between 6.12 and 7.x (MSI_MAX_DEVICE_IRQDOMAINS = 1; has guard(msi_descs_lock); lacks device domains prepared at creation, PCI/MSI domain hwsize = vector count: modelled as 6.12)',
  );
  assert.deepEqual([era.apis?.['msi_lock_descs'], era.apis?.['msi_descs_lock']], [false, true]);
});

test('catalogue: the 7.x lifetime rows, the guard class and the *_locked rows', () => {
  assert.deepEqual(
    catalogue.filter((r) => r.lifetime).map((r) => [r.name, r.kind, r.lifetime!.added ?? null, r.lifetime!.removed ?? null, r.lifetime!.header]),
    [
      ['msi_create_parent_irq_domain', 'parent-domain', '7.x', null, 'include/linux/msi.h'],
      ['pci_msi_create_irq_domain', 'parent-domain', null, '7.x', 'include/linux/msi.h'],
      ['msi_lock_descs', 'lock', null, '7.x', 'include/linux/msi.h'],
      ['msi_unlock_descs', 'unlock', null, '7.x', 'include/linux/msi.h'],
      ['msi_descs_lock', 'lock', '7.x', null, 'include/linux/msi.h'],
    ],
  );
  assert.deepEqual(
    catalogue.filter((r) => r.lockGuard).map((r) => r.name),
    ['msi_descs_lock'],
  );
  assert.deepEqual(
    catalogue
      .filter((r) => r.needsDescsLock)
      .map((r) => r.name)
      .sort(),
    [
      'msi_domain_alloc_irqs_all_locked',
      'msi_domain_alloc_irqs_descs_locked',
      'msi_domain_alloc_irqs_range_locked',
      'msi_domain_free_irqs_all_locked',
      'msi_domain_free_irqs_descs_locked',
      'msi_domain_free_irqs_range_locked',
    ],
  );
});

test('apiPresent without headers: the generation decides; the list era and other APIs are not decided', () => {
  const seven = namedEra('7.x')!;
  assert.deepEqual(
    lifetimeApis.map((n) => apiPresent(n, seven)),
    [true, false, false, false, true],
  );
  assert.deepEqual(
    lifetimeApis.map((n) => apiPresent(n, defaultEra)),
    [false, true, true, true, false],
  );
  assert.deepEqual(
    lifetimeApis.map((n) => apiPresent(n, namedEra('6.1')!)),
    [false, true, true, true, false],
  );
  assert.equal(apiPresent('pci_alloc_irq_vectors', seven), undefined);
  assert.equal(apiPresent('msi_lock_descs', { ...defaultEra, era: 'list' }), undefined);
  assert.equal(namedEra('7.2'), undefined);
});

function ff(apis: string[]): FileFacts {
  return { file: 'a.c', facts: apis.map((api, id) => ({ id, api, signature: 'any' }) as MsiFact), functions: [], pciIds: [], drivers: [], problems: [] };
}

test('eraFromFacts: a call only 7.x has, and none it removed, means 7.x', () => {
  assert.equal(eraFromFacts([ff(['msi_descs_lock', 'pci_alloc_irq_vectors'])]).generation, '7.x');
  assert.equal(eraFromFacts([ff(['msi_descs_lock', 'msi_lock_descs'])]).generation, undefined);
  assert.equal(eraFromFacts([ff(['msi_lock_descs'])]).generation, undefined);
});

before(() => initParser());

test('guard(msi_descs_lock)(dev) holds to the end of its block; scoped_guard over the statement it heads', () => {
  const text = `static void f(struct pci_dev *pdev)
{
	if (pdev) {
		guard(msi_descs_lock)(&pdev->dev);
		msi_domain_free_irqs_all_locked(&pdev->dev, MSI_DEFAULT_DOMAIN);
	}
	scoped_guard (msi_descs_lock, &pdev->dev) {
		msi_domain_free_irqs_all_locked(&pdev->dev, MSI_DEFAULT_DOMAIN);
	}
	scoped_guard(msi_descs_lock, &pdev->dev)
		msi_domain_free_irqs_all_locked(&pdev->dev, MSI_DEFAULT_DOMAIN);
	guard(mutex)(&lock);
	msi_lock_descs(&pdev->dev);
	msi_unlock_descs(&pdev->dev);
}
`;
  const facts = extractFileFacts({ file: 'g.c', text, era: defaultEra }).facts.filter((f) => f.kind === 'lock' || f.kind === 'unlock');
  assert.deepEqual(
    facts.map((f) => [
      f.api,
      f.kind,
      f.range.line,
      f.range.column,
      f.args,
      f.device?.key,
      f.lockScope ? [f.lockScope.line, f.lockScope.endLine, f.lockScope.endColumn] : null,
    ]),
    [
      ['msi_descs_lock', 'lock', 4, 9, ['&pdev->dev'], 'pdev', [4, 6, 3]],
      ['msi_descs_lock', 'lock', 7, 16, ['&pdev->dev'], 'pdev', [7, 9, 3]],
      ['msi_descs_lock', 'lock', 10, 15, ['&pdev->dev'], 'pdev', [10, 11, 67]],
      ['msi_lock_descs', 'lock', 13, 2, ['&pdev->dev'], 'pdev', null],
      ['msi_unlock_descs', 'unlock', 14, 2, ['&pdev->dev'], 'pdev', null],
    ],
  );
  assert.ok(catalogueRow('msi_descs_lock')?.lockGuard);
});
