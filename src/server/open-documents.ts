// The open buffers, kept from didOpen/didChange/didClose. Unlike vscode-languageserver's
// TextDocuments it hands each change on as an edit in offsets of the text before it, which the
// engine's per-function re-extraction needs (tree-sitter alone cannot reuse kernel-macro trees).
import type { Connection } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { BufferEdit } from '../engine/index';
import { documentNotificationProblem } from './params';

export type { BufferEdit };

export interface DocumentSource {
  get(uri: string): TextDocument | undefined;
}

export interface DocumentEvents {
  /** edits is null when the client sent the whole text (or the buffer was just opened). */
  changed(doc: TextDocument, edits: BufferEdit[] | null): void;
  closed(doc: TextDocument): void;
}

export class OpenDocuments implements DocumentSource {
  private readonly docs = new Map<string, TextDocument>();

  get(uri: string): TextDocument | undefined {
    return this.docs.get(uri);
  }

  listen(connection: Connection, events: () => DocumentEvents | undefined): void {
    const bad = (method: 'didOpen' | 'didChange' | 'didClose', raw: unknown): boolean => {
      const why = documentNotificationProblem(method, raw);
      if (why !== undefined) connection.console.warn(`irqlens: textDocument/${method} ignored: ${why}`);
      return why !== undefined;
    };
    connection.onDidOpenTextDocument((raw) => {
      if (bad('didOpen', raw)) return;
      const t = raw.textDocument;
      const doc = TextDocument.create(t.uri, t.languageId, t.version, t.text);
      this.docs.set(t.uri, doc);
      events()?.changed(doc, null);
    });
    connection.onDidChangeTextDocument((raw) => {
      if (bad('didChange', raw)) return;
      const { textDocument, contentChanges } = raw;
      const doc = this.docs.get(textDocument.uri);
      if (!doc) return; // a change of a document never opened: nothing to update
      let edits: BufferEdit[] | null = [];
      for (const change of contentChanges) {
        if ('range' in change) {
          // A reversed range (end before start) is normalised, as TextDocument.update does itself.
          const [startOffset, oldEndOffset] = [doc.offsetAt(change.range.start), doc.offsetAt(change.range.end)].sort((a, b) => a - b) as [number, number];
          // Positions re-derived from the offsets, so out-of-range positions are clamped alike.
          edits?.push({ startOffset, oldEndOffset, newText: change.text, start: doc.positionAt(startOffset), end: doc.positionAt(oldEndOffset) });
        } else {
          edits = null;
        }
        TextDocument.update(doc, [change], textDocument.version);
      }
      events()?.changed(doc, edits);
    });
    connection.onDidCloseTextDocument((raw) => {
      if (bad('didClose', raw)) return;
      const { textDocument } = raw;
      const doc = this.docs.get(textDocument.uri);
      this.docs.delete(textDocument.uri);
      if (doc) events()?.closed(doc);
    });
  }
}
