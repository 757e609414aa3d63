import { Chart, Testing } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import { testApp } from './test-app';
import { ContainerProbe, PodSecurity, ProbeOptions, UpdateStrategy } from '../src/container-options';
import { HeadlessStatefulSet } from '../src/headless-stateful-set';

describe('ContainerProbe', () => {
  test('renders a TCP probe against a named port, omitting unset timings', () => {
    expect(ContainerProbe.tcp('redis')._toKube()).toEqual({ tcpSocket: { port: k8s.IntOrString.fromString('redis') } });
    expect(ContainerProbe.tcp('redis').portName).toBe('redis');
  });

  test('renders an HTTP probe with every timing', () => {
    // WHEN
    const probe = ContainerProbe.http('/ready', 'http', {
      initialDelaySeconds: 0, periodSeconds: 5, timeoutSeconds: 2, failureThreshold: 6, successThreshold: 2,
    });

    // THEN
    expect(probe._toKube()).toEqual({
      httpGet: { path: '/ready', port: k8s.IntOrString.fromString('http') },
      initialDelaySeconds: 0,
      periodSeconds: 5,
      timeoutSeconds: 2,
      failureThreshold: 6,
      successThreshold: 2,
    });
    expect(probe.successThreshold).toBe(2);
  });

  test('renders an exec probe with a copy of the command and no port', () => {
    // GIVEN
    const command = ['pg_isready', '-U', 'postgres'];

    // WHEN
    const probe = ContainerProbe.exec(command);
    command.push('changed');

    // THEN
    expect(probe._toKube()).toEqual({ exec: { command: ['pg_isready', '-U', 'postgres'] } });
    expect(probe.portName).toBeUndefined();
    expect(probe.successThreshold).toBe(1);
  });

  test.each<[string, () => ContainerProbe, RegExp]>([
    ['the HTTP path is relative', () => ContainerProbe.http('healthz', 'http'), /path "healthz" does not start with "\/"/],
    ['the exec command is empty', () => ContainerProbe.exec([]), /command is empty/],
    ...([
      ['initialDelaySeconds', -1, 0],
      ['periodSeconds', 0, 1],
      ['timeoutSeconds', 1.5, 1],
      ['failureThreshold', 0, 1],
      ['successThreshold', 0, 1],
    ] as [keyof ProbeOptions, number, number][]).map(([key, value, min]): [string, () => ContainerProbe, RegExp] => [
      `${key} is ${value}`,
      () => ContainerProbe.tcp('redis', { [key]: value }),
      new RegExp(`ContainerProbe: ${key} "${value}" is not a whole number of at least ${min}`),
    ]),
  ])('throws when %s', (_name, make, message) => {
    expect(make).toThrow(message);
  });
});

describe('UpdateStrategy', () => {
  test('rollingUpdate without a partition renders only the type', () => {
    expect(UpdateStrategy.rollingUpdate()._toKube()).toEqual({ type: 'RollingUpdate' });
    expect(UpdateStrategy.rollingUpdate().type).toBe('RollingUpdate');
  });

  test('rollingUpdate with a partition renders it, including 0', () => {
    expect(UpdateStrategy.rollingUpdate({ partition: 0 })._toKube()).toEqual({ type: 'RollingUpdate', rollingUpdate: { partition: 0 } });
    expect(UpdateStrategy.rollingUpdate({ partition: 3 })._toKube()).toEqual({ type: 'RollingUpdate', rollingUpdate: { partition: 3 } });
  });

  test('onDelete never renders rollingUpdate', () => {
    expect(UpdateStrategy.onDelete()._toKube()).toEqual({ type: 'OnDelete' });
  });

  test.each([['negative', -1], ['fractional', 0.5], ['past int32', 2 ** 31]])('throws when the partition is %s', (_name, partition) => {
    expect(() => UpdateStrategy.rollingUpdate({ partition })).toThrow(/UpdateStrategy: partition "-?0?\.?\d+" is not a whole number from 0 to 2147483647/);
  });
});

describe('PodSecurity', () => {
  test('nonRoot() is the restricted default with no overrides', () => {
    // GIVEN
    const chart = new Chart(testApp(), 'test');

    // WHEN
    new HeadlessStatefulSet(chart, 'explicit', { image: 'redis:7', ports: [{ name: 'redis', port: 6379 }], security: PodSecurity.nonRoot() });
    new HeadlessStatefulSet(chart, 'default', { image: 'redis:7', ports: [{ name: 'redis', port: 6379 }] });

    // THEN
    const specOf = (name: string) => Testing.synth(chart).find((o) => o.kind === 'StatefulSet' && o.metadata.name === name).spec.template.spec;
    const spec = specOf('explicit');
    expect(PodSecurity.nonRoot().runsAsNonRoot).toBe(true);
    expect(spec.securityContext).toEqual({
      runAsNonRoot: true,
      runAsUser: 999,
      runAsGroup: 999,
      fsGroup: 999,
      fsGroupChangePolicy: 'OnRootMismatch',
      seccompProfile: { type: 'RuntimeDefault' },
    });
    expect(spec.containers[0].securityContext).toEqual({
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      capabilities: { drop: ['ALL'] },
    });
    expect(specOf('default').securityContext).toEqual(spec.securityContext);
    expect(specOf('default').containers[0].securityContext).toEqual(spec.containers[0].securityContext);
  });

  test('imageDefault() does not run as a chosen non-root user', () => {
    expect(PodSecurity.imageDefault().runsAsNonRoot).toBe(false);
  });

  test.each<[string, () => PodSecurity, RegExp]>([
    ['the user is root', () => PodSecurity.nonRoot({ user: 0 }), /PodSecurity: user "0" is root; nonRoot\(\) needs another id. Use PodSecurity.imageDefault\(\)/],
    ['the user is negative', () => PodSecurity.nonRoot({ user: -1 }), /PodSecurity: user "-1" is not a whole number from 0 to 2147483647/],
    ['the group is fractional', () => PodSecurity.nonRoot({ group: 1.5 }), /PodSecurity: group "1.5" is not a whole number/],
    ['the fsGroup is too large', () => PodSecurity.nonRoot({ fsGroup: 2 ** 31 }), /PodSecurity: fsGroup "2147483648" is not a whole number/],
    ['a writable path is relative', () => PodSecurity.nonRoot({ writablePaths: ['tmp'] }), /PodSecurity: writablePaths entry "tmp" is not an absolute path/],
  ])('throws when %s', (_name, make, message) => {
    expect(make).toThrow(message);
  });
});
