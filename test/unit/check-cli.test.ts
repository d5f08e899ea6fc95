// `irqlens check` and `irqlens simulate` through the CLI entry: output, exit statuses, usage errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main';
import { pciDriver } from './check-helpers';

function dirWith(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'irqlens-check-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

async function run(args: string[], cwd: string): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(args, { stdout: (t) => void (out += t), stderr: (t) => void (err += t), cwd, interactive: false });
  return { code, out, err };
}

const conflict = pciDriver(`
	n = pci_alloc_irq_vectors(pdev, 4, 4, PCI_IRQ_MSIX);
	if (n < 0)
		return n;
	n = pci_alloc_irq_vectors(pdev, 2, 2, PCI_IRQ_MSIX);
	return 0;`);
const clean = pciDriver(`
	n = pci_alloc_irq_vectors(pdev, 1, 4, PCI_IRQ_MSIX);
	if (n < 0)
		return n;
	return 0;`);

test('check: findings exit 1 at the default --fail-on error; --fail-on never exits 0', async () => {
  const dir = dirWith({ 'bad.c': conflict });
  const r = await run(['check', 'bad.c', '--jobs', '0'], dir);
  assert.equal(r.code, 1);
  assert.match(r.out, /^bad\.c:8:6: error: .* \[msi\/index-conflict\]\nbad\.c:5:6: note: /);
  assert.equal((await run(['check', 'bad.c', '--jobs', '0', '--fail-on', 'never'], dir)).code, 0);
});

test('check: a clean file exits 0 with empty stdout', async () => {
  const dir = dirWith({ 'ok.c': clean });
  const r = await run(['check', '.', '--jobs', '0'], dir);
  assert.equal(r.code, 0);
  assert.equal(r.out, '');
});

test('check: json and sarif formats parse', async () => {
  const dir = dirWith({ 'bad.c': conflict });
  const j = JSON.parse((await run(['check', 'bad.c', '--jobs', '0', '--format', 'json'], dir)).out) as { findings: { code: string; line: number }[] };
  assert.deepEqual(
    j.findings.map((f) => `${f.code}@${f.line}`),
    ['msi/index-conflict@8'],
  );
  const s = JSON.parse((await run(['check', 'bad.c', '--jobs', '0', '--format', 'sarif'], dir)).out) as { version: string; runs: { results: unknown[] }[] };
  assert.equal(s.version, '2.1.0');
  assert.equal(s.runs[0]!.results.length, 1);
});

test('check: usage errors exit 2 and name the problem', async () => {
  const dir = dirWith({ 'ok.c': clean });
  const cases: [string[], RegExp][] = [
    [['check'], /no PATH given/],
    [['check', 'missing.c'], /missing\.c: no such file/],
    [['check', 'ok.c', '--layout', 'tree'], /--layout must be one of/],
    [['check', 'ok.c', '--format', 'xml'], /--format must be one of/],
    [['check', 'ok.c', '--fail-on', 'fatal'], /--fail-on must be one of/],
    [['check', 'ok.c', '--layout', 'partitioned', '--partition', 'pci=0x0-0xffff', '--partition', 'ntb=0x8000-0x1ffff'], /overlaps/],
    [['check', 'ok.c', '--partition', 'pci=0-9'], /needs --layout partitioned/],
    [['check', 'ok.c', '--bind', 'nobdf'], /DRIVER=BDF/],
  ];
  for (const [args, re] of cases) {
    const r = await run(args, dir);
    assert.equal(r.code, 2, args.join(' '));
    assert.match(r.err, re);
  }
});

test('simulate: prints the store after each operation of the device', async () => {
  const dir = dirWith({ 'bad.c': conflict });
  const r = await run(['simulate', 'bad.c', '--device', 'pdev'], dir);
  assert.equal(r.code, 0);
  const lines = r.out.split('\n');
  assert.equal(lines[0], 'device bad.c:pdev, per-domain layout, ordered from t_probe()');
  assert.match(lines[1]!, /^\[0\] bad\.c:5:6 pci_alloc_irq_vectors\(\): pci-alloc-vectors .* -> ok/);
  assert.match(r.out, /domain 0 \(hwsize .*\): 0\.\.3 definite \(pci_alloc_irq_vectors bad\.c:5\)/);
  assert.match(r.out, /error: .*\[msi\/index-conflict\]/);
  const none = await run(['simulate', 'bad.c', '--device', 'nodev'], dir);
  assert.equal(none.code, 2);
  assert.match(none.err, /no device 'nodev'; devices: bad\.c:pdev/);
});

test('check --era 7.x: a 6.12 lock pair outside a kernel tree is reported against 7.x; 6.12 and the inferred era are silent', async () => {
  const pair = `static int p_probe(struct platform_device *pdev)
{
	int ret;

	msi_lock_descs(&pdev->dev);
	ret = msi_domain_alloc_irqs_range_locked(&pdev->dev, MSI_DEFAULT_DOMAIN, 0, 3);
	msi_unlock_descs(&pdev->dev);
	return ret;
}

static struct platform_driver p_driver = {
	.probe = p_probe,
};
`;
  const dir = dirWith({ 'p.c': pair });
  const seven = await run(['check', 'p.c', '--jobs', '0', '--era', '7.x', '--format', 'json'], dir);
  const parsed = JSON.parse(seven.out) as { era: string; findings: { code: string; line: number }[] };
  assert.match(parsed.era, /^7\.x per-domain/);
  assert.deepEqual(
    parsed.findings.map((f) => `${f.code}@${f.line}`),
    ['msi/api-not-in-era@5', 'msi/api-not-in-era@7'],
  );
  assert.equal((await run(['check', 'p.c', '--jobs', '0', '--era', '6.12'], dir)).out, '');
  assert.equal((await run(['check', 'p.c', '--jobs', '0'], dir)).out, '');
  const bad = await run(['check', 'p.c', '--era', '7.2'], dir);
  assert.deepEqual([bad.code, bad.err.split('\n')[0]], [2, "irqlens check: --era must be one of 7.x, 6.12, 6.1 (got '7.2')"]);
});

test("check --cache: facts and each directory's replay are kept under $XDG_CACHE_HOME/irqlens and reused with the same findings; without it nothing is written", async () => {
  const dir = dirWith({ 'bad.c': conflict });
  const cacheHome = mkdtempSync(join(tmpdir(), 'irqlens-xdg-'));
  const saved = process.env['XDG_CACHE_HOME'];
  process.env['XDG_CACHE_HOME'] = cacheHome;
  try {
    const plain = await run(['check', '.', '--jobs', '0', '--format', 'json'], dir);
    assert.equal(existsSync(join(cacheHome, 'irqlens')), false);
    const cold = await run(['check', '.', '--jobs', '0', '--format', 'json', '--cache'], dir);
    const entries = readdirSync(join(cacheHome, 'irqlens'));
    assert.equal(entries.length, 1);
    const kept = join(cacheHome, 'irqlens', entries[0]!);
    assert.deepEqual(readdirSync(kept).sort(), ['facts.json', 'parts.json']);
    // The directory's replay is kept too (parts.json), keyed by its facts.
    assert.equal(Object.keys((JSON.parse(readFileSync(join(kept, 'parts.json'), 'utf8')) as { entries: object }).entries).length, 1);
    const warm = await run(['check', '.', '--jobs', '0', '--format', 'json', '--cache'], dir);
    assert.equal(cold.out, plain.out);
    assert.equal(warm.out, plain.out);
    assert.equal(warm.err, '');
  } finally {
    if (saved === undefined) delete process.env['XDG_CACHE_HOME'];
    else process.env['XDG_CACHE_HOME'] = saved;
  }
});
