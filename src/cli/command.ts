// The shape of one CLI sub-command. Each command lives in its own file under src/cli/commands/
// and is registered in src/cli/registry.ts.

export interface CliIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Directory that relative paths (input and output) are resolved against. */
  cwd: string;
  /** True when stderr is a terminal (progress lines are allowed). */
  interactive: boolean;
  /** Progress lines for a terminal, written as they are (main() escapes stdout and stderr, not these). */
  progress?: (text: string) => void;
}

export interface Command {
  name: string;
  /** One line for `irqlens --help`. */
  summary: string;
  /** Full usage text for `irqlens NAME --help`. */
  usage: string;
  /** Returns the exit status: 0 ok, 1 findings at/above --fail-on, 2 usage error. */
  run(argv: string[], io: CliIO): Promise<number>;
}

/** Thrown for bad arguments; main prints the message and the command's usage and exits 2. */
export class UsageError extends Error {}
