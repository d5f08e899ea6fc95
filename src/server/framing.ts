// Base-protocol framing that survives a wrong Content-Length. vscode-jsonrpc trusts the header:
// a length too long swallows the next message's header, a length too short leaves the rest of the
// body where a header is expected, and the server then never answers again. This stream sits in
// front of it and forwards only frames it could delimit: a raw `Content-Length: N` CRLF cannot
// occur inside a JSON body (JSON strings escape CR and LF), so finding one inside a frame, or
// anything but a header where one should start, means the framing broke; it resynchronises on that
// header and says on stderr how many bytes it skipped.
import { Transform, type TransformCallback } from 'node:stream';

const headerName = Buffer.from('Content-Length:', 'latin1');
const headerEnd = Buffer.from('\r\n\r\n', 'latin1');
/** A frame larger than this is not believed (the largest real one, a 20 MB buffer, is well under). */
const maxFrame = 256 * 1024 * 1024;
/** Past this much input without any header, the junk is dropped (keeping a tail a header may start in). */
const maxJunk = 64 * 1024;

/** Index of the next `Content-Length:` (any case) at or after `from`, or -1. */
function nextHeader(buf: Buffer, from: number): number {
  for (let i = buf.indexOf(':', from + headerName.length - 1); i !== -1; i = buf.indexOf(':', i + 1)) {
    const at = i - (headerName.length - 1);
    if (
      at >= from &&
      buf
        .subarray(at, i + 1)
        .toString('latin1')
        .toLowerCase() === 'content-length:'
    )
      return at;
  }
  return -1;
}

/** The Content-Length of a header block (its lines, each ending in CRLF). */
function lengthIn(block: Buffer): number | undefined {
  const m = /(?:^|\r\n)content-length:[ \t]*(\d{1,10})\r\n/i.exec(block.toString('latin1'));
  return m ? Number(m[1]) : undefined;
}

/** True when `body` ends with the start of a `Content-Length:` header. */
function endsInHeaderPrefix(body: Buffer): boolean {
  const tail = body
    .subarray(Math.max(0, body.length - headerName.length))
    .toString('latin1')
    .toLowerCase();
  for (let k = Math.min(tail.length, headerName.length); k >= 1; k--) if (tail.endsWith('content-length:'.slice(0, k))) return true;
  return false;
}

/** A header `Content-Length: N\r\n` starting at `at` (with its digits complete), else undefined. */
function lengthAt(buf: Buffer, at: number): number | undefined {
  const m = /^content-length:[ \t]*(\d{1,10})\r\n/i.exec(buf.subarray(at, at + 32).toString('latin1'));
  return m ? Number(m[1]) : undefined;
}

export class ResyncingFramer extends Transform {
  private buf: Buffer = Buffer.alloc(0);

  constructor(private readonly onSkip: (bytes: number, why: string) => void) {
    super();
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    this.buf = this.buf.length === 0 ? chunk : Buffer.concat([this.buf, chunk]);
    this.drain();
    done();
  }

  private skip(n: number, why: string): void {
    this.onSkip(n, why);
    this.buf = this.buf.subarray(n);
  }

  private drain(): void {
    for (;;) {
      const start = nextHeader(this.buf, 0);
      if (start === -1) {
        if (this.buf.length > maxJunk) this.skip(this.buf.length - headerName.length, 'no Content-Length header');
        return;
      }
      // Header lines right before it (a Content-Type first) belong to the frame.
      const before = /(?:[A-Za-z][A-Za-z0-9-]*:[^\r\n]*\r\n)*$/.exec(this.buf.subarray(Math.max(0, start - 1024), start).toString('latin1'))![0].length;
      if (start - before > 0) this.skip(start - before, 'bytes where a Content-Length header was expected');
      const end = this.buf.indexOf(headerEnd);
      if (end === -1) return;
      const length = lengthIn(this.buf.subarray(0, end + 2));
      if (length === undefined || length > maxFrame) {
        this.skip(end + headerEnd.length, 'a header without a valid Content-Length');
        continue;
      }
      const bodyStart = end + headerEnd.length;
      // A header inside the claimed body, or straddling its end (looked for a little past it).
      const window = this.buf.subarray(bodyStart, Math.min(this.buf.length, bodyStart + length + 32));
      const inner = nextHeader(window, 0);
      if (inner !== -1 && inner < length) {
        if (lengthAt(window, inner) !== undefined) {
          this.skip(bodyStart + inner, 'a frame whose Content-Length runs into the next header');
          continue;
        }
        if (bodyStart + inner + 32 > this.buf.length) return; // that header is still arriving
      }
      const complete = bodyStart + length <= this.buf.length;
      // A body ending in "Content-Le…" (no JSON text ends so) is cut by the next header: wait for it.
      if (
        complete &&
        inner === -1 &&
        this.buf.length < bodyStart + length + headerName.length &&
        endsInHeaderPrefix(this.buf.subarray(bodyStart, bodyStart + length))
      )
        return;
      if (this.buf.length < bodyStart + length) return;
      this.push(this.buf.subarray(0, bodyStart + length));
      this.buf = this.buf.subarray(bodyStart + length);
    }
  }
}
