// A span of source text, as every layer and the wire carry it.

/** 1-based line and column; columns count UTF-16 code units (as LSP and VS Code do); end is exclusive. */
export interface Range {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}
