/**
 * The single-object API-server rules, table-driven: each case names the object, the rule and the API server's
 * detail text (reference/k8s-validation.md), matched as a substring because v1.34 changed the line format.
 */
import type { Rule } from '../../../src/checks/rule';
import { endpointsInvalid } from '../../../src/checks/rules/endpoints-invalid';
import { endpointsNotMirroredRule } from '../../../src/checks/rules/endpoints-not-mirrored';
import { endpointSliceIgnoredRule } from '../../../src/checks/rules/endpointslice-ignored';
import { endpointSliceInvalid } from '../../../src/checks/rules/endpointslice-invalid';
import { serviceIneffectiveRule } from '../../../src/checks/rules/service-ineffective';
import { serviceInvalid } from '../../../src/checks/rules/service-invalid';
import { statefulSetInvalid } from '../../../src/checks/rules/statefulset-invalid';
import { statefulSetPodsRejected } from '../../../src/checks/rules/statefulset-pods-rejected';
import { endpoints, messages, run, selectorlessTrio, service, slice, statefulSet } from '../builders';

const svc = (spec: object, name = 'web') => service(name, spec);
const sts = (spec: object, name = 'db') => statefulSet(name, 'db', undefined, spec);

describe('compliant objects', () => {
  test.each<[string, Rule, object[]]>([
    ['service-invalid: a plain ClusterIP Service', serviceInvalid, [svc({})]],
    ['service-invalid: a headless Service without ports', serviceInvalid, [svc({ clusterIP: 'None', ports: undefined })]],
    ['service-invalid: an ExternalName with a trailing dot', serviceInvalid, [svc({ type: 'ExternalName', externalName: 'db.example.com.', selector: undefined, ports: undefined })]],
    ['service-invalid: 53/TCP and 53/UDP', serviceInvalid, [svc({ ports: [{ name: 'dns', port: 53 }, { name: 'dns-udp', port: 53, protocol: 'UDP' }] })]],
    ['service-ineffective: a plain Service', serviceIneffectiveRule, [svc({})]],
    ['endpoints-invalid: a correct selectorless trio', endpointsInvalid, selectorlessTrio()],
    ['endpoints-not-mirrored: a correct selectorless trio', endpointsNotMirroredRule, selectorlessTrio()],
    ['endpointslice-invalid: a correct selectorless trio', endpointSliceInvalid, selectorlessTrio()],
    ['endpointslice-ignored: a correct selectorless trio', endpointSliceIgnoredRule, selectorlessTrio()],
    // addresses just outside the special IPv4 ranges (the validators' fast path takes them)
    ['endpoints-invalid: addresses next to the special ranges', endpointsInvalid, [endpoints('x', ['0.0.0.1', '126.255.255.255', '128.0.0.0', '169.253.255.255', '169.255.0.0', '223.255.255.255', '224.0.1.0', '255.255.255.255'])]],
    ['endpointslice-invalid: addresses next to the special ranges', endpointSliceInvalid, [slice('s', 'x', ['0.0.0.1', '126.255.255.255', '128.0.0.0', '169.253.255.255', '169.255.0.0', '223.255.255.255', '224.0.1.0', '255.255.255.255'])]],
    ['statefulset-invalid: a plain StatefulSet', statefulSetInvalid, [sts({})]],
    ['statefulset-pods-rejected: a plain StatefulSet', statefulSetPodsRejected, [sts({})]],
  ])('reports nothing for %s', (_, rule, objects) => {
    expect(messages(rule, objects as any[])).toEqual([]);
  });
});

describe('non-compliant objects', () => {
  test.each<[string, Rule, object, RegExp]>([
    // Service (k8s-validation A, B, C)
    ['service-invalid when the name is not a DNS-1035 label', serviceInvalid, svc({}, '1web'), /Service "1web" is invalid: metadata.name: Invalid value: "1web": a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character.*the API server rejects it\). Fix: rename/],
    ['service-invalid when the name has 64 characters', serviceInvalid, svc({}, 'a'.repeat(64)), /must be no more than 63 characters/],
    ['service-invalid when a ClusterIP Service has no ports', serviceInvalid, svc({ ports: [] }), /spec.ports: Required value: /],
    ['service-invalid when port is 0', serviceInvalid, svc({ ports: [{ port: 0 }] }), /spec.ports\[0\].port: Invalid value: 0: must be between 1 and 65535, inclusive/],
    ['service-invalid when protocol is lower case', serviceInvalid, svc({ ports: [{ port: 80, protocol: 'tcp' }] }), /spec.ports\[0\].protocol: Unsupported value: "tcp": supported values: "SCTP", "TCP", "UDP"/],
    ['service-invalid when the second port has no name', serviceInvalid, svc({ ports: [{ name: 'a', port: 80 }, { port: 81 }] }), /spec.ports\[1\].name: Required value/],
    ['service-invalid when port names repeat', serviceInvalid, svc({ ports: [{ name: 'http', port: 80 }, { name: 'http', port: 81 }] }), /spec.ports\[1\].name: Duplicate value: "http"/],
    ['service-invalid when a named targetPort is 16 characters', serviceInvalid, svc({ ports: [{ port: 80, targetPort: 'a-very-long-name' }] }), /targetPort: Invalid value: "a-very-long-name": must be no more than 15 characters/],
    ['service-invalid when a targetPort name has consecutive hyphens', serviceInvalid, svc({ ports: [{ port: 80, targetPort: 'a--b' }] }), /must not contain consecutive hyphens/],
    ['service-invalid when a targetPort name has no letter', serviceInvalid, svc({ ports: [{ port: 80, targetPort: '80-80' }] }), /must contain at least one letter \(a-z\)/],
    ['service-invalid when nodePort is set on ClusterIP', serviceInvalid, svc({ ports: [{ port: 80, nodePort: 30080 }] }), /spec.ports\[0\].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'/],
    ['service-invalid when type is Headless', serviceInvalid, svc({ type: 'Headless' }), /spec.type: Unsupported value: "Headless": supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort"/],
    ['service-invalid when None is not alone', serviceInvalid, svc({ clusterIP: 'None', clusterIPs: ['None', '10.96.0.1'] }), /'None' must be the first and only value/],
    ['service-invalid when a NodePort Service is headless', serviceInvalid, svc({ type: 'NodePort', clusterIP: 'None' }), /spec.clusterIPs\[0\]: Invalid value: "None": may not be set to 'None' for NodePort services/],
    ['service-invalid when clusterIPs[0] differs from clusterIP', serviceInvalid, svc({ clusterIP: '10.96.0.5', clusterIPs: ['10.96.0.6'] }), /first value must match `clusterIP`/],
    ['service-invalid when two IPv4 cluster IPs are given', serviceInvalid, svc({ clusterIPs: ['10.96.0.5', '10.96.0.6'] }), /may specify no more than one IP for each IP family/],
    ['service-invalid when ExternalName has no externalName', serviceInvalid, svc({ type: 'ExternalName', selector: undefined }), /spec.externalName: Required value/],
    ['service-invalid when externalName is a URL', serviceInvalid, svc({ type: 'ExternalName', externalName: 'https://db.example.com' }), /a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.'/],
    ['service-invalid when ExternalName keeps clusterIP', serviceInvalid, svc({ type: 'ExternalName', externalName: 'db.example.com', clusterIP: 'None' }), /spec.clusterIPs: Forbidden: may not be set for ExternalName services/],
    ['service-invalid when ExternalName keeps ipFamilyPolicy', serviceInvalid, svc({ type: 'ExternalName', externalName: 'db.example.com', ipFamilyPolicy: 'SingleStack' }), /spec.ipFamilyPolicy: Forbidden: may not be set for ExternalName services/],
    ['service-invalid when externalTrafficPolicy is set on ClusterIP', serviceInvalid, svc({ externalTrafficPolicy: 'Local' }), /may only be set for externally-accessible services/],
    ['service-invalid when the ClientIP timeout is too large', serviceInvalid, svc({ sessionAffinity: 'ClientIP', sessionAffinityConfig: { clientIP: { timeoutSeconds: 86401 } } }), /must be greater than 0 and less than 86400/],
    ['service-invalid when ipFamilies is lower case', serviceInvalid, svc({ ipFamilies: ['ipv4'] }), /Unsupported value: "ipv4": supported values: "IPv4", "IPv6"/],
    ['service-invalid when the selector value is not a label value', serviceInvalid, svc({ selector: { app: 'my app' } }), /a valid label must be an empty string or consist of alphanumeric characters/],
    // ardanlabs/service zarf/k8s/base/sales/base-sales.yaml: a Deployment's selector copied into the Service
    ['service-invalid when the selector is a workload selector with matchLabels', serviceInvalid, svc({ selector: { matchLabels: { app: 'sales' } } }), /spec\.selector: Invalid value: \{"matchLabels":\{"app":"sales"\}\}: a Service selector is a plain map of labels, not a workload selector with matchLabels or matchExpressions \(the API server rejects it\)\. Fix: write the labels directly under spec\.selector \(app: sales\)/],
    ['service-invalid when the selector is a workload selector with matchExpressions', serviceInvalid, svc({ selector: { matchExpressions: [{ key: 'app', operator: 'In', values: ['web'] }] } }), /a Service selector is a plain map of labels.*\(e\.g\. app: web\)/],
    ['service-invalid when an externalIP is loopback', serviceInvalid, svc({ externalIPs: ['127.0.0.1'] }), /may not be in the loopback range \(127.0.0.0\/8, ::1\/128\)/],
    ['service-invalid when appProtocol is not a qualified name', serviceInvalid, svc({ ports: [{ port: 80, appProtocol: 'my proto' }] }), /name part must consist of alphanumeric characters/],
    ['service-ineffective when externalName is set on a ClusterIP Service', serviceIneffectiveRule, svc({ externalName: 'db.example.com' }), /spec.externalName is ignored when spec.type is not "ExternalName"/],
    ['service-ineffective when an ExternalName Service has a selector', serviceIneffectiveRule, svc({ type: 'ExternalName', externalName: 'db.example.com' }), /ExternalName Services receive no endpoints; the selector is ignored/],
    ['service-ineffective when a headless Service has ClientIP affinity', serviceIneffectiveRule, svc({ clusterIP: 'None', sessionAffinity: 'ClientIP' }), /spec.SessionAffinity is ignored for headless services/],
    ['service-ineffective when an externalName label has 64 characters', serviceIneffectiveRule, svc({ type: 'ExternalName', selector: undefined, externalName: `${'a'.repeat(64)}.example.com` }), /is 64 characters; a DNS label has at most 63, so the name never resolves/],
    ['service-ineffective when externalName is a single label', serviceIneffectiveRule, svc({ type: 'ExternalName', selector: undefined, externalName: 'db' }), /single-label externalName becomes the CNAME target "db."/],
    ['service-ineffective when sessionAffinityConfig is set with None', serviceIneffectiveRule, svc({ sessionAffinityConfig: { clientIP: { timeoutSeconds: 10 } } }), /is dropped by v1 defaulting when sessionAffinity is None/],
    // Endpoints (k8s-validation F, G)
    ['endpoints-invalid when a subset has no addresses', endpointsInvalid, { apiVersion: 'v1', kind: 'Endpoints', metadata: { name: 'x' }, subsets: [{ ports: [{ port: 1 }] }] }, /subsets\[0\]: Required value: must specify `addresses` or `notReadyAddresses`/],
    ['endpoints-invalid when an IP is not an IP', endpointsInvalid, endpoints('x', ['db.example.com']), /subsets\[0\].addresses\[0\].ip: Invalid value: "db.example.com": must be a valid IP address, \(e.g. 10.9.8.7 or 2001:db8::ffff\)/],
    ['endpoints-invalid when an IP is link-local (cloud metadata)', endpointsInvalid, endpoints('x', ['169.254.169.254']), /may not be in the link-local range \(169.254.0.0\/16, fe80::\/10\)/],
    ['endpoints-invalid when an IP is unspecified', endpointsInvalid, endpoints('x', ['0.0.0.0']), /may not be unspecified \(0.0.0.0\)/],
    ['endpoints-invalid when an IP is link-local multicast', endpointsInvalid, endpoints('x', ['ff02::1']), /may not be in the link-local multicast range \(224.0.0.0\/24, ff02::\/10\)/],
    // IPv4 special ranges, which the validators' fast path for ordinary dotted quads must not skip
    ['endpoints-invalid when an IP is IPv4 loopback', endpointsInvalid, endpoints('x', ['127.255.0.1']), /subsets\[0\].addresses\[0\].ip: Invalid value: "127.255.0.1": may not be in the loopback range/],
    ['endpoints-invalid when an IP is IPv4 link-local multicast', endpointsInvalid, endpoints('x', ['224.0.0.251']), /may not be in the link-local multicast range \(224.0.0.0\/24, ff02::\/10\)/],
    ['endpoints-invalid when an IP has a leading zero', endpointsInvalid, endpoints('x', ['10.0.0.010']), /subsets\[0\].addresses\[0\].ip: Invalid value: "10.0.0.010"/],
    ['endpoints-invalid when a not-ready IP is loopback', endpointsInvalid, { apiVersion: 'v1', kind: 'Endpoints', metadata: { name: 'x' }, subsets: [{ notReadyAddresses: [{ ip: '127.0.0.1' }], ports: [{ port: 1 }] }] }, /notReadyAddresses\[0\].ip: Invalid value: "127.0.0.1": may not be in the loopback range/],
    ['endpointslice-invalid when an IPv4 address is loopback', endpointSliceInvalid, slice('s', 'x', ['203.0.113.1', '127.0.0.1']), /endpoints\[1\].addresses\[0\]: Invalid value: "127.0.0.1": may not be in the loopback range/],
    ['endpointslice-invalid when an IPv4 address is link-local', endpointSliceInvalid, slice('s', 'x', ['169.254.0.1']), /endpoints\[0\].addresses\[0\]: Invalid value: "169.254.0.1": may not be in the link-local range/],
    ['endpointslice-invalid when an IPv4 address is unspecified', endpointSliceInvalid, slice('s', 'x', ['0.0.0.0']), /may not be unspecified \(0.0.0.0\)/],
    ['endpointslice-invalid when an IPv4 address is link-local multicast', endpointSliceInvalid, slice('s', 'x', ['224.0.0.1']), /may not be in the link-local multicast range/],
    ['endpoints-invalid when a port is 70000', endpointsInvalid, endpoints('x', undefined, [{ port: 70000 }]), /ports\[0\].port: Invalid value: 70000: must be between 1 and 65535, inclusive/],
    ['endpoints-invalid when the second port has no name', endpointsInvalid, endpoints('x', undefined, [{ name: 'a', port: 1 }, { port: 2 }]), /subsets\[0\].ports\[1\].name: Required value/],
    ['endpoints-invalid when a hostname has dots', endpointsInvalid, { apiVersion: 'v1', kind: 'Endpoints', metadata: { name: 'x' }, subsets: [{ addresses: [{ ip: '203.0.113.1', hostname: 'db-0.x' }] }] }, /hostname: Invalid value: "db-0.x": a lowercase RFC 1123 label/],
    ['endpoints-not-mirrored when port names repeat', endpointsNotMirroredRule, endpoints('x', undefined, [{ name: 'a', port: 1 }, { name: 'a', port: 2 }]), /Duplicate value: "a": Endpoints accept duplicate port names but the mirrored EndpointSlice is rejected/],
    ['endpoints-not-mirrored when it carries the headless label', endpointsNotMirroredRule, endpoints('x', undefined, undefined, { labels: { 'service.kubernetes.io/headless': '' } }), /kube-proxy ignores slices with this label/],
    // EndpointSlice (k8s-validation I)
    ['endpointslice-invalid when addressType is IP', endpointSliceInvalid, slice('s', 'x', undefined, undefined, { addressType: 'IP' }), /addressType: Unsupported value: "IP": supported values: "FQDN", "IPv4", "IPv6"/],
    ['endpointslice-invalid when addressType is missing', endpointSliceInvalid, slice('s', 'x', undefined, undefined, { addressType: undefined }), /addressType: Required value/],
    ['endpointslice-invalid when an endpoint has no address', endpointSliceInvalid, slice('s', 'x', undefined, undefined, { endpoints: [{ addresses: [] }] }), /endpoints\[0\].addresses: Required value: must contain at least 1 address/],
    ['endpointslice-invalid when an IPv6 address is in an IPv4 slice', endpointSliceInvalid, slice('s', 'x', ['2001:db8::1']), /must be an IPv4 address/],
    ['endpointslice-invalid when two ports are unnamed', endpointSliceInvalid, slice('s', 'x', undefined, [{ port: 1 }, { port: 2 }]), /ports\[1\].name: Duplicate value: ""/],
    ['endpointslice-invalid with 1001 endpoints', endpointSliceInvalid, slice('s', 'x', Array.from({ length: 1001 }, (_, i) => `198.51.${Math.floor(i / 250)}.${(i % 250) + 1}`)), /endpoints: Too many: 1001: must have at most 1000 items/],
    ['endpointslice-invalid when an FQDN has one label', endpointSliceInvalid, slice('s', 'x', ['db'], undefined, { addressType: 'FQDN' }), /should be a domain with at least two segments separated by dots/],
    ['endpointslice-ignored when addressType is FQDN', endpointSliceIgnoredRule, slice('s', 'x', ['db.example.com'], undefined, { addressType: 'FQDN' }), /FQDN slices are deprecated and ignored by kube-proxy/],
    ['endpointslice-ignored when a port has no number', endpointSliceIgnoredRule, slice('s', 'x', undefined, [{ name: '' }]), /kube-proxy ignores it \("Ignoring invalid endpoint port"\)/],
    ['endpointslice-ignored when an endpoint has two addresses', endpointSliceIgnoredRule, slice('s', 'x', undefined, undefined, { endpoints: [{ addresses: ['203.0.113.1', '203.0.113.2'] }] }), /kube-proxy uses only the first address/],
    // StatefulSet (k8s-validation J)
    ['statefulset-invalid when the name has a dot', statefulSetInvalid, sts({}, 'web.v1'), /metadata.name: Invalid value: "web.v1": a lowercase RFC 1123 label/],
    ['statefulset-invalid when the selector does not match the template', statefulSetInvalid, sts({ selector: { matchLabels: { app: 'other' } } }), /spec.template.metadata.labels: Invalid value: .*: `selector` does not match template `labels`/],
    ['statefulset-invalid when the selector is empty', statefulSetInvalid, sts({ selector: {} }), /empty selector is invalid for statefulset/],
    ['statefulset-invalid when the selector is missing', statefulSetInvalid, sts({ selector: undefined }), /spec.selector: Required value/],
    ['statefulset-invalid when podManagementPolicy is Sequential', statefulSetInvalid, sts({ podManagementPolicy: 'Sequential' }), /spec.podManagementPolicy: Invalid value: "Sequential": must be 'OrderedReady' or 'Parallel'/],
    ['statefulset-invalid when OnDelete has rollingUpdate', statefulSetInvalid, sts({ updateStrategy: { type: 'OnDelete', rollingUpdate: { partition: 1 } } }), /only allowed for updateStrategy 'RollingUpdate'/],
    ['statefulset-invalid when replicas is negative', statefulSetInvalid, sts({ replicas: -1 }), /spec.replicas: Invalid value: -1: must be greater than or equal to 0/],
    ['statefulset-invalid when the retention policy is Remove', statefulSetInvalid, sts({ persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Remove' } }), /Unsupported value: "Remove": supported values: "Retain", "Delete"/],
    ['statefulset-invalid when restartPolicy is OnFailure', statefulSetInvalid, { ...sts({}), spec: { ...sts({}).spec, template: { metadata: { labels: { app: 'db' } }, spec: { restartPolicy: 'OnFailure', containers: [] } } } }, /Unsupported value: "OnFailure": supported values: "Always"/],
    ['statefulset-pods-rejected when serviceName has a dot', statefulSetPodsRejected, sts({ serviceName: 'db.headless' }), /spec.serviceName: Invalid value: "db.headless": becomes every pod's spec.subdomain, which a lowercase RFC 1123 label/],
    ['statefulset-pods-rejected when a claim template has no access modes', statefulSetPodsRejected, sts({ volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { resources: { requests: { storage: '1Gi' } } } }] }), /at least 1 access mode is required/],
    ['statefulset-pods-rejected when a mount names no volume', statefulSetPodsRejected, { ...sts({}), spec: { ...sts({}).spec, template: { metadata: { labels: { app: 'db' } }, spec: { containers: [{ name: 'm', volumeMounts: [{ name: 'data', mountPath: '/d' }] }] } } } }, /mounts volume "data", which is neither a template volume nor a volumeClaimTemplate/],
  ])('reports %s', (_, rule, object, pattern) => {
    const msgs = messages(rule, [object as any]);
    expect(msgs.length).toBeGreaterThan(0);
    expect(msgs.join('\n')).toMatch(pattern);
  });
});

describe('endpoints-not-mirrored and the leader-election annotation (k8s-validation rule 44b)', () => {
  const lock = (name: string) => endpoints(name, undefined, undefined, { annotations: { 'control-plane.alpha.kubernetes.io/leader': '{"holderIdentity":"a"}' } });
  const selectorless = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'x' }, spec: { ports: [{ port: 443 }] } };

  test('reports Endpoints of a Service that carry the annotation: they are never mirrored, the Service gets no endpoints', () => {
    expect(messages(endpointsNotMirroredRule, [selectorless, lock('x')]).join('\n')).toMatch(/never mirrors/);
  });

  test('reports nothing for a leader-election lock without a Service of its name (a live export of an older cluster)', () => {
    expect(messages(endpointsNotMirroredRule, [lock('kube-scheduler')])).toEqual([]);
  });
});

describe('StrictIPCIDRValidation errors (k8s-validation rule 37)', () => {
  test.each<[string, Rule, object, RegExp]>([
    ['service-invalid when clusterIP has leading zeros', serviceInvalid, svc({ clusterIP: '010.96.0.5' }), /Service "web": spec.clusterIPs\[0\]: Invalid value: "010.96.0.5": must not have leading 0s/],
    ['service-invalid when an externalIP has leading zeros', serviceInvalid, svc({ externalIPs: ['203.0.113.010'] }), /spec.externalIPs\[0\]: Invalid value: "203.0.113.010": must not have leading 0s/],
    ['endpoints-invalid when an IP is IPv4-mapped IPv6', endpointsInvalid, endpoints('x', ['::ffff:10.1.2.3']), /Endpoints "x": subsets\[0\].addresses\[0\].ip: Invalid value: "::ffff:10.1.2.3": must not be an IPv4-mapped IPv6 address/],
    ['endpointslice-invalid when an address has leading zeros', endpointSliceInvalid, slice('s', 'x', ['203.0.113.010']), /must not have leading 0s/],
  ])('reports %s as a warning that names the feature gate', (_, rule, object, pattern) => {
    const found = run(rule, [object as any]);
    expect(found).toHaveLength(1);
    expect(found[0].level).toBe('warning');
    expect(found[0].message).toMatch(pattern);
    expect(found[0].message).toMatch(/rejects it when the StrictIPCIDRValidation feature gate is on: beta and on by default in v1.36; older servers accept it\)/);
    expect(found[0].message).not.toMatch(/is invalid:/);
  });
});

describe('proxy-ignore labels (k8s-validation rules 45, 58)', () => {
  const headlessSvc = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'x' }, spec: { clusterIP: 'None' } };
  const clusterIpSvc = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'x' }, spec: { ports: [{ port: 443 }] } };
  const labelled = slice('x-1', 'x', undefined, undefined, {}, { 'service.kubernetes.io/headless': '' });

  test('reports endpointslice-ignored when a slice of a ClusterIP Service carries the headless label', () => {
    expect(messages(endpointSliceIgnoredRule, [clusterIpSvc, labelled]).join('\n')).toMatch(/kube-proxy ignores slices with this label/);
  });

  test('reports nothing for the same label on a slice of a headless Service', () => {
    expect(messages(endpointSliceIgnoredRule, [headlessSvc, labelled])).toEqual([]);
    expect(messages(endpointsNotMirroredRule, [headlessSvc, endpoints('x', undefined, undefined, { labels: { 'service.kubernetes.io/headless': '' } })])).toEqual([]);
  });

  const owner = { ownerReferences: [{ apiVersion: 'v1', kind: 'Service', name: 'x', controller: true, uid: 'u-1' }] };
  const controllerLabels = { 'service.kubernetes.io/headless': '', 'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io' };
  const controllerSlice = slice('x-8mx4r', 'x', undefined, undefined, {}, controllerLabels);
  Object.assign(controllerSlice.metadata, owner);
  const unowned = slice('x-8mx4r', 'x', undefined, undefined, {}, controllerLabels);
  test.each<[string, object[], number]>([
    ['a controller-made slice whose Service the input lacks (a dump of a live cluster)', [controllerSlice], 0],
    ['a slice written by hand whose Service the input lacks', [labelled], 1],
    ['a slice with the controller\'s managed-by label but no owner', [unowned], 1],
    ['a controller-made slice of a ClusterIP Service in the input', [clusterIpSvc, controllerSlice], 1],
  ])('endpointslice-ignored on the headless label: %s', (_name, objects, count) => {
    expect(messages(endpointSliceIgnoredRule, objects as any[])).toHaveLength(count);
  });
});

describe('endpointslice-ignored on a slice of a headless Service (kube-proxy does not serve it; DNS publishes every address)', () => {
  const headless = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'peers' }, spec: { clusterIP: 'None', ports: [{ port: 7000 }] } };
  const clusterIp = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'peers' }, spec: { ports: [{ port: 7000 }] } };
  const twoAddresses = slice('peers-1', 'peers', undefined, [{ port: 7000 }], { endpoints: [{ addresses: ['192.0.2.10', '192.0.2.11'], hostname: 'node-0' }] });
  const noPortNumber = slice('peers-1', 'peers', ['192.0.2.10'], [{ name: '' }]);
  test.each<[string, object[], RegExp | undefined]>([
    ['two addresses of one endpoint, headless', [headless, twoAddresses], undefined],
    ['a port without a number, headless', [headless, noPortNumber], undefined],
    ['two addresses of one endpoint, ClusterIP', [clusterIp, twoAddresses], /kube-proxy uses only the first address/],
    ['a port without a number, ClusterIP', [clusterIp, noPortNumber], /kube-proxy ignores it/],
  ])('%s', (_name, objects, pattern) => {
    const msgs = messages(endpointSliceIgnoredRule, objects as any[]);
    if (pattern) expect(msgs).toEqual([expect.stringMatching(pattern)]);
    else expect(msgs).toEqual([]);
  });
});

describe('fast paths keep the answers (bench/: validation is on every object)', () => {
  test.each<[string, string, RegExp]>([
    ['the first label', `${'a'.repeat(64)}.example.com`, /label "a{20}..." is 64 characters/],
    ['a middle label', `db.${'b'.repeat(70)}.example.com`, /label "b{20}..." is 70 characters/],
    ['the last label before a trailing dot', `db.${'c'.repeat(65)}.`, /label "c{20}..." is 65 characters/],
  ])('service-ineffective names %s that is too long', (_, externalName, pattern) => {
    const msgs = messages(serviceIneffectiveRule, [svc({ type: 'ExternalName', selector: undefined, externalName })]);
    expect(msgs).toHaveLength(1);
    expect(msgs[0]).toMatch(pattern);
  });

  test('service-ineffective reports nothing for labels of exactly 63 characters', () => {
    expect(messages(serviceIneffectiveRule, [svc({ type: 'ExternalName', selector: undefined, externalName: `${'a'.repeat(63)}.example.com` })])).toEqual([]);
  });

  test.each([1, 2])('service-invalid reports %i port(s) that String() cannot convert instead of crashing', (n) => {
    const ports = Array.from({ length: n }, (_, i) => ({ name: `p${i}`, port: { toString: false } }));
    const found = run(serviceInvalid, [svc({ ports })]);
    expect(found.map((f) => f.message).join('\n')).toMatch(/spec.ports\[0\].port: Invalid value: \{"toString":false\}: must be between 1 and 65535/);
    expect(found.every((f) => f.rule === 'service-invalid' && f.message.startsWith('Service "web" is invalid: '))).toBe(true);
  });

  test('service-invalid quotes a missing port as 0, the value the API server decodes and compares (kube-linter\'s target-port fixture shape)', () => {
    // GIVEN two ports that name only a targetPort
    const ports = [{ name: 'a', targetPort: 1234 }, { name: 'b', targetPort: 'http' }];
    // WHEN
    const msgs = messages(serviceInvalid, [svc({ ports })]);
    // THEN each is reported as port 0, and the second as a duplicate of the first (both TCP/0), never as "undefined"
    expect(msgs).toEqual([
      'Service "web" is invalid: spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive (the API server rejects it). Fix: set port to a number between 1 and 65535.',
      'Service "web" is invalid: spec.ports[1].port: Invalid value: 0: must be between 1 and 65535, inclusive (the API server rejects it). Fix: set port to a number between 1 and 65535.',
      'Service "web" is invalid: spec.ports[1]: Duplicate value: {"port":0,"protocol":"TCP"}: each (protocol, port) pair must be unique (the API server rejects it). Fix: remove the duplicate port or change its protocol.',
    ]);
  });

  test('service-invalid still finds duplicate ports and node ports when a Service has several', () => {
    const msgs = messages(serviceInvalid, [svc({ type: 'NodePort', ports: [{ name: 'a', port: 80, nodePort: 30080 }, { name: 'b', port: 80, nodePort: 30080 }] })]).join('\n');
    expect(msgs).toMatch(/spec.ports\[1\]: Duplicate value: \{"port":80,"protocol":"TCP"\}: each \(protocol, port\) pair must be unique/);
    expect(msgs).toMatch(/spec.ports\[1\].nodePort: Duplicate value: 30080: nodePorts must be unique per protocol/);
  });
});
