/**
 * input-skipped (info): files and documents of the input that were not read as Kubernetes objects, so that nothing is
 * passed over in silence. The loader (src/model/load.ts) skips, in a folder it walks: a mapping that is no object (a
 * Helm values.yaml or Chart.yaml, a kustomization.yaml, a docker-compose file), the files of a kustomize folder that its
 * build never applies as they are (patches, generator inputs, files no kustomization lists: kustomize-folders.ts), the
 * templates of a Helm chart, the steps and assertions of end-to-end tests (kuttl, chainsaw, Kyverno CLI:
 * src/model/e2e-tests.ts), Argo CD's parameter override files (`.argocd-source-<application>.yaml`), and a FIFO, socket
 * or device named like a manifest. The same things named with `-f` are errors, as are documents shaped like an object
 * (`kind` or `metadata`) without `apiVersion` or `kind`. The run passes what was skipped in
 * `CheckRunOptions.skippedInputs`; the finding's resource is the file (`File//<path>`).
 */
import { argoCdApplicationOf } from '../../model/input-files';
import { Finding, finding, Rule } from '../rule';

/** The fix for a kustomization and the files its build never applies as they are (src/model/documents.ts, kustomize-folders.ts). */
const KUSTOMIZE_FIX = 'nothing; to check what the cluster gets, check the build (kustomize build <folder> | cdk8s-dns check -f -)';
/** The same for a kustomization that inflates Helm charts, which kustomize builds only with --enable-helm. */
const KUSTOMIZE_HELM_FIX = 'nothing; to check what the cluster gets, check the build (kustomize build --enable-helm <folder> | cdk8s-dns check -f -)';

export const inputSkipped: Rule = {
  id: 'input-skipped',
  level: 'info',
  description: 'File or document of a folder that holds no Kubernetes object (not read)',
  explanation: 'The checker reads mappings with apiVersion and kind, as the API server does. In a folder, other YAML is skipped and listed here, so that nothing is passed over in silence: a Helm values.yaml or Chart.yaml, a docker-compose file, and kustomize\'s own files. Those are a kustomization (kustomization.yaml, .yml or Kustomization, with or without `kind: Kustomization` of kustomize.config.k8s.io, or `Component`); the patch and replacement files that a kustomization found in the listing names, which kustomize applies to the resources of its base; the files it reads as input (generator files, Helm values, transformer configuration, its Helm chart folder); and the files below its folder that no kustomization builds (not in `resources`, `components` or `crds`, nor in a folder they name), which `kustomize build`, Argo CD and Flux leave out, unless a Flux Kustomization or Argo CD Application found in the input applies their folder by itself (its `spec.path` or source path, or for an ApplicationSet whose source path is `{{path}}`, each folder its git directory generator matches). A folder with a kustomization is a kustomize base, whose objects the cluster gets only through `kustomize build` (labels, selectors and namespaces added), so check that output. The files of a Helm chart\'s `templates/` folder (beside a Chart.yaml) are Go templates that helm renders, not manifests (`name: {{ include "app.fullname" . }}` is no YAML): skipped, to be checked rendered (`helm template <chart> | cdk8s-dns check -f -`). The files of an end-to-end test are test steps and partial assertions (a Deployment of only `status.readyReplicas`, a Pod with labels and no name), not manifests: in a folder with a chainsaw `chainsaw-test.yaml` or a Kyverno CLI `kyverno-test.yaml` (subfolders too; a folder that also holds a kustomization is read as its kustomization builds it), the numbered step files (`00-install.yaml`) of a folder with a numbered assert or errors file (`00-assert.yaml`, `01-errors.yaml`) or of a test case of a kuttl TestSuite\'s `testDirs`, and any file holding a document of a test tool\'s own API (kuttl.dev `TestStep`/`TestAssert`, chainsaw.kyverno.io `Test`, cli.kyverno.io): skipped, to be checked by running the test (`kubectl kuttl test`, `chainsaw test`, `kyverno test`). Argo CD\'s parameter override files (`.argocd-source.yaml` and `.argocd-source-<application>.yaml`, which Argo CD Image Updater writes back to git) hold no object: Argo CD merges them into the source of the Application that renders their folder, so they are skipped, to be checked as Argo CD renders it (`argocd app manifests <application> | cdk8s-dns check -f -`), and not reported as a file its kustomization does not list. FIFOs and devices named like manifests are skipped too, never opened (reading one could wait or never end). When reading a folder\'s kustomize builds or its Flux and Argo CD objects reaches one of its bounds (2,000,000 steps of builds, 10,000 GitOps paths, 1,000 ApplicationSet directory patterns or 20,000,000 steps of matching, 64 MiB of YAML that names their API groups), an entry on the folder\'s first kustomization (or the folder) says what was left unread; a file larger than all those 64 MiB gets an entry of its own, since it was not searched and the folders its GitOps objects apply, if any, are not known; when applying name prefixes passes its bounds (4,000,000 steps of searching the Services of one name and namespace that a build gives other prefixes, 2,000,000 Services by root in all), an entry on the build\'s kustomization says which references were matched without that search, or that no prefix was applied; when a root gives one folder more than 64 name prefix and suffix pairs, an entry on its kustomization says that its names were kept as written; and when the copies of a file\'s objects in the namespaces and names of its builds would pass 1,000,000 in all, an entry on the first such file says that it was read in its first root\'s build only. `kubectl apply -f <folder>` would refuse such files ("error validating data: [apiVersion not set, kind not set]", or for a Kustomization "no matches for kind"); tools that choose files (kustomize resources, Argo CD directory include/exclude) leave them out. Named with `-f`, a document without apiVersion or kind is an error (exit 2), and a patch file is read as the object it holds, as kubectl reads it; so is a document with `kind` or `metadata` but no apiVersion or kind, wherever it is.',
  fix: 'Nothing to do for configuration that is not a manifest; for a manifest, add apiVersion and kind. Name a FIFO with -f to read it. Check a kustomize folder through its build (kustomize build <folder> | cdk8s-dns check -f -), and an end-to-end test by running it (kubectl kuttl test, chainsaw test, kyverno test).',
  check(ctx) {
    const out: Finding[] = [];
    for (const s of ctx.options.skippedInputs) {
      const where = s.document === undefined ? s.file : `${s.file} document ${s.document}`;
      // a kustomization or a patch it names has its apiVersion and kind (or needs none): its fix is the build
      const fix = s.bound ? 'check the folders one at a time (-f each), or each build (kustomize build <folder> | cdk8s-dns check -f -)'
        : s.helmChart !== undefined ? `nothing; to check what the cluster gets, check the rendered chart (helm template ${s.helmChart} | cdk8s-dns check -f -)`
          : s.testCommand !== undefined ? `nothing; the test checks it against a test cluster when it runs (${s.testCommand}), and the manifests it installs are checked where they are`
            : s.argoCdOverrides ? `nothing; to check what the cluster gets, check what Argo CD renders (argocd app manifests ${argoCdApplicationOf(s.file) ?? '<application>'} | cdk8s-dns check -f -)`
              : s.kustomization?.helmCharts !== undefined ? KUSTOMIZE_HELM_FIX : s.kustomize ? KUSTOMIZE_FIX : 'nothing if it is not a Kubernetes manifest; else add apiVersion and kind';
      // a bound's entry says itself what was left unread (the file's own objects mostly are read)
      out.push(finding(this, `File//${s.file}`, `${where}${s.bound ? ':' : ' was not read:'} ${s.reason}. Fix: ${fix}.`));
    }
    return out;
  },
};
