// `git rebase -x 'irqlens review --git HEAD~1..HEAD --fail-on error' BASE` in a temporary
// repository: every commit is reviewed as it is replayed, and the rebase stops at the first one
// that introduces an error, with the finding on the terminal. A clean series runs through.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(__dirname, '..', '..', '..');
const fixture = join(root, 'test', 'fixtures', 'review-mail');
const exec = 'irqlens review --git HEAD~1..HEAD --fail-on error';

function repoEnv(dir: string): NodeJS.ProcessEnv {
  return {
    PATH: `${join(dir, 'bin')}:${process.env.PATH ?? ''}`,
    HOME: join(dir, 'home'),
    LANG: 'C.UTF-8',
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_EDITOR: 'true',
    GIT_AUTHOR_NAME: 'Ada Dev',
    GIT_AUTHOR_EMAIL: 'ada@example.org',
    GIT_COMMITTER_NAME: 'Ada Dev',
    GIT_COMMITTER_EMAIL: 'ada@example.org',
    GIT_AUTHOR_DATE: '2025-06-03T10:00:00Z',
    GIT_COMMITTER_DATE: '2025-06-03T10:00:00Z',
  };
}

/** A repository holding the fixture tree, then three commits: a fix, an error, a harmless one. */
function makeRepo(dir: string): { git: (...args: string[]) => string; commits: string[] } {
  const repo = join(dir, 'repo');
  cpSync(join(fixture, 'tree'), repo, { recursive: true });
  mkdirSync(join(dir, 'bin'));
  mkdirSync(join(dir, 'home'));
  // `irqlens` on PATH, as an installed one would be.
  writeFileSync(join(dir, 'bin', 'irqlens'), `#!/bin/sh\nexec "${process.execPath}" "${join(root, 'bin', 'irqlens.js')}" "$@"\n`, { mode: 0o755 });
  const env = repoEnv(dir);
  const git = (...args: string[]) => execFileSync('git', args, { cwd: repo, env, encoding: 'utf8' });
  const file = join(repo, 'drivers', 'misc', 'qux', 'qux.c');
  const edit = (from: string, to: string, message: string) => {
    writeFileSync(file, readFileSync(file, 'utf8').replace(from, to));
    git('commit', '-qam', message);
    return git('rev-parse', 'HEAD').trim();
  };
  git('init', '-q', '-b', 'main');
  git('add', '-A');
  git('commit', '-qm', 'base');
  const commits = [
    edit('pci_irq_vector(pdev, 6)', 'pci_irq_vector(pdev, 3)', 'qux: look up vector 3, not 6'),
    edit(
      '\t\treturn ret;\n\tret = pci_irq_vector',
      '\t\treturn ret;\n\tret = pci_enable_msi(pdev);\n\tif (ret)\n\t\treturn ret;\n\tret = pci_irq_vector',
      'qux: enable MSI for link events',
    ),
    edit('.name = "qux",', '.name = "qux-pci",', 'qux: rename the driver'),
  ];
  return { git, commits };
}

function rebase(dir: string, onto: string) {
  return spawnSync('git', ['rebase', '-x', exec, onto], { cwd: join(dir, 'repo'), env: repoEnv(dir), encoding: 'utf8' });
}

test('git rebase -x stops at the commit that introduces an error, with the finding on the terminal', () => {
  const dir = mkdtempSync(join(tmpdir(), 'irqlens-rebase-'));
  try {
    const { git, commits } = makeRepo(dir);
    const r = rebase(dir, 'HEAD~3');
    assert.notEqual(r.status, 0);
    const layout = '[per-domain layout, MSI_MAX_DEVICE_IRQDOMAINS = 1]';
    assert.equal(
      r.stdout,
      [
        '[1/1] qux: look up vector 3, not 6 (git:HEAD~1..HEAD)',
        'Fixes:',
        `  drivers/misc/qux/qux.c:13: error: pci_irq_vector() on 'pdev': index 6 has no associated descriptor in domain 0 (-EINVAL) ${layout} [msi/vector-unallocated]`,
        '[1/1] qux: enable MSI for link events (git:HEAD~1..HEAD)',
        'Introduces:',
        `  drivers/misc/qux/qux.c:13: error: pci_enable_msi() on 'pdev': can't enable MSI (MSI-X already enabled) (-EINVAL); MSI-X was enabled by pci_alloc_irq_vectors() at qux.c:10 ${layout} [msi/msi-msix-exclusive]`,
        `  drivers/misc/qux/qux.c:15: error: pci_alloc_irq_vectors() at qux.c:10 leaves indices 0..3 allocated on 'pdev' when qux_probe() fails at the return on line 15; no pci_free_irq_vectors() on that path; msi_device_data_release() WARNs at detach and the next probe's enable fails ${layout} [msi/leak]`,
        '',
      ].join('\n'),
    );
    assert.doesNotMatch(r.stdout, /rename the driver/, 'the third commit is not reached');
    assert.match(r.stderr, /execution failed: irqlens review --git HEAD~1\.\.HEAD --fail-on error/i);
    assert.doesNotMatch(r.stderr, /note: the working copy/, 'HEAD is the end of the range');
    assert.equal(git('rev-parse', 'HEAD').trim(), commits[1], 'stopped on the commit that introduced the error');
    assert.ok(existsSync(join(dir, 'repo', '.git', 'rebase-merge')), 'the rebase waits for a fix');
    git('rebase', '--abort');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('git rebase -x runs through a series that introduces no error', () => {
  const dir = mkdtempSync(join(tmpdir(), 'irqlens-rebase-clean-'));
  try {
    const { git, commits } = makeRepo(dir);
    git('reset', '-q', '--hard', commits[0]);
    const r = rebase(dir, 'HEAD~1');
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^\[1\/1\] qux: look up vector 3, not 6 \(git:HEAD~1\.\.HEAD\)\nFixes:\n/);
    assert.equal(git('rev-parse', 'HEAD').trim(), commits[0]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
