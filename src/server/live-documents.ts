// Open buffers: every change re-extracts the buffer's facts and re-checks its directory group.
// Changes are coalesced per document (only the newest text is analysed) and run on the next
// turn of the event loop, ahead of any background work, so the edited file is served first.
import { DiagnosticSeverity } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { AnalysisState } from './analysis-state';
import type { Engine } from './engine';
import type { GroupChecker } from './group-checker';
import type { BufferEdit } from './open-documents';
import { reuseAfterEdit } from '../engine/index';
import { isPatchDocument, type PatchDocuments } from './patch-documents';
import type { DiagnosticsPublisher } from './publisher';

/** Buffers above this size are not analysed live (the largest MSI-using kernel file is 0.5 MB). */
export const maxLiveBytes = 8 * 1024 * 1024;
const analysedLanguages = new Set(['c', 'cpp']);
const analysedExtensions = /\.(c|h)$/;

export class LiveDocuments {
  /** Per URI: the newest document and the edits since the last analysis (null: whole text). */
  private readonly pending = new Map<string, { doc: TextDocument; edits: BufferEdit[] | null }>();
  private scheduled = false;

  constructor(
    private readonly engine: Engine,
    private readonly state: AnalysisState,
    private readonly checker: GroupChecker,
    private readonly publisher: DiagnosticsPublisher,
    private readonly log: (message: string) => void,
    private readonly patches: PatchDocuments,
  ) {}

  changed(doc: TextDocument, edits: BufferEdit[] | null): void {
    const earlier = this.pending.get(doc.uri);
    const all = earlier === undefined ? edits : earlier.edits && edits ? [...earlier.edits, ...edits] : null;
    this.pending.set(doc.uri, { doc, edits: all });
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => this.flush());
  }

  closed(doc: TextDocument): void {
    this.pending.delete(doc.uri);
    this.patches.closed(doc.uri);
    const rel = this.state.paths.relFromUri(doc.uri);
    if (rel === null || !this.state.isOpen(rel)) return;
    this.state.closeLive(rel);
    // The file on disk may differ from the closed buffer: re-check with what disk holds (files
    // that include it first, so its own directory's check has them).
    this.checkIncluders(rel, undefined);
    this.checker.checkGroupOf(rel);
  }

  /**
   * The files that include `rel` as a header are extracted again and the other directories among
   * theirs checked; true when some are in `rel`'s own directory (its check must then run).
   */
  private checkIncluders(rel: string, text: string | undefined): boolean {
    const own = AnalysisState.groupOf(rel);
    const groups = new Set(this.state.bufferChanged(rel, text).map((f) => AnalysisState.groupOf(f)));
    for (const g of groups) if (g !== own) this.checker.checkGroup(g);
    return groups.has(own);
  }

  private flush(): void {
    this.scheduled = false;
    const docs = [...this.pending.values()];
    this.pending.clear();
    for (const { doc, edits } of docs) this.analyse(doc, edits);
  }

  private analyse(doc: TextDocument, edits: BufferEdit[] | null): void {
    if (isPatchDocument(doc.uri, doc.languageId)) {
      this.patches.changed(doc);
      return;
    }
    const rel = this.state.paths.relFromUri(doc.uri);
    if (rel === null || !(analysedLanguages.has(doc.languageId) || analysedExtensions.test(rel))) return;
    const text = doc.getText();
    try {
      if (text.length > maxLiveBytes) {
        this.tooLarge(doc, text.length);
        return;
      }
      const wasOpen = this.state.isOpen(rel);
      const before = this.state.facts(rel);
      const after = this.state.updateLive(rel, text, edits);
      const previous = this.checker.resultFor(rel);
      const edit = edits?.length === 1 ? edits[0] : undefined;
      const moved = wasOpen && before && previous && edit ? reuseAfterEdit(previous, rel, before, after, edit) : null;
      // Files that include this one see its new text first, so its own directory's check has them
      // (and the previous findings cannot just move when one of those files changed).
      const includedHere = this.checkIncluders(rel, text);
      if (moved && !includedHere) this.checker.adopt(rel, moved, { rel, version: doc.version });
      else this.checker.checkGroupOf(rel, { rel, version: doc.version });
    } catch (err) {
      this.log(`irqlens: ${rel}: analysis failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    }
  }

  /** A partial result the user can see: the file is named, and nothing is silently skipped. */
  private tooLarge(doc: TextDocument, length: number): void {
    const mb = (length / 1048576).toFixed(1);
    const mentions = this.engine.mentionsMsiApi(doc.getText());
    this.publisher.publish(
      doc.uri,
      mentions
        ? [
            {
              range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
              severity: DiagnosticSeverity.Information,
              source: 'irqlens',
              message: `IRQ Lens does not analyse buffers over ${maxLiveBytes / 1048576} MB live (this one is ${mb} MB); run \`irqlens check\` on the file instead.`,
            },
          ]
        : [],
      doc.version,
    );
  }
}
