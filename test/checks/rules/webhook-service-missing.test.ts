import { webhookServiceMissing } from '../../../src/checks/rules/webhook-service-missing';
import { deployment, run, service } from '../builders';
import { helmRelease } from '../openshift';
import { apiService, crd, manager, mutating, ref, validating, webhookSvc } from '../webhooks';

/** A CRD that serves v1 only (v1alpha1 listed, no longer served), as a live cluster shows it with `status.storedVersions`. */
function servedOnce(storedVersions: string[]) {
  const spec = { ...crd(ref).spec, versions: [{ name: 'v1alpha1', served: false, storage: false }, { name: 'v1', served: true, storage: true }] };
  return { ...crd(ref), spec, status: { storedVersions } };
}

/** metrics-server's APIService, whose Service the distribution installs in kube-system (k3s, AKS, GKE, EKS). */
const metricsApi = apiService({ name: 'metrics-server', namespace: 'kube-system' });
const kubeProxy = { ...deployment('kube-proxy', { 'k8s-app': 'kube-proxy' }, [], {}, { namespace: 'kube-system' }), kind: 'DaemonSet' };

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
    ['a conversion webhook of a CRD with one version', crd(ref, ['v1']), 'warning',
      /so the API server cannot call the conversion webhook \("service \\"webhook-service\\" not found"\); the CRD serves only its storage version and stores no object in another, so it asks for no conversion until it serves a second\./],
    ['a conversion webhook of a CRD that serves one version and lists another it no longer serves (a request names a served version)',
      servedOnce(['v1']), 'warning', /the CRD serves only its storage version and stores no object in another/],
    ['a conversion webhook of a CRD that serves one version and still stores objects in another (converted on read)',
      servedOnce(['v1alpha1', 'v1']), 'error', /so the API server cannot convert the custom resources between versions/],
    ['webhooks calling one Service with failurePolicy Ignore, then Fail (Gatekeeper\'s)',
      { ...validating(ref), webhooks: ['Ignore', 'Fail'].map((failurePolicy, i) => ({ ...validating(ref).webhooks[0], name: `w${i}.example.io`, failurePolicy })) }, 'error',
      /^ValidatingWebhookConfiguration "validating" webhooks\[1\]\.clientConfig\.service \(and 1 more place\) names Service "webhook-service" .* so it rejects every request the webhook's rules match \(failurePolicy Fail\)\. Fix: /],
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

  test('reports a Service of kube-system as a warning without --complete (the distribution may install it), and an error with it', () => {
    // GIVEN metrics-server's APIService beside the cluster's kube-proxy DaemonSet, as a dump of a live cluster shows them
    const objects = [metricsApi, kubeProxy];
    // WHEN checked without and with --complete
    // THEN without it the finding says the provider may install the Service; the run that declares the input the whole cluster reports an error
    expect(run(webhookServiceMissing, objects)).toEqual([expect.objectContaining({
      level: 'warning',
      message: expect.stringMatching(/^APIService "v1beta1\.metrics\.k8s\.io" spec\.service names Service "metrics-server" in namespace "kube-system", which is not in these manifests; the cluster's provider may install it there \(as k3s, AKS, GKE and EKS install metrics-server\), else the aggregated API is unavailable .* pass --complete when the input holds every Service of "kube-system"\.$/),
    })]);
    expect(run(webhookServiceMissing, objects, {}, true)).toEqual([expect.objectContaining({ level: 'error' })]);
  });

  test('reports a near miss of a kube-system Service as an error without --complete', () => {
    // GIVEN the shape of the AWS Load Balancer Controller in kube-system, its webhook naming the Service with a typo
    const lbcSvc = service('aws-load-balancer-webhook-service', { ports: [{ port: 443, targetPort: 9443 }], selector: { app: 'lbc' } }, { namespace: 'kube-system' });
    const lbc = deployment('lbc', { app: 'lbc' }, [], {}, { namespace: 'kube-system' });
    // WHEN checked without --complete
    const found = run(webhookServiceMissing, [lbcSvc, lbc, validating({ name: 'aws-load-balancer-webhok-service', namespace: 'kube-system' })]);
    // THEN the typo is an error with the hint; a name no near miss of a Service there (`-svc`, four letters off) is a warning
    expect(found).toEqual([expect.objectContaining({
      level: 'error',
      message: expect.stringMatching(/names Service "aws-load-balancer-webhok-service" in namespace "kube-system", but there is no Service .* Did you mean "aws-load-balancer-webhook-service"\?/),
    })]);
    const far = run(webhookServiceMissing, [lbcSvc, lbc, validating({ name: 'aws-load-balancer-webhook-svc', namespace: 'kube-system' })]);
    expect(far).toEqual([expect.objectContaining({ level: 'warning', message: expect.stringMatching(/the cluster's provider may install it there/) })]);
  });

  test('reports nothing for an APIService whose status says Available True (the API server calls its Service)', () => {
    const available = { ...apiService(ref), status: { conditions: [{ type: 'Available', status: 'True', reason: 'Passed' }] } };
    expect(run(webhookServiceMissing, [manager, available], {}, true)).toEqual([]);
    // Available False is what the rule describes: still reported
    const unavailable = { ...apiService(ref), status: { conditions: [{ type: 'Available', status: 'False', reason: 'ServiceNotFound' }] } };
    expect(run(webhookServiceMissing, [manager, unavailable], {}, true)).toHaveLength(1);
  });

  test.each(['MissingEndpoints', 'FailedDiscoveryCheck', 'ServicePortError'])('reports nothing for an APIService whose status says %s (kube-aggregator found the Service)', (reason) => {
    const live = { ...apiService(ref), status: { conditions: [{ type: 'Available', status: 'False', reason }] } };
    expect(run(webhookServiceMissing, [manager, live], {}, true)).toEqual([]);
  });

  test('says to pass --default-namespace when the Service has no metadata.namespace (helm template -n foo output)', () => {
    // GIVEN a webhook naming namespace foo, and its Service without metadata.namespace (so in "default")
    const objects = [service('mywh', { ports: [{ port: 443, targetPort: 9443 }] }), deployment('mywh'), validating({ name: 'mywh', namespace: 'foo' })];
    // WHEN checked with --complete
    const found = run(webhookServiceMissing, objects, {}, true);
    // THEN the message says how to tell the checker the namespace kubectl applies it to
    expect(found).toHaveLength(1);
    expect(found[0].message).toMatch(/a Service "mywh" exists only in namespace "default", so .*\(failurePolicy Fail\)\. Service "mywh" has no metadata\.namespace: if you apply it with kubectl -n foo, pass --default-namespace foo\. Fix: /);
    // a Service that names its namespace gets no such hint
    const placed = run(webhookServiceMissing, [service('mywh', {}, { namespace: 'default' }), ...objects.slice(1)], {}, true);
    expect(placed[0].message).not.toMatch(/--default-namespace/);
  });

  test('reports a missing Service beside a chart release into the namespace as a warning', () => {
    const found = run(webhookServiceMissing, [manager, helmRelease('gatekeeper', 'system'), validating(ref)]);
    expect(found).toEqual([expect.objectContaining({ level: 'warning' })]);
    expect(found[0].message).toMatch(/names Service "webhook-service" in namespace "system", which is not in these manifests, but .*HelmRelease.* into namespace "system", whose Services the input does not hold; if no chart makes "webhook-service", the API server cannot call the webhook/);
  });
});
