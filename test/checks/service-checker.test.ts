import { App, Chart } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import { FindingLevel, ServiceChecker } from '../../src/checks/service-checker';
import { testApp } from '../test-app';

describe('ServiceChecker', () => {
  test('checks plain objects and returns a report struct', () => {
    const report = ServiceChecker.check([{ apiVersion: 'v1', kind: 'Service', metadata: { name: 'x' }, spec: { type: 'ExternalName', externalName: '10.0.0.5' } }]);
    expect(report.success).toBe(false);
    expect(report.findings).toContainEqual(expect.objectContaining({ rule: 'externalname-ip', level: FindingLevel.ERROR, resource: 'Service/default/x' }));
  });

  test('checks a cdk8s chart without writing files', () => {
    // GIVEN a chart with a Service selecting nothing
    const app = testApp();
    const chart = new Chart(app, 'c', { namespace: 'prod' });
    new k8s.KubeService(chart, 'svc', { metadata: { name: 'web' }, spec: { selector: { app: 'web' }, ports: [{ port: 80 }] } });
    // WHEN
    const report = ServiceChecker.checkChart(app);
    // THEN
    expect(report.findings.map((f) => f.rule)).toEqual(['service-selector-no-match']);
    expect(report.findings[0].resource).toBe('Service/prod/web');
  });

  test('uses the options: default namespace and service CIDR', () => {
    const objs = [
      { apiVersion: 'v1', kind: 'Service', metadata: { name: 'ext', namespace: 'ops' }, spec: { ports: [{ port: 1 }] } },
      { apiVersion: 'v1', kind: 'Endpoints', metadata: { name: 'ext' }, subsets: [{ addresses: [{ ip: '172.20.0.9' }], ports: [{ port: 1 }] }] },
    ];
    expect(ServiceChecker.check(objs).findings.map((f) => f.rule)).toContain('endpoints-orphaned');
    const report = ServiceChecker.check(objs, { defaultNamespace: 'ops', serviceCidr: '172.20.0.0/16' });
    expect(report.findings.map((f) => f.rule)).toEqual(['endpoint-address-in-cluster-cidr']);
  });

  test('uses the option complete: names into namespaces the objects do not describe become findings', () => {
    const objs = [{ apiVersion: 'v1', kind: 'Service', metadata: { name: 'q' }, spec: { type: 'ExternalName', externalName: 'rabbitmq.messaging.svc.cluster.local' } }];
    expect(ServiceChecker.check(objs).findings.map((f) => `${f.level} ${f.rule}`)).toEqual(['info namespace-not-in-input']);
    const report = ServiceChecker.check(objs, { complete: true });
    expect(report.success).toBe(false);
    expect(report.findings.map((f) => `${f.level} ${f.rule}`)).toEqual(['error externalname-target-missing']);
    expect(() => ServiceChecker.check(objs, { complete: 'yes' as any })).toThrow(/^Option complete must be true or false \(got "yes"\)/);
  });

  test('formats reports and lists its rules', () => {
    const report = ServiceChecker.check([]);
    expect(ServiceChecker.formatText(report)).toBe('No problems found.\n');
    expect(JSON.parse(ServiceChecker.formatJson(report))).toEqual({ success: true, findings: [] });
    expect(ServiceChecker.rules().map((r) => r.id)).toContain('service-selector-no-match');
  });

  test('reports nothing for a missing object list', () => {
    expect(ServiceChecker.check(undefined as any)).toEqual({ success: true, findings: [] });
  });

  test('skips junk entries and reports the nameless, specless Service among them', () => {
    const report = ServiceChecker.check([null, 1, 'x', [], { kind: 'Service' }] as any);
    expect(report.success).toBe(false);
    expect(report.findings.map((f) => [f.rule, f.resource])).toEqual([
      ['service-invalid', 'Service/default/(no name)'],
      ['service-invalid', 'Service/default/(no name)'],
    ]);
    expect(report.findings.map((f) => f.message).join('\n')).toMatch(/metadata.name: Required value: name or generateName is required[\s\S]*spec: Required value/);
  });

  test('checks an empty cdk8s app as having no problems', () => {
    expect(ServiceChecker.checkChart(new App())).toEqual({ success: true, findings: [] });
  });
});

describe('ServiceChecker bounds the findings of one rule on one object', () => {
  /** An Ingress of 150 backends naming missing Services, beside a Service and a workload of its namespace (so it is judged). */
  const objects = [
    { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'shop' }, spec: { selector: { app: 'web' }, ports: [{ port: 80 }] } },
    { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'shop' }, spec: { selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } } } },
    {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'Ingress',
      metadata: { name: 'i', namespace: 'shop' },
      spec: { rules: [{ http: { paths: Array.from({ length: 150 }, (_, i) => ({ path: `/${i}`, pathType: 'Prefix', backend: { service: { name: `missing-${i}`, port: { number: 80 } } } })) } }] },
    },
  ];
  const missing = (report: { findings: { rule: string; message: string }[] }) => report.findings.filter((f) => f.rule === 'ingress-backend-missing');

  test('folds past 100 by default, and lists them all with allFindings', () => {
    const folded = missing(ServiceChecker.check(objects));
    expect(folded).toHaveLength(101);
    expect(folded[100].message).toMatch(/^50 more findings of ingress-backend-missing on this object are not listed/);
    expect(missing(ServiceChecker.check(objects, { allFindings: true }))).toHaveLength(150);
  });

  test('the report keeps the count folded, and formatText and formatJson tell it', () => {
    const report = ServiceChecker.check(objects);
    expect(missing(report)[100]).toMatchObject({ level: FindingLevel.ERROR, folded: 50 });
    expect(report.findings.filter((f) => f.folded !== undefined)).toHaveLength(1);
    expect(ServiceChecker.formatText(report)).toMatch(/; 50 more findings not listed \(--all-findings lists them\)\n$/);
    const json = JSON.parse(ServiceChecker.formatJson(report));
    expect(json.findings.filter((f: any) => f.folded !== undefined)).toEqual([expect.objectContaining({ folded: 50 })]);
  });
});
