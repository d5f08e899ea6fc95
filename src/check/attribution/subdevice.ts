// attr/subdevice-descriptor and attr/no-iommu-context: descriptors stored on a device of a bus
// outside iommu_buses[] (mdev, auxiliary, ntb), whose messages another function writes
// (msi-semantics §4.7.0, scenarios S1, S3; S2 and S4 allocate on the PCI function: no finding).
import { attributeFact } from '../../model/iommu/index';
import { ownerClasses } from '../../model/iommu/owner-classes';
import type { MsiFact, TreeFacts } from '../../facts/types';
import type { Finding, Severity } from '../../vocabulary/finding';
import { storingFacts, targetOf, type AttrContext, type Target } from './context';

const iommuSeverity: Record<Target, Severity> = { its: 'error', 'x86-intel': 'info', 'x86-amd': 'info', x86: 'info', unknown: 'warning' };

function base(fact: MsiFact): Pick<Finding, 'file' | 'range' | 'related' | 'device'> {
  return { file: fact.file, range: fact.range, related: [], ...(fact.device ? { device: fact.device.key } : {}) };
}

export function subdeviceFindings(tree: TreeFacts, ctx: AttrContext): Finding[] {
  const out: Finding[] = [];
  const target = targetOf(ctx.topology);
  for (const fact of storingFacts(tree)) {
    const cls = fact.device?.class;
    if (!cls || !ownerClasses[cls].subdevice) continue;
    const a = attributeFact(fact, { tree, ...ctx });
    const bus = ownerClasses[cls].bus;
    const p = a.originatingFunction ?? 'the PCI function reached through dev.parent';
    out.push({
      ...base(fact),
      code: 'attr/subdevice-descriptor',
      severity: 'error',
      message: `${fact.api}() stores MSI descriptors on ${fact.device!.text} (${bus} device), but the messages are written by ${p}: interrupt remapping, the ITS and the IOMMU read msi_desc_to_dev() and get a device with no PCI requester ID. Allocate on the PCI function and hand the virq to the ${bus} device.`,
      assumptions: [...a.chain, ...a.notes],
    });
    out.push({
      ...base(fact),
      code: 'attr/no-iommu-context',
      severity: iommuSeverity[target],
      message: `${fact.device!.text} is on the ${bus} bus, which is not in iommu_buses[]: it has no IOMMU group, so iommu_dma_prepare_msi() maps no doorbell for it${target === 'its' ? ' and the message keeps a physical address the translating DMA domain of ' + p + ' does not map' : ' (this matters on arm64 ITS/GICv2m; x86 MSIs go through interrupt remapping instead)'}.`,
      assumptions: [`target: ${target === 'unknown' ? 'unknown platform (give a JSON topology with platform.arch)' : target}`],
    });
  }
  return out;
}
