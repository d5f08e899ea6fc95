// msi/descs-unlocked and the lifetime msi/api-not-in-era, on C written for the test and on the
// real trees' MSI cores (which hold the lock in a caller: never a finding).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { descsLockFindings } from '../../src/check/descs-lock';
import { eraApiFindings } from '../../src/check/era-apis';
import { namedEra } from '../../src/facts/index';
import { analyzeTree } from '../../src/engine/analyze-tree';
import { treeOf } from './check-helpers';

const driver = (setup: string, extra = '') => `${extra}
static int d_setup(struct device *dev)
{
${setup}
}

static int d_probe(struct platform_device *pdev)
{
	return d_setup(&pdev->dev);
}

static struct platform_driver d_driver = {
	.probe = d_probe,
};
`;
const locked = '\treturn msi_domain_alloc_irqs_range_locked(dev, MSI_DEFAULT_DOMAIN, 0, 3);';
const lines = (fs: { range: { line: number }; code: string }[]) => fs.map((f) => `${f.code}@${f.range.line}`);

test('a *_locked call reached from probe with no lock: one warning naming the path and the core', async () => {
  const tree = await treeOf({ 'd.c': driver(locked) });
  const got = descsLockFindings({ ...tree, era: namedEra('7.x')! });
  assert.deepEqual(lines(got), ['msi/descs-unlocked@4']);
  assert.equal(got[0]!.severity, 'warning');
  assert.match(
    got[0]!.message,
    /^msi_domain_alloc_irqs_range_locked\(\) on 'dev' without the MSI descriptor lock: on the path from the driver entry d_probe\(\) -> d_setup\(\) no guard\(msi_descs_lock\) is held, but the core expects the caller to hold dev->msi.data->mutex \(kernel\/irq\/msi.c:msi_ctrl_valid -> msi_get_device_domain: lockdep_assert_held\)/,
  );
  assert.deepEqual(
    got[0]!.related.map((r) => [r.range.line, r.message]),
    [[9, 'd_probe() calls here without the descriptor lock']],
  );
  assert.match(descsLockFindings(tree)[0]!.message, /no msi_lock_descs\(\) is held/);
});

test('held: a guard, scoped_guard, msi_lock_descs() before it, or a lock in the caller', async () => {
  for (const setup of [
    `\tguard(msi_descs_lock)(dev);\n${locked}`,
    `\tscoped_guard (msi_descs_lock, dev)\n\t${locked}\n\treturn 0;`,
    `\tint r;\n\tmsi_lock_descs(dev);\n\tr = msi_domain_alloc_irqs_range_locked(dev, MSI_DEFAULT_DOMAIN, 0, 3);\n\tmsi_unlock_descs(dev);\n\treturn r;`,
  ]) {
    assert.deepEqual(lines(descsLockFindings(await treeOf({ 'd.c': driver(setup) }))), [], setup);
  }
  const inCaller = driver(locked).replace('\treturn d_setup(&pdev->dev);', '\tguard(msi_descs_lock)(&pdev->dev);\n\treturn d_setup(&pdev->dev);');
  assert.deepEqual(lines(descsLockFindings(await treeOf({ 'd.c': inCaller }))), []);
});

// (A file with no MSI call has no skeletons: a driver there is seen only when it calls the API too.)
test('a non-static helper with no driver entry above it stays silent; a driver in another file reaches it', async () => {
  const helper = `int lib_setup(struct device *dev)\n{\n${locked}\n}\n`;
  assert.deepEqual(lines(descsLockFindings(await treeOf({ 'lib.c': helper }))), []);
  const user = `static int u_probe(struct platform_device *pdev)\n{\n\tif (!msi_get_virq(&pdev->dev, 0))\n\t\treturn lib_setup(&pdev->dev);\n\treturn 0;\n}\n\nstatic struct platform_driver u_driver = {\n\t.probe = u_probe,\n};\n`;
  const both = descsLockFindings(await treeOf({ 'lib.c': helper, 'user.c': user }));
  assert.deepEqual(
    both.map((f) => `${f.file}:${f.range.line}`),
    ['lib.c:3'],
  );
});

test('lifetime APIs: msi_lock_descs() in a 7.x tree and the guard in a 6.12 tree are reported; each in its own era is not', async () => {
  const pair = await treeOf({
    'p.c': driver(
      `\tint r;\n\tmsi_lock_descs(dev);\n\tr = msi_domain_alloc_irqs_range_locked(dev, MSI_DEFAULT_DOMAIN, 0, 3);\n\tmsi_unlock_descs(dev);\n\treturn r;`,
    ),
  });
  const in7 = eraApiFindings({ ...pair, era: namedEra('7.x')! });
  assert.deepEqual(lines(in7), ['msi/api-not-in-era@5', 'msi/api-not-in-era@7']);
  assert.equal(
    in7[0]!.message,
    'msi_lock_descs() does not exist in a 7.x per-domain (MSI_MAX_DEVICE_IRQDOMAINS = 1; guard(msi_descs_lock), device domains prepared at creation, PCI/MSI domain hwsize = vector count) tree (removed in 7.x): it offers guard(msi_descs_lock)(dev) or scoped_guard(msi_descs_lock, dev) (include/linux/msi.h: DEFINE_LOCK_GUARD_1 over __msi_lock_descs)',
  );
  assert.deepEqual(lines(eraApiFindings({ ...pair, era: namedEra('6.12')! })), []);
  const guard = await treeOf({ 'g.c': driver(`\tguard(msi_descs_lock)(dev);\n${locked}`) });
  assert.deepEqual(lines(eraApiFindings({ ...guard, era: namedEra('6.12')! })), ['msi/api-not-in-era@4']);
  assert.match(eraApiFindings({ ...guard, era: namedEra('6.12')! })[0]!.message, /^guard\(msi_descs_lock\) does not exist in a 6\.12-like per-domain/);
  assert.deepEqual(lines(eraApiFindings({ ...guard, era: namedEra('7.x')! })), []);
});

const kernelBase = process.env['KERNEL_SRC_DIR'] || process.env['IRQLENS_KERNEL_SRC'] || join(homedir(), '.cache', 'kernel-src');

for (const version of ['7.3', '6.12', '6.1']) {
  test(`the ${version} MSI cores take the lock in the caller: no msi/descs-unlocked, no msi/api-not-in-era`, async (t) => {
    const root = join(kernelBase, `linux-source-${version}`);
    if (!existsSync(join(root, 'drivers', 'pci', 'msi'))) return t.skip(`linux-source-${version} not found under KERNEL_SRC_DIR: skipped`);
    const tree = await analyzeTree(['drivers/pci/msi', 'drivers/soc/ti', 'drivers/bus/fsl-mc', 'drivers/base'], { cwd: root, jobs: 0 });
    const locks = tree.files.flatMap((f) => f.facts).filter((f) => f.kind === 'lock');
    assert.ok(locks.length >= 5, `${locks.length} descriptor locks`);
    assert.deepEqual([...descsLockFindings(tree), ...eraApiFindings(tree)], []);
  });
}
