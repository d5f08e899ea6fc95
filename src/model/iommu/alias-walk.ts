// pci_for_each_dma_alias (drivers/pci/search.c, identical in 6.1 and 6.12), step by step:
// the (pdev, alias) pairs it emits for one device, in order. Each pair records which step of
// the kernel's walk produced it, so the chain can be shown to a reviewer.
import { formatRid, rid } from '../../topology/bdf';
import type { BusNode, DeviceGraph, DeviceNode } from './graph';

export interface AliasPair {
  /** The pdev argument the callback receives (bdf). */
  pdev: string;
  /** The 16-bit requester ID `bus << 8 | devfn`. */
  alias: number;
  /** Which step emitted it, e.g. "own RID", "dma_alias_mask (FUNC1 quirk)", "PCIe-to-PCI bridge 0000:02:00.0". */
  step: string;
}

export interface RawWalk {
  device: string;
  pairs: AliasPair[];
  /** A HWTABLE (Switchtec) quirk adds same-bus aliases the dump cannot show. */
  unknownAliases: boolean;
  /** pci_real_dma_dev(device) when it differs (Intel VMD): the walk starts there. */
  realDmaDev?: string;
  /** The walk stopped below this bridge (PCI_DEV_FLAGS_BRIDGE_XLATE_ROOT). */
  stoppedAt?: string;
  /** Assumptions made where the input did not say (unreadable capabilities). */
  assumptions: string[];
}

function maskStep(node: DeviceNode): string {
  const kinds = [...new Set(node.quirks.map((q) => q.kind))].filter((k) => k !== 'BRIDGE_FLAG' && k !== 'XLATE_STOP');
  return kinds.length > 0 ? `dma_alias_mask (${kinds.join(', ')} quirk)` : 'dma_alias_mask (declared alias)';
}

/** Step 4 for one bridge B leading to `bus`: the pair it emits, or undefined. */
function bridgeStep(b: DeviceNode, bus: BusNode, assumptions: string[]): AliasPair | undefined {
  const own = (step: string): AliasPair => ({ pdev: b.fn.bdf, alias: rid(b.fn.bus, b.fn.devfn), step });
  const secondary = (step: string): AliasPair => ({ pdev: b.fn.bdf, alias: rid(bus.number, 0), step });
  if (!b.fn.capsReadable) {
    assumptions.push(`${b.fn.bdf}: capabilities not readable, PCIe type unknown; assumed a PCIe port (emits nothing)`);
    return undefined;
  }
  switch (b.fn.pcie) {
    case 'root-port':
    case 'upstream':
    case 'downstream':
      return undefined;
    case 'pcie-to-pci':
      return secondary(`PCIe-to-PCI bridge ${b.fn.bdf} (secondary bus, devfn 00.0)`);
    case 'pci-to-pcie':
      return own(`PCI-to-PCIe reverse bridge ${b.fn.bdf} (bridge RID)`);
    case undefined:
      return b.pcieBridgeAlias
        ? secondary(`conventional bridge ${b.fn.bdf} with PCIE_BRIDGE_ALIAS (secondary bus, devfn 00.0)`)
        : own(`conventional PCI bridge ${b.fn.bdf} (bridge RID)`);
    default:
      return undefined; // other Express types: the kernel's switch has no case for them
  }
}

/** Runs the walk for the device `bdf`; undefined when the graph has no such device. */
export function walkDmaAliases(graph: DeviceGraph, bdf: string): RawWalk | undefined {
  const dev = graph.devices.get(bdf);
  if (!dev) return undefined;
  // Step 1: pci_real_dma_dev is identity except behind Intel VMD (domain >= 0x10000).
  const real = graph.realDmaDev.get(bdf);
  const d = real ? graph.devices.get(real)! : dev;
  const walk: RawWalk = { device: bdf, pairs: [], unknownAliases: d.aliasesUnknown, assumptions: [], ...(real ? { realDmaDev: real } : {}) };
  if (dev.fn.domain >= 0x10000 && !real)
    walk.assumptions.push(
      `domain ${dev.fn.domain.toString(16)} is an Intel VMD domain: the kernel walks from the VMD endpoint (pci_real_dma_dev), which this topology does not identify`,
    );
  walk.pairs.push({ pdev: d.fn.bdf, alias: rid(d.fn.bus, d.fn.devfn), step: real ? `VMD endpoint ${real} (pci_real_dma_dev)` : 'own RID' });
  for (const devfn of d.aliasDevfns) walk.pairs.push({ pdev: d.fn.bdf, alias: rid(d.fn.bus, devfn), step: maskStep(d) });
  const seen = new Set<string>();
  for (let bus: BusNode | undefined = graph.busOf(d); bus?.parent; bus = bus.parent) {
    if (seen.has(bus.key)) {
      walk.assumptions.push(`bus ${bus.key} loops back on itself in the input; walk stopped`);
      break;
    }
    seen.add(bus.key);
    if (!bus.self) continue; // step 4a: virtual bus
    if (bus.self.xlateRoot) {
      walk.stoppedAt = bus.self.fn.bdf; // step 4c
      break;
    }
    const pair = bridgeStep(bus.self, bus, walk.assumptions);
    if (pair) walk.pairs.push(pair);
  }
  return walk;
}

export function describePair(p: AliasPair): string {
  return `(${p.pdev}, ${formatRid(p.alias)}) ${p.step}`;
}
