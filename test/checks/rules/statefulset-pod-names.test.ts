import { statefulSetPodNames } from '../../../src/checks/rules/statefulset-pod-names';
import { messages, run, statefulSet } from '../builders';

describe('statefulset-pod-names', () => {
  test('reports nothing for a 52-character name', () => {
    expect(run(statefulSetPodNames, [statefulSet('a'.repeat(52), undefined)])).toEqual([]);
  });

  test('reports a 53-character name (controller-revision-hash label too long)', () => {
    const found = run(statefulSetPodNames, [statefulSet('a'.repeat(53), undefined)]);
    expect(found[0]).toMatchObject({ level: 'error' });
    expect(found[0].message).toMatch(/is 53 characters long; its pods' controller-revision-hash label .* exceeds 63 characters.*at most 52/);
  });

  test('reports a pod hostname over 63 characters with large ordinals', () => {
    const msgs = messages(statefulSetPodNames, [statefulSet('b'.repeat(50), undefined, undefined, { replicas: 2, ordinals: { start: 10 ** 12 } })]);
    expect(msgs[0]).toMatch(/would name its last pod .* \(63 characters\)|would name its last pod .* \(6[4-9] characters\)/);
  });
});
