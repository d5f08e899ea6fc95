// Conversions between the engine's coordinates (root-relative '/' paths, 1-based line/column,
// end-exclusive) and LSP's (URIs, 0-based positions).
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { URI } from 'vscode-uri';
import type { Range as LspRange } from 'vscode-languageserver';
import type { Range } from '../facts/types';

export function toLspRange(r: Range): LspRange {
  return {
    start: { line: Math.max(0, r.line - 1), character: Math.max(0, r.column - 1) },
    end: { line: Math.max(0, r.endLine - 1), character: Math.max(0, r.endColumn - 1) },
  };
}

/** Maps workspace paths to URIs and back, relative to one root directory. */
export class PathMap {
  constructor(readonly root: string) {}

  get rootUri(): string {
    return URI.file(this.root).toString();
  }

  /** Root-relative '/' path of a file: URI; null for other schemes (untitled:, etc.) and for text that is no URI. */
  relFromUri(uri: string): string | null {
    let parsed: URI;
    try {
      parsed = URI.parse(uri);
    } catch {
      return null; // vscode-uri refuses `":x` and the like: not a file: URI either
    }
    if (parsed.scheme !== 'file') return null;
    return this.relFromPath(parsed.fsPath);
  }

  relFromPath(path: string): string {
    const rel = relative(this.root, resolve(this.root, path));
    // Files outside the root keep their absolute path, so they still have one identity.
    if (rel.startsWith('..') || isAbsolute(rel)) return resolve(path).split(sep).join('/');
    return rel.split(sep).join('/');
  }

  absFromRel(rel: string): string {
    return isAbsolute(rel) ? rel : resolve(this.root, rel);
  }

  uriFromRel(rel: string): string {
    return URI.file(this.absFromRel(rel)).toString();
  }
}

/** Position inside an engine Range (1-based, end-exclusive); line/character are LSP 0-based. */
export function rangeContains(r: Range, line: number, character: number): boolean {
  const l = line + 1;
  const c = character + 1;
  if (l < r.line || l > r.endLine) return false;
  if (l === r.line && c < r.column) return false;
  if (l === r.endLine && c > r.endColumn) return false;
  return true;
}
