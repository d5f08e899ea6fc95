// Builds what a thread needs to scan files: one reader buffer, the prefilter for the catalogue
// and an include reader whose header cache lives as long as the thread.
import { catalogueNames } from '../facts/index';
import { FileReader } from './file-reader';
import { createIncludeReader } from './include-reader';
import { createPrefilter } from './prefilter';
import type { ScanContext } from './scan-file';
import type { ScanSetup } from './scan-protocol';

export function createScanContext(setup: ScanSetup): ScanContext {
  return {
    reader: new FileReader(),
    prefilter: createPrefilter(catalogueNames()),
    readInclude: createIncludeReader({ cwd: setup.cwd, kernelRoot: setup.kernelRoot }),
    era: setup.era,
  };
}
