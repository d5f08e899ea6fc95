// Text that goes into a mail draft: nothing from a patch may reach a terminal as a control
// character (escape sequences, bidi overrides), headers are ASCII (RFC 2047 words for the rest)
// and can never be split into extra headers, and prose is wrapped for a 72-column reader.
import type { Mailbox } from './mail-headers';

// C0 and C1 controls, DEL, and the bidi marks/overrides that reorder what a terminal shows.
const unsafe = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

function escapeChar(c: string): string {
  const code = c.codePointAt(0) ?? 0;
  return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** `text` with every control character written out as \xNN (tabs kept when `keepTabs`). */
export function visible(text: string, keepTabs = false): string {
  return text.replace(unsafe, (c) => (keepTabs && c === '\t' ? c : escapeChar(c)));
}

/** Words wrapped at `width` columns; a word longer than the width stays whole on its own line. */
export function wrap(text: string, width = 72, indent = ''): string[] {
  const out: string[] = [];
  let line = '';
  for (const word of visible(text)
    .split(/\s+/)
    .filter((w) => w !== '')) {
    if (line !== '' && indent.length + line.length + 1 + word.length > width) out.push(indent + line), (line = '');
    line = line === '' ? word : `${line} ${word}`;
  }
  if (line !== '') out.push(indent + line);
  return out;
}

const base64Chunk = 45; // bytes per encoded word: 60 characters of base64, within RFC 2047's 75

/** RFC 2047 B-words for non-ASCII text (split on character boundaries), else the text itself. */
export function headerWords(text: string): string {
  const safe = visible(text);
  if (/^[\x20-\x7e]*$/.test(safe)) return safe;
  const words: string[] = [];
  let chunk = '';
  for (const ch of safe) {
    if (Buffer.byteLength(chunk + ch) > base64Chunk) words.push(chunk), (chunk = '');
    chunk += ch;
  }
  if (chunk !== '') words.push(chunk);
  return words.map((w) => `=?UTF-8?B?${Buffer.from(w).toString('base64')}?=`).join('\n ');
}

/** "Name <address>", the name quoted when it has specials and encoded when it is not ASCII. */
export function formatMailbox(m: Mailbox): string {
  const address = visible(m.address).replace(/[<>\s]/g, '');
  const name = visible(m.name).trim();
  if (name === '') return address;
  if (!/^[\x20-\x7e]*$/.test(name)) return `${headerWords(name)} <${address}>`;
  return /^[\w !#$%&'*+/=?^`{|}~-]*$/.test(name) ? `${name} <${address}>` : `"${name.replace(/["\\]/g, '\\$&')}" <${address}>`;
}

/** "Key: a, b, c", folded onto continuation lines before 78 columns. */
export function foldedHeader(key: string, items: string[], separator: string): string {
  let out = `${key}:`;
  let width = out.length;
  items.forEach((item, k) => {
    const piece = k < items.length - 1 ? `${item}${separator}` : item;
    const longest = piece.split('\n').reduce((a, l) => Math.max(a, l.length), 0);
    if (k > 0 && width + 1 + longest > 78) (out += `\n `), (width = 1);
    else (out += ' '), width++;
    out += piece;
    width = piece.includes('\n') ? piece.length - piece.lastIndexOf('\n') : width + piece.length;
  });
  return out;
}
