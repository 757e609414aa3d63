// Kinds of other API groups that reuse a built-in kind's name (issue 21): a Knative Service, an OpenKruise
// StatefulSet, an ACK or Crossplane Service are judged by their own controllers and webhooks. The built-in rules
// (API-server validation, governing Service, endpoints) read only the core, apps and discovery.k8s.io objects, in any
// version of their group; true findings on those stay.
import * as fs from 'fs';
import * as path from 'path';
import * as yaml from 'js-yaml';
import { checkObjects } from '../../src/checks/engine';

type Obj = { [key: string]: any };

/** Objects of a fixture under test/fixtures/checks/other-groups. */
function fixture(name: string): Obj[] {
  const out: Obj[] = [];
  yaml.loadAll(fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'checks', 'other-groups', name), 'utf8'), (d) => {
    if (d) out.push(d as Obj);
  });
  return out;
}

/** `level rule resource` of the findings that are not info. */
function problems(objects: Obj[]): string[] {
  return checkObjects(objects).findings.filter((f) => f.level !== 'info').map((f) => `${f.level} ${f.rule} ${f.resource}`);
}

const coreService = (name: string, namespace: string, spec: Obj) => ({ apiVersion: 'v1', kind: 'Service', metadata: { name, namespace }, spec });
const appsStatefulSet = (apiVersion: string, name: string, spec: Obj) => ({
  apiVersion,
  kind: 'StatefulSet',
  metadata: { name, namespace: 'apps' },
  spec: { template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'main', image: 'nginx' }] } }, ...spec },
});

describe('objects of other API groups are not judged by the built-in rules', () => {
  test.each([
    ['Knative Services (no ports, no selector; one without template labels)', 'knative-service.yaml'],
    ['an OpenKruise Advanced StatefulSet (no selector, no governing Service) and a CloneSet behind a core Service', 'openkruise.yaml'],
    ['an ACK and a Crossplane ECS Service (no ports; a name with a dot) and an Istio ServiceEntry', 'cloud-services.yaml'],
  ])('%s: no errors and no warnings', (_case, file) => {
    expect(problems(fixture(file))).toEqual([]);
  });

  test('the CloneSet\'s pods still count for the core Service that selects them (no selector or targetPort finding)', () => {
    const objects = fixture('openkruise.yaml');
    const svc = objects.find((o) => o.kind === 'Service')!;
    const wrong = { ...svc, spec: { ...svc.spec, ports: [{ port: 80, targetPort: 'web' }] } };
    expect(problems([...objects.filter((o) => o !== svc), wrong])).toEqual(['error service-target-port-name-missing Service/apps/web']);
  });
});

describe('true findings on the built-in objects beside them stay', () => {
  test.each<[string, Obj[], string[]]>([
    ['a core Service without ports beside a Knative Service of the same namespace',
      [...fixture('knative-service.yaml'), coreService('hello-private', 'apps', { clusterIP: '10.96.0.10' })],
      ['error service-invalid Service/apps/hello-private', 'warning selectorless-service-no-endpoints Service/apps/hello-private']],
    ['a core Service named like no core Service may be, beside the Crossplane one that may',
      [...fixture('cloud-services.yaml'), coreService('orders.v2', 'platform', { clusterIP: 'None' })],
      ['error service-invalid Service/platform/orders.v2', 'warning selectorless-service-no-endpoints Service/platform/orders.v2']],
    ['an apps/v1 StatefulSet without selector beside the OpenKruise one',
      [...fixture('openkruise.yaml'), appsStatefulSet('apps/v1', 'cache', {})],
      ['error statefulset-invalid StatefulSet/apps/cache']],
    ['an apps/v1beta2 StatefulSet (a removed version of the group) whose governing Service is missing',
      [...fixture('openkruise.yaml'), appsStatefulSet('apps/v1beta2', 'cache', { serviceName: 'cache-hs', selector: { matchLabels: { app: 'cache' } } })],
      ['error api-version-removed StatefulSet/apps/cache', 'warning statefulset-service-missing StatefulSet/apps/cache']],
    ['core Endpoints and a discovery.k8s.io/v1beta1 EndpointSlice whose Service is missing',
      [{ apiVersion: 'v1', kind: 'Endpoints', metadata: { name: 'db', namespace: 'apps' }, subsets: [{ addresses: [{ ip: '203.0.113.5' }], ports: [{ port: 5432 }] }] },
        { apiVersion: 'discovery.k8s.io/v1beta1', kind: 'EndpointSlice', metadata: { name: 'db-1', namespace: 'apps', labels: { 'kubernetes.io/service-name': 'db' } }, addressType: 'IPv4', endpoints: [{ addresses: ['203.0.113.5'] }], ports: [{ port: 5432 }] }],
      ['error api-version-removed EndpointSlice/apps/db-1', 'warning endpoints-orphaned EndpointSlice/apps/db-1', 'warning endpoints-orphaned Endpoints/apps/db']],
  ])('%s', (_case, objects, expected) => {
    expect(problems(objects)).toEqual(expected);
  });
});

describe('kinds of other groups that reuse built-in names', () => {
  test.each([
    ['Endpoints', { subsets: [{ addresses: [{ ip: '127.0.0.1' }] }] }],
    ['EndpointSlice', { addressType: 'IP', metadata: { name: 'x', labels: { 'kubernetes.io/service-name': 'gone' } } }],
    ['Service', { spec: { type: 'ExternalName', externalName: '10.0.0.1' } }],
    ['StatefulSet', { spec: { serviceName: 'Not_A_Label', template: { metadata: { labels: { app: 'x' } }, spec: { containers: [{ name: 'c', image: 'x' }] } } } }],
  ])('a %s of example.com/v1 gives no findings', (kind, body) => {
    const object = { apiVersion: 'example.com/v1', kind, metadata: { name: 'x' }, ...body };
    expect(checkObjects([object]).findings).toEqual([]);
  });
});
