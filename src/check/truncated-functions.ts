// A limit never makes a finding more certain: in a function whose skeleton was cut (statements
// nested deeper than the facts layer follows), what the dropped statements do is unknown, so an
// error there is reported as a warning that says why.
import type { TreeFacts, FunctionInfo, Range } from '../facts/types';
import type { Finding } from '../vocabulary/finding';

function inside(r: Range, outer: Range): boolean {
  const after = r.line > outer.line || (r.line === outer.line && r.column >= outer.column);
  const before = r.line < outer.endLine || (r.line === outer.endLine && r.column <= outer.endColumn);
  return after && before;
}

function assumption(fn: FunctionInfo): string {
  return `${fn.name}() has statements nested deeper than the model follows (from ${fn.file.slice(fn.file.lastIndexOf('/') + 1)}:${fn.truncated!.line}); what they do is unknown, so this is not certain`;
}

/** Errors inside truncated functions become warnings naming the cut. */
export function capInTruncatedFunctions(findings: Finding[], tree: TreeFacts): Finding[] {
  const cut = tree.files.flatMap((f) => f.functions.filter((fn) => fn.truncated !== undefined));
  if (cut.length === 0) return findings;
  return findings.map((f) => {
    const fn = cut.find((c) => c.file === f.file && inside(f.range, c.bodyRange));
    if (!fn || f.severity !== 'error') return f;
    return { ...f, severity: 'warning', assumptions: [assumption(fn), ...f.assumptions] };
  });
}
