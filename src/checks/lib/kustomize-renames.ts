/**
 * Names of Services written in an object of a kustomize build with a `namePrefix` or `nameSuffix` that the build
 * renamed (kustomize-names.ts), for the rules that report a Service name that does not resolve
 * (workload-name-unresolved, externalname-target-missing, pod-subdomain-service, and the rules of missing-services.ts).
 * Not a rule.
 *
 * kustomize renames the Service (`web` to `dev-web`) and the references its name reference configuration lists, but
 * leaves plain strings as written (an env value, an ExternalName, a route's backendRef): after the build they name a
 * Service the cluster does not have, which the rules report. Overlays often set such a value to the built name
 * themselves, with a patch, a replacement (sourcing the Service's `metadata.name`) or a `vars` entry, or have
 * kustomize rename it with name references of their own (`configurations`: Argo Rollouts' rollout-transform.yaml
 * renames a Rollout's Services), none of which the checker applies: in a build where a kustomization has one
 * (`ManifestSource.kustomizeNameEdits`), a name the build renamed is not judged (an info that says why); in one
 * without, it stays the rule's finding, and says which name the build gives the Service.
 */
import { parseQuery } from '../../dns/parse';
import { isKustomizationFile } from '../../model/documents';
import { rootFile } from '../../model/kustomize-builds';
import type { KustomizeEdits, ManifestSource } from '../../model/manifest';
import type { CheckContext } from '../context/check-context';
import { finding, Finding, Rule } from '../rule';

/** A name written in an object of a build that gives the Service of that name another one. */
export interface RenamedService {
  /** The Service's name as written: `web`. */
  readonly written: string;
  /** Its name in the build: `dev-web`, a Service of `namespace`. */
  readonly built: string;
  readonly namespace: string;
  /** The kustomization of the build's root: that of `edits`, else the first of the object's roots. */
  readonly root: string;
  readonly prefix: string;
  readonly suffix: string;
  /** A kustomization of the build that may set the value (patches, replacements, vars, configurations). @default - none */
  readonly edits?: ManifestSource['kustomizeNameEdits'];
  /**
   * The GitOps object whose `namePrefix` and `nameSuffix` the build of `root` takes (a Flux Kustomization's): the
   * build is named by it. @default - none: the root's own
   */
  readonly affixBy?: string;
}

/**
 * The Service `name` of `namespace`, named in an object read from `source`, when the object's build has a prefix or
 * suffix and `namespace` holds the Service under the name the build gives it (`dev-web`) but none of the name written.
 */
export function renamedService(ctx: CheckContext, source: ManifestSource | undefined, namespace: string, name: string): RenamedService | undefined {
  const prefix = source?.kustomizePrefix ?? '';
  const suffix = source?.kustomizeSuffix ?? '';
  const edits = source?.kustomizeNameEdits;
  // not judged: the build whose kustomization may set the value; judged: the first build that leaves it as written
  const root = edits?.root ?? source?.kustomizePlainRoot ?? source?.kustomizeRoots?.[0];
  if ((prefix === '' && suffix === '') || root === undefined) return undefined;
  const built = prefix + name + suffix;
  if (ctx.model.service(namespace, name) || !ctx.model.service(namespace, built)) return undefined;
  const affixBy = source?.kustomizeAffixBy?.get(root);
  return { written: name, built, namespace, root, prefix, suffix, ...(edits ? { edits } : {}), ...(affixBy === undefined ? {} : { affixBy }) };
}

/**
 * `renamedService` for the Service a host names from a pod of `namespace` (`web`, `web.dev`, `web.dev.svc.cluster.local`,
 * through the pod's search path).
 */
export function renamedHost(ctx: CheckContext, source: ManifestSource | undefined, host: string, namespace: string): RenamedService | undefined {
  if (source?.kustomizePrefix === undefined && source?.kustomizeSuffix === undefined) return undefined;
  for (const c of ctx.resolver.candidates(host, namespace)) {
    const q = parseQuery(c, ctx.model.options.clusterDomain);
    if (q.kind !== 'service' || q.endpoint !== undefined || q.port !== undefined) continue;
    const r = renamedService(ctx, source, q.namespace, q.service);
    if (r) return r;
  }
  return undefined;
}

/**
 * The finding of `rule` on `resource`: `cause` (whole sentences) and `fix` (after `Fix: `, without the final period),
 * as the rule words them when `renamed` is undefined. For a name the build renamed: with the build's name for the
 * Service and the fix that writes it; when a kustomization of the build may set the value, an info that it is not
 * judged.
 */
export function renamedFinding(rule: Rule, resource: string, cause: string, fix: string, renamed: RenamedService | undefined): Finding {
  if (renamed === undefined) return finding(rule, resource, `${cause} Fix: ${fix}.`);
  const { written, built, root, edits } = renamed;
  const affix = [
    ...(renamed.prefix === '' ? [] : [`namePrefix "${renamed.prefix}"`]),
    ...(renamed.suffix === '' ? [] : [`nameSuffix "${renamed.suffix}"`]),
  ].join(' and ');
  const file = rootFile(root);
  // a build whose prefix and suffix a GitOps object writes into the kustomization is that object's, not `kustomize build`'s
  const builder = renamed.affixBy ?? root;
  const kustomize = renamed.affixBy === undefined && isKustomizationFile(file);
  const named = `the ${kustomize ? 'kustomize ' : ''}build of ${builder} names Service "${written}" as "${built}" (${affix})`;
  if (edits === undefined) {
    return finding(rule, resource,
      `${cause} In namespace "${renamed.namespace}", ${named}, and leaves this name as written. Fix: write "${built}" for "${written}", or set it with a kustomize replacement from the Service's metadata.name.`);
  }
  const fields = edits.fields.join(', ');
  // the root's own kustomization, or the GitOps object that is the root (its patches)
  const holder = kustomize && edits.file === file ? 'that kustomization' : edits.file === builder ? 'that object' : edits.file;
  return {
    ...finding(rule, resource,
      `${cause} Not judged: in namespace "${renamed.namespace}", ${named}, and ${holder} has ${fields}, which may set this value to "${built}" and which the checker does not apply. Fix: none if the build's output names "${built}"${kustomize ? editsCheck(edits) : ''}; otherwise write "${built}" for "${written}".`),
    level: 'info',
  };
}

/**
 * `buildCheck` of the build of `edits` for a finding not judged because of them; empty when they are a GitOps object's
 * (its patches are no part of `kustomize build`).
 */
export function editsCheck(edits: KustomizeEdits): string {
  return isKustomizationFile(rootFile(edits.file)) ? buildCheck(edits.root) : '';
}

/**
 * The message of a finding on what an object lacks as written (`cause`), not judged because `edits` of its build may
 * `change` it (`add the port to Deployment "web"`): the one wording of the rules that read what a patch may add.
 */
export function notJudgedForEdits(cause: string, edits: KustomizeEdits, change: string, fix: string): string {
  return `${cause} as written. Not judged: ${edits.file} has ${edits.fields.join(', ')}, which may ${change} and which the checker does not apply. Fix: none if the build's output declares it${editsCheck(edits)}; otherwise ${fix}.`;
}

/**
 * ` (check it: kustomize build <folder> | cdk8s-dns check -f -)` for the build of `root` (a kustomization), for the
 * findings not judged because of what that build does that the checker does not apply; empty for a GitOps object's
 * build, which is no kustomization and has no `kustomize build`.
 */
export function buildCheck(root: string): string {
  const file = rootFile(root);
  return isKustomizationFile(file) ? ` (check it: kustomize build ${kustomizeFolder(file)} | cdk8s-dns check -f -)` : '';
}

/** The folder `kustomize build` is given for a root: its kustomization's folder (`.` for a file without one). */
export function kustomizeFolder(root: string): string {
  const slash = Math.max(root.lastIndexOf('/'), root.lastIndexOf('\\'));
  return slash === -1 ? '.' : slash === 0 ? '/' : root.slice(0, slash);
}
