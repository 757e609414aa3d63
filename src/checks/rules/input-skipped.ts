/**
 * input-skipped (info): files and documents of the input that were not read as Kubernetes objects, so that nothing is
 * passed over in silence. The loader (src/model/load.ts) skips, in a folder it walks: a mapping that is no object (a
 * Helm values.yaml or Chart.yaml, a kustomization.yaml, a docker-compose file), and a FIFO, socket or
 * device named like a manifest. The same things named with `-f` are errors, as are documents shaped like an object
 * (`kind` or `metadata`) without `apiVersion` or `kind`. The run passes what was skipped in
 * `CheckRunOptions.skippedInputs`; the finding's resource is the file (`File//<path>`).
 */
import { Finding, finding, Rule } from '../rule';

export const inputSkipped: Rule = {
  id: 'input-skipped',
  level: 'info',
  description: 'File or document of a folder that holds no Kubernetes object (not read)',
  explanation: 'The checker reads mappings with apiVersion and kind, as the API server does. In a folder, other YAML (a Helm values.yaml or Chart.yaml, a kustomization.yaml, also one with `kind: Kustomization` of kustomize.config.k8s.io or without apiVersion, which kustomize fills in, and the patch files a kustomization of the folder names, which kustomize applies to its base, which kustomize reads and no API server serves, a docker-compose file) and FIFOs or devices named like manifests are skipped and listed here, so that nothing is passed over in silence (a FIFO or device is never opened: reading it could wait or never end). `kubectl apply -f <folder>` would refuse such files ("error validating data: [apiVersion not set, kind not set]", or for a Kustomization "no matches for kind"); a folder with a kustomization.yaml is a kustomize base, whose objects the cluster gets only through `kustomize build` (labels, selectors and namespaces added), so check that output; tools that choose files (kustomize resources, Argo CD directory include/exclude) leave them out. Named with `-f` they are errors, as are documents with `kind` or `metadata` but no apiVersion or kind (exit 2).',
  fix: 'Nothing to do for configuration that is not a manifest; for a manifest, add apiVersion and kind. Name a FIFO with -f to read it.',
  check(ctx) {
    const out: Finding[] = [];
    for (const s of ctx.options.skippedInputs) {
      const where = s.document === undefined ? s.file : `${s.file} document ${s.document}`;
      out.push(finding(this, `File//${s.file}`, `${where} was not read: ${s.reason}. Fix: nothing if it is not a Kubernetes manifest; else add apiVersion and kind.`));
    }
    return out;
  },
};
