// The one set of options every face gives the engine (the CLI from its flags, the server from its
// settings, review from both). Plain data but for the parsed topology, which stays on the thread
// that loaded it (partOptions: what a worker is sent).
import type { Topology } from '../topology/types';
import type { RuleCode, Severity } from '../vocabulary/finding';
import type { Layout } from '../vocabulary/layout';
import type { Partition } from '../vocabulary/partition';

export interface Options {
  /** Default 'auto': the tree's own era. */
  layout?: 'auto' | Layout;
  partitions?: Partition[];
  severity?: Partial<Record<RuleCode, Severity | 'off'>>;
  /** A parsed topology for attribution; with one, the replay stays on the calling thread. */
  topology?: Topology;
  /** DRIVER=BDF bindings for attribution. */
  bindings?: Record<string, string>;
  /** Also report speculative findings (see Finding.speculative). */
  speculative?: boolean;
  /** Worker threads (default: the CPU count); 0 runs everything on the calling thread (tests). */
  jobs?: number;
  /** The on-disk facts cache's directory; no cache when absent. */
  cacheDir?: string;
}

/** The options a worker needs to check a part, and nothing that cannot be cloned (callbacks, a
 *  topology: attribution needs the whole tree and runs on the main thread). */
export type PartOptions = Pick<Options, 'layout' | 'partitions' | 'bindings'>;

/** Only the fields PartOptions names, whatever else `opts` carries. */
export function partOptions(opts: Options): PartOptions {
  const out: PartOptions = {};
  if (opts.layout !== undefined) out.layout = opts.layout;
  if (opts.partitions !== undefined) out.partitions = opts.partitions;
  if (opts.bindings !== undefined) out.bindings = opts.bindings;
  return out;
}
