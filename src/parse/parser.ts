// Loads web-tree-sitter and the C grammar once per thread, from bytes, so that the engine never
// depends on an editor or on import.meta.url to find its wasm files.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Language, Parser, type Range as TsRange, type Tree } from 'web-tree-sitter';

let language: Language | undefined;
let parser: Parser | undefined;
let loading: Promise<void> | undefined;

/** The wasm files: next to the running bundle (dist/), else from the npm packages (tests in out/). */
function wasmPaths(): { runtime: string; grammar: string } {
  const here = __dirname;
  const bundled = { runtime: join(here, 'web-tree-sitter.wasm'), grammar: join(here, 'tree-sitter-c.wasm') };
  if (existsSync(bundled.runtime) && existsSync(bundled.grammar)) return bundled;
  // Not bundled: only reached when running from out/ (tests) with node_modules present.
  const req = createRequire(__filename);
  const grammar = req.resolve('tree-sitter-c/tree-sitter-c.wasm');
  const runtimeDir = dirname(req.resolve('web-tree-sitter'));
  return { runtime: join(runtimeDir, 'web-tree-sitter.wasm'), grammar };
}

async function load(): Promise<void> {
  const paths = wasmPaths();
  const wasmBinary = readFileSync(paths.runtime);
  await Parser.init({ wasmBinary: new Uint8Array(wasmBinary.buffer, wasmBinary.byteOffset, wasmBinary.byteLength) });
  language = await Language.load(new Uint8Array(readFileSync(paths.grammar)));
  parser = new Parser();
  parser.setLanguage(language);
}

/** Loads the parser; safe to call many times (the first call does the work). */
export function initParser(): Promise<void> {
  loading ??= load().catch((err: unknown) => {
    loading = undefined;
    throw err;
  });
  return loading;
}

export function parserReady(): boolean {
  return parser !== undefined;
}

/** Parses C text; throws when initParser() has not completed. */
export function parseC(text: string, oldTree?: Tree | null, includedRanges?: TsRange[]): Tree {
  if (!parser) throw new Error('irqlens: initParser() must complete before parsing');
  const tree = parser.parse(text, oldTree ?? null, includedRanges ? { includedRanges } : undefined);
  if (!tree) throw new Error('irqlens: tree-sitter returned no tree');
  return tree;
}
