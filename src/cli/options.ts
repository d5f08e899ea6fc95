// Option parsing shared by `check`, `facts` and `simulate`: layouts, eras, partitions, bindings.
import { namedEra } from '../facts/era';
import type { EraInfo } from '../facts/types';
import { layouts, type Layout } from '../vocabulary/layout';
import type { Partition } from '../vocabulary/partition';
import { UsageError } from './command';

/** `--era 7.x|6.12|6.1`: the era outside a kernel tree (a tree's own headers still decide inside one). */
export function parseEra(v: string | undefined): { era?: EraInfo } {
  if (v === undefined) return {};
  const era = namedEra(v);
  if (!era) throw new UsageError(`--era must be one of 7.x, 6.12, 6.1 (got '${v}')`);
  return { era };
}

/** What --layout accepts: the tree's own (auto) or any layout. */
export const layoutChoices: readonly ('auto' | Layout)[] = ['auto', ...layouts];

export function parseLayout(v: string | undefined): 'auto' | Layout {
  if (v === undefined) return 'auto';
  const choice = layoutChoices.find((l) => l === v);
  if (choice) return choice;
  throw new UsageError(`--layout must be one of ${layoutChoices.join(', ')} (got '${v}')`);
}

function parseNumber(text: string, what: string): number {
  const t = text.trim();
  const n = /^0x[0-9a-f]+$/i.test(t) ? parseInt(t, 16) : /^\d+$/.test(t) ? parseInt(t, 10) : NaN;
  if (!Number.isSafeInteger(n)) throw new UsageError(`${what}: '${text}' is not a number (decimal or 0x hex)`);
  return n;
}

/** NAME=FIRST-LAST; NAME is a domain number, a domain id name, or takes the next domain number. */
export function parsePartitions(specs: string[], domainIds: Record<string, number>): Partition[] {
  const out: Partition[] = [];
  specs.forEach((spec, i) => {
    const m = /^([^=]+)=([^-]+)-(.+)$/.exec(spec);
    if (!m) throw new UsageError(`--partition '${spec}': expected NAME=FIRST-LAST, e.g. pci=0x0-0xffff`);
    const name = m[1]!.trim();
    const first = parseNumber(m[2]!, `--partition ${name}`);
    const last = parseNumber(m[3]!, `--partition ${name}`);
    if (first > last) throw new UsageError(`--partition ${name}: first 0x${first.toString(16)} > last 0x${last.toString(16)}`);
    const domain = /^\d+$/.test(name) ? Number(name) : (domainIds[name] ?? i);
    out.push({ name, domain, first, last });
  });
  for (const a of out) {
    for (const b of out) {
      if (a === b) continue;
      if (a.domain === b.domain) throw new UsageError(`--partition ${a.name} and ${b.name} both name domain ${a.domain}`);
      if (a.first <= b.last && b.first <= a.last)
        throw new UsageError(
          `--partition ${a.name} (0x${a.first.toString(16)}-0x${a.last.toString(16)}) overlaps ${b.name} (0x${b.first.toString(16)}-0x${b.last.toString(16)})`,
        );
    }
  }
  return out;
}

export function parseBindings(specs: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const spec of specs) {
    const m = /^([^=]+)=(.+)$/.exec(spec);
    if (!m) throw new UsageError(`--bind '${spec}': expected DRIVER=BDF, e.g. mydrv=0000:3b:00.0`);
    out[m[1]!.trim()] = m[2]!.trim();
  }
  return out;
}
