// A window of the partitioned layout (the 2021 proposal), as options and the map carry it.

/** A window of the partitioned single store, in global indices, inclusive. */
export interface Partition {
  name: string;
  domain: number;
  first: number;
  last: number;
}
