// Resolver options and the rules that depend on them: pods modes (40), endpoint_pod_names (27), ipFamilies (42),
// cluster domain (1), publishNotReadyAddresses vs the tolerate-unready annotation (52).
import { ask, NODATA, NX, objectsOf, ok, resolverOf } from './helpers';

const PODS = objectsOf(`
apiVersion: v1
kind: Pod
metadata: { name: p, namespace: team }
spec: { containers: [{ name: c, image: x }] }
status: { phase: Running, podIPs: [{ ip: 10.244.3.4 }, { ip: "fd00:10:244::34" }], conditions: [{ type: Ready, status: "True" }] }
`);

describe('rule 40: pod-IP names', () => {
  test.each([
    ['rule 40: disabled (default) -> NXDOMAIN', {}, '10-244-3-4.team.pod.cluster.local', 'A', NX],
    ['rule 40: disabled: <ns>.pod.<zone> -> NXDOMAIN', {}, 'team.pod.cluster.local', 'A', NX],
    ['rule 40: insecure: any well-formed IP', { pods: 'insecure' }, '1-2-3-4.team.pod.cluster.local', 'A', ok('A 1.2.3.4')],
    ['rule 40: insecure: IPv6 with dashes', { pods: 'insecure' }, 'fd00-10-244--34.team.pod.cluster.local', 'AAAA', ok('AAAA fd00:10:244::34')],
    ['rule 40: insecure: IPv6 name asked for A -> NODATA', { pods: 'insecure' }, 'fd00-10-244--34.team.pod.cluster.local', 'A', NODATA],
    ['rule 40: insecure: not an IP -> NXDOMAIN', { pods: 'insecure' }, 'blah.team.pod.cluster.local', 'A', NX],
    ['rule 40: insecure: unknown namespace -> NXDOMAIN', { pods: 'insecure' }, '1-2-3-4.ghost.pod.cluster.local', 'A', NX],
    ['rule 40: insecure: existing <ns>.pod.<zone> -> NODATA', { pods: 'insecure' }, 'team.pod.cluster.local', 'A', NODATA],
    ['rule 40: verified: a Pod in that namespace has the IP', { pods: 'verified' }, '10-244-3-4.team.pod.cluster.local', 'A', ok('A 10.244.3.4')],
    ['rule 40: verified: an IP no Pod has -> NXDOMAIN', { pods: 'verified' }, '1-2-3-4.team.pod.cluster.local', 'A', NX],
    ['rule 40: verified: the Pod is in another namespace -> NXDOMAIN', { pods: 'verified' }, '10-244-3-4.default.pod.cluster.local', 'A', NX],
    // CoreDNS object/pod.go keeps only status.podIP: a secondary (here IPv6) pod IP is not verified.
    ['rule 40: verified: a secondary pod IP -> NXDOMAIN', { pods: 'verified' }, 'fd00-10-244--34.team.pod.cluster.local', 'AAAA', NX],
    ['rule 40: insecure: the same name answers', { pods: 'insecure' }, 'fd00-10-244--34.team.pod.cluster.local', 'AAAA', ok('AAAA fd00:10:244::34')],
  ] as const)('%s', (_t, options, name, type, expected) => {
    expect(ask(resolverOf(PODS, options as any), name, type)).toEqual(expected);
  });
});

const STS = objectsOf(`
apiVersion: v1
kind: Service
metadata: { name: db }
spec: { clusterIP: None, selector: { app: db }, ports: [{ port: 5432 }] }
---
apiVersion: v1
kind: Pod
metadata: { name: db-primary-with-a-long-name, labels: { app: db } }
spec: { containers: [{ name: c, image: x }] }
status: { phase: Running, podIPs: [{ ip: 10.244.0.9 }], conditions: [{ type: Ready, status: "True" }] }
---
apiVersion: v1
kind: Pod
metadata: { name: ${'x'.repeat(64)}, labels: { app: db } }
spec: { containers: [{ name: c, image: x }] }
status: { phase: Running, podIPs: [{ ip: 10.244.0.10 }], conditions: [{ type: Ready, status: "True" }] }
`);

describe('rule 27: endpoint_pod_names', () => {
  test.each([
    ['rule 27: off: pod names are not endpoint names', false, 'db-primary-with-a-long-name.db.default.svc.cluster.local', NX],
    ['rule 27: off: the dashed IP is', false, '10-244-0-9.db.default.svc.cluster.local', ok('A 10.244.0.9')],
    ['rule 27: on: the targetRef pod name is', true, 'db-primary-with-a-long-name.db.default.svc.cluster.local', ok('A 10.244.0.9')],
    ['rule 27: on: the dashed IP no longer is', true, '10-244-0-9.db.default.svc.cluster.local', NX],
    ['rule 27: on: a pod name of 64 chars falls back to the dashed IP', true, '10-244-0-10.db.default.svc.cluster.local', ok('A 10.244.0.10')],
  ] as const)('%s', (_t, endpointPodNames, name, expected) => {
    expect(ask(resolverOf(STS, { endpointPodNames }), name)).toEqual(expected);
  });
});

describe('rule 42: headless families follow spec.ipFamilies', () => {
  const objects = objectsOf(`
apiVersion: v1
kind: Service
metadata: { name: v4only }
spec: { clusterIP: None, selector: { app: x }, ipFamilies: [IPv4], ports: [{ port: 80 }] }
---
apiVersion: v1
kind: Service
metadata: { name: dual }
spec: { clusterIP: None, selector: { app: x }, ipFamilyPolicy: PreferDualStack, ports: [{ port: 80 }] }
---
apiVersion: v1
kind: Pod
metadata: { name: x, labels: { app: x } }
spec: { containers: [{ name: c, image: x }] }
status: { phase: Running, podIPs: [{ ip: 10.244.0.1 }, { ip: "fd00::1" }], conditions: [{ type: Ready, status: "True" }] }
`);
  const dualCluster = { serviceCidr: '10.96.0.0/12,fd00:96::/112', podCidr: '10.244.0.0/16,fd00::/64' };
  test.each([
    ['rule 42: an IPv4-only Service does not publish the pod v6 IP', 'v4only', 'AAAA', NODATA],
    ['rule 42: ... but its v4 IP', 'v4only', 'A', ok('A 10.244.0.1')],
    ['rule 42: a dual-stack Service publishes both (AAAA)', 'dual', 'AAAA', ok('AAAA fd00::1')],
    ['rule 42: a dual-stack Service publishes both (A)', 'dual', 'A', ok('A 10.244.0.1')],
  ] as const)('%s', (_t, svc, type, expected) => {
    expect(ask(resolverOf(objects, dualCluster), `${svc}.default.svc.cluster.local`, type)).toEqual(expected);
  });
  test('rule 42: on a single-stack cluster PreferDualStack falls back to IPv4', () => {
    expect(ask(resolverOf(objects), 'dual.default.svc.cluster.local', 'AAAA')).toEqual(NODATA);
  });
});

describe('rule 1: cluster domain option', () => {
  const objects = objectsOf('apiVersion: v1\nkind: Service\nmetadata: { name: s }\nspec: { clusterIP: 10.96.0.20 }\n');
  test.each([
    ['rule 1: names in the configured zone resolve', 's.default.svc.example.org', ok('A 10.96.0.20')],
    ['rule 1: cluster.local is then outside the zone', 's.default.svc.cluster.local', NX],
  ] as const)('%s', (_t, name, expected) => {
    expect(ask(resolverOf(objects, { clusterDomain: 'Example.Org.' }), name)).toEqual(expected);
  });
  test('rule 1/3: the SOA names the configured zone', () => {
    const r = resolverOf(objects, { clusterDomain: 'example.org' }).resolve('x.default.svc.example.org', 'A');
    expect(r.authority[0].name).toBe('example.org.');
  });
});

describe('rule 52: tolerate-unready annotation is not consulted', () => {
  const objects = objectsOf(`
apiVersion: v1
kind: Service
metadata: { name: s, annotations: { service.alpha.kubernetes.io/tolerate-unready-endpoints: "true" } }
spec: { clusterIP: None, selector: { app: s }, ports: [{ port: 80 }] }
---
apiVersion: v1
kind: Pod
metadata: { name: s, labels: { app: s } }
spec: { containers: [{ name: c, image: x }] }
status: { phase: Running, podIPs: [{ ip: 10.244.0.1 }], conditions: [{ type: Ready, status: "False" }] }
`);
  test('rule 52: an unready pod stays unpublished despite the annotation (NXDOMAIN: no ready endpoint)', () => {
    expect(ask(resolverOf(objects), 's.default.svc.cluster.local')).toEqual(NX);
  });
});
