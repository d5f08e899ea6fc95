// The workspace scan's $/progress. The client creates the token (window/workDoneProgress/create)
// while the scan already runs: that round trip is the client's, and the scan need not wait for it.
// Reports made before the token exists are dropped; an end asked for before it exists is sent
// right after the begin.
import type { Connection, WorkDoneProgressServerReporter } from 'vscode-languageserver';

export class ScanProgress {
  private reporter: WorkDoneProgressServerReporter | null = null;
  private ended = false;

  /** No progress at all when the client does not support it (the scan still runs). */
  constructor(connection: Connection, supported: boolean, onCancel: () => void) {
    if (!supported) return;
    void connection.window.createWorkDoneProgress().then(
      (reporter) => {
        reporter.begin('IRQ Lens: scanning workspace', 0, 'finding MSI calls', true);
        reporter.token.onCancellationRequested(onCancel);
        if (this.ended) reporter.done();
        else this.reporter = reporter;
      },
      () => undefined, // the client refused progress; scan silently in the background
    );
  }

  report(percentage: number, message: string): void {
    this.reporter?.report(percentage, message);
  }

  done(): void {
    if (this.ended) return;
    this.ended = true;
    this.reporter?.done();
    this.reporter = null;
  }
}
