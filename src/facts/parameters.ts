// A function definition's parameters as the replay binds them: each one's name, and the struct a
// `struct NAME *` parameter points to (remove's and probe's bus device), read from the
// definition's parameter_list; a header the parser could not read falls back to its text.
import type { Node } from 'web-tree-sitter';
import type { Param } from './types';

/** Declarator wrappers between a parameter_declaration and its name. */
const wrappers = new Set(['pointer_declarator', 'array_declarator', 'parenthesized_declarator', 'function_declarator', 'attributed_declarator']);

/** The parameters of `def` (a function_definition), or undefined when its header did not parse. */
export function parametersOf(def: Node | null): Param[] | undefined {
  if (def?.type !== 'function_definition') return undefined;
  let d = def.childForFieldName('declarator');
  while (d && d.type !== 'function_declarator') d = d.childForFieldName('declarator');
  const list = d?.childForFieldName('parameters');
  if (!list || list.hasError) return undefined;
  const out: Param[] = [];
  for (const p of list.namedChildren) {
    if (p.type !== 'parameter_declaration') continue;
    const declarator = p.childForFieldName('declarator');
    if (!declarator && p.childForFieldName('type')?.text === 'void') continue;
    out.push(parameter(p.childForFieldName('type'), declarator));
  }
  return out;
}

function parameter(type: Node | null, declarator: Node | null): Param {
  let pointers = 0;
  let d = declarator;
  while (d && wrappers.has(d.type)) {
    if (d.type === 'pointer_declarator') pointers++;
    d = d.childForFieldName('declarator') ?? d.namedChildren.find((k) => k.type !== 'attribute_specifier' && k.type !== 'type_qualifier') ?? null;
  }
  const name = d?.type === 'identifier' ? d.text : '';
  const struct = type?.type === 'struct_specifier' ? type.childForFieldName('name')?.text : undefined;
  return struct && pointers === 1 ? { name, pointsTo: struct } : { name };
}

/** The same from declarations as text ("struct pci_dev *pdev"): an unparsed header's fallback. */
export function parametersFromText(decls: string[]): Param[] {
  return decls.map((decl) => {
    const name = /([A-Za-z_]\w*)\s*(?:\[[^\]]*\])?\s*$/.exec(decl)?.[1] ?? '';
    const struct = /^(?:const\s+)?struct\s+([A-Za-z_]\w*)\s*\*\s*[A-Za-z_]\w*$/.exec(decl)?.[1];
    return struct ? { name, pointsTo: struct } : { name };
  });
}
