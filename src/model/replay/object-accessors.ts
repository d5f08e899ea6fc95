// Kernel functions that hand back an object a driver stored earlier, so that two activations
// that ask for it with the same argument reach the same object: `gc = pci_get_drvdata(pdev)` in
// mana_gd_setup_irqs() and in mana_gd_remove_irqs() read and write one `gc->max_num_msix`.
// Each row: the getter, or the setter that stores its second argument under the first.
import type { Expr } from '../../facts/types';
import { pointee } from './evaluate';
import type { Frame } from './walk-interface';

/** The object slot each getter reads (drvdata of a device, the private area of a net_device). */
const getters: Record<string, string> = {
  pci_get_drvdata: 'drvdata',
  dev_get_drvdata: 'drvdata',
  platform_get_drvdata: 'drvdata',
  auxiliary_get_drvdata: 'drvdata',
  spi_get_drvdata: 'drvdata',
  i2c_get_clientdata: 'drvdata',
  netdev_priv: 'netdev_priv',
};

/**
 * A driver's own getter, often a header inline the scan does not read (`ath10k_pci_priv(ar)`
 * returns `(void *)ar->drv_priv`): by naming convention, the private area of its one argument.
 */
const getterSuffixes: [suffix: string, slot: string][] = [['_priv', 'priv']];

function slotOf(name: string, args: Expr[]): string | undefined {
  const known = getters[name];
  if (known) return known;
  return args.length === 1 ? getterSuffixes.find(([suffix]) => name.endsWith(suffix) && name.length > suffix.length)?.[1] : undefined;
}

/** Setters: slot and the argument index of the object stored. */
const setters: Record<string, { slot: string; object: number }> = {
  pci_set_drvdata: { slot: 'drvdata', object: 1 },
  dev_set_drvdata: { slot: 'drvdata', object: 1 },
  platform_set_drvdata: { slot: 'drvdata', object: 1 },
  auxiliary_set_drvdata: { slot: 'drvdata', object: 1 },
};

/** What a device argument points at: `&pdev->dev` is pdev's embedded device, so pdev's object. */
function holder(arg: Expr | undefined, frame: Frame): string | undefined {
  if (!arg) return undefined;
  if (arg.t === 'addr' && arg.a.t === 'field' && arg.a.name === 'dev') return pointee(arg.a.base, frame);
  return pointee(arg, frame);
}

/** Alias record key under which a setter's object is kept. */
const slotKey = (slot: string, of: string): string => `#obj:${slot}(${of})`;

/**
 * The location a getter call returns, when its argument is tracked: the object a setter stored
 * there on this path, else a name shared by every call with the same argument.
 */
export function objectOf(name: string, args: Expr[], frame: Frame, aliases: Record<string, string>): string | undefined {
  const slot = slotOf(name, args);
  const of = slot ? holder(args[0], frame) : undefined;
  if (!slot || of === undefined) return undefined;
  return aliases[slotKey(slot, of)] ?? `${slot}(${of})`;
}

/**
 * The getter reads an object a setter stored on this path (`pci_get_drvdata(pdev)` in remove after
 * probe's `pci_set_drvdata(pdev, adapter)`): a pointer the driver had tested, not NULL.
 */
export function setterStored(name: string, args: Expr[], frame: Frame, aliases: Record<string, string>): boolean {
  const slot = slotOf(name, args);
  const of = slot ? holder(args[0], frame) : undefined;
  return slot !== undefined && of !== undefined && aliases[slotKey(slot, of)] !== undefined;
}

/** `pci_set_drvdata(pdev, priv)`: the alias entry to record (key, object), if any. */
export function storedObject(name: string, args: Expr[], frame: Frame): [string, string] | undefined {
  const setter = setters[name];
  const of = setter ? holder(args[0], frame) : undefined;
  const obj = setter ? pointee(args[setter.object] ?? { t: 'other', text: '' }, frame) : undefined;
  return setter && of !== undefined && obj !== undefined ? [slotKey(setter.slot, of), obj] : undefined;
}
