// A finding in the words of a review mail: what the kernel does there (the finding's message),
// the other half of a conflict with its file:line, the rule and where it fires, and what the
// verdict assumed. Wrapped for a 72-column reader; `shown` turns tree files into the patch's paths.
import { rules } from '../check/rules';
import type { Finding } from '../vocabulary/finding';
import { wrap } from './mail-text';

const article: Record<Finding['severity'], string> = { error: 'an error', warning: 'a warning', info: 'a note' };

export type ShownPath = (file: string) => string;

function sentence(text: string): string {
  const t = text.trim();
  return /[.!?]$/.test(t) ? t : `${t}.`;
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

/** Places named in a reply before the rest are counted (a changed header can break every caller). */
const namedPlaces = 5;

/** "a.c:1, b.c:2 and 3 more files" */
export function placesOf(found: Finding[], shown: ShownPath): string {
  const named = found
    .slice(0, namedPlaces)
    .map((f) => `${shown(f.file)}:${f.range.line}`)
    .join(', ');
  const rest = found.length - namedPlaces;
  return rest > 0 ? `${named} and ${rest} more file${rest === 1 ? '' : 's'}` : named;
}

/**
 * The paragraphs under a quoted line. `elsewhere`: the same verdict in files the patch does not
 * touch (a changed header or model broke them), `f` among them; they are named together.
 */
export function findingParagraphs(f: Finding, shown: ShownPath, elsewhere?: Finding[]): string[][] {
  const where = elsewhere ? `each of them` : `${shown(f.file)}:${f.range.line}`;
  const lead = elsewhere ? `This breaks ${placesOf(elsewhere, shown)}, which the patch does not touch: ` : '';
  const paragraphs = [wrap(lead + sentence(f.message))];
  if (f.related.length > 0) paragraphs.push(f.related.flatMap((r) => wrap(`${shown(r.file)}:${r.range.line}: ${r.message}`, 72, '  ')));
  const rule = rules.get(f.code);
  const tag = `${f.code}, ${article[f.severity]} ${elsewhere ? 'in' : 'at'} ${where}`;
  const why = wrap(rule ? `${rule.title} (${tag}): ${lowerFirst(sentence(rule.summary))}` : `(${tag})`);
  if (f.assumptions.length > 0) why.push(...wrap(`Assuming ${f.assumptions.map((a) => a.replace(/\.$/, '')).join('; ')}.`));
  paragraphs.push(why);
  return paragraphs;
}

/** One line (wrapped, indented) for a list of findings: file:line, message, rule. */
export function findingItem(f: Finding, shown: ShownPath, origin = '', places: Finding[] = [f]): string[] {
  return wrap(`${placesOf(places, shown)}: ${sentence(f.message)} (${f.code}${origin})`, 72, '  ');
}
