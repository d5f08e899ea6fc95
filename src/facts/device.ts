// Classifies the device argument of an MSI call (pci / mdev / auxiliary / platform / ntb /
// fsl-mc / cdx / device / unknown) from declarations in scope, and derives the grouping key that
// later layers use to tell which calls act on the same device.
import { matchBracket, normalise, splitTopLevel } from './c-text';
import { structNameOf, type TypeScope } from './scope';
import type { DeviceClass, DeviceRef } from './types';

const classOfStruct: Record<string, DeviceClass> = {
  pci_dev: 'pci',
  mdev_device: 'mdev',
  auxiliary_device: 'auxiliary',
  platform_device: 'platform',
  ntb_dev: 'ntb',
  fsl_mc_device: 'fsl-mc',
  cdx_device: 'cdx',
  device: 'device',
};

/**
 * How an accessor's result relates to its argument: the struct device embedded in it
 * (`mdev_dev(m)` is `&m->dev`), the bus device that embeds it (`to_pci_dev(dev)` is
 * `container_of(dev, struct pci_dev, dev)`), or the argument itself (`pci_dev_get(p)` returns p).
 * All three denote the same device object, so the result groups under the argument's key.
 */
type Relation = 'embedded' | 'container' | 'same';

interface Accessor {
  input: DeviceClass;
  output: DeviceClass;
  relation: Relation;
  type: string;
}

/** Device accessors of include/linux/*.h: one row each, name -> argument and result. */
const accessors: Record<string, Accessor> = {
  mdev_dev: { input: 'mdev', output: 'mdev', relation: 'embedded', type: 'struct device *' },
  to_pci_dev: { input: 'device', output: 'pci', relation: 'container', type: 'struct pci_dev *' },
  to_platform_device: { input: 'device', output: 'platform', relation: 'container', type: 'struct platform_device *' },
  to_auxiliary_dev: { input: 'device', output: 'auxiliary', relation: 'container', type: 'struct auxiliary_device *' },
  to_fsl_mc_device: { input: 'device', output: 'fsl-mc', relation: 'container', type: 'struct fsl_mc_device *' },
  to_cdx_device: { input: 'device', output: 'cdx', relation: 'container', type: 'struct cdx_device *' },
  to_mdev_device: { input: 'device', output: 'mdev', relation: 'container', type: 'struct mdev_device *' },
  pci_dev_get: { input: 'pci', output: 'pci', relation: 'same', type: 'struct pci_dev *' },
  get_device: { input: 'device', output: 'device', relation: 'same', type: 'struct device *' },
};

/** Whether `name` is a device accessor (its result is its argument's device: same key). */
export function isDeviceAccessor(name: string): boolean {
  return Object.hasOwn(accessors, name);
}

/** `container_of(x, struct T, dev)` of a bus device T: the accessor `to_T` would be. */
function containerOf(args: string[]): { arg: string; accessor: Accessor } | undefined {
  // (Path text has its spaces removed: `structpci_dev`.)
  const struct = /^struct\s*(\w+)$/.exec(args[1]?.trim() ?? '')?.[1];
  const cls = struct ? classOfStruct[struct] : undefined;
  if (!cls || cls === 'device' || args[2]?.trim() !== 'dev') return undefined;
  return { arg: args[0]!, accessor: { input: 'device', output: cls, relation: 'container', type: `struct ${struct} *` } };
}

/** The accessor a call root applies, with its argument text. */
function accessorCall(root: string): { arg: string; accessor: Accessor } | undefined {
  const m = /^(\w+)\((.*)\)$/.exec(root);
  if (!m) return undefined;
  if (m[1] === 'container_of') return containerOf(splitTopLevel(m[2]!));
  const accessor = accessors[m[1]!];
  return accessor ? { arg: m[2]!, accessor } : undefined;
}

/**
 * The device expression an accessor call denotes, written without the accessor:
 * `to_pci_dev(dev)` -> `dev`, `pci_dev_get(p)` -> `p`, `mdev_dev(m)` -> `&m->dev`; undefined
 * for any other expression. (The skeleton records `pdev = to_pci_dev(dev)` as a device alias.)
 */
export function accessorDevice(text: string): string | undefined {
  const t = strip(normalise(text));
  const root = callRootAt(t);
  const acc = root === t ? accessorCall(t) : undefined;
  if (!acc) return undefined;
  const arg = normalise(acc.arg);
  return acc.accessor.relation === 'embedded' ? `&${/^[\w>.-]+$/.test(arg) ? arg : `(${arg})`}->dev` : arg;
}

/** Removes redundant outer parentheses and pointer casts. */
function strip(text: string): string {
  let t = text.trim();
  for (;;) {
    const cast = /^\(\s*(?:const\s+)?struct\s+\w+\s*\*\s*\)\s*/.exec(t);
    if (cast) {
      t = t.slice(cast[0].length);
      continue;
    }
    if (t.startsWith('(') && t.endsWith(')') && balanced(t.slice(1, -1))) {
      t = t.slice(1, -1).trim();
      continue;
    }
    return t;
  }
}

function balanced(t: string): boolean {
  let d = 0;
  for (const ch of t) {
    if (ch === '(') d++;
    else if (ch === ')' && --d < 0) return false;
  }
  return d === 0;
}

interface PathExpr {
  addressOf: boolean;
  root: string;
  steps: string[];
}

/** `&a->b.c[i]` -> { addressOf, root: "a", steps: ["->b", ".c", "[i]"] }; undefined if not a path. */
function parsePath(text: string): PathExpr | undefined {
  let t = text.replace(/\s+/g, '');
  const addressOf = t.startsWith('&');
  if (addressOf) t = strip(t.slice(1)).replace(/\s+/g, '');
  const root = callRootAt(t);
  if (!root) return undefined;
  const steps: string[] = [];
  let rest = t.slice(root.length);
  while (rest.length > 0) {
    const s = /^(->|\.)([A-Za-z_]\w*)|^\[[^\]]*\]/.exec(rest);
    if (!s) return undefined;
    steps.push(s[0]);
    rest = rest.slice(s[0].length);
  }
  return { addressOf, root, steps };
}

/** The identifier, or call with balanced arguments, that starts `t`. */
function callRootAt(t: string): string | undefined {
  const id = /^[A-Za-z_]\w*/.exec(t)?.[0];
  if (!id || t[id.length] !== '(') return id;
  const close = matchBracket(t, id.length);
  return close < 0 ? undefined : t.slice(0, close + 1);
}

function classOfType(type: string | undefined): DeviceClass | undefined {
  const s = structNameOf(type);
  return s ? classOfStruct[s] : undefined;
}

/** Type after following `steps` from `type` (field lookups; indexing drops one level). */
function followSteps(type: string | undefined, steps: string[], scope: TypeScope): string | undefined {
  let t = type;
  for (const step of steps) {
    if (t === undefined) return undefined;
    if (step.startsWith('[')) {
      t = t.replace(/\s*\*$/, '');
      continue;
    }
    const field = step.replace(/^(->|\.)/, '');
    const s = structNameOf(t);
    t = s ? scope.fieldType(s, field) : undefined;
  }
  return t;
}

/**
 * A local that is assigned exactly once, from a plain access path (`struct pci_dev *pdev =
 * adapter->pdev;`), names the same device as that path: group by the path.
 */
function aliasOf(name: string, fnText: string | undefined): string | undefined {
  if (fnText === undefined || !/^[A-Za-z_]\w*$/.test(name)) return undefined;
  const assigns = [...fnText.matchAll(new RegExp(String.raw`(?<![\w>.])${name}\s*=(?!=)\s*([^;,)]*)[;,)]`, 'g'))];
  if (assigns.length !== 1) return undefined;
  const rhs = assigns[0]![1]!.replace(/\s+/g, '');
  if (/^[A-Za-z_]\w*(?:(?:->|\.)[A-Za-z_]\w*)+$/.test(rhs)) return rhs;
  // `struct pci_dev *pdev = to_pci_dev(dev);`: the accessor's device.
  const at = assigns[0]!.index! + assigns[0]![0].indexOf('=') + 1;
  const call = /\s*(?:\(\s*(?:const\s+)?struct\s+\w+\s*\*\s*\)\s*)?([A-Za-z_]\w*)\s*\(/y;
  call.lastIndex = at;
  const m = call.exec(fnText);
  return m && (accessors[m[1]!] || m[1] === 'container_of') ? balancedCall(fnText, m.index + m[0].search(/[A-Za-z_]\w*\s*\($/)) : undefined;
}

/** The call `name(...)` starting at `from` in `text` (balanced), whitespace removed. */
function balancedCall(text: string, from: number): string | undefined {
  const open = text.indexOf('(', from);
  const close = open < 0 ? -1 : matchBracket(text, open);
  return close < 0 ? undefined : text.slice(from, close + 1).replace(/\s+/g, '');
}

/** `struct device *dev = &pdev->dev;` (assigned once): `dev` is pdev's embedded device. */
function embeddedAlias(name: string, fnText: string | undefined): string | undefined {
  if (fnText === undefined || !/^[A-Za-z_]\w*$/.test(name)) return undefined;
  const assigns = [...fnText.matchAll(new RegExp(String.raw`(?<![\w>.])${name}\s*=(?!=)\s*([^;,)]*)[;,)]`, 'g'))];
  if (assigns.length !== 1) return undefined;
  const rhs = assigns[0]![1]!.replace(/\s+/g, '');
  return /^&[A-Za-z_]\w*(?:(?:->|\.)[A-Za-z_]\w*)*(?:->|\.)dev$/.test(rhs) ? rhs : undefined;
}

const MAX_ACCESSOR_DEPTH = 4;

/** The class an accessor's result has: a container is its bus device; otherwise the argument's. */
function accessorClass(a: Accessor, inner: DeviceRef | undefined): DeviceClass {
  if (a.relation === 'container' || !inner || inner.class === 'unknown' || inner.class === 'device') return a.output;
  return inner.class;
}

export function classifyDevice(rawText: string, role: 'device' | 'pci', fnText: string | undefined, scope: TypeScope, aliased = false, depth = 0): DeviceRef {
  const text = normalise(rawText);
  const embedded = aliased || role !== 'device' ? undefined : embeddedAlias(text, fnText);
  if (embedded) {
    const via = classifyDevice(embedded, role, fnText, scope, true, depth);
    return { ...via, text, path: [text, ...via.path] };
  }
  const path = parsePath(strip(text));
  if (!path)
    return {
      text,
      class: role === 'pci' ? 'pci' : 'unknown',
      key: text.replace(/\s+/g, ''),
      path: [text],
      ...(role === 'pci' ? { declaredType: 'struct pci_dev *' } : {}),
    };
  const acc = accessorCall(path.root);
  // An accessor's result is the same device object as its argument: it takes the argument's key.
  const inner = acc && depth < MAX_ACCESSOR_DEPTH ? classifyDevice(acc.arg, 'device', fnText, scope, false, depth + 1) : undefined;
  const rootType = acc ? acc.accessor.type : scope.varType(path.root, fnText);
  const rootKey = inner?.key ?? path.root;
  const fullPath = [path.root, ...path.steps, ...(path.addressOf ? ['&'] : [])];
  // `&X->dev` / `&X.dev` is the struct device embedded in X: X is the device object.
  const embeds = path.addressOf && path.steps.length > 0 && /^(->|\.)dev$/.test(path.steps[path.steps.length - 1]!);
  const objectSteps = embeds ? path.steps.slice(0, -1) : path.steps;
  const objectType = followSteps(rootType, objectSteps, scope);
  let cls = acc && objectSteps.length === 0 ? accessorClass(acc.accessor, inner) : classOfType(objectType);
  if (!embeds && path.addressOf) cls = undefined; // &something that is not ->dev: not a device we know
  if (cls === undefined && role === 'pci') cls = 'pci';
  const alias = acc ? undefined : aliasOf(path.root, fnText);
  // A local assigned once from an accessor (`pdev = to_pci_dev(dev)`) groups as the accessor does.
  const aliasKey = alias && accessorCall(alias) && depth < MAX_ACCESSOR_DEPTH ? classifyDevice(alias, 'device', fnText, scope, false, depth + 1).key : alias;
  const key = [aliasKey ?? rootKey, ...objectSteps].join('');
  const ref: DeviceRef = { text, class: cls ?? 'unknown', key, path: fullPath };
  const declared = objectType ?? (role === 'pci' ? 'struct pci_dev *' : undefined);
  if (declared) ref.declaredType = declared;
  return ref;
}
