// Property tests run with a fixed seed in CI (CI=true), so a CI run is repeatable; locally they explore new random
// cases on every run. `FC_SEED=<n>` pins any run, e.g. to replay a failure; `npx ts-node scripts/fuzz.ts` runs
// 100,000 random cases on demand.
import * as fc from 'fast-check';

const pinned = process.env.FC_SEED ?? (process.env.CI ? '20261122' : undefined);
if (pinned !== undefined) fc.configureGlobal({ seed: Number(pinned) });
