import { isSimulatedKind, workloadKind } from '../../src/model/workload-kinds';

const template = { metadata: { labels: { app: 'x' } }, spec: { containers: [] } };

describe('workloadKind', () => {
  test.each([
    ['a Deployment', { apiVersion: 'apps/v1', kind: 'Deployment', spec: {} }, 'Deployment', true],
    ['an in-memory Deployment without apiVersion', { kind: 'Deployment' }, 'Deployment', true],
    ['a Job (templates for the checker, not simulated)', { apiVersion: 'batch/v1', kind: 'Job' }, 'Job', false],
    ['a ReplicationController (not simulated, as before)', { apiVersion: 'v1', kind: 'ReplicationController' }, 'ReplicationController', false],
    ['an Argo Rollout', { apiVersion: 'argoproj.io/v1alpha1', kind: 'Rollout', spec: { workloadRef: { kind: 'Deployment', name: 'x' } } }, 'Rollout', true],
    ['a DeploymentConfig', { apiVersion: 'apps.openshift.io/v1', kind: 'DeploymentConfig' }, 'DeploymentConfig', true],
    ['a legacy v1 DeploymentConfig', { apiVersion: 'v1', kind: 'DeploymentConfig' }, 'DeploymentConfig', true],
    ['a Prometheus', { apiVersion: 'monitoring.coreos.com/v1', kind: 'Prometheus' }, 'Prometheus', true],
    ['a KubeVirt VirtualMachine', { apiVersion: 'kubevirt.io/v1', kind: 'VirtualMachine' }, 'VirtualMachine', true],
    ['a KubeVirt VirtualMachineInstance', { apiVersion: 'kubevirt.io/v1alpha3', kind: 'VirtualMachineInstance' }, 'VirtualMachineInstance', true],
    ['a KubeVirt VirtualMachineInstanceReplicaSet', { apiVersion: 'kubevirt.io/v1', kind: 'VirtualMachineInstanceReplicaSet' }, 'VirtualMachineInstanceReplicaSet', true],
    ['a KubeVirt VirtualMachinePool', { apiVersion: 'pool.kubevirt.io/v1beta1', kind: 'VirtualMachinePool' }, 'VirtualMachinePool', true],
    ['a pod-shaped spec.template of any kind', { apiVersion: 'apps.kruise.io/v1alpha1', kind: 'CloneSet', spec: { template } }, 'CloneSet', true],
  ])('reads %s', (_name, obj, kind, simulated) => {
    expect(workloadKind(obj)).toBe(kind);
    expect(isSimulatedKind(obj)).toBe(simulated);
  });

  test.each([
    ['a Pod', { apiVersion: 'v1', kind: 'Pod' }],
    ['a Rollout of another group without a pod template', { apiVersion: 'example.com/v1', kind: 'Rollout', spec: {} }],
    ['a spec.template without labels (a Knative Service without labels)', { apiVersion: 'serving.knative.dev/v1', kind: 'Service', spec: { template: { spec: { containers: [] } } } }],
    ['a spec.template without containers (a VMware VM Operator VirtualMachine)', { apiVersion: 'vmoperator.vmware.com/v1alpha1', kind: 'VirtualMachine', spec: { template: { metadata: { labels: { a: 'b' } }, spec: { domain: {} } } } }],
    ['a ConfigMap', { apiVersion: 'v1', kind: 'ConfigMap', data: {} }],
  ])('does not read %s', (_name, obj) => {
    expect(workloadKind(obj)).toBeUndefined();
    expect(isSimulatedKind(obj)).toBe(false);
  });
});
