import { Chart } from 'cdk8s';
import { assertWrongTypesAreRejectedOrHarmless } from './prop-types-fuzz';
import { testApp } from './test-app';
import { MigratingDatabase } from '../src/migrating-database';
import { MigrationPhase } from '../src/migration-phase';

// Props of the wrong type, as JavaScript and the other jsii languages can pass them (issue 16).
describe('MigratingDatabase checks the type of every prop', () => {
  const build = (chart: Chart, props: any) => new MigratingDatabase(chart, 'db', props);
  const base = () => ({
    externalName: 'prod-db.example.com',
    port: 5432,
    phase: MigrationPhase.SYNC,
    portName: 'postgres',
    labels: { team: 'payments' },
    inCluster: { image: 'postgres:16', ports: [{ name: 'postgres', port: 5432 }], storage: { size: '50Gi' }, replicas: 2 },
    writerOrdinal: 1,
  });

  test('a wrong-typed prop throws an Error naming it, or the YAML passes the checker', () => {
    assertWrongTypesAreRejectedOrHarmless(build, base, [
      [], ['externalName'], ['port'], ['phase'], ['name'], ['namespace'], ['inCluster'], ['inClusterPort'], ['writerOrdinal'],
      ['portName'], ['clusterDomain'], ['labels'], ['labels', 'team'],
      ['inCluster', 'name'], ['inCluster', 'namespace'], ['inCluster', 'clusterDomain'], ['inCluster', 'replicas'], ['inCluster', 'storage'],
      ['inCluster', 'storage', 'size'], ['inCluster', 'storage', 'whenScaled'], ['inCluster', 'image'], ['inCluster', 'ports'],
      ['inCluster', 'ports', 0, 'name'], ['inCluster', 'labels'],
    ]);
  });

  test.each<[string, unknown, RegExp]>([
    ['props are null', null, /^MigratingDatabase "test\/db": props "null" is not an object \(it is null\)/],
    ['name is a number', { ...base(), name: 5 }, /^MigratingDatabase "test\/db": name "5" is not a string \(it is a number\)/],
    ['namespace is a boolean', { ...base(), namespace: true }, /: namespace "true" is not a string \(it is a boolean\)/],
    ['clusterDomain is a number', { ...base(), clusterDomain: 5 }, /: clusterDomain "5" is not a string \(it is a number\)/],
    ['a label value is NaN', { ...base(), labels: { team: NaN } }, /: labels\["team"\] "NaN" is not a string \(it is NaN\)/],
    ['inCluster.clusterDomain is a number', { ...base(), inCluster: { ...base().inCluster, clusterDomain: 5 } },
      /: inCluster\.clusterDomain "5" is not a string \(it is a number\)/],
    ['inCluster is a string', { ...base(), inCluster: 'postgres:16' }, /: inCluster "postgres:16" is not an object \(it is a string\)/],
    ['the in-cluster image is a number', { ...base(), inCluster: { ...base().inCluster, image: 5 } },
      /^HeadlessStatefulSet "test\/db\/InCluster": image "5" is not a string \(it is a number\)/],
  ])('throws when %s', (_, props, expected) => {
    const chart = new Chart(testApp(), 'test');
    expect(() => build(chart, props)).toThrow(expected);
  });

  test('throws when connectionEnv options.includeTlsServerName is a string', () => {
    const db = build(new Chart(testApp(), 'test'), base());
    expect(() => db.connectionEnv({ includeTlsServerName: 'abc' as any }))
      .toThrow(/: connectionEnv options\.includeTlsServerName "abc" is not a boolean \(it is a string\)/);
  });
});
