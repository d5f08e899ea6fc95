// A large tree checked on two threads: its directories split in two parts (tree-parts.ts), one
// replayed here while a worker replays the other, merged into the result checkTree would give.
// With a topology the replay asks it about devices as it goes, so that check stays on one thread.
import type { TreeFacts } from '../facts/types';
import { checkPart, checkTree, mergeParts } from './check-tree';
import { type Options, partOptions } from './options';
import { type CheckResult } from './result';
import { unlessGone } from './rpc';
import type { WorkerPool } from './worker-pool';
import { splitByDirectory } from './tree-parts';

/** Below this many files with facts in the smaller part, sending it costs more than it saves. */
const minPartFiles = 16;

export async function checkInParts(tree: TreeFacts, opts: Options, helper: WorkerPool | undefined, minFiles = minPartFiles): Promise<CheckResult> {
  if (!helper || opts.topology !== undefined) return checkTree(tree, opts);
  const [mine, theirs] = splitByDirectory(tree, 2);
  if (!mine || !theirs || theirs.files.filter((f) => f.facts.length).length < minFiles) return checkTree(tree, opts);
  // A worker that died is not the check's problem: its part is replayed here instead. Any other
  // failure (an exception in checkPart, data that cannot be sent) is a bug and surfaces.
  const remote = unlessGone(helper.call('checkPart', { tree: theirs, options: partOptions(opts) }));
  const local = checkPart(mine, opts);
  const other = (await remote) ?? checkPart(theirs, opts);
  return mergeParts(tree, opts, [local, other]);
}
