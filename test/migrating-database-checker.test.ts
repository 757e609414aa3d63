import { Chart, Testing } from 'cdk8s';
import { testApp } from './test-app';
import { ServiceChecker } from '../src/checks/service-checker';
import { MigratingDatabase } from '../src/migrating-database';
import { MigrationPhase } from '../src/migration-phase';

// The library's own offline checker must find nothing wrong with what MigratingDatabase writes, in any phase.
describe('MigratingDatabase output passes the ServiceChecker', () => {
  function check(phase: MigrationPhase, withInCluster: boolean) {
    const chart = new Chart(testApp(), 'test', { namespace: 'production' });
    new MigratingDatabase(chart, 'database', {
      externalName: 'prod-db.abc123.us-east-1.rds.amazonaws.com',
      port: 5432,
      phase,
      inCluster: withInCluster ? { image: 'postgres:16', ports: [{ name: 'postgres', port: 5432 }], storage: { size: '50Gi' } } : undefined,
    });
    return ServiceChecker.check(Testing.synth(chart));
  }

  test('EXTERNAL without an in-cluster database', () => {
    const report = check(MigrationPhase.EXTERNAL, false);
    expect(report.findings).toEqual([]);
    expect(report.success).toBe(true);
  });

  test.each([MigrationPhase.EXTERNAL, MigrationPhase.SYNC])('%s with an in-cluster database', (phase) => {
    const report = check(phase, true);
    expect(report.findings).toEqual([]);
    expect(report.success).toBe(true);
  });

  test('INTERNAL has no finding but the known pod-name label gap', () => {
    // The writer selector uses `statefulset.kubernetes.io/pod-name`, a label the StatefulSet controller puts on every
    // pod. The checker's pod-template model does not know controller-set labels yet, so service-selector-no-match
    // reports this Service; every other rule must pass.
    const report = check(MigrationPhase.INTERNAL, true);
    const others = report.findings.filter((f) => f.rule !== 'service-selector-no-match');
    expect(others).toEqual([]);
  });
});
