// The allocator model's public surface (see types.ts for how to use it).
export * from './types';
export { apply, setCaps } from './apply';
export { createStore, fork, resolveConfig, defaultPartitions, checkPartitions } from './state';
export { join, joinAll } from './join';
export { toDomainStates, toDomainMaps, describeDevice, leftAtDetach, type LiveBlock } from './view';
export { exact, between, unknown, show } from './interval';
export { citationText } from './cite';
export { describeOp } from './describe';
