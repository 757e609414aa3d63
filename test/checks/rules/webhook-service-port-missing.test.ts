import { webhookServicePortMissing } from '../../../src/checks/rules/webhook-service-port-missing';
import { cpuClock } from '../../cpu-clock';
import { run, runAll, service } from '../builders';
import { apiService, crd, manager, ns, ref, validating, webhookSvc } from '../webhooks';

/** An APIService of a live cluster whose Available condition is False for `reason`. */
function liveApi(reason: string) {
  return { ...apiService(ref), status: { conditions: [{ type: 'Available', status: 'False', reason }] } };
}

describe('webhook-service-port-missing', () => {
  test.each([
    ['the default port 443 of a Service on 443', [webhookSvc, validating(ref)]],
    ['a port written that the Service has', [service('webhook-service', { ports: [{ port: 8443 }] }, ns), validating({ ...ref, port: 8443 })]],
    ['an ExternalName Service (called at its externalName)', [{ apiVersion: 'v1', kind: 'Service', metadata: { name: 'webhook-service', namespace: 'system' }, spec: { type: 'ExternalName', externalName: 'hooks.example.com' } }, validating(ref)]],
    ['a Service the input lacks (webhook-service-missing reports it)', [manager, validating(ref)]],
    ['a port that is no number', [webhookSvc, validating({ ...ref, port: '${PORT}' })]],
    ['a Service port that is no number (a placeholder Flux substitutes)', [service('webhook-service', { ports: [{ port: '${WEBHOOK_PORT}' }] }, ns), validating(ref)]],
    ['a port out of range (the API server rejects it)', [webhookSvc, validating({ ...ref, port: 0 })]],
    ['a Service without ports (the API server rejects it: service-invalid reports it)', [{ ...webhookSvc, spec: { selector: { app: 'manager' } } }, validating(ref)]],
    // kube-aggregator sets ServiceNotFound before it looks at the port, MissingEndpoints after: neither says the port is missing
    ['a live APIService whose status says ServiceNotFound', [service('webhook-service', { ports: [{ port: 9443 }] }, ns), liveApi('ServiceNotFound')]],
    ['a live APIService whose status says MissingEndpoints', [service('webhook-service', { ports: [{ port: 9443 }] }, ns), liveApi('MissingEndpoints')]],
  ])('reports nothing for %s', (_case, objects) => {
    expect(run(webhookServicePortMissing, objects)).toEqual([]);
  });

  test('reports a live APIService whose status says ServicePortError', () => {
    expect(run(webhookServicePortMissing, [service('webhook-service', { ports: [{ port: 9443 }] }, ns), liveApi('ServicePortError')]))
      .toEqual([expect.objectContaining({ level: 'error' })]);
  });

  test.each([
    ['the default 443 of a Service on 9443 only', [service('webhook-service', { ports: [{ port: 9443 }] }, ns), validating(ref)], 'error',
      /^ValidatingWebhookConfiguration "validating" webhooks\[0\]\.clientConfig\.service calls port 443 of Service "webhook-service" in namespace "system", which has no such port \(ports: 9443\), so the API server cannot call the webhook \("no service port 443 found for service \\"webhook-service\\""\), so it rejects every request the webhook's rules match \(failurePolicy Fail\)\. Fix: add port 443 to the Service, or set the reference's port to one it has\.$/],
    ['a port written that is only a targetPort', [webhookSvc, apiService({ ...ref, port: 9443 })], 'error', /^APIService "v1beta1\.metrics\.k8s\.io" spec\.service calls port 9443 of Service "webhook-service" .* \(ports: 443\), so the aggregated API is unavailable/],
    ['a webhook with failurePolicy Ignore', [service('webhook-service', { ports: [{ port: 9443 }] }, ns), validating(ref, { failurePolicy: 'Ignore' })], 'warning', /with failurePolicy Ignore admits/],
    ['a headless Service', [service('webhook-service', { clusterIP: 'None', ports: [{ port: 443 }] }, ns), crd(ref)], 'warning',
      /^CustomResourceDefinition "widgets\.example\.io" spec\.conversion\.webhook\.clientConfig\.service names the headless Service "webhook-service" of namespace "system" \(clusterIP None\), so unless kube-apiserver runs with --enable-aggregator-routing, the API server cannot convert .* \("cannot route to service with ClusterIP \\"None\\""\).* Fix: give the Service a cluster IP/],
  ])('reports %s', (_case, objects, level, message) => {
    const found = run(webhookServicePortMissing, objects);
    expect(found).toEqual([expect.objectContaining({ rule: 'webhook-service-port-missing', level })]);
    expect(found[0].message).toMatch(message);
  });

  test('ends in bounded time for 60,000 webhooks calling a Service of 60,000 ports', () => {
    // GIVEN a Service of 60,000 ports, 443 the last, and a configuration of 60,000 webhooks calling it on 443
    const ports = [...Array.from({ length: 59_999 }, (_, i) => ({ port: 10_000 + i })), { port: 443 }];
    const config = { ...validating(ref), webhooks: Array.from({ length: 60_000 }, (_, i) => ({ ...validating(ref).webhooks[0], name: `w${i}.example.io` })) };
    // WHEN checked
    const cpuMs = cpuClock();
    const found = run(webhookServicePortMissing, [service('webhook-service', { ports }, ns), config]);
    // THEN nothing is reported, each port looked up once per Service rather than the ports scanned per webhook
    expect(found).toEqual([]);
    expect(cpuMs()).toBeLessThan(5_000); // 3.6 billion port comparisons (10 s of CPU) when each webhook scanned the ports
  });

  test('reports each webhook calling a port a Service of thousands of ports lacks, listing the first ports', () => {
    const svc = service('webhook-service', { ports: Array.from({ length: 5_000 }, (_, i) => ({ name: `p${i}`, port: 10_000 + i })) }, ns);
    const config = { ...validating(ref), webhooks: Array.from({ length: 3 }, (_, i) => ({ ...validating(ref).webhooks[0], name: `w${i}.example.io` })) };
    const found = runAll(webhookServicePortMissing, [svc, config]);
    expect(found.map((f) => f.level)).toEqual(['error', 'error', 'error']);
    expect(found[0].message).toMatch(/\(ports: 10000 "p0", .* and 4980 more\)/);
  });
});
