// attributionFindings: every attr/* rule over a tree, given an optional topology and bindings.
import type { TreeFacts } from '../../facts/types';
import type { Finding } from '../../vocabulary/finding';
import type { AttrContext } from './context';
import { sharedRequesterIdFindings } from './shared-rid';
import { subdeviceFindings } from './subdevice';

export type { AttrContext } from './context';

export function attributionFindings(tree: TreeFacts, ctx: AttrContext): Finding[] {
  return [...subdeviceFindings(tree, ctx), ...sharedRequesterIdFindings(tree, ctx)];
}
