// Device expressions as the replay keys them: the access path the facts layer keys a device by
// (`&pdev->dev`, `pdev->dev`, `to_pci_dev(pdev)` and `pdev` name one device), with the root
// variable renamed through a callee's parameters. Read from the IR, never from source text.
import { isIdentifierCode } from '../../facts/c-text';
import { isDeviceAccessor } from '../../facts/device';
import type { Expr } from '../../facts/types';

/** The device object `e` denotes: `&X->dev`, `X->dev` and an accessor call of X give X. */
export function deviceObject(e: Expr): Expr {
  let d = e.t === 'addr' ? e.a : e;
  if (d.t === 'field' && d.name === 'dev') d = d.base;
  if (d.t === 'call' && d.args.length === 1 && isDeviceAccessor(d.name)) d = d.args[0]!;
  return d;
}

/**
 * The key of an access path, its root renamed through `rename` (`priv->pdev` in a callee whose
 * `priv` is the caller's `adapter`: `adapter->pdev`); undefined for what is not one (a value the
 * skeleton did not keep, an arithmetic result).
 */
export function pathKey(e: Expr, rename: ReadonlyMap<string, string>): string | undefined {
  switch (e.t) {
    case 'var':
      return rename.get(e.name) ?? e.name;
    case 'field': {
      const base = pathKey(e.base, rename);
      return base === undefined ? undefined : `${base}${e.dot ? '.' : '->'}${e.name}`;
    }
    case 'index': {
      const base = pathKey(e.base, rename);
      const index = e.index.t === 'int' ? String(e.index.value) : e.index.t === 'var' ? e.index.name : undefined;
      return base === undefined || index === undefined ? undefined : `${base}[${index}]`;
    }
    case 'deref': {
      const inner = pathKey(e.a, rename);
      return inner === undefined ? undefined : `*${inner}`;
    }
    case 'call':
      return e.args.length === 1 && isDeviceAccessor(e.name) ? pathKey(e.args[0]!, rename) : undefined;
    default:
      return undefined;
  }
}

/** The key of the device `e` denotes (deviceObject, then pathKey). */
export function devicePathKey(e: Expr, rename: ReadonlyMap<string, string>): string | undefined {
  return pathKey(deviceObject(e), rename);
}

/** A facts-layer device key (`adapter->pdev`) with its root variable renamed through `rename`. */
export function renameKeyRoot(key: string, rename: ReadonlyMap<string, string>): string {
  let end = 0;
  while (end < key.length && isIdentifierCode(key.charCodeAt(end))) end++;
  const to = end > 0 ? rename.get(key.slice(0, end)) : undefined;
  return to === undefined ? key : to + key.slice(end);
}
