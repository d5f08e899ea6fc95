// Whole-file problems found by the workspace layer (unreadable, binary, too large, missing):
// they name the file and its first line so gcc-style problem matchers still pick them up.
import type { FileFacts, FileProblem } from '../facts/types';

export function fileProblem(file: string, message: string, severity: FileProblem['severity'] = 'error', line = 1): FileProblem {
  return { file, line, column: 1, severity, message };
}

/** A FileFacts that carries only problems (no facts could be read from the file). */
export function problemOnlyFacts(file: string, problems: FileProblem[]): FileFacts {
  return { file, facts: [], functions: [], pciIds: [], drivers: [], problems };
}
