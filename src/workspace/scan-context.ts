// Builds what a thread needs to scan files: one reader buffer, the prefilter for the catalogue
// and an include reader whose header cache lives as long as the thread.
import { catalogueNames } from '../facts/index';
import { FileReader } from './file-reader';
import { createIncludeReader } from './include-reader';
import { dirname } from 'node:path';
import { isDirectory, toOutputPath } from './paths';
import { createPrefilter } from './prefilter';
import { TreeBounds } from './tree-bounds';
import type { ScanContext } from './scan-file';
import type { ScanSetup } from './scan-setup';

export function createScanContext(setup: ScanSetup): ScanContext {
  const shown = (abs: string) => toOutputPath(abs, setup.cwd);
  const bounds = setup.roots ? new TreeBounds(setup.roots, shown) : undefined;
  // Headers come from the kernel tree around the paths given too (<linux/pci.h> for drivers/x).
  const headerRoots = (setup.roots ?? []).map((r) => (isDirectory(r) ? r : dirname(r)));
  const headerBounds = setup.roots ? new TreeBounds([...headerRoots, ...(setup.kernelRoot ? [setup.kernelRoot] : [])], shown) : undefined;
  return {
    reader: new FileReader(),
    ...(bounds ? { bounds } : {}),
    prefilter: createPrefilter(catalogueNames()),
    includes: createIncludeReader({ cwd: setup.cwd, kernelRoot: setup.kernelRoot, bounds: headerBounds }),
    era: setup.era,
  };
}
