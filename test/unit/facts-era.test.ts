import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultEra, detectEra, eraFromFacts, type FileFacts, type MsiFact } from '../../src/facts/index';

const reader =
  (files: Record<string, string>) =>
  (p: string): string | undefined =>
    files[p];

test('6.12-like: msi_api.h with only MSI_DEFAULT_DOMAIN', () => {
  const era = detectEra(
    reader({
      'include/linux/msi_api.h': 'enum msi_domain_ids {\n\tMSI_DEFAULT_DOMAIN,\n\tMSI_MAX_DEVICE_IRQDOMAINS,\n};\n#define MSI_ANY_INDEX UINT_MAX\n',
      'include/linux/pci.h': '#define PCI_IRQ_INTX (1 << 0)\n',
    }),
  );
  assert.deepEqual(era, {
    era: 'per-domain',
    label: '6.12-like per-domain (MSI_MAX_DEVICE_IRQDOMAINS = 1)',
    source: 'include/linux/msi_api.h',
    maxDeviceIrqDomains: 1,
    domainIds: { MSI_DEFAULT_DOMAIN: 0 },
    intxFlag: 'PCI_IRQ_INTX',
  });
});

test('6.2–6.11-like: MSI_SECONDARY_DOMAIN present (comments ignored)', () => {
  const era = detectEra(
    reader({
      'include/linux/msi_api.h':
        '/* enum msi_domain_ids { BOGUS } */\nenum msi_domain_ids {\n\tMSI_DEFAULT_DOMAIN,\n\tMSI_SECONDARY_DOMAIN,\n\tMSI_MAX_DEVICE_IRQDOMAINS,\n};\n',
    }),
  );
  assert.equal(era!.maxDeviceIrqDomains, 2);
  assert.deepEqual(era!.domainIds, { MSI_DEFAULT_DOMAIN: 0, MSI_SECONDARY_DOMAIN: 1 });
  assert.match(era!.label, /^6\.2–6\.11-like/);
});

test('6.1-like xarray: __store and msi_add_msi_desc in msi.h, PCI_IRQ_LEGACY in pci.h', () => {
  const era = detectEra(
    reader({
      'include/linux/msi.h':
        'struct msi_device_data {\n\tunsigned long properties;\n\tstruct xarray __store;\n};\nint msi_add_msi_desc(struct device *dev, struct msi_desc *init_desc);\n',
      'include/linux/pci.h': '#define PCI_IRQ_LEGACY (1 << 0)\n',
    }),
  );
  assert.deepEqual([era!.era, era!.intxFlag, era!.source, era!.maxDeviceIrqDomains], ['xarray', 'PCI_IRQ_LEGACY', 'include/linux/msi.h', undefined]);
});

test('list era and no headers at all', () => {
  assert.equal(
    detectEra(reader({ 'include/linux/msi.h': '#define for_each_msi_entry(desc, dev) list_for_each_entry((desc), dev_to_msi_list((dev)), list)\n' }))!.era,
    'list',
  );
  assert.equal(detectEra(reader({})), undefined);
});

function ff(signatures: MsiFact['signature'][]): FileFacts {
  return { file: 'a.c', facts: signatures.map((signature, id) => ({ id, signature }) as MsiFact), functions: [], pciIds: [], drivers: [], problems: [] };
}

test('eraFromFacts: 6.1-only call shapes mean xarray; 6.2+ shapes or nothing mean the default', () => {
  assert.equal(eraFromFacts([ff(['6.1', '6.1', 'any'])]).era, 'xarray');
  assert.equal(eraFromFacts([ff(['6.2+', 'any'])]).source, 'call signatures');
  assert.equal(eraFromFacts([ff(['any'])]), defaultEra);
});
