// What a call does to a path: a followed callee's parameters bound on entry and its return value
// taken back; a call the walk does not enter (a kernel helper, a driver function it cannot see)
// may free the vectors, make a device managed, set a flag bit, or hand back an object.
import type { Expr } from '../../facts/types';
import type { SourceSite } from '../../vocabulary/source-site';
import { isAllocator, returnsZeroed } from './allocators';
import { bitArgs, isBitTest } from './bit-ops';
import { devicePathKey } from './device-key';
import type { EffectContext } from './effect-context';
import { callSlot, locOf, pointee } from './evaluate';
import { isKernelHelper } from './kernel-calls';
import { objectOf, setterStored, storedObject } from './object-accessors';
import { bind, dropScope, forgetZeroed, writableStore } from './path-locations';
import { writable as own } from './path-parts';
import { canonical, isCleanupCall } from './path-values';
import type { PathState } from './replay-state';
import { applyOp } from './store-port';
import { BIG, isRes, isTop, num, top, type Val } from './values';
import type { Frame, Of } from './walk-interface';

/** Before the walk enters `callee`: its parameters bound to the caller's arguments. */
export function enterCall(cx: EffectContext, s: PathState, st: Of<'call'>, callee: Frame, caller: Frame): void {
  s.sig = undefined;
  const ev = cx.evaluator(s, caller);
  callee.fn.params.forEach((p, i) => {
    const name = p.name;
    const arg = st.argExprs[i];
    if (!name || !arg) return;
    const passed = callee.rename.has(name) ? undefined : devicePathKey(arg, caller.rename);
    if (passed !== undefined) callee.rename.set(name, passed);
    const root = pointee(arg, caller);
    if (root !== undefined && !callee.roots.has(name)) callee.roots.set(name, root);
    const v = ev.value(arg);
    if (!isTop(v)) own(s, 'env').set(`${callee.id}:${name}`, v);
  });
}

/** After a call: the callee's return value (when entered), else what an unseen call may have done. */
export function afterCall(cx: EffectContext, s: PathState, st: Of<'call'>, frame: Frame, callee?: Frame): void {
  s.sig = undefined;
  let v: Val = top;
  if (callee) {
    v = s.ret ?? top;
    s.ret = undefined;
    dropScope(s, callee);
  } else {
    unfollowed(cx, s, st, frame);
    bitOp(cx, s, st, frame);
    if (isAllocator(st.name)) v = num(0, BIG);
    else if (setterStored(st.name, st.argExprs, frame, s.aliases)) v = num(1, BIG);
  }
  if (!isTop(v)) own(s, 'calls')[callSlot(frame, st.range)] = v;
  const stored = callee ? undefined : storedObject(st.name, st.argExprs, frame);
  if (stored) own(s, 'aliases')[stored[0]] = stored[1];
  const object = callee ? s.retObject : objectOf(st.name, st.argExprs, frame, s.aliases);
  s.retObject = undefined;
  const target = st.lvalue ? locOf(st.lvalue, frame) : undefined;
  if (!target) return;
  bind(s, target, v);
  // `gc = pci_get_drvdata(pdev)`: gc's fields are the object's, whichever activation asks.
  const local = st.lvalue?.t === 'var' ? st.lvalue.name : undefined;
  const rooted = object !== undefined && local !== undefined && !frame.fn.params.some((p) => p.name === local);
  if (rooted) frame.roots.set(local, object);
  // Zeroed memory (kzalloc, and netdev_priv() of alloc_etherdev()'s): the object its fields live in.
  if (returnsZeroed(st.name)) own(s, 'zeroed').push(rooted ? object : target);
}

/** `set_bit(USING_MSI, &priv->flags)` / `clear_bit(...)`: the kernel's bit operations on a flag word. */
function bitOp(cx: EffectContext, s: PathState, st: Of<'call'>, frame: Frame): void {
  const call: Expr = { t: 'call', name: st.name, args: st.argExprs, at: st.range };
  const bit = call.t === 'call' ? bitArgs(call) : undefined;
  if (!bit || isBitTest(st.name)) return;
  const key = locOf(bit.word, frame);
  if (key === undefined) return;
  const set = st.name.endsWith('set_bit');
  const ev = cx.evaluator(s, frame);
  const mask: Expr = { t: 'int', value: set ? bit.mask : ~bit.mask & 0x7fffffff };
  bind(s, key, ev.value({ t: 'binary', op: set ? '|' : '&', left: bit.word, right: mask }));
}

/** A call the walk does not enter: what it may do to the device and to what it was handed. */
function unfollowed(cx: EffectContext, s: PathState, st: Of<'call'>, frame: Frame): void {
  const managed = st.name === 'pcim_enable_device' && st.argExprs[0] ? devicePathKey(st.argExprs[0], frame.rename) : undefined;
  if (managed !== undefined) {
    const key = cx.hooks.deviceKey(canonical(managed, s.aliases));
    const site: SourceSite = { file: frame.fn.file, range: frame.fn.range, function: frame.fn.name, api: st.name };
    applyOp(writableStore(s), { op: 'pci-managed', device: key, site });
    return;
  }
  unseenCall(cx, s, st.name, frame, st.argExprs);
  // Handed to a function the walk does not see: the result is used there (maybe tested).
  for (const a of st.argExprs) {
    const k = a.t === 'var' || a.t === 'field' ? locOf(a, frame) : undefined;
    const v = k === undefined ? undefined : s.env.get(k);
    if (v && isRes(v)) cx.usedResults.add(`${v.file}#${v.fact}`);
  }
  if (isKernelHelper(st.name)) return;
  // A driver function that is not followed may set fields of what it was handed: those the
  // path never wrote no longer read as zero. Fields the path wrote keep their value (smatch's
  // choice too: forgetting them at every call would forget every mode flag).
  for (const a of st.argExprs) {
    const root = pointee(a, frame);
    if (root !== undefined) forgetZeroed(s, (z) => z === root || z.startsWith(`${root}.`) || root.startsWith(`${z}.`));
  }
}

/** A call the walk does not see run (unfollowed, or in a skipped branch): cleanup it may do, state it may change. */
export function unseenCall(cx: EffectContext, s: PathState, name: string, frame: Frame, args?: Expr[]): void {
  s.sig = undefined;
  // A call through a pointer (`p->ops->setup`) is never a plain helper; its name says nothing
  // about cleanup either, so it only makes the device's state unknown.
  const indirect = !/^[A-Za-z_]\w*$/.test(name);
  // A cleanup-like call may free the vectors only if it can reach the device: handed the
  // device or an object the device was stored in (not a member of it: `&priv->timer`).
  // devm_add_action(dev, fn, data) whose fn frees vectors: they are released at detach.
  const action = name.startsWith('devm_add_action') ? functionNamed(args?.[1]) : undefined;
  if (action !== undefined && cx.hooks.mayFree?.(action, frame.fn) === true) s.released = true;
  // A function whose body the tree shows and that frees nothing is neutral, whatever its name.
  if (!indirect && args && !s.cleanup && cx.hooks.mayFree?.(name, frame.fn) !== false && isCleanupCall(name) && reachesDevice(s, args, frame)) s.cleanup = name;
  if (indirect || !isKernelHelper(name)) s.unfollowed = true;
}

/** The function an argument names (`fn` or `&fn`), as devm_add_action() is handed its action. */
function functionNamed(arg: Expr | undefined): string | undefined {
  const e = arg?.t === 'addr' ? arg.a : arg;
  return e?.t === 'var' ? e.name : undefined;
}

/** Whether one of these arguments is, or holds, a device this path allocated on. */
function reachesDevice(s: PathState, args: Expr[], frame: Frame): boolean {
  const devices = Object.keys(s.store.devices).map((q) => q.slice(q.lastIndexOf(':') + 1));
  // Paths that lead to a device: its key, and fields a device was stored in (`priv->pdev`).
  const paths = [
    ...devices,
    ...Object.entries(s.aliases)
      .filter(([, to]) => devices.includes(to))
      .map(([from]) => from),
  ];
  return args.some((arg) => {
    const path = devicePathKey(arg, frame.rename);
    if (path === undefined) return false;
    const a = canonical(path, s.aliases);
    return paths.some((p) => p === a || p.startsWith(`${a}->`) || p.startsWith(`${a}.`));
  });
}
