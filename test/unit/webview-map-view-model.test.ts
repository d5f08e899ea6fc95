// The MSI map's model -> view model logic, without a browser.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { DomainMap, MapSnapshot } from '../../src/vocabulary/snapshot';
import type { SourceSite } from '../../src/vocabulary/source-site';
import { assignSiteColours, buildMapView, buildStepView, minBlockPercent, place, siteColourCount } from '../../src/webview/map-view-model';
import { initialMapViewState } from '../../src/protocol/webview';

function site(line: number, api = 'pci_alloc_irq_vectors', fn = 'foo_probe'): SourceSite {
  return { file: 'drivers/foo/foo.c', range: { line, column: 8, endLine: line, endColumn: 8 + api.length }, function: fn, api };
}

function domain(partial: Partial<DomainMap>): DomainMap {
  return {
    domain: 0,
    name: 'MSI_DEFAULT_DOMAIN',
    hwsize: null,
    hwsizeSource: 'MSI-X table size (run time)',
    base: 0,
    allocations: [],
    conflicts: [],
    ...partial,
  };
}

const era = {
  era: 'per-domain' as const,
  label: '6.12-like per-domain',
  source: 'include/linux/msi_api.h',
  domainIds: { MSI_DEFAULT_DOMAIN: 0 },
  intxFlag: 'PCI_IRQ_INTX' as const,
};

function snapshot(domains: DomainMap[], layout: MapSnapshot['layout'] = 'per-domain', partitions: MapSnapshot['partitions'] = []): MapSnapshot {
  return {
    layout,
    era,
    partitions,
    devices: [{ key: 'drivers/foo/foo.c:pdev', label: 'pdev (struct pci_dev *)', class: 'pci', files: ['drivers/foo/foo.c'], domains }],
  };
}

const conflictSnapshot = snapshot([
  domain({
    hwsize: 32,
    hwsizeSource: 'topology: Count=32',
    allocations: [
      { first: 0, last: 7, certainty: 'definite', site: site(40), label: 'pci_alloc_irq_vectors(pdev, 8, 8, PCI_IRQ_MSIX)' },
      { first: 4, last: 4, certainty: 'possible', site: site(52, 'pci_msix_alloc_irq_at'), label: 'pci_msix_alloc_irq_at(pdev, 4, NULL)' },
    ],
    conflicts: [
      {
        first: 4,
        last: 4,
        code: 'msi/index-conflict',
        severity: 'error',
        message: 'index 4 is already allocated at drivers/foo/foo.c:40',
        site: site(52, 'pci_msix_alloc_irq_at'),
      },
    ],
  }),
]);

test('a 32-entry domain is drawn whole, to scale, with allocations and the conflict', () => {
  const view = buildMapView(conflictSnapshot, initialMapViewState);
  const track = view.selected?.tracks[0];
  assert.ok(track);
  assert.deepEqual(track.window, { first: 0, last: 31 });
  assert.equal(track.zoomed, false);
  assert.deepEqual(
    track.blocks.map((b) => [b.kind, b.first, b.last, b.left, b.width, b.pattern, b.colour]),
    [
      ['allocation', 0, 7, 0, 25, 'solid', 1],
      ['allocation', 4, 4, 12.5, 3.125, 'hatched', 2],
      ['conflict', 4, 4, 12.5, 3.125, 'solid', 0],
    ],
  );
  assert.equal(track.detail, 'hwsize 32 (topology: Count=32)');
  assert.equal(view.devices[0]?.conflicts, 1);
});

test('definite and possible differ by pattern, and the description says which', () => {
  const blocks = buildMapView(conflictSnapshot, initialMapViewState).selected?.tracks[0]?.blocks ?? [];
  assert.match(blocks[0]?.description ?? '', /^definite 0\.\.7: pci_alloc_irq_vectors/);
  assert.match(blocks[1]?.description ?? '', /^possible index 4: pci_msix_alloc_irq_at\(pdev, 4, NULL\) at drivers\/foo\/foo\.c:52 in foo_probe\(\)$/);
  assert.match(blocks[2]?.description ?? '', /^error msi\/index-conflict at index 4: index 4 is already allocated/);
});

test('an unknown hwsize means the u16 index space, fitted to the allocations', () => {
  const s = snapshot([domain({ allocations: [{ first: 0, last: 7, certainty: 'definite', site: site(40), label: 'alloc 8' }] })]);
  const track = buildMapView(s, initialMapViewState).selected?.tracks[0];
  assert.deepEqual(track?.space, { first: 0, last: 65535 });
  assert.deepEqual(track?.window, { first: 0, last: 15 });
  assert.equal(track?.zoomed, true);
  assert.equal(track?.detail, 'hwsize unknown (MSI-X table size (run time))');
  assert.deepEqual(
    track?.ticks.map((t) => t.label),
    ['0', '4', '8', '12', '15'],
  );
});

test('a saved zoom window is used when it fits the space, ignored when it does not', () => {
  const s = snapshot([domain({ allocations: [{ first: 0, last: 7, certainty: 'definite', site: site(40), label: 'alloc 8' }] })]);
  const id = 'drivers/foo/foo.c:pdev#0';
  const zoomed = buildMapView(s, { ...initialMapViewState, zoom: { [id]: { first: 0, last: 65535 } } }).selected?.tracks[0];
  assert.deepEqual(zoomed?.window, { first: 0, last: 65535 });
  // 8 of 65536 indices is 0.012%: widened to the minimum so it stays visible and clickable
  assert.equal(zoomed?.blocks[0]?.width, minBlockPercent);
  const bogus = buildMapView(s, { ...initialMapViewState, zoom: { [id]: { first: 10, last: 99999 } } }).selected?.tracks[0];
  assert.deepEqual(bogus?.window, { first: 0, last: 15 });
});

test('the partitioned layout draws one store with the windows and global indices', () => {
  const partitions = [
    { name: 'PCI/MSI-X', domain: 0, first: 0, last: 0xffff },
    { name: 'IMS', domain: 1, first: 0x10000, last: 0x1ffff },
  ];
  const s = snapshot(
    [
      domain({ allocations: [{ first: 0, last: 15, certainty: 'definite', site: site(40), label: 'msix 16' }] }),
      domain({
        domain: 1,
        name: 'MSI_SECONDARY_DOMAIN',
        base: 0x10000,
        hwsize: 0x10000,
        allocations: [{ first: 0, last: 3, certainty: 'definite', site: site(60, 'pci_ims_alloc_irq'), label: 'ims 4' }],
      }),
    ],
    'partitioned',
    partitions,
  );
  const view = buildMapView(s, initialMapViewState);
  assert.equal(view.selected?.tracks.length, 1);
  const track = view.selected?.tracks[0];
  assert.deepEqual(track?.space, { first: 0, last: 0x1ffff });
  assert.deepEqual(track?.window, { first: 0, last: 0x1ffff });
  assert.deepEqual(
    track?.bands.map((b) => [b.name, b.left, b.width]),
    [
      ['PCI/MSI-X', 0, 50],
      ['IMS', 50, 50],
    ],
  );
  assert.deepEqual(
    track?.blocks.map((b) => [b.first, b.last, b.left]),
    [
      [0, 15, 0],
      [0x10000, 0x10003, 50],
    ],
  );
  assert.deepEqual(
    view.table.map((r) => r.range),
    ['0..15', '65536 (0x10000)..65539 (0x10003)'],
  );
});

test('colours follow call sites in source order and cycle through the contributed slots', () => {
  const allocations = Array.from({ length: siteColourCount + 2 }, (_, i) => ({
    first: i,
    last: i,
    certainty: 'definite' as const,
    site: site(100 - i),
    label: `a${i}`,
  }));
  const s = snapshot([domain({ allocations })]);
  const device = s.devices[0];
  assert.ok(device);
  const colours = assignSiteColours(device);
  assert.equal(colours.get('drivers/foo/foo.c:91:8'), 1);
  assert.equal(colours.get('drivers/foo/foo.c:100:8'), ((siteColourCount + 1) % siteColourCount) + 1);
  const legend = buildMapView(s, initialMapViewState).legend;
  assert.equal(legend.length, siteColourCount + 2);
});

test('strings from source are passed through as data, never interpreted', () => {
  const evil = '<img src=x onerror=alert(1)>';
  const s = snapshot([domain({ allocations: [{ first: 0, last: 0, certainty: 'definite', site: { ...site(40), function: evil }, label: evil }] })]);
  const view = buildMapView(s, initialMapViewState);
  assert.equal(view.selected?.tracks[0]?.blocks[0]?.label, evil);
  assert.equal(view.legend[0]?.where, `drivers/foo/foo.c:40 in ${evil}()`);
});

test('no devices gives an explanation instead of an empty map', () => {
  const view = buildMapView({ layout: 'per-domain', era, partitions: [], devices: [] }, initialMapViewState);
  assert.equal(view.selected, undefined);
  assert.equal(view.empty, 'No MSI allocations found in the analysed files.');
});

test('the selected device is kept; an unknown key falls back to the first device', () => {
  const two: MapSnapshot = { ...conflictSnapshot, devices: [...conflictSnapshot.devices, { key: 'b', label: 'b', class: 'platform', files: [], domains: [] }] };
  assert.equal(buildMapView(two, { ...initialMapViewState, device: 'b' }).selected?.key, 'b');
  assert.equal(buildMapView(two, { ...initialMapViewState, device: 'gone' }).selected?.key, 'drivers/foo/foo.c:pdev');
});

test('place clips to the window and returns nothing outside it', () => {
  assert.deepEqual(place(10, 20, { first: 0, last: 15 }), { left: 62.5, width: 37.5 });
  assert.equal(place(16, 20, { first: 0, last: 15 }), undefined);
  assert.deepEqual(place(65535, 65535, { first: 0, last: 65535 }), { left: 100 - minBlockPercent, width: minBlockPercent });
});

test('a simulation step draws the store after it and names the outcome', () => {
  const step = {
    index: 1,
    site: site(52, 'pci_msix_alloc_irq_at'),
    operation: 'allocate index 4 in domain 0 (dynamic MSI-X)',
    outcome: 'error' as const,
    errno: '-EBUSY',
    findings: [{ code: 'msi/index-conflict' as const, severity: 'error' as const, message: 'index 4 is taken' }],
    state: [{ domain: 0, hwsize: 32, occupied: [{ first: 0, last: 7, certainty: 'definite' as const, site: site(40) }], mode: 'msix' as const }],
  };
  const v = buildStepView(step, 1, 3, conflictSnapshot, 'drivers/foo/foo.c:pdev', initialMapViewState);
  assert.equal(v.title, 'Simulation of drivers/foo/foo.c:pdev, step 2/3: allocate index 4 in domain 0 (dynamic MSI-X)');
  assert.equal(v.outcome, 'error (-EBUSY)\nerror msi/index-conflict: index 4 is taken');
  assert.equal(v.current, 'drivers/foo/foo.c:52:8');
  assert.deepEqual(
    v.tracks.map((t) => [t.detail, t.blocks.map((b) => [b.first, b.last, b.left, b.width, b.label])]),
    [['hwsize 32 (as simulated), mode msix', [[0, 7, 0, 25, 'pci_alloc_irq_vectors() at drivers/foo/foo.c:40 in foo_probe()']]]],
  );
});

test('the partitioned layout without configured windows draws the default 0x10000 windows', () => {
  const s = snapshot([domain({ allocations: [{ first: 0, last: 7, certainty: 'definite', site: site(40), label: 'msix 8' }] })], 'partitioned', []);
  const track = buildMapView(s, initialMapViewState).selected?.tracks[0];
  assert.equal(track?.title, 'single store, partitioned');
  assert.deepEqual(track?.space, { first: 0, last: 0x1ffff });
  assert.deepEqual(track?.window, { first: 0, last: 15 });
  assert.equal(track?.detail, 'window 0 (domain 0): 0..65535 (0xffff); window 1 (domain 1): 65536 (0x10000)..131071 (0x1ffff)');
  const whole = buildMapView(s, { ...initialMapViewState, zoom: { [track?.id ?? '']: { first: 0, last: 0x1ffff } } }).selected?.tracks[0];
  assert.deepEqual(
    whole?.bands.map((b) => [b.first, b.last, b.left, b.width]),
    [
      [0, 0xffff, 0, 50],
      [0x10000, 0x1ffff, 50, 50],
    ],
  );
});
