// Names a function reads that no function of its file writes, takes the address of, or declares
// as a parameter: file-scope variables such as module parameters (`static int use_msi;` with
// module_param()). One location serves every activation, so probe's `if (use_msi)` and remove's
// are one question, answered once. A local the skeleton never sees written is read as such a
// name too; nothing writes it, so that changes no value the path knows.
import type { Expr, FileFacts, FunctionInfo, Stmt } from '../../facts/types';
import { allStatements, written } from './statements';

const writtenByFile = new WeakMap<FunctionInfo, ReadonlySet<string>>();
const paramsOf = new WeakMap<FunctionInfo, ReadonlySet<string>>();

/** Indexes a file's functions (called once per tree before the walks). */
export function indexFileGlobals(file: FileFacts): void {
  const written = new Set<string>();
  for (const fn of file.functions) {
    for (const p of fn.params) if (p.name) written.add(p.name);
    collect(fn.body, written);
  }
  for (const fn of file.functions) writtenByFile.set(fn, written);
}

/** Whether `name`, read in `fn`, is a file-scope variable nothing in its file writes. */
export function isFileGlobal(fn: FunctionInfo, name: string): boolean {
  const written = writtenByFile.get(fn);
  if (!written || written.has(name)) return false;
  let params = paramsOf.get(fn);
  if (!params) {
    params = new Set(fn.params.map((p) => p.name));
    paramsOf.set(fn, params);
  }
  return !params.has(name);
}

/** Names a body assigns (its lvalues) or hands on by address (`&x` in an argument). */
function collect(body: Stmt[], out: Set<string>): void {
  for (const lvalue of written(body)) if (lvalue.t === 'var') out.add(lvalue.name);
  for (const s of allStatements(body)) {
    if (s.t === 'assign') addressed(s.value, out);
    else if (s.t === 'call' || s.t === 'fact') for (const a of s.argExprs) addressed(a, out);
  }
}

/** `&x` anywhere in an argument: x may be written through the pointer. */
function addressed(e: Expr, out: Set<string>): void {
  switch (e.t) {
    case 'addr':
      if (e.a.t === 'var') out.add(e.a.name);
      else addressed(e.a, out);
      break;
    case 'unary':
      addressed(e.a, out);
      break;
    case 'binary':
      addressed(e.left, out);
      addressed(e.right, out);
      break;
    case 'call':
      for (const a of e.args) addressed(a, out);
      break;
    default:
      break;
  }
}
