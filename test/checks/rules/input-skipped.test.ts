// GIVEN files and documents the loader skipped, WHEN checked, THEN each is one info whose fix suits what it is: a
// kustomization and the patches it names are checked through kustomize build, other YAML needs apiVersion and kind
// only if it was meant as a manifest.
import { check } from '../../../src/checks/engine';
import { inputSkipped } from '../../../src/checks/rules/input-skipped';
import { ClusterModel } from '../../../src/model/cluster-model';
import type { SkippedInput } from '../../../src/model/manifest';

const KUSTOMIZE = 'a kustomize Kustomization, which kustomize reads and the cluster never gets: check the output of kustomize build';
const LARGE = 'larger than 64 MiB (MAX_ROOT_SCAN_BYTES), the most YAML read to find the folders that Flux Kustomizations, Argo CD Applications and Fleet bundles apply by themselves, so it was not searched for them: '
  + 'the folders of those it holds, if any, are not known to be (its objects are read and checked all the same); split it into smaller files to have them known';
const PATCH = 'a kustomize patch or replacement that overlays/dev/kustomization.yaml names, which kustomize applies to the resources of its base: check the output of kustomize build';

describe('input-skipped', () => {
  test.each<[string, SkippedInput, RegExp]>([
    ['a kustomization.yaml: the build is the fix', { file: 'overlays/dev/kustomization.yaml', document: 1, reason: KUSTOMIZE, kustomize: true },
      /^overlays\/dev\/kustomization\.yaml document 1 was not read: a kustomize Kustomization, .*\. Fix: nothing; to check what the cluster gets, check the build \(kustomize build <folder> \| cdk8s-dns check -f -\)\.$/],
    ['a patch a kustomization names: the build is the fix, not apiVersion and kind', { file: 'overlays/dev/replicas.yaml', reason: PATCH, kustomize: true },
      /^overlays\/dev\/replicas\.yaml was not read: a kustomize patch .*\. Fix: nothing; to check what the cluster gets, check the build/],
    ['a kustomization.yaml with helmCharts: the build with Helm is the fix', { file: 'base/kustomization.yaml', document: 1, reason: KUSTOMIZE, kustomize: true, kustomization: { helmCharts: [] } },
      /\. Fix: nothing; to check what the cluster gets, check the build \(kustomize build --enable-helm <folder> \| cdk8s-dns check -f -\)\.$/],
    ['a kustomization.yaml kept for its commonLabels (no helmCharts): the build without Helm is the fix', { file: 'base/kustomization.yaml', document: 1, reason: KUSTOMIZE, kustomize: true, kustomization: { commonLabels: { app: 'web' } } },
      /\. Fix: nothing; to check what the cluster gets, check the build \(kustomize build <folder> \| cdk8s-dns check -f -\)\.$/],
    ['a reason that starts like a kustomize one but is not marked as kustomize\'s: apiVersion and kind', { file: 'x.yaml', reason: KUSTOMIZE },
      /\. Fix: nothing if it is not a Kubernetes manifest; else add apiVersion and kind\.$/],
    ['a template of a Helm chart: the rendered chart is the fix', { file: 'charts/web/templates/svc.yaml', reason: 'a template of the Helm chart charts/web, which helm renders into manifests', helmChart: 'charts/web' },
      /^charts\/web\/templates\/svc\.yaml was not read: a template of the Helm chart charts\/web, which helm renders into manifests\. Fix: nothing; to check what the cluster gets, check the rendered chart \(helm template charts\/web \| cdk8s-dns check -f -\)\.$/],
    ['a step of an end-to-end test: running the test is the fix', { file: 'tests/e2e/basic/assert.yaml', reason: 'a file of the chainsaw test tests/e2e/basic (chainsaw-test.yaml): a test step or assertion', testCommand: 'chainsaw test --test-dir tests/e2e/basic' },
      /^tests\/e2e\/basic\/assert\.yaml was not read: a file of the chainsaw test tests\/e2e\/basic \(chainsaw-test\.yaml\): a test step or assertion\. Fix: nothing; the test checks it against a test cluster when it runs \(chainsaw test --test-dir tests\/e2e\/basic\), and the manifests it installs are checked where they are\.$/],
    ['an Argo CD parameter override file: what Argo CD renders is the fix, not apiVersion and kind', { file: 'dist/web/.argocd-source-web.yaml', reason: 'an Argo CD parameter override file (as Argo CD Image Updater writes back to git), which Argo CD merges into the source of the Application that renders this folder, and the cluster never gets as it is', argoCdOverrides: true },
      /^dist\/web\/\.argocd-source-web\.yaml was not read: an Argo CD parameter override file .*\. Fix: nothing; to check what the cluster gets, check what Argo CD renders \(argocd app manifests web \| cdk8s-dns check -f -\)\.$/],
    // Argo CD Image Updater's file of an Application outside Argo CD's namespace: `<namespace>_<name>`, which the CLI takes as `<namespace>/<name>`
    ['an Argo CD parameter override file of an Application in another namespace', { file: 'dist/web/.argocd-source-team-a_web.yaml', reason: 'an Argo CD parameter override file (as Argo CD Image Updater writes back to git), which Argo CD merges into the source of the Application that renders this folder, and the cluster never gets as it is', argoCdOverrides: true },
      /check what Argo CD renders \(argocd app manifests team-a\/web \| cdk8s-dns check -f -\)\.$/],
    ['an Argo CD parameter override file of every Application of its folder', { file: 'dist/.argocd-source.yaml', reason: 'an Argo CD parameter override file (as Argo CD Image Updater writes back to git), which Argo CD merges into the source of the Application that renders this folder, and the cluster never gets as it is', argoCdOverrides: true },
      /Fix: nothing; to check what the cluster gets, check what Argo CD renders \(argocd app manifests <application> \| cdk8s-dns check -f -\)\.$/],
    ['a bound of reading a folder\'s builds: checking the folders or builds one at a time is the fix', { file: 'kustomization.yaml', reason: 'the kustomize builds of this folder took more than 2,000,000 steps (MAX_BUILD_STEPS), so the builds past that point were not read', bound: true },
      /^kustomization\.yaml: the kustomize builds of this folder took more than 2,000,000 steps \(MAX_BUILD_STEPS\), so the builds past that point were not read\. Fix: check the folders one at a time \(-f each\), or each build \(kustomize build <folder> \| cdk8s-dns check -f -\)\.$/],
    // a bound's entry names what was left unread itself: the file's objects are read, so no "was not read"
    ['a file too large for the GitOps search: its objects are read, only the search is cut', { file: 'apps.yaml', reason: LARGE, bound: true },
      new RegExp(`^apps\\.yaml: ${LARGE.replace(/[()]/g, '\\$&')}\\. Fix: check the folders one at a time \\(-f each\\), or each build \\(kustomize build <folder> \\| cdk8s-dns check -f -\\)\\.$`)],
    ['a bound of the name prefixes of a build', { file: 'kustomization.yaml', reason: 'the build of kustomization.yaml holds more than 16 Services named "web" in namespace "default" with other name prefixes or suffixes (MAX_CANDIDATES), so a reference by that name that kustomize renames (an Ingress backend, a StatefulSet\'s serviceName) was matched among the first 16 only: it may keep the name written or name another of them', bound: true },
      /^kustomization\.yaml: the build of kustomization\.yaml holds more than 16 Services named "web" .* name another of them\. Fix: check the folders/],
    // it has its apiVersion and kind (or, an ArchiveUploadSpec, needs none): no "add apiVersion and kind"
    ['another tool\'s configuration file: the tool reads it', { file: 'clusters/east.yaml', document: 1, reason: 'a kind cluster configuration (Cluster of kind.x-k8s.io), which kind create cluster --config reads and the cluster never gets', toolCommand: 'kind create cluster --config' },
      /^clusters\/east\.yaml document 1 was not read: a kind cluster configuration \(Cluster of kind\.x-k8s\.io\), which kind create cluster --config reads and the cluster never gets\. Fix: nothing; kind create cluster --config reads it\.$/],
    ['a Helm values.yaml: apiVersion and kind if it was meant as a manifest', { file: 'chart/values.yaml', document: 1, reason: 'no apiVersion, kind or metadata' },
      /^chart\/values\.yaml document 1 was not read: no apiVersion, kind or metadata\. Fix: nothing if it is not a Kubernetes manifest; else add apiVersion and kind\.$/],
  ])('%s', (_case, skipped, message) => {
    const findings = check(ClusterModel.fromObjects([]), { rules: [inputSkipped], skippedInputs: [skipped] }).findings;
    expect(findings.map((f) => [f.level, f.resource])).toEqual([['info', `File//${skipped.file}`]]);
    expect(findings[0].message).toMatch(message);
  });
});
