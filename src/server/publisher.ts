// Publishes diagnostics per file, only when they changed since the last publication, and
// remembers which files carry diagnostics so they can be cleared when their findings go away.
import type { Connection, Diagnostic } from 'vscode-languageserver';

export class DiagnosticsPublisher {
  private readonly last = new Map<string, string>();

  constructor(private readonly connection: Connection) {}

  /**
   * Sends the diagnostics of `uri` unless identical to what was sent last. With a document version
   * it always sends, so the client learns that its latest text was checked.
   */
  publish(uri: string, diagnostics: Diagnostic[], version?: number): boolean {
    const key = JSON.stringify(diagnostics);
    const previous = this.last.get(uri) ?? '[]';
    if (previous === key && version === undefined) return false;
    this.last.set(uri, key);
    void this.connection.sendDiagnostics(version === undefined ? { uri, diagnostics } : { uri, version, diagnostics });
    return true;
  }

  /** URIs that currently show at least one diagnostic. */
  withDiagnostics(): string[] {
    return [...this.last].filter(([, k]) => k !== '[]').map(([uri]) => uri);
  }

  /** Clears every published diagnostic (e.g. on a settings change that turns rules off). */
  forget(uri: string): void {
    this.last.delete(uri);
  }
}
