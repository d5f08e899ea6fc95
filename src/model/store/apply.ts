// The one entry point: dispatch an operation to the function that models its kernel API.
import { fslMcAlloc, fslMcFree, imsAlloc, imsCreate, imsFree, platformAlloc, platformFree, tiSciAlloc } from './buses';
import { allocAt, allocCount, allocRange, insertDesc } from './core-alloc';
import { createDomain, getVirq, removeDomain } from './core-domain';
import { freeAll, freeDescs, freeRange } from './core-free';
import { allocVectors, disable, enableMsiOp, enableMsixOp, irqVector, managed, msixAllocAt, msixFree } from './pci-ops';
import { device } from './state';
import { toKernelTypes } from './unsigned';
import type { DeviceCaps, OpName, Outcome, StoreOp, StoreState } from './types';

type Handler<K extends OpName> = (state: StoreState, op: Extract<StoreOp, { op: K }>) => Outcome;

const handlers: { [K in OpName]: Handler<K> } = {
  insert: insertDesc,
  'alloc-range': allocRange,
  'alloc-count': allocCount,
  'alloc-at': allocAt,
  'free-range': freeRange,
  'free-all': freeAll,
  'free-descs': freeDescs,
  'create-domain': (s, op) => createDomain(s, op),
  'remove-domain': removeDomain,
  'get-virq': getVirq,
  'pci-managed': managed,
  'pci-alloc-vectors': allocVectors,
  'pci-enable-msi': enableMsiOp,
  'pci-enable-msix': enableMsixOp,
  'pci-disable': disable,
  'pci-msix-alloc-at': msixAllocAt,
  'pci-msix-free': msixFree,
  'pci-irq-vector': irqVector,
  'platform-alloc': platformAlloc,
  'platform-free': platformFree,
  'fsl-mc-alloc': fslMcAlloc,
  'fsl-mc-free': fslMcFree,
  'ti-sci-alloc': tiSciAlloc,
  'ims-create': imsCreate,
  'ims-alloc': imsAlloc,
  'ims-free': imsFree,
};

/** Apply one operation to the state (mutating it) and say what the kernel would do. */
export function apply(state: StoreState, op: StoreOp): Outcome {
  const handler = handlers[op.op] as Handler<typeof op.op> | undefined;
  if (!handler) throw new Error(`unknown store operation "${String((op as { op: unknown }).op)}"`);
  return handler(state, toKernelTypes(op) as never);
}

/** Record what a topology says about a device (MSI-X table size, MSI count, platform support). */
export function setCaps(state: StoreState, key: string, caps: DeviceCaps): void {
  const dev = device(state, key);
  dev.caps = { ...dev.caps, ...caps };
}
