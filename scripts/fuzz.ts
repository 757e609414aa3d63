/**
 * The checker's on-demand property run: 100,000 cases (or the count given) of arbitrary objects, random mutations of
 * valid manifests and ExternalName webs, asserting that the model, `check` and `resolve` never throw, hang or crash a
 * rule (the same properties as test/checks/properties.test.ts, which runs a few thousand cases in CI).
 *
 *   npx ts-node scripts/fuzz.ts [CASES] [SEED]
 *
 * Exit 0 when every case passes; 1 with fast-check's shrunk counterexample otherwise.
 */
import * as fc from 'fast-check';
import { anyInput, externalNameWeb, mutatedManifests, neverThrows } from '../test/checks/fuzz-arbitraries';

const total = Number(process.argv[2] ?? 100_000);
const seed = Number(process.argv[3] ?? Date.now() % 2 ** 31);
/** A case slower than this is reported as a hang. */
const HANG_MS = 5_000;

const slow = (objects: unknown[]) => {
  const t = Date.now();
  neverThrows(objects);
  const ms = Date.now() - t;
  if (ms > HANG_MS) throw new Error(`case took ${ms} ms (hang?)`);
};

const parts: [string, fc.Arbitrary<unknown[]>, number][] = [
  ['arbitrary objects', anyInput, Math.round(total * 0.45)],
  ['mutated valid manifests', mutatedManifests, Math.round(total * 0.45)],
  ['ExternalName webs', externalNameWeb, total - 2 * Math.round(total * 0.45)],
];

let failed = false;
console.log(`fuzz: ${total} cases, seed ${seed}`);
for (const [name, arb, runs] of parts) {
  const started = Date.now();
  const result = fc.check(fc.property(arb, slow), { numRuns: runs, seed });
  const secs = ((Date.now() - started) / 1000).toFixed(1);
  if (result.failed) {
    failed = true;
    console.log(`FAIL ${name}: ${runs} cases, ${secs} s`);
    console.log(fc.defaultReportMessage(result));
  } else {
    console.log(`ok   ${name}: ${runs} cases, ${secs} s`);
  }
}
process.exitCode = failed ? 1 : 0;
