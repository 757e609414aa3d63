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
      spec: { versions: [{ name: 'v1' }, { name: 'v2', served: false }], conversion: { strategy: 'Webhook', webhook: { clientConfig: { service: svc } } } },
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

  test('reads nothing from a local APIService, another group\'s kind, or junk', () => {
    expect(refs({ apiVersion: 'apiregistration.k8s.io/v1', kind: 'APIService', spec: { group: 'apps', version: 'v1' } })).toEqual([]);
    expect(refs({ apiVersion: 'example.io/v1', kind: 'APIService', spec: { service: svc } })).toEqual([]);
    expect(refs({ apiVersion: 'admissionregistration.k8s.io/v1', kind: 'ValidatingWebhookConfiguration', webhooks: 'x' })).toEqual([]);
    expect(refs({ kind: 42 })).toEqual([]);
  });
});
