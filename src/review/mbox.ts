// Splits an mbox (git format-patch --stdout, b4 .mbx, a lore download) into its messages, and tells
// a mail from a bare diff. Each message keeps the patch-file line its headers start on.

export interface RawMessage {
  /** Header and body, without the mbox `From ` separator line; LF line ends. */
  text: string;
  /** 1-based line in the mbox where `text` starts. */
  firstLine: number;
}

// git writes "From <sha> Mon Sep 17 00:00:00 2001"; mail systems "From addr  Tue Nov 24 05:40:30 2026".
const separator = /^From (?:[0-9a-f]{40} |\S+\s+(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) )/;

function isSeparator(lines: string[], i: number): boolean {
  return separator.test(lines[i]) && (i === 0 || lines[i - 1] === '');
}

/** mboxrd quotes body lines that begin with "From " as ">From "; undo one level. */
function unquoteFrom(line: string): string {
  return /^>+From /.test(line) ? line.slice(1) : line;
}

export function splitMbox(text: string): RawMessage[] {
  const lines = text.split(/\r?\n/);
  const messages: RawMessage[] = [];
  let start = -1;
  const flush = (end: number) => {
    if (start < 0) return;
    const body = lines.slice(start + 1, end).map(unquoteFrom);
    messages.push({ text: body.join('\n'), firstLine: start + 2 });
  };
  for (let i = 0; i < lines.length; i++) {
    if (!isSeparator(lines, i)) continue;
    flush(i);
    start = i;
  }
  flush(lines.length);
  return messages;
}

const headerLine = /^[A-Za-z][A-Za-z0-9-]*:[ \t]/;

/** True when the text starts like a mail (mbox separator, or a header block with From: or Subject:). */
export function looksLikeMail(text: string): boolean {
  const lines = text.split(/\r?\n/, 60);
  if (lines.length > 0 && separator.test(lines[0])) return true;
  let sawMailHeader = false;
  for (const line of lines) {
    if (line === '') return sawMailHeader;
    if (/^[ \t]/.test(line)) continue;
    if (!headerLine.test(line)) return false;
    if (/^(From|Subject):/i.test(line)) sawMailHeader = true;
  }
  return sawMailHeader;
}
