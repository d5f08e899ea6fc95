// Reads one patch mail (postal-mime does headers, MIME parts, quoted-printable and charsets) and
// tells its parts apart: subject, commit message, trailers, diffstat and the diff, with every diff
// line mapped back to its line in the raw mail so diagnostics land on the right line.
import PostalMime from 'postal-mime';
import { findDiffStart, parseDiffLines, splitLines, type LineOf } from './parse-diff';
import { mailHeadersOf } from './mail-headers';
import type { RawMessage } from './mbox';
import { brokenBase64 } from './mail-encoding';
import { PatchError, type ParsedPatch, type Trailer } from './types';

/** Subject without "[PATCH v2 3/7]" / "[RFC PATCH]" prefixes, plus the patch number when given. */
export function cleanSubject(subject: string): { title: string; number?: number; total?: number } {
  const prefix = /^\s*((?:\[[^\]]*\]\s*)+)/.exec(subject);
  const title = subject
    .slice(prefix ? prefix[0].length : 0)
    .replace(/\s+/g, ' ')
    .trim();
  const n = prefix ? /(\d+)\/(\d+)\s*\]/.exec(prefix[1]) : null;
  return n ? { title, number: Number(n[1]), total: Number(n[2]) } : { title };
}

const trailerLine = /^([A-Za-z0-9][A-Za-z0-9-]*):\s+(.*\S)\s*$/;

/** Splits the message into body and the trailing block of `Key: value` lines (Signed-off-by, Fixes, ...). */
export function splitTrailers(message: string[], lineOf: (k: number) => number): { body: string; trailers: Trailer[] } {
  let end = message.length;
  while (end > 0 && message[end - 1].trim() === '') end--;
  let start = end;
  while (start > 0 && message[start - 1].trim() !== '') start--;
  const block = message.slice(start, end);
  const isTrailers = block.length > 0 && block.every((l) => trailerLine.test(l) || /^\s*\[.*\]\s*$/.test(l)) && block.some((l) => trailerLine.test(l));
  if (!isTrailers) return { body: message.slice(0, end).join('\n'), trailers: [] };
  const trailers: Trailer[] = [];
  block.forEach((l, k) => {
    const m = trailerLine.exec(l);
    if (m) trailers.push({ key: m[1], value: m[2], line: lineOf(start + k) });
  });
  return { body: message.slice(0, start).join('\n').trimEnd(), trailers };
}

/** Where each decoded body line starts in the raw message (0-based raw line indices). */
function bodyLineMap(raw: string[], bodyStart: number, decoded: string[], encoding: string, multipart: boolean): number[] {
  if (encoding === 'quoted-printable' && !multipart) {
    const map: number[] = [];
    let r = bodyStart;
    for (let k = 0; k < decoded.length; k++) {
      map.push(Math.min(r, raw.length - 1));
      while (r < raw.length && raw[r].endsWith('=')) r++;
      r++;
    }
    return map;
  }
  if (!multipart && encoding !== 'base64') return decoded.map((_, k) => Math.min(bodyStart + k, raw.length - 1));
  // MIME parts: find each line in order; a line that cannot be found keeps the last position.
  const map: number[] = [];
  let cursor = bodyStart;
  for (const line of decoded) {
    let at = -1;
    for (let r = cursor; r < raw.length && r < cursor + 200; r++) if (raw[r] === line) (at = r), (r = raw.length);
    if (at >= 0) cursor = at + 1;
    map.push(at >= 0 ? at : Math.max(bodyStart, cursor - 1));
  }
  return map;
}

function headerValue(email: PostalMime.Email, key: string): string {
  return email.headers.find((h) => h.key === key)?.value ?? '';
}

/** The patch text when it came as an attachment rather than in the body. */
function attachedDiff(email: PostalMime.Email): string | undefined {
  for (const a of email.attachments) {
    const text = typeof a.content === 'string' ? a.content : new TextDecoder().decode(a.content);
    if (findDiffStart(splitLines(text)) >= 0) return text;
  }
  return undefined;
}

/** "Name <address>", or whichever of the two the From: header has. */
function authorOf(from: PostalMime.Email['from']): string | undefined {
  if (!from) return undefined;
  const address = 'address' in from ? from.address : undefined;
  if (from.name && address) return `${from.name} <${address}>`;
  return from.name || address || undefined;
}

export interface MailPatch extends ParsedPatch {
  /** From "[PATCH 3/7]": its place in the series, when the subject says. */
  number?: number;
}

/** The decoded body lines that hold the patch, and where each sits in the raw mail. */
function patchBody(email: PostalMime.Email, message: RawMessage): { lines: string[]; lineOf: LineOf } {
  const raw = message.text.split('\n').map((l) => l.replace(/\r$/, ''));
  const bodyStart = raw.indexOf('') + 1;
  const text = findDiffStart(splitLines(email.text ?? '')) >= 0 ? (email.text ?? '') : (attachedDiff(email) ?? email.text ?? '');
  const lines = splitLines(text);
  const multipart = /^multipart\//i.test(headerValue(email, 'content-type'));
  const map = bodyLineMap(raw, bodyStart, lines, headerValue(email, 'content-transfer-encoding').toLowerCase().trim(), multipart);
  return { lines, lineOf: (k) => message.firstLine + (map[Math.min(k, map.length - 1)] ?? bodyStart) };
}

/** postal-mime on one message; its refusals (more than 256 nested MIME parts, say) name the mail's line. */
async function decode(message: RawMessage, source: string): Promise<PostalMime.Email> {
  try {
    return await PostalMime.parse(message.text, { attachmentEncoding: 'utf8' });
  } catch (err) {
    throw new PatchError(source, message.firstLine, `cannot read this mail: ${err instanceof Error ? err.message : String(err)}`);
  }
}

export async function parseMail(message: RawMessage, source: string, index: number): Promise<MailPatch> {
  const email = await decode(message, source);
  const { lines, lineOf } = patchBody(email, message);
  const broken = brokenBase64(message.text.split('\n'), (k) => message.firstLine + k, source);
  const diffStart = findDiffStart(lines);
  const sepAt = lines.findIndex((l, k) => l.trimEnd() === '---' && (diffStart < 0 || k < diffStart));
  const messageEnd = sepAt >= 0 ? sepAt : diffStart >= 0 ? diffStart : lines.length;
  const { body, trailers } = splitTrailers(lines.slice(0, messageEnd), lineOf);
  const diff = parseDiffLines(lines, source, lineOf, messageEnd);
  const diffstat = sepAt >= 0 ? lines.slice(sepAt + 1, diff.start).filter((l) => l.trim() !== '') : [];
  const subject = cleanSubject(email.subject ?? '');
  return {
    source,
    index,
    subject: subject.title || `(no subject) ${source}`,
    author: authorOf(email.from),
    date: email.date,
    messageId: email.messageId,
    mail: mailHeadersOf(email),
    message: body,
    trailers,
    diffstat,
    files: diff.files,
    notes: [],
    unread: broken === undefined ? diff.unread : [broken, ...diff.unread],
    firstLine: message.firstLine,
    number: subject.number,
  };
}
