import { Chart, Size, Testing } from 'cdk8s';
import { Cpu, EnvValue } from 'cdk8s-plus-28';
import { assertWrongTypesAreRejectedOrHarmless, PropPath } from './prop-types-fuzz';
import { testApp } from './test-app';
import { ContainerProbe, PodSecurity, UpdateStrategy } from '../src/container-options';
import { HeadlessStatefulSet } from '../src/headless-stateful-set';

// Props of the wrong type, as JavaScript and the other jsii languages can pass them (issue 16).
describe('HeadlessStatefulSet checks the type of every prop', () => {
  const build = (chart: Chart, props: any) => new HeadlessStatefulSet(chart, 'redis', props);
  const base = () => ({
    image: 'redis:7',
    ports: [{ name: 'redis', port: 6379, appProtocol: 'redis' }],
    replicas: 3,
    clientService: { name: 'redis-client' },
    storage: { size: '1Gi', storageClassName: 'standard', claimName: 'data' },
    env: { LOG_LEVEL: EnvValue.fromValue('info') },
    command: ['redis-server'],
    args: ['--appendonly', 'yes'],
    resources: { cpu: { request: Cpu.millis(100) }, memory: { limit: Size.mebibytes(256) } },
    readinessProbe: ContainerProbe.tcp('redis'),
    livenessProbe: ContainerProbe.exec(['redis-cli', 'ping']),
    updateStrategy: UpdateStrategy.rollingUpdate({ partition: 1 }),
    security: PodSecurity.nonRoot(),
    terminationGracePeriodSeconds: 30,
    publishNotReadyAddresses: true,
    labels: { tier: 'cache' },
  });

  test('a wrong-typed prop throws an Error naming it, or the YAML passes the checker', () => {
    const top: PropPath[] = Object.keys(base()).map((k) => [k]);
    assertWrongTypesAreRejectedOrHarmless(build, base, [
      [], ...top, ['name'], ['namespace'], ['clusterDomain'], ['headlessServiceName'], ['startupProbe'], ['podManagementPolicy'],
      ['ports', 0], ['ports', 0, 'name'], ['ports', 0, 'port'], ['ports', 0, 'protocol'], ['ports', 0, 'appProtocol'],
      ['clientService', 'name'], ['storage', 'size'], ['storage', 'mountPath'], ['storage', 'storageClassName'], ['storage', 'accessModes'],
      ['storage', 'claimName'], ['storage', 'whenDeleted'], ['env', 'LOG_LEVEL'], ['env', 'LOG_LEVEL', 'value'], ['env', 'LOG_LEVEL', 'valueFrom'],
      ['command', 0], ['args', 1], ['resources', 'cpu'], ['resources', 'cpu', 'request'], ['resources', 'cpu', 'request', 'amount'],
      ['resources', 'memory'], ['resources', 'memory', 'limit'], ['resources', 'ephemeralStorage'], ['labels', 'tier'],
    ], 500);
  });

  const valid = { image: 'redis:7', ports: [{ name: 'redis', port: 6379 }] };
  test.each<[string, unknown, RegExp]>([
    ['image has upper-case letters', { ...valid, image: 'Redis:7' }, /^HeadlessStatefulSet "test\/redis": image "Redis:7" has upper-case letters in its repository path, which must be lower case; the API server accepts it, but the kubelet cannot parse it, so the pods stay in InvalidImageName\. Give a reference such as "redis:7"/],
    ['image is 10 MB', { ...valid, image: 'a'.repeat(10_000_000) }, /: image "a{80}"\.\.\. is far too long for an image reference; /],
    ['image is a number', { ...valid, image: 5 }, /^HeadlessStatefulSet "test\/redis": image "5" is not a string \(it is a number\); give an image reference such as "redis:7"/],
    ['security is an empty object', { ...valid, security: {} }, /: security "\{\}" is not a PodSecurity \(it is an object\); use PodSecurity\.nonRoot\(\.\.\.\) or PodSecurity\.imageDefault\(\)\.$/],
    ['readinessProbe is an empty object', { ...valid, readinessProbe: {} }, /: readinessProbe "\{\}" is not a ContainerProbe \(it is an object\)/],
    ['updateStrategy is a string', { ...valid, updateStrategy: 'RollingUpdate' }, /: updateStrategy "RollingUpdate" is not an UpdateStrategy \(it is a string\); use UpdateStrategy\.rollingUpdate\(\)/],
    ['command is a string', { ...valid, command: 'redis-server' }, /: command "redis-server" is not a list \(it is a string\); give the command and its arguments/],
    ['publishNotReadyAddresses is a string', { ...valid, publishNotReadyAddresses: 'abc' }, /: publishNotReadyAddresses "abc" is not a boolean \(it is a string\); use true or false\.$/],
    ['a label value is NaN', { ...valid, labels: { team: NaN } }, /: labels\["team"\] "NaN" is not a string \(it is NaN\)/],
    ['name is a number', { ...valid, name: 5 }, /: name "5" is not a string \(it is a number\)/],
    ['namespace is a boolean', { ...valid, namespace: true }, /: namespace "true" is not a string \(it is a boolean\)/],
    ['clusterDomain is a number', { ...valid, clusterDomain: 5 }, /: clusterDomain "5" is not a string \(it is a number\)/],
    ['a port name is a number', { ...valid, ports: [{ name: 5, port: 6379 }] }, /: ports\[0\]\.name "5" is not a string \(it is a number\)/],
    ['storage.size is a number', { ...valid, storage: { size: 10 } }, /: storage\.size "10" is not a string \(it is a number\)/],
    ['an env value is a string', { ...valid, env: { A: 'x' } }, /: env\["A"\] "x" is not an object \(it is a string\); use EnvValue\.fromValue/],
    ['a memory limit is a number', { ...valid, resources: { memory: { limit: 256 } } }, /: resources\.memory\.limit "256" is not a Size \(it is a number\)/],
    ['a CPU limit is negative', { ...valid, resources: { cpu: { limit: Cpu.millis(-1) } } }, /: resources\.cpu\.limit "-1m" must be greater than or equal to 0; the API server rejects it\. Give a finite, non-negative amount/],
    ['a CPU request is NaN', { ...valid, resources: { cpu: { request: Cpu.units(NaN) } } }, /: resources\.cpu\.request "NaN" is not a Kubernetes quantity/],
    ['a CPU limit is Infinity', { ...valid, resources: { cpu: { limit: Cpu.units(Infinity) } } }, /: resources\.cpu\.limit "Infinity" is not a Kubernetes quantity/],
    ['a CPU amount is no quantity', { ...valid, resources: { cpu: { limit: { amount: 'lots' } } } }, /: resources\.cpu\.limit "lots" is not a Kubernetes quantity/],
    ['a memory size too large for a number', { ...valid, resources: { memory: { limit: Size.mebibytes(1e300) } } }, /: resources\.memory\.limit "1e\+300Mi" is not a Kubernetes quantity/],
    ['a CPU request above its limit', { ...valid, resources: { cpu: { request: Cpu.units(2), limit: Cpu.millis(1500) } } }, /: resources\.cpu\.request "2" is more than resources\.cpu\.limit "1500m"; the API server rejects a request above its limit \("must be less than or equal to cpu limit"\)\. Lower the request or raise the limit\.$/],
    ['a memory request above its limit', { ...valid, resources: { memory: { request: Size.gibibytes(1), limit: Size.mebibytes(512) } } }, /: resources\.memory\.request "1024Mi" is more than resources\.memory\.limit "512Mi"/],
    ['an ephemeral-storage request above its limit', { ...valid, resources: { ephemeralStorage: { request: Size.mebibytes(2), limit: Size.kibibytes(1) } } }, /must be less than or equal to ephemeral-storage limit/],
  ])('throws when %s', (_, props, expected) => {
    expect(() => build(new Chart(testApp(), 'test'), props)).toThrow(expected);
  });

  test.each<[string, object, object]>([
    ['a request equal to its limit in other units', { cpu: { request: Cpu.units(1), limit: Cpu.millis(1000) } }, { requests: { cpu: '1' }, limits: { cpu: '1000m' } }],
    ['a zero request', { cpu: { request: Cpu.millis(0) }, memory: { request: Size.mebibytes(0) } }, { requests: { cpu: '0m', memory: '0Mi' } }],
    ['fractional CPU units', { cpu: { request: Cpu.units(0.25), limit: Cpu.units(0.5) } }, { requests: { cpu: '0.25' }, limits: { cpu: '0.5' } }],
  ])('accepts resources the API server accepts: %s', (_, resources, expected) => {
    const chart = new Chart(testApp(), 'test');
    build(chart, { ...valid, resources });
    expect(Testing.synth(chart).find((o) => o.kind === 'StatefulSet').spec.template.spec.containers[0].resources).toEqual(expected);
  });

  test.each(['toString', 'valueOf', 'hasOwnProperty'])('accepts the label key %s (not taken for a selector label)', (key) => {
    const chart = new Chart(testApp(), 'test');
    build(chart, { ...valid, labels: JSON.parse(`{"${key}": "yes"}`) });
    const set = Testing.synth(chart).find((o) => o.kind === 'StatefulSet');
    expect(set.metadata.labels[key]).toBe('yes');
    expect(set.spec.template.metadata.labels[key]).toBe('yes');
  });

  test.each(['__proto__', 'constructor', 'toString'])('accepts the env name %s', (name) => {
    const chart = new Chart(testApp(), 'test');
    const env = Object.fromEntries([[name, EnvValue.fromValue('1')]]);
    build(chart, { ...valid, env });
    const set = Testing.synth(chart).find((o) => o.kind === 'StatefulSet');
    expect(set.spec.template.spec.containers[0].env).toEqual([{ name, value: '1' }]);
  });

  test('throws when joinPeerAddresses format is a number', () => {
    const set = build(new Chart(testApp(), 'test'), valid);
    expect(() => set.joinPeerAddresses({ format: 5 as any })).toThrow(/: joinPeerAddresses options\.format "5" is not a string \(it is a number\)/);
  });
});
