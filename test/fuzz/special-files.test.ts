// Fuzz face 6: special files where every reader expects a text file: a FIFO, a socket, a device,
// a directory, dangling and looping symbolic links, a link out of the tree, an empty file, NUL
// bytes, a sparse 100 MB file. Each command runs in a child with a deadline: none may hang, crash
// (status 70, "internal error") or skip the file without naming it.
import { test } from 'node:test';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Tally } from './budget';

const cli = join(__dirname, '..', '..', '..', 'dist', 'cli.js');

/** Makes one special file of each kind under `dir` with the given extension; returns their names. */
async function specials(dir: string, ext: string, servers: Server[]): Promise<string[]> {
  const made: string[] = [];
  const add = (kind: string, make: (p: string) => void) => {
    const name = `${kind}${ext}`;
    make(join(dir, name));
    made.push(name);
  };
  add('fifo', (p) => spawnSync('mkfifo', [p]));
  add('device', (p) => symlinkSync('/dev/zero', p));
  add('dir', (p) => mkdirSync(p));
  add('dangling', (p) => symlinkSync('nowhere', p));
  add('loop', (p) => symlinkSync(p, p));
  add('outside', (p) => symlinkSync('/etc/hostname', p));
  add('empty', (p) => writeFileSync(p, ''));
  add('nul', (p) => writeFileSync(p, Buffer.alloc(64)));
  add('sparse', (p) => (writeFileSync(p, ''), truncateSync(p, 100 * 1024 * 1024)));
  const sock = join(dir, `socket${ext}`);
  await new Promise<void>((resolve) => {
    const server = createServer().listen(sock, () => resolve());
    servers.push(server);
  });
  made.push(`socket${ext}`);
  return made;
}

function run(args: string[], cwd: string) {
  return spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8', timeout: 30_000 });
}

test('fuzz special files: check, topology and review never hang, crash or skip one in silence', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'irqlens-fuzz-special-'));
  const servers: Server[] = [];
  t.after(() => {
    for (const s of servers) s.close();
    rmSync(dir, { recursive: true, force: true });
  });
  mkdirSync(join(dir, 'tree/drivers/foo'), { recursive: true });
  writeFileSync(join(dir, 'tree/drivers/foo/a.c'), '#include <linux/pci.h>\n');
  const cNames = await specials(join(dir, 'tree/drivers/foo'), '.c', servers);
  const patchNames = await specials(dir, '.patch', servers);
  const jsonNames = await specials(dir, '.json', servers);
  const tally = new Tally('special files', t);
  const judge = (what: string, r: ReturnType<typeof run>, names: string[]) => {
    tally.count();
    if (r.error) return void tally.hangs.push(`${what}: ${r.error.message}`);
    if (r.status === 70 || /internal error/.test(`${r.stdout}${r.stderr}`)) return void tally.crashes.push(`${what}: ${r.stderr.slice(0, 400)}`);
    for (const n of names) if (!r.stderr.includes(n)) tally.silent(`${what}: ${n} not named (status ${r.status}): ${r.stderr.slice(0, 300)}`);
  };
  // check lists them all in one run; the empty file has nothing to say, the others must be named.
  judge(
    'check',
    run(['check', 'tree', '--jobs', '0'], dir),
    cNames.filter((n) => !/^(empty|dir)\./.test(n)),
  );
  judge('topology', run(['topology', ...jsonNames], dir), jsonNames);
  for (const n of patchNames) judge(`review --patch ${n}`, run(['review', '--tree', 'tree', '--patch', n], dir), [n]);
  // --mbox reads through the same reader: the kinds that block or stream are enough there.
  for (const n of patchNames.filter((x) => /^(fifo|socket|device|sparse)\./.test(x)))
    judge(`review --mbox ${n}`, run(['review', '--tree', 'tree', '--mbox', n], dir), [n]);
  tally.report(t);
});
