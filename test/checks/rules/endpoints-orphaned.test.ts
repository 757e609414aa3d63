import { checkObjects } from '../../../src/checks/engine';
import { endpointsOrphaned } from '../../../src/checks/rules/endpoints-orphaned';
import { endpoints, messages, run, selectorlessTrio, slice } from '../builders';

describe('endpoints-orphaned', () => {
  test('reports nothing when the Service exists', () => {
    expect(run(endpointsOrphaned, selectorlessTrio())).toEqual([]);
  });

  test('reports Endpoints without a Service as a warning (nothing that exists fails)', () => {
    const found = run(endpointsOrphaned, [endpoints('gone')]);
    expect(found[0]).toMatchObject({ level: 'warning', resource: 'Endpoints/default/gone' });
    expect(found[0].message).toMatch(/Endpoints "gone" has no Service "gone" in namespace "default".*the Endpoints controller deletes it/);
  });

  test('reports an EndpointSlice labelled for a missing Service, naming the namespace that has it', () => {
    const svc = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'db', namespace: 'data' }, spec: { ports: [{ port: 5432 }] } };
    const msgs = messages(endpointsOrphaned, [svc, slice('db-1', 'db')]);
    expect(msgs[0]).toMatch(/kubernetes.io\/service-name: db, but there is no Service "db" in namespace "default" \(a Service "db" exists in namespace "data"/);
  });

  test.each([
    ['Endpoints for a Service of another repository', [endpoints('billing-db', ['203.0.113.10'], [{ port: 5432 }])]],
    ['an EndpointSlice for a Service of another repository', [slice('billing-db-1', 'billing-db', ['203.0.113.10'], [{ port: 5432 }])]],
  ])('a check of %s succeeds: only warnings', (_case, objects) => {
    const result = checkObjects(objects);
    expect(result.success).toBe(true);
    expect(result.findings.map((f) => `${f.level} ${f.rule}`)).toEqual(['warning endpoints-orphaned']);
  });

  test('a misspelt Endpoints name gives a warning on each side: the orphan and the Service without endpoints', () => {
    const [svc] = selectorlessTrio('external-api');
    const result = checkObjects([svc, endpoints('externl-api', ['203.0.113.10'], [{ name: 'https', port: 443 }])]);
    expect(result.success).toBe(true);
    expect(result.findings.map((f) => `${f.level} ${f.rule} ${f.resource}`)).toEqual([
      'warning endpoints-orphaned Endpoints/default/externl-api',
      'warning selectorless-service-no-endpoints Service/default/external-api',
    ]);
  });
});
