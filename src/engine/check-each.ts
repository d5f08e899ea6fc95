// Many small trees (the language server's directories) checked each on its own, exactly as
// checkTree would, about half of them in a worker while the rest are checked here one per
// event-loop turn, so a server doing this keeps answering edits in between.
import type { TreeFacts } from '../facts/types';
import { checkTree } from './check-tree';
import { type Options, partOptions } from './options';
import { type CheckResult } from './result';
import { unlessGone } from './rpc';
import type { WorkerPool } from './worker-pool';
import { balanceByCost, treeCost } from './tree-parts';

export interface EachOptions {
  /** Without one (or with a topology: the replay asks it as it goes) every tree is checked here. */
  helper?: WorkerPool;
  signal?: AbortSignal;
  /** Awaited after each tree checked here (default: one event-loop turn). */
  between?: () => Promise<void>;
  /** Fewer trees than this are all checked here. */
  minTrees?: number;
}

const nextTurn = (): Promise<void> => new Promise<void>((resolve) => setImmediate(resolve));

/** Calls onResult(index, result) once per tree, in no fixed order; stops early when aborted. */
export async function checkEach(trees: TreeFacts[], opts: Options, each: EachOptions, onResult: (index: number, result: CheckResult) => void): Promise<void> {
  const between = each.between ?? nextTurn;
  const split = each.helper !== undefined && opts.topology === undefined && trees.length >= (each.minTrees ?? 8);
  const [mine = [], theirs = []] = split ? balanceByCost(trees.map(treeCost), 2) : [trees.map((_, i) => i)];
  const remote: Promise<CheckResult[] | undefined> = theirs.length
    ? unlessGone(
        each.helper!.call('checkEach', {
          trees: theirs.map((i) => trees[i]!),
          options: partOptions(opts),
        }),
      )
    : Promise.resolve([]);
  const local = async (indices: number[]): Promise<void> => {
    for (const i of indices) {
      if (each.signal?.aborted) return;
      onResult(i, checkTree(trees[i]!, opts));
      await between();
    }
  };
  await local(mine);
  const results = await remote;
  if (each.signal?.aborted) return;
  if (results) results.forEach((r, j) => onResult(theirs[j]!, r));
  else await local(theirs); // the worker is gone: its trees are checked here
}
