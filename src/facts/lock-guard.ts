// Lock guards of the 7.x MSI core (include/linux/msi.h: DEFINE_LOCK_GUARD_1(msi_descs_lock, ...)).
// A guard is not a call of its class name: `guard(msi_descs_lock)(dev)` holds the lock to the end
// of the enclosing block, `scoped_guard(msi_descs_lock, dev) stmt` over the statement it heads.
// The syntax tree decides both scopes; tree-sitter parses `scoped_guard(...) {` as an expression
// statement (a missing `;`) followed by the body as its next sibling.
import type { Node, Tree } from 'web-tree-sitter';
import { matchBracket, normalise } from './c-text';
import type { CallSite } from './call-site';

export type GuardForm = 'guard' | 'scoped_guard';

/** A catalogue name found in a file's text, before its call is parsed. */
export interface Candidate {
  name: string;
  offset: number;
  /** A lock-guard class written inside `guard(...)` or `scoped_guard(...)`, not called by name. */
  guard?: GuardForm;
}

let guardRe: RegExp | undefined;

/** `guard(CLASS)` / `scoped_guard(CLASS,` for each lock-guard class; the candidate sits on CLASS. */
export function findGuardCandidates(code: string, classes: string[]): Candidate[] {
  if (classes.length === 0) return [];
  guardRe ??= new RegExp(String.raw`\b(scoped_guard|guard)\s*\(\s*(${classes.join('|')})\b`, 'g');
  const out: Candidate[] = [];
  guardRe.lastIndex = 0;
  for (let m = guardRe.exec(code); m; m = guardRe.exec(code)) {
    out.push({ name: m[2]!, offset: m.index + m[0].length - m[2]!.length, guard: m[1] as GuardForm });
  }
  return out;
}

export interface GuardSite {
  site: CallSite;
  /** [start, end) offsets of the source the guard holds the lock over. */
  scope: [number, number];
}

function statementOf(node: Node | null): Node | null {
  let n = node;
  while (n && n.type !== 'expression_statement') n = n.parent;
  return n;
}

/** The block a `guard()` statement sits in: its scope runs to the block's closing brace. */
function blockScope(stmt: Node): [number, number] | undefined {
  const block = stmt.parent;
  return block?.type === 'compound_statement' ? [stmt.startIndex, block.endIndex] : undefined;
}

/** The statement a `scoped_guard()` heads. */
function headedScope(stmt: Node): [number, number] | undefined {
  let next = stmt.nextNamedSibling;
  while (next && next.type === 'comment') next = next.nextNamedSibling;
  return next ? [stmt.startIndex, next.endIndex] : undefined;
}

/**
 * The call site of a guard candidate: its device argument and scope, or undefined when the tree
 * does not show the guard's shape (then no fact: a lock the model cannot place is not invented).
 */
export function guardSite(tree: Tree, code: string, c: Candidate, base: Omit<CallSite, 'name' | 'offset' | 'close' | 'args' | 'node'>): GuardSite | undefined {
  const inner = tree.rootNode.descendantForIndex(c.offset, c.offset + c.name.length)?.parent?.parent ?? null;
  if (inner?.type !== 'call_expression') return undefined;
  const innerArgs = inner.childForFieldName('arguments');
  if (c.guard === 'guard') {
    const outer = inner.parent;
    if (outer?.type !== 'call_expression' || outer.childForFieldName('function')?.id !== inner.id) return undefined;
    const args = outer.childForFieldName('arguments');
    const stmt = statementOf(outer);
    const scope = stmt ? blockScope(stmt) : undefined;
    if (!args || !scope) return undefined;
    const open = args.startIndex;
    return {
      site: { ...base, name: c.name, offset: c.offset, close: matchBracket(code, open), args: args.namedChildren.map((a) => normalise(a.text)), node: outer },
      scope,
    };
  }
  const named = innerArgs?.namedChildren ?? [];
  const stmt = statementOf(inner);
  const scope = stmt ? headedScope(stmt) : undefined;
  if (!innerArgs || named.length < 2 || !scope) return undefined;
  return {
    site: { ...base, name: c.name, offset: c.offset, close: innerArgs.endIndex - 1, args: named.slice(1).map((a) => normalise(a.text)), node: inner },
    scope,
  };
}
