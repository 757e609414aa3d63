import { endpointsOrphaned } from '../../../src/checks/rules/endpoints-orphaned';
import { endpoints, messages, run, selectorlessTrio, slice } from '../builders';

describe('endpoints-orphaned', () => {
  test('reports nothing when the Service exists', () => {
    expect(run(endpointsOrphaned, selectorlessTrio())).toEqual([]);
  });

  test('reports Endpoints without a Service', () => {
    const found = run(endpointsOrphaned, [endpoints('gone')]);
    expect(found[0]).toMatchObject({ level: 'error', resource: 'Endpoints/default/gone' });
    expect(found[0].message).toMatch(/Endpoints "gone" has no Service "gone" in namespace "default".*the Endpoints controller deletes it/);
  });

  test('reports an EndpointSlice labelled for a missing Service, naming the namespace that has it', () => {
    const svc = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'db', namespace: 'data' }, spec: { ports: [{ port: 5432 }] } };
    const msgs = messages(endpointsOrphaned, [svc, slice('db-1', 'db')]);
    expect(msgs[0]).toMatch(/kubernetes.io\/service-name: db, but there is no Service "db" in namespace "default" \(a Service "db" exists in namespace "data"/);
  });
});
