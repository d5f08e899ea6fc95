// Open patches (.patch, .diff, .mbx, .mbox, or languageId diff): the findings the series would
// introduce in the workspace tree, as diagnostics on the patch's own lines (the review layer
// places them). A review reads the touched directories, so it runs asynchronously, one at a time
// per document, and only the newest version's result is published.
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Layout } from '../vocabulary/layout';
import { toWireFinding } from '../protocol/conversions';
import type { ReviewPatchResult } from '../protocol/requests';
import type { ServerSettings } from './config';
import { diagnosticsByFile } from './diagnostics';
import type { AnalysisSettings, Engine } from './engine';
import type { PathMap } from './locations';
import type { DiagnosticsPublisher } from './publisher';

const patchFile = /\.(patch|diff|mbx|mbox)$/i;

export function isPatchDocument(uri: string, languageId: string): boolean {
  return languageId === 'diff' || patchFile.test(uri);
}

/** "file:line: detail" problems become diagnostics on that line when they name the patch file. */
function problemDiagnostic(problem: string, patchRel: string): Diagnostic {
  const m = /^(.*?):(\d+): /.exec(problem);
  const line = m && m[1] && patchRel.endsWith(m[1].replace(/^\.\//, '')) ? Number(m[2]) - 1 : 0;
  const at = { line: Math.max(0, line), character: 0 };
  return { range: { start: at, end: at }, severity: DiagnosticSeverity.Information, source: 'irqlens', message: problem };
}

export interface PatchContext {
  engine: Engine;
  paths: PathMap;
  publisher: DiagnosticsPublisher;
  docUri: (code: string) => string | undefined;
  settings: () => ServerSettings;
  checkOptions: () => AnalysisSettings;
  cacheDir: string | null;
  log: (message: string) => void;
}

export class PatchDocuments {
  private readonly running = new Map<string, Promise<void>>();
  private readonly latest = new Map<string, TextDocument>();

  constructor(private readonly ctx: PatchContext) {}

  /** Reviews a patch text (open or read from disk), in the settings' layout unless one is given. */
  async review(text: string, patchRel: string, layout?: Layout): Promise<ReviewPatchResult> {
    const opts = layout ? { ...this.ctx.checkOptions(), layout } : this.ctx.checkOptions();
    const review = await this.ctx.engine.reviewPatch(text, patchRel, this.ctx.paths.root, opts, this.ctx.cacheDir);
    return { ...review, findings: review.findings.map(toWireFinding) };
  }

  changed(doc: TextDocument): void {
    this.latest.set(doc.uri, doc);
    if (!this.running.has(doc.uri)) this.running.set(doc.uri, this.run(doc.uri));
  }

  closed(uri: string): void {
    this.latest.delete(uri);
  }

  private async run(uri: string): Promise<void> {
    try {
      for (let doc = this.latest.get(uri); doc; ) {
        const version = doc.version;
        const diagnostics = await this.diagnosticsOf(doc);
        const now = this.latest.get(uri);
        if (now?.version === version) {
          this.ctx.publisher.publish(uri, diagnostics, version);
          doc = undefined;
        } else {
          doc = now; // edited meanwhile: review the newest text
        }
      }
    } finally {
      this.running.delete(uri);
    }
  }

  private async diagnosticsOf(doc: TextDocument): Promise<Diagnostic[]> {
    const rel = this.ctx.paths.relFromUri(doc.uri) ?? doc.uri;
    try {
      const result = await this.review(doc.getText(), rel);
      const byFile = diagnosticsByFile(result.findings, this.ctx.settings(), this.ctx.paths, this.ctx.docUri);
      return [...result.problems.map((p) => problemDiagnostic(p, rel)), ...[...byFile.values()].flat()];
    } catch (err) {
      this.ctx.log(`irqlens: ${rel}: patch review failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
      return [problemDiagnostic(`${rel}:1: patch review failed: ${err instanceof Error ? err.message : String(err)}`, rel)];
    }
  }
}
