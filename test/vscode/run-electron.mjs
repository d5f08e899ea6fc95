// Runs the extension-host suite (test/vscode/suite, the same one route C runs in code-server)
// under @vscode/test-electron, on a machine where VS Code can be downloaded:
//   npm install --no-save @vscode/test-electron@2.5.2   (2.5.x: 3.x needs node 22)
//   node scripts/build.mjs && node test/vscode/run-electron.mjs
// VSCODE_VERSION picks the VS Code release (default 1.100.3, the API level the extension targets).
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(join(root, 'package.json'));
let runTests;
try {
  ({ runTests } = require('@vscode/test-electron'));
} catch {
  console.error('run-electron: @vscode/test-electron is not installed; run: npm install --no-save @vscode/test-electron@2.5.2');
  process.exit(2);
}
const dir = mkdtempSync(join(tmpdir(), 'irqlens-electron-'));
const workspace = join(dir, 'workspace');
cpSync(join(root, 'test', 'vscode', 'workspace'), workspace, { recursive: true });
const results = join(dir, 'results.json');
let code = 0;
try {
  await runTests({
    version: process.env.VSCODE_VERSION ?? '1.100.3',
    extensionDevelopmentPath: root,
    extensionTestsPath: join(root, 'out', 'test', 'vscode', 'suite', 'index.js'),
    launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome'],
    extensionTestsEnv: { IRQLENS_TEST_RESULTS: results },
  });
} catch (e) {
  console.error(`run-electron: ${e instanceof Error ? e.message : String(e)}`);
  code = 1;
}
try {
  console.log(JSON.parse(readFileSync(results, 'utf8')).summary);
} catch {
  console.error('run-electron: the suite wrote no results');
  code = 1;
}
rmSync(dir, { recursive: true, force: true });
process.exit(code);
