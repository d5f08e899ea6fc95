// IRQ Lens inside the real extension host (code-server's, or a desktop VS Code's under
// @vscode/test-electron): the real extension, the real bundled language server, the fixture
// driver test/vscode/workspace/drivers/foo/foo_main.c (copied per run).
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { api, codeOf, driverPath, irqlensDiagnostics, openDriver, summary, waitFor, workspaceUri } from './helpers';

/** What the engine reports on the fixture: [code, line, severity]. */
export const expectedDiagnostics: [string, number, string][] = [['msi/index-conflict', 34, 'Error']];
/** The conflicting call: line 34, `pci_msix_alloc_irq_at` at index 4; the earlier allocation: line 29. */
const conflictLine = 34;
const allocLine = 29;
const conflictCall = 'pci_msix_alloc_irq_at';

suite('IRQ Lens in a real VS Code', () => {
  let editor: vscode.TextEditor;

  suiteSetup(async () => {
    editor = await openDriver();
  });

  test('the extension activates on a C file and starts its language server', async () => {
    const a = await api();
    await waitFor('the server to run', () => a.isRunning() && a.serverPid() !== undefined);
    assert.equal(typeof a.serverPid(), 'number');
  });

  test("diagnostics appear with the engine's codes, severities and ranges", async () => {
    const uri = editor.document.uri;
    const ds = await waitFor('irqlens diagnostics', () => {
      const d = irqlensDiagnostics(uri);
      return d.length ? d : undefined;
    });
    assert.deepEqual(summary(ds), expectedDiagnostics);
    const conflict = ds.find((d) => codeOf(d) === 'msi/index-conflict');
    assert.ok(conflict);
    const lineText = editor.document.lineAt(conflictLine - 1).text;
    const col = lineText.indexOf(conflictCall);
    assert.deepEqual([conflict.range.start.character, conflict.range.end.character], [col, col + conflictCall.length]);
    const target = typeof conflict.code === 'object' ? conflict.code.target : undefined;
    assert.ok(target, 'the code links to the rule documentation');
    assert.match(target.toString(), /index-conflict/);
    assert.ok(
      (conflict.relatedInformation ?? []).some((r) => r.location.range.start.line === allocLine - 1),
      'related information points at the earlier allocation',
    );
    const a = await api();
    await waitFor('the status bar count', () => a.statusText() === '$(error) 1 MSI conflict');
  });

  test('the hover shows the resolved range and the attribution', async () => {
    const pos = new vscode.Position(conflictLine - 1, editor.document.lineAt(conflictLine - 1).text.indexOf(conflictCall) + 3);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, pos);
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))).join('\n');
    assert.match(text, /index 4\b/, `resolved index 4 in: ${text}`);
    assert.match(text, /FOO_SPARE/, 'the #define chain');
    assert.match(text, /pdev/, 'the owner device');
  });

  test('an edit that fixes the code removes the diagnostic, undo brings it back', async () => {
    const uri = editor.document.uri;
    const line = editor.document
      .getText()
      .split('\n')
      .findIndex((l) => l.startsWith('#define FOO_SPARE'));
    assert.ok(line >= 0);
    const range = editor.document.lineAt(line).range;
    await editor.edit((b) => b.replace(range, '#define FOO_SPARE\tFOO_NVEC'));
    await waitFor('the conflict to disappear', () => !irqlensDiagnostics(uri).some((d) => codeOf(d) === 'msi/index-conflict'));
    await vscode.commands.executeCommand('undo');
    await waitFor('the conflict to return', () => irqlensDiagnostics(uri).some((d) => codeOf(d) === 'msi/index-conflict'));
    assert.deepEqual(summary(irqlensDiagnostics(uri)), expectedDiagnostics);
    assert.equal(editor.document.isDirty, false);
  });

  test('a severity setting reaches the server and changes the diagnostic', async () => {
    const uri = (await openDriver()).document.uri;
    const config = vscode.workspace.getConfiguration('irqlens');
    await config.update('severity', { 'msi/index-conflict': 'warning' }, vscode.ConfigurationTarget.Workspace);
    try {
      await waitFor('the conflict as a warning', () => summary(irqlensDiagnostics(uri)).join() === ['msi/index-conflict', conflictLine, 'Warning'].join());
    } finally {
      await config.update('severity', undefined, vscode.ConfigurationTarget.Workspace);
    }
    await waitFor('the conflict as an error again', () => summary(irqlensDiagnostics(uri)).join() === expectedDiagnostics.join());
  });

  test('the map panel opens and receives the model', async () => {
    const a = await api();
    const before = a.map.snapshotsSent;
    const devices = await vscode.commands.executeCommand<string[]>('irqlens.showMap');
    assert.ok(devices.length >= 1, 'the map has the fixture device');
    await waitFor('the webview to take the snapshot', () => a.map.readyMessages >= 1 && a.map.snapshotsSent > before);
    const tab = vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.label === 'MSI Map');
    assert.ok(tab && tab.input instanceof vscode.TabInputWebview);
    assert.match(tab.input.viewType, /irqlens\.map$/);
  });

  test('the "Show in MSI map" code action opens the map through the server command', async () => {
    const a = await api();
    const doc = (await openDriver()).document;
    const at = new vscode.Range(conflictLine - 1, 10, conflictLine - 1, 10);
    const actions = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>('vscode.executeCodeActionProvider', doc.uri, at);
    const show = actions
      .map((x) => ('command' in x && typeof x.command === 'object' ? x.command : (x as vscode.Command)))
      .find((c) => c.title === 'Show in MSI map');
    assert.ok(show, `code actions: ${actions.map((x) => x.title).join(', ')}`);
    const before = a.map.snapshotsSent;
    await vscode.commands.executeCommand(show.command, ...(show.arguments ?? []));
    await waitFor('the map to receive the snapshot', () => a.map.snapshotsSent > before);
  });

  test('the code lens (irqlens.codeLens.enable) starts a simulation through the server command', async () => {
    const a = await api();
    const doc = (await openDriver()).document;
    const config = vscode.workspace.getConfiguration('irqlens');
    await config.update('codeLens.enable', true, vscode.ConfigurationTarget.Workspace);
    try {
      const lens = await waitFor('a Simulate code lens', async () => {
        const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri, 10);
        return lenses.find((l) => /^Simulate \(\d+ operations?\)$/.test(l.command?.title ?? ''));
      });
      assert.equal(lens.range.start.line, 15, 'over foo_probe (line 16)');
      assert.ok(lens.command);
      await vscode.commands.executeCommand(lens.command.command, ...(lens.command.arguments ?? []));
      await waitFor('the simulation to start', () => a.simulationPosition() === 0);
      assert.equal(vscode.window.activeTextEditor?.selection.start.line, allocLine - 1);
      await vscode.commands.executeCommand('irqlens.simulation.stop');
    } finally {
      await config.update('codeLens.enable', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });

  test('topology JSON files are validated against the contributed schema', async () => {
    const doc = await vscode.workspace.openTextDocument(workspaceUri('foo.irqlens-topology.json'));
    const ed = await vscode.window.showTextDocument(doc);
    assert.deepEqual(vscode.languages.getDiagnostics(doc.uri), []);
    await ed.edit((b) => b.insert(new vscode.Position(1, 2), '"bogus": 1,\n  '));
    const ds = await waitFor('a schema diagnostic', () => {
      const d = vscode.languages.getDiagnostics(doc.uri);
      return d.length ? d : undefined;
    });
    assert.deepEqual(
      ds.map((d) => [d.message, d.range.start.line]),
      [['Property bogus is not allowed.', 1]],
    );
    await vscode.commands.executeCommand('undo');
    await waitFor('no diagnostics after the undo', () => vscode.languages.getDiagnostics(doc.uri).length === 0);
  });

  test('every contributed command runs', async () => {
    const pkg = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', '..', 'package.json'), 'utf8')) as {
      contributes: { commands: { command: string }[] };
    };
    const contributed = pkg.contributes.commands.map((c) => c.command).sort();
    const all = await vscode.commands.getCommands(true);
    assert.deepEqual(
      contributed.filter((c) => !all.includes(c)),
      [],
      'every contributed command is registered',
    );
    await openDriver();
    const a = await api();
    const device = a.map.lastDevices[0];
    assert.ok(device);
    // argument-taking forms skip the pickers; the results are what each command did
    const results: Record<string, unknown> = {};
    results['irqlens.chooseLayout'] = await vscode.commands.executeCommand('irqlens.chooseLayout', 'partitioned');
    assert.equal(vscode.workspace.getConfiguration('irqlens').get('layout'), 'partitioned');
    results['irqlens.loadTopology'] = await vscode.commands.executeCommand('irqlens.loadTopology', workspaceUri('foo.irqlens-topology.json'));
    assert.equal(vscode.workspace.getConfiguration('irqlens').get('topology'), 'foo.irqlens-topology.json');
    results['irqlens.showMap'] = await vscode.commands.executeCommand('irqlens.showMap');
    assert.equal(a.map.lastLayout, 'partitioned', 'the map follows the chosen layout');
    results['irqlens.showInMap'] = await vscode.commands.executeCommand(
      'irqlens.showInMap',
      workspaceUri(...driverPath),
      new vscode.Position(conflictLine - 1, 10),
    );
    const steps = await vscode.commands.executeCommand<number>('irqlens.simulate', device, 'per-domain');
    assert.ok(typeof steps === 'number' && steps >= 2, `simulation steps: ${String(steps)}`);
    assert.equal(a.simulationPosition(), 0);
    assert.equal(await vscode.commands.executeCommand('irqlens.simulation.next'), 1);
    assert.equal(vscode.window.activeTextEditor?.selection.start.line, conflictLine - 1, 'the editor follows the second operation');
    assert.equal(await vscode.commands.executeCommand('irqlens.simulation.previous'), 0);
    assert.equal(vscode.window.activeTextEditor?.selection.start.line, allocLine - 1, 'back on the first operation');
    await vscode.commands.executeCommand('irqlens.simulation.stop');
    assert.equal(a.simulationPosition(), undefined);
    const review = await vscode.commands.executeCommand<{ findings: { code: string; range: { line: number } }[]; problems: string[] }>(
      'irqlens.reviewPatch',
      workspaceUri('patches', '0001-foo-also-enable-msi.patch'),
    );
    assert.ok(review, 'the review ran');
    // the patch adds pci_enable_msi() after MSI-X was enabled: line 20 of the patch file
    assert.deepEqual([review.findings.map((f) => [f.code, f.range.line]), review.problems], [[['msi/msi-msix-exclusive', 20]], []]);
    const draft = vscode.workspace.textDocuments.find((d) => d.isUntitled && d.getText().startsWith('From irqlens '));
    assert.match(
      draft?.getText() ?? '',
      /^Subject: Re: .*\n[^]*^> \+\tret = pci_enable_msi\(pdev\);\n\npci_enable_msi\(\)/m,
      'the reply draft opened as an untitled document',
    );
    await vscode.commands.executeCommand('irqlens.showLog');
    await vscode.commands.executeCommand('irqlens.restartServer');
    await waitFor('the server after a restart', () => a.isRunning());
    results['irqlens.chooseLayout#reset'] = await vscode.commands.executeCommand('irqlens.chooseLayout', 'auto');
    await vscode.workspace.getConfiguration('irqlens').update('topology', undefined, vscode.ConfigurationTarget.Workspace);
    assert.deepEqual(
      [results['irqlens.chooseLayout'], results['irqlens.loadTopology'], results['irqlens.chooseLayout#reset']],
      ['partitioned', 'foo.irqlens-topology.json', 'auto'],
    );
    assert.deepEqual(results['irqlens.showMap'], results['irqlens.showInMap']);
    const ran = [
      'irqlens.chooseLayout',
      'irqlens.loadTopology',
      'irqlens.showMap',
      'irqlens.showInMap',
      'irqlens.simulate',
      'irqlens.simulation.next',
      'irqlens.simulation.previous',
      'irqlens.simulation.stop',
      'irqlens.reviewPatch',
      'irqlens.showLog',
      'irqlens.restartServer',
    ].sort();
    assert.deepEqual(ran, contributed, 'this test ran every contributed command');
  });

  test('Review Patch of a git range formats the range and reviews it (trusted workspace)', async () => {
    const root = workspaceUri().fsPath;
    const git = (...args: string[]): string =>
      execFileSync('git', ['-c', 'user.name=IRQ Lens Test', '-c', 'user.email=test@irqlens.invalid', ...args], { cwd: root, encoding: 'utf8' });
    git('init', '-q', '.');
    git('add', 'drivers');
    git('commit', '-q', '-m', 'base');
    git('apply', join('patches', '0001-foo-also-enable-msi.patch'));
    git('commit', '-q', '-a', '-m', 'foo: also enable MSI');
    try {
      const review = await vscode.commands.executeCommand<{ findings: { code: string }[]; problems: string[] }>('irqlens.reviewPatch', 'HEAD~1..HEAD');
      assert.ok(review, 'the review ran');
      // HEAD already holds the range's commit: the server reviews it against the tree with the series reverted in memory
      assert.deepEqual(
        [review.findings.map((f) => f.code), review.problems],
        [['msi/msi-msix-exclusive'], ['the tree already contains this series: it was reviewed against the tree with the series reverted in memory']],
      );
      assert.equal(vscode.window.activeTextEditor?.document.languageId, 'diff');
      assert.match(vscode.window.activeTextEditor?.document.uri.path ?? '', /\/reviews\/HEAD_1\.\.HEAD\.mbx$/);
      assert.equal(vscode.window.activeTextEditor?.document.uri.path.startsWith(workspaceUri().path), false, 'not written into the tree');
    } finally {
      git('reset', '-q', '--hard', 'HEAD~1');
    }
  });

  test('the server is restarted after it is killed, and says so', async () => {
    const a = await api();
    const pid = a.serverPid();
    assert.ok(pid);
    const restarts = a.restarts();
    process.kill(pid, 'SIGKILL');
    await waitFor('a new server process', () => a.isRunning() && a.serverPid() !== undefined && a.serverPid() !== pid);
    assert.equal(a.restarts(), restarts + 1);
    assert.equal(a.restartMessage(), `IRQ Lens server stopped unexpectedly; restarting it (restart ${restarts + 1}).`);
    const doc = (await openDriver()).document;
    const pos = new vscode.Position(conflictLine - 1, doc.lineAt(conflictLine - 1).text.indexOf(conflictCall) + 3);
    const hovers = await waitFor('a hover from the new server', async () => {
      const h = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, pos);
      return h.length ? h : undefined;
    });
    assert.ok(hovers.length >= 1);
  });
});
