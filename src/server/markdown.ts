// Markdown helpers for hover text: everything that comes from source is escaped, so a macro
// named `__foo_*` or a comment with `<b>` renders as text.

// Only what changes rendering inline: emphasis, code, links, tables, HTML.
const special = /[\\`*_[\]|<>]/g;

export function escapeMarkdown(text: string): string {
  return text.replace(special, (c) => `\\${c}`);
}

/** Inline code that survives backticks inside the text. */
export function code(text: string): string {
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}
