// Finding messages: what a maintainer would write in a review mail. Each names the device
// expression, the domain (6.2+ layouts), the index or range, the layout, and the earlier site.
import type { EraInfo, MsiFact } from '../facts/types';
import type { Layout } from '../vocabulary/layout';
import type { Block } from '../model/store/types';
import type { RuledProblem } from './problem-rules';
import type { AppliedEvent, EndEvent } from '../model/replay/replay-state';
import { apiOp, undoCall } from '../model/replay/api-ops';

export interface MessageContext {
  layout: Layout;
  era: EraInfo;
}

function base(file: string): string {
  return file.slice(file.lastIndexOf('/') + 1);
}

export function layoutText(ctx: MessageContext): string {
  switch (ctx.layout) {
    case 'per-domain':
      return `per-domain layout, MSI_MAX_DEVICE_IRQDOMAINS = ${ctx.era.maxDeviceIrqDomains ?? 1}`;
    case 'xarray':
      return 'xarray layout (5.17-6.1 single store)';
    case 'list':
      return 'list layout (<= 5.16)';
    case 'partitioned':
      return 'partitioned layout';
  }
}

function domainText(e: AppliedEvent, ctx: MessageContext): string {
  if (ctx.layout !== 'per-domain' && ctx.layout !== 'partitioned') return '';
  const d = 'domain' in e.op && e.op.domain ? e.op.domain : undefined;
  const n = d && d.max !== null && d.min === d.max ? d.min : e.outcome.collisions[0]?.domain;
  return n === undefined ? '' : `, domain ${n}`;
}

function earlier(e: AppliedEvent, p: RuledProblem): string {
  const m = e.outcome.enabledBy?.[0];
  if (p.code === 'msi/msi-msix-exclusive' && m) {
    return `; ${m.mode === 'msix' ? 'MSI-X' : 'MSI'} ${m.certainty === 'definite' ? 'was' : 'may have been'} enabled by ${m.owner.api}() at ${base(m.owner.file)}:${m.owner.range.line}`;
  }
  const c = e.outcome.collisions[0];
  if (!c) return '';
  const span = c.first === c.last ? `index ${c.first}` : `indices ${c.first}..${c.last}`;
  const verb = c.certainty === 'definite' ? (c.first === c.last ? 'is' : 'are') : 'may be';
  return `; ${span} ${verb} still held by ${c.owner.api}() at ${base(c.owner.file)}:${c.owner.range.line}`;
}

function collateral(e: AppliedEvent): string {
  const x = e.outcome.erased[0];
  if (!x) return '';
  return `; the failed range allocation also erases ${x.first}..${x.last} from ${base(x.owner.file)}:${x.owner.range.line}${x.irqsLeaked ? ' and leaks their IRQs' : ''}`;
}

export function opMessage(e: AppliedEvent, p: RuledProblem, ctx: MessageContext): string {
  const errno = e.outcome.errno && p.code !== 'msi/api-not-in-era' ? ` (${e.outcome.status === 'possible-error' ? 'may return ' : ''}${e.outcome.errno})` : '';
  const assumed = p.certainty === 'possible' && p.assumptions.length ? `, if ${p.assumptions.join(' and ')}` : '';
  return `${e.fact.api}() on '${e.deviceText}'${domainText(e, ctx)}: ${p.detail}${errno}${assumed}${earlier(e, p)}${collateral(e)} [${layoutText(ctx)}]`;
}

/** The branch a leaking path took: `goto err_x` (line n), or the return at line n. */
function exitText(e: EndEvent): string {
  if (e.exit?.label) return `through \`goto ${e.exit.label}\` (line ${e.exit.range.line})`;
  if (e.assumed) return `because ${e.assumed} (the return on line ${e.range.line})`;
  return `at the return on line ${(e.exit ?? e).range.line}`;
}

export function leakMessage(e: EndEvent, b: Block, device: string, ctx: MessageContext): string {
  const dev = device.slice(device.lastIndexOf(':') + 1);
  const span = b.first === b.last ? `index ${b.first}` : `indices ${b.first}..${b.last}`;
  const undo = undoCall(b.site.api);
  const where =
    e.phase === 'remove'
      ? `at the end of remove ${e.function}()`
      : e.phase === 'alone'
        ? `when ${e.function}() returns an error ${exitText(e)}, to callers the model does not see (nothing in its directory calls it)`
        : `when ${e.function}() fails ${exitText(e)}`;
  const missing = undo ? `; no ${undo} on that path` : '';
  const unless = e.cleanup ? `, unless ${e.cleanup}() (not followed) frees them` : '';
  return `${b.site.api}() at ${base(b.site.file)}:${b.site.range.line} leaves ${span} allocated on '${dev}' ${where}${missing}${unless}; msi_device_data_release() WARNs at detach and the next probe's enable fails [${layoutText(ctx)}]`;
}

export function uncheckedMessage(f: MsiFact, ctx: MessageContext): string {
  const what = 'returns the number of vectors granted or a negative errno (-ENOSPC, -EINVAL, -ENOMEM)';
  return `${f.api}() on '${f.device?.text ?? f.args[0] ?? ''}' ${what}, and no path tests it: when it fails the driver goes on without vectors and pci_irq_vector() returns -EINVAL [${layoutText(ctx)}]`;
}

export function impossibleTestMessage(t: { fact: MsiFact; test: string }, ctx: MessageContext): string {
  const min = t.fact.min?.value !== undefined ? String(Math.max(1, t.fact.min.value)) : 'min_vecs, at least 1';
  return `\`${t.test}\` is never true: ${t.fact.api}() at ${base(t.fact.file)}:${t.fact.range.line} returns the number of vectors granted (${min} or more) or a negative errno, never a value that passes it; test \`< 0\` for failure [${layoutText(ctx)}]`;
}

export function requestedMessage(e: AppliedEvent, alloc: MsiFact, ctx: MessageContext): string {
  const bound = e.fact.index?.loopBound?.bound.trim() ?? 'the bound';
  const fewest = alloc.min?.value !== undefined ? String(Math.max(1, alloc.min.value)) : `min_vecs (${alloc.min?.text.trim() ?? '1'})`;
  const fails = apiOp(e.fact.api).op === 'get-virq' ? 'returns 0 (no descriptor at that index)' : 'returns -EINVAL';
  return `${e.fact.api}() on '${e.deviceText}': the loop bound ${bound} is the count requested from ${alloc.api}() at ${base(alloc.file)}:${alloc.range.line}, which may grant as few as ${fewest}; for indices from the granted count up ${e.fact.api}() ${fails}: bound the loop by the returned count [${layoutText(ctx)}]`;
}
