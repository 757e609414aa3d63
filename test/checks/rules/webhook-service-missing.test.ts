import { webhookServiceMissing } from '../../../src/checks/rules/webhook-service-missing';
import { deployment, run, service } from '../builders';
import { helmRelease } from '../openshift';
import { apiService, crd, manager, mutating, ref, validating, webhookSvc } from '../webhooks';

describe('webhook-service-missing', () => {
  test.each([
    ['a validating webhook and its Service', [webhookSvc, manager, validating(ref)]],
    ['a mutating webhook and its Service', [webhookSvc, manager, mutating(ref)]],
    ['a conversion webhook and its Service', [webhookSvc, manager, crd(ref)]],
    ['an APIService and its Service', [webhookSvc, manager, apiService(ref)]],
    ['a local APIService (no service: kube-apiserver serves it)', [manager, apiService(undefined)]],
    ['a CRD without conversion webhook', [manager, { ...crd(ref), spec: { ...crd(ref).spec, conversion: { strategy: 'None' } } }]],
    ['a webhook called by URL', [manager, validating(undefined as any, { clientConfig: { url: 'https://hooks.example.com/validate' } })]],
    ['a reference without namespace (the API server rejects it)', [manager, validating({ name: 'nope' })]],
    ['a Service in a namespace the input holds nothing of (its Services live elsewhere)', [validating({ name: 'nope', namespace: 'gatekeeper-system' })]],
    ['a Service named like a chart release into the namespace', [manager, helmRelease('webhook-service', 'system'), validating(ref)]],
    ['a Flux placeholder', [manager, validating({ name: '${WEBHOOK}', namespace: 'system' })]],
    ['the API server\'s own Service (kubernetes of default, which every cluster has)', [deployment('web'), validating({ name: 'kubernetes', namespace: 'default' })]],
    ['a webhook configuration of another group', [manager, { ...validating(ref), apiVersion: 'example.io/v1' }]],
  ])('reports nothing for %s', (_case, objects) => {
    expect(run(webhookServiceMissing, objects)).toEqual([]);
  });

  test.each([
    ['a validating webhook (failurePolicy Fail by default)', validating(ref), 'error',
      /^ValidatingWebhookConfiguration "validating" webhooks\[0\]\.clientConfig\.service names Service "webhook-service" in namespace "system", but there is no Service "webhook-service" in namespace "system", so the API server cannot call the webhook \("service \\"webhook-service\\" not found"\), so it rejects every request the webhook's rules match \(failurePolicy Fail\)\. Fix: create Service "webhook-service" in namespace "system", or correct the reference's name and namespace\.$/],
    ['a mutating webhook with failurePolicy Ignore', { ...mutating(ref), webhooks: [{ ...mutating(ref).webhooks[0], failurePolicy: 'Ignore' }] }, 'warning',
      /^MutatingWebhookConfiguration "mutating" webhooks\[0\]\.clientConfig\.service names .* and with failurePolicy Ignore admits the requests its rules match without it, so the webhook never acts\./],
    ['an admissionregistration.k8s.io/v1beta1 webhook (Ignore by default)', validating(ref, {}, 'admissionregistration.k8s.io/v1beta1'), 'warning', /failurePolicy Ignore/],
    ['a conversion webhook of a CRD with two versions', crd(ref), 'error',
      /^CustomResourceDefinition "widgets\.example\.io" spec\.conversion\.webhook\.clientConfig\.service names Service "webhook-service" .* so the API server cannot convert the custom resources between versions \("service \\"webhook-service\\" not found"\), so requests for them in a version other than the stored one fail\./],
    ['a conversion webhook of a CRD with one version', crd(ref, ['v1']), 'warning', /the CRD lists one version, so it asks for no conversion until it lists a second\./],
    ['a conversion webhook of a CRD with a version no longer served (its stored objects are converted on read)',
      { ...crd(ref), spec: { ...crd(ref).spec, versions: [{ name: 'v1alpha1', served: false, storage: false }, { name: 'v1', served: true, storage: true }] } }, 'error',
      /so the API server cannot convert the custom resources between versions/],
    ['an APIService (metrics-server without its Service)', apiService({ name: 'metrics-server', namespace: 'system' }), 'error',
      /^APIService "v1beta1\.metrics\.k8s\.io" spec\.service names Service "metrics-server" in namespace "system", but there is no Service .* so the aggregated API is unavailable \(APIService condition Available is False: "service \\"metrics-server\\" not found"\): its requests fail, and so does API discovery for kubectl and controllers \(the namespace controller cannot finish deleting namespaces\)\./],
  ])('reports %s', (_case, referrer, level, message) => {
    const found = run(webhookServiceMissing, [manager, referrer]);
    expect(found).toEqual([expect.objectContaining({ rule: 'webhook-service-missing', level })]);
    expect(found[0].resource).toMatch(/^[A-Za-z]+\/\/[a-z0-9.-]+$/);
    expect(found[0].message).toMatch(message);
  });

  test('reports a Service of another namespace, and a near name', () => {
    const found = run(webhookServiceMissing, [manager, deployment('web'), service('webhook-service', {}, { namespace: 'other' }), webhookSvc,
      validating({ name: 'webhook-service', namespace: 'default' }), mutating({ name: 'webhook-servic', namespace: 'system' })]);
    expect(found.map((f) => f.message)).toEqual([
      expect.stringMatching(/^MutatingWebhookConfiguration "mutating" .* names Service "webhook-servic" .* Did you mean "webhook-service"\? Fix: /),
      expect.stringMatching(/^ValidatingWebhookConfiguration "validating" .* no Service "webhook-service" in namespace "default"; a Service "webhook-service" exists only in namespace "other", "system", so /),
    ]);
  });

  test('reports a missing Service beside a chart release into the namespace as a warning', () => {
    const found = run(webhookServiceMissing, [manager, helmRelease('gatekeeper', 'system'), validating(ref)]);
    expect(found).toEqual([expect.objectContaining({ level: 'warning' })]);
    expect(found[0].message).toMatch(/names Service "webhook-service" in namespace "system", which is not in these manifests, but .*HelmRelease.* into namespace "system", whose Services the input does not hold; if no chart makes "webhook-service", the API server cannot call the webhook/);
  });
});
