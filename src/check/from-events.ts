// Turns what the replay saw into findings: one per call site (in the §6 order), errors only
// where the problem is definite on some path, warnings that name what they assumed; leaks at
// the path end that leaves an allocation live. Problems that need the device's earlier state
// are dropped when a function was walked alone (that state is unknown).
import type { Range } from '../facts/types';
import type { Block } from '../model/store/types';
import { liveAtDetach } from '../model/replay/interpret';
import type { AppliedEvent, EndEvent } from '../model/replay/replay-state';
import type { WalkReport } from '../model/replay/run';
import type { Finding, RelatedLocation, RuleCode, Severity } from '../vocabulary/finding';
import { apiOp, isPciVectorApi } from '../model/replay/api-ops';
import { impossibleTestMessage, leakMessage, opMessage, requestedMessage, uncheckedMessage, type MessageContext } from './messages';
import { capConditional, conditionalSites } from './conditional';
import { ruled, type RuledProblem } from './problem-rules';

/** At most one of these per call site, first in this order wins (msi-semantics §6). */
export const siteOrder: RuleCode[] = [
  'msi/range-inverted',
  'msi/domain-id-invalid',
  'msi/domain-missing',
  'msi/msi-msix-exclusive',
  'msi/partition-crossing',
  'msi/index-out-of-range',
  'msi/msix-table-overflow',
  'msi/index-conflict',
  'msi/multi-msi-limit',
  'msi/dynamic-msix-unsupported',
  // A call that is wrong in itself: that its result is also never tested comes second.
  'msi/result-unchecked',
];

/** Rules about the call alone: true whatever path led to it. */
const intrinsic = new Set<RuleCode>(['msi/range-inverted', 'msi/domain-id-invalid', 'msi/multi-msi-limit', 'msi/api-not-in-era']);
/**
 * Rules whose possible verdict rests on a run-time count the model could not bound (granted
 * vectors, hwsize, table size, the device's Multiple Message Capable field): info, not warning. On
 * Debian's 6.1, 6.12 and 7.3 trees the index warnings a maintainer read were all false (39 of 39:
 * counts read from the device, whole-table allocations, hwsize = nvec) and the multi-MSI ones
 * hardware the driver is built for or an -ENOSPC fallback (docs/real-tree-findings.md).
 */
const countDependent = new Set<RuleCode>(['msi/vector-unallocated', 'msi/index-conflict', 'msi/index-out-of-range', 'msi/multi-msi-limit']);
const unreadCondition = 'the call is under a branch condition the model cannot evaluate; it assumed that branch runs with this store state';

/** Need the device's state before the walk began: meaningless for a function walked alone. */
const needsHistory = new Set<RuleCode>([
  'msi/free-unallocated',
  'msi/vector-unallocated',
  'msi/dynamic-msix-unsupported',
  'msi/domain-missing',
  'msi/leak',
  'msi/msi-msix-exclusive',
]);

interface Candidate {
  finding: Finding;
  definite: boolean;
  /** Worth reporting only when definite on every path (else another rule decides at the path end). */
  everyPathOnly?: boolean;
}

/**
 * `pci_disable_msi()` where MSI-X may be the mode enabled (or the reverse): what matters is that
 * the other mode's vectors stay allocated, which msi/leak decides at the path's end. Reported at
 * the disable only when the wrong mode is certain on every path; on Debian's trees all 23 wrong-mode
 * disables that rested on a branch the model could not tie (a driver's mode flag) were correct.
 */
function wrongModeDisable(e: AppliedEvent, code: RuleCode): boolean {
  return code === 'msi/free-unallocated' && e.op.op === 'pci-disable' && e.op.mode !== 'all';
}

function siteKey(file: string, r: Range): string {
  return `${file}:${r.line}:${r.column}`;
}

function related(e: AppliedEvent): RelatedLocation[] {
  const out: RelatedLocation[] = [];
  const seen = new Set<string>();
  const add = (file: string, range: Range, message: string) => {
    const k = `${siteKey(file, range)}`;
    if (seen.has(k) || k === siteKey(e.fact.file, e.fact.range)) return;
    seen.add(k);
    out.push({ file, range, message });
  };
  for (const c of e.outcome.collisions)
    add(
      c.owner.file,
      c.owner.range,
      `${c.owner.api}() allocated ${c.first === c.last ? `index ${c.first}` : `indices ${c.first}..${c.last}`} of domain ${c.domain} here`,
    );
  for (const m of e.outcome.enabledBy ?? [])
    add(
      m.owner.file,
      m.owner.range,
      `${m.owner.api}() ${m.certainty === 'definite' ? 'enabled' : 'may have enabled'} ${m.mode === 'msix' ? 'MSI-X' : 'MSI'} here`,
    );
  for (const x of e.outcome.erased)
    add(
      x.owner.file,
      x.owner.range,
      `${x.owner.api}() allocated ${x.first}..${x.last} here; erased by the failed call${x.irqsLeaked ? ' (its IRQs leak)' : ''}`,
    );
  return out;
}

/** Extra problems the store cannot see: a lookup bounded by `i <= n` of the returned count. */
function unknownIndex(e: AppliedEvent): boolean {
  const op = e.op;
  const v = op.op === 'pci-irq-vector' ? op.nr : op.op === 'get-virq' || op.op === 'pci-msix-free' || op.op === 'ims-free' ? op.index : undefined;
  return v !== undefined && v.max === null;
}

/** Names the run-time value that decides whether a lookup reaches index 1. */
function indexBound(e: AppliedEvent): string {
  const lb = e.fact.index?.loopBound;
  if (lb) return `the loop bound ${lb.bound.trim()} is ${lb.inclusive ? 'at least 1' : 'greater than 1'}`;
  return `${e.fact.index?.text.trim() ?? 'the index'} is not 0`;
}

function nothingEnabled(e: AppliedEvent): boolean {
  const modes = e.state.devices[e.device]?.pciModes ?? ['none'];
  return modes.every((m) => m === 'none' || m === 'intx');
}

function lookupProblems(e: AppliedEvent): RuledProblem[] {
  const problems = e.outcome.problems.map(ruled);
  if (!e.boundByResult) return problems;
  const rest = problems.filter((p) => p.code !== 'msi/vector-unallocated');
  if (!e.boundByResult.inclusive) return rest;
  const bound = e.fact.index?.loopBound?.bound ?? 'n';
  return [
    ...rest,
    {
      code: 'msi/vector-unallocated',
      certainty: 'definite',
      detail: `the loop reaches index ${bound}, one past the ${bound} vectors the allocation returned (valid: 0..${bound}-1)`,
      assumptions: [],
    },
  ];
}

function opCandidates(e: AppliedEvent, ctx: MessageContext, order: string): Candidate[] {
  const out: Candidate[] = [];
  const problems = lookupProblems(e);
  const era = apiOp(e.fact.api).onlyEra;
  if (era && ctx.era.era !== era && !(era === 'xarray' && ctx.era.era === 'list')) {
    problems.push({ code: 'msi/api-not-in-era', certainty: 'definite', detail: `${e.fact.api}() does not exist in a ${ctx.era.label} tree`, assumptions: [] });
  }
  const anyIndex = 'index' in e.op && e.op.index === 'any';
  if (e.boundByRequest) {
    out.push({
      definite: false,
      finding: {
        code: 'msi/index-from-requested',
        severity: 'warning',
        message: requestedMessage(e, e.boundByRequest, ctx),
        file: e.fact.file,
        range: e.fact.range,
        related: [
          {
            file: e.boundByRequest.file,
            range: e.boundByRequest.range,
            message: `${e.boundByRequest.api}() requested up to ${e.boundByRequest.max?.text.trim() ?? 'max_vecs'} here`,
          },
        ],
        assumptions: ['the allocation grants fewer vectors than it asked for', order],
        device: e.device,
      },
    });
  }
  for (let p of problems) {
    if (!e.known && needsHistory.has(p.code)) continue;
    // MSI_ANY_INDEX on a table of run-time size: exhaustion is what m.index reports, not a bug.
    if (anyIndex && p.code === 'msi/index-conflict' && p.certainty === 'possible') continue;
    // A mode disable with nothing enabled is as harmless as pci_free_irq_vectors(); it matters
    // only when the other mode stays enabled (the vectors leak).
    if (p.code === 'msi/free-unallocated' && e.op.op === 'pci-disable' && e.op.mode !== 'all' && nothingEnabled(e)) continue;
    // A lookup index the model knows nothing about says nothing about the allocation. The one
    // exception: a loop over the probe's own device before anything was set up on it, where
    // every index but 0 fails, so the loop is wrong whenever its bound exceeds 1.
    const loopOnPristine = e.pristine && e.fact.index?.loopBound !== undefined;
    if (p.code === 'msi/vector-unallocated' && p.certainty === 'possible' && unknownIndex(e) && !loopOnPristine) continue;
    // The whole MSI-X table was allocated: a fixed vector number of the device is in it.
    if (p.code === 'msi/vector-unallocated' && p.certainty === 'possible' && e.wholeTable && e.fact.index?.value !== undefined) continue;
    // The loop bound is the requested count: msi/index-from-requested says why and what to use.
    if (p.code === 'msi/vector-unallocated' && p.certainty === 'possible' && e.boundByRequest) continue;
    if (p.code === 'msi/vector-unallocated' && nothingEnabled(e))
      p = { ...p, assumptions: p.assumptions.map((a) => (a === 'the index reaches 1 (run-time)' ? indexBound(e) : a)) };
    // A map this walk did not see allocated (e.g. kept in a struct until remove): its slot is unknown.
    if (p.code === 'msi/free-unallocated' && (e.op.op === 'pci-msix-free' || e.op.op === 'ims-free') && unknownIndex(e)) continue;
    // Under a condition the model cannot read, a 'definite' verdict may belong to an infeasible path.
    // Possible verdicts there too: which allocation the branch sees is as unknown as the run-time value.
    const demoted = e.unknownCond && !intrinsic.has(p.code) && (p.certainty === 'definite' || needsHistory.has(p.code));
    const definite = p.certainty === 'definite' && !demoted;
    // error: definite; warning: depends on a run-time value the message names; info: depends on
    // which branches run together, which the model cannot tell.
    // (A loop over a device with nothing enabled fails for every bound above 1: that stays a warning.)
    const countOnly = !definite && countDependent.has(p.code) && !(p.code === 'msi/vector-unallocated' && nothingEnabled(e));
    const severity: Severity = demoted || countOnly ? 'info' : p.code === 'msi/api-not-in-era' || !definite ? 'warning' : 'error';
    if (demoted) p = { ...p, assumptions: [unreadCondition, ...p.assumptions] };
    out.push({
      definite,
      ...(wrongModeDisable(e, p.code) ? { everyPathOnly: true } : {}),
      finding: {
        code: p.code,
        severity,
        message: opMessage(e, p, ctx),
        file: e.fact.file,
        range: e.fact.range,
        related: related(e),
        assumptions: [...p.assumptions, order],
        device: e.device,
        ...(demoted || countOnly ? { speculative: true as const } : {}),
      },
    });
  }
  return out;
}

/** Where a leak is reported: the goto or return that left the success flow (else the path's end). */
function leakSite(e: EndEvent): Range {
  return e.phase === 'remove' ? e.range : (e.exit?.range ?? e.range);
}

function leakCandidates(e: EndEvent, ctx: MessageContext, order: string, managed: boolean, callersUnseen: boolean): Candidate[] {
  if (managed || e.released || (e.phase === 'probe' && !e.errorPath)) return [];
  // A function walked without its probe, that nothing in its directory calls, leaks where it
  // returns an errno holding PCI vectors it allocated itself: its caller (an ops table's user,
  // another directory), which the walk does not see, learns only of the failure. Speculative:
  // read on Debian's trees, most such callers keep the device bound and free them later.
  if (e.phase === 'alone' && (!e.failed || !callersUnseen)) return [];
  if (e.phase === 'remove' && e.inBranch) return [];
  const out: Candidate[] = [];
  for (const device of Object.keys(e.state.devices)) {
    const blocks: Block[] = liveAtDetach(e.state, device).filter((b) => e.phase !== 'alone' || isPciVectorApi(b.site.api));
    for (const b of blocks) {
      // A cleanup-like call the walk did not follow may have freed them: a warning that names it.
      const unsure = [
        ...(e.phase === 'alone' ? [`the callers of ${e.function}(), which the model does not see, do not free them when it fails`] : []),
        ...(e.assumed ? [e.assumed] : []),
        ...(e.cleanup ? [`${e.cleanup}(), which the model does not follow, does not free them`] : []),
        ...(e.guessed ? ['remove takes the branch that skips the free: it tests a value the model cannot tie to what probe chose'] : []),
      ];
      // A free the walk could not see (an unfollowed cleanup call, a remove branch the model cannot tie
      // to probe) is info: read against the trees, such leaks were mostly freed there (34 of 42).
      const hidden = e.cleanup || e.guessed;
      out.push({
        definite: unsure.length === 0,
        finding: {
          code: 'msi/leak',
          severity: hidden || e.phase === 'alone' ? 'info' : unsure.length ? 'warning' : 'error',
          message: leakMessage(e, b, device, ctx),
          file: e.file,
          range: leakSite(e),
          related: [
            {
              file: b.site.file,
              range: b.site.range,
              message: `${b.site.api}() allocated ${b.first === b.last ? `index ${b.first}` : `${b.first}..${b.last}`} here`,
            },
          ],
          assumptions: [...unsure, order, 'the device is not managed (no pcim_enable_device() before the allocation)'],
          device,
          // remove skipped the free on a branch the model could not read: 12 of 13 such leaks
          // read on Debian's trees were freed there (a flag probe or its IRQ handler set).
          ...(e.guessed || e.phase === 'alone' ? { speculative: true as const } : {}),
        },
      });
    }
  }
  return out;
}

const tooManyPaths = 'the function has more paths than the model follows; the paths it dropped may avoid this';
const somePaths = 'on some paths only: the branches that lead here depend on conditions the model cannot correlate';

/**
 * Within one walk, a problem is an error only when it is definite on every path that reaches
 * the site (branch conditions the model cannot read make some forked paths infeasible);
 * definite on some paths only is a warning. Across walks the strongest verdict wins.
 */
function walkCandidates(r: WalkReport, ctx: MessageContext): Candidate[] {
  const reach = new Map<string, number>();
  /** Path ends at a site with something still allocated: what a leak's "every path" counts. */
  const liveReach = new Map<string, number>();
  const groups = new Map<string, { cands: Candidate[]; site: string }>();
  for (const e of r.events) {
    const site = e.kind === 'op' ? siteKey(e.fact.file, e.fact.range) : siteKey(e.file, leakSite(e));
    reach.set(site, (reach.get(site) ?? 0) + 1);
    if (e.kind === 'end' && Object.keys(e.state.devices).some((d) => liveAtDetach(e.state, d).length > 0)) liveReach.set(site, (liveReach.get(site) ?? 0) + 1);
    const cands = e.kind === 'op' ? opCandidates(e, ctx, r.order) : leakCandidates(e, ctx, r.order, r.managed, r.callersUnseen);
    for (const c of cands) {
      const relatedKey = c.finding.code === 'msi/leak' ? `:${siteKey(c.finding.related[0]!.file, c.finding.related[0]!.range)}` : '';
      const k = `${site}:${c.finding.code}${relatedKey}`;
      const g = groups.get(k) ?? { cands: [], site };
      g.cands.push(c);
      groups.set(k, g);
    }
  }
  const out: Candidate[] = [...resultCandidates(r, ctx)];
  for (const g of groups.values()) {
    const definite = g.cands.filter((c) => c.definite);
    const isLeak = g.cands[0]?.finding.code === 'msi/leak';
    const paths = (isLeak ? liveReach : reach).get(g.site) ?? 0;
    // Every path checked only when the walk kept them all.
    // (Without a probe entry, history-dependent rules only fire once this walk set the device's
    // state itself: see `known` in the interpreter.)
    const complete = !r.truncated;
    if (definite.length && definite.length === paths && complete) {
      out.push(definite[0]!);
      continue;
    }
    if (g.cands.some((c) => c.everyPathOnly)) continue;
    const pick = g.cands.find((c) => !c.definite) ?? g.cands[0]!;
    const f = pick.finding;
    const why = definite.length === paths ? tooManyPaths : somePaths;
    // A leak that some paths through its exit do not have depends on which branches ran: info.
    const partialLeak = isLeak && g.cands.length < paths;
    // A call's problem on some paths only rests on branches the model could not correlate: speculative.
    // (A leak keeps its info: such leaks were real in the audit, e.g. tsi721's.)
    const weak =
      pick.definite || partialLeak
        ? { ...f, severity: 'info' as const, assumptions: [partialLeak ? somePaths : why, ...f.assumptions], ...(isLeak ? {} : { speculative: true as const }) }
        : f;
    out.push({ definite: false, finding: weak });
  }
  return out;
}

/** Results never tested, and tests no result passes (both hold for the whole walk, not a path). */
function resultCandidates(r: WalkReport, ctx: MessageContext): Candidate[] {
  const out: Candidate[] = [];
  for (const f of r.unchecked) {
    out.push({
      definite: false,
      finding: {
        code: 'msi/result-unchecked',
        severity: 'warning',
        message: uncheckedMessage(f, ctx),
        file: f.file,
        range: f.range,
        related: [],
        assumptions: [r.order],
      },
    });
  }
  for (const t of r.impossible) {
    out.push({
      definite: false,
      finding: {
        code: 'msi/impossible-success-test',
        severity: 'warning',
        message: impossibleTestMessage(t, ctx),
        file: t.file,
        range: t.range,
        related: [{ file: t.fact.file, range: t.fact.range, message: `${t.fact.api}() returns its count here` }],
        assumptions: [r.order],
      },
    });
  }
  return out;
}

/** Merges candidates per (site, code) across walks; then one per site in the §6 order. */
export function findingsFromReports(reports: WalkReport[], ctx: MessageContext): Finding[] {
  const byKey = new Map<string, Candidate>();
  const conditional = conditionalSites(reports);
  for (const r of reports) {
    for (const w of walkCandidates(r, ctx)) {
      // The severity's last word: a finding on code compiled in some configurations only.
      const c = { ...w, finding: capConditional(w.finding, conditional) };
      const relatedKey = c.finding.code === 'msi/leak' ? `:${siteKey(c.finding.related[0]!.file, c.finding.related[0]!.range)}` : '';
      const k = `${siteKey(c.finding.file, c.finding.range)}:${c.finding.code}${relatedKey}`;
      const prev = byKey.get(k);
      if (!prev || (c.definite && !prev.definite)) byKey.set(k, c);
    }
  }
  const perSite = new Map<string, Finding[]>();
  for (const { finding } of byKey.values()) {
    const k = siteKey(finding.file, finding.range);
    perSite.set(k, [...(perSite.get(k) ?? []), finding]);
  }
  const out: Finding[] = [];
  for (const list of perSite.values()) {
    const ordered = list.filter((f) => siteOrder.includes(f.code)).sort((a, b) => siteOrder.indexOf(a.code) - siteOrder.indexOf(b.code));
    if (ordered[0]) out.push(ordered[0]);
    out.push(...list.filter((f) => !siteOrder.includes(f.code)));
  }
  return out;
}
