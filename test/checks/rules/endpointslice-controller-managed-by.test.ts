import { endpointSliceControllerManagedBy } from '../../../src/checks/rules/endpointslice-controller-managed-by';
import { run, selectorlessTrio, slice } from '../builders';

describe('endpointslice-controller-managed-by', () => {
  test('reports nothing for a custom managed-by value', () => {
    expect(run(endpointSliceControllerManagedBy, selectorlessTrio())).toEqual([]);
  });

  test('reports a hand-written slice claiming the mirroring controller', () => {
    const [svc] = selectorlessTrio('ext');
    const found = run(endpointSliceControllerManagedBy, [svc, slice('ext-1', 'ext', undefined, undefined, {}, { 'endpointslice.kubernetes.io/managed-by': 'endpointslicemirroring-controller.k8s.io' })]);
    expect(found[0]).toMatchObject({ level: 'error', resource: 'EndpointSlice/default/ext-1' });
    expect(found[0].message).toMatch(/managed-by: endpointslicemirroring-controller.k8s.io but was not made by that controller, which will delete it/);
  });

  test('reports nothing for a controller slice of a live export (with an owner)', () => {
    const s = slice('web-abcde', 'web', ['10.244.0.4'], [{ port: 8080 }], {}, { 'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io' });
    s.metadata.ownerReferences = [{ kind: 'Service', name: 'web' }];
    expect(run(endpointSliceControllerManagedBy, [s])).toEqual([]);
  });
});
