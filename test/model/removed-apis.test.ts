import { builtinKind } from '../../src/model/manifest';
import { asServedVersion, removedApi } from '../../src/model/removed-apis';

const template = { metadata: { labels: { app: 'web' } }, spec: { containers: [] } };

describe('removedApi', () => {
  test.each([
    ['apps/v1beta1', 'StatefulSet', 'apps/v1', 'v1.16'],
    ['apps/v1beta2', 'ReplicaSet', 'apps/v1', 'v1.16'],
    ['extensions/v1beta1', 'DaemonSet', 'apps/v1', 'v1.16'],
    ['extensions/v1beta1', 'Ingress', 'networking.k8s.io/v1', 'v1.22'],
    ['discovery.k8s.io/v1beta1', 'EndpointSlice', 'discovery.k8s.io/v1', 'v1.25'],
    ['storage.k8s.io/v1beta1', 'CSIStorageCapacity', 'storage.k8s.io/v1', 'v1.27'],
  ])('%s %s: use %s (removed in %s)', (apiVersion, kind, replacement, removedIn) => {
    expect(removedApi({ apiVersion, kind })).toMatchObject({ apiVersion, kind, replacement, removedIn });
  });

  test.each([
    ['apps/v1', 'StatefulSet'], ['storage.k8s.io/v1beta1', 'StorageClassX'], [undefined, 'Deployment'], [7, 'Deployment'], ['apps/v1beta1', {}],
  ])('is undefined for %s %s', (apiVersion, kind) => {
    expect(removedApi({ apiVersion, kind } as any)).toBeUndefined();
  });
});

describe('asServedVersion', () => {
  test.each([
    ['apps/v1beta1 StatefulSet', 'apps/v1beta1', 'StatefulSet'],
    ['extensions/v1beta1 Deployment', 'extensions/v1beta1', 'Deployment'],
  ])('reads a %s without a selector as apps/v1 with the template labels as selector, leaving the input as it is', (_case, apiVersion, kind) => {
    const obj = { apiVersion, kind, metadata: { name: 'web' }, spec: { template } };
    const served = asServedVersion(obj);
    expect(served).toMatchObject({ apiVersion: 'apps/v1', spec: { selector: { matchLabels: { app: 'web' } }, template } });
    expect(obj).toEqual({ apiVersion, kind, metadata: { name: 'web' }, spec: { template } });
  });

  test('keeps an explicit selector, and does not default one where the old version did not (apps/v1beta2)', () => {
    const selector = { matchLabels: { app: 'other' } };
    expect(asServedVersion({ apiVersion: 'apps/v1beta1', kind: 'StatefulSet', spec: { selector, template } }).spec.selector).toBe(selector);
    expect(asServedVersion({ apiVersion: 'apps/v1beta2', kind: 'StatefulSet', spec: { template } })).toEqual({ apiVersion: 'apps/v1', kind: 'StatefulSet', spec: { template } });
  });

  test('returns current objects, and removed ones without a replacement, as they are', () => {
    const current = { apiVersion: 'apps/v1', kind: 'StatefulSet', spec: {} };
    const psp = { apiVersion: 'policy/v1beta1', kind: 'PodSecurityPolicy' };
    expect(asServedVersion(current)).toBe(current);
    expect(asServedVersion(psp)).toBe(psp);
  });

  test('the resolver reads the removed workload and EndpointSlice versions by their group, as their current kind', () => {
    for (const [apiVersion, kind] of [['apps/v1beta1', 'StatefulSet'], ['apps/v1beta2', 'DaemonSet'], ['extensions/v1beta1', 'Deployment'], ['discovery.k8s.io/v1beta1', 'EndpointSlice']]) {
      expect(builtinKind({ apiVersion, kind })).toBe(kind);
      expect(builtinKind(asServedVersion({ apiVersion, kind }))).toBe(kind);
    }
  });
});
