// The server's engine: the engine's LiveEngine (src/engine/live-engine.ts, built on the façade
// `Engine`) and review's findings on a patch file, with the same settings. The only server file
// that creates one.
import { createLiveEngine } from '../engine/index';
import { defaultEngine, findingsOnPatchFile } from '../review/index';
import type { Engine } from './engine';

export function createEngine(log: (message: string) => void = () => {}): Engine {
  const live = createLiveEngine(log);
  return {
    ...live,
    reviewPatch(patchText, patchRel, reviewRoot, opts, cacheDir) {
      const check = live.engineFor(opts).options;
      const engine = defaultEngine(cacheDir ? { check, cacheDir } : { check });
      return findingsOnPatchFile(patchText, patchRel, '.', { cwd: reviewRoot, engine });
    },
  };
}
