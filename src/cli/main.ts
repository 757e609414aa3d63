/**
 * `cdk8s-dns`: a thin shell over the library (parse args -> load files -> call the library -> print -> exit code).
 * Node-only; not part of the jsii surface. Commands are loaded lazily so `cdk8s-dns resolve` starts fast (no cdk8s).
 *
 * - `main(argv)`: runs with process streams and sets `process.exitCode`.
 * - `run(argv, io)`: in-process, returns the exit code (0 answer / success, 1 no answer, 2 bad usage or input).
 *
 * To add a command, add one line to `COMMANDS`: `name: (args, io) => require('./file').runX(args, io)`, where
 * `runX(args: string[], io: CliIo): number`.
 */

import { terminalSafe } from '../model/display';

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

export const USAGE = [
  'usage: cdk8s-dns resolve NAME [--type A|AAAA|CNAME|SRV|PTR|TXT] [--namespace NS] [-f PATH]... [--domain D]',
  '                 [--pods disabled|insecure|verified] [--endpoint-pod-names] [--json]',
  '       cdk8s-dns records [-f PATH]... [--domain D] [--pods disabled|insecure|verified] [--endpoint-pod-names]',
  '       cdk8s-dns check [-f PATH]... [--json] [--complete] [--domain D] [--service-cidr C] [--pod-cidr C] [--default-namespace NS]',
  '       cdk8s-dns graph [-f PATH]... [--format mermaid|markdown|svg] [--output FILE] [--no-check]',
  '       cdk8s-dns serve [-f PATH]... [--port 5353] [--address 127.0.0.1] [--watch] (DNS over UDP and TCP; docs/serve.md)',
  '  -f PATH: file or folder (repeatable, - for standard input), default dist/',
  '  more: --service-cidr CIDR[,CIDR] --pod-cidr CIDR[,CIDR] --default-namespace NS --ttl N --ndots N',
  '        --jobs N (-j N): threads that read large inputs (default: the CPUs, at most 4; 1: no worker threads)',
].join('\n');

/**
 * Runs the CLI in-process and returns the exit code. Everything it prints goes through `terminalSafe`: names and values
 * from the manifests (or a file name) may hold control characters, and no output of this CLI may drive a terminal.
 */
export function run(argv: readonly string[], raw: CliIo): number {
  const io: CliIo = { stdout: (t) => raw.stdout(terminalSafe(t)), stderr: (t) => raw.stderr(terminalSafe(t)), stdin: raw.stdin };
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    (command === undefined ? io.stderr : io.stdout)(`${USAGE}\n`);
    return command === undefined ? 2 : 0;
  }
  if ((command === 'resolve' || command === 'records') && rest.some((a) => a === '--help' || a === '-h')) {
    io.stdout(`${USAGE}\n`);
    return 0;
  }
  const cmd = Object.prototype.hasOwnProperty.call(COMMANDS, command) ? COMMANDS[command] : undefined;
  if (!cmd) {
    io.stderr(`cdk8s-dns: unknown command "${command}"; expected one of: ${Object.keys(COMMANDS).join(', ')}\n${USAGE}\n`);
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

/** Entry point of bin/cdk8s-dns. */
export function main(argv: readonly string[]): void {
  process.exitCode = run(argv, {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
  });
}

if (require.main === module) {
  main(process.argv.slice(2));
}
