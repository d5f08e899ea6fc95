// Hover Markdown escaping: text from source (macro names, messages) renders as text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { code, escapeMarkdown } from '../../src/server/markdown';

test('escapeMarkdown neutralises emphasis, links, tables and HTML, and leaves the rest readable', () => {
  assert.equal(escapeMarkdown('__foo_*bar* [x](y) a|b <b>6.12-like (1)</b>'), '\\_\\_foo\\_\\*bar\\* \\[x\\](y) a\\|b \\<b\\>6.12-like (1)\\</b\\>');
});

test('code spans survive backticks inside the text', () => {
  assert.equal(code('MY_NVEC'), '`MY_NVEC`');
  assert.equal(code('a`b'), '``a`b``');
  assert.equal(code('`x'), '`` `x ``');
});
