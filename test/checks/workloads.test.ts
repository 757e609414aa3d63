/**
 * The workload rules (workload-selector-invalid, container-port-invalid, container-port-duplicate) with the whole pack
 * on fixtures in the shapes of kube-linter's and kube-score's: the broken objects are flagged by the right rule, the
 * others stay clean.
 */
import * as path from 'path';
import { check } from '../../src/checks/engine';
import type { Finding } from '../../src/checks/rule';
import { ClusterModel } from '../../src/model/cluster-model';
import { loadManifests } from '../../src/model/load';

function onFixture(file: string): Finding[] {
  const model = ClusterModel.fromDocuments(loadManifests([path.join(__dirname, '..', 'fixtures', 'checks', 'workloads', file)]));
  return [...check(model).findings];
}

const WORKLOAD_RULES = ['workload-selector-invalid', 'container-port-invalid', 'container-port-duplicate'];

describe('workload fixtures with every rule', () => {
  test.each<[string, string, string[][]]>([
    ['kube-linter\'s mismatching-selector', 'kube-linter-mismatching-selector.yaml', [
      ['workload-selector-invalid', 'Deployment/default/app1'],
      ['workload-selector-invalid', 'DeploymentConfig/default/app2'],
    ]],
    ['kube-linter\'s invalid-target-ports', 'kube-linter-invalid-target-ports.yaml', [
      ['container-port-invalid', 'Deployment/test/invalid-target-ports'],
      ['container-port-invalid', 'Deployment/test/invalid-target-ports'],
      ['container-port-invalid', 'Deployment/test/invalid-target-ports'],
    ]],
    ['kube-score\'s container port cases', 'kube-score-container-ports.yaml', [
      ['container-port-invalid', 'Deployment/default/duplicate-names'],
      ['container-port-invalid', 'Deployment/default/missing-containerport'],
      ['container-port-invalid', 'Deployment/default/name-too-long'],
    ]],
  ])('%s: only the broken objects, and nothing else', (_case, file, expected) => {
    expect(onFixture(file).map((f) => [f.rule, f.resource])).toEqual(expected);
  });

  test('kube-linter\'s invalid-target-ports: the API server\'s texts for the 16-character name, the name without a letter and port 123456', () => {
    expect(onFixture('kube-linter-invalid-target-ports.yaml').map((f) => f.message)).toEqual([
      expect.stringMatching(/^Deployment "invalid-target-ports" is invalid: spec.template.spec.containers\[0\].ports\[1\].name: Invalid value: "n234567890123456": must be no more than 15 characters \(the API server rejects it\)/),
      expect.stringMatching(/ports\[2\].containerPort: Invalid value: 123456: must be between 1 and 65535, inclusive/),
      expect.stringMatching(/ports\[2\].name: Invalid value: "123456": must contain at least one letter \(a-z\)/),
    ]);
  });

  test('every kind: the rejected object of each kind, the warning on the shared port name, and no finding on other groups, controller output or odd Helm output that is valid', () => {
    const found = onFixture('every-kind.yaml').filter((f) => WORKLOAD_RULES.includes(f.rule)).map((f) => [f.level, f.rule, f.resource]);
    expect(found).toEqual([
      ['error', 'container-port-invalid', 'CronJob/ops/nightly'],
      ['error', 'workload-selector-invalid', 'CronJob/ops/with-selector'],
      ['error', 'workload-selector-invalid', 'DaemonSet/ops/no-selector'],
      ['warning', 'container-port-duplicate', 'DaemonSet/ops/speaker'],
      ['error', 'container-port-invalid', 'Deployment/ops/odd'],
      ['error', 'container-port-invalid', 'Deployment/ops/odd'],
      ['error', 'workload-selector-invalid', 'Deployment/ops/old-api'],
      ['error', 'workload-selector-invalid', 'Job/ops/copied-selector'],
      ['error', 'container-port-invalid', 'Pod/ops/debug'],
      ['error', 'workload-selector-invalid', 'ReplicationController/ops/legacy-mismatch'],
    ]);
  });

  test('every kind: the extensions/v1beta1 Deployment without a selector gets only api-version-removed (the old version defaulted it)', () => {
    expect(onFixture('every-kind.yaml').filter((f) => f.resource === 'Deployment/ops/old-web').map((f) => f.rule)).toEqual(['api-version-removed']);
  });
});
