// The server's facts state: the engine's AnalysisState (open buffers over files read from disk,
// checked per directory group) with the server's PathMap, which also maps URIs.
import { AnalysisState as EngineAnalysisState } from '../engine/index';
import type { PathMap } from './locations';

export class AnalysisState extends EngineAnalysisState<PathMap> {}
