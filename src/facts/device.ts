// Classifies the device argument of an MSI call (pci / mdev / auxiliary / platform / ntb /
// fsl-mc / cdx / device / unknown) from declarations in scope, and derives the grouping key that
// later layers use to tell which calls act on the same device.
import { normalise } from './c-text';
import { structNameOf, type TypeScope } from './scope';
import type { DeviceClass, DeviceRef } from './types';

const classOfStruct: Record<string, DeviceClass> = {
  pci_dev: 'pci', mdev_device: 'mdev', auxiliary_device: 'auxiliary', platform_device: 'platform',
  ntb_dev: 'ntb', fsl_mc_device: 'fsl-mc', cdx_device: 'cdx', device: 'device',
};

/** Helpers that turn one device kind into another: name -> class of the device they denote. */
const wrappers: Record<string, { class: DeviceClass; keyPrefix: string; type: string }> = {
  mdev_dev: { class: 'mdev', keyPrefix: 'mdev', type: 'struct mdev_device *' },
  to_pci_dev: { class: 'pci', keyPrefix: 'to_pci_dev', type: 'struct pci_dev *' },
  to_platform_device: { class: 'platform', keyPrefix: 'to_platform_device', type: 'struct platform_device *' },
  to_auxiliary_dev: { class: 'auxiliary', keyPrefix: 'to_auxiliary_dev', type: 'struct auxiliary_device *' },
  to_fsl_mc_device: { class: 'fsl-mc', keyPrefix: 'to_fsl_mc_device', type: 'struct fsl_mc_device *' },
  to_cdx_device: { class: 'cdx', keyPrefix: 'to_cdx_device', type: 'struct cdx_device *' },
};

/** Removes redundant outer parentheses and pointer casts. */
function strip(text: string): string {
  let t = text.trim();
  for (;;) {
    const cast = /^\(\s*(?:const\s+)?struct\s+\w+\s*\*\s*\)\s*/.exec(t);
    if (cast) { t = t.slice(cast[0].length); continue; }
    if (t.startsWith('(') && t.endsWith(')') && balanced(t.slice(1, -1))) { t = t.slice(1, -1).trim(); continue; }
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

interface PathExpr { addressOf: boolean; root: string; steps: string[] }

/** `&a->b.c[i]` -> { addressOf, root: "a", steps: ["->b", ".c", "[i]"] }; undefined if not a path. */
function parsePath(text: string): PathExpr | undefined {
  let t = text.replace(/\s+/g, '');
  const addressOf = t.startsWith('&');
  if (addressOf) t = strip(t.slice(1)).replace(/\s+/g, '');
  const m = /^([A-Za-z_]\w*(?:\([^()]*\))?)/.exec(t);
  if (!m) return undefined;
  const steps: string[] = [];
  let rest = t.slice(m[0].length);
  while (rest.length > 0) {
    const s = /^(->|\.)([A-Za-z_]\w*)|^\[[^\]]*\]/.exec(rest);
    if (!s) return undefined;
    steps.push(s[0]);
    rest = rest.slice(s[0].length);
  }
  return { addressOf, root: m[1]!, steps };
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
    if (step.startsWith('[')) { t = t.replace(/\s*\*$/, ''); continue; }
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
  return /^[A-Za-z_]\w*(?:(?:->|\.)[A-Za-z_]\w*)+$/.test(rhs) ? rhs : undefined;
}

/** `struct device *dev = &pdev->dev;` (assigned once): `dev` is pdev's embedded device. */
function embeddedAlias(name: string, fnText: string | undefined): string | undefined {
  if (fnText === undefined || !/^[A-Za-z_]\w*$/.test(name)) return undefined;
  const assigns = [...fnText.matchAll(new RegExp(String.raw`(?<![\w>.])${name}\s*=(?!=)\s*([^;,)]*)[;,)]`, 'g'))];
  if (assigns.length !== 1) return undefined;
  const rhs = assigns[0]![1]!.replace(/\s+/g, '');
  return /^&[A-Za-z_]\w*(?:(?:->|\.)[A-Za-z_]\w*)*(?:->|\.)dev$/.test(rhs) ? rhs : undefined;
}

export function classifyDevice(rawText: string, role: 'device' | 'pci', fnText: string | undefined, scope: TypeScope, aliased = false): DeviceRef {
  const text = normalise(rawText);
  const embedded = aliased || role !== 'device' ? undefined : embeddedAlias(text, fnText);
  if (embedded) {
    const via = classifyDevice(embedded, role, fnText, scope, true);
    return { ...via, text, path: [text, ...via.path] };
  }
  const path = parsePath(strip(text));
  if (!path) return { text, class: role === 'pci' ? 'pci' : 'unknown', key: text.replace(/\s+/g, ''), path: [text], ...(role === 'pci' ? { declaredType: 'struct pci_dev *' } : {}) };
  const call = /^(\w+)\((.*)\)$/.exec(path.root);
  let rootType: string | undefined;
  let rootKey = path.root;
  if (call) {
    const w = wrappers[call[1]!];
    rootType = w?.type;
    rootKey = w ? `${w.keyPrefix}:${call[2]}` : path.root;
  } else rootType = scope.varType(path.root, fnText);
  const fullPath = [path.root, ...path.steps, ...(path.addressOf ? ['&'] : [])];
  // `&X->dev` / `&X.dev` is the struct device embedded in X: X is the device object.
  const embeds = path.addressOf && path.steps.length > 0 && /^(->|\.)dev$/.test(path.steps[path.steps.length - 1]!);
  const objectSteps = embeds ? path.steps.slice(0, -1) : path.steps;
  const objectType = followSteps(rootType, objectSteps, scope);
  let cls = classOfType(objectType) ?? (call && objectSteps.length === 0 ? wrappers[call[1]!]?.class : undefined);
  if (!embeds && path.addressOf) cls = undefined; // &something that is not ->dev: not a device we know
  if (cls === undefined && role === 'pci') cls = 'pci';
  const alias = call ? undefined : aliasOf(path.root, fnText);
  const key = [alias ?? rootKey, ...objectSteps].join('');
  const ref: DeviceRef = { text, class: cls ?? 'unknown', key, path: fullPath };
  const declared = objectType ?? (role === 'pci' ? 'struct pci_dev *' : undefined);
  if (declared) ref.declaredType = declared;
  return ref;
}
