/**
 * `cdk8s-dns`: a thin shell over the library (parse args -> load files -> call the library -> print -> exit code).
 * Node-only; not part of the jsii surface. Commands are loaded lazily so `cdk8s-dns resolve` starts fast (no cdk8s).
 *
 * - `main(argv)`: runs with process streams and sets `process.exitCode`.
 * - `run(argv, io)`: in-process, returns the exit code (0 answer / success, 1 no answer, 2 bad usage or input).
 * - `cdk8s-dns --version` (`-V`) prints the package's version (version.ts), `--help` (`-h`) the usage of every command.
 *
 * To add a command, add one line to `COMMANDS`: `name: (args, io) => require('./file').runX(args, io)`, where
 * `runX(args: string[], io: CliIo): number`, and its synopsis, options and help to the table in usage.ts (which also
 * says what `parseArgs` accepts).
 */

import { mainHelp } from './usage';
import { tuneV8For } from './v8-tuning';
import { packageInfo } from './version';
import { terminalSafe } from '../model/display';
import { showValue } from '../show-value';

/** Where the CLI reads and writes (tests pass their own). */
export interface CliIo {
  /** Writes text to standard output (the text carries its own newlines). */
  readonly stdout: (text: string) => void;
  /** Writes text to standard error. */
  readonly stderr: (text: string) => void;
  /** Text of standard input (for `-f -`); default: read fd 0. */
  readonly stdin?: () => string;
}

type Command = (args: string[], io: CliIo) => number;

/* eslint-disable @typescript-eslint/no-require-imports */
const COMMANDS: { [name: string]: Command } = {
  resolve: (args, io) => require('./resolve').runResolve(args, io),
  records: (args, io) => require('./records').runRecords(args, io),
  check: (args, io) => require('./check').runCheck(args, io),
  graph: (args, io) => require('./graph').runGraph(args, io),
  serve: (args, io) => require('./serve').runServe(args, io),
};
/* eslint-enable @typescript-eslint/no-require-imports */


/**
 * Runs the CLI in-process and returns the exit code. Everything it prints goes through `terminalSafe`: names and values
 * from the manifests (or a file name) may hold control characters, and no output of this CLI may drive a terminal.
 */
export function run(argv: readonly string[], raw: CliIo): number {
  const io: CliIo = { stdout: (t) => raw.stdout(terminalSafe(t)), stderr: (t) => raw.stderr(terminalSafe(t)), stdin: raw.stdin };
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    (command === undefined ? io.stderr : io.stdout)(`${mainHelp()}\n`);
    return command === undefined ? 2 : 0;
  }
  if (command === '--version' || command === '-V') {
    try {
      io.stdout(`${packageInfo().version}\n`);
      return 0;
    } catch (e: any) {
      io.stderr(`cdk8s-dns: cannot read the version (${String(e?.message ?? e).split('\n')[0]})\n`);
      return 2;
    }
  }
  const cmd = Object.prototype.hasOwnProperty.call(COMMANDS, command) ? COMMANDS[command] : undefined;
  if (!cmd) {
    io.stderr(`cdk8s-dns: unknown command ${showValue(command)}; expected one of: ${Object.keys(COMMANDS).join(', ')}\n${mainHelp()}\n`);
    return 2;
  }
  try {
    return cmd([...rest], io);
  } catch (e: any) {
    // Never a stack trace: one line.
    io.stderr(`cdk8s-dns: ${String(e?.message ?? e).split('\n')[0]}\n`);
    return 2;
  }
}

/**
 * A write error of standard output. A reader that stops early (`cdk8s-dns records -f app.yaml | head`) closes the pipe
 * (EPIPE): the rest of the output has no reader, which is no failure of the command, so nothing more is said and the
 * command's exit status stands (Node had thrown it as an unhandled 'error' event, a stack trace on standard error).
 * Any other write error is one line, and exit status 2.
 */
function onOutputError(e: NodeJS.ErrnoException): void {
  if (e.code === 'EPIPE') return;
  process.stderr.write(`cdk8s-dns: cannot write the output (${String(e.message).split('\n')[0]})\n`);
  process.exitCode = 2;
}

/** Entry point of bin/cdk8s-dns: V8 tuned for the command (v8-tuning.ts), then `run` with the process streams. */
export function main(argv: readonly string[]): void {
  tuneV8For(argv[0]);
  if (!process.stdout.listeners('error').includes(onOutputError)) process.stdout.on('error', onOutputError);
  process.exitCode = run(argv, {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
  });
}

if (require.main === module) {
  main(process.argv.slice(2));
}
