/**
 * workload-selector-invalid, container-port-invalid and container-port-duplicate, table-driven: each case names the
 * object and the API server's text (docs/k8s-validation-workloads.md rules 75-84), matched as a substring.
 */
import type { Rule } from '../../../src/checks/rule';
import { containerPortDuplicate } from '../../../src/checks/rules/container-port-duplicate';
import { containerPortInvalid } from '../../../src/checks/rules/container-port-invalid';
import { statefulSetInvalid } from '../../../src/checks/rules/statefulset-invalid';
import { workloadSelectorInvalid } from '../../../src/checks/rules/workload-selector-invalid';
import { all, deployment, messages, statefulSet } from '../builders';

type Obj = { [key: string]: any };

/** A workload of `kind` with pod `labels`, its `spec` fields replaced by `spec`. */
function workload(kind: string, apiVersion: string, spec: Obj, labels: Obj = { app: 'web' }, podSpec: Obj = {}): Obj {
  const template = { metadata: { labels }, spec: { containers: [{ name: 'web', image: 'example/web:1' }], ...podSpec } };
  return { apiVersion, kind, metadata: { name: 'web' }, spec: { template, ...spec } };
}
const ds = (spec: Obj, labels?: Obj) => workload('DaemonSet', 'apps/v1', spec, labels);
const rs = (spec: Obj, labels?: Obj) => workload('ReplicaSet', 'apps/v1', spec, labels);
const rc = (spec: Obj, labels?: Obj) => workload('ReplicationController', 'v1', spec, labels);
const job = (spec: Obj, labels?: Obj) => workload('Job', 'batch/v1', spec, labels, { restartPolicy: 'Never' });
const cronJob = (jobSpec: Obj) => ({
  apiVersion: 'batch/v1',
  kind: 'CronJob',
  metadata: { name: 'web' },
  spec: { schedule: '* * * * *', jobTemplate: { spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'i' }] } }, ...jobSpec } } },
});
/** A Deployment whose one container declares `ports`. */
const withPorts = (ports: unknown[], extra: Obj = {}) => deployment('web', { app: 'web' }, ports as Obj[], extra);
const pod = (podSpec: Obj) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: podSpec });
/** A Deployment with `hostNetwork: true` whose containers declare `ports` (one list per container). */
const hostNet = (...ports: Obj[][]) => workload('Deployment', 'apps/v1', { selector: { matchLabels: { app: 'web' } } }, { app: 'web' }, {
  hostNetwork: true, containers: ports.map((p, i) => ({ name: `c${i}`, image: 'example/web:1', ports: p })),
});
/** A Pod with `hostNetwork: true` whose containers declare `ports` (one list per container). */
const hostNetPod = (...ports: Obj[][]) => pod({ hostNetwork: true, containers: ports.map((p, i) => ({ name: `c${i}`, ports: p })) });

describe('compliant objects', () => {
  test.each<[string, Rule, Obj[]]>([
    ['workload-selector-invalid: a plain Deployment', workloadSelectorInvalid, [deployment('web')]],
    ['workload-selector-invalid: a selector of only matchExpressions that the labels satisfy', workloadSelectorInvalid, [rs({ selector: { matchExpressions: [{ key: 'app', operator: 'In', values: ['web', 'api'] }, { key: 'canary', operator: 'DoesNotExist' }] } })]],
    ['workload-selector-invalid: a DaemonSet whose selector is a subset of the labels', workloadSelectorInvalid, [ds({ selector: { matchLabels: { app: 'web' } } }, { app: 'web', tier: 'edge' })]],
    ['workload-selector-invalid: a ReplicationController without a selector (v1 defaults it to the labels)', workloadSelectorInvalid, [rc({})]],
    ['workload-selector-invalid: a Job without a selector', workloadSelectorInvalid, [job({})]],
    ['workload-selector-invalid: a Job with manualSelector and a matching selector', workloadSelectorInvalid, [job({ manualSelector: true, selector: { matchLabels: { app: 'web' } } })]],
    ['workload-selector-invalid: a CronJob without a selector', workloadSelectorInvalid, [cronJob({})]],
    ['workload-selector-invalid: a CronJob whose job template has its own labels', workloadSelectorInvalid, [cronJob({ template: { metadata: { labels: { app: 'report', job: 'nightly' } }, spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'i' }] } } })]],
    ['workload-selector-invalid: a Job with an empty selector (the API server adds the controller-uid to it)', workloadSelectorInvalid, [job({ selector: {} })]],
    ['workload-selector-invalid: a Job with empty matchLabels', workloadSelectorInvalid, [job({ selector: { matchLabels: {} } })]],
    ['workload-selector-invalid: a Job whose selector is its own job-name', workloadSelectorInvalid, [job({ selector: { matchLabels: { 'batch.kubernetes.io/job-name': 'web' } } })]],
    ['workload-selector-invalid: a Job whose matchExpressions the generated labels satisfy', workloadSelectorInvalid, [job({ selector: { matchExpressions: [{ key: 'job-name', operator: 'In', values: ['web'] }] } })]],
    ['workload-selector-invalid: a Job whose template sets job-name to its name', workloadSelectorInvalid, [job({}, { 'app': 'web', 'job-name': 'web', 'batch.kubernetes.io/job-name': 'web' })]],
    ['workload-selector-invalid: a Job exported from a cluster (generated selector and labels)', workloadSelectorInvalid, [job(
      { selector: { matchLabels: { 'batch.kubernetes.io/controller-uid': 'f00' } } }, { 'batch.kubernetes.io/controller-uid': 'f00', 'controller-uid': 'f00', 'job-name': 'web' },
    )]],
    ['workload-selector-invalid: a Knative-style Deployment of another group', workloadSelectorInvalid, [{ ...deployment('web'), apiVersion: 'example.dev/v1', spec: { template: { metadata: { labels: {} } } } }]],
    ['container-port-invalid: ports 1 and 65535, a 15-character name, UDP and SCTP, host ports', containerPortInvalid, [withPorts([
      { containerPort: 1, name: 'a23456789012345' }, { containerPort: 65535, protocol: 'UDP', hostPort: 65535 }, { containerPort: 9, protocol: 'SCTP', name: 'x-1' },
    ])]],
    ['container-port-invalid: one name in two containers (a warning, not an error)', containerPortInvalid, [pod({
      containers: [
        { name: 'a', ports: [{ name: 'metrics', containerPort: 1 }] }, { name: 'b', ports: [{ name: 'metrics', containerPort: 2 }] },
      ],
    })]],
    ['container-port-invalid: one host port for TCP and for UDP', containerPortInvalid, [withPorts([{ containerPort: 53, hostPort: 53 }, { containerPort: 53, hostPort: 53, protocol: 'UDP' }])]],
    ['container-port-invalid: hostNetwork without hostPort (the API server defaults it to containerPort)', containerPortInvalid, [hostNet([{ containerPort: 80 }, { containerPort: 443 }]), hostNetPod([{ containerPort: 80 }])]],
    ['container-port-invalid: hostNetwork with hostPort equal to containerPort', containerPortInvalid, [hostNet([{ containerPort: 80, hostPort: 80 }]), hostNetPod([{ containerPort: 80, hostPort: 80 }])]],
    ['container-port-invalid: hostNetwork and one port for TCP in one container, UDP in another', containerPortInvalid, [hostNetPod([{ containerPort: 53 }], [{ containerPort: 53, protocol: 'UDP' }])]],
    ['container-port-invalid: hostNetwork and an init container whose hostPort differs (only containers are held to it)', containerPortInvalid, [pod({
      hostNetwork: true, initContainers: [{ name: 'i', ports: [{ containerPort: 80, hostPort: 8080 }] }], containers: [{ name: 'a', ports: [{ containerPort: 80 }] }],
    })]],
    ['container-port-invalid: hostNetwork and one port in an init container and a container (they run one after the other)', containerPortInvalid, [pod({
      hostNetwork: true, initContainers: [{ name: 'i', ports: [{ containerPort: 80 }] }], containers: [{ name: 'a', ports: [{ containerPort: 80 }] }],
    })]],
    ['container-port-invalid: a hostPort other than containerPort without hostNetwork', containerPortInvalid, [withPorts([{ containerPort: 80, hostPort: 8080 }])]],
    ['container-port-duplicate: distinct names and ports', containerPortDuplicate, [pod({
      containers: [
        { name: 'a', ports: [{ name: 'http', containerPort: 80 }] }, { name: 'b', ports: [{ name: 'metrics', containerPort: 9090 }] },
      ],
    })]],
    ['container-port-duplicate: a name in a completing init container and in a container (only sidecars count)', containerPortDuplicate, [pod({
      initContainers: [{ name: 'init', ports: [{ name: 'http', containerPort: 81 }] }], containers: [{ name: 'a', ports: [{ name: 'http', containerPort: 80 }] }],
    })]],
  ])('reports nothing for %s', (_, rule, objects) => {
    expect(messages(rule, objects)).toEqual([]);
  });
});

describe('non-compliant objects', () => {
  test.each<[string, Rule, Obj, RegExp]>([
    ['workload-selector-invalid when a Deployment has no selector', workloadSelectorInvalid, { ...deployment('web'), spec: { template: deployment('web').spec.template } }, /^Deployment "web" is invalid: spec.selector: Required value/],
    ['workload-selector-invalid when a ReplicaSet selector is empty', workloadSelectorInvalid, rs({ selector: {} }), /spec.selector: Invalid value: \{\}: empty selector is invalid for deployment/],
    ['workload-selector-invalid when a ReplicaSet selector does not match the labels', workloadSelectorInvalid, rs({ selector: { matchLabels: { app: 'api' } } }), /spec.template.metadata.labels: Invalid value: \{"app":"web"\}: `selector` does not match template `labels`/],
    ['workload-selector-invalid when matchExpressions exclude the labels', workloadSelectorInvalid, rs({ selector: { matchExpressions: [{ key: 'app', operator: 'NotIn', values: ['web'] }] } }), /`selector` does not match template `labels`/],
    ['workload-selector-invalid when an operator is lower case', workloadSelectorInvalid, rs({ selector: { matchExpressions: [{ key: 'app', operator: 'in', values: ['web'] }] } }), /spec.selector.matchExpressions\[0\].operator: Invalid value: "in": not a valid selector operator/],
    ['workload-selector-invalid when In has no values', workloadSelectorInvalid, rs({ selector: { matchExpressions: [{ key: 'app', operator: 'In' }] } }), /matchExpressions\[0\].values: Required value: must be specified when `operator` is 'In' or 'NotIn'/],
    ['workload-selector-invalid when a DaemonSet selector is empty', workloadSelectorInvalid, ds({ selector: {} }), /empty selector is invalid for daemonset/],
    ['workload-selector-invalid when a DaemonSet has no selector', workloadSelectorInvalid, ds({}), /spec.template.metadata.labels: Invalid value: \{"app":"web"\}: `selector` does not match template `labels`.*Fix: add spec.selector.matchLabels/],
    ['workload-selector-invalid when a ReplicationController selector does not match', workloadSelectorInvalid, rc({ selector: { app: 'api' } }), /^ReplicationController "web" is invalid: spec.template.metadata.labels: Invalid value: .*`selector` does not match template `labels`/],
    ['workload-selector-invalid when a ReplicationController has neither selector nor labels', workloadSelectorInvalid, rc({}, {}), /spec.selector: Required value/],
    ['workload-selector-invalid when a ReplicationController has a selector but no template (kubeval\'s `templates:` typo)', workloadSelectorInvalid,
      { apiVersion: 'v1', kind: 'ReplicationController', metadata: { name: 'web' }, spec: { selector: { app: 'web' }, templates: { metadata: { labels: { app: 'web' } } } } },
      /^ReplicationController "web" is invalid: spec\.template: Required value: a pod template is required \(the API server rejects it\)\. Fix: add spec\.template with the pod labels and containers\.$/],
    ['workload-selector-invalid when a Job has a selector without manualSelector', workloadSelectorInvalid, job({ selector: { matchLabels: { app: 'web' } } }), /spec.selector: Invalid value: \{"matchLabels":\{"app":"web"\}\}: `selector` not auto-generated/],
    ['workload-selector-invalid when a Job with manualSelector has no selector', workloadSelectorInvalid, job({ manualSelector: true }), /spec.selector: Required value/],
    ['workload-selector-invalid when a Job with manualSelector does not match', workloadSelectorInvalid, job({ manualSelector: true, selector: { matchLabels: { app: 'api' } } }), /`selector` does not match template `labels`/],
    ['workload-selector-invalid when a CronJob job template has a selector', workloadSelectorInvalid, cronJob({ selector: { matchLabels: { app: 'web' } } }), /spec.jobTemplate.spec.selector: Invalid value: .*: `selector` will be auto-generated/],
    ['workload-selector-invalid when a CronJob job template sets manualSelector', workloadSelectorInvalid, cronJob({ manualSelector: true }), /spec.jobTemplate.spec.manualSelector: Unsupported value: true: supported values: "nil", "false"/],
    ['workload-selector-invalid when a CronJob job template has a job-name label (every Job it creates is rejected)', workloadSelectorInvalid,
      cronJob({ template: { metadata: { labels: { 'app': 'report', 'job-name': 'report' } }, spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'i' }] } } }),
      /^CronJob "web": spec.jobTemplate.spec.template.metadata.labels\[job-name\]: Invalid value: "report": must be the name of each Job the CronJob creates \(the API server accepts the CronJob but rejects every Job it creates\)\. Fix: remove the job-name label \(the API server sets it to each Job's name\)\.$/],
    ['workload-selector-invalid when a CronJob job template has a batch.kubernetes.io/controller-uid label', workloadSelectorInvalid,
      cronJob({ template: { metadata: { labels: { 'batch.kubernetes.io/controller-uid': 'x' } }, spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'i' }] } } }),
      /labels\[batch.kubernetes.io\/controller-uid\]: Invalid value: "x": must be the uid of each Job the CronJob creates/],
    ['workload-selector-invalid when an apps/v1beta2 DaemonSet has no selector', workloadSelectorInvalid, { ...ds({}), apiVersion: 'apps/v1beta2' }, /`selector` does not match template `labels`/],
    ['workload-selector-invalid when a Job selector names another job-name', workloadSelectorInvalid, job({ selector: { matchLabels: { 'job-name': 'other' } } }), /spec.selector: Invalid value: \{"matchLabels":\{"job-name":"other"\}\}: `selector` not auto-generated/],
    ['workload-selector-invalid when a Job selector has a requirement the generated labels fail', workloadSelectorInvalid, job({ selector: { matchExpressions: [{ key: 'app', operator: 'Exists' }] } }), /`selector` not auto-generated/],
    ['workload-selector-invalid when a Job template sets job-name to another name', workloadSelectorInvalid, job({}, { 'app': 'web', 'job-name': 'migrate' }), /^Job "web" is invalid: spec.template.metadata.labels\[job-name\]: Invalid value: \{"app":"web","job-name":"migrate"\}: must be 'web'/],
    ['workload-selector-invalid when a Job with generateName has a selector', workloadSelectorInvalid, { ...job({ selector: { matchLabels: { app: 'web' } } }), metadata: { generateName: 'web-' } }, /`selector` not auto-generated/],
    ['container-port-invalid when hostNetwork and hostPort differs from containerPort', containerPortInvalid, hostNet([{ containerPort: 80, hostPort: 7777 }]), /^Deployment "web" is invalid: spec.template.spec.containers\[0\].ports\[0\].hostPort: Invalid value: 7777: must match `containerPort` when `hostNetwork` is true/],
    ['container-port-invalid when hostNetwork and two containers of a Pod use one containerPort', containerPortInvalid, hostNetPod([{ containerPort: 8080 }], [{ containerPort: 8080 }]), /^Pod "p" is invalid: spec.containers\[1\].ports\[0\].hostPort: Duplicate value: "TCP\/\/8080".*Fix: give each container its own port: with hostNetwork every containerPort is also a port of the node/],
    ['container-port-invalid when hostNetwork and one container writes the hostPort the other defaults to', containerPortInvalid, hostNetPod([{ containerPort: 8080, hostPort: 8080 }], [{ containerPort: 8080 }]), /spec.containers\[1\].ports\[0\].hostPort: Duplicate value: "TCP\/\/8080"/],
    ['container-port-invalid when hostNetwork and two containers of a template use one containerPort', containerPortInvalid, hostNet([{ containerPort: 9100 }], [{ containerPort: 9100 }]), /^Deployment "web": spec.template.spec.containers\[1\].ports\[0\].hostPort: Duplicate value: "TCP\/\/9100": a host port may be used by one container only \(since v1.28 the API server accepts the Deployment itself but rejects every pod it creates; older servers reject the Deployment\)\. Fix: give each container its own port/],
    ['container-port-invalid when hostNetwork and a template\'s container writes the hostPort another defaults to', containerPortInvalid, hostNet([{ containerPort: 9100, hostPort: 9100 }], [{ containerPort: 9100 }]), /^Deployment "web": spec.template.spec.containers\[1\].ports\[0\].hostPort: Duplicate value: "TCP\/\/9100".*accepts the Deployment itself but rejects every pod it creates/],
    ['container-port-invalid when two containers of a template write one hostPort (the template itself is rejected)', containerPortInvalid, hostNet([{ containerPort: 9100, hostPort: 9100 }], [{ containerPort: 9100, hostPort: 9100 }]), /^Deployment "web" is invalid: spec.template.spec.containers\[1\].ports\[0\].hostPort: Duplicate value: "TCP\/\/9100".*\(the API server rejects it\)\. Fix: use another hostPort\.$/],
    ['container-port-invalid when one init container binds a host port twice', containerPortInvalid, pod({
      initContainers: [{ name: 'i0' }, { name: 'i1', ports: [{ containerPort: 80, hostPort: 8080 }, { containerPort: 81, hostPort: 8080 }] }], containers: [{ name: 'a' }],
    }), /spec.initContainers\[1\].ports\[1\].hostPort: Duplicate value: "TCP\/\/8080"/],
    ['container-port-invalid when a port name has 16 characters', containerPortInvalid, withPorts([{ containerPort: 80, name: 'a234567890123456' }]), /^Deployment "web" is invalid: spec.template.spec.containers\[0\].ports\[0\].name: Invalid value: "a234567890123456": must be no more than 15 characters/],
    ['container-port-invalid when a port name has upper case', containerPortInvalid, withPorts([{ containerPort: 80, name: 'Http' }]), /must contain only alpha-numeric characters \(a-z, 0-9\), and hyphens \(-\)/],
    ['container-port-invalid when a port name has a double hyphen', containerPortInvalid, withPorts([{ containerPort: 80, name: 'a--b' }]), /must not contain consecutive hyphens/],
    ['container-port-invalid when a port name ends with a hyphen', containerPortInvalid, withPorts([{ containerPort: 80, name: 'web-' }]), /must not begin or end with a hyphen/],
    ['container-port-invalid when a port name has no letter', containerPortInvalid, withPorts([{ containerPort: 80, name: '8080' }]), /must contain at least one letter \(a-z\)/],
    ['container-port-invalid when one container repeats a name', containerPortInvalid, withPorts([{ containerPort: 80, name: 'http' }, { containerPort: 81, name: 'http' }]), /ports\[1\].name: Duplicate value: "http"/],
    ['container-port-invalid when containerPort is missing', containerPortInvalid, withPorts([{ name: 'http' }]), /ports\[0\].containerPort: Required value/],
    ['container-port-invalid when containerPort is 65536', containerPortInvalid, withPorts([{ containerPort: 65536 }]), /containerPort: Invalid value: 65536: must be between 1 and 65535, inclusive/],
    ['container-port-invalid when hostPort is negative', containerPortInvalid, withPorts([{ containerPort: 80, hostPort: -1 }]), /ports\[0\].hostPort: Invalid value: -1: must be between 1 and 65535, inclusive/],
    ['container-port-invalid when protocol is lower case', containerPortInvalid, withPorts([{ containerPort: 80, protocol: 'udp' }]), /ports\[0\].protocol: Unsupported value: "udp": supported values: "SCTP", "TCP", "UDP"/],
    ['container-port-invalid when two containers bind one host port', containerPortInvalid, pod({ containers: [{ name: 'a', ports: [{ containerPort: 80, hostPort: 8080 }] }, { name: 'b', ports: [{ containerPort: 81, hostPort: 8080 }] }] }), /^Pod "p" is invalid: spec.containers\[1\].ports\[0\].hostPort: Duplicate value: "TCP\/\/8080"/],
    ['container-port-invalid when an init container port has no number', containerPortInvalid, pod({ initContainers: [{ name: 'i', ports: [{ name: 'x' }] }], containers: [{ name: 'a' }] }), /spec.initContainers\[0\].ports\[0\].containerPort: Required value/],
    ['container-port-invalid when a StatefulSet port name is too long', containerPortInvalid, statefulSet('db', 'db', undefined, { template: { metadata: { labels: { app: 'db' } }, spec: { containers: [{ name: 'db', ports: [{ containerPort: 5432, name: 'postgres-primary-port' }] }] } } }), /^StatefulSet "db" is invalid: spec.template.spec.containers\[0\].ports\[0\].name: Invalid value: "postgres-primary-port": must be no more than 15 characters/],
    ['container-port-duplicate when two containers share a name', containerPortDuplicate, pod({ containers: [{ name: 'a', ports: [{ name: 'metrics', containerPort: 1 }] }, { name: 'b', ports: [{ name: 'metrics', containerPort: 2 }] }] }), /^Pod "p": spec.containers\[1\].ports\[0\]: duplicate port name "metrics" with spec.containers\[0\].ports\[0\], services and probes that select ports by name will use spec.containers\[0\].ports\[0\] \(the API server accepts it with this warning\)/],
    ['container-port-duplicate when a native sidecar and a container share a name', containerPortDuplicate, pod({ initContainers: [{ name: 's', restartPolicy: 'Always', ports: [{ name: 'http', containerPort: 81 }] }], containers: [{ name: 'a', ports: [{ name: 'http', containerPort: 80 }] }] }), /spec.containers\[0\].ports\[0\]: duplicate port name "http" with spec.initContainers\[0\].ports\[0\]/],
    ['container-port-duplicate when one port is declared twice', containerPortDuplicate, withPorts([{ containerPort: 80, name: 'a' }, { containerPort: 80, name: 'b' }]), /spec.template.spec.containers\[0\].ports\[1\]: duplicate port definition with spec.template.spec.containers\[0\].ports\[0\]/],
  ])('reports %s', (_, rule, object, pattern) => {
    const msgs = messages(rule, [object]);
    expect(msgs.length).toBeGreaterThan(0);
    expect(msgs.join('\n')).toMatch(pattern);
  });
});

describe('one finding per mistake', () => {
  test('a StatefulSet whose selector does not match is reported by statefulset-invalid only', () => {
    const sts = statefulSet('db', 'db', { app: 'db' }, { selector: { matchLabels: { app: 'other' } } });
    expect(all([sts]).filter((f) => /selector/.test(f.message)).map((f) => f.rule)).toEqual(['statefulset-invalid']);
  });

  test('a StatefulSet with an unknown selector operator gets the operator error, not a mismatch as well', () => {
    const sts = statefulSet('db', 'db', { app: 'db' }, { selector: { matchExpressions: [{ key: 'app', operator: 'Equals', values: ['db'] }] } });
    expect(messages(statefulSetInvalid, [sts])).toEqual([expect.stringMatching(/operator: Invalid value: "Equals": not a valid selector operator/)]);
  });

  test('a port name repeated in one container is an error and not also a warning', () => {
    const d = withPorts([{ containerPort: 80, name: 'http' }, { containerPort: 81, name: 'http' }]);
    expect(all([d]).filter((f) => /"http"/.test(f.message)).map((f) => f.rule)).toEqual(['container-port-invalid']);
  });

  test.each<[string, Obj]>([
    ['two containers bind one host port', pod({ containers: [{ name: 'a', ports: [{ containerPort: 80, hostPort: 80 }] }, { name: 'b', ports: [{ containerPort: 80, hostPort: 80 }] }] })],
    ['two containers of a hostNetwork template use one containerPort', hostNet([{ containerPort: 80 }], [{ containerPort: 80 }])],
  ])('a port declared twice that is a host-port conflict is an error and not also a warning: %s', (_, obj) => {
    expect(all([obj]).filter((f) => f.rule.startsWith('container-port')).map((f) => f.rule)).toEqual(['container-port-invalid']);
  });

  test('a hostNetwork Pod: one container writes the hostPort the other defaults to, in one init container (a warning after defaulting)', () => {
    const p = pod({ hostNetwork: true, initContainers: [{ name: 'i', ports: [{ containerPort: 80, hostPort: 80 }] }], containers: [{ name: 'a', ports: [{ containerPort: 80 }] }] });
    expect(messages(containerPortDuplicate, [p])).toEqual([expect.stringMatching(/spec.containers\[0\].ports\[0\]: duplicate port definition with spec.initContainers\[0\].ports\[0\]/)]);
  });

  test('objects with owners (controller output of a live export) are not judged', () => {
    const owned = { ...withPorts([{ containerPort: 0 }]), kind: 'ReplicaSet', metadata: { name: 'web-1', ownerReferences: [{ kind: 'Deployment', name: 'web' }] } };
    expect(all([owned]).filter((f) => f.rule.startsWith('container-port') || f.rule === 'workload-selector-invalid')).toEqual([]);
  });

  test('junk in place of a pod spec, containers or ports never throws', () => {
    const junk: Obj[] = [
      { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'a' }, spec: 'x' },
      { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'b' }, spec: { selector: { matchExpressions: 'x' }, template: { spec: { containers: 'x' } } } },
      { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'c' }, spec: { containers: [null, 3, { ports: 'x' }, { ports: [{ containerPort: { toString: false } }] }] } },
      { apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'd' }, spec: { jobTemplate: 7 } },
    ];
    expect(all(junk).filter((f) => f.resource.startsWith('Checker/'))).toEqual([]);
  });
});
