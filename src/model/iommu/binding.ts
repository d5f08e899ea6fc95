// Which topology functions a driver file's calls run on: an explicit --bind DRIVER=BDF first,
// then the vendor:device IDs of the file's pci_device_id tables, then lspci's
// "Kernel driver in use:" name compared with the driver struct or file name. Each binding
// says how it was made, so the chain shown to the user never hides a guess.
import { basename } from 'node:path';
import { formatBdf, parseBdf } from '../../topology/bdf';
import type { PciFunction, Topology } from '../../topology/types';
import type { FileFacts, PciIdEntry } from '../../facts/types';

export interface Binding {
  functions: PciFunction[];
  how: string;
}

export interface BindSubject {
  file: string;
  drivers?: FileFacts['drivers'];
  pciIds?: PciIdEntry[];
}

const hex4 = (n: number): string => n.toString(16).padStart(4, '0');

/** Names a driver file answers to: struct names (with and without _driver), file base names. */
export function driverNames(subject: BindSubject): string[] {
  const base = basename(subject.file).replace(/\.[ch]$/, '');
  const names = new Set([base, base.replace(/_(main|core|pci|drv)$/, '')]);
  for (const d of subject.drivers ?? []) {
    names.add(d.name);
    names.add(d.name.replace(/_(pci_)?driver$/, ''));
  }
  return [...names];
}

function byExplicit(topology: Topology, subject: BindSubject, bindings: Record<string, string>): Binding | undefined {
  const names = driverNames(subject);
  for (const [driver, bdfText] of Object.entries(bindings)) {
    if (!names.includes(driver) && driver !== subject.file) continue;
    const b = parseBdf(bdfText);
    const fn = b ? topology.functions.find((f) => f.bdf === formatBdf(b)) : undefined;
    if (fn) return { functions: [fn], how: `--bind ${driver}=${bdfText}` };
  }
  return undefined;
}

function byIds(topology: Topology, pciIds: PciIdEntry[]): Binding | undefined {
  const hits = topology.functions.filter((f) => pciIds.some((id) => id.vendor === f.vendor && id.device === f.device));
  if (hits.length === 0) return undefined;
  const ids = [...new Set(hits.map((f) => `${hex4(f.vendor!)}:${hex4(f.device!)}`))].join(', ');
  return { functions: hits, how: `pci_device_id table matches ${ids}` };
}

function byDriverInUse(topology: Topology, subject: BindSubject): Binding | undefined {
  const names = driverNames(subject);
  const hits = topology.functions.filter((f) => f.driver !== undefined && names.includes(f.driver));
  return hits.length > 0 ? { functions: hits, how: `"Kernel driver in use: ${hits[0]!.driver}" matches the driver's name` } : undefined;
}

export function bindDriver(topology: Topology, subject: BindSubject, bindings: Record<string, string> = {}): Binding | undefined {
  return byExplicit(topology, subject, bindings) ?? byIds(topology, subject.pciIds ?? []) ?? byDriverInUse(topology, subject);
}
