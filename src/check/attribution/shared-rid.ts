// attr/shared-requester-id: an allocating PCI function shares the ID a consumer keys on with
// another function after DMA aliasing (msi-semantics §4.5, §4.7.0; S5–S7, S10–S13). A shared
// IOMMU group alone is not a shared requester ID (S13), so groups are never used here.
import { formatRid } from '../../topology/bdf';
import type { PciFunction, Topology } from '../../topology/types';
import { itsEra, resolveRequesterIds, type AliasWalk } from '../../model/iommu/index';
import { bindFile } from '../../model/iommu/bind-file';
import type { MsiFact, TreeFacts } from '../../facts/types';
import type { Finding, Severity } from '../../vocabulary/finding';
import { storingFacts, targetOf, type AttrContext, type Target } from './context';
import { definiteIttExhaustion } from './its-capacity';

type Consumer = 'intel' | 'amd' | 'its';

const consumersFor: Record<Target, Consumer[]> = {
  'x86-intel': ['intel'],
  'x86-amd': ['amd'],
  x86: ['intel', 'amd'],
  its: ['its'],
  unknown: ['intel', 'amd', 'its'],
};

const ntbKinds = new Set(['ALL256', 'HWTABLE', 'MIC3', 'VCA160']);

function intelOverlap(a: AliasWalk, b: AliasWalk): boolean {
  const span = (w: AliasWalk): [number, number] => w.intelIr.busRange ?? [w.intelIr.sid! >> 8, w.intelIr.sid! >> 8];
  if (a.intelIr.mode === 'verify-sid' && b.intelIr.mode === 'verify-sid') return a.intelIr.sid === b.intelIr.sid;
  const [a0, a1] = span(a);
  const [b0, b1] = span(b);
  return a0 <= b1 && b0 <= a1;
}

function shared(a: AliasWalk, b: AliasWalk, consumers: Consumer[]): { consumer: Consumer; id: string }[] {
  const out: { consumer: Consumer; id: string }[] = [];
  if (consumers.includes('its') && (a.its.deviceId ?? a.its.rid) === (b.its.deviceId ?? b.its.rid)) {
    out.push({
      consumer: 'its',
      id: a.its.deviceId !== undefined ? `${a.its.deviceId}, msi-map of rid ${formatRid(a.its.rid)}` : `rid ${formatRid(a.its.rid)}`,
    });
  }
  const amd = a.amdIrt.find((r) => b.amdIrt.includes(r));
  if (consumers.includes('amd') && amd !== undefined) out.push({ consumer: 'amd', id: formatRid(amd) });
  if (consumers.includes('intel') && intelOverlap(a, b)) out.push({ consumer: 'intel', id: a.intelIr.text });
  return out;
}

/** The PCI segment the walk's IDs belong to: the domain of its first pdev (the VMD endpoint's for VMD). */
const segmentOf = (w: AliasWalk): number => parseInt(w.pairs[0]!.pdev.split(':')[0]!, 16);

interface User {
  fn: PciFunction;
  fact: MsiFact;
}

/** Allocating PCI facts bound to topology functions: the first storing fact per function. */
function users(tree: TreeFacts, topology: Topology, ctx: AttrContext): Map<string, User> {
  const out = new Map<string, User>();
  for (const fact of storingFacts(tree)) {
    if (fact.device?.class !== 'pci') continue;
    const b = bindFile(topology, tree, fact.file, ctx.bindings);
    for (const fn of b?.functions ?? []) if (!out.has(fn.bdf)) out.set(fn.bdf, { fn, fact });
  }
  return out;
}

const usesMsi = (fn: PciFunction, bound: Map<string, User>): boolean => bound.has(fn.bdf) || fn.msi?.enabled === true || fn.msix?.enabled === true;

function consequence(c: Consumer, id: string, walk: AliasWalk, all: string): string {
  if (c === 'intel')
    return walk.intelIr.mode === 'verify-bus'
      ? `Intel IR can only verify the source bus: ${walk.intelIr.text}`
      : `Intel IR verifies one source ID for ${all}: ${walk.intelIr.text}`;
  if (c === 'amd') return `AMD-Vi installs one IRT at ${id} for ${all}, and whichever allocates second may re-point it (IVRS- and order-dependent)`;
  return `the ITS gives ${all} one DeviceID (${id}) and one ITT`;
}

function severityFor(target: Target, otherUsers: number, walk: AliasWalk): Severity {
  if (otherUsers === 0 || walk.realDmaDev) return 'info'; // VMD: sharing the endpoint's RID is by design (S15)
  if (target === 'x86-intel') return 'info';
  if (target === 'its' && walk.its.proxy && !walk.its.aliasCountPartial) return 'info'; // bridge-derived: ITT sized for the subtree
  return 'warning';
}

function proxyFinding(u: User, walk: AliasWalk, target: Target): Finding | undefined {
  const node = u.fn;
  const maskPairs = walk.pairs.filter((p) => p.step.startsWith('dma_alias_mask'));
  const ghosts = [...new Set(maskPairs.map((p) => formatRid(p.alias)))].filter((r) => r !== walk.requesterIds[0]);
  if (ghosts.length === 0 && !walk.unknownAliases) return undefined;
  const ntb = walk.unknownAliases || maskPairs.some((p) => [...ntbKinds].some((k) => p.step.includes(k)));
  const severity: Severity = ntb && (target === 'its' || target === 'unknown') ? 'warning' : 'info';
  const what = walk.unknownAliases
    ? 'proxy requester IDs read from the Switchtec table at boot'
    : `alias requester ID${ghosts.length > 1 ? 's' : ''} ${ghosts.slice(0, 4).join(', ')}${ghosts.length > 4 ? ', …' : ''}`;
  return {
    code: 'attr/shared-requester-id',
    severity,
    file: u.fact.file,
    range: u.fact.range,
    related: [],
    device: u.fact.device?.key,
    message: `${node.bdf} also issues ${what} (DMA-alias quirk): Intel IR can only verify its bus, AMD-Vi installs its IRT on every alias, and the ITS ignores same-bus aliases (DeviceID stays ${formatRid(walk.its.rid)}).`,
    assumptions: walk.pairs.slice(0, 6).map((p) => `${p.pdev} -> ${formatRid(p.alias)}: ${p.step}`),
  };
}

export function sharedRequesterIdFindings(tree: TreeFacts, ctx: AttrContext): Finding[] {
  const topology = ctx.topology;
  if (!topology) return [];
  const target = targetOf(topology);
  const bound = users(tree, topology, ctx);
  const out: Finding[] = [];
  // One finding per call: functions bound to the same call that share with each other are covered once.
  const covered = new Set<string>();
  const factKey = (u: User, bdf: string): string => `${u.fact.file}#${u.fact.id}|${bdf}`;
  for (const u of bound.values()) {
    if (covered.has(factKey(u, u.fn.bdf))) continue;
    const walk = resolveRequesterIds(topology, u.fn.bdf);
    if (!walk) continue;
    const sharers: { fn: PciFunction; how: { consumer: Consumer; id: string }[] }[] = [];
    for (const f of topology.functions) {
      if (f.bdf === u.fn.bdf) continue;
      const other = resolveRequesterIds(topology, f.bdf)!;
      if (segmentOf(other) !== segmentOf(walk)) continue; // requester IDs are per PCI segment
      const how = shared(walk, other, consumersFor[target]);
      if (how.length > 0) sharers.push({ fn: f, how });
    }
    if (sharers.length === 0) {
      const p = proxyFinding(u, walk, target);
      if (p) out.push(p);
      continue;
    }
    for (const s of sharers) covered.add(factKey(u, s.fn.bdf));
    const others = sharers.filter((s) => usesMsi(s.fn, bound));
    const byConsumer = new Map<Consumer, string>();
    for (const s of sharers) for (const h of s.how) if (!byConsumer.has(h.consumer)) byConsumer.set(h.consumer, h.id);
    const names =
      sharers
        .slice(0, 4)
        .map((s) => s.fn.bdf)
        .join(', ') + (sharers.length > 4 ? `, … (${sharers.length})` : '');
    const related = others.flatMap((s) => {
      const ou = bound.get(s.fn.bdf);
      return ou ? [{ file: ou.fact.file, range: ou.fact.range, message: `${s.fn.bdf} allocates here` }] : [];
    });
    const era = itsEra(tree.era);
    const exhausted =
      target === 'its' && !walk.its.proxy && byConsumer.has('its')
        ? others
            .map((s) => bound.get(s.fn.bdf))
            .flatMap((o) => (o ? [definiteIttExhaustion(u, o, walk.its.deviceId ?? walk.its.rid, era)] : []))
            .find((x) => x !== undefined)
        : undefined;
    out.push({
      code: 'attr/shared-requester-id',
      severity: exhausted ? 'error' : severityFor(target, others.length, walk),
      file: u.fact.file,
      range: u.fact.range,
      related,
      device: u.fact.device?.key,
      message: `${exhausted ? `${exhausted} (-ENOSPC). ` : ''}${u.fn.bdf} shares its interrupt requester ID with ${names} after DMA aliasing (final RID ${formatRid(walk.finalRid)}): ${[...byConsumer].map(([c, id]) => consequence(c, id, walk, sharers.length > 1 ? 'all of them' : 'both')).join('; ')}. ${others.length === 0 ? 'Only this function uses MSI there.' : `${others.length} other function${others.length > 1 ? 's use' : ' uses'} MSI: no source isolation between them.`}`,
      assumptions: [`target: ${target}`, ...walk.pairs.map((p) => `${p.pdev} -> ${formatRid(p.alias)}: ${p.step}`), ...walk.assumptions],
    });
  }
  return out;
}
