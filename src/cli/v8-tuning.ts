/**
 * V8 settings for the CLI's one-shot commands, applied by `main` (bin/cdk8s-dns) before the command's modules load;
 * never by `run` (tests and benchmarks call it in-process, inside their own process) nor by the library.
 *
 * - `v8FlagsFor(command)`: the flags for one command (none for most).
 * - `tuneV8For(command)`: sets them (`v8.setFlagsFromString`).
 *
 * `check` runs most of its code once, over every object: the model, the shared indexes and about 50 rules, each
 * function hot for one pass and then never again. V8's optimizing compiler (TurboFan) compiles such functions on
 * another thread, and with its default inlining budget (920 bytes of bytecode inlined into one function) it compiles
 * the callees into each caller again, work that one pass does not repay. With a budget of 100 (small helpers such as
 * `asRecord` and `nonEmptyString` are still inlined), whole processes of `cdk8s-dns check --jobs 1` on the generated
 * 50,000 objects took 10% less CPU time (all threads; median of 10 alternating rounds 2.76 s against 3.11 s, lower in
 * every round) and 4% less wall time, 13% less CPU on 5,000 objects, and the same at 200,000 (bench/README.md, "Check
 * CPU"). The findings are the same. `serve` keeps V8's defaults: a server runs the same code millions of times, where
 * inlining pays.
 */
import * as v8 from 'v8';

/** TurboFan's budget of bytecode inlined into one optimized function for one-shot commands (V8's default: 920). */
export const ONE_SHOT_INLINING_BUDGET = 100;

/** The commands that run their code once over the input (measured: `check`). */
const ONE_SHOT_COMMANDS: ReadonlySet<string> = new Set(['check']);

/** The V8 flags for `command` (empty for commands that keep V8's defaults). */
export function v8FlagsFor(command: string | undefined): readonly string[] {
  if (command === undefined || !ONE_SHOT_COMMANDS.has(command)) return [];
  return [`--max-inlined-bytecode-size-cumulative=${ONE_SHOT_INLINING_BUDGET}`];
}

/** Sets the V8 flags of `command` for this process (before its modules load, so that every function compiles with them). */
export function tuneV8For(command: string | undefined): void {
  for (const flag of v8FlagsFor(command)) v8.setFlagsFromString(flag);
}
