import { statefulSetOrdinals } from '../../src/model/pods';

describe('statefulSetOrdinals', () => {
  test.each<[string, unknown, object]>([
    ['no spec', undefined, { start: 0, replicas: 1, replicasSet: false, placeholder: false }],
    ['replicas and ordinals.start', { replicas: 3, ordinals: { start: 2 } }, { start: 2, replicas: 3, replicasSet: true, placeholder: false }],
    ['0 replicas', { replicas: 0 }, { start: 0, replicas: 0, replicasSet: true, placeholder: false }],
    ['numbers as strings', { replicas: '4', ordinals: { start: '1' } }, { start: 1, replicas: 4, replicasSet: true, placeholder: false }],
    ['negative and fractional numbers', { replicas: -2, ordinals: { start: 1.5 } }, { start: 1, replicas: 0, replicasSet: true, placeholder: false }],
    ['replicas Flux substitutes', { replicas: '${REPLICAS}' }, { start: 0, replicas: 1, replicasSet: true, placeholder: true }],
    ['an ordinals start Flux substitutes', { ordinals: { start: '${START}' } }, { start: 0, replicas: 1, replicasSet: false, placeholder: true }],
    ['a null replicas (YAML `replicas:`), which the API server defaults to 1', { replicas: null, ordinals: { start: null } }, { start: 0, replicas: 1, replicasSet: false, placeholder: false }],
  ])('reads %s', (_, spec, expected) => {
    expect(statefulSetOrdinals(spec)).toEqual(expected);
  });
});
