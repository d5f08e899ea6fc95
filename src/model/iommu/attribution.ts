// attributeFact: whose message an allocation is. The owner O is the device argument (its store
// holds the descriptors); the originator P is the physical function that performs the write;
// the requester IDs are what the IOMMU, the interrupt remapper and the ITS see after aliasing.
import { formatRid } from '../../topology/bdf';
import type { Topology } from '../../topology/types';
import type { DeviceClass, MsiFact, TreeFacts } from '../../facts/types';
import { describePair } from './alias-walk';
import { ittEvents, itsEra } from './consumers';
import { bindFile } from './bind-file';
import { driverNames, type Binding } from './binding';
import { ownerClasses } from './owner-classes';
import { resolveRequesterIds, type AliasWalk } from './requester-ids';

export interface AttributionContext {
  topology?: Topology;
  tree: TreeFacts;
  bindings?: Record<string, string>;
}

export interface Attribution {
  owner: { class: DeviceClass; key: string; text: string };
  /** bdf of P when the topology binds it; otherwise a description. */
  originatingFunction?: string;
  requesterIds: string[];
  /** Human-readable steps from O to the requester IDs, for hovers and the map. */
  chain: string[];
  notes: string[];
  /** O is a subdevice (mdev, auxiliary, ntb bus): P is another device. */
  subdevice: boolean;
  iommuContext: 'yes' | 'firmware' | 'no' | 'unknown';
  /** The topology functions the call runs on (several when one driver matches several). */
  functions: string[];
  walks: AliasWalk[];
}

function walkLines(w: AliasWalk): string[] {
  return [
    `alias walk of ${w.device}: ${w.pairs.map(describePair).join('; ')}`,
    ...(w.unknownAliases ? [`${w.device}: Switchtec requester-ID table aliases are read from hardware at boot and unknown here`] : []),
    ...(w.stoppedAt ? [`walk stops below ${w.stoppedAt} (BRIDGE_XLATE_ROOT)`] : []),
    `Intel IR: ${w.intelIr.text}`,
    `ITS: rid ${formatRid(w.its.rid)}${w.its.deviceId !== undefined ? ` -> DeviceID ${w.its.deviceId}` : ''}${w.its.proxy ? `, proxy via ${w.its.aliasDev}, alias count ${w.its.aliasCount}` : ''}`,
    `AMD IRT installed at ${w.amdIrt.map(formatRid).join(', ')}`,
  ];
}

/** The ITT the ITS would create if this call allocates first on the DeviceID (its_pci_msi_prepare). */
function ittLine(fact: MsiFact, w: AliasWalk, ctx: AttributionContext): string | undefined {
  const nvec = fact.max?.value ?? fact.count?.value;
  if (nvec === undefined) return undefined;
  const fn = ctx.topology!.functions.find((f) => f.bdf === w.device);
  const msixOnly = fact.flags?.length === 1 && fact.flags[0] === 'PCI_IRQ_MSIX';
  const msiOnly = fact.flags?.length === 1 && fact.flags[0] === 'PCI_IRQ_MSI';
  const era = itsEra(ctx.tree.era);
  // 7.x sizes the PCI/MSI domain by the capability's vector count too (__pci_enable_msi_range).
  const hwsize = msixOnly ? fn?.msix?.tableSize : msiOnly && era === '7.x' ? fn?.msi?.maxCount : undefined;
  const deviceId = w.its.deviceId ?? w.its.rid;
  const events = ittEvents({ nvec, ...(hwsize !== undefined ? { hwsize } : {}), aliasCount: w.its.aliasCount, deviceId, era });
  return `ITS ITT if this call allocates first: ${events} events (nvec ${nvec}${hwsize !== undefined && era !== '6.1' ? `, hwsize ${hwsize}` : ''}${w.its.proxy ? `, alias count ${w.its.aliasCount}` : ''}${deviceId === 0 ? ', DeviceID 0: at least 32' : ''}; ${era})`;
}

function bindingFor(fact: MsiFact, ctx: AttributionContext): Binding | undefined {
  if (!ctx.topology) return undefined;
  const ff = ctx.tree.files.find((f) => f.file === fact.file);
  const subject = { file: fact.file, drivers: ff?.drivers ?? [], pciIds: ff?.pciIds ?? [] };
  const direct = bindFile(ctx.topology, ctx.tree, fact.file, ctx.bindings);
  if (direct || !fact.device || !ownerClasses[fact.device.class].subdevice) return direct;
  return bindSubdevice(ctx.topology, fact.device.class, driverNames(subject));
}

/**
 * A subdevice owner and a topology that lists subdevices of its class: the one whose driver
 * matches the file (or the only one of that class), followed through its parents to a PCI function.
 */
function bindSubdevice(topology: Topology, cls: DeviceClass, names: string[]): Binding | undefined {
  const ofClass = topology.subdevices.filter((s) => s.class === cls);
  const named = ofClass.filter((s) => s.driver !== undefined && names.includes(s.driver));
  const sub = named.length === 1 ? named[0] : ofClass.length === 1 ? ofClass[0] : undefined;
  if (!sub) return undefined;
  const seen = new Set<string>();
  for (let parent = sub.parent; parent && !seen.has(parent); ) {
    seen.add(parent);
    const fn = topology.functions.find((f) => f.bdf === parent);
    if (fn)
      return {
        functions: [fn],
        how: `topology subdevice ${sub.name}${named.length === 1 ? ` (driver ${sub.driver})` : ', the only ' + cls + ' device there'} has parent ${fn.bdf}`,
      };
    parent = topology.subdevices.find((s) => s.name === parent)?.parent;
  }
  return undefined;
}

export function attributeFact(fact: MsiFact, ctx: AttributionContext): Attribution {
  const dev = fact.device;
  const owner = { class: dev?.class ?? 'unknown', key: dev?.key ?? '', text: dev?.text ?? '' } as const;
  const info = ownerClasses[owner.class];
  const a: Attribution = {
    owner: { ...owner },
    requesterIds: [],
    chain: [],
    notes: [],
    subdevice: info.subdevice,
    iommuContext: info.iommuContext,
    functions: [],
    walks: [],
  };
  a.chain.push(`owner O = ${owner.text || '(no device argument)'}: ${owner.class} device; the descriptors live in its msi.data`);
  if (info.subdevice)
    a.chain.push(`O is on the ${info.bus} bus, which is not in iommu_buses[]: it has no IOMMU group, and the write comes from its parent function`);
  const binding = bindingFor(fact, ctx);
  if (!binding) {
    if (info.subdevice) a.originatingFunction = 'the PCI function reached through dev.parent';
    if (ctx.topology) a.notes.push(`no topology function bound to ${fact.file}: give --bind DRIVER=BDF`);
    return a;
  }
  a.functions = binding.functions.map((f) => f.bdf);
  a.originatingFunction = binding.functions.length === 1 ? binding.functions[0]!.bdf : a.functions.join(', ');
  const assumedParent = info.subdevice && !binding.how.startsWith('topology subdevice');
  a.chain.push(`P = ${a.originatingFunction} (${binding.how}${assumedParent ? '; assumed to be the parent of O' : ''})`);
  for (const bdf of a.functions) {
    const w = resolveRequesterIds(ctx.topology!, bdf);
    if (!w) continue;
    a.walks.push(w);
    a.chain.push(...walkLines(w));
    const itt = ittLine(fact, w, ctx);
    if (itt) a.chain.push(itt);
    a.notes.push(...w.assumptions);
    for (const r of w.requesterIds) if (!a.requesterIds.includes(r)) a.requesterIds.push(r);
  }
  return a;
}
