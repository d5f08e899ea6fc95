// `irqlens review --format mail`: one reply draft per patch with findings, in the list's style.
// It threads under the patch (In-Reply-To, References), goes to its author with the original
// recipients in Cc, quotes only the hunk lines a finding concerns with the finding right below,
// then lists what the patch fixes. Drafts only: nothing is sent.
import { isAbsolute, relative, resolve } from 'node:path';
import type { MailHeaders, Mailbox } from './mail-headers';
import { foldedHeader, formatMailbox, headerWords, visible, wrap } from './mail-text';
import { findingItem, findingParagraphs, type ShownPath } from './reply-prose';
import { patchLineOfPost, quotedRemarks, anchorOf, type Remark } from './reply-quote';
import type { Finding } from '../vocabulary/finding';
import type { PatchReview, ReviewFinding, ReviewResult } from './types';

export interface ReplyOptions {
  /** Also reply to patches whose only findings were there before them, and quote those. */
  showUnchanged: boolean;
  /** What the review's paths are relative to (findings are shown relative to the tree). */
  cwd: string;
}

export interface ReplyDraft {
  /** The patch (1-based in the series) this replies to. */
  patchIndex: number;
  /** `0002-re.eml` for the reply to patch 2. */
  fileName: string;
  /** Header name and its whole (folded) line, in order. */
  headers: [string, string][];
  body: string[];
}

function replySubject(subject: string): string {
  return /^re:/i.test(subject.trim()) ? subject.trim() : `Re: ${subject.trim()}`;
}

function sameAddress(a: Mailbox, b: Mailbox): boolean {
  return a.address.toLowerCase() === b.address.toLowerCase();
}

/** To: the author; Cc: everyone the patch went to, each once. */
function recipients(mail: MailHeaders): { to: Mailbox[]; cc: Mailbox[] } {
  const to = mail.from ? [mail.from] : [];
  const cc: Mailbox[] = [];
  for (const m of [...mail.to, ...mail.cc]) if (![...to, ...cc].some((x) => sameAddress(x, m))) cc.push(m);
  return { to, cc };
}

function headersOf(review: PatchReview): [string, string][] {
  const mail = review.patch.mail;
  const subject = replySubject(mail?.subject || review.patch.subject);
  const headers: [string, string][] = [['Subject', `Subject: ${headerWords(subject)}`]];
  if (mail) {
    const { to, cc } = recipients(mail);
    if (to.length > 0) headers.push(['To', foldedHeader('To', to.map(formatMailbox), ',')]);
    if (cc.length > 0) headers.push(['Cc', foldedHeader('Cc', cc.map(formatMailbox), ',')]);
    if (mail.messageId) {
      headers.push(['In-Reply-To', `In-Reply-To: ${visible(mail.messageId)}`]);
      const chain = [...mail.references.filter((r) => r !== mail.messageId), mail.messageId];
      headers.push([
        'References',
        foldedHeader(
          'References',
          chain.map((r) => visible(r)),
          '',
        ),
      ]);
    }
  }
  headers.push(
    ['MIME-Version', 'MIME-Version: 1.0'],
    ['Content-Type', 'Content-Type: text/plain; charset=utf-8'],
    ['Content-Transfer-Encoding', 'Content-Transfer-Encoding: 8bit'],
  );
  return headers;
}

function attribution(review: PatchReview): string[] {
  const from = review.patch.mail?.from;
  const author = from ? (from.name ? `${from.name} <${from.address}>` : from.address) : review.patch.author;
  const date = review.patch.mail?.date ?? review.patch.date;
  const line = author && date ? `On ${date}, ${author} wrote:` : author ? `${author} wrote:` : `${review.patch.source} reads:`;
  return wrap(line, 998);
}

/** The findings a reply discusses: introduced ones, and with showUnchanged the ones still there. */
function discussed(review: PatchReview, options: ReplyOptions): ReviewFinding[] {
  return review.findings.filter((x) => x.kind === 'introduced' || (options.showUnchanged && x.kind === 'unchanged'));
}

/** The patch line a finding sits on: the review's for introduced ones, the hunks' for unchanged ones. */
function lineOf(review: PatchReview, x: ReviewFinding, tree: (file: string) => string): number | undefined {
  if (x.kind !== 'unchanged') return x.patchLine;
  return patchLineOfPost(review.patch, tree(x.finding.file), x.finding.range.line);
}

/** Findings one by one, except that the same verdict in several files the patch does not touch is one group. */
function grouped(found: ReviewFinding[]): ReviewFinding[][] {
  const groups = new Map<string, ReviewFinding[]>();
  found.forEach((x, k) => {
    const key = x.outside ? `${x.kind}\0${x.patchLine ?? ''}\0${verdict(x.finding)}` : String(k);
    groups.set(key, [...(groups.get(key) ?? []), x]);
  });
  return [...groups.values()];
}

function listSection(title: string, items: string[][]): string[] {
  return items.length === 0 ? [] : [...wrap(title), '', ...items.flatMap((i) => [...i, ''])];
}

/** The verdict without line numbers: the same finding as seen before and after other patches. */
function verdict(f: Finding): string {
  return `${f.code}\0${f.message.replace(/:\d+\b/g, ':*')}`;
}

/** Says so when a later patch of the series takes an introduced finding back. */
function laterFix(result: ReviewResult, review: PatchReview, x: ReviewFinding): string[] {
  const n = result.patches.length;
  if (x.kind !== 'introduced' || n === 1) return [];
  const same = (y: ReviewFinding) => verdict(y.finding) === verdict(x.finding);
  if (result.cumulative.findings.some((c) => c.kind === 'introduced' && c.patchIndex === review.patch.index && same(c))) return [];
  const by = result.patches.find((p) => p.patch.index > review.patch.index && p.findings.some((y) => y.kind === 'fixed' && same(y)));
  return wrap(by ? `Patch ${by.patch.index}/${n} of this series removes it again.` : 'It is gone by the end of the series.');
}

/** What the whole series fixes, each with the patch that fixes it. */
function seriesFixes(result: ReviewResult, shown: ShownPath): string[] {
  const n = result.patches.length;
  const fixed = result.cumulative.findings.filter((x) => x.kind === 'fixed');
  const title = n === 1 ? 'This patch fixes:' : 'The series fixes:';
  return listSection(
    title,
    fixed.map((x) => findingItem(x.finding, shown, n > 1 && x.patchIndex !== undefined ? `, patch ${x.patchIndex}/${n}` : '')),
  );
}

function bodyOf(result: ReviewResult, review: PatchReview, options: ReplyOptions, shown: ShownPath, tree: (file: string) => string): string[] {
  const remarks: Remark[] = [];
  const unplaced: ReviewFinding[][] = [];
  for (const group of grouped(discussed(review, options))) {
    const x = group[0];
    const line = lineOf(review, x, tree);
    const elsewhere = x.outside ? group.map((g) => g.finding) : undefined;
    const paragraphs = [...findingParagraphs(x.finding, shown, elsewhere), ...[laterFix(result, review, x)].filter((p) => p.length > 0)];
    if (line !== undefined && anchorOf(review.patch, line)) remarks.push({ patchLine: line, paragraphs });
    else unplaced.push(group);
  }
  const fixes = seriesFixes(result, shown);
  const items = (kind: ReviewFinding['kind']) =>
    unplaced
      .filter((g) => g[0].kind === kind)
      .map((g) =>
        findingItem(
          g[0].finding,
          shown,
          '',
          g.map((x) => x.finding),
        ),
      );
  return [
    ...attribution(review),
    ...quotedRemarks(review.patch, remarks),
    ...(remarks.length > 0 && unplaced.length + fixes.length > 0 ? ['[...]', ''] : []),
    ...listSection('Outside the hunks of this patch:', items('introduced')),
    ...listSection('Already there before this patch:', items('unchanged')),
    ...fixes,
  ];
}

function shownPaths(result: ReviewResult, cwd: string): { shown: ShownPath; tree: (file: string) => string } {
  const root = resolve(cwd, result.tree);
  const tree = (file: string) => relative(root, resolve(cwd, file)).split('\\').join('/');
  return { tree, shown: (file) => (tree(file).startsWith('..') || isAbsolute(tree(file)) ? file : tree(file)) };
}

/** One draft per patch with something to discuss, in series order. */
export function replyDrafts(result: ReviewResult, options: ReplyOptions): ReplyDraft[] {
  const { shown, tree } = shownPaths(result, options.cwd);
  return result.patches
    .filter((r) => discussed(r, options).length > 0)
    .map((r) => {
      const body = bodyOf(result, r, options, shown, tree);
      while (body.length > 0 && body[body.length - 1] === '') body.pop();
      return { patchIndex: r.patch.index, fileName: `${String(r.patch.index).padStart(4, '0')}-re.eml`, headers: headersOf(r), body };
    });
}

/** One draft as a message file (.eml): headers, a blank line, the body. */
export function emlText(draft: ReplyDraft): string {
  return `${draft.headers.map(([, line]) => line).join('\n')}\n\n${draft.body.join('\n')}\n`;
}

/** Every draft in one mbox (mboxrd): what stdout gets, so a mail client can open it. */
export function mboxText(drafts: ReplyDraft[]): string {
  return drafts.map((d) => `From irqlens Mon Sep 17 00:00:00 2001\n${emlText(d).replace(/^(>*From )/gm, '>$1')}`).join('\n');
}
