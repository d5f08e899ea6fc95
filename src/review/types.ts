// The review layer's data: patches as read from diffs and mail, where each of their lines sits in
// the patch file, and what reviewing them found. Plain, JSON-serialisable data.
import type { StructuredPatch } from 'diff';
import type { Finding } from '../vocabulary/finding';
import type { EraInfo } from '../facts/types';
import type { MailHeaders } from './mail-headers';

/** One hunk, with the patch-file line of its header and of every body line (1-based). */
export interface Hunk {
  oldStart: number;
  oldLines: number;
  newStart: number;
  newLines: number;
  /** Body lines as in the patch, each starting with ' ', '+', '-' or '\\'. */
  lines: string[];
  headerLine: number;
  /** The `@@ ... @@ function` line as written (a reply quotes it). */
  header?: string;
  lineNumbers: number[];
}

export type FileChange = 'modified' | 'added' | 'deleted' | 'renamed' | 'copied' | 'mode-only' | 'binary';

/** The change to one file: paths are tree-relative (a/ and b/ stripped); null for /dev/null. */
export interface FilePatch {
  oldPath: string | null;
  newPath: string | null;
  change: FileChange;
  hunks: Hunk[];
  /** Patch-file line of the `diff --git` (or `---`) header. */
  headerLine: number;
  /** jsdiff's parse, kept for applyPatch. */
  structured: StructuredPatch;
}

export interface Trailer {
  key: string;
  value: string;
  line: number;
}

/** One patch of a series: a mail, a .patch file, or plain `diff -u` output. */
export interface ParsedPatch {
  /** The file it was read from (as given), or "git:A..B" for a range. */
  source: string;
  /** 1-based position in the series. */
  index: number;
  /** "[PATCH v2 3/7] genirq/msi: ..." without the bracket prefix; the file name when there is no mail. */
  subject: string;
  author?: string;
  date?: string;
  messageId?: string;
  /** The mail's threading and address headers, when the patch came as a mail (a reply needs them). */
  mail?: MailHeaders;
  /** Commit message body, without trailers. */
  message: string;
  trailers: Trailer[];
  /** Diffstat lines between `---` and the diff. */
  diffstat: string[];
  files: FilePatch[];
  /** Things skipped on purpose (binary files, cover letters), said once each. */
  notes: string[];
  /** Parts that could not be read (a combined diff, a binary C file, broken base64), as "file:line: what". */
  unread?: string[];
  /** Patch-file line where this patch starts (an mbox holds several). */
  firstLine: number;
}

/** Bad input: names the patch file and line, so a reviewer can open it. */
export class PatchError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly detail: string,
  ) {
    super(`${file}:${line}: ${detail}`);
  }
}

export type ChangeKind = 'introduced' | 'fixed' | 'unchanged';

/** A finding of the review: where it is in the tree (post-image, or pre-image for fixed ones) and in the patch. */
export interface ReviewFinding {
  kind: ChangeKind;
  finding: Finding;
  /** The patch-file line of the `+` line (introduced), `-` line or hunk (fixed); absent when outside every hunk. */
  patchLine?: number;
  /** The series patch (1-based) that caused it; absent for unchanged. */
  patchIndex?: number;
  /** The finding's file is not touched by the patch (series): a changed header or model caused it. */
  outside?: boolean;
}

/** A change in what the map shows: an allocation moved, appeared or disappeared. */
export interface MapChange {
  device: string;
  text: string;
}

export interface PatchReview {
  patch: ParsedPatch;
  /** Files that could not be patched or analysed, with the patch file and hunk. */
  problems: string[];
  eraBefore: EraInfo;
  eraAfter: EraInfo;
  findings: ReviewFinding[];
  mapChanges: MapChange[];
}

export interface ReviewResult {
  tree: string;
  patches: PatchReview[];
  /** Whole series: the tree before the first patch against the tree after the last. */
  cumulative: Omit<PatchReview, 'patch'>;
}
