// GIVEN the label-key memo of one check run, WHEN keys are asked (valid, invalid, more than it keeps), THEN it answers
// as isQualifiedName does, keeps at most 10,000 keys, and two runs do not share it.
import * as fc from 'fast-check';
import { ValidKeys } from '../../../src/checks/validation/metadata';
import { isQualifiedName } from '../../../src/k8s-syntax/names';
import { ClusterModel } from '../../../src/model/cluster-model';
import { contextOf } from '../builders';

test('ValidKeys.includes = isQualifiedName, asked once or twice', () => {
  const keys = new ValidKeys();
  const key = fc.oneof(fc.string({ maxLength: 70 }), fc.constantFrom('app', 'example.com/app', 'a/b/c', '-x', 'x'.repeat(64), 'kubernetes.io/name'));
  fc.assert(fc.property(key, (k) => {
    expect(keys.includes(k)).toBe(isQualifiedName(k));
    expect(keys.includes(k)).toBe(isQualifiedName(k));
  }), { numRuns: 2000 });
});

test('ValidKeys keeps at most 10,000 keys and still answers beyond them', () => {
  const keys = new ValidKeys();
  for (let i = 0; i < 12_000; i++) expect(keys.includes(`k${i}`)).toBe(true);
  expect(keys.includes('k11999')).toBe(true);
  expect(keys.includes('-bad')).toBe(false);
  expect((keys as any).valid.size).toBe(10_000);
});

test('each check context has a memo of its own', () => {
  const model = ClusterModel.fromObjects([]);
  expect(contextOf(model).validKeys).not.toBe(contextOf(model).validKeys);
});
