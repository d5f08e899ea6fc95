// A real Helix (Debian's hx 25.01, in a tmux terminal) with the configuration docs/editors.md gives
// starts `irqlens lsp --stdio` on the Neovim suite's fixture driver: the gutter and the diagnostics
// picker show the server's findings, the hover answers, a code action fixes the loop bound and the
// warning goes away, and a server command answers. test/helix/setup.sh installs tmux and Helix; nothing here skips when they are
// missing, so a lost install step cannot pass.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';

const repoRoot = resolve(__dirname, '..', '..', '..');
const cli = join(repoRoot, 'dist', 'cli.js');
const hxDir = process.env.IRQLENS_HELIX_DIR ?? join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'irqlens-test', 'helix');
const hx = join(hxDir, 'bin', 'hx');

/** The `languages.toml` block of docs/editors.md's Helix section: the test runs what the docs say. */
function documentedConfig(): string {
  const doc = readFileSync(join(repoRoot, 'docs', 'editors.md'), 'utf8');
  const section = doc.slice(doc.indexOf('## Helix'));
  const block = /```toml\n([\s\S]*?)```/.exec(section);
  assert.ok(block, 'docs/editors.md: no toml block in the Helix section');
  return block[1]!;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

class Terminal {
  constructor(
    private readonly socket: string,
    private readonly env: NodeJS.ProcessEnv,
  ) {}

  tmux(...args: string[]): { status: number | null; stdout: string; stderr: string } {
    return spawnSync('tmux', ['-S', this.socket, ...args], { encoding: 'utf8', env: this.env });
  }

  screen(): string[] {
    return this.tmux('capture-pane', '-p', '-t', 'hx')
      .stdout.split('\n')
      .map((l) => l.trimEnd());
  }

  keys(...keys: string[]): void {
    this.tmux('send-keys', '-t', 'hx', ...keys);
  }

  type(text: string): void {
    this.tmux('send-keys', '-t', 'hx', '-l', text);
  }

  async waitFor<T>(what: string, probe: (lines: string[]) => T | undefined, ms = 30_000): Promise<T> {
    const end = Date.now() + ms;
    for (;;) {
      const lines = this.screen();
      const found = probe(lines);
      if (found !== undefined) return found;
      if (Date.now() > end) assert.fail(`Helix: timed out waiting for ${what}; the screen was:\n${lines.join('\n')}`);
      await sleep(100);
    }
  }

  /** Escape, then wait until `open` no longer holds: a key sent right after an Escape can reach
   *  Helix in the same read and be taken as Alt+key. */
  async escape(what: string, open: (lines: string[]) => boolean): Promise<void> {
    this.keys('Escape');
    await this.waitFor(`${what} to close`, (s) => (open(s) ? undefined : true));
  }

  alive(): boolean {
    return this.tmux('has-session', '-t', 'hx').status === 0;
  }
}

/** Editor lines marked in the gutter with a diagnostic dot. */
function markedLines(lines: string[]): number[] {
  return lines.flatMap((l) => /^●\s+(\d+)\s/.exec(l)?.[1] ?? []).map(Number);
}

/** The diagnostics picker's rows as "SEVERITY code". */
function pickerRows(lines: string[]): string[] | undefined {
  if (!lines.some((l) => /severity\s+code\s+message/.test(l))) return undefined;
  return lines.flatMap((l) => /\b(ERROR|WARN|INFO|HINT)\s+(msi\/[\w-]+)/.exec(l)?.slice(1, 3).join(' ') ?? []);
}

interface RpcMessage {
  id?: number;
  method?: string;
  params?: { command?: string };
  result?: unknown;
}

/** The server's answer to the first request Helix sent that matches, from Helix's -v log of the traffic. */
function answerTo(log: string, sent: (m: RpcMessage) => boolean): { result: unknown } | undefined {
  const messages = readFileSync(log, 'utf8')
    .split('\n')
    .flatMap((l) => {
      const m = / irqlens (->|<-) (\{.*\})$/.exec(l);
      return m ? [{ out: m[1] === '->', msg: JSON.parse(m[2]!) as RpcMessage }] : [];
    });
  const request = messages.find((m) => m.out && m.msg.id !== undefined && sent(m.msg));
  const answer = request && messages.find((m) => !m.out && m.msg.id === request.msg.id && !m.msg.method && 'result' in m.msg);
  return answer && { result: answer.msg.result };
}

test('Helix with the documented languages.toml: diagnostics, hover, a code action and the edit it makes', { timeout: 120_000 }, async () => {
  assert.ok(existsSync(hx), `${hx} is missing: test/helix/setup.sh installs Helix`);
  const work = mkdtempSync(join(tmpdir(), 'irqlens-helix-'));
  const home = join(work, 'home');
  const project = join(work, 'hdrv');
  const bin = join(work, 'bin');
  const log = join(work, 'helix.log');
  cpSync(join(repoRoot, 'test', 'nvim', 'fixtures', 'hdrv'), project, { recursive: true });
  spawnSync('git', ['init', '-q'], { cwd: project }); // the workspace root Helix gives the server
  mkdirSync(join(home, '.config', 'helix'), { recursive: true });
  writeFileSync(join(home, '.config', 'helix', 'languages.toml'), documentedConfig());
  mkdirSync(bin);
  // The documented `command = "irqlens"`, found on PATH as an installed irqlens would be.
  writeFileSync(join(bin, 'irqlens'), `#!/bin/sh\nexec ${JSON.stringify(process.execPath)} ${JSON.stringify(cli)} "$@"\n`);
  chmodSync(join(bin, 'irqlens'), 0o755);
  const conf = join(work, 'tmux.conf');
  writeFileSync(conf, 'set -s escape-time 0\n'); // tmux itself must not hold an Escape back
  const env = {
    ...process.env,
    HOME: home,
    XDG_CONFIG_HOME: join(home, '.config'),
    XDG_CACHE_HOME: join(home, '.cache'),
    PATH: `${bin}${delimiter}${process.env.PATH ?? ''}`,
    TERM: 'xterm-256color',
  };
  const term = new Terminal(join(work, 'tmux.sock'), env);
  try {
    const started = term.tmux('-f', conf, 'new-session', '-d', '-s', 'hx', '-x', '160', '-y', '45', '-c', project, `${hx} -v --log ${log} hdrv_main.c`);
    assert.equal(started.status, 0, `tmux could not start (test/helix/setup.sh installs it): ${started.stderr}`);

    // Diagnostics: the gutter dots, then the picker (space d) with severity and rule.
    assert.deepEqual(await term.waitFor('the diagnostics in the gutter', (s) => (markedLines(s).length === 2 ? markedLines(s) : undefined)), [24, 29]);
    term.keys('Space', 'd');
    assert.deepEqual(await term.waitFor('the diagnostics picker', pickerRows), ['ERROR msi/index-conflict', 'WARN msi/index-from-requested']);
    await term.escape('the diagnostics picker', (s) => pickerRows(s) !== undefined);

    // Hover (space k) on the first pci_alloc_irq_vectors call.
    term.keys('g', 'g');
    term.type('/pci_alloc_irq_vectors');
    term.keys('Enter', 'Space', 'k');
    const hover = await term.waitFor('the hover', (s) => (s.some((l) => l.includes('Allocates 0 (definite)')) ? s : undefined));
    assert.ok(
      hover.some((l) => l.endsWith('pci_alloc_irq_vectors(pdev, 1, HDRV_QUEUES, PCI_IRQ_MSIX) — alloc, all eras')),
      hover.join('\n'),
    );
    assert.ok(
      hover.some((l) => l.includes('- max: HDRV_QUEUES = 4 ← HDRV_QUEUES -> 4')),
      hover.join('\n'),
    );
    assert.ok(
      hover.some((l) => l.endsWith('Allocates 0 (definite), 1..3 (possible) in domain 0 (MSI_DEFAULT_DOMAIN), per-domain layout (6.12-like per-domain')),
      hover.join('\n'),
    );
    await term.escape('the hover', (s) => s.some((l) => l.includes('Allocates 0 (definite)')));

    // Code actions (space a) on pci_irq_vector in the loop; the first bounds the loop by nvec.
    term.keys('g', 'g');
    term.type('/pci_irq_vector');
    term.keys('Enter', 'Space', 'a');
    const menu = await term.waitFor('the code action menu', (s) => {
      const items = s.flatMap((l) => /\s{2,}(Bound the loop by the allocated count: i < nvec|Show in MSI map)$/.exec(l)?.[1] ?? []);
      return items.length === 2 ? items : undefined;
    });
    assert.deepEqual(menu, ['Bound the loop by the allocated count: i < nvec', 'Show in MSI map']);
    term.keys('Enter');
    await term.waitFor('the edit', (s) => (s.some((l) => /^\s+23\s+for \(i = 0; i < nvec; i\+\+\) \{$/.test(l)) ? true : undefined));
    assert.deepEqual(await term.waitFor('the warning to go', (s) => (markedLines(s).length === 1 ? markedLines(s) : undefined)), [29]);
    term.keys('Space', 'd');
    assert.deepEqual(
      await term.waitFor('the diagnostics picker after the edit', (s) => {
        const rows = pickerRows(s);
        return rows?.length === 1 ? rows : undefined;
      }),
      ['ERROR msi/index-conflict'],
    );
    await term.escape('the diagnostics picker', (s) => pickerRows(s) !== undefined);

    // A server command, as docs/editors.md says: Helix sends it, the server answers with its devices.
    term.type(':lsp-workspace-command irqlens.server.devices');
    term.keys('Enter');
    const devices = await term.waitFor("the devices command's answer", () =>
      answerTo(log, (m) => m.method === 'workspace/executeCommand' && m.params?.command === 'irqlens.server.devices'),
    );
    assert.deepEqual(devices.result, [{ key: 'hdrv_main.c:pdev', label: 'pdev', class: 'pci', files: ['hdrv_main.c'] }]);

    // Debian's hx ships without tree-sitter grammars (Helix logs each one it misses); any other error
    // counts. Read before quitting: Helix logs the server's stderr closing if it sees it before it exits.
    const errors = readFileSync(log, 'utf8')
      .split('\n')
      .filter((l) => l.includes('[ERROR]') && !/helix_core::syntax \[ERROR\] Failed to load tree-sitter parser/.test(l));
    assert.deepEqual(errors, []);

    term.type(':q!');
    term.keys('Enter');
    await term.waitFor('Helix to exit', () => (term.alive() ? undefined : true), 10_000);
    assert.deepEqual(
      answerTo(log, (m) => m.method === 'shutdown'),
      { result: null },
    );
  } finally {
    term.tmux('kill-server');
    rmSync(work, { recursive: true, force: true });
  }
});
