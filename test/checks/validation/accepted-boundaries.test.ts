/**
 * The accepted side of every API-server rule (reference/k8s-validation.md): each row names a field, the values at
 * and inside its limits that kube-apiserver accepts (the rule must report nothing: a finding there is a false error
 * that fails someone's pipeline) and the values just past the limits that it rejects (the rule must report them).
 * The objects are otherwise valid, so a finding on an accepted value can only come from the field under test.
 */
import type { Rule } from '../../../src/checks/rule';
import { endpointsInvalid } from '../../../src/checks/rules/endpoints-invalid';
import { endpointsSubsetTooLarge } from '../../../src/checks/rules/endpoints-subset-too-large';
import { endpointSliceIgnoredRule } from '../../../src/checks/rules/endpointslice-ignored';
import { endpointSliceInvalid } from '../../../src/checks/rules/endpointslice-invalid';
import { serviceIneffectiveRule } from '../../../src/checks/rules/service-ineffective';
import { serviceInvalid } from '../../../src/checks/rules/service-invalid';
import { statefulSetInvalid } from '../../../src/checks/rules/statefulset-invalid';
import { statefulSetPodsRejected } from '../../../src/checks/rules/statefulset-pods-rejected';
import { all, messages, service, statefulSet } from '../builders';
import { show, subdomain } from './boundary-values';

type Obj = { [key: string]: any };

/** One field's limits: values the API server accepts and values just past them that it rejects. */
interface Boundary {
  readonly rule: Rule;
  readonly field: string;
  readonly make: (value: any) => Obj;
  readonly accepted: readonly unknown[];
  readonly rejected: readonly unknown[];
  /** What the rule says about each rejected value. */
  readonly pattern: RegExp;
}

/** `n` distinct ordinary IPv4 addresses. */
const ipv4s = (n: number): string[] => Array.from({ length: n }, (_, i) => `198.51.${Math.floor(i / 250)}.${(i % 250) + 1}`);

const svc = (spec: Obj, name = 'web', meta: Obj = {}) => service(name, spec, meta);
const externalNameSvc = (externalName: unknown) => svc({ type: 'ExternalName', selector: undefined, ports: undefined, externalName });
const endpointsOf = (subset: Obj, name = 'web') => ({ apiVersion: 'v1', kind: 'Endpoints', metadata: { name }, subsets: [subset] });
const sliceOf = (fields: Obj, name = 'web-ipv4') => ({
  apiVersion: 'discovery.k8s.io/v1',
  kind: 'EndpointSlice',
  metadata: { name, labels: { 'kubernetes.io/service-name': 'web', 'endpointslice.kubernetes.io/managed-by': 'example-tool' } },
  addressType: 'IPv4',
  endpoints: [{ addresses: ['203.0.113.10'] }],
  ports: [{ port: 443 }],
  ...fields,
});
const sts = (spec: Obj, name = 'db') => statefulSet(name, 'db', undefined, spec);
const selectorSts = (selector: Obj) => sts({ selector, template: { metadata: { labels: { app: 'db', tier: 'data' } }, spec: { containers: [{ name: 'main', image: 'example/db:1' }] } } });

/** Addresses at the edges of the special ranges (rule 38): the API server accepts the first list, rejects the second. */
const ORDINARY_IPS = ['0.0.0.1', '126.255.255.255', '128.0.0.0', '169.253.255.255', '169.255.0.0', '223.255.255.255', '224.0.1.0', '239.1.1.1',
  '255.255.255.255', '10.0.0.0', '::2', 'fe7f:ffff::1', 'fec0::1', 'ff01::1', 'ff03::1', 'ff0e::1', 'fd00::1', '2001:db8::1'];
const SPECIAL_IPS = ['0.0.0.0', '127.0.0.0', '127.255.255.255', '169.254.0.0', '169.254.255.255', '224.0.0.0', '224.0.0.255',
  '::', '::1', 'fe80::', 'febf:ffff::1', 'ff02::1', 'ff12::1', 'fff2::1', '::ffff:127.0.0.1'];

const BOUNDARIES: Boundary[] = [
  // Service (k8s-validation A, B, C)
  {
    rule: serviceInvalid,
    field: 'Service metadata.name (DNS-1035 label, rule 1)',
    make: (v) => svc({}, v),
    accepted: ['a', 'a'.repeat(63), 'a-1', 'web0'],
    rejected: ['a'.repeat(64), '1a', 'a-', 'web.v1'],
    pattern: /metadata\.name: Invalid value/,
  },
  {
    rule: serviceInvalid,
    field: 'metadata.namespace (DNS-1123 label, rule 6)',
    make: (v) => svc({}, 'web', { namespace: v }),
    accepted: ['a', 'a'.repeat(63), '1team', '', null], // null: a `namespace:` without a value, decoded as ""
    rejected: ['a'.repeat(64), 'Team', 'a.b'],
    pattern: /metadata\.namespace: Invalid value/,
  },
  {
    rule: serviceInvalid,
    field: 'spec.ports[0].port (rule 9)',
    make: (v) => svc({ ports: [{ port: v }] }),
    accepted: [1, 65535],
    rejected: [0, 65536, -1, 1.5, '80'],
    pattern: /spec\.ports\[0\]\.port: Invalid value: .*must be between 1 and 65535, inclusive/,
  },
  {
    rule: serviceInvalid,
    field: 'spec.ports[0].targetPort number (rule 13; 0 is defaulted to port)',
    make: (v) => svc({ ports: [{ port: 80, targetPort: v }] }),
    accepted: [1, 65535, 0, undefined],
    rejected: [65536, -1, 1.5],
    pattern: /spec\.ports\[0\]\.targetPort: Invalid value/,
  },
  {
    rule: serviceInvalid,
    field: 'spec.ports[0].targetPort name (IANA_SVC_NAME, rule 13; "" is defaulted)',
    make: (v) => svc({ ports: [{ port: 80, targetPort: v }] }),
    accepted: ['a', 'a'.repeat(15), 'http-alt', '8080a', 'a-1-b', ''],
    rejected: ['a'.repeat(16), '-a', 'a-', 'a--b', '123', 'Http'],
    pattern: /spec\.ports\[0\]\.targetPort: Invalid value/,
  },
  {
    rule: serviceInvalid,
    field: 'spec.ports[0].name of two ports (DNS-1123 label, rule 11)',
    make: (v) => svc({ ports: [{ name: v, port: 80 }, { name: 'other', port: 81 }] }),
    accepted: ['a', '1', 'a'.repeat(63), '80-http'],
    rejected: ['a'.repeat(64), 'a.b', 'Http', '', undefined],
    pattern: /spec\.ports\[0\]\.name: (Invalid|Required) value/,
  },
  {
    rule: serviceInvalid,
    field: 'spec.ports[0].protocol (rule 10)',
    make: (v) => svc({ ports: [{ port: 80, protocol: v }] }),
    accepted: ['TCP', 'UDP', 'SCTP', undefined, ''],
    rejected: ['tcp', 'HTTP'],
    pattern: /spec\.ports\[0\]\.protocol: Unsupported value/,
  },
  {
    rule: serviceInvalid,
    field: 'spec.ports[0].appProtocol (qualified name, rule 14)',
    make: (v) => svc({ ports: [{ port: 80, appProtocol: v }] }),
    accepted: ['http', 'kubernetes.io/h2c', 'kubernetes.io/wss', 'example.com/my-proto', 'a'.repeat(63), `${subdomain(253)}/h2c`],
    rejected: ['a'.repeat(64), 'my proto', `${subdomain(254)}/h2c`, 'a/b/c'],
    pattern: /spec\.ports\[0\]\.appProtocol: Invalid value/,
  },
  {
    rule: serviceInvalid,
    field: 'spec.ports[0].nodePort of a NodePort Service (0 means "allocate")',
    make: (v) => svc({ type: 'NodePort', ports: [{ port: 80, nodePort: v }] }),
    accepted: [30000, 32767, 1, 65535, 0, undefined],
    rejected: [65536, -1, 1.5],
    pattern: /spec\.ports\[0\]\.nodePort: Invalid value/,
  },
  {
    rule: serviceInvalid,
    field: 'spec.ports[0].nodePort by Service type (rule 15)',
    make: (v) => svc({ type: v, ports: [{ port: 80, nodePort: 30080 }] }),
    accepted: ['NodePort', 'LoadBalancer'],
    rejected: ['ClusterIP', undefined],
    pattern: /spec\.ports\[0\]\.nodePort: Forbidden/,
  },
  {
    rule: serviceInvalid,
    field: 'sessionAffinityConfig.clientIP.timeoutSeconds with ClientIP (rule 26)',
    make: (v) => svc({ sessionAffinity: 'ClientIP', sessionAffinityConfig: { clientIP: { timeoutSeconds: v } } }),
    accepted: [1, 86400, 10800, undefined],
    rejected: [0, 86401, -1, 1.5],
    pattern: /timeoutSeconds: Invalid value: .*must be greater than 0 and less than 86400/,
  },
  {
    rule: serviceInvalid,
    field: 'spec.sessionAffinity (rule 26)',
    make: (v) => svc({ sessionAffinity: v }),
    accepted: ['None', 'ClientIP', undefined],
    rejected: ['Client', 'none'],
    pattern: /spec\.sessionAffinity: Unsupported value/,
  },
  {
    rule: serviceInvalid,
    field: 'spec.externalName (DNS-1123 subdomain after one trailing dot, rule 23)',
    make: externalNameSvc,
    accepted: ['db.example.com', 'db.example.com.', 'db', subdomain(253), `${subdomain(253)}.`, `${'a'.repeat(63)}.example.com`],
    rejected: [subdomain(254), 'db..example.com', 'db.example.com..', 'https://db.example.com', 'DB.example.com'],
    pattern: /spec\.externalName: Invalid value/,
  },
  {
    rule: serviceInvalid,
    field: 'spec.selector value (label value, rule 7)',
    make: (v) => svc({ selector: { app: v } }),
    accepted: ['', 'a', 'a'.repeat(63), 'A_b.c-1', '1'],
    rejected: ['a'.repeat(64), '-a', 'a.', 'a b'],
    pattern: /spec\.selector: Invalid value/,
  },
  {
    rule: serviceInvalid,
    field: 'spec.selector key (qualified name, rule 7)',
    make: (v) => svc({ selector: { [v as string]: 'web' } }),
    accepted: ['a', 'a'.repeat(63), `${subdomain(253)}/${'n'.repeat(63)}`, 'app.kubernetes.io/name', 'A_b'],
    rejected: ['a'.repeat(64), `${subdomain(254)}/n`, `x/${'n'.repeat(64)}`, '/n', 'x/', '_a'],
    pattern: /spec\.selector: Invalid value/,
  },
  {
    rule: serviceInvalid,
    field: 'spec.clusterIPs (rule 18)',
    make: (v) => svc({ clusterIP: v[0], clusterIPs: v, ipFamilyPolicy: v.length > 1 ? 'RequireDualStack' : undefined }),
    accepted: [['10.96.0.10'], ['None'], ['10.96.0.10', 'fd00::10'], ['fd00::10', '10.96.0.10']],
    rejected: [['10.96.0.10', '10.96.0.11'], ['10.96.0.10', 'fd00::10', 'fd00::11'], ['None', '10.96.0.10']],
    pattern: /spec\.clusterIPs: Invalid value/,
  },
  {
    rule: serviceInvalid,
    field: 'spec.ipFamilies (rule 36)',
    make: (v) => svc({ ipFamilies: v, ipFamilyPolicy: v.length > 1 ? 'PreferDualStack' : undefined }),
    accepted: [[], ['IPv4'], ['IPv6'], ['IPv4', 'IPv6'], ['IPv6', 'IPv4']],
    rejected: [['IPv4', 'IPv4'], ['ipv4'], ['IPv4', 'IPv6', 'IPv4']],
    pattern: /spec\.ipFamilies(\[\d\])?: (Invalid|Duplicate|Unsupported) value/,
  },
  {
    rule: serviceInvalid,
    field: 'spec.ipFamilyPolicy with two families (rule 36)',
    make: (v) => svc({ ipFamilies: ['IPv4', 'IPv6'], ipFamilyPolicy: v }),
    accepted: ['PreferDualStack', 'RequireDualStack', undefined],
    rejected: ['SingleStack', 'DualStack'],
    pattern: /spec\.ipFamilyPolicy: (Invalid|Unsupported) value/,
  },
  {
    rule: serviceInvalid,
    field: 'externalTrafficPolicy: Local by Service type (rule 27)',
    make: (v) => svc({ type: v, externalTrafficPolicy: 'Local' }),
    accepted: ['NodePort', 'LoadBalancer'],
    rejected: ['ClusterIP', undefined],
    pattern: /spec\.externalTrafficPolicy: Invalid value: "Local": may only be set for externally-accessible services/,
  },
  {
    rule: serviceInvalid,
    field: 'externalTrafficPolicy: Local on a ClusterIP Service by externalIPs (rule 27)',
    make: (v) => svc({ externalIPs: v, externalTrafficPolicy: 'Local' }),
    accepted: [['203.0.113.10']],
    rejected: [[], undefined],
    pattern: /may only be set for externally-accessible services/,
  },
  {
    rule: serviceInvalid,
    field: 'spec.internalTrafficPolicy (rule 27)',
    make: (v) => svc({ internalTrafficPolicy: v }),
    accepted: ['Cluster', 'Local', undefined],
    rejected: ['local', 'Node'],
    pattern: /spec\.internalTrafficPolicy: Unsupported value/,
  },
  {
    rule: serviceInvalid,
    field: 'spec.externalIPs[0] (rules 28, 38)',
    make: (v) => svc({ externalIPs: [v] }),
    accepted: ORDINARY_IPS,
    rejected: SPECIAL_IPS,
    pattern: /spec\.externalIPs\[0\]: Invalid value/,
  },
  {
    rule: serviceInvalid,
    field: 'spec.ports of a headless or ExternalName Service (rule 8)',
    make: (v) => svc({ ...v, ports: [] }),
    accepted: [{ clusterIP: 'None' }, { type: 'ExternalName', selector: undefined, externalName: 'db.example.com' }],
    rejected: [{}, { type: 'NodePort' }, { type: 'LoadBalancer' }],
    pattern: /spec\.ports: Required value/,
  },
  {
    rule: serviceIneffectiveRule,
    field: 'externalName labels (at most 63 characters each)',
    make: externalNameSvc,
    accepted: [`${'a'.repeat(63)}.example.com`, `db.${'b'.repeat(63)}.`, `db.${'c'.repeat(63)}`],
    rejected: [`${'a'.repeat(64)}.example.com`, `db.${'c'.repeat(64)}`],
    pattern: /a DNS label has at most 63, so the name never resolves/,
  },
  {
    rule: serviceIneffectiveRule,
    field: 'sessionAffinityConfig by sessionAffinity (rule 26)',
    make: (v) => svc({ sessionAffinity: v, sessionAffinityConfig: { clientIP: { timeoutSeconds: 60 } } }),
    accepted: ['ClientIP'],
    rejected: ['None', undefined],
    pattern: /is dropped by v1 defaulting when sessionAffinity is None/,
  },

  // Endpoints (k8s-validation F, G)
  {
    rule: endpointsInvalid,
    field: 'Endpoints subset addresses (rule 39)',
    make: (v) => endpointsOf({ ...v, ports: [{ port: 443 }] }),
    accepted: [{ notReadyAddresses: [{ ip: '203.0.113.10' }] }, { addresses: [{ ip: '203.0.113.10' }] }, { addresses: [{ ip: '203.0.113.10' }], notReadyAddresses: [] }],
    rejected: [{}, { addresses: [], notReadyAddresses: [] }],
    pattern: /subsets\[0\]: Required value: must specify `addresses` or `notReadyAddresses`/,
  },
  {
    rule: endpointsInvalid,
    field: 'Endpoints subset ports (rule 39: none is fine for headless use)',
    make: (v) => endpointsOf({ addresses: [{ ip: '203.0.113.10' }], ports: v }),
    accepted: [undefined, [], [{ port: 443 }], [{ name: 'a', port: 1 }, { name: 'b', port: 2 }]],
    rejected: [[{ port: 1 }, { port: 2 }]],
    pattern: /ports\[0\]\.name: Required value/,
  },
  {
    rule: endpointsInvalid,
    field: 'Endpoints port number (rule 41)',
    make: (v) => endpointsOf({ addresses: [{ ip: '203.0.113.10' }], ports: [{ port: v }] }),
    accepted: [1, 65535],
    rejected: [0, 65536, undefined],
    pattern: /subsets\[0\]\.ports\[0\]\.port: Invalid value/,
  },
  {
    rule: endpointsInvalid,
    field: 'Endpoints address hostname (rule 40)',
    make: (v) => endpointsOf({ addresses: [{ ip: '203.0.113.10', hostname: v }] }),
    accepted: ['a', '0', 'a'.repeat(63), 'db-0'],
    rejected: ['a'.repeat(64), 'db-0.x', 'Db'],
    pattern: /addresses\[0\]\.hostname: Invalid value/,
  },
  {
    rule: endpointsInvalid,
    field: 'Endpoints address nodeName (rule 40)',
    make: (v) => endpointsOf({ notReadyAddresses: [{ ip: '203.0.113.10', nodeName: v }] }),
    accepted: ['node-1', subdomain(253), 'ip-10-0-0-1.ec2.internal'],
    rejected: [subdomain(254), 'Node_1'],
    pattern: /notReadyAddresses\[0\]\.nodeName: Invalid value/,
  },
  {
    rule: endpointsInvalid,
    field: 'Endpoints metadata.name (DNS-1123 subdomain, rule 2)',
    make: (v) => endpointsOf({ addresses: [{ ip: '203.0.113.10' }] }, v),
    accepted: ['a', '1', subdomain(253)],
    rejected: [subdomain(254), 'Web'],
    pattern: /metadata\.name: Invalid value/,
  },
  {
    rule: endpointsInvalid,
    field: 'Endpoints address ip (rules 37, 38)',
    make: (v) => endpointsOf({ addresses: [{ ip: v }] }),
    accepted: ORDINARY_IPS,
    rejected: SPECIAL_IPS,
    pattern: /subsets\[0\]\.addresses\[0\]\.ip: Invalid value/,
  },
  {
    rule: endpointsInvalid,
    field: 'Endpoints notReadyAddresses ip (rules 37, 38)',
    make: (v) => endpointsOf({ notReadyAddresses: [{ ip: v }] }),
    accepted: ORDINARY_IPS,
    rejected: SPECIAL_IPS,
    pattern: /subsets\[0\]\.notReadyAddresses\[0\]\.ip: Invalid value/,
  },
  {
    rule: endpointsSubsetTooLarge,
    field: 'addresses + notReadyAddresses of one mirrored subset (rule 47)',
    make: (v) => {
      const ips = ipv4s(v).map((ip) => ({ ip }));
      return endpointsOf({ addresses: ips.slice(0, 600), notReadyAddresses: ips.slice(600) });
    },
    accepted: [1, 1000],
    rejected: [1001],
    pattern: /has 1001 addresses for the same ports \(subset 0\); the mirroring controller copies at most 1000/,
  },

  // EndpointSlice (k8s-validation I)
  {
    rule: endpointSliceInvalid,
    field: 'EndpointSlice endpoints count (rule 51)',
    make: (v) => sliceOf({ endpoints: ipv4s(v).map((ip) => ({ addresses: [ip] })) }),
    accepted: [0, 1, 1000],
    rejected: [1001],
    pattern: /endpoints: Too many: 1001: must have at most 1000 items/,
  },
  {
    rule: endpointSliceInvalid,
    field: 'EndpointSlice addresses per endpoint (rule 51)',
    make: (v) => sliceOf({ endpoints: [{ addresses: ipv4s(v) }] }),
    accepted: [1, 100],
    rejected: [0, 101],
    pattern: /endpoints\[0\]\.addresses: (Required value: must contain at least 1 address|Too many: 101: must have at most 100 items)/,
  },
  {
    rule: endpointSliceInvalid,
    field: 'EndpointSlice hints.forZones (rule 54)',
    make: (v) => sliceOf({ endpoints: [{ addresses: ['203.0.113.10'], hints: { forZones: Array.from({ length: v }, (_, i) => ({ name: `zone-${i}` })) } }] }),
    accepted: [0, 1, 8],
    rejected: [9],
    pattern: /hints\.forZones: Too many: 9: must have at most 8 items/,
  },
  {
    rule: endpointSliceInvalid,
    field: 'EndpointSlice ports count (rule 53)',
    make: (v) => sliceOf({ ports: Array.from({ length: v }, (_, i) => ({ name: `p${i}`, port: (i % 65535) + 1 })) }),
    accepted: [0, 1, 100, 20000],
    rejected: [20001],
    pattern: /ports: Too many: 20001: must have at most 20000 items/,
  },
  {
    rule: endpointSliceInvalid,
    field: 'EndpointSlice port names (rule 53: unique, "" once)',
    make: (v) => sliceOf({ ports: v }),
    accepted: [[{ port: 443 }], [{ name: '', port: 443 }, { name: 'b', port: 444 }], [{ name: 'a'.repeat(63), port: 443 }]],
    rejected: [[{ port: 443 }, { name: '', port: 444 }], [{ name: 'a'.repeat(64), port: 443 }]],
    pattern: /ports\[\d\]\.name: (Invalid|Duplicate) value/,
  },
  {
    rule: endpointSliceInvalid,
    field: 'EndpointSlice addressType (rule 50)',
    make: (v) => sliceOf({ addressType: v, endpoints: [] }),
    accepted: ['IPv4', 'IPv6', 'FQDN'],
    rejected: ['IP', 'ipv4'],
    pattern: /addressType: Unsupported value/,
  },
  {
    rule: endpointSliceInvalid,
    field: 'EndpointSlice IPv4 address (rules 37, 38, 52)',
    make: (v) => sliceOf({ endpoints: [{ addresses: [v] }] }),
    accepted: ORDINARY_IPS.filter((ip) => !ip.includes(':')),
    rejected: [...SPECIAL_IPS.filter((ip) => !ip.includes(':')), '2001:db8::1'],
    pattern: /endpoints\[0\]\.addresses\[0\]: Invalid value/,
  },
  {
    rule: endpointSliceInvalid,
    field: 'EndpointSlice IPv6 address (rules 37, 38, 52)',
    make: (v) => sliceOf({ addressType: 'IPv6', endpoints: [{ addresses: [v] }] }),
    accepted: ORDINARY_IPS.filter((ip) => ip.includes(':')),
    rejected: [...SPECIAL_IPS.filter((ip) => ip.includes(':') && !ip.startsWith('::ffff:')), '203.0.113.10'],
    pattern: /endpoints\[0\]\.addresses\[0\]: Invalid value/,
  },
  {
    rule: endpointSliceInvalid,
    field: 'EndpointSlice FQDN address (rule 52)',
    make: (v) => sliceOf({ addressType: 'FQDN', endpoints: [{ addresses: [v] }] }),
    accepted: ['db.example.com', 'db.example.com.', `${'a'.repeat(63)}.example.com`, subdomain(253), `${subdomain(253)}.`],
    rejected: ['db', `${'a'.repeat(64)}.example.com`, subdomain(254), 'DB.example.com'],
    pattern: /endpoints\[0\]\.addresses\[0\]: Invalid value/,
  },
  {
    rule: endpointSliceInvalid,
    field: 'EndpointSlice endpoint hostname (rule 54)',
    make: (v) => sliceOf({ endpoints: [{ addresses: ['203.0.113.10'], hostname: v }] }),
    accepted: ['a', 'a'.repeat(63), '0'],
    rejected: ['a'.repeat(64), 'a.b', ''],
    pattern: /endpoints\[0\]\.hostname: Invalid value/,
  },
  {
    rule: endpointSliceInvalid,
    field: 'EndpointSlice metadata.name (DNS-1123 subdomain, rule 3)',
    make: (v) => sliceOf({}, v),
    accepted: ['a', subdomain(253), 'web-ipv4-2'],
    rejected: [subdomain(254), 'Web'],
    pattern: /metadata\.name: Invalid value/,
  },
  {
    rule: endpointSliceInvalid,
    field: 'EndpointSlice metadata name or generateName (rule 6)',
    make: (v) => {
      const s = sliceOf({});
      return { ...s, metadata: { labels: s.metadata.labels, ...v } };
    },
    accepted: [{ name: 'web-ipv4' }, { generateName: 'web-' }, { name: '', generateName: 'web-' }],
    rejected: [{}, { name: '', generateName: '' }],
    pattern: /metadata\.name: Required value: name or generateName is required/,
  },
  {
    rule: endpointSliceIgnoredRule,
    field: 'EndpointSlice port number (rule 53: the API does not check it, kube-proxy needs it)',
    make: (v) => sliceOf({ ports: [{ name: '', port: v }] }),
    accepted: [1, 65535],
    rejected: [0, 65536, undefined],
    pattern: /ports\[0\]\.port: (Invalid|Required) value/,
  },
  {
    rule: endpointSliceIgnoredRule,
    field: 'EndpointSlice addresses per endpoint that kube-proxy uses (rule 51)',
    make: (v) => sliceOf({ endpoints: [{ addresses: ipv4s(v) }] }),
    accepted: [1],
    rejected: [2, 100],
    pattern: /kube-proxy uses only the first address/,
  },

  // StatefulSet (k8s-validation J)
  {
    rule: statefulSetInvalid,
    field: 'StatefulSet selector (rule 62)',
    make: selectorSts,
    accepted: [
      { matchExpressions: [{ key: 'app', operator: 'In', values: ['db'] }] },
      { matchExpressions: [{ key: 'app', operator: 'Exists' }] },
      { matchExpressions: [{ key: 'canary', operator: 'DoesNotExist' }] },
      { matchExpressions: [{ key: 'canary', operator: 'NotIn', values: ['true'] }] },
      { matchExpressions: [{ key: 'app', operator: 'NotIn', values: ['web'] }, { key: 'tier', operator: 'In', values: ['cache', 'data'] }] },
      { matchLabels: {}, matchExpressions: [{ key: 'app', operator: 'Exists' }] },
      { matchLabels: { app: 'db' } },
      { matchLabels: { app: 'db', tier: 'data' }, matchExpressions: [{ key: 'tier', operator: 'Exists' }] },
    ],
    rejected: [{}, { matchLabels: {}, matchExpressions: [] }, { matchExpressions: [{ key: 'app', operator: 'In', values: ['web'] }] },
      { matchExpressions: [{ key: 'app', operator: 'DoesNotExist' }] }, { matchLabels: { app: 'db', role: 'x' } }],
    pattern: /(empty selector is invalid for statefulset|`selector` does not match template `labels`)/,
  },
  {
    rule: statefulSetInvalid,
    field: 'StatefulSet metadata.name (DNS-1123 label, rule 4)',
    make: (v) => sts({}, v),
    accepted: ['a', '0', 'a'.repeat(63)],
    rejected: ['a'.repeat(64), 'db.v1'],
    pattern: /metadata\.name: Invalid value/,
  },
  {
    rule: statefulSetInvalid,
    field: 'StatefulSet spec.replicas (rule 65)',
    make: (v) => sts({ replicas: v }),
    accepted: [0, 1, undefined],
    rejected: [-1, 1.5],
    pattern: /spec\.replicas: Invalid value: .*must be greater than or equal to 0/,
  },
  {
    rule: statefulSetInvalid,
    field: 'StatefulSet spec.minReadySeconds (rule 65)',
    make: (v) => sts({ minReadySeconds: v }),
    accepted: [0, 1],
    rejected: [-1],
    pattern: /spec\.minReadySeconds: Invalid value/,
  },
  {
    rule: statefulSetInvalid,
    field: 'StatefulSet spec.ordinals.start (rule 65)',
    make: (v) => sts({ ordinals: { start: v } }),
    accepted: [0, 1],
    rejected: [-1],
    pattern: /spec\.ordinals\.start: Invalid value/,
  },
  {
    rule: statefulSetInvalid,
    field: 'StatefulSet rollingUpdate.partition (rule 64)',
    make: (v) => sts({ updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: v } } }),
    accepted: [0, 1, 5],
    rejected: [-1, 0.5],
    pattern: /partition: Invalid value: .*must be greater than or equal to 0/,
  },
  {
    rule: statefulSetInvalid,
    field: 'StatefulSet updateStrategy (rule 64)',
    make: (v) => sts({ updateStrategy: v }),
    accepted: [{}, { type: 'OnDelete' }, { type: 'RollingUpdate' }, { rollingUpdate: { partition: 2 } }, { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1 } }],
    rejected: [{ type: 'OnDelete', rollingUpdate: {} }, { type: 'Recreate' }],
    pattern: /spec\.updateStrategy\.(type|rollingUpdate): Invalid value/,
  },
  {
    rule: statefulSetInvalid,
    field: 'StatefulSet podManagementPolicy (rule 63)',
    make: (v) => sts({ podManagementPolicy: v }),
    accepted: ['OrderedReady', 'Parallel', undefined, ''],
    rejected: ['Sequential', 'parallel'],
    pattern: /spec\.podManagementPolicy: Invalid value/,
  },
  {
    rule: statefulSetInvalid,
    field: 'StatefulSet PVC retention policy (rule 65)',
    make: (v) => sts({ persistentVolumeClaimRetentionPolicy: { whenDeleted: v, whenScaled: v } }),
    accepted: ['Retain', 'Delete', undefined],
    rejected: ['Remove', 'retain'],
    pattern: /persistentVolumeClaimRetentionPolicy\.whenDeleted: Unsupported value/,
  },
  {
    rule: statefulSetInvalid,
    field: 'StatefulSet template restartPolicy (rule 66)',
    make: (v) => sts({ template: { metadata: { labels: { app: 'db' } }, spec: { restartPolicy: v, containers: [] } } }),
    accepted: ['Always', undefined],
    rejected: ['OnFailure', 'Never'],
    pattern: /spec\.template\.spec\.restartPolicy: Unsupported value/,
  },
  {
    rule: statefulSetPodsRejected,
    field: 'StatefulSet serviceName (pod subdomain, rule 68)',
    make: (v) => sts({ serviceName: v }),
    accepted: ['db', '1db', 'a'.repeat(63), undefined],
    rejected: ['a'.repeat(64), 'db.headless', 'Db'],
    pattern: /spec\.serviceName: Invalid value/,
  },
  {
    rule: statefulSetPodsRejected,
    field: 'StatefulSet volumeClaimTemplates name (pod volume name, rule 69)',
    make: (v) => sts({ volumeClaimTemplates: [{ metadata: { name: v }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }] }),
    accepted: ['data', 'a'.repeat(63), '0'],
    rejected: ['a'.repeat(64), 'data.v1'],
    pattern: /volumeClaimTemplates\[0\]\.metadata\.name: Invalid value/,
  },
];

const ACCEPTED = BOUNDARIES.flatMap((b) => b.accepted.map((v) => [`${b.rule.id}: ${b.field} = ${show(v)}`, b.rule, b.make(v)] as const));
const REJECTED = BOUNDARIES.flatMap((b) => b.rejected.map((v) => [`${b.rule.id}: ${b.field} = ${show(v)}`, b.rule, b.make(v), b.pattern] as const));

describe('accepted boundary values', () => {
  test.each(ACCEPTED)('reports nothing for %s', (_, rule, object) => {
    expect(messages(rule, [object])).toEqual([]);
  });
});

describe('values just past the boundary', () => {
  test.each(REJECTED)('reports %s', (_, rule, object, pattern) => {
    const found = messages(rule, [object]);
    expect(found.length).toBeGreaterThan(0);
    expect(found.join('\n')).toMatch(pattern);
  });
});

describe('one finding per problem', () => {
  test.each([['a fraction', 1.5], ['a string', '443']])('a slice port that is %s is reported by endpointslice-invalid only, not again as ignored', (_, port) => {
    const object = sliceOf({ ports: [{ name: '', port }] });
    expect(messages(endpointSliceInvalid, [object])).toEqual([expect.stringMatching(/ports\[0\]\.port: Invalid value: .*: must be an integer/)]);
    expect(messages(endpointSliceIgnoredRule, [object])).toEqual([]);
  });
});

describe('the whole pack on boundary objects', () => {
  test('a StatefulSet whose selector is only matchExpressions, with its headless Service, has no error', () => {
    // GIVEN
    const objects = [
      service('db', { clusterIP: 'None', selector: { app: 'db' }, ports: [{ name: 'pg', port: 5432 }] }),
      statefulSet('db', 'db', { app: 'db' }, { selector: { matchExpressions: [{ key: 'app', operator: 'In', values: ['db'] }] } }),
    ];

    // WHEN
    const errors = all(objects).filter((f) => f.level === 'error');

    // THEN
    expect(errors).toEqual([]);
  });

  test('a selectorless Service with 1000 endpoints of 1 address each in one slice has no error', () => {
    const objects = [
      service('web', { selector: undefined, ports: [{ port: 443 }] }),
      sliceOf({ endpoints: ipv4s(1000).map((ip) => ({ addresses: [ip] })) }),
    ];
    expect(all(objects).filter((f) => f.level === 'error')).toEqual([]);
  });

  test('a selectorless Service with only not-ready Endpoints addresses has no error', () => {
    const objects = [
      service('web', { selector: undefined, ports: [{ port: 443 }] }),
      endpointsOf({ notReadyAddresses: [{ ip: '203.0.113.10' }], ports: [{ port: 443 }] }),
    ];
    expect(all(objects).filter((f) => f.level === 'error')).toEqual([]);
  });
});
