// Building Outcomes: a fresh ok outcome, then failures and problems recorded onto it.
import { cite, type Behaviour } from './cite';
import type { ProblemKind } from './problem-kind';
import type { Certainty, Errno, OpName, Outcome, StoreState } from './types';

export function begin(op: OpName): Outcome {
  return { op, status: 'ok', errno: null, warn: false, collisions: [], erased: [], problems: [], citations: [], note: '' };
}

/** Cite a behaviour in the tree the store follows (the design row for partition checks). */
export function cited(out: Outcome, state: StoreState, behaviour: Behaviour): Outcome {
  const c = cite(behaviour, state.config.tree);
  if (!out.citations.some((x) => x.file === c.file && x.fn === c.fn && x.tree === c.tree)) out.citations.push(c);
  return out;
}

export interface FailSpec {
  errno: Errno | null;
  certainty: Certainty;
  kind?: ProblemKind;
  detail: string;
  warn?: boolean;
  assumptions?: string[];
}

/** Record a failure; a definite failure overrides an earlier possible one. */
export function fail(out: Outcome, f: FailSpec): Outcome {
  const definite = f.certainty === 'definite';
  if (definite || out.status !== 'error') {
    out.status = definite ? 'error' : 'possible-error';
    out.errno = f.errno;
  }
  if (f.warn) out.warn = definite ? true : out.warn === true ? true : 'possible';
  if (f.kind) problem(out, f.kind, f.certainty, f.detail, f.assumptions ?? []);
  note(out, f.detail);
  return out;
}

export function problem(out: Outcome, kind: ProblemKind, certainty: Certainty, detail: string, assumptions: string[] = []): void {
  out.problems.push({ kind, certainty, detail, assumptions });
}

export function note(out: Outcome, text: string): void {
  out.note = out.note ? `${out.note}; ${text}` : text;
}

export function noop(out: Outcome, text: string): Outcome {
  if (out.status === 'ok') out.status = 'no-op';
  note(out, text);
  return out;
}

export function isFailed(out: Outcome): boolean {
  return out.status === 'error';
}
