// Runs the fuzz suite (test/fuzz) with a longer budget or another seed than the test command's:
//   npm run fuzz -- --seconds N --seed S [--verbose]
// It builds first, then runs out/test/fuzz/*.test.js with IRQLENS_FUZZ_SECONDS and
// IRQLENS_FUZZ_SEED set. Each face prints "fuzz FACE: N inputs (seed S), 0 crashes, 0 hangs, 0 silent skips".
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({ options: { seconds: { type: 'string' }, seed: { type: 'string' }, verbose: { type: 'boolean' } } });
const env = { ...process.env, IRQLENS_FUZZ_VERBOSE: '1' };
if (values.seconds !== undefined) env.IRQLENS_FUZZ_SECONDS = values.seconds;
if (values.seed !== undefined) env.IRQLENS_FUZZ_SEED = values.seed;

const build = spawnSync('node', ['scripts/build.mjs'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);
const dir = join(root, 'out', 'test', 'fuzz');
const files = readdirSync(dir)
  .filter((n) => n.endsWith('.test.js'))
  .sort()
  .map((n) => join(dir, n));
const run = spawnSync('node', ['--test', '--test-concurrency=2', ...(values.verbose ? ['--test-reporter=spec'] : []), ...files], {
  cwd: root,
  stdio: 'inherit',
  env,
});
process.exit(run.status ?? 1);
