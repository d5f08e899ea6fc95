// A catalogue call found in a file, with what the fact builder and the lock-guard finder read
// around it (its own file, so neither imports the other for the type).
import type { Node } from 'web-tree-sitter';

export interface CallSite {
  name: string;
  offset: number;
  /** Offset of `)` closing the argument list. */
  close: number;
  args: string[];
  /** The call_expression (or, when recovered from an ERROR node, the deepest node there). */
  node: Node | null;
  functionName: string;
  /** Text of the enclosing function (params + body), comment/string-blanked; and its offset. */
  fnCode: string | undefined;
  fnStart: number;
  nodeAt: (offset: number) => Node | null;
}
