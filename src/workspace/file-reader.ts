// The one place that opens user files (sources, headers, patches, mboxes, topologies): regular
// files only, opened with O_NONBLOCK so a FIFO named like one cannot hang anything, a size limit,
// and optionally confinement to the tree by real path (tree-bounds.ts).
// Reads into one reused buffer: a kernel scan reads 1.3 GB in 60,000 files, and allocating a
// fresh Buffer per file costs more than the byte-level prefilter itself.
import { closeSync, constants, fstatSync, lstatSync, openSync, readSync } from 'node:fs';
import type { TreeBounds } from './tree-bounds';

/** Files larger than this are not read at all (a C file of 64 MB is not source). */
export const maxReadBytes = 64 * 1024 * 1024;

/** Size and mtime as fstat saw them when the file was read: the facts cache keys on them. */
export interface FileStamp {
  size: number;
  mtimeMs: number;
}

/** Why a file was not read: callers that skip some reasons silently (a missing header) tell them apart. */
export type RefusalKind = 'unreadable' | 'not-regular' | 'too-large' | 'outside' | 'not-utf8';

export type ReadFailure = { ok: false; message: string; kind: RefusalKind };

export type ReadOutcome = { ok: true; bytes: Buffer; stamp: FileStamp } | ReadFailure;

export interface ReadLimits {
  /** Larger files are refused (default maxReadBytes). */
  maxBytes?: number;
  /** Files whose real path leaves these bounds are refused, naming the symbolic link. */
  bounds?: TreeBounds;
}

function describeOpenError(err: unknown, absPath: string): string {
  const code = (err as NodeJS.ErrnoException).code;
  switch (code) {
    case 'ENOENT':
      return isSymlink(absPath) ? 'dangling symbolic link: its target does not exist' : 'cannot read: ENOENT: no such file or directory';
    case 'EACCES':
    case 'EPERM':
      return 'cannot read: permission denied';
    case 'EISDIR':
      return 'cannot read: is a directory';
    case 'ELOOP':
      return 'cannot read: symbolic link loop';
    default:
      return `cannot read: ${code ?? (err instanceof Error ? err.message : String(err))}`;
  }
}

function isSymlink(absPath: string): boolean {
  try {
    return lstatSync(absPath).isSymbolicLink();
  } catch {
    return false;
  }
}

export class FileReader {
  private buffer = Buffer.allocUnsafe(1 << 20);

  /** The returned bytes are a view of a shared buffer: valid until the next read. */
  read(absPath: string, limits: ReadLimits = {}): ReadOutcome {
    let fd: number;
    try {
      fd = openSync(absPath, constants.O_RDONLY | constants.O_NONBLOCK);
    } catch (err) {
      return { ok: false, message: describeOpenError(err, absPath), kind: 'unreadable' };
    }
    try {
      return this.readOpen(fd, absPath, limits);
    } catch (err) {
      return { ok: false, message: describeOpenError(err, absPath), kind: 'unreadable' };
    } finally {
      closeSync(fd);
    }
  }

  private readOpen(fd: number, absPath: string, limits: ReadLimits): ReadOutcome {
    const stats = fstatSync(fd);
    if (stats.isDirectory()) return { ok: false, message: 'cannot read: is a directory', kind: 'not-regular' };
    if (!stats.isFile()) return { ok: false, message: 'not a regular file (device, FIFO or socket): skipped', kind: 'not-regular' };
    const maxBytes = limits.maxBytes ?? maxReadBytes;
    if (stats.size > maxBytes) {
      return { ok: false, message: `file is ${megabytes(stats.size)}, over the ${megabytes(maxBytes)} read limit: skipped`, kind: 'too-large' };
    }
    const refused = limits.bounds?.refusalOfOpen(fd, absPath);
    if (refused !== undefined) return { ok: false, message: refused, kind: 'outside' };
    if (stats.size > this.buffer.length) this.buffer = Buffer.allocUnsafe(Math.max(stats.size, this.buffer.length * 2));
    let length = 0;
    while (length < stats.size) {
      const n = readSync(fd, this.buffer, length, stats.size - length, length);
      if (n === 0) break; // truncated while we read: use what is there
      length += n;
    }
    return { ok: true, bytes: this.buffer.subarray(0, length), stamp: { size: stats.size, mtimeMs: stats.mtimeMs } };
  }
}

export function megabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

export type TextOutcome = { ok: true; text: string } | ReadFailure;

const sharedReader = new FileReader();

/**
 * A user file as text (UTF-8, a byte-order mark dropped). A UTF-16 file is refused with a message
 * saying so: decoded as UTF-8 it would look like a file without any diff or device in it.
 */
export function readUserText(absPath: string, limits: ReadLimits = {}): TextOutcome {
  const read = sharedReader.read(absPath, limits);
  if (!read.ok) return read;
  const b = read.bytes;
  if (b.length >= 2 && ((b[0] === 0xff && b[1] === 0xfe) || (b[0] === 0xfe && b[1] === 0xff)))
    return { ok: false, message: 'UTF-16 text (byte-order mark): IRQ Lens reads UTF-8; convert it first (iconv -f UTF-16 -t UTF-8)', kind: 'not-utf8' };
  const start = b.length >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf ? 3 : 0;
  return { ok: true, text: b.toString('utf8', start) };
}
