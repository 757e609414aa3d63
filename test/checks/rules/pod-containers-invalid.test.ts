/**
 * pod-containers-invalid: container lists the API server cannot decode and container names it rejects
 * (validateContainers, validateInitContainers, validateEphemeralContainers), and the port warnings that
 * container-port-duplicate no longer gives for such pods.
 */
import { Finding } from '../../../src/checks/rule';
import { containerPortDuplicate } from '../../../src/checks/rules/container-port-duplicate';
import { podContainersInvalid } from '../../../src/checks/rules/pod-containers-invalid';
import { run } from '../builders';

type Obj = { [key: string]: any };

/** A Deployment "cass" with pod spec `podSpec`. */
function deploy(podSpec: Obj, meta: Obj = {}): Obj {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'cass', ...meta },
    spec: { selector: { matchLabels: { app: 'c' } }, template: { metadata: { labels: { app: 'c' } }, spec: podSpec } },
  };
}

const c = (name: unknown, extra: Obj = {}): Obj => ({ name, image: 'cassandra:4', ...extra });
const DUP_FIX = 'Fix: give each container of the pod its own name.';
const LABEL = 'a lowercase RFC 1123 label must consist of lower case alphanumeric characters or \'-\', and must start and end with an alphanumeric character (e.g. \'my-name\',  or \'123-abc\', regex used for validation is \'[a-z0-9]([-a-z0-9]*[a-z0-9])?\')';

describe('pod-containers-invalid', () => {
  test.each<[string, Obj[], string[]]>([
    ['two containers with one name', [deploy({ containers: [c('cassandra'), c('cassandra')] })],
      [`Deployment "cass" is invalid: spec.template.spec.containers[1].name: Duplicate value: "cassandra": container names must be unique among the containers, init containers and ephemeral containers of the pod (the API server rejects it). ${DUP_FIX}`]],
    ['an init container named like a container (reported on the init container)', [deploy({ initContainers: [c('setup')], containers: [c('web'), c('setup')] })],
      [`Deployment "cass" is invalid: spec.template.spec.initContainers[0].name: Duplicate value: "setup": container names must be unique among the containers, init containers and ephemeral containers of the pod (the API server rejects it). ${DUP_FIX}`]],
    ['two init containers with one name', [deploy({ initContainers: [c('setup'), c('setup')], containers: [c('web')] })],
      [`Deployment "cass" is invalid: spec.template.spec.initContainers[1].name: Duplicate value: "setup": container names must be unique among the containers, init containers and ephemeral containers of the pod (the API server rejects it). ${DUP_FIX}`]],
    ['an ephemeral container of a Pod named like a container, and two ephemeral containers with one name',
      [{ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [c('web')], ephemeralContainers: [c('web'), c('debug'), c('debug')] } }],
      ['Pod "p" is invalid: spec.ephemeralContainers[0].name: Invalid value: "web": must be unique among all containers, init containers, and ephemeral containers (the API server rejects it). Fix: give the ephemeral container a name no other container of the pod has.',
        `Pod "p" is invalid: spec.ephemeralContainers[2].name: Duplicate value: "debug": container names must be unique among the containers, init containers and ephemeral containers of the pod (the API server rejects it). ${DUP_FIX}`]],
    ['a container name in upper case', [deploy({ containers: [c('Cassandra')] })],
      [`Deployment "cass" is invalid: spec.template.spec.containers[0].name: Invalid value: "Cassandra": ${LABEL} (the API server rejects it). Fix: use a lower-case DNS label of at most 63 letters, digits and "-" as the container name.`]],
    ['a container without a name, and an empty item', [deploy({ containers: [{ image: 'x' }, null] })],
      ['Deployment "cass" is invalid: spec.template.spec.containers[0].name: Required value: every container needs a name (the API server rejects it). Fix: name the container (a lower-case DNS label such as app).',
        'Deployment "cass" is invalid: spec.template.spec.containers[1].name: Required value: every container needs a name (the API server rejects it). Fix: name the container (a lower-case DNS label such as app).']],
    ['containers as a mapping of name to container', [deploy({ containers: { cassandra: { image: 'cassandra:4' } } })],
      ['Deployment "cass" is invalid: spec.template.spec.containers: Invalid value: {"cassandra":{"image":"cassandra:4"}}: must be a list; the API server cannot decode the Deployment ("json: cannot unmarshal object into Go struct field PodSpec.spec.template.spec.containers of type []v1.Container") (the API server rejects it). Fix: write containers as a list, one "- name: ..." item per container.']],
    ['a container written as a string in a CronJob', [{ apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'nightly' }, spec: { schedule: '@daily', jobTemplate: { spec: { template: { spec: { restartPolicy: 'Never', containers: ['busybox'] } } } } } }],
      ['CronJob "nightly" is invalid: spec.jobTemplate.spec.template.spec.containers[0]: Invalid value: "busybox": must be an object; the API server cannot decode the CronJob ("json: cannot unmarshal string into Go struct field PodSpec.spec.jobTemplate.spec.template.spec.containers of type v1.Container") (the API server rejects it). Fix: write each container as a mapping with name and image.']],
  ])('reports %s', (_case, objects, expected) => {
    const found = run(podContainersInvalid, objects);
    expect(found.map((f: Finding) => f.message)).toEqual(expected);
    for (const f of found) expect(f.level).toBe('error');
  });

  test.each<[string, Obj[]]>([
    ['distinct names in containers, init and ephemeral containers', [deploy({ initContainers: [c('setup')], containers: [c('web'), c('sidecar')] }),
      { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [c('web')], ephemeralContainers: [c('debugger-abc12')] } }]],
    ['a 63-character name with digits first', [deploy({ containers: [c(`1${'a'.repeat(62)}`)] })]],
    ['no container lists (a partial object)', [deploy({})]],
    ['a name of a Helm template not rendered ({{ .Chart.Name }})', [deploy({ containers: [c('{{ .Chart.Name }}')] })]],
    ['controller output with owners', [deploy({ containers: [c('x'), c('x')] }, { ownerReferences: [{ kind: 'ReplicaSet', name: 'r', uid: 'u' }] })]],
  ])('does not report %s', (_case, objects) => {
    expect(run(podContainersInvalid, objects)).toEqual([]);
  });

  test('a name with a variable placeholder is not judged, and named in one info', () => {
    const found = run(podContainersInvalid, [deploy({ containers: [c('${APP}')] })]);
    expect(found.map((f) => [f.level, f.message])).toEqual([['info', 'Deployment "cass": spec.template.spec.containers[0].name holds variable placeholders ("${APP}"); Flux post-build substitution (or envsubst) replaces them before the object is applied, so they are not judged. Fix: check the substituted output (flux build kustomization, flux envsubst), or write literal values.']]);
  });

  test('container-port-duplicate says nothing of the ports of containers that share a name: the API server rejects the object', () => {
    const object = deploy({ containers: [c('cassandra', { ports: [{ name: 'cql', containerPort: 9042 }] }), c('cassandra', { ports: [{ name: 'cql', containerPort: 9042 }] })] });
    expect(run(containerPortDuplicate, [object])).toEqual([]);
    expect(run(podContainersInvalid, [object]).map((f) => f.message)).toEqual([
      `Deployment "cass" is invalid: spec.template.spec.containers[1].name: Duplicate value: "cassandra": container names must be unique among the containers, init containers and ephemeral containers of the pod (the API server rejects it). ${DUP_FIX}`,
    ]);
    // with their own names, the same ports get the API server's warnings
    const renamed = deploy({ containers: [c('cassandra', { ports: [{ name: 'cql', containerPort: 9042 }] }), c('exporter', { ports: [{ name: 'cql', containerPort: 9042 }] })] });
    expect(run(containerPortDuplicate, [renamed]).map((f) => f.level)).toEqual(['warning', 'warning']);
  });
});
