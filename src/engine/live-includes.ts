// The headers an editor session reads: open buffers before the disk (an unsaved header counts),
// the lookups each extraction made (FileFacts.headers: which files a changed header affects),
// and, when a header buffer changes, its text read from disk and every parsed header dropped.
import { clearHeaderCache } from '../facts/index';
import type { FileFacts, HeaderStamp } from '../facts/types';
import type { OnInclude, ReadInclude } from '../facts/visible';
import { createIncludeReader, lookupRecorder, type IncludeReader, type IncludeReaderOptions } from '../workspace/include-reader';

export class LiveIncludes {
  private reader: IncludeReader | undefined;
  private readonly buffers = new Map<string, string>();

  configure(options: IncludeReaderOptions): void {
    this.reader = createIncludeReader(options, this.buffers);
  }

  readonly read: ReadInclude = (from, spec, quoted) => this.reader?.read(from, spec, quoted);

  /** One extraction's lookups, stamped on the facts it gives (`stamp`). */
  recorder(): { onInclude: OnInclude; stamp: (facts: FileFacts) => FileFacts } {
    if (!this.reader) return { onInclude: () => undefined, stamp: (f) => f };
    const r = lookupRecorder(this.reader);
    let seen = 0;
    let stamps: HeaderStamp[] = [];
    return {
      onInclude: (from, spec, quoted) => {
        r.onInclude(from, spec, quoted);
        seen++;
      },
      // Asked for on every check of the file's directory: stamped again only after new lookups.
      stamp: (facts) => {
        if (seen > 0) stamps = r.stamps();
        seen = 0;
        facts.headers = stamps;
        return facts;
      },
    };
  }

  /**
   * The buffer of `abs` now holds `text` (undefined: closed, the disk holds it again). Returns
   * whether headers read through it may now differ; then the text read from `abs` and the
   * thread's parsed headers (facts/visible.ts) are dropped.
   */
  setBuffer(abs: string, text: string | undefined): boolean {
    if (text === undefined ? !this.buffers.has(abs) : this.buffers.get(abs) === text) return false;
    if (text === undefined) this.buffers.delete(abs);
    else this.buffers.set(abs, text);
    this.reader?.forget(abs);
    clearHeaderCache();
    return true;
  }
}

/** Whether `facts` were extracted with a lookup that tried `abs`. */
export function dependsOn(facts: FileFacts, abs: string): boolean {
  return facts.headers?.some((h) => h[0] === abs) ?? false;
}
