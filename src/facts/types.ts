// The facts layer's output: plain, JSON-serialisable data that every later layer
// (model, check, review, server) consumes. Changing a field here is an interface change.
import type { DeviceClass } from '../vocabulary/device-class';
import type { Era, EraInfo } from '../vocabulary/era';
import type { Range } from '../vocabulary/range';

// The shared vocabulary, re-exported: the facts carry it.
export type { DeviceClass, Era, EraInfo, Range };

export type FactKind =
  | 'alloc'
  | 'free'
  | 'insert'
  | 'lookup'
  | 'iterate'
  | 'create-domain'
  | 'remove-domain'
  | 'parent-domain' // a global MSI parent domain (no device store)
  | 'lock' // takes the device's MSI descriptor mutex (msi_lock_descs, guard(msi_descs_lock))
  | 'unlock'
  | 'query';

export interface DeviceRef {
  /** The argument's source text, whitespace-normalised. */
  text: string;
  class: DeviceClass;
  /**
   * Identity used to group calls on the same device within a driver: the underlying object
   * with address-of and `->dev` / `.dev` stripped and helper wrappers unwrapped, e.g.
   * `&pdev->dev` -> "pdev", `&adapter->pdev->dev` -> "adapter->pdev", `mdev_dev(m)` -> "m",
   * `to_pci_dev(dev)` -> the key of `dev` (an accessor denotes the same object as its argument).
   */
  key: string;
  /** Access path steps from the root variable, e.g. ["adapter", "->pdev", "->dev", "&"]. */
  path: string[];
  /** The declared type that decided the class, e.g. "struct pci_dev *". */
  declaredType?: string;
}

/**
 * An argument value. `value` is set when it is a compile-time constant; otherwise `min`/`max`
 * carry whatever bounds are known. `chain` lists the #define/enum steps that produced it.
 */
export interface Value {
  text: string;
  value?: number;
  min?: number;
  max?: number;
  /** e.g. ["MY_NVEC -> (MY_BASE + 4)", "MY_BASE -> 8"]. */
  chain: string[];
  /** `MSI_ANY_INDEX` (UINT_MAX) was passed. */
  anyIndex?: boolean;
  /**
   * Set when the value is a loop variable bounded by a loop condition, e.g. `i` in
   * `for (i = 0; i < nvec; i++)`: { variable: "i", bound: "nvec", inclusive: false }.
   */
  loopBound?: { variable: string; bound: string; inclusive: boolean; boundValue?: Value };
  /** Identifiers the expression reads (for correlating with allocation results). */
  symbols?: string[];
}

/** `struct msix_entry` array passed to pci_enable_msix_*: the `.entry` values when visible. */
export interface MsixEntries {
  array: string;
  /** Table slots in array order, when every one is constant; null when not visible. */
  indices: number[] | null;
  /** A loop filled `.entry = i` for i in [0, count). */
  identityUpTo?: Value;
}

/** An `#if` the driver's own text cannot decide (CONFIG_*, kbuild): both sides are kept. */
export interface Conditional {
  /** The macro that decides it, e.g. "CONFIG_PCI_MSI" ("" when the expression names none). */
  macro: string;
  /** The directive, e.g. "#ifdef CONFIG_PCI_MSI" or "#else after #ifdef CONFIG_PCI_MSI". */
  directive: string;
}

export interface MsiFact {
  /** Unique within its file. */
  id: number;
  /** Relative to the working directory, '/' separators. */
  file: string;
  /** The called function's name identifier. */
  range: Range;
  /** The whole call expression. */
  callRange: Range;
  api: string;
  kind: FactKind;
  /** Which catalogue signature matched: '6.1' (before per-domain), '6.2+', or 'any' when both agree. */
  signature: '6.1' | '6.2+' | 'any';
  device?: DeviceRef;
  /** 6.2+ domain id argument (or the implied one, e.g. 0 for PCI, 1 for IMS). */
  domain?: Value;
  /** 6.1 `struct irq_domain *` argument text. */
  irqDomain?: string;
  index?: Value;
  first?: Value;
  last?: Value;
  count?: Value;
  min?: Value;
  max?: Value;
  hwsize?: Value;
  /** PCI_IRQ_* flag names set (resolved through #defines), e.g. ["PCI_IRQ_MSIX", "PCI_IRQ_MSI"]. */
  flags?: string[];
  /**
   * The flags argument is not constant: `flags` lists only the names written in it (others may
   * be set). A local assigned only constants in the function gives the union of those values instead.
   */
  flagsPartial?: boolean;
  entries?: MsixEntries;
  /** Enclosing function name ("" at file scope). */
  function: string;
  /** The lvalue that receives the call's result, e.g. "ret", "map", "adapter->nvec". */
  result?: string;
  /** Raw argument texts, whitespace-normalised. */
  args: string[];
  /** A lock guard (`guard(msi_descs_lock)(dev)`, `scoped_guard(...)`): the source it holds the lock over. */
  lockScope?: Range;
  /** The call is compiled only in some configurations: findings on it are at most warnings. */
  conditional?: Conditional;
}

/** A condition, kept as a small tree so the model can tell success from error paths. */
export type Cond =
  | { t: 'and' | 'or'; a: Cond; b: Cond }
  | { t: 'not'; a: Cond }
  | { t: 'cmp'; op: '<' | '<=' | '>' | '>=' | '==' | '!='; left: Operand; right: Operand }
  | { t: 'truth'; operand: Operand }
  | { t: 'opaque'; text: string; facts: number[] };

/**
 * An expression of the replay's IR, built from the tree-sitter node so the replay never reads
 * source text: locations (variables, field paths), constants (through #define/enum), errnos,
 * calls (with their MSI fact), and the operators the replay evaluates; anything else is `other`.
 */
export type Expr =
  | { t: 'int'; value: number }
  | { t: 'errno'; name: string }
  | { t: 'var'; name: string }
  | { t: 'field'; base: Expr; name: string /** `base.name` (else `base->name`). */; dot?: true }
  | { t: 'index'; base: Expr; index: Expr }
  | { t: 'addr' | 'deref'; a: Expr }
  | { t: 'call'; name: string; args: Expr[] /** The call's range, as in its `call` statement (links the two). */; at: Range; fact?: number }
  | { t: 'err-ptr'; a: Expr }
  | { t: 'unary'; op: '!' | '-' | '~'; a: Expr }
  | { t: 'binary'; op: string; left: Expr; right: Expr }
  | { t: 'ternary'; test: Expr; then: Expr; else: Expr }
  | { t: 'other'; text: string };

export interface Operand {
  expr: Expr;
  text: string;
  /** The operand is the result of this MSI fact (a call inside the condition). */
  fact?: number;
  /** Constant value, when known. */
  value?: number;
  /** Operand is `IS_ERR(x)`, `x.index < 0`-style checks keep their text; this names `x`. */
  variable?: string;
}

/** Control-flow skeleton of a function: only what the model needs to order and separate calls. */
export type Stmt =
  | { t: 'fact'; id: number /** `x = f(...)`: the lvalue x. */; lvalue?: Expr; argExprs: Expr[] }
  | { t: 'call'; name: string; range: Range; args: string[]; argExprs: Expr[] /** `x = f(...)`: the lvalue x. */; result?: string; lvalue?: Expr }
  | { t: 'assign'; target: string; source: string; range: Range /** `=`, `|=`, `++`, ... */; op: string; lvalue: Expr; value: Expr }
  | { t: 'if'; cond: Cond; then: Stmt[]; else: Stmt[]; range: Range /** An undecided `#if` (cond is opaque). */; conditional?: Conditional }
  | {
      t: 'switch';
      subject: string;
      /** The subject as IR, and each label's constant (null: `default` or not a constant). */
      subjectExpr?: Expr;
      cases: { labels: string[]; values?: (number | null)[]; body: Stmt[] }[];
      range: Range;
    }
  | { t: 'loop'; cond?: Cond; body: Stmt[]; range: Range }
  | { t: 'return'; value?: string; expr?: Expr; range: Range }
  | { t: 'goto'; label: string; range: Range }
  | { t: 'label'; name: string; range: Range }
  | { t: 'break' | 'continue'; range: Range };

/** A function parameter: its name ('' when unnamed), and the struct a `struct NAME *` points to. */
export interface Param {
  name: string;
  pointsTo?: string;
}

export interface FunctionInfo {
  name: string;
  file: string;
  /** The function name in its definition. */
  range: Range;
  /** The whole definition. */
  bodyRange: Range;
  isStatic: boolean;
  /** Its parameters in order, e.g. `struct pci_dev *pdev` as { name: 'pdev', pointsTo: 'pci_dev' }. */
  params: Param[];
  body: Stmt[];
  /** Statements nested deeper than the skeleton follows were dropped from `body`, from here on. */
  truncated?: Range;
}

/** A PCI ID from a `pci_device_id` table (PCI_DEVICE / PCI_VDEVICE / explicit initialisers). */
export interface PciIdEntry {
  vendor: number;
  device: number;
  table: string;
  range: Range;
}

/** A driver registration tying probe/remove callbacks together, e.g. `struct pci_driver`. */
export interface DriverInfo {
  /** Variable name of the driver struct. */
  name: string;
  bus: 'pci' | 'platform' | 'auxiliary' | 'mdev' | 'fsl-mc' | 'cdx' | 'other';
  probe?: string;
  remove?: string;
  idTable?: string;
  range: Range;
}

export interface FileProblem {
  file: string;
  line: number;
  column: number;
  severity: 'error' | 'warning' | 'info';
  message: string;
}

/**
 * A file a header lookup probed, as it was when the facts were extracted: absolute path, size and
 * mtime; the path alone when nothing was there (a header that appears later changes the lookup).
 */
export type HeaderStamp = [path: string, size: number, mtimeMs: number] | [path: string];

export interface FileFacts {
  file: string;
  facts: MsiFact[];
  functions: FunctionInfo[];
  pciIds: PciIdEntry[];
  drivers: DriverInfo[];
  /** Unreadable bytes, truncated input, parse trouble that cost facts: never silent. */
  problems: FileProblem[];
  /** The headers and Makefiles its extraction looked up (a scan of a tree sets it: the facts cache keys on them). */
  headers?: HeaderStamp[];
}

export interface TreeFacts {
  /** The root path as given. */
  tree: string;
  era: EraInfo;
  files: FileFacts[];
}
