// Kernel allocators the replay knows by name: each returns NULL or an object, never an ERR_PTR
// (so `IS_ERR()` of what they returned, once NULL was tested, is false), and some zero the
// object (its fields read 0 until written).
interface AllocatorRow {
  /** The object's memory is zeroed. */
  zeroes: boolean;
}

const rows: Record<string, AllocatorRow> = {
  kmalloc: { zeroes: false },
  kmalloc_array: { zeroes: false },
  kvmalloc: { zeroes: false },
  vmalloc: { zeroes: false },
  devm_kmalloc: { zeroes: false },
  kmemdup: { zeroes: false },
  kzalloc: { zeroes: true },
  kzalloc_node: { zeroes: true },
  kvzalloc: { zeroes: true },
  kcalloc: { zeroes: true },
  kvcalloc: { zeroes: true },
  vzalloc: { zeroes: true },
  devm_kzalloc: { zeroes: true },
  devm_kcalloc: { zeroes: true },
  // net_device allocators zero the private area (netdev_priv()).
  alloc_etherdev: { zeroes: true },
  alloc_etherdev_mq: { zeroes: true },
  alloc_etherdev_mqs: { zeroes: true },
  alloc_netdev: { zeroes: true },
  alloc_netdev_mqs: { zeroes: true },
  devm_alloc_etherdev: { zeroes: true },
  devm_alloc_etherdev_mqs: { zeroes: true },
  alloc_candev: { zeroes: true },
  // include/rdma/ib_verbs.h: ib_alloc_device() is container_of(_ib_alloc_device(size)), kzalloc'd.
  ib_alloc_device: { zeroes: true },
  _ib_alloc_device: { zeroes: true },
  scsi_host_alloc: { zeroes: true },
  ieee80211_alloc_hw: { zeroes: true },
};

/** NULL or an object: what the walk knows of such a call's result. */
export function isAllocator(name: string): boolean {
  return Object.hasOwn(rows, name);
}

/** The call hands back zeroed memory: the object itself, or (`netdev_priv`) the area it names. */
export function returnsZeroed(name: string): boolean {
  return name === 'netdev_priv' || rows[name]?.zeroes === true;
}
