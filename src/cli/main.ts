// `irqlens` entry point: dispatches to a sub-command and turns every failure into a message
// and an exit status (0 ok, 1 findings at or above --fail-on, 2 usage error).
import { UsageError, type CliIO } from './command';
import { commands } from './registry';
import { tuneTierUpForScans } from '../workspace/tier-up';
import { escapeControls } from '../protocol/display-text';

const version = '0.1.0';

function topUsage(): string {
  const width = Math.max(...commands.map((c) => c.name.length), 4);
  const lines = commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`);
  return `usage: irqlens <command> [options]\n\ncommands:\n${lines.join('\n')}\n\nRun \`irqlens <command> --help\` for a command's options.\n`;
}

export async function main(argv: string[], given: CliIO): Promise<number> {
  const io = safeIO(given);
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    (name === undefined ? io.stderr : io.stdout)(topUsage());
    return name === undefined ? 2 : 0;
  }
  if (name === '--version' || name === '-V') {
    io.stdout(`irqlens ${version}\n`);
    return 0;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    io.stderr(`irqlens: unknown command '${name}'\n\n${topUsage()}`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout(command.usage);
    return 0;
  }
  try {
    return await command.run(rest, io);
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr(`irqlens ${name}: ${err.message}\n\n${command.usage}`);
      return 2;
    }
    throw err;
  }
}

/** stdout and stderr with control characters escaped (every text face); progress goes to stderr raw. */
function safeIO(io: CliIO): CliIO {
  return { ...io, stdout: (t) => io.stdout(escapeControls(t)), stderr: (t) => io.stderr(escapeControls(t)), progress: io.progress ?? io.stderr };
}

function processIO(): CliIO {
  return {
    stdout: (t) => void process.stdout.write(t),
    stderr: (t) => void process.stderr.write(t),
    cwd: process.cwd(),
    interactive: Boolean(process.stderr.isTTY),
  };
}

/**
 * A reader that stops early (`irqlens facts . | head`) closes the pipe: like other Unix tools, stop
 * quietly with the status a SIGPIPE death would give, instead of an unhandled EPIPE stack trace.
 */
function quietOnClosedPipe(): void {
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code !== 'EPIPE') throw err;
    process.exit(141);
  });
}

/** Runs the CLI on this process's arguments and sets the exit code. */
export function runProcess(): void {
  tuneTierUpForScans();
  quietOnClosedPipe();
  main(process.argv.slice(2), processIO()).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(`irqlens: internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
      process.exitCode = 70;
    },
  );
}

if (require.main === module) runProcess();
