// The per-file step of a tree scan: read, reject what is not C text, prefilter, extract facts.
// Runs inside workers (worker.ts) and, for jobs = 0, on the calling thread.
import { MAX_PARSE_BYTES, extractFileFacts } from '../facts/index';
import type { EraInfo, FileFacts, FileProblem } from '../facts/types';
import { fileProblem, problemOnlyFacts } from './file-problem';
import { FileReader, megabytes, type FileStamp } from './file-reader';
import { lookupRecorder, type IncludeReader } from './include-reader';
import type { TreeBounds } from './tree-bounds';
import type { Prefilter } from './prefilter';

/** The facts layer's limit, checked here on bytes so an oversized file is never decoded. */
export const maxParseBytes = MAX_PARSE_BYTES;

export interface ScanContext {
  reader: FileReader;
  /** The trees the user named: a file whose real path leaves them is refused. */
  bounds?: TreeBounds;
  prefilter: Prefilter;
  includes: IncludeReader;
  era: EraInfo;
}

function lineAt(bytes: Buffer, offset: number): number {
  let line = 1;
  for (let i = bytes.indexOf(10); i !== -1 && i < offset; i = bytes.indexOf(10, i + 1)) line++;
  return line;
}

function binaryProblem(file: string, bytes: Buffer, nul: number): FileProblem {
  return fileProblem(file, `binary content (NUL byte at offset ${nul}): not C source, skipped`, 'warning', lineAt(bytes, nul));
}

/** What the prefilter stage decided: skip, a problem, or parse (with the bytes to parse). */
type Screened = { kind: 'skip' } | { kind: 'problem'; facts: FileFacts } | { kind: 'candidate'; bytes: Buffer };

/** Told the size and mtime of each file that could be read (a file that could not is not cached). */
export type OnStamp = (stamp: FileStamp) => void;

function screen(absPath: string, file: string, ctx: ScanContext, onStamp?: OnStamp): Screened {
  const read = ctx.reader.read(absPath, ctx.bounds ? { bounds: ctx.bounds } : {});
  if (!read.ok) return { kind: 'problem', facts: problemOnlyFacts(file, [fileProblem(file, read.message)]) };
  onStamp?.(read.stamp);
  const bytes = read.bytes;
  const nul = bytes.indexOf(0);
  if (nul !== -1) return { kind: 'problem', facts: problemOnlyFacts(file, [binaryProblem(file, bytes, nul)]) };
  const hit = ctx.prefilter.firstHit(bytes);
  if (!hit) return { kind: 'skip' };
  if (bytes.length > maxParseBytes) {
    const message = `file is ${megabytes(bytes.length)}, over the ${megabytes(maxParseBytes)} parse limit: not parsed (it names ${hit.name})`;
    return { kind: 'problem', facts: problemOnlyFacts(file, [fileProblem(file, message, 'warning', lineAt(bytes, hit.offset))]) };
  }
  return { kind: 'candidate', bytes };
}

/** Prefilter stage: a FileFacts for a problem, true for a file to parse, false to skip. */
export function prefilterFile(absPath: string, file: string, ctx: ScanContext, onStamp?: OnStamp): FileFacts | boolean {
  const s = screen(absPath, file, ctx, onStamp);
  return s.kind === 'problem' ? s.facts : s.kind === 'candidate';
}

/** Both stages on one file: undefined when the file cannot contain an MSI call. */
export function scanFile(absPath: string, file: string, ctx: ScanContext, onStamp?: OnStamp): FileFacts | undefined {
  const s = screen(absPath, file, ctx, onStamp);
  if (s.kind === 'skip') return undefined;
  if (s.kind === 'problem') return s.facts;
  const text = s.bytes.toString('utf8');
  const lookups = lookupRecorder(ctx.includes);
  try {
    const facts = extractFileFacts({ file, text, era: ctx.era, readInclude: ctx.includes.read, onInclude: lookups.onInclude });
    facts.headers = lookups.stamps();
    return facts;
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    return problemOnlyFacts(file, [fileProblem(file, `internal error while extracting facts: ${reason}`)]);
  }
}
