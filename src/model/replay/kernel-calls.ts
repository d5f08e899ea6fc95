// Calls a walk does not enter but may assume leave the device's MSI state alone: common kernel
// helpers (memory, locking, printing, PCI config and resources, net/IRQ plumbing). Anything
// else it does not follow (a driver helper in another directory, a function pointer, a call
// past the depth limit) may set up or free vectors out of sight, so after one the state of a
// device the walk never allocated on is no longer known (msi-semantics §6 msi/vector-unallocated:
// definite only when no allocation is possible on the path).

const kernelPrefixes = [
  'pci_', 'pcim_', 'pcie_', 'dev_', 'devm_', 'dma_', 'kmalloc', 'kzalloc', 'kcalloc', 'kvzalloc', 'kvmalloc', 'kvcalloc',
  'kfree', 'kvfree', 'vzalloc', 'vmalloc', 'vfree', 'kstrdup', 'kasprintf', 'mem', 'str', 'snprintf', 'sprintf', 'scnprintf',
  'ioremap', 'iounmap', 'ioread', 'iowrite', 'read', 'write', 'request_', 'free_irq', 'devm_request', 'enable_irq',
  'disable_irq', 'synchronize_irq', 'irq_set_affinity', 'mutex_', 'spin_', 'raw_spin_', 'init_', 'INIT_', 'atomic_',
  'set_bit', 'clear_bit', 'test_bit', 'test_and_', 'bitmap_', 'cpumask_', 'list_', 'hlist_', 'timer_', 'mod_timer',
  'del_timer', 'msleep', 'ssleep', 'udelay', 'ndelay', 'mdelay', 'usleep_range', 'fsleep', 'pr_', 'printk', 'netdev_',
  'netif_', 'napi_', 'alloc_etherdev', 'alloc_netdev', 'free_netdev', 'register_netdev', 'unregister_netdev', 'ether_',
  'eth_', 'is_valid_ether_addr', 'SET_NETDEV_DEV', 'tasklet_', 'schedule_', 'queue_', 'cancel_', 'flush_', 'alloc_workqueue',
  'create_', 'destroy_workqueue', 'debugfs_', 'sysfs_', 'device_', 'get_device', 'put_device', 'ida_', 'idr_', 'xa_',
  'rcu_', 'wait_for_', 'wait_event', 'wake_up', 'complete', 'reinit_completion', 'of_', 'fwnode_', 'platform_get_', 'platform_set_drvdata', 'auxiliary_set_drvdata', 'auxiliary_get_drvdata',
  'pm_runtime_', 'WARN', 'BUG', 'IS_ERR', 'PTR_ERR', 'ERR_PTR', 'dmam_', 'pcibios_', 'ioread', 'iowrite', 'readl', 'writel',
  'local_irq_', 'preempt_', 'seq_', 'copy_', 'jiffies', 'num_online_cpus', 'min', 'max', 'clamp', 'cpu_', 'irq_',
];

/** Whether an unfollowed call is a plain kernel helper (not one that may set up vectors). */
const helperCache = new Map<string, boolean>();

export function isKernelHelper(name: string): boolean {
  let v = helperCache.get(name);
  if (v === undefined) { v = kernelPrefixes.some((p) => name.startsWith(p)); helperCache.set(name, v); }
  return v;
}
