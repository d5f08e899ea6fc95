// Driver macros that read like accessors (`#define msix_enabled(a) ((a)->num_msix_vec > 0)`) are
// expanded in the IR: the body is parsed once per file and its parameters are replaced by the
// call's arguments, so the replay reads the field the macro tests instead of an unknown call.
import type { Node } from 'web-tree-sitter';
import type { MacroDef } from './defines';
import { parseC } from '../parse/parser';
import type { Expr } from './types';
import { subExprs } from './expr-parts';

export interface MacroTemplate {
  params: string[];
  body: Expr;
}

type Build = (node: Node) => Expr;

/** An expression macro's IR, or undefined (a statement macro, a call inside, unparsable text). */
function template(def: MacroDef, build: Build): MacroTemplate | undefined {
  if (def.kind !== 'function' || !def.params || def.body === '' || def.params.includes('...')) return undefined;
  const tree = parseC(`int __irqlens_macro = (${def.body});`);
  try {
    const value = tree.rootNode.namedChild(0)?.descendantsOfType('init_declarator')[0]?.childForFieldName('value') ?? null;
    if (!value || tree.rootNode.hasError) return undefined;
    const body = build(value);
    return body.t !== 'other' && !hasCall(body) ? { params: def.params, body } : undefined;
  } finally {
    tree.delete();
  }
}

/** Calls in a body would share the call site's result slot: such macros stay calls. */
function hasCall(e: Expr): boolean {
  return e.t === 'call' || subExprs(e).some(hasCall);
}

/**
 * The macro expansion lookup for one file: `lookup` finds the driver's own function-like macros.
 * `seen` answers without a lookup: whether an expression already expanded the name (a call
 * statement of the same name is then the macro, not a call).
 */
export function macroExpander(
  lookup: (name: string) => MacroDef | undefined,
  build: Build,
): { expand: (name: string) => MacroTemplate | undefined; seen: (name: string) => boolean } {
  const made = new Map<string, MacroTemplate | null>();
  const expand = (name: string): MacroTemplate | undefined => {
    let t = made.get(name);
    if (t === undefined) {
      made.set(name, null); // a macro using itself stays a call
      const def = lookup(name);
      t = def ? (template(def, build) ?? null) : null;
      made.set(name, t);
    }
    return t ?? undefined;
  };
  return { expand, seen: (name) => !!made.get(name) };
}

/** The body with each parameter replaced by its argument. */
export function substitute(e: Expr, args: Map<string, Expr>): Expr {
  switch (e.t) {
    case 'var':
      return args.get(e.name) ?? e;
    case 'field':
      return { ...e, base: substitute(e.base, args) };
    case 'index':
      return { ...e, base: substitute(e.base, args), index: substitute(e.index, args) };
    case 'addr':
    case 'deref':
    case 'err-ptr':
    case 'unary':
      return { ...e, a: substitute(e.a, args) } as Expr;
    case 'binary':
      return { ...e, left: substitute(e.left, args), right: substitute(e.right, args) };
    case 'ternary':
      return { ...e, test: substitute(e.test, args), then: substitute(e.then, args), else: substitute(e.else, args) };
    default:
      return e;
  }
}
