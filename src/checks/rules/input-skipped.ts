/**
 * input-skipped (info): files and documents of the input that were not read as Kubernetes objects, so that nothing is
 * passed over in silence. The loader (src/model/load.ts) skips, in a folder it walks: a mapping that is no object (a
 * Helm values.yaml or Chart.yaml, a kustomization.yaml without `kind`, a docker-compose file), and a FIFO, socket or
 * device named like a manifest. The same things named with `-f` are errors, as are documents shaped like an object
 * (`kind` or `metadata`) without `apiVersion` or `kind`. The run passes what was skipped in
 * `CheckRunOptions.skippedInputs`; the finding's resource is the file (`File//<path>`).
 */
import { Finding, finding, Rule } from '../rule';

export const inputSkipped: Rule = {
  id: 'input-skipped',
  level: 'info',
  description: 'File or document of a folder that holds no Kubernetes object (not read)',
  explanation: 'A folder of manifests often holds other YAML: a Helm values.yaml or Chart.yaml, a kustomization.yaml, a docker-compose file. The checker reads only mappings with apiVersion and kind, as the API server does, and lists the others here so that a manifest that lost its apiVersion and kind is still seen. kubectl apply -f <folder> refuses such files ("error validating data: [apiVersion not set, kind not set]"), so a folder applied with plain kubectl must not hold them; tools that choose files (kustomize resources, Argo CD directory include/exclude) leave them out. A FIFO or device in a folder is never opened: reading it could wait or never end.',
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
