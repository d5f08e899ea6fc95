// Extension test entry point with @vscode/test-electron's contract: VS Code loads this module
// (extensionTestsPath) in the real extension host and awaits run(). Runs every *.itest.js here
// with mocha; if IRQLENS_TEST_RESULTS is set (inherited from code-server's environment), writes
// the passed and failed titles there as JSON for the node:test wrapper.
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Mocha from 'mocha';

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'tdd', color: false, timeout: 30_000, reporter: 'spec' });
  for (const f of readdirSync(__dirname)
    .filter((n) => n.endsWith('.itest.js'))
    .sort())
    mocha.addFile(join(__dirname, f));
  const results: { passes: string[]; failures: { title: string; error: string }[] } = { passes: [], failures: [] };
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      const summary = `${results.passes.length} passed, ${results.failures.length} failed`;
      console.log(summary);
      const out = process.env.IRQLENS_TEST_RESULTS;
      if (out) writeFileSync(out, JSON.stringify({ ...results, summary }, null, 2));
      if (failures > 0) reject(new Error(`${failures} tests failed.`));
      else resolve();
    });
    runner.on('pass', (t) => results.passes.push(t.fullTitle()));
    runner.on('fail', (t, err: unknown) =>
      results.failures.push({ title: t.fullTitle(), error: err instanceof Error ? (err.stack ?? err.message) : String(err) }),
    );
  });
}
