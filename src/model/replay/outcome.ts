// How an allocation ended on a path: the two values of its outcome symbol.
export type Outcome = 'ok' | 'failed';
