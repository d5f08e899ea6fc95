// One status-bar item: the number of MSI conflicts the server reports (irqlens/status), and the
// background scan's progress; clicking it opens the map.
import * as vscode from 'vscode';
import type { StatusNotification } from '../protocol/requests';

export class ConflictStatus implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('irqlens.status', vscode.StatusBarAlignment.Left, 10);

  constructor() {
    this.item.name = 'IRQ Lens';
    this.item.command = 'irqlens.showMap';
    this.setText('$(circle-outline) IRQ Lens', 'IRQ Lens: waiting for the language server');
    this.item.show();
  }

  update(s: StatusNotification): void {
    const scan = s.scan && s.scan.done < s.scan.total ? ` $(sync~spin) ${s.scan.done}/${s.scan.total}` : '';
    const icon = s.conflicts > 0 ? '$(error)' : '$(check)';
    const conflicts = `${s.conflicts} MSI conflict${s.conflicts === 1 ? '' : 's'}`;
    const tooltip = `IRQ Lens (${s.layout} layout): ${conflicts}; ${s.counts.error} errors, ${s.counts.warning} warnings, ${s.counts.info} infos. Click to open the MSI map.`;
    this.setText(`${icon} ${conflicts}${scan}`, tooltip);
    this.item.backgroundColor = s.conflicts > 0 ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
  }

  stopped(message: string): void {
    this.setText('$(debug-disconnect) IRQ Lens', message);
    this.item.backgroundColor = new vscode.ThemeColor('statusBarItem.warningBackground');
  }

  get text(): string {
    return this.item.text;
  }

  private setText(text: string, tooltip: string): void {
    this.item.text = text;
    this.item.tooltip = tooltip;
  }

  dispose(): void {
    this.item.dispose();
  }
}
