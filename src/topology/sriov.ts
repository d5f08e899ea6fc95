// SR-IOV VFs: RID = PF RID + offset + k * stride (drivers/pci/iov.c pci_iov_virtfn_bus/devfn).
// VFs the dump lists are linked to their PF; enabled VFs it does not list are added as
// synthesized functions so their requester IDs can still be shown.
import { formatBdf, rid } from './bdf';
import type { PciFunction } from './types';

export function linkVirtualFunctions(functions: PciFunction[]): void {
  const byBdf = new Map(functions.map((f) => [f.bdf, f]));
  for (const pf of [...functions]) {
    const s = pf.sriov;
    if (!s || s.numVfs === 0) continue;
    for (let k = 0; k < s.numVfs; k++) {
      const r = rid(pf.bus, pf.devfn) + s.offset + k * s.stride;
      const bus = pf.bus + ((pf.devfn + s.offset + k * s.stride) >> 8);
      const devfn = r & 0xff;
      if (bus > 0xff) break;
      const bdf = formatBdf({ domain: pf.domain, bus, devfn });
      const vf = byBdf.get(bdf);
      if (vf) {
        vf.physfn = pf.bdf;
        continue;
      }
      const made: PciFunction = {
        bdf,
        domain: pf.domain,
        bus,
        devfn,
        vendor: pf.vendor,
        device: s.vfDevice,
        pcie: 'endpoint',
        capsReadable: pf.capsReadable,
        physfn: pf.bdf,
        synthesized: true,
        line: 0,
        name: `VF ${k} of ${pf.bdf}`,
      };
      functions.push(made);
      byBdf.set(bdf, made);
    }
  }
  functions.sort((a, b) => a.domain - b.domain || a.bus - b.bus || a.devfn - b.devfn);
}
