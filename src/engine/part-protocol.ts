// Messages between the main thread and a check-part worker (structured-clone data only).
import type { TreeFacts } from '../facts/types';
import type { Options } from './options';
import type { CheckResult, PartResult } from './result';

/** The check options a part needs, and nothing that cannot be cloned (callbacks, a topology:
 *  attribution needs the whole tree and runs on the main thread). */
export type PartOptions = Pick<Options, 'layout' | 'partitions' | 'bindings'>;

/** Only the fields PartOptions names, whatever else `opts` carries. */
export function partOptions(opts: Options): PartOptions {
  const out: PartOptions = {};
  if (opts.layout !== undefined) out.layout = opts.layout;
  if (opts.partitions !== undefined) out.partitions = opts.partitions;
  if (opts.bindings !== undefined) out.bindings = opts.bindings;
  return out;
}

/** 'part': checkPart of one part of a tree; 'each': checkTree of every tree, each on its own. */
export type PartRequest =
  | { id: number; kind: 'part'; tree: TreeFacts; options: PartOptions }
  | { id: number; kind: 'each'; trees: TreeFacts[]; options: PartOptions };

export type PartReply = { id: number; kind: 'part'; result: PartResult } | { id: number; kind: 'each'; results: CheckResult[] } | { id: number; error: string };
