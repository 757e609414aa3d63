import { endpointSliceMissingServiceName } from '../../../src/checks/rules/endpointslice-missing-service-name';
import { run, selectorlessTrio, slice } from '../builders';

describe('endpointslice-missing-service-name', () => {
  test('reports nothing when the slice has the label', () => {
    expect(run(endpointSliceMissingServiceName, selectorlessTrio())).toEqual([]);
  });

  test('reports a slice without the label and suggests the Service its name starts with', () => {
    const [svc] = selectorlessTrio('ext');
    const found = run(endpointSliceMissingServiceName, [svc, slice('ext-ipv4', undefined)]);
    expect(found[0]).toMatchObject({ level: 'error', resource: 'EndpointSlice/default/ext-ipv4' });
    expect(found[0].message).toMatch(/has no kubernetes.io\/service-name label, so kube-proxy and cluster DNS ignore it.*Fix: add the label kubernetes.io\/service-name: ext\./);
  });
});
