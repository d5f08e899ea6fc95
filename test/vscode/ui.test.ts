// Route A: the packaged VSIX installed into a real VS Code (code-server 1.100.3), its UI driven
// with playwright-core in headless Chromium: Problems panel, hover, the command palette and the
// MSI map webview (draws the conflict; a click reveals the line). PNG screenshots are saved in
// test-artifacts/screenshots/ (IRQLENS_SCREENSHOTS overrides).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import {
  installExtension,
  launchBrowser,
  missingPrerequisite,
  newRun,
  removeRun,
  repoRoot,
  screenshotDir,
  startCodeServer,
  type Browser,
  type CodeServer,
  type Run,
} from './code-server';

const T = { timeout: 30_000 };
const conflictLine = 34;
let run: Run | undefined;
let server: CodeServer | undefined;
let browser: Browser | undefined;

function page(): Page {
  assert.ok(browser, 'the browser started');
  return browser.page;
}

async function shot(name: string): Promise<void> {
  mkdirSync(screenshotDir, { recursive: true });
  await page().screenshot({ path: join(screenshotDir, `${name}.png`) });
}

async function palette(title: string, pick = title): Promise<void> {
  const p = page();
  const input = p.locator('.quick-input-widget input');
  // F1 can be swallowed while focus is moving into a webview's iframe, and a webview that takes
  // the focus just after closes the palette again: open it and type again.
  for (let i = 0; ; i++) {
    await p.keyboard.press('F1');
    try {
      await input.waitFor({ state: 'visible', timeout: 5000 });
      await input.fill(`>${title}`, { timeout: 5000 });
      break;
    } catch (e) {
      if (i === 2) throw e;
    }
  }
  await p
    .locator('.quick-input-list .monaco-list-row', { hasText: pick })
    .first()
    .waitFor({ state: 'visible', ...T });
  await input.press('Enter');
}

async function openFile(name: string): Promise<void> {
  const p = page();
  const input = p.locator('.quick-input-widget input');
  for (let i = 0; ; i++) {
    await palette('Go to File');
    try {
      await input.fill(name, { timeout: 5000 });
      break;
    } catch (e) {
      if (i === 2) throw e; // the palette closed under a focus change: open it again
    }
  }
  await p
    .locator('.quick-input-list .monaco-list-row', { hasText: name })
    .first()
    .waitFor({ state: 'visible', ...T });
  await input.press('Enter');
  await p.locator('.tab.active', { hasText: name }).waitFor(T);
}

before(async () => {
  const missing = missingPrerequisite();
  assert.equal(missing, undefined, missing);
  run = newRun();
  const vsix = join(run.dir, 'irqlens.vsix');
  execFileSync(
    join(repoRoot, 'node_modules', '.bin', 'vsce'),
    ['package', '--no-dependencies', '--allow-missing-repository', '--no-rewrite-relative-links', '-o', vsix],
    { cwd: repoRoot, stdio: 'pipe', input: 'y\n', timeout: 120_000 },
  );
  installExtension(run, vsix);
  server = await startCodeServer(run);
  browser = await launchBrowser(run);
});

after(async () => {
  await browser?.close();
  await server?.stop();
  if (run) removeRun(run);
});

test('the VSIX holds the server, its worker, the wasm and the webview, and no sources', () => {
  const files = execFileSync(join(repoRoot, 'node_modules', '.bin', 'vsce'), ['ls', '--no-dependencies'], { cwd: repoRoot, encoding: 'utf8', timeout: 60_000 })
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');
  for (const f of [
    'package.json',
    'dist/extension.js',
    'dist/server.js',
    'dist/worker.js',
    'dist/webview.js',
    'dist/tree-sitter-c.wasm',
    'dist/web-tree-sitter.wasm',
    'media/map.css',
    'syntaxes/msi-api-c.injection.tmLanguage.json',
    'schemas/topology.schema.json',
  ]) {
    assert.ok(files.includes(f), `${f} is packaged`);
  }
  assert.deepEqual(
    files.filter((f) => /^(node_modules|src|test|out|bench|scripts)\/|\.map$|\.ts$/.test(f)),
    [],
  );
  // One worker entry scans and checks: the retired check-worker.js and scan-check-worker.js are not left behind.
  assert.deepEqual(
    files.filter((f) => /^dist\/.*worker.*\.js$/.test(f)),
    ['dist/worker.js'],
  );
});

test('the workbench opens the fixture workspace', async () => {
  assert.ok(server && run);
  await page().goto(`${server.url}/?folder=${encodeURIComponent(run.workspace)}`);
  await page().locator('.monaco-workbench').waitFor(T);
  await page().locator('.explorer-folders-view .monaco-list-row', { hasText: 'drivers' }).waitFor(T);
});

test('the Problems panel shows the conflict on the fixture driver', async () => {
  await openFile('foo_main.c');
  await palette('View: Focus Problems');
  const row = page().locator('.markers-panel .monaco-list-row', { hasText: 'already holds a descriptor' });
  await row.first().waitFor(T);
  const text = await page().locator('.markers-panel').innerText();
  assert.match(text, /pci_msix_alloc_irq_at\(\) on 'pdev', domain 0: index 4 of domain 0 already holds a descriptor \(-EBUSY\)/);
  assert.match(text, /msi\/index-conflict/);
  assert.match(text, new RegExp(`\\[Ln ${conflictLine}, Col 16\\]`));
  await shot('1-problems');
});

test('the hover on the call shows the resolved range', async () => {
  await palette('Go to Line/Column');
  await page().locator('.quick-input-widget input').fill(`:${conflictLine}`);
  await page().locator('.quick-input-widget input').press('Enter');
  const word = page()
    .locator('.monaco-editor .view-lines span', { hasText: /^pci_msix_alloc_irq_at$/ })
    .first();
  await word.waitFor(T);
  const hover = page().locator('.monaco-hover:not(.hidden) .monaco-hover-content', { hasText: 'index 4' });
  for (let i = 0; ; i++) {
    await page().mouse.move(0, 0);
    await word.hover();
    try {
      await hover.first().waitFor({ timeout: 5000 });
      break;
    } catch (e) {
      if (i === 2) throw e;
    }
  }
  assert.match(await hover.first().innerText(), /FOO_SPARE/);
  await page().waitForTimeout(400);
  await shot('2-hover');
});

test('"IRQ Lens: Show MSI Map" from the palette draws the conflict', async () => {
  await page().mouse.move(0, 0);
  await page().keyboard.press('Escape');
  await palette('IRQ Lens: Show MSI Map');
  await page().locator('.tab', { hasText: 'MSI Map' }).waitFor(T);
  const view = page().frameLocator('iframe.webview.ready').frameLocator('#active-frame');
  const conflict = view.locator('.block.conflict');
  await conflict.first().waitFor(T);
  assert.match((await conflict.first().getAttribute('aria-label')) ?? '', /^error msi\/index-conflict at index 4: /);
  assert.equal((await view.locator('.block.allocation.solid').count()) >= 1, true);
  const csp = (await view.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content')) ?? '';
  assert.match(csp, /^default-src 'none'; style-src [^;]+; img-src [^;]+; font-src [^;]+; script-src 'nonce-[A-Za-z0-9+/=]{24}'$/);
  const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
  assert.deepEqual(await view.locator('script[src$="/dist/webview.js"]').evaluateAll((els) => els.map((e) => (e as unknown as { nonce: string }).nonce)), [
    nonce,
  ]);
  await shot('3-map');
});

test('a click on the conflict reveals its line in the editor', async () => {
  const view = page().frameLocator('iframe.webview.ready').frameLocator('#active-frame');
  await view.locator('.block.conflict').first().click();
  const status = page().locator('[id="status.editor.selection"]');
  // the call's name is selected: the cursor ends after it (columns count a tab as 4)
  await status.filter({ hasText: `Ln ${conflictLine}, Col 43 (21 selected)` }).waitFor(T);
  await shot('4-reveal');
});

test('the table fallback (key T) survives the webview being hidden and shown again', async () => {
  const view = (): ReturnType<Page['frameLocator']> => page().frameLocator('iframe.webview.ready').frameLocator('#active-frame');
  await view().locator('.block.conflict').first().focus();
  await view().locator('.block.conflict').first().press('t');
  const row = view().locator('table.fallback tbody tr', { hasText: 'msi/index-conflict' });
  await row.first().waitFor(T);
  const rows = await view().locator('table.fallback tbody tr').allInnerTexts();
  assert.equal(rows.length, 2, rows.join('\n'));
  assert.equal(rows[0], 'domain 0\t0..7\tpci_alloc_irq_vectors(8, 8, PCI_IRQ_MSIX)\tdefinite\tdrivers/foo/foo_main.c:29 in foo_probe()');
  assert.match(
    rows[1] ?? '',
    /^domain 0\tindex 4\tmsi\/index-conflict: pci_msix_alloc_irq_at\(\) on 'pdev', domain 0: index 4 of domain 0 already holds a descriptor \(-EBUSY\).*\terror\tdrivers\/foo\/foo_main\.c:34 in foo_probe\(\)$/,
  );
  await shot('5-table');
  // another editor in the map's group hides the webview, which is torn down (no retainContextWhenHidden);
  // showing it again reloads it from its saved state. (A window reload cannot be tested here: code-server
  // 1.100.3 revives no webview panel after a reload, not even the built-in Markdown preview.)
  await page().locator('.tab', { hasText: 'MSI Map' }).click();
  await openFile('foo.irqlens-topology.json');
  assert.equal(await page().locator('iframe.webview.ready').count(), 0, 'the map webview is gone while hidden');
  await page().locator('.tab', { hasText: 'MSI Map' }).click();
  await view().locator('table.fallback tbody tr', { hasText: 'msi/index-conflict' }).first().waitFor(T);
  assert.equal(await view().locator('table.fallback tbody tr').count(), 2);
  await shot('6-restored');
});

test('keyboard: T back to the map, - zooms out, W shows the whole space, 0 fits again', async () => {
  const view = page().frameLocator('iframe.webview.ready').frameLocator('#active-frame');
  const zoomed = view.locator('#map .zoomed');
  await view.locator('table.fallback button.link').first().press('t');
  const block = view.locator('#map .block.conflict').first();
  await block.waitFor(T);
  assert.equal(await zoomed.innerText(), 'showing 0..15 of 0..65535');
  await block.press('-');
  await zoomed.filter({ hasText: 'showing 0..31 of 0..65535' }).waitFor(T);
  await view.locator('#map .block.conflict').first().press('w');
  await view.locator('#map .track-head').first().waitFor(T);
  assert.equal(await zoomed.count(), 0);
  await view.locator('#map .block.conflict').first().press('0');
  await zoomed.filter({ hasText: 'showing 0..15 of 0..65535' }).waitFor(T);
});

test('Simulate Allocation… picks the device and layout, then steps with the editor and the map following', async () => {
  const p = page();
  await palette('IRQ Lens: Simulate Allocation');
  const input = p.locator('.quick-input-widget input');
  await p.locator('.quick-input-list .monaco-list-row', { hasText: 'pdev' }).first().waitFor(T);
  await input.press('Enter');
  await p.locator('.quick-input-list .monaco-list-row', { hasText: 'per-domain' }).first().waitFor(T);
  await input.fill('per-domain');
  await input.press('Enter');
  const view = p.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
  await view.locator('#step h2', { hasText: 'step 1/' }).waitFor(T);
  // The editor's cursor line, not the status bar: when the quick pick closes, the workbench may give
  // the focus back to the map it came from, and the status bar shows no selection for a webview.
  await p.locator('.monaco-editor .line-numbers.active-line-number', { hasText: /^29$/ }).waitFor(T);
  await p.keyboard.press('Alt+BracketRight');
  await view.locator('#step h2', { hasText: 'step 2/' }).waitFor(T);
  await p
    .locator('[id="status.editor.selection"]')
    .filter({ hasText: `Ln ${conflictLine},` })
    .waitFor(T);
  assert.match(await view.locator('#step .outcome').innerText(), /msi\/index-conflict/);
  await shot('7-simulation');
});

test('Choose Store Layout → partitioned redraws the map as one store with its 0x10000 windows', async () => {
  const p = page();
  await palette('IRQ Lens: Simulation: Stop');
  await palette('IRQ Lens: Choose Store Layout');
  const input = p.locator('.quick-input-widget input');
  await p.locator('.quick-input-list .monaco-list-row', { hasText: 'partitioned' }).first().waitFor(T);
  await input.fill('partitioned');
  await input.press('Enter');
  const view = p.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
  await view.locator('#map .band').first().waitFor(T);
  // fitted to the allocations (0..15), only window 0 is in view; W shows both windows of 0..0x1ffff
  assert.equal(await view.locator('#map h3').first().innerText(), 'single store, partitioned');
  await view.locator('#map .block').first().press('w');
  await view.locator('#map .band').nth(1).waitFor(T);
  assert.deepEqual(await view.locator('#map .band').evaluateAll((els) => els.map((e) => e.getAttribute('title'))), [
    'window 0 (domain 0): 0..65535',
    'window 1 (domain 1): 65536..131071',
  ]);
  await view.locator('#map .block.conflict').first().waitFor(T);
  await shot('8-partitioned');
});

test("the map's Simulate… button starts a simulation of its device", async () => {
  const view = page().frameLocator('iframe.webview.ready').frameLocator('#active-frame');
  await view.locator('#map button.simulate').click();
  await view.locator('#step h2', { hasText: 'step 1/' }).waitFor(T);
  assert.match(await view.locator('#step h2').innerText(), /^Simulation of drivers\/foo\/foo_main\.c:pdev, step 1\/\d+: /);
  await palette('IRQ Lens: Simulation: Stop');
  await view.locator('#step').waitFor({ state: 'hidden', ...T });
});
