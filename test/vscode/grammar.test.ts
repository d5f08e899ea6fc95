// The injection grammars under VS Code's own TextMate engine (vscode-textmate + vscode-oniguruma
// from the installed code-server) with VS Code's built-in C and diff grammars: API calls get the
// accent scope inside C code and inside a patch's added and removed lines, and nowhere else.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { csDir, repoRoot } from './code-server';

const vs = join(csDir, 'node_modules', 'code-server', 'lib', 'vscode');

interface Token {
  startIndex: number;
  endIndex: number;
  scopes: string[];
}
interface Grammar {
  tokenizeLine(line: string, stack: unknown): { tokens: Token[]; ruleStack: unknown };
}
interface Textmate {
  INITIAL: unknown;
  Registry: new (options: {
    onigLib: Promise<unknown>;
    loadGrammar(scope: string): Promise<unknown>;
    getInjections(scope: string): string[];
  }) => { loadGrammar(scope: string): Promise<Grammar | null> };
  parseRawGrammar(content: string, path: string): unknown;
}
interface Oniguruma {
  loadWASM(data: ArrayBuffer | Uint8Array): Promise<void>;
  OnigScanner: new (patterns: string[]) => unknown;
  OnigString: new (s: string) => unknown;
}

const grammarFiles: Record<string, string> = {
  'source.c': join(vs, 'extensions', 'cpp', 'syntaxes', 'c.tmLanguage.json'),
  'source.diff': join(vs, 'extensions', 'diff', 'syntaxes', 'diff.tmLanguage.json'),
  'irqlens.msi-api.c.injection': join(repoRoot, 'syntaxes', 'msi-api-c.injection.tmLanguage.json'),
  'irqlens.msi-api.diff.injection': join(repoRoot, 'syntaxes', 'msi-api-diff.injection.tmLanguage.json'),
};
const injections: Record<string, string[]> = { 'source.c': ['irqlens.msi-api.c.injection'], 'source.diff': ['irqlens.msi-api.diff.injection'] };

async function grammar(scope: string): Promise<Grammar> {
  assert.ok(existsSync(vs), `code-server is not installed at ${csDir}: run bash test/vscode/setup.sh`);
  const tm = require(join(vs, 'node_modules', 'vscode-textmate')) as Textmate;
  const onig = require(join(vs, 'node_modules', 'vscode-oniguruma')) as Oniguruma;
  const wasm = readFileSync(join(vs, 'node_modules', 'vscode-oniguruma', 'release', 'onig.wasm'));
  const onigLib = onig
    .loadWASM(wasm)
    .then(() => ({ createOnigScanner: (p: string[]) => new onig.OnigScanner(p), createOnigString: (s: string) => new onig.OnigString(s) }));
  const registry = new tm.Registry({
    onigLib,
    loadGrammar: async (s) => {
      const file = grammarFiles[s];
      return file ? tm.parseRawGrammar(readFileSync(file, 'utf8'), file) : null;
    },
    getInjections: (s) => injections[s] ?? [],
  });
  const g = await registry.loadGrammar(scope);
  assert.ok(g);
  return g;
}

/** [text, innermost scope] of every token of each line. */
function tokens(g: Grammar, text: string): [string, string][][] {
  let stack: unknown = (require(join(vs, 'node_modules', 'vscode-textmate')) as Textmate).INITIAL;
  return text.split('\n').map((line) => {
    const r = g.tokenizeLine(line, stack);
    stack = r.ruleStack;
    return r.tokens.map((t): [string, string] => [line.slice(t.startIndex, t.endIndex), t.scopes[t.scopes.length - 1] ?? '']);
  });
}

function scopeOf(lines: [string, string][][], word: string): string[] {
  return lines
    .flat()
    .filter(([text]) => text === word)
    .map(([, scope]) => scope);
}

test('C: API calls and constants are accented; comments, strings and look-alikes are not', async () => {
  const lines = tokens(
    await grammar('source.c'),
    [
      'static int probe(struct pci_dev *pdev)',
      '{',
      '\tint ret = pci_alloc_irq_vectors(pdev, 1, 8, PCI_IRQ_MSIX | PCI_IRQ_MSI);',
      '\t/* pci_enable_msi(pdev) in a comment */',
      '\tpr_info("pci_disable_msi(%d)", ret);',
      '\treturn my_pci_irq_vector(pdev, 0) + pci_irq_vector(pdev, 0);',
      '}',
    ].join('\n'),
  );
  assert.deepEqual(scopeOf(lines, 'pci_alloc_irq_vectors'), ['support.function.msi-api.irqlens']);
  assert.deepEqual(scopeOf(lines, 'PCI_IRQ_MSIX'), ['support.constant.msi-api.irqlens']);
  assert.deepEqual(scopeOf(lines, 'pci_irq_vector'), ['support.function.msi-api.irqlens']);
  assert.deepEqual(scopeOf(lines, 'my_pci_irq_vector'), ['entity.name.function.c']);
  assert.equal(
    lines[3]?.some(([, s]) => s.includes('irqlens')),
    false,
    'not inside a comment',
  );
  assert.equal(
    lines[4]?.some(([, s]) => s.includes('irqlens')),
    false,
    'not inside a string',
  );
});

test('diff: calls in added and removed lines are accented and keep the diff scopes; headers stay headers', async () => {
  const g = await grammar('source.diff');
  const text = [
    'Signed-off-by: A Developer <a@example.invalid>',
    '--- a/drivers/foo/foo.c',
    '+++ b/drivers/foo/foo.c',
    '@@ -1,3 +1,3 @@',
    '-\tret = pci_enable_msi(pdev);',
    '+\tret = pci_alloc_irq_vectors(pdev, 1, 1, PCI_IRQ_MSI);',
    ' \treturn ret;',
  ].join('\n');
  let stack: unknown = (require(join(vs, 'node_modules', 'vscode-textmate')) as Textmate).INITIAL;
  const full = text.split('\n').map((line) => {
    const r = g.tokenizeLine(line, stack);
    stack = r.ruleStack;
    return r.tokens.map((t) => ({ text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes }));
  });
  const find = (line: number, word: string): string[] => full[line]?.find((t) => t.text === word)?.scopes ?? [];
  assert.deepEqual(find(4, 'pci_enable_msi'), ['source.diff', 'markup.deleted.diff', 'support.function.msi-api.irqlens']);
  assert.deepEqual(find(5, 'pci_alloc_irq_vectors'), ['source.diff', 'markup.inserted.diff', 'support.function.msi-api.irqlens']);
  assert.deepEqual(find(5, 'PCI_IRQ_MSI'), ['source.diff', 'markup.inserted.diff', 'support.constant.msi-api.irqlens']);
  assert.deepEqual(find(0, 'Signed-off-by:'), ['source.diff', 'keyword.other.trailer.irqlens']);
  assert.equal(
    full[1]?.some((t) => t.scopes.includes('markup.deleted.diff')),
    false,
    '--- is a header',
  );
  assert.equal(
    full[2]?.some((t) => t.scopes.includes('markup.inserted.diff')),
    false,
    '+++ is a header',
  );
});
