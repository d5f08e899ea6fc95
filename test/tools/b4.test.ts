// b4 for real: Debian's b4 (0.12) turns a local mbox of a v2 series (cover letter, review replies)
// into the .mbx a maintainer applies, with the Reviewed-by trailers collected and Fixes kept;
// `irqlens review --mbox` reads that file and drafts the replies. No network: `b4 am -m FILE`,
// and HOME, XDG and git configuration point into a temporary directory.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import PostalMime from 'postal-mime';
import { main } from '../../src/cli/main';
import { splitMbox } from '../../src/review/mbox';

const fixture = join(__dirname, '..', '..', '..', 'test', 'fixtures', 'review-mail');

function isolatedEnv(home: string): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: home,
    LANG: 'C.UTF-8',
    XDG_CONFIG_HOME: join(home, '.config'),
    XDG_CACHE_HOME: join(home, '.cache'),
    XDG_DATA_HOME: join(home, '.local', 'share'),
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: '/dev/null',
    // b4 am reads user.name and user.email from git even when it adds no Signed-off-by.
    GIT_CONFIG_COUNT: '2',
    GIT_CONFIG_KEY_0: 'user.name',
    GIT_CONFIG_VALUE_0: 'IRQ Lens Test',
    GIT_CONFIG_KEY_1: 'user.email',
    GIT_CONFIG_VALUE_1: 'test@example.org',
  };
}

async function review(mbx: string): Promise<{ code: number; out: string }> {
  let out = '';
  const code = await main(['review', '--tree', join(fixture, 'tree'), '--mbox', mbx, '--format', 'mail'], {
    stdout: (t) => void (out += t),
    stderr: () => undefined,
    cwd: fixture,
    interactive: false,
  });
  return { code, out };
}

function b4Version(): string {
  try {
    return execFileSync('b4', ['--version'], { encoding: 'utf8' }).trim();
  } catch {
    throw new Error("b4 is not installed: run bash scripts/setup-review-tools.sh (the README's test command does)");
  }
}

test("b4 is at least 0.12 (Debian bookworm's, whose am flags this suite uses)", () => {
  const [major, minor] = b4Version().split('.').map(Number);
  assert.ok(major > 0 || minor >= 12, `b4 ${b4Version()}`);
});

test('b4 am -m on a local v2 series: trailers collected, and the .mbx reviewed into the exact replies', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'irqlens-b4-'));
  try {
    const home = join(dir, 'home');
    mkdirSync(home);
    mkdirSync(join(dir, 'out')); // b4 0.12 writes into -o DIR but does not create it
    // -t applies the cover letter's Reviewed-by to every patch; -C skips b4's cache; --no-cover: the .mbx only.
    execFileSync('b4', ['am', '-m', join(fixture, 'series-v2.mbox'), '-o', join(dir, 'out'), '-n', 'qux', '-t', '-C', '--no-cover'], {
      cwd: dir,
      env: isolatedEnv(home),
      stdio: 'pipe',
    });
    assert.deepEqual(readdirSync(join(dir, 'out')), ['qux.mbx']);
    const mbx = readFileSync(join(dir, 'out', 'qux.mbx'), 'utf8');
    const trailers = (n: number) =>
      splitMbox(mbx)
        [n].text.split('\n')
        .filter((l) => /^(Fixes|Signed-off-by|Reviewed-by): /.test(l));
    assert.deepEqual(trailers(0), [
      'Fixes: 1234567890ab ("qux: add the event interrupt")',
      'Signed-off-by: Ada Dev <ada@example.org>',
      'Reviewed-by: Bjorn Reviewer <br@example.org>',
      'Reviewed-by: Marc Irq <marc@example.org>',
    ]);
    assert.deepEqual(trailers(1), ['Signed-off-by: Ada Dev <ada@example.org>', 'Reviewed-by: Marc Irq <marc@example.org>']);
    const r = await review(join(dir, 'out', 'qux.mbx'));
    assert.equal(r.code, 1);
    assert.equal(r.out, readFileSync(join(fixture, 'replies-b4.mbox'), 'utf8'));
    const reply = await PostalMime.parse(splitMbox(r.out)[0].text);
    assert.deepEqual([reply.inReplyTo, reply.references], ['<20250603100002.v2.2-ada@example.org>', '<20250603100002.v2.2-ada@example.org>']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
