// Converts syntax-tree positions to the facts contract's 1-based ranges.
import type { Node } from 'web-tree-sitter';
import type { Range } from '../vocabulary/range';

export function nodeRange(node: Node): Range {
  const s = node.startPosition;
  const e = node.endPosition;
  return { line: s.row + 1, column: s.column + 1, endLine: e.row + 1, endColumn: e.column + 1 };
}

/** Range of [start, end) offsets, given the text's line starts. */
export function offsetRange(starts: number[], start: number, end: number): Range {
  const a = position(starts, start);
  const b = position(starts, end);
  return { line: a.line, column: a.column, endLine: b.line, endColumn: b.column };
}

/** 1-based line and column of `offset`, given the offsets where lines start (binary search). */
export function position(starts: number[], offset: number): { line: number; column: number } {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: offset - starts[lo]! + 1 };
}
