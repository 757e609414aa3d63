import { networkPolicyBlocksDns } from '../../../src/checks/rules/networkpolicy-blocks-dns';
import { deployment, run } from '../builders';

type Obj = { [key: string]: any };

const policy = (name: string, spec: Obj, namespace?: string): Obj => ({
  apiVersion: 'networking.k8s.io/v1',
  kind: 'NetworkPolicy',
  metadata: { name, ...(namespace ? { namespace } : {}) },
  spec: { podSelector: {}, ...spec },
});

const DENY = policy('deny-egress', { policyTypes: ['Egress'] });
const DNS_PEER = { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } }, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } };
const UDP = { port: 53, protocol: 'UDP' };
const TCP = { port: 53, protocol: 'TCP' };
const allow = (rule: Obj, namespace?: string) => policy('allow-dns', { policyTypes: ['Egress'], egress: [rule] }, namespace);
const api = deployment('api');
const DB = policy('db', { policyTypes: ['Egress'], egress: [{ to: [{ podSelector: { matchLabels: { app: 'db' } } }], ports: [{ port: 5432 }] }] });

describe('networkpolicy-blocks-dns', () => {
  test.each<[string, Obj[]]>([
    ['no NetworkPolicy', [api]],
    ['an Ingress-only policy', [api, policy('deny-in', { policyTypes: ['Ingress'] })]],
    ['a policy without policyTypes and without egress rules (defaults to Ingress)', [api, policy('p', { ingress: [] })]],
    ['a policy without policyTypes and an empty egress list', [api, policy('p', { egress: [] })]],
    ['a policy selecting other pods', [api, policy('deny', { policyTypes: ['Egress'], podSelector: { matchLabels: { app: 'web' } } })]],
    ['a policy selecting by matchExpressions that exclude the pods', [api, policy('deny', { policyTypes: ['Egress'], podSelector: { matchExpressions: [{ key: 'app', operator: 'NotIn', values: ['api'] }] } })]],
    ['a policy of another namespace', [api, policy('deny', { policyTypes: ['Egress'] }, 'other')]],
    ['a policy of the removed extensions/v1beta1 API (not served)', [api, { ...DENY, apiVersion: 'extensions/v1beta1' }]],
    ['UDP and TCP 53 to the kube-dns pods', [api, DENY, allow({ to: [DNS_PEER], ports: [UDP, TCP] })]],
    ['a rule without ports to the kube-dns pods', [api, DENY, allow({ to: [DNS_PEER] })]],
    ['a rule without to on port 53', [api, DENY, allow({ ports: [UDP, TCP] })]],
    ['a rule with empty to and ports lists', [api, DENY, allow({ to: [], ports: [] })]],
    ['an empty rule (all egress)', [api, policy('all', { policyTypes: ['Egress'], egress: [{}] })]],
    ['egress rules without policyTypes (Egress defaulted)', [api, policy('p', { egress: [{ to: [DNS_PEER], ports: [UDP, TCP] }] })]],
    ['the named ports dns and dns-tcp', [api, DENY, allow({ to: [DNS_PEER], ports: [{ port: 'dns', protocol: 'UDP' }, { port: 'dns-tcp', protocol: 'TCP' }] })]],
    ['an endPort range over 53', [api, DENY, allow({ to: [DNS_PEER], ports: [{ port: 1, endPort: 1024, protocol: 'UDP' }, { port: 1, endPort: 1024 }] })]],
    ['a ports entry without port (every port of the protocol)', [api, DENY, allow({ to: [DNS_PEER], ports: [{ protocol: 'UDP' }, { protocol: 'TCP' }] })]],
    ['namespaceSelector {} and no podSelector', [api, DENY, allow({ to: [{ namespaceSelector: {} }], ports: [UDP, TCP] })]],
    ['namespaceSelector {} with the kube-dns podSelector', [api, DENY, allow({ to: [{ namespaceSelector: {}, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }], ports: [UDP, TCP] })]],
    ['namespaceSelector In [kube-system, monitoring]', [api, DENY, allow({ to: [{ namespaceSelector: { matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'In', values: ['kube-system', 'monitoring'] }] } }], ports: [UDP, TCP] })]],
    ['a label the input\'s kube-system Namespace carries', [
      api, DENY, allow({ to: [{ namespaceSelector: { matchLabels: { name: 'kube-system' } } }], ports: [UDP, TCP] }),
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'kube-system', labels: { name: 'kube-system' } } },
    ]],
    ['a podSelector alone in kube-system', [
      deployment('agent', { app: 'agent' }, [], {}, { namespace: 'kube-system' }),
      policy('deny', { policyTypes: ['Egress'], egress: [{ to: [{ podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }], ports: [UDP, TCP] }] }, 'kube-system'),
    ]],
    ['a host-network pod', [deployment('api', { app: 'api' }, [], {}, {}), DENY].map((o) => (o.kind === 'Deployment' ? { ...o, spec: { ...o.spec, template: { ...o.spec.template, spec: { ...o.spec.template.spec, hostNetwork: true } } } } : o))],
    ['a pod with dnsPolicy Default', [api, DENY].map((o) => (o.kind === 'Deployment' ? { ...o, spec: { ...o.spec, template: { ...o.spec.template, spec: { ...o.spec.template.spec, dnsPolicy: 'Default' } } } } : o))],
    ['a default-deny egress policy alone (the pods reach nothing by design)', [api, DENY]],
    ['policies that allow no egress at all', [api, DENY, policy('deny-2', { policyTypes: ['Ingress', 'Egress'], egress: [] })]],
    ['UDP without TCP (only answers too large for UDP fail)', [api, DENY, allow({ to: [DNS_PEER], ports: [UDP] })]],
    ['OpenShift: UDP and TCP 5353 (its CoreDNS pods\' port) to openshift-dns', [api, DENY, allow({ to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'openshift-dns' } } }], ports: [{ port: 5353, protocol: 'UDP' }, { port: 5353, protocol: 'TCP' }] })]],
    ['Gardener: UDP 8053 (its CoreDNS pods\' port) to the kube-dns pods', [api, DENY, allow({ to: [DNS_PEER], ports: [{ port: 8053, protocol: 'UDP' }] })]],
    ['UDP allowed by one policy, TCP by another', [api, DENY, allow({ to: [DNS_PEER], ports: [UDP] }), policy('tcp', { policyTypes: ['Egress'], egress: [{ to: [DNS_PEER], ports: [TCP] }] })]],
  ])('reports nothing for %s', (_name, objects) => {
    expect(run(networkPolicyBlocksDns, objects)).toEqual([]);
  });

  test.each<[string, Obj[], 'warning' | 'info', RegExp]>([
    ['a default-deny egress policy beside one allowing the app\'s other egress', [api, DENY, policy('https', { policyTypes: ['Egress'], egress: [{ to: [{ ipBlock: { cidr: '0.0.0.0/0' } }], ports: [{ port: 443 }] }] })], 'warning',
      /^Deployment "api" is isolated for egress by NetworkPolicies "deny-egress", "https", and no egress rule of them allows UDP port 53 to the cluster DNS pods in kube-system, so no Service name resolves\. Fix: allow egress on UDP and TCP port 53 to namespaceSelector kubernetes\.io\/metadata\.name=kube-system with podSelector k8s-app=kube-dns\.$/],
    ['egress only to the app\'s database', [api, policy('db', { policyTypes: ['Egress'], egress: [{ to: [{ podSelector: { matchLabels: { app: 'db' } } }] }] })], 'warning',
      /NetworkPolicy "db", and no egress rule of it allows UDP port 53/],
    ['two policies, neither allowing DNS', [api, DENY, policy('web', { policyTypes: ['Egress'], egress: [{ ports: [{ port: 443 }] }] })], 'warning',
      /NetworkPolicies "deny-egress", "web", and no egress rule of them allows UDP port 53/],
    ['port 53 without protocol (TCP only)', [api, DENY, allow({ to: [DNS_PEER], ports: [{ port: 53 }] })], 'warning',
      /NetworkPolicy "allow-dns" allows port 53 without a protocol, which defaults to TCP: DNS over UDP stays blocked, so no Service name resolves\. Fix: add a port 53 entry with protocol: UDP beside it\./],
    ['the named port dns without protocol (TCP, which CoreDNS names dns-tcp)', [api, DENY, allow({ to: [DNS_PEER], ports: [{ port: 'dns' }] })], 'warning',
      /no egress rule of them allows UDP port 53/],
    ['an endPort range that ends below 53', [api, DENY, allow({ to: [DNS_PEER], ports: [{ port: 1, endPort: 52, protocol: 'UDP' }] })], 'warning', /allows UDP port 53/],
    ['port 53 to another namespace by name', [api, DENY, allow({ to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } } }], ports: [UDP] })], 'warning', /allows UDP port 53/],
    ['port 53 to a podSelector alone (the policy\'s own namespace)', [api, DENY, allow({ to: [{ podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }], ports: [UDP] })], 'warning', /allows UDP port 53/],
    ['a label the input\'s kube-system Namespace does not carry', [
      api, DENY, allow({ to: [{ namespaceSelector: { matchLabels: { name: 'kube-system' } } }], ports: [UDP] }),
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'kube-system' } },
    ], 'warning', /allows UDP port 53/],
    ['a CronJob', [{ apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'nightly' }, spec: { schedule: '@daily', jobTemplate: { spec: { template: { metadata: { labels: { app: 'n' } }, spec: { containers: [{ name: 'c' }] } } } } } }, DB], 'warning',
      /^CronJob "nightly" is isolated for egress/],
    ['an ipBlock on port 53', [api, DENY, allow({ to: [{ ipBlock: { cidr: '10.0.0.0/8' } }], ports: [UDP, TCP] })], 'info',
      /only a rule of NetworkPolicy "allow-dns" may allow UDP port 53 to the cluster DNS pods, to ipBlock "10\.0\.0\.0\/8": whether an ipBlock selects pod IPs, and the DNS pods' IPs, depends on the network plugin/],
    ['a namespace label kube-system does not carry by default', [api, DENY, allow({ to: [{ namespaceSelector: { matchLabels: { name: 'kube-system' } } }], ports: [UDP, TCP] })], 'info',
      /whose namespaceSelector needs labels that kube-system does not carry unless someone labels it \(Kubernetes sets only kubernetes\.io\/metadata\.name\)/],
    ['on OpenShift (a Route in the input), a namespace label the input does not show', [
      api, DENY, allow({ to: [{ namespaceSelector: { matchLabels: { 'policy-group.network.openshift.io/dns': '' } } }], ports: [{ port: 5353, protocol: 'UDP' }] }),
      { apiVersion: 'route.openshift.io/v1', kind: 'Route', metadata: { name: 'api' }, spec: { to: { kind: 'Service', name: 'api' } } },
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'kube-system' } },
    ], 'info', /whose namespaceSelector needs labels that kube-system or openshift-dns does not carry/],
    ['a pod label other than k8s-app=kube-dns', [api, DENY, allow({ to: [{ namespaceSelector: {}, podSelector: { matchLabels: { 'k8s-app': 'coredns' } } }], ports: [UDP, TCP] })], 'info',
      /whose podSelector needs labels other than k8s-app=kube-dns/],
    ['a CiliumNetworkPolicy in the namespace', [api, DB, { apiVersion: 'cilium.io/v2', kind: 'CiliumNetworkPolicy', metadata: { name: 'dns' }, spec: {} }], 'info',
      /no Service name resolves\..* \(The input's CiliumNetworkPolicy "dns" may allow it: they are not NetworkPolicies and are not read\.\)$/],
    ['a Calico GlobalNetworkPolicy', [api, DB, { apiVersion: 'crd.projectcalico.org/v1', kind: 'GlobalNetworkPolicy', metadata: { name: 'allow-dns' }, spec: {} }], 'info',
      /\(The input's GlobalNetworkPolicy "allow-dns" may allow it/],
    ['an AdminNetworkPolicy', [api, DB, { apiVersion: 'policy.networking.k8s.io/v1alpha1', kind: 'AdminNetworkPolicy', metadata: { name: 'dns' }, spec: {} }], 'info',
      /\(The input's AdminNetworkPolicy "dns" may allow it/],
  ])('reports %s', (_name, objects, level, message) => {
    const found = run(networkPolicyBlocksDns, objects);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ rule: 'networkpolicy-blocks-dns', level });
    expect(found[0].message).toMatch(message);
  });

  test('reports a warning although a CiliumNetworkPolicy exists in another namespace', () => {
    const cnp = { apiVersion: 'cilium.io/v2', kind: 'CiliumNetworkPolicy', metadata: { name: 'dns', namespace: 'other' }, spec: {} };
    expect(run(networkPolicyBlocksDns, [api, DB, cnp])[0]).toMatchObject({ level: 'warning', resource: 'Deployment/default/api' });
  });

  test('names at most ten of the policies that select a pod, then counts the rest (thousands of `podSelector: {}` policies)', () => {
    const many = Array.from({ length: 2000 }, (_, i) => policy(`p${i}`, { policyTypes: ['Egress'], egress: [{ ports: [{ port: 80 }], to: [{ podSelector: {} }] }] }));
    const found = run(networkPolicyBlocksDns, [api, ...many]);
    expect(found).toHaveLength(1);
    expect(found[0].message).toMatch(/^Deployment "api" is isolated for egress by NetworkPolicies "p0", "p1", "p2", "p3", "p4", "p5", "p6", "p7", "p8", "p9" and 1990 more, and no egress rule/);
    expect(found[0].message.length).toBeLessThan(600);
  });

  test('reports each pod template the policy selects', () => {
    expect(run(networkPolicyBlocksDns, [api, deployment('web'), DB]).map((f) => f.resource)).toEqual(['Deployment/default/api', 'Deployment/default/web']);
  });
});
