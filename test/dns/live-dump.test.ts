// GIVEN live-cluster dumps (test/fixtures/dns/live-dump-*.yaml: one `kind: List` with status, owners, uids and
// managedFields), also with parts left out as smaller `kubectl get` commands leave them out, WHEN cluster DNS is asked,
// THEN it answers from the dump's Pods and controller-written EndpointSlices (dns-rules 8, 10, 11, 22, 26-28), never
// from pods simulated next to them; workloads the dump shows no Pods of are still simulated.
import { ask, fixture, NX, ok, Short } from './helpers';
import { listRecords } from '../../src/dns/records';
import { Resolver } from '../../src/dns/resolver';
import { ClusterModel } from '../../src/model/cluster-model';

type Edit = (items: any[]) => any[];
const without = (...kinds: string[]): Edit => (items) => items.filter((i) => !kinds.includes(i.kind));
const noOwners: Edit = (items) => items.map((i) => ({ ...i, metadata: { ...i.metadata, ownerReferences: undefined } }));

/** The fixture's List with its items edited. */
function dump(name: string, edit: Edit): any[] {
  const [list] = fixture(name);
  return [{ ...list, items: edit(list.items) }];
}

const S = 'shop.svc.cluster.local';

describe.each<[string, Edit]>([
  ['as dumped', (i) => i],
  ['without EndpointSlices (slices derived from the dumped Pods)', without('EndpointSlice')],
  ['without EndpointSlices and Endpoints', without('EndpointSlice', 'Endpoints')],
  ['without EndpointSlices, Pods stripped of owner references', (i) => noOwners(without('EndpointSlice')(i))],
])('a StatefulSet dump %s', (_, edit) => {
  const model = ClusterModel.fromObjects(dump('live-dump-statefulset.yaml', edit));
  const resolver = new Resolver(model);

  test.each<[string, string, string, Short]>([
    ['the headless name lists only the Ready pod', `web.${S}`, 'A', ok('A 10.244.1.5')],
    ['SRV has one target, weight 100', `_http._tcp.web.${S}`, 'SRV', ok(`SRV 0 100 8080 web-0.web.${S}.`)],
    ['the Ready pod has its name', `web-0.web.${S}`, 'A', ok('A 10.244.1.5')],
    ['the not-Ready pod has no name', `web-1.web.${S}`, 'A', NX],
    ['the not-Ready pod has no PTR', '7.2.244.10.in-addr.arpa', 'PTR', NX],
    ['publishNotReadyAddresses: both pods', `db.${S}`, 'A', ok('A 10.244.1.6', 'A 10.244.2.8')],
    ['publishNotReadyAddresses: SRV weights over the two real targets', `_pg._tcp.db.${S}`, 'SRV',
      ok(`SRV 0 50 5432 db-0.db.${S}.`, `SRV 0 50 5432 db-1.db.${S}.`)],
    ['publishNotReadyAddresses: the not-Ready pod has its name', `db-1.db.${S}`, 'A', ok('A 10.244.2.8')],
    ['publishNotReadyAddresses: the not-Ready pod has its PTR', '8.2.244.10.in-addr.arpa', 'PTR', ok(`PTR db-1.db.${S}.`)],
    ['IPv4-only pods: AAAA is NODATA', `db-0.db.${S}`, 'AAAA', { rcode: 'NODATA', answers: [] }],
  ])('%s', (__, name, type, expected) => {
    expect(ask(resolver, name, type)).toEqual(expected);
  });

  test('no pod is simulated', () => {
    expect(model.pods().map((p) => `${p.name} ${p.simulated} ${p.ips.join(',')}`)).toEqual([
      'db-0 false 10.244.1.6', 'db-1 false 10.244.2.8', 'web-0 false 10.244.1.5', 'web-1 false 10.244.2.7',
    ]);
  });
});

describe.each<[string, Edit]>([
  ['as dumped', (i) => i],
  ['without ReplicaSets (kubectl get deploy,po,...)', without('ReplicaSet')],
  ['without ReplicaSets and EndpointSlices', without('ReplicaSet', 'EndpointSlice')],
  ['without ReplicaSets, Jobs, EndpointSlices and Endpoints', without('ReplicaSet', 'Job', 'EndpointSlice', 'Endpoints')],
])('a Deployment, DaemonSet and CronJob dump %s', (_, edit) => {
  const model = ClusterModel.fromObjects(dump('live-dump-workloads.yaml', edit));
  const resolver = new Resolver(model);

  test.each<[string, string, string, Short]>([
    ['the ClusterIP', `api.${S}`, 'A', ok('A 10.96.44.12')],
    ['a Ready pod of the new ReplicaSet by dashed IP (rule 24)', `10-244-2-21.api.${S}`, 'A', ok('A 10.244.2.21')],
    ['the terminating pod of the old ReplicaSet is not ready', `10-244-1-19.api.${S}`, 'A', NX],
    ['the terminating pod has no PTR', '19.1.244.10.in-addr.arpa', 'PTR', NX],
    ['a DaemonSet pod by dashed IP', '10-244-2-30.node-exporter.monitoring.svc.cluster.local', 'A', ok('A 10.244.2.30')],
    ['the finished Job pod is no endpoint', '40.2.244.10.in-addr.arpa', 'PTR', NX],
    ['CoreDNS behind kube-dns', '10-244-0-3.kube-dns.kube-system.svc.cluster.local', 'A', ok('A 10.244.0.3')],
  ])('%s', (__, name, type, expected) => {
    expect(ask(resolver, name, type)).toEqual(expected);
  });

  test('no pod is simulated, and the zone holds only the dumped pod IPs', () => {
    expect(model.pods().filter((p) => p.simulated)).toEqual([]);
    const endpointIps = new Set(listRecords(model, resolver).filter((l) => / IN A 10\.244\./.test(l)).map((l) => l.split(' ')[4]));
    expect([...endpointIps].sort()).toEqual(['10.244.0.3', '10.244.1.20', '10.244.1.30', '10.244.2.21', '10.244.2.30']);
  });
});

describe('simulation fills in what the dump does not show', () => {
  test('a StatefulSet without Pods, slices or Endpoints in the dump gets its pods simulated', () => {
    const model = ClusterModel.fromObjects(dump('live-dump-statefulset.yaml', without('Pod', 'EndpointSlice', 'Endpoints')));
    const resolver = new Resolver(model);
    expect(model.pods().filter((p) => p.namespace === 'shop').map((p) => `${p.name} ${p.origin} ${p.simulated}`))
      .toEqual(['db-0 StatefulSet true', 'db-1 StatefulSet true', 'web-0 StatefulSet true', 'web-1 StatefulSet true']);
    expect(ask(resolver, `_http._tcp.web.${S}`, 'SRV').answers).toEqual([`SRV 0 50 8080 web-0.web.${S}.`, `SRV 0 50 8080 web-1.web.${S}.`]);
  });

  test('a ReplicaSet whose Deployment the dump leaves out is simulated (kubectl get rs,svc)', () => {
    const model = ClusterModel.fromObjects(dump('live-dump-workloads.yaml', without('Deployment', 'Pod', 'EndpointSlice', 'Endpoints')));
    expect(model.pods().filter((p) => p.namespace === 'shop').map((p) => `${p.origin} ${p.owner} ${p.simulated}`))
      .toEqual(['ReplicaSet api-7c9f8d6b5 true', 'ReplicaSet api-7c9f8d6b5 true']);
    expect(new Resolver(model).resolve(`10-244-1-20.api.${S}`, 'A').rcode).toBe('NXDOMAIN');
  });

  test('a simulated StatefulSet pod never doubles a real Pod of the same name (the real one answers)', () => {
    // GIVEN the StatefulSet's web-1 only, not Ready and stripped of its owner reference, without slices
    const model = ClusterModel.fromObjects(dump('live-dump-statefulset.yaml', (items) => noOwners(items.filter((i) =>
      !['EndpointSlice', 'Endpoints'].includes(i.kind) && !(i.kind === 'Pod' && i.metadata.name !== 'web-1')))));
    const resolver = new Resolver(model);
    // THEN web-0 is simulated, web-1 is the real one (not Ready: no name), and SRV lists the one ready target
    expect(model.pods().filter((p) => p.name.startsWith('web-')).map((p) => `${p.name} ${p.simulated}`)).toEqual(['web-0 true', 'web-1 false']);
    expect(ask(resolver, `web-1.web.${S}`, 'A')).toEqual(NX);
    expect(ask(resolver, `_http._tcp.web.${S}`, 'SRV').answers).toEqual([`SRV 0 100 8080 web-0.web.${S}.`]);
  });
});

describe('controller EndpointSlices win over the Pods when they disagree', () => {
  test('CoreDNS reads the slices: a slice still listing web-1 as ready answers for it', () => {
    // GIVEN a dump taken while the slice lagged behind the Pod (web-1 turned not Ready after the slice was written)
    const model = ClusterModel.fromObjects(dump('live-dump-statefulset.yaml', (items) => items.map((i) => i.kind !== 'EndpointSlice' ? i
      : { ...i, endpoints: i.endpoints.map((e: any) => ({ ...e, conditions: { ready: true, serving: true, terminating: false } })) })));
    // THEN the answers follow the slice
    expect(ask(new Resolver(model), `web-1.web.${S}`, 'A')).toEqual(ok('A 10.244.2.7'));
  });
});
