/**
 * The broken manifests of the walkthrough in headless-selectorless-and-debugging.txt, and the false positive that
 * other linters have: both read from test/fixtures/checks through the resolver's loader.
 */
import * as path from 'path';
import { check } from '../../src/checks/engine';
import { ClusterModel } from '../../src/model/cluster-model';
import { loadManifests } from '../../src/model/load';

const fixture = (name: string) => path.join(__dirname, '..', 'fixtures', 'checks', name);

describe('the debugging walkthrough', () => {
  test('reports exactly the selector mismatch: the ports of a workload the Service does not select are not judged', () => {
    // GIVEN the walkthrough's Deployment "api" (app=api, port 3000) and Service "api-svc" (app=api-server, 8080)
    const model = ClusterModel.fromDocuments(loadManifests([fixture('walkthrough')]));
    // WHEN
    const result = check(model);
    // THEN
    expect(result.success).toBe(false);
    expect(result.findings.map((f) => [f.rule, f.level, f.resource])).toEqual([
      ['service-selector-no-match', 'error', 'Service/default/api-svc'],
    ]);
    expect(result.findings[0].message).toMatch(/selects app=api-server, but no pod template .* \(nearest: Deployment "api" has app=api\)/);
  });

  test('notes the targetPort mismatch (info) once the selector is fixed, and the check succeeds', () => {
    const docs = loadManifests([fixture('walkthrough')]);
    const fixed = docs.map((d) => d.object.kind === 'Service'
      ? { ...d, object: { ...d.object, spec: { ...d.object.spec, selector: { app: 'api' } } } }
      : d);
    const result = check(ClusterModel.fromDocuments(fixed));
    expect(result.success).toBe(true);
    expect(result.findings.map((f) => [f.rule, f.level])).toEqual([['service-target-port-undeclared', 'info']]);
    expect(result.findings[0].message).toMatch(/targetPort 8080\/TCP, which Deployment "api" does not list among its container ports \(3000\/TCP\).*Fix: if it does not, set targetPort to 3000/);
  });

  test('reports nothing once both fixes from the walkthrough are applied', () => {
    const docs = loadManifests([fixture('walkthrough')]);
    const fixed = docs.map((d) => d.object.kind === 'Service'
      ? { ...d, object: { ...d.object, spec: { selector: { app: 'api' }, ports: [{ port: 80, targetPort: 3000 }] } } }
      : d);
    expect(check(ClusterModel.fromDocuments(fixed)).findings).toEqual([]);
  });
});

describe('a selectorless Service with manual Endpoints and EndpointSlices', () => {
  test('reports nothing (kube-linter#746 false positive)', () => {
    const result = check(ClusterModel.fromDocuments(loadManifests([fixture('selectorless-ok')])));
    expect(result).toEqual({ success: true, findings: [] });
  });
});
