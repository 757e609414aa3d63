/**
 * Property-based tests (fast-check): arbitrary objects, random mutations of valid manifests and ExternalName webs
 * never make the model, `check` or `resolve` throw, hang or crash a rule. A few thousand cases here; scripts/fuzz.ts
 * runs 100,000 on demand.
 */
import * as fc from 'fast-check';
import { all } from './builders';
import { anyInput, externalNameWeb, mutatedManifests, neverThrows, validManifests } from './fuzz-arbitraries';

describe('checker properties', () => {
  test('the valid manifest set checks without crashing', () => {
    expect(() => neverThrows(validManifests())).not.toThrow();
    expect(all(validManifests()).filter((f) => f.level === 'error')).toEqual([]);
  });

  test('arbitrary input never throws', () => {
    fc.assert(fc.property(anyInput, (objs) => neverThrows(objs)), { numRuns: 1500, seed: 42 });
  });

  test('random mutations of valid manifests never throw', () => {
    fc.assert(fc.property(mutatedManifests, (objs) => neverThrows(objs)), { numRuns: 600, seed: 7 });
  });

  test('ExternalName cycles and chains never throw or hang', () => {
    fc.assert(fc.property(externalNameWeb, (objs) => neverThrows(objs)), { numRuns: 400, seed: 3 });
  });
});
