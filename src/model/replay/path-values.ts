// Small pure helpers of the replay: device-key
// aliases, store signatures and copies, cleanup-call names, what is live at detach.
import type { Block, StoreState } from '../store/types';
import { copyDevice } from '../store/state';

/** Kernel helpers whose names sound like cleanup but never free MSI vectors. */
const notVectorCleanup =
  /^(?:pci_(?!free_irq_vectors)|free_irq|devm_free_irq|mfd_remove_devices|kv?free|kfree_|vfree|iounmap|dma_|mutex_|spin_|del_timer|cancel_|flush_|destroy_workqueue|release_firmware|free_netdev|put_device|kobject_|debugfs_|sysfs_|device_|dev_|netif_|napi_|tasklet_|clk_|regulator_|reset_control_|devm_kfree|mempool_|idr_|ida_|bitmap_|free_page|__free_page|iommu_|pm_runtime_|of_node_put|fwnode_|platform_device_put|unregister_netdev|misc_deregister|cdev_|class_|ida_free|irq_domain_remove|free_percpu|skb_|dev_kfree_skb|kthread_stop|synchronize_|list_del|release_region|release_mem_region|pcim_)/;
const cleanupName =
  /(?:free|release|disable|cleanup|clean_up|teardown|tear_down|remove|destroy|deinit|uninit|unregister|shutdown|stop|exit|devm_add_action|put)/i;

/** A device key through the field aliases seen on the path. */
export function canonical(key: string, aliases: Record<string, string>): string {
  for (let i = 0; i < 4 && aliases[key] !== undefined; i++) key = aliases[key]!;
  return key;
}

/** JSON of a store's devices, cached per store object (invalidated when a path writes to it). */
export const storeSigs = new WeakMap<StoreState, string>();
export function storeSignature(store: StoreState): string {
  let sig = storeSigs.get(store);
  if (sig === undefined) {
    sig = JSON.stringify(store.devices);
    storeSigs.set(store, sig);
  }
  return sig;
}

/** A copy of the store holding one device: what an event needs for the map and simulation. */
export function deviceOnly(store: StoreState, key: string): StoreState {
  const d = store.devices[key];
  return { config: store.config, devices: d ? { [key]: copyDevice(d) } : {} };
}

/** Unfollowed calls that may free vectors (driver cleanup helpers, devm actions). */
export function isCleanupCall(name: string): boolean {
  return /^devm_add_action/.test(name) || (cleanupName.test(name) && !notVectorCleanup.test(name));
}

/** Definite blocks of a device that nothing frees at detach (unmanaged). */
export function liveAtDetach(state: StoreState, device: string): Block[] {
  const d = state.devices[device];
  if (!d || d.managed === 'yes' || d.pcimRelease !== 'no') return [];
  return d.domains.flatMap((dom) => dom.blocks.filter((b) => b.certainty === 'definite'));
}
