// The control-flow skeleton of a function: the statements the model needs to order MSI calls
// and tell success paths from error paths (if/else with condition trees, switch, loops,
// return, goto/labels, calls to other functions, and assignments that copy results).
import type { Node } from 'web-tree-sitter';
import { normalise } from './c-text';
import { nodeRange } from '../parse/node-range';
import { buildArgExpr, buildExpr, isBitOpName, type ExprEnv } from './expr';
import { buildCond } from './cond-ir';
import type { Cond, Conditional, Expr, Range, Stmt } from './types';

export interface SkeletonEnv extends ExprEnv {
  /** A call of this name is a for-each loop macro (its body is the next statement). */
  isLoopMacro(name: string): boolean;
  /** `to_pci_dev(dev)` -> `dev`: the device an accessor call denotes (see facts/device.ts). */
  accessorDevice?(callText: string): string | undefined;
  /** An undecided `#if`/`#elif`/`#else` branch by the offset of its `#` (decided ones are blanked). */
  preprocBranch?(hash: number): { state: 'dead' | 'unknown'; cond: Conditional } | undefined;
  /** An expression of this function already read a call of this name as a driver macro. */
  macroSeen?(name: string): boolean;
}

export const MAX_DEPTH = 200;

export class SkeletonBuilder {
  /** The first statement dropped for nesting deeper than MAX_DEPTH; the caller reads and resets it per function. */
  truncated: Range | undefined;

  constructor(private readonly env: SkeletonEnv) {}

  /** Statements of a compound statement (or any node, as a flat fallback). */
  block(node: Node | null, depth = 0): Stmt[] {
    if (!node) return [];
    if (node.type !== 'compound_statement') return this.stmt(node, depth);
    return this.sequence(node.namedChildren, depth);
  }

  /** Statements in order (a block's, or a preprocessor branch's). */
  private sequence(kids: Node[], depth: number): Stmt[] {
    const out: Stmt[] = [];
    for (let i = 0; i < kids.length; i++) {
      const k = kids[i]!;
      const loopCall = this.loopMacroCall(k);
      if (loopCall && i + 1 < kids.length) {
        // `msi_for_each_desc(desc, dev, f) { … }` parses as a call missing its `;` plus a block.
        out.push(...this.calls(loopCall, depth));
        out.push({ t: 'loop', body: this.block(kids[i + 1]!, depth + 1), range: nodeRange(k) });
        i++;
        continue;
      }
      out.push(...this.stmt(k, depth));
    }
    return out;
  }

  private loopMacroCall(node: Node): Node | undefined {
    if (node.type !== 'expression_statement') return undefined;
    const e = node.namedChild(0);
    const fn = e?.type === 'call_expression' ? e.childForFieldName('function') : null;
    // A call the parser closed with a real `;` is a plain call (device_for_each_child(...);
    // is a function that returns), not a macro heading the next statement.
    const last = node.lastChild;
    const terminated = last?.type === ';' && !last.isMissing;
    return !terminated && fn?.type === 'identifier' && this.env.isLoopMacro(fn.text) ? e! : undefined;
  }

  private stmt(node: Node, depth: number): Stmt[] {
    if (depth > MAX_DEPTH) return ((this.truncated ??= nodeRange(node)), []);
    const r = nodeRange(node);
    switch (node.type) {
      case 'compound_statement':
        return this.block(node, depth + 1);
      case 'if_statement': {
        const cond = node.childForFieldName('condition');
        const alt = node.childForFieldName('alternative');
        const elseBody = alt ? (alt.type === 'else_clause' ? alt.namedChild(0) : alt) : null;
        // The condition first: a driver macro it expands is then not listed as a call.
        const test = buildCond(cond, this.env);
        return [
          ...this.calls(cond, depth),
          {
            t: 'if',
            cond: test,
            then: this.block(node.childForFieldName('consequence'), depth + 1),
            else: elseBody ? this.block(elseBody, depth + 1) : [],
            range: r,
          },
        ];
      }
      case 'switch_statement': {
        const subject = node.childForFieldName('condition');
        const cases: { labels: string[]; values: (number | null)[]; body: Stmt[] }[] = [];
        for (const c of node.childForFieldName('body')?.namedChildren ?? []) {
          if (c.type !== 'case_statement') continue;
          const value = c.childForFieldName('value');
          const label = value ? normalise(value.text) : 'default';
          const constant = value ? buildExpr(value, this.env, 0, true) : undefined;
          const v = constant?.t === 'int' ? constant.value : null;
          const body = c.namedChildren.filter((k) => k !== value).flatMap((k) => this.stmt(k, depth + 1));
          const prev = cases[cases.length - 1];
          if (prev && prev.body.length === 0) prev.labels.push(label), prev.values.push(v), (prev.body = body);
          else cases.push({ labels: [label], values: [v], body });
        }
        const subjectText = normalise(subject?.text ?? '').replace(/^\((.*)\)$/, '$1');
        // The subject first, as an if's condition: a driver macro it expands is not listed as a call.
        const subjectExpr = buildExpr(subject, this.env);
        return [...this.calls(subject, depth), { t: 'switch', subject: subjectText, subjectExpr, cases, range: r }];
      }
      case 'for_statement': {
        const init = node.childForFieldName('initializer');
        const cond = node.childForFieldName('condition');
        const update = node.childForFieldName('update');
        const body = [...this.block(node.childForFieldName('body'), depth + 1), ...this.exprStmts(update, depth)];
        const loop: Stmt = cond ? { t: 'loop', cond: buildCond(cond, this.env), body, range: r } : { t: 'loop', body, range: r };
        return [...(init ? this.stmt(init, depth) : []), loop];
      }
      case 'while_statement':
      case 'do_statement': {
        const cond = node.childForFieldName('condition');
        return [
          {
            t: 'loop',
            cond: buildCond(cond, this.env),
            body: [...this.block(node.childForFieldName('body'), depth + 1), ...this.calls(cond, depth)],
            range: r,
          },
        ];
      }
      case 'return_statement': {
        const v = node.namedChild(0);
        // A returned constant may come from a header, as a compared one does (`return FAILED;` against `== FAILED`).
        const ret: Stmt = v ? { t: 'return', value: normalise(v.text), expr: buildExpr(v, this.env, 0, true), range: r } : { t: 'return', range: r };
        return [...this.calls(v, depth), ret];
      }
      case 'goto_statement':
        return [{ t: 'goto', label: node.childForFieldName('label')?.text ?? '', range: r }];
      case 'labeled_statement': {
        const label = node.childForFieldName('label');
        return [{ t: 'label', name: label?.text ?? '', range: r }, ...node.namedChildren.filter((k) => k !== label).flatMap((k) => this.stmt(k, depth + 1))];
      }
      case 'break_statement':
        return [{ t: 'break', range: r }];
      case 'continue_statement':
        return [{ t: 'continue', range: r }];
      case 'comment':
        return [];
      case 'preproc_if':
      case 'preproc_ifdef':
        return this.preprocIf(node, depth);
      default:
        return this.exprStmts(node, depth);
    }
  }

  /**
   * An `#if` chain the driver cannot decide (CONFIG_*): an if/else-if chain on opaque conditions,
   * one branch per configuration; branches known dead are left out.
   */
  private preprocIf(node: Node, depth: number): Stmt[] {
    const branches: { cond?: Cond; body: Node[]; node: Node }[] = [];
    for (let n: Node | null = node; n; n = n.childForFieldName('alternative')) {
      const test = n.childForFieldName('condition') ?? n.childForFieldName('name');
      const alt = n.childForFieldName('alternative');
      const body = n.namedChildren.filter((k) => k.id !== test?.id && k.id !== alt?.id);
      if (n.type === 'preproc_else') {
        branches.push({ body, node: n });
        break;
      }
      const negated = n.children.some((k) => k.type === '#ifndef' || k.type === '#elifndef');
      const text = n.type === 'preproc_ifdef' || n.type === 'preproc_elifdef' ? `defined(${test?.text ?? ''})` : normalise(test?.text ?? '');
      const opaque: Cond = { t: 'opaque', text, facts: [] };
      branches.push({ cond: negated ? { t: 'not', a: opaque } : opaque, body, node: n });
    }
    let out: Stmt[] = [];
    for (const b of branches.reverse()) {
      const known = this.env.preprocBranch?.(b.node.startIndex);
      if (known?.state === 'dead') continue;
      const body = this.sequence(b.body, depth + 1);
      if (!b.cond) {
        out = body;
        continue;
      }
      const stmt: Stmt = { t: 'if', cond: b.cond, then: body, else: out, range: nodeRange(b.node) };
      if (known) stmt.conditional = known.cond;
      out = [stmt];
    }
    return out;
  }

  /** Calls and copying assignments inside an expression statement or declaration. */
  private exprStmts(node: Node | null, depth: number): Stmt[] {
    if (!node) return [];
    const out: Stmt[] = [];
    for (const part of node.type === 'comma_expression' ? node.namedChildren : [node]) {
      const assigned = this.assignmentsOf(part);
      out.push(...this.calls(part, depth), ...assigned);
    }
    return out;
  }

  /**
   * `x = e`, `x |= e`, `x++`, `int a = e, b = f;`. A call's result is bound by its `call` / `fact`
   * statement instead (the walk must run the call first).
   */
  private assignmentsOf(node: Node): Stmt[] {
    const n = node.type === 'expression_statement' ? node.namedChild(0) : node;
    if (!n) return [];
    const one = (target: Node | null, source: Node | null, op: string): Stmt[] => {
      if (!target || !source || source.type === 'initializer_list') return [];
      if (op === '=' && source.type === 'call_expression') {
        // `priv->pdev = to_pci_dev(dev)` copies a device, as `priv->pdev = pdev` does: an alias of
        // the accessor's argument. Any other call's result is bound by its call statement.
        const copied = this.env.accessorDevice?.(source.text);
        return copied === undefined
          ? []
          : [
              {
                t: 'assign',
                target: normalise(target.text),
                source: copied,
                range: nodeRange(n),
                op,
                lvalue: this.expr(target),
                value: { t: 'var', name: copied },
              },
            ];
      }
      // A mode constant stored whole (`ar_pci->oper_irq_mode = ATH10K_PCI_IRQ_MSI`) may come from the
      // driver's header, as flag bits do; a later switch or test compares against it.
      const flag = op === '|=' || op === '&=' || (op === '=' && source.type === 'identifier');
      return [
        {
          t: 'assign',
          target: normalise(target.text),
          source: normalise(source.text),
          range: nodeRange(n),
          op,
          lvalue: this.expr(target),
          value: buildExpr(source, this.env, 0, flag),
        },
      ];
    };
    if (n.type === 'assignment_expression') return one(n.childForFieldName('left'), n.childForFieldName('right'), n.childForFieldName('operator')?.type ?? '=');
    if (n.type === 'update_expression') {
      const arg = n.childForFieldName('argument');
      return arg
        ? [
            {
              t: 'assign',
              target: normalise(arg.text),
              source: '1',
              range: nodeRange(n),
              op: n.childForFieldName('operator')?.type === '--' ? '-=' : '+=',
              lvalue: this.expr(arg),
              value: { t: 'int', value: 1 },
            },
          ]
        : [];
    }
    if (n.type !== 'declaration') return [];
    return n.namedChildren
      .filter((k) => k.type === 'init_declarator')
      .flatMap((d) => one(declaredName(d.childForFieldName('declarator')) ?? null, d.childForFieldName('value'), '='));
  }

  /** The IR of an expression node. */
  expr(node: Node | null): Expr {
    return buildExpr(node, this.env);
  }

  private allCalls?: Node[];
  /** Every call of the function being built, by start offset: one tree query per function. */
  private fnCalls?: Node[];

  /** Skeleton of one function body. */
  functionBody(body: Node): Stmt[] {
    this.fnCalls = body.descendantsOfType('call_expression').sort((a, b) => a.startIndex - b.startIndex);
    try {
      return this.block(body);
    } finally {
      this.fnCalls = undefined;
    }
  }

  /** Calls of the region [from, to) of a tree whose structure there is unusable (ERROR soup). */
  callsIn(root: Node, from: number, to: number): Stmt[] {
    // One walk of the tree for every such region (not one per region: that is quadratic).
    this.allCalls ??= root.descendantsOfType('call_expression').sort((a, b) => a.startIndex - b.startIndex);
    return this.emitCalls(within(this.allCalls, from, to));
  }

  /** Every call inside `node`, innermost (argument) calls first, as fact or call statements. */
  calls(node: Node | null, depth: number): Stmt[] {
    if (!node) return [];
    if (depth > MAX_DEPTH) return ((this.truncated ??= nodeRange(node)), []);
    if (this.fnCalls) return this.emitCalls(within(this.fnCalls, node.startIndex, node.endIndex));
    const found = node.type === 'call_expression' ? [node] : [];
    const inner = node.descendantsOfType('call_expression');
    return this.emitCalls([...found, ...inner.filter((c) => c.startIndex !== node.startIndex || c.endIndex !== node.endIndex)]);
  }

  private emitCalls(all: Node[]): Stmt[] {
    // Evaluation order: a call's arguments run before it; descendantsOfType lists outer first.
    all.sort((a, b) => a.endIndex - b.endIndex);
    const out: Stmt[] = [];
    for (const c of all) {
      const fact = this.env.factAt(c.startIndex);
      const fn = c.childForFieldName('function');
      // Calls through a pointer (`p->ops->setup(pdev)`) keep their callee text: the replay cannot
      // follow them, and must know that something it cannot see ran on the path.
      if (fact === undefined && (!fn || (fn.type !== 'identifier' && fn.type !== 'field_expression' && fn.type !== 'parenthesized_expression'))) continue;
      // An expression macro is read where it is used (expr.ts), not run as a call.
      if (fact === undefined && fn?.type === 'identifier' && this.env.macroSeen?.(fn.text)) continue;
      const argNodes = c.childForFieldName('arguments')?.namedChildren.filter((a) => a.type !== 'comment') ?? [];
      // A fact's arguments are read in full (run-time counts); other calls' only where the
      // replay looks (locations handed on, set_bit() numbers, a followed callee's parameters).
      const bitOp = fn?.type === 'identifier' && isBitOpName(fn.text);
      const argExprs = argNodes.map((a, i) => (fact !== undefined ? this.expr(a) : buildArgExpr(a, this.env, bitOp && i === 0)));
      const lvalue = resultNode(c);
      if (fact !== undefined) {
        out.push(lvalue ? { t: 'fact', id: fact, lvalue: this.expr(lvalue), argExprs } : { t: 'fact', id: fact, argExprs });
        continue;
      }
      if (!fn) continue;
      const args = argNodes.map((a) => normalise(a.text));
      const name = fn.type === 'identifier' ? fn.text : normalise(fn.text);
      out.push(
        lvalue
          ? { t: 'call', name, range: nodeRange(c), args, argExprs, result: normalise(lvalue.text), lvalue: this.expr(lvalue) }
          : { t: 'call', name, range: nodeRange(c), args, argExprs },
      );
    }
    return out;
  }
}

/** The calls of `sorted` (by start) that lie inside [from, to). */
function within(sorted: Node[], from: number, to: number): Node[] {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]!.startIndex < from) lo = mid + 1;
    else hi = mid;
  }
  const out: Node[] = [];
  for (let i = lo; i < sorted.length && sorted[i]!.startIndex < to; i++) if (sorted[i]!.endIndex <= to) out.push(sorted[i]!);
  return out;
}

/** `x = f(...)` / `int x = f(...)`: the lvalue node that receives a call's result. */
function resultNode(call: Node): Node | undefined {
  let c = call;
  while (c.parent?.type === 'parenthesized_expression' || c.parent?.type === 'cast_expression') c = c.parent;
  const p = c.parent;
  if (p?.type === 'assignment_expression' && p.childForFieldName('operator')?.type === '=' && p.childForFieldName('right')?.startIndex === c.startIndex) {
    return p.childForFieldName('left') ?? undefined;
  }
  if (p?.type === 'init_declarator' && p.childForFieldName('value')?.startIndex === c.startIndex) return declaredName(p.childForFieldName('declarator'));
  return undefined;
}

/** The identifier a declarator declares (`*p`, `a[4]` -> the name). */
function declaredName(d: Node | null): Node | undefined {
  let n = d;
  while (n && n.type !== 'identifier' && n.childForFieldName('declarator')) n = n.childForFieldName('declarator');
  return n?.type === 'identifier' ? n : undefined;
}
