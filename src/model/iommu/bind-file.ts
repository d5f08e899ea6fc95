// Binding for one file of a tree: the file itself first; failing that, the one file in the same
// directory that defines a PCI driver (multi-file drivers keep their pci_driver and
// pci_device_id table in one file, e.g. mlx5 core/main.c). Several such siblings: no binding.
import { dirname } from 'node:path';
import type { Topology } from '../../topology/types';
import type { TreeFacts } from '../../facts/types';
import { bindDriver, type Binding } from './binding';

export function bindFile(topology: Topology, tree: TreeFacts, file: string, bindings: Record<string, string> = {}): Binding | undefined {
  const own = tree.files.find((f) => f.file === file);
  const direct = bindDriver(topology, { file, drivers: own?.drivers ?? [], pciIds: own?.pciIds ?? [] }, bindings);
  if (direct) return direct;
  if (own && (own.pciIds.length > 0 || own.drivers.some((d) => d.bus === 'pci'))) return undefined;
  const dir = dirname(file);
  const siblings = tree.files.filter((f) => f.file !== file && dirname(f.file) === dir && (f.pciIds.length > 0 || f.drivers.some((d) => d.bus === 'pci')));
  if (siblings.length !== 1) return undefined;
  const s = siblings[0]!;
  const b = bindDriver(topology, { file: s.file, drivers: s.drivers, pciIds: s.pciIds }, bindings);
  return b ? { functions: b.functions, how: `${b.how}, via ${s.file}, the PCI driver of this directory` } : undefined;
}
