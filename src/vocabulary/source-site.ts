// Where an MSI operation is in the source: the call, its function and its API.
import type { Range } from './range';

export interface SourceSite {
  file: string;
  range: Range;
  function: string;
  api: string;
}
