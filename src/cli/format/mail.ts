// `irqlens review --format mail`: the reply drafts as one mbox on stdout, or with --out one
// NNNN-re.eml file per reply (NNNN the patch it answers). Nothing is sent.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { emlText, mboxText, type ReplyDraft } from '../../review/reply-mail';

/** Writes one .eml per draft into `dir` (created when missing); returns the paths written. */
export function writeReplyFiles(drafts: ReplyDraft[], dir: string): string[] {
  mkdirSync(dir, { recursive: true });
  return drafts.map((d) => {
    const path = join(dir, d.fileName);
    writeFileSync(path, emlText(d));
    return path;
  });
}

export function replyMbox(drafts: ReplyDraft[]): string {
  return mboxText(drafts);
}
