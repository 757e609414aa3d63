// GIVEN a document of another tool's own API (a kind or k3d cluster configuration, a Fission spec, a kuttl step), WHEN
// looked up, THEN the one table of tool-files.ts names its tool, whether it is a test tool's (the file is the test's)
// or a configuration file (the document alone is skipped, with the reason and the command that reads it), and leaves
// the custom resources of a shared API group (KUDO's Instance, Fission's Function) and OpenShift's DeploymentConfig alone.
import { toolFileSkip, toolOf } from '../../src/model/tool-files';

describe('toolOf', () => {
  test.each<[string, string, string | undefined, string | undefined, boolean | undefined]>([
    ['a kind cluster configuration', 'Cluster', 'kind.x-k8s.io/v1alpha4', 'kind', false],
    ['a kind v1alpha3 cluster configuration (kind.sigs.k8s.io)', 'Cluster', 'kind.sigs.k8s.io/v1alpha3', 'kind', false],
    ['a kind v1alpha2 Config (kind.sigs.k8s.io)', 'Config', 'kind.sigs.k8s.io/v1alpha2', 'kind', false],
    ['a k3d configuration', 'Simple', 'k3d.io/v1alpha5', 'k3d', false],
    ['a Fission ArchiveUploadSpec without apiVersion', 'ArchiveUploadSpec', undefined, 'Fission', false],
    ['a Fission DeploymentConfig', 'DeploymentConfig', 'fission.io/v1', 'Fission', false],
    ['a Fission Function: a custom resource', 'Function', 'fission.io/v1', undefined, undefined],
    ['an ArchiveUploadSpec of v1: no tool\'s', 'ArchiveUploadSpec', 'v1', undefined, undefined],
    ['an OpenShift DeploymentConfig', 'DeploymentConfig', 'apps.openshift.io/v1', undefined, undefined],
    ['a group without its version (fission.io): no tool\'s, but an error of documents.ts', 'DeploymentConfig', 'fission.io', undefined, undefined],
    ['a kuttl TestStep', 'TestStep', 'kuttl.dev/v1beta1', 'kuttl', true],
    ['a kudo.dev TestAssert of older kuttl', 'TestAssert', 'kudo.dev/v1alpha1', 'kuttl', true],
    ['a KUDO Instance: a custom resource', 'Instance', 'kudo.dev/v1beta1', undefined, undefined],
    ['a chainsaw Test', 'Test', 'chainsaw.kyverno.io/v1alpha1', 'chainsaw', true],
    ['a Kyverno CLI Values', 'Values', 'cli.kyverno.io/v1alpha1', 'kyverno', true],
    ['a Kyverno ClusterPolicy: a custom resource', 'ClusterPolicy', 'kyverno.io/v1', undefined, undefined],
  ])('%s', (_case, kind, apiVersion, tool, test) => {
    const found = toolOf(kind, apiVersion);
    expect([found?.tool, found?.test]).toEqual([tool, test]);
  });
});

describe('toolFileSkip', () => {
  test('a configuration file: the reason and the command that reads it', () => {
    expect(toolFileSkip('Cluster', 'kind.sigs.k8s.io/v1alpha3')).toEqual({
      reason: 'a kind cluster configuration (Cluster of kind.sigs.k8s.io), which kind create cluster --config reads and the cluster never gets',
      command: 'kind create cluster --config',
    });
    expect(toolFileSkip('ArchiveUploadSpec', undefined)).toEqual({
      reason: 'a Fission spec ArchiveUploadSpec, which fission spec apply reads and the cluster never gets',
      command: 'fission spec apply',
    });
  });
  test('a test tool\'s document is e2e-tests.ts\'s (the whole file): none', () => {
    expect(toolFileSkip('TestStep', 'kuttl.dev/v1beta1')).toBeUndefined();
  });
  test('a kind of megabytes: quoted cut to 40 characters', () => {
    const skip = toolFileSkip('K'.repeat(2_000_000), 'kind.x-k8s.io/v1alpha4');
    expect(skip?.reason).toBe(`a kind cluster configuration (${'K'.repeat(40)}... of kind.x-k8s.io), which kind create cluster --config reads and the cluster never gets`);
  });
});
