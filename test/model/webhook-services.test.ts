import { calledServiceRefs } from '../../src/model/webhook-services';

type Obj = { [key: string]: any };

function refs(object: Obj) {
  return calledServiceRefs({ object, namespace: 'default' }).map(({ from, ...r }) => r);
}

const svc = { name: 'hooks', namespace: 'system' };

describe('calledServiceRefs', () => {
  test('reads each webhook of a configuration, with port 443 unless written and the failure policy its version defaults', () => {
    const v1 = {
      apiVersion: 'admissionregistration.k8s.io/v1',
      kind: 'MutatingWebhookConfiguration',
      metadata: { name: 'm' },
      webhooks: [{ clientConfig: { service: svc } }, { failurePolicy: 'Ignore', clientConfig: { service: { ...svc, port: 8443 } } }, { clientConfig: { url: 'https://x' } }],
    };
    expect(refs(v1)).toEqual([
      { fromKind: 'MutatingWebhookConfiguration', fromName: 'm', where: 'webhooks[0].clientConfig.service', namespace: 'system', service: 'hooks', caller: 'admission', port: 443, failOpen: false },
      { fromKind: 'MutatingWebhookConfiguration', fromName: 'm', where: 'webhooks[1].clientConfig.service', namespace: 'system', service: 'hooks', caller: 'admission', port: 8443, failOpen: true },
    ]);
    expect(refs({ ...v1, apiVersion: 'admissionregistration.k8s.io/v1beta1' }).map((r) => r.failOpen)).toEqual([true, true]);
  });

  test.each([
    ['no namespace', { name: 'hooks' }],
    ['no name', { namespace: 'system' }],
    ['a namespace ytt fills (a YAML comment: null)', { name: 'hooks', namespace: null }],
  ])('reads no reference with %s (the API server rejects it, or a template fills it)', (_case, service) => {
    expect(refs({ apiVersion: 'admissionregistration.k8s.io/v1', kind: 'ValidatingWebhookConfiguration', webhooks: [{ clientConfig: { service } }] })).toEqual([]);
  });

  test.each([
    ['a placeholder', '${PORT}'],
    ['0', 0],
    ['65536', 65536],
  ])('reads no port from %s', (_case, port) => {
    expect(refs({ apiVersion: 'apiregistration.k8s.io/v1', kind: 'APIService', spec: { service: { ...svc, port } } })).toEqual([
      expect.objectContaining({ caller: 'aggregation', port: undefined }),
    ]);
  });

  test('reads a CRD conversion webhook of v1 and of v1beta1, only with strategy Webhook', () => {
    const v1 = {
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      metadata: { name: 'a.x.io' },
      spec: { versions: [{ name: 'v1', served: true }, { name: 'v2', served: true, storage: true }], conversion: { strategy: 'Webhook', webhook: { clientConfig: { service: svc } } } },
    };
    const v1beta1 = {
      apiVersion: 'apiextensions.k8s.io/v1beta1',
      kind: 'CustomResourceDefinition',
      metadata: { name: 'a.x.io' },
      spec: { version: 'v1', conversion: { strategy: 'Webhook', webhookClientConfig: { service: svc } } },
    };
    expect(refs(v1)).toEqual([expect.objectContaining({ where: 'spec.conversion.webhook.clientConfig.service', caller: 'conversion', failOpen: false })]);
    expect(refs(v1beta1)).toEqual([expect.objectContaining({ where: 'spec.conversion.webhookClientConfig.service', failOpen: true })]);
    expect(refs({ ...v1, spec: { ...v1.spec, conversion: { ...v1.spec.conversion, strategy: 'None' } } })).toEqual([]);
  });

  /** A v1 CRD with a conversion webhook: its versions as [name, served, storage], and `status.storedVersions` when given. */
  function crdOf(versions: [string, boolean, boolean][], storedVersions?: unknown): Obj {
    return {
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      metadata: { name: 'a.x.io' },
      spec: { versions: versions.map(([name, served, storage]) => ({ name, served, storage })), conversion: { strategy: 'Webhook', webhook: { clientConfig: { service: svc } } } },
      ...(storedVersions === undefined ? {} : { status: { storedVersions } }),
    };
  }

  test.each([
    ['two served versions', crdOf([['v1alpha1', true, false], ['v1', true, true]]), false],
    ['one served version, another listed but not served, no status (a manifest)', crdOf([['v1alpha1', false, false], ['v1', true, true]]), true],
    ['one served version, objects stored in it only', crdOf([['v1alpha1', false, false], ['v1', true, true]], ['v1']), true],
    ['one served version, objects still stored in another (converted on read)', crdOf([['v1alpha1', false, false], ['v1', true, true]], ['v1alpha1', 'v1']), false],
    ['one version only', crdOf([['v1', true, true]]), true],
    ['storedVersions that is no list', crdOf([['v1', true, true]], 'v0'), true],
    // every request for v1 converts the objects stored in v2
    ['one served version that is not the storage one, no status', crdOf([['v1', true, false], ['v2', false, true]]), false],
  ])('reads a conversion webhook as failing open or not: %s', (_case, object, failOpen) => {
    expect(refs(object)).toEqual([expect.objectContaining({ caller: 'conversion', failOpen })]);
  });

  test('reads nothing from an APIService whose status says Available True (a live one: its Service is called)', () => {
    const api = { apiVersion: 'apiregistration.k8s.io/v1', kind: 'APIService', spec: { service: svc } };
    expect(refs({ ...api, status: { conditions: [{ type: 'Available', status: 'True' }] } })).toEqual([]);
    expect(refs({ ...api, status: { conditions: [{ type: 'Available', status: 'False' }] } })).toHaveLength(1);
    expect(refs({ ...api, status: { conditions: 'junk' } })).toHaveLength(1);
  });

  test('reads nothing from a local APIService, another group\'s kind, or junk', () => {
    expect(refs({ apiVersion: 'apiregistration.k8s.io/v1', kind: 'APIService', spec: { group: 'apps', version: 'v1' } })).toEqual([]);
    expect(refs({ apiVersion: 'example.io/v1', kind: 'APIService', spec: { service: svc } })).toEqual([]);
    expect(refs({ apiVersion: 'admissionregistration.k8s.io/v1', kind: 'ValidatingWebhookConfiguration', webhooks: 'x' })).toEqual([]);
    expect(refs({ kind: 42 })).toEqual([]);
  });

  test('reads a v1beta1 CRD with one spec.version and no versions as serving and storing it', () => {
    const v1beta1 = (status?: Obj): Obj => ({
      apiVersion: 'apiextensions.k8s.io/v1beta1',
      kind: 'CustomResourceDefinition',
      metadata: { name: 'a.x.io' },
      spec: { version: 'v1', conversion: { strategy: 'Webhook', webhookClientConfig: { service: svc } } },
      ...(status ? { status } : {}),
    });
    expect(refs(v1beta1({ storedVersions: ['v1'] }))).toEqual([expect.objectContaining({ failOpen: true })]);
    expect(refs(v1beta1({ storedVersions: ['v1alpha1', 'v1'] }))).toEqual([expect.objectContaining({ failOpen: false })]);
  });

  /** An APIService of a live cluster whose Available condition is as given. */
  function liveApi(available: Obj | undefined): Obj {
    return {
      apiVersion: 'apiregistration.k8s.io/v1',
      kind: 'APIService',
      metadata: { name: 'v1beta1.m.x.io' },
      spec: { service: svc },
      status: { conditions: available ? [{ type: 'Available', ...available }] : [] },
    };
  }

  test.each([
    // kube-aggregator's available_controller.go: ServiceNotFound, then ServicePortError, then the endpoints and discovery
    ['Available True', { status: 'True', reason: 'Passed' }, []],
    ['ServiceNotFound', { status: 'False', reason: 'ServiceNotFound' }, [expect.objectContaining({ live: 'service' })]],
    ['ServicePortError', { status: 'False', reason: 'ServicePortError' }, [expect.objectContaining({ live: 'port' })]],
    ['MissingEndpoints (found the Service and its port)', { status: 'False', reason: 'MissingEndpoints' }, []],
    ['FailedDiscoveryCheck', { status: 'False', reason: 'FailedDiscoveryCheck' }, []],
    ['no reason', { status: 'False' }, [expect.not.objectContaining({ live: expect.anything() })]],
    ['no Available condition', undefined, [expect.not.objectContaining({ live: expect.anything() })]],
  ])('reads a live APIService by the reason of its Available condition: %s', (_case, available, expected) => {
    expect(refs(liveApi(available))).toEqual(expected);
  });
});
