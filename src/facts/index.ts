// The facts layer's public surface: everything workers, the CLI and the server call.
export { initParser } from '../parse/parser';
export { extractFileFacts, MAX_PARSE_BYTES } from './extract';
export { IncrementalDocument } from './incremental';
export type { TextEdit } from './incremental';
export type { ExtractInput } from './file-context';
export { collectDefines } from './defines';
export type { DefineTable, MacroDef } from './defines';
export { catalogue, catalogueNames, catalogueRow } from './catalogue';
export type { ApiRow, ApiSignature, ArgRole } from './catalogue';
export { apiPresent, detectEra, eraFromFacts, defaultEra, namedEra } from './era';
export { evaluate } from './const-eval';
export type { OnInclude, ReadInclude } from './visible';
export { clearHeaderCache } from './visible';
export * from './types';
