#!/usr/bin/env python3
"""Writes the review scenarios: for each one a small C tree (tree/) and its patch series, made by
real `git format-patch` from commits in a scratch repository (series/NNNN-*.patch, or series.mbx).
Run from anywhere: python3 test/scenarios/review/make-series.py. The outputs are committed; each
scenario's expect.json holds its reviewed result (each entry checked by hand against msi-semantics.md) and is kept."""
import os, shutil, subprocess, tempfile

HERE = os.path.dirname(os.path.abspath(__file__))

PCI_H = """#ifndef _LINUX_PCI_H
#define _LINUX_PCI_H
#define PCI_IRQ_INTX		(1 << 0)
#define PCI_IRQ_MSI		(1 << 1)
#define PCI_IRQ_MSIX		(1 << 2)
#define PCI_IRQ_AFFINITY	(1 << 3)
#define PCI_IRQ_ALL_TYPES	(PCI_IRQ_INTX | PCI_IRQ_MSI | PCI_IRQ_MSIX)
struct pci_dev;
int pci_alloc_irq_vectors(struct pci_dev *dev, unsigned int min_vecs, unsigned int max_vecs, unsigned int flags);
void pci_free_irq_vectors(struct pci_dev *dev);
int pci_irq_vector(struct pci_dev *dev, unsigned int nr);
int pci_enable_msi(struct pci_dev *dev);
#endif
"""
PCI_H_61 = PCI_H.replace('PCI_IRQ_INTX', 'PCI_IRQ_LEGACY')
MSI_API_612 = """#ifndef LINUX_MSI_API_H
#define LINUX_MSI_API_H
enum msi_domain_ids {
	MSI_DEFAULT_DOMAIN,
	MSI_MAX_DEVICE_IRQDOMAINS,
};
#define MSI_ANY_INDEX		UINT_MAX
struct msi_map {
	int	index;
	int	virq;
};
#endif
"""
MSI_API_2DOM = MSI_API_612.replace("	MSI_DEFAULT_DOMAIN,\n", "	MSI_DEFAULT_DOMAIN,\n	MSI_SECONDARY_DOMAIN,\n")
MSI_H_612 = """#ifndef LINUX_MSI_H
#define LINUX_MSI_H
#include <linux/msi_api.h>
struct msi_dev_domain {
	struct xarray		store;
	struct irq_domain	*domain;
};
int msi_domain_alloc_irqs_range(struct device *dev, unsigned int domid, unsigned int first, unsigned int last);
void msi_domain_free_irqs_range(struct device *dev, unsigned int domid, unsigned int first, unsigned int last);
#endif
"""
MSI_H_61 = """#ifndef LINUX_MSI_H
#define LINUX_MSI_H
struct msi_device_data {
	unsigned long		properties;
	struct platform_msi_priv_data *platform_data;
	struct mutex		mutex;
	struct xarray		__store;
	unsigned long		__iter_idx;
};
int msi_add_msi_desc(struct device *dev, struct msi_desc *init_desc);
#endif
"""
HEADERS = {
    '6.12': {'include/linux/pci.h': PCI_H, 'include/linux/msi.h': MSI_H_612, 'include/linux/msi_api.h': MSI_API_612},
    '6.1': {'include/linux/pci.h': PCI_H_61, 'include/linux/msi.h': MSI_H_61},
}


def driver(name, probe_body, remove_body='\tpci_free_irq_vectors(pdev);\n', extra=''):
    return f"""// SPDX-License-Identifier: GPL-2.0
/* {name}: synthetic driver for IRQ Lens review scenarios. */
#include <linux/pci.h>
#include <linux/msi.h>
{extra}
static int {name}_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{{
	int ret;

{probe_body}	return 0;
}}

static void {name}_remove(struct pci_dev *pdev)
{{
{remove_body}}}

static struct pci_driver {name}_driver = {{
	.name = "{name}",
	.probe = {name}_probe,
	.remove = {name}_remove,
}};
"""

ALLOC8 = "\tret = pci_alloc_irq_vectors(pdev, 8, 8, PCI_IRQ_MSIX);\n\tif (ret < 0)\n\t\treturn ret;\n"
LOOKUP = lambda n: f"\tret = pci_irq_vector(pdev, {n});\n\tif (ret < 0)\n\t\tgoto err;\n"
ENABLE_MSI = "\tret = pci_enable_msi(pdev);\n\tif (ret)\n\t\treturn ret;\n"
LOOKUP9 = "\tret = pci_irq_vector(pdev, 9);\n\tif (ret < 0) {\n\t\tpci_free_irq_vectors(pdev);\n\t\treturn ret;\n\t}\n"
LOOKUP3 = LOOKUP9.replace('9', '3')
RANGE = lambda domid, first, last: f"\tret = msi_domain_alloc_irqs_range(&pdev->dev, {domid}, {first}, {last});\n\tif (ret)\n\t\treturn ret;\n"
RANGE_REMOVE = lambda domid, first, last: f"\tmsi_domain_free_irqs_range(&pdev->dev, {domid}, {first}, {last});\n"

CREATE = lambda domid, hwsize=64: f"\tif (!msi_create_device_irq_domain(&pdev->dev, {domid}, &foo_template, {hwsize}, NULL, NULL))\n\t\treturn -ENODEV;\n"
IMS_PROBE = ("\tret = pci_alloc_irq_vectors(pdev, 8, 8, PCI_IRQ_MSIX);\n\tif (ret < 0)\n\t\treturn ret;\n"
             "\tif (!pci_create_ims_domain(pdev, &foo_ims_template, 0, NULL)) {\n\t\tpci_free_irq_vectors(pdev);\n\t\treturn -ENODEV;\n\t}\n"
             "\tfoo_map = pci_ims_alloc_irq(pdev, &foo_cookie, NULL);\n\tif (foo_map.index < 0) {\n\t\tpci_free_irq_vectors(pdev);\n\t\treturn foo_map.index;\n\t}\n")
IMS_REMOVE = "\tpci_ims_free_irq(pdev, foo_map);\n\tpci_free_irq_vectors(pdev);\n"
IMS_GLOBALS = "static struct msi_map foo_map;\nstatic union msi_instance_cookie foo_cookie;\n"
REALLOC = "\tret = pci_alloc_irq_vectors(pdev, 1, 8, PCI_IRQ_ALL_TYPES);\n\tif (ret < 0)\n\t\treturn ret;\n"


def moved(text):
    """The same driver with remove() defined before probe(): code moves, nothing else changes."""
    head, rest = text.split('static int foo_probe', 1)
    probe, rest = rest.split('static void foo_remove', 1)
    remove, tail = rest.split('static struct pci_driver', 1)
    return head + 'static void foo_remove' + remove + 'static int foo_probe' + probe + 'static struct pci_driver' + tail


D = 'drivers/misc/foo/foo.c'
GOOD = driver('foo', ALLOC8)

# name -> (headers, base files, [(subject, {path: text | None | ('rename', to)})], format)
SCENARIOS = {
    '01-introduce-vector-lookup': ('6.12', {D: GOOD}, [('foo: look up vector 9', {D: driver('foo', ALLOC8 + LOOKUP9)})], 'dir'),
    '02-fix-vector-lookup': ('6.12', {D: driver('foo', ALLOC8 + LOOKUP9)}, [('foo: look up vector 3, not 9', {D: driver('foo', ALLOC8 + LOOKUP3)})], 'dir'),
    '03-move-only': ('6.12', {D: driver('foo', ALLOC8 + LOOKUP9)}, [('foo: define remove before probe', {D: moved(driver('foo', ALLOC8 + LOOKUP9))})], 'dir'),
    '04-msi-after-msix': ('6.12', {D: GOOD}, [('foo: enable MSI too', {D: driver('foo', ALLOC8 + ENABLE_MSI)})], 'dir'),
    '05-leak-on-remove': ('6.12', {D: GOOD}, [('foo: stop freeing vectors in remove', {D: driver('foo', ALLOC8, '\t/* nothing */\n')})], 'dir'),
    '06-fix-leak': ('6.12', {D: driver('foo', ALLOC8, '\t/* nothing */\n')}, [('foo: free vectors in remove', {D: GOOD})], 'dir'),
    '07-introduce-then-fix': ('6.12', {D: GOOD}, [
        ('foo: look up vector 9', {D: driver('foo', ALLOC8 + LOOKUP9)}),
        ('foo: comment the lookup', {D: driver('foo', ALLOC8 + '\t/* the queue vector */\n' + LOOKUP9)}),
        ('foo: look up vector 3', {D: driver('foo', ALLOC8 + '\t/* the queue vector */\n' + LOOKUP3)}),
    ], 'mbx'),
    '08-range-inverted': ('6.12', {D: driver('foo', CREATE(0) + RANGE(0, 0, 7), RANGE_REMOVE(0, 0, 7))}, [('foo: use the upper range', {D: driver('foo', CREATE(0) + RANGE(0, 7, 3), RANGE_REMOVE(0, 7, 3))})], 'dir'),
    '09-domain-id-added-to-msi-api': ('6.12', {D: driver('foo', CREATE(1) + RANGE(1, 0, 3), RANGE_REMOVE(1, 0, 3))}, [('genirq/msi: add a secondary device domain', {'include/linux/msi_api.h': MSI_API_2DOM})], 'dir'),
    '10-store-design-xarray-to-per-domain': ('6.1', {D: driver('foo', IMS_PROBE, IMS_REMOVE, extra=IMS_GLOBALS)}, [('genirq/msi: one descriptor store per device domain', {'include/linux/msi.h': MSI_H_612, 'include/linux/msi_api.h': MSI_API_2DOM, 'include/linux/pci.h': PCI_H})], 'dir'),
    '11-rename-file': ('6.12', {D: driver('foo', ALLOC8 + LOOKUP9)}, [('foo: rename foo.c to foo_main.c', {D: ('rename', 'drivers/misc/foo/foo_main.c')})], 'dir'),
    '12-new-driver-file': ('6.12', {D: GOOD}, [('bar: new driver', {'drivers/misc/bar/bar.c': driver('bar', ALLOC8 + ENABLE_MSI)})], 'dir'),
    '13-delete-driver': ('6.12', {D: driver('foo', ALLOC8 + ENABLE_MSI), 'drivers/misc/bar/bar.c': driver('bar', ALLOC8)}, [('foo: remove the driver', {D: None})], 'dir'),
    '14-header-define': ('6.12', {
        D: driver('foo', ALLOC8 + LOOKUP('FOO_QUEUE_VEC').replace('goto err', 'return ret'), extra='#include "foo.h"\n'),
        'drivers/misc/foo/foo.h': '#define FOO_QUEUE_VEC 3\n',
    }, [('foo: move the queue vector to 12', {'drivers/misc/foo/foo.h': '#define FOO_QUEUE_VEC 12\n'})], 'dir'),
    '15-whitespace-only': ('6.12', {D: driver('foo', ALLOC8 + ENABLE_MSI)}, [('foo: whitespace', {D: driver('foo', ALLOC8 + ENABLE_MSI.replace('pci_enable_msi(pdev)', 'pci_enable_msi( pdev )'))})], 'dir'),
    '16-two-drivers-one-series': ('6.12', {D: GOOD, 'drivers/misc/bar/bar.c': driver('bar', ALLOC8 + LOOKUP9)}, [
        ('bar: fix the vector index', {'drivers/misc/bar/bar.c': driver('bar', ALLOC8 + LOOKUP3)}),
        ('foo: enable MSI too', {D: driver('foo', ALLOC8 + ENABLE_MSI)}),
    ], 'mbx'),
    # The series was made against another base: its hunk must be reported, not applied with fuzz.
    '18-does-not-apply': ('6.12', {D: GOOD}, [('foo: look up vector 9', {D: driver('foo', ALLOC8 + LOOKUP9)})], 'dir', {D: driver('foo', ALLOC8 + ENABLE_MSI)}),
    # Run with layout "partitioned" (expect.json): the wider range leaves window 0 (msi-semantics 5.45).
    '19-partition-crossing': ('6.12', {D: driver('foo', CREATE(0, 0) + RANGE(0, '0xfff0', '0xffff'), RANGE_REMOVE(0, '0xfff0', '0xffff'))},
                              [('foo: take sixteen more vectors', {D: driver('foo', CREATE(0, 0) + RANGE(0, '0xfff0', '0x1000f'), RANGE_REMOVE(0, '0xfff0', '0x1000f'))})], 'dir'),
    '20-move-driver-directory': ('6.12', {D: driver('foo', ALLOC8 + LOOKUP9)}, [('foo: move to drivers/platform/foo', {D: ('rename', 'drivers/platform/foo/foo.c')})], 'dir'),
    '17-index-conflict-realloc': ('6.12', {D: GOOD}, [('foo: allocate again for the fallback queue', {D: driver('foo', ALLOC8 + REALLOC.replace('return ret', 'goto err_free') + '\treturn 0;\nerr_free:\n\tpci_free_irq_vectors(pdev);\n\treturn ret;\n'.replace('\treturn 0;\n', '', 0))})], 'dir'),
}


def write(root, files):
    for path, text in files.items():
        full = os.path.join(root, path)
        os.makedirs(os.path.dirname(full), exist_ok=True)
        with open(full, 'w') as f:
            f.write(text)


def git(repo, *args):
    env = dict(os.environ, GIT_AUTHOR_NAME='Ada Dev', GIT_AUTHOR_EMAIL='ada@example.org', GIT_COMMITTER_NAME='Ada Dev',
               GIT_COMMITTER_EMAIL='ada@example.org', GIT_AUTHOR_DATE='2025-06-03T10:00:00Z', GIT_COMMITTER_DATE='2025-06-03T10:00:00Z')
    return subprocess.run(['git', '-C', repo, '-c', 'core.hooksPath=/dev/null', *args], check=True, capture_output=True, text=True, env=env).stdout


def make(name, spec):
    headers, base, steps, fmt = spec[:4]
    out = os.path.join(HERE, name)
    for old in ('tree', 'series'):
        shutil.rmtree(os.path.join(out, old), ignore_errors=True)
    if os.path.exists(os.path.join(out, 'series.mbx')):
        os.remove(os.path.join(out, 'series.mbx'))
    files = {**HEADERS[headers], **base}
    write(os.path.join(out, 'tree'), {**files, **(spec[4] if len(spec) > 4 else {})})
    with tempfile.TemporaryDirectory() as repo:
        git(repo, 'init', '-q')
        write(repo, files)
        git(repo, 'add', '-A')
        git(repo, 'commit', '-qm', 'base')
        for subject, changes in steps:
            for path, change in changes.items():
                if change is None:
                    git(repo, 'rm', '-q', path)
                elif isinstance(change, tuple):
                    os.makedirs(os.path.dirname(os.path.join(repo, change[1])), exist_ok=True)
                    git(repo, 'mv', path, change[1])
                else:
                    write(repo, {path: change})
            git(repo, 'add', '-A')
            git(repo, 'commit', '-qm', f'{subject}\n\nScenario {name}.\n\nSigned-off-by: Ada Dev <ada@example.org>')
        n = str(len(steps))
        if fmt == 'mbx':
            text = git(repo, 'format-patch', '--stdout', '-M', '--numbered' if len(steps) > 1 else '--no-numbered', f'HEAD~{n}')
            with open(os.path.join(out, 'series.mbx'), 'w') as f:
                f.write(text)
        else:
            git(repo, 'format-patch', '-q', '-M', '-o', os.path.join(out, 'series'), f'HEAD~{n}')


if __name__ == '__main__':
    for name, spec in SCENARIOS.items():
        make(name, spec)
    print(f'{len(SCENARIOS)} scenarios written to {HERE}')
