// The one place engine values become wire values. Each conversion is the identity at run time
// (the wire is the engine's JSON, byte for byte) but is typed from the engine's type to the
// protocol's own, and `sameShape` fails to compile when the two differ in any field, optional or
// not: an engine change that would change the wire format is then a decision made here.
import type { Finding as EngineFinding } from '../vocabulary/finding';
import type { MapSnapshot as EngineMap } from '../vocabulary/snapshot';
import type { SimulationResult as EngineSimulation } from '../vocabulary/snapshot';
import type { DeviceClass as EngineDeviceClass } from '../vocabulary/device-class';
import type { Layout as EngineLayout } from '../vocabulary/layout';
import type { Finding } from './finding';
import type { DeviceClass, Layout, MapSnapshot } from './map';
import type { SimulationResult } from './simulation';

/** True only when A and B are the same type (every field, its type and its optionality). */
type Same<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;

function sameShape<A, B>(proof: Same<A, B>): typeof proof {
  return proof;
}

sameShape<EngineFinding, Finding>(true);
sameShape<EngineMap, MapSnapshot>(true);
sameShape<EngineSimulation, SimulationResult>(true);
sameShape<EngineLayout, Layout>(true);
sameShape<EngineDeviceClass, DeviceClass>(true);

export function toWireFinding(f: EngineFinding): Finding {
  return f;
}

export function toWireMap(m: EngineMap): MapSnapshot {
  return m;
}

export function toWireSimulation(s: EngineSimulation): SimulationResult {
  return s;
}
