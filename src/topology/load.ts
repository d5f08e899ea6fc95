// Reads a topology from a file or text in any supported format, detecting the format when not
// given. Never throws for bad input: unreadable files, wrong formats and oversized inputs come
// back as problems with line numbers.
import { readUserText } from '../workspace/file-reader';
import { parseJsonTopology } from './json';
import { parseLspci, type ImportResult } from './lspci';
import { parseSysfsListing } from './sysfs';
import { linkVirtualFunctions } from './sriov';
import type { Topology } from './types';

export type TopologyFormat = 'lspci' | 'json' | 'sysfs';

export interface LoadInput {
  path?: string;
  text?: string;
  format?: TopologyFormat;
}

/** Real dumps are under 1 MB (the largest in the corpus, 310 functions, is 277 kB). */
const maxBytes = 16 * 1024 * 1024;

/** A whole text that is a JSON scalar (`null`, `12`, `"x"`): a JSON file of the wrong shape, not lspci. */
const jsonScalar = /^\s*(null|true|false|-?\d[\d.eE+-]*|"[^"\n]*")\s*$/;

export function detectFormat(text: string, path?: string): TopologyFormat {
  const head = text.slice(0, 4096).trimStart();
  if (path?.toLowerCase().endsWith('.json') || head.startsWith('{') || head.startsWith('[') || jsonScalar.test(text.slice(0, 4096))) return 'json';
  if (/iommu_groups\/\d+\/devices\//.test(head)) return 'sysfs';
  return 'lspci';
}

function emptyResult(source: string, message: string): ImportResult {
  const topology: Topology = { source, format: 'lspci', functions: [], subdevices: [], platform: {} };
  return { topology, problems: [{ file: source, line: 1, column: 1, severity: 'error', message }] };
}

function tooLarge(size: number): string {
  return `input is ${size} bytes; topology dumps of real machines are under 1 MB, so inputs above ${maxBytes} bytes are refused`;
}

export function importTopology(input: LoadInput): ImportResult {
  const source = input.path ?? '<text>';
  let text = input.text;
  if (text === undefined) {
    if (!input.path) return emptyResult(source, 'no topology path or text given');
    const read = readUserText(input.path, { maxBytes });
    if (!read.ok) return emptyResult(source, read.kind === 'too-large' ? `${read.message} (topology dumps of real machines are under 1 MB)` : read.message);
    text = read.text;
  }
  if (text.length > maxBytes) return emptyResult(source, tooLarge(text.length));
  // A byte-order mark (editors on Windows write one) is not part of the text.
  if (text.startsWith('\ufeff')) text = text.slice(1);
  const format = input.format ?? detectFormat(text, input.path);
  const parse = { lspci: parseLspci, json: parseJsonTopology, sysfs: parseSysfsListing }[format];
  const result = parse(text, source);
  linkVirtualFunctions(result.topology.functions);
  return result;
}
