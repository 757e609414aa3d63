// GIVEN objects with labels of any type, WHEN rules read one label, THEN they get what the whole label map says.
import * as fc from 'fast-check';
import { labelOf, labelsOf } from '../../src/checks/helpers';

test('labelOf(o, key) = labelsOf(o)[key] for label values of any type', () => {
  const keys = ['kubernetes.io/service-name', 'endpointslice.kubernetes.io/managed-by', 'app'];
  const value = fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null), fc.constant(undefined), fc.object(), fc.array(fc.string()));
  const metadata = fc.oneof(fc.record({ labels: fc.oneof(fc.dictionary(fc.constantFrom(...keys), value), fc.anything()) }), fc.anything());
  fc.assert(fc.property(metadata, (meta) => {
    const o = { object: { kind: 'EndpointSlice', metadata: meta } as any, namespace: 'default', source: { file: 'x', document: 1 } };
    for (const k of keys) expect(labelOf(o, k)).toBe(labelsOf(o)[k]);
  }), { numRuns: 1000 });
});

