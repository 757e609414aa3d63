/**
 * How tests run the CLI from src/ as a real process: `node <CLI_FROM_SOURCE> <command> ...`. The TypeScript is
 * transpiled by the same require hook the parse workers load in development (src/model/parse-worker-hook.js), which
 * keeps its output in node_modules/.cache: a process starts in a fraction of a second instead of loading the
 * TypeScript compiler and transpiling the CLI's modules again, as `-r ts-node/register/transpile-only` did on every run.
 */
import * as path from 'path';

const root = path.join(__dirname, '..');

/** node's arguments before the CLI's: the hook and src/cli/main.ts. */
export const CLI_FROM_SOURCE: readonly string[] = [
  '--require', path.join(root, 'src', 'model', 'parse-worker-hook.js'),
  path.join(root, 'src', 'cli', 'main.ts'),
];
