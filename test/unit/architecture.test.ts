// The architecture invariants of docs/architecture.md, checked on every test run: every import of
// src/** (static, `export … from` and dynamic, type-only ones included) is read, and the test
// fails on an arrow the layering forbids or on any import cycle between files.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import test from 'node:test';

const repo = join(__dirname, '..', '..', '..');
const src = join(repo, 'src');

/** What each folder of src/ may import from src/ (besides itself). Read bottom-up. */
const mayImport: Record<string, readonly string[]> = {
  vocabulary: [],
  parse: ['vocabulary'],
  facts: ['vocabulary', 'parse'],
  workspace: ['vocabulary', 'facts'],
  topology: ['vocabulary', 'facts', 'workspace'],
  model: ['vocabulary', 'facts', 'workspace', 'topology'],
  check: ['vocabulary', 'facts', 'topology', 'model'],
  engine: ['vocabulary', 'parse', 'facts', 'workspace', 'topology', 'model', 'check'],
  review: ['vocabulary', 'facts', 'workspace', 'check', 'engine'],
  protocol: ['vocabulary'],
  server: ['vocabulary', 'facts', 'workspace', 'topology', 'model', 'check', 'engine', 'review', 'protocol'],
  cli: ['vocabulary', 'facts', 'workspace', 'topology', 'model', 'check', 'engine', 'review', 'protocol', 'server'],
  extension: ['protocol'],
  webview: ['protocol'],
};

/** Packages only a face may import: the engine and everything under it imports no editor library. */
const editorPackages: Record<string, readonly string[]> = {
  vscode: ['extension'],
  'vscode-languageclient': ['extension'],
  'vscode-languageserver': ['server'],
  'vscode-languageserver-textdocument': ['server'],
  'vscode-uri': ['server'],
};

/** Folder-level rules that are narrower than the table. */
const fileRules: { from: RegExp; to: RegExp; why: string }[] = [
  {
    from: /^src\/model\/replay\/(walk|walk-interface|walk-paths|walk-skip|liveness|short-circuit)\.ts$/,
    to: /^src\/(check|engine|facts\/catalogue|model\/store|model\/replay\/(interpret|api-ops))\b/,
    why: 'the walker knows no MSI: it walks statements, the interpreter gives them meaning',
  },
  {
    from: /^src\/model\//,
    to: /^src\/vocabulary\/finding\b/,
    why: "the model never names a rule: rule codes, severities and findings are src/check's",
  },
  {
    from: /^src\/(server|review|cli)\//,
    to: /^src\/engine\/(?!index\.ts$)/,
    why: "a face imports only the engine's public surface, src/engine/index.ts",
  },
];

interface Arrow {
  from: string;
  to: string;
}

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return sources(p);
    return p.endsWith('.ts') ? [p] : [];
  });
}

const specifier = /(?:^|[\s;])(?:import|export)\s+(?:type\s+)?(?:[^'";]*?\s+from\s+)?['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)/g;

/** A file's text without its block comments and whole-line `//` comments. */
function withoutComments(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
}

/** Imports of one file: repo-relative .ts paths for relative specifiers, package names otherwise. */
function importsOf(file: string, text: string): Arrow[] {
  const from = relative(repo, file);
  const code = withoutComments(text);
  return [...code.matchAll(specifier)].map((m) => {
    const spec = (m[1] ?? m[2])!;
    if (!spec.startsWith('.')) return { from, to: spec };
    const target = relative(repo, resolve(dirname(file), spec)).replace(/\.js$/, '');
    return { from, to: `${target}.ts` };
  });
}

function folderOf(path: string): string | undefined {
  const parts = path.split('/');
  return parts[0] === 'src' && parts.length > 2 ? parts[1] : undefined;
}

function packageOf(spec: string): string {
  const parts = spec.split('/');
  return spec.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}

/** Every arrow the layering forbids, as "from -> to: why". */
function forbiddenArrows(arrows: Arrow[]): string[] {
  const out: string[] = [];
  for (const a of arrows) {
    const from = folderOf(a.from);
    if (from === undefined) continue;
    const allowed = mayImport[from];
    if (allowed === undefined) {
      out.push(`${a.from}: src/${from} is not in the layering table (docs/architecture.md)`);
      continue;
    }
    const to = folderOf(a.to);
    if (a.to.startsWith('src/')) {
      if (to !== undefined && to !== from && !allowed.includes(to)) out.push(`${a.from} -> ${a.to}: src/${from} may not import src/${to}`);
    } else {
      const faces = editorPackages[packageOf(a.to)];
      if (faces && !faces.includes(from)) out.push(`${a.from} -> ${a.to}: only ${faces.join(', ')} may import an editor library`);
    }
    for (const r of fileRules) if (r.from.test(a.from) && r.to.test(a.to)) out.push(`${a.from} -> ${a.to}: ${r.why}`);
  }
  return out;
}

/** Every import cycle between files, each as its files in order (Tarjan's strongly connected components). */
function importCycles(arrows: Arrow[]): string[][] {
  const next = new Map<string, string[]>();
  for (const a of arrows) if (a.to.startsWith('src/')) next.set(a.from, [...(next.get(a.from) ?? []), a.to]);
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, index.size);
    low.set(v, index.get(v)!);
    stack.push(v);
    onStack.add(v);
    for (const w of next.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) !== index.get(v)) return;
    const component: string[] = [];
    for (let w = stack.pop(); w !== undefined; w = w === v ? undefined : stack.pop()) {
      onStack.delete(w);
      component.push(w);
    }
    const selfLoop = (next.get(v) ?? []).includes(v);
    if (component.length > 1 || selfLoop) cycles.push(component.reverse());
  };
  for (const v of [...next.keys()].sort()) if (!index.has(v)) visit(v);
  return cycles;
}

/** A rule code as a string literal ('msi/…', 'attr/…'), and the vocabulary's rule types. */
const ruleLiteral = /(['"`])((?:msi|attr)\/[^'"`\s]*)/g;
const ruleType = /\b(RuleCode|Severity|Finding|RelatedLocation)\b/g;

/**
 * Where a file of src/model names a rule, as "file: what": the model says what the kernel does
 * (problem kinds, errno, state) and src/check maps that to rules (check/problem-rules.ts). The
 * import arrows catch src/vocabulary/finding; this catches a rule type reached another way and a
 * rule code written as a string.
 */
function ruleNames(path: string, text: string): string[] {
  if (!path.startsWith('src/model/')) return [];
  const code = withoutComments(text);
  return [
    ...[...code.matchAll(ruleLiteral)].map((m) => `${path}: the rule code '${m[2]}'`),
    ...[...code.matchAll(ruleType)].map((m) => `${path}: the rule type ${m[1]}`),
  ];
}

/** The text fields of skeleton statements (an assignment's sides, a call's arguments and result, a switch's subject). */
const statementText = /\.(source|target|subject)\b|\bst\.(args|result)\b/g;

/**
 * Where a file of the replay reads a statement's source text, as "file: what": the replay works
 * on the expression IR (facts/expr.ts) and values, never on text it would have to parse again.
 */
function textReads(path: string, text: string): string[] {
  if (!path.startsWith('src/model/replay/')) return [];
  return [...withoutComments(text).matchAll(statementText)].map((m) => `${path}: reads the statement text ${m[0]}`);
}

const files = sources(src).map((f) => ({ path: relative(repo, f), text: readFileSync(f, 'utf8') }));
const arrows = files.flatMap((f) => importsOf(join(repo, f.path), f.text));

test('architecture: every folder of src/ is in the layering table and imports only what it may', () => {
  assert.ok(arrows.length > 500, `read ${arrows.length} imports: the parser of import lines is broken`);
  assert.deepEqual(forbiddenArrows(arrows), []);
});

test('architecture: the model never names a rule (no rule code, no RuleCode, Severity or Finding)', () => {
  assert.ok(files.filter((f) => f.path.startsWith('src/model/')).length > 50, 'src/model was not read');
  assert.deepEqual(
    files.flatMap((f) => ruleNames(f.path, f.text)),
    [],
  );
});

test('architecture: the replay reads no statement text (assignment sides, call arguments, switch subject): only the IR', () => {
  assert.ok(files.filter((f) => f.path.startsWith('src/model/replay/')).length > 30, 'src/model/replay was not read');
  assert.deepEqual(
    files.flatMap((f) => textReads(f.path, f.text)),
    [],
  );
  assert.deepEqual(
    [
      textReads('src/model/replay/interpret.ts', 'const to = deviceKeyOf(st.source);'),
      textReads('src/model/replay/call-effects.ts', '// st.target in a comment\nunseenCall(cx, s, st.name, frame, st.args);'),
      textReads('src/check/messages.ts', 'const t = st.source;'),
    ],
    [['src/model/replay/interpret.ts: reads the statement text .source'], ['src/model/replay/call-effects.ts: reads the statement text st.args'], []],
  );
});

test('architecture: no import cycle between the files of src/', () => {
  assert.deepEqual(importCycles(arrows), []);
});

test('architecture: the checks themselves catch a forbidden arrow, an editor library below the faces, a deep import of the engine and a cycle', () => {
  const bad: Arrow[] = [
    { from: 'src/model/store/core.ts', to: 'src/check/rules.ts' },
    { from: 'src/engine/engine.ts', to: 'vscode-languageserver/node' },
    { from: 'src/webview/main.ts', to: 'src/vocabulary/snapshot.ts' },
    { from: 'src/model/replay/walk.ts', to: 'src/facts/catalogue.ts' },
    { from: 'src/model/store/outcome.ts', to: 'src/vocabulary/finding.ts' },
    { from: 'src/server/engine-binding.ts', to: 'src/engine/check-tree.ts' },
    { from: 'src/review/default-engine.ts', to: 'src/engine/worker-pool.ts' },
  ];
  assert.equal(forbiddenArrows(bad).length, 7);
  assert.deepEqual(forbiddenArrows([{ from: 'src/server/engine-binding.ts', to: 'src/engine/index.ts' }]), []);
  assert.deepEqual(
    [
      ruleNames('src/model/store/pci-ops.ts', "// names msi/leak in a comment: fine\nproblem(out, 'msi/free-unallocated', 'definite', 'x');"),
      ruleNames('src/model/replay/interpret.ts', "import type { Severity } from '../../vocabulary/x';"),
      ruleNames('src/check/from-events.ts', "const c: RuleCode = 'msi/leak';"),
    ],
    [["src/model/store/pci-ops.ts: the rule code 'msi/free-unallocated'"], ['src/model/replay/interpret.ts: the rule type Severity'], []],
  );
  assert.deepEqual(
    importCycles([
      { from: 'src/a/x.ts', to: 'src/a/y.ts' },
      { from: 'src/a/y.ts', to: 'src/a/x.ts' },
    ]),
    [['src/a/x.ts', 'src/a/y.ts']],
  );
});
