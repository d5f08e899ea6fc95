// examples/ has exactly one deliberate conflict (examples/README.md): check must report it alone.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { checkPaths } from '../../src/engine/check-paths';

const repo = [join(__dirname, '..', '..', '..'), process.cwd()].find((d) => existsSync(join(d, 'examples', 'README.md')))!;

test('irqlens check examples/ reports exactly the lensdma.c conflict', async () => {
  const { findings } = await checkPaths(['examples'], { cwd: repo, layout: 'auto', jobs: 0 });
  assert.deepEqual(
    findings.map((f) => `${f.file}:${f.range.line}:${f.range.column} ${f.severity} ${f.code}`),
    ['examples/lensdma.c:35:17 error msi/index-conflict'],
  );
  assert.deepEqual(
    findings[0]!.related.map((r) => `${r.file}:${r.range.line}:${r.range.column}`),
    ['examples/lensdma.c:28:8'],
  );
  assert.match(findings[0]!.message, /index 2/);
  assert.match(findings[0]!.message, /-EBUSY/);
});
