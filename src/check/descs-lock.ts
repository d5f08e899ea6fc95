// msi/descs-unlocked: a `*_locked` MSI API (the catalogue's needsDescsLock rows) called where no
// descriptor lock is held. The lock is msi_lock_descs() (until 6.x: held from the call to the end
// of the function, read conservatively so an early unlock on an error path never counts against
// a later call) or a 7.x guard (its scope from the syntax tree). A call outside every lock of its
// function is reported only when a chain of named calls reaches it from a driver's probe or
// remove without passing a lock: the driver core never holds the descriptor mutex there. A
// function whose callers are not all visible (exported, called through a pointer) stays silent
// unless such a chain exists.
import type { FileFacts, FunctionInfo, MsiFact, Range, Stmt, TreeFacts } from '../facts/types';
import { catalogueRow } from '../facts/catalogue';
import type { Finding, RelatedLocation } from '../vocabulary/finding';

/** Where each era's core asserts the mutex (lockdep_assert_held), reached from the locked APIs. */
const assertedIn: Record<string, string> = {
  xarray: 'kernel/irq/msi.c:msi_domain_alloc_irqs_descs_locked / msi_domain_free_irqs_descs_locked',
  'per-domain': 'kernel/irq/msi.c:msi_ctrl_valid -> msi_get_device_domain',
};

const maxChain = 6;

interface CallSite {
  caller: FunctionInfo;
  range: Range;
}

const before = (a: Range, b: Range): boolean => a.line < b.line || (a.line === b.line && a.column <= b.column);
const ends = (r: Range): Range => ({ line: r.endLine, column: r.endColumn, endLine: r.endLine, endColumn: r.endColumn });

/** The spans of a function that hold a descriptor lock. */
function lockSpans(facts: MsiFact[], fn: FunctionInfo): Range[] {
  const fnEnd = ends(fn.bodyRange);
  return facts
    .filter((f) => f.kind === 'lock' && f.function === fn.name)
    .map((f) => f.lockScope ?? { line: f.callRange.endLine, column: f.callRange.endColumn, endLine: fnEnd.line, endColumn: fnEnd.column });
}

function inside(spans: Range[], at: Range): boolean {
  return spans.some((s) => before(s, at) && before(at, ends(s)));
}

function callsIn(body: Stmt[], out: { name: string; range: Range }[] = []): { name: string; range: Range }[] {
  for (const s of body) {
    if (s.t === 'call') out.push({ name: s.name, range: s.range });
    else if (s.t === 'if') {
      callsIn(s.then, out);
      callsIn(s.else, out);
    } else if (s.t === 'loop') callsIn(s.body, out);
    else if (s.t === 'switch') for (const c of s.cases) callsIn(c.body, out);
  }
  return out;
}

class LockIndex {
  private readonly files = new Map<string, FileFacts>();
  private readonly callers = new Map<string, CallSite[]>();
  private readonly entries = new Set<string>();

  constructor(tree: TreeFacts) {
    for (const f of tree.files) {
      this.files.set(f.file, f);
      for (const d of f.drivers) for (const e of [d.probe, d.remove]) if (e) this.entries.add(`${f.file}:${e}`);
      for (const fn of f.functions) {
        for (const c of callsIn(fn.body)) {
          const list = this.callers.get(c.name) ?? [];
          list.push({ caller: fn, range: c.range });
          this.callers.set(c.name, list);
        }
      }
    }
  }

  held(fn: FunctionInfo, at: Range): boolean {
    return inside(lockSpans(this.files.get(fn.file)?.facts ?? [], fn), at);
  }

  /** A chain of unlocked call sites from a driver entry down to `fn`, if one exists. */
  unlockedChain(fn: FunctionInfo, seen = new Set<string>()): CallSite[] | undefined {
    const key = `${fn.file}:${fn.name}`;
    if (this.entries.has(key)) return [];
    if (seen.has(key) || seen.size >= maxChain) return undefined;
    seen.add(key);
    for (const site of this.callers.get(fn.name) ?? []) {
      // A static function is called only from its own file (names repeat across files).
      if (fn.isStatic && site.caller.file !== fn.file) continue;
      if (!fn.isStatic && this.definedIn(fn.name, site.caller.file) && site.caller.file !== fn.file) continue;
      if (this.held(site.caller, site.range)) continue;
      const up = this.unlockedChain(site.caller, new Set(seen));
      if (up) return [...up, site];
    }
    return undefined;
  }

  /** The caller's file defines its own function of that name (a static namesake). */
  private definedIn(name: string, file: string): boolean {
    return this.files.get(file)?.functions.some((g) => g.name === name) ?? false;
  }
}

function message(fact: MsiFact, fn: FunctionInfo, chain: CallSite[], tree: TreeFacts): string {
  const path = [...chain.map((c) => `${c.caller.name}()`), `${fn.name}()`].join(' -> ');
  const lock = tree.era.generation === '7.x' ? 'guard(msi_descs_lock)' : 'msi_lock_descs()';
  const where = assertedIn[tree.era.era] ?? assertedIn['per-domain']!;
  const dev = fact.device ? ` on '${fact.device.text}'` : '';
  return (
    `${fact.api}()${dev} without the MSI descriptor lock: on the path from the driver entry ${path} no ${lock} is held, ` +
    `but the core expects the caller to hold dev->msi.data->mutex (${where}: lockdep_assert_held); the store is not protected against concurrent changes`
  );
}

export function descsLockFindings(tree: TreeFacts): Finding[] {
  const index = new LockIndex(tree);
  const out: Finding[] = [];
  for (const f of tree.files) {
    for (const fact of f.facts) {
      if (!catalogueRow(fact.api)?.needsDescsLock) continue;
      const fn = f.functions.find((g) => g.name === fact.function);
      if (!fn || index.held(fn, fact.range)) continue;
      const chain = index.unlockedChain(fn);
      if (!chain) continue;
      const related: RelatedLocation[] = chain.map((c) => ({
        file: c.caller.file,
        range: c.range,
        message: `${c.caller.name}() calls here without the descriptor lock`,
      }));
      out.push({
        code: 'msi/descs-unlocked',
        severity: 'warning',
        file: fact.file,
        range: fact.range,
        related,
        message: message(fact, fn, chain, tree),
        assumptions: ['any descriptor lock in scope counts, whichever device it names', 'msi_lock_descs() is taken as held to the end of its function'],
      });
    }
  }
  return out;
}
