import { Chart, Testing } from 'cdk8s';
import { assertWrongTypesAreRejectedOrHarmless, PropPath } from './prop-types-fuzz';
import { testApp } from './test-app';
import { ExternalDependency } from '../src/external-dependency';
import { ServiceReference } from '../src/service-reference';

// Props of the wrong type, as JavaScript and the other jsii languages can pass them (issue 16).
describe('ExternalDependency checks the type of every prop', () => {
  const build = (chart: Chart, props: any) => new ExternalDependency(chart, 'db', props);
  const portPaths: PropPath[] = ['name', 'port', 'protocol', 'targetPort', 'appProtocol'].map((f) => ['ports', 0, f]);

  test('a wrong-typed prop throws an Error naming it, or the YAML passes the checker', () => {
    assertWrongTypesAreRejectedOrHarmless(build, () => ({
      externalName: 'db.example.com',
      ports: [{ name: 'postgres', port: 5432 }],
      labels: { team: 'payments' },
      annotations: { owner: 'payments' },
    }), [
      [], ['externalName'], ['targetService'], ['externalNameByEnvironment'], ['environment'], ['name'], ['namespace'],
      ['ports'], ['ports', 0], ...portPaths, ['clusterDomain'], ['labels'], ['labels', 'team'], ['annotations'], ['annotations', 'owner'],
    ]);
  });

  test('a wrong-typed externalNameByEnvironment or environment throws an Error naming it, or the YAML passes', () => {
    assertWrongTypesAreRejectedOrHarmless(build, () => ({
      externalNameByEnvironment: { dev: 'db.dev.example.com', prod: 'db.example.com' },
      environment: 'prod',
    }), [['externalNameByEnvironment'], ['externalNameByEnvironment', 'prod'], ['externalNameByEnvironment', 'dev'], ['environment']], 150);
  });

  test('a wrong-typed targetService throws an Error naming it, or the YAML passes', () => {
    assertWrongTypesAreRejectedOrHarmless(build, () => ({ targetService: ServiceReference.fromName('shared', 'redis') }),
      [['targetService'], ['targetService', 'serviceFqdn']], 100);
  });

  test.each<[string, unknown, RegExp]>([
    ['props are null', null, /^ExternalDependency "test\/db": props "null" is not an object \(it is null\); pass props such as \{ externalName: "db\.example\.com" \}\.$/],
    ['ports is a string', { externalName: 'db.example.com', ports: 'x' }, /^ExternalDependency "test\/db": ports "x" is not a list \(it is a string\); give ports such as/],
    ['clusterDomain is a number', { externalName: 'db.example.com', clusterDomain: 5 }, /^ExternalDependency "test\/db": clusterDomain "5" is not a string \(it is a number\); use a DNS domain such as "cluster\.local"\.$/],
    ['name is a number', { externalName: 'db.example.com', name: 5 }, /^ExternalDependency "test\/db": name "5" is not a string \(it is a number\)/],
    ['namespace is a boolean', { externalName: 'db.example.com', namespace: true }, /^ExternalDependency "test\/db": namespace "true" is not a string \(it is a boolean\)/],
    ['a port name is a number', { externalName: 'db.example.com', ports: [{ name: 5, port: 5432 }] }, /: ports\[0\]\.name "5" is not a string \(it is a number\); give a DNS-1123 label such as "https"\.$/],
    ['a port number is a string', { externalName: 'db.example.com', ports: [{ port: '5432' }] }, /: ports\[0\]\.port "5432" is not a number \(it is a string\)/],
    ['a label value is NaN', { externalName: 'db.example.com', labels: { team: NaN } }, /: labels\["team"\] "NaN" is not a string \(it is NaN\); metadata values are strings\.$/],
    ['labels is a list', { externalName: 'db.example.com', labels: ['team'] }, /: labels "\["team"\]" is not an object of key-value pairs \(it is a list\)/],
    ['targetService is a string', { targetService: 'redis' }, /: targetService "redis" is not an object \(it is a string\); give a Service such as ServiceReference\.fromName/],
    ['a host per environment is a number', { externalNameByEnvironment: { prod: 5 }, environment: 'prod' }, /: externalNameByEnvironment\["prod"\] "5" is not a string \(it is a number\)/],
  ])('throws when %s', (_, props, expected) => {
    const chart = new Chart(testApp(), 'test');
    expect(() => new ExternalDependency(chart, 'db', props as any)).toThrow(expected);
  });

  test('null optional props count as not set and write no null', () => {
    // GIVEN
    const chart = new Chart(testApp(), 'test', { namespace: 'production' });

    // WHEN
    new ExternalDependency(chart, 'db', { externalName: 'db.example.com', name: null, namespace: null, ports: null, labels: null } as any);

    // THEN
    const [svc] = Testing.synth(chart);
    expect(svc.metadata).toEqual({ name: 'db', namespace: 'production' });
    expect(svc.spec.ports).toBeUndefined();
  });

  test.each(['toString', 'valueOf', 'hasOwnProperty'])('accepts the label and annotation key %s', (key) => {
    const chart = new Chart(testApp(), 'test');
    const labels = JSON.parse(`{"${key}": "yes"}`);
    new ExternalDependency(chart, 'db', { externalName: 'db.example.com', labels, annotations: labels });
    const [svc] = Testing.synth(chart);
    expect(svc.metadata.labels).toEqual(labels);
    expect(svc.metadata.annotations).toEqual(labels);
  });

  test('throws when a label key is constructor, which cdk8s cannot synthesize, naming the key', () => {
    const chart = new Chart(testApp(), 'test');
    expect(() => new ExternalDependency(chart, 'db', { externalName: 'db.example.com', labels: { constructor: 'yes' } as any }))
      .toThrow(/^ExternalDependency "test\/db": labels key "constructor" cannot be synthesized \(cdk8s fails on an object with a "constructor" key\); use another key\.$/);
  });

  test('throws when a label key is __proto__ (not a qualified name), with the key rule', () => {
    const chart = new Chart(testApp(), 'test');
    const labels = JSON.parse('{"__proto__": "yes"}');
    expect(() => new ExternalDependency(chart, 'db', { externalName: 'db.example.com', labels }))
      .toThrow(/labels key "__proto__" has a name part that is not alphanumerics/);
  });
});
