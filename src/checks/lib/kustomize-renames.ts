/**
 * Names of Services written in an object of a kustomize build with a `namePrefix` or `nameSuffix` that the build
 * renamed (kustomize-names.ts), for the rules that report a Service name that does not resolve
 * (workload-name-unresolved, externalname-target-missing, pod-subdomain-service, and the rules of missing-services.ts).
 * Not a rule.
 *
 * kustomize renames the Service (`web` to `dev-web`) and the references its name reference configuration lists, but
 * leaves plain strings as written (an env value, an ExternalName, a route's backendRef): after the build they name a
 * Service the cluster does not have, which the rules report. Overlays often set such a value to the built name
 * themselves, with a patch, a replacement (sourcing the Service's `metadata.name`) or a `vars` entry, none of which the
 * checker applies: in a build where a kustomization has one (`ManifestSource.kustomizeEdits`), a name the build
 * renamed is not judged (an info that says why); in one without, it stays the rule's finding, and says which name the
 * build gives the Service.
 */
import { parseQuery } from '../../dns/parse';
import { isKustomizationFile } from '../../model/documents';
import type { ManifestSource } from '../../model/manifest';
import type { CheckContext } from '../context/check-context';
import { finding, Finding, Rule } from '../rule';

/** A name written in an object of a build that gives the Service of that name another one. */
export interface RenamedService {
  /** The Service's name as written: `web`. */
  readonly written: string;
  /** Its name in the build: `dev-web`, a Service of `namespace`. */
  readonly built: string;
  readonly namespace: string;
  /** The kustomization of the build's root (the first of the object's roots). */
  readonly root: string;
  readonly prefix: string;
  readonly suffix: string;
  /** A kustomization of the build that may set the value (patches, replacements, vars). @default - none */
  readonly edits?: ManifestSource['kustomizeEdits'];
}

/**
 * The Service `name` of `namespace`, named in an object read from `source`, when the object's build has a prefix or
 * suffix and `namespace` holds the Service under the name the build gives it (`dev-web`) but none of the name written.
 */
export function renamedService(ctx: CheckContext, source: ManifestSource | undefined, namespace: string, name: string): RenamedService | undefined {
  const prefix = source?.kustomizePrefix ?? '';
  const suffix = source?.kustomizeSuffix ?? '';
  const root = source?.kustomizeRoots?.[0];
  if ((prefix === '' && suffix === '') || root === undefined) return undefined;
  const built = prefix + name + suffix;
  if (ctx.model.service(namespace, name) || !ctx.model.service(namespace, built)) return undefined;
  return { written: name, built, namespace, root, prefix, suffix, ...(source?.kustomizeEdits ? { edits: source.kustomizeEdits } : {}) };
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
  // a GitOps object's build (its file, `apps.yaml (Application east)`) is no kustomization: no `kustomize build` of it
  const file = rootFile(root);
  const kustomization = isKustomizationFile(file);
  const named = `the ${kustomization ? 'kustomize ' : ''}build of ${root} names Service "${written}" as "${built}" (${affix})`;
  const check = kustomization ? ` (check it: kustomize build ${kustomizeFolder(file)} | cdk8s-dns check -f -)` : '';
  if (edits === undefined) {
    return finding(rule, resource,
      `${cause} In namespace "${renamed.namespace}", ${named}, and leaves this name as written. Fix: write "${built}" for "${written}", or set it with a kustomize replacement from the Service's metadata.name.`);
  }
  const fields = edits.fields.join(', ');
  return {
    ...finding(rule, resource,
      `${cause} Not judged: in namespace "${renamed.namespace}", ${named}, and ${edits.file === file ? 'that kustomization' : edits.file} has ${fields}, which may set this value to "${built}" and which the checker does not apply. Fix: none if the build's output names "${built}"${check}; otherwise write "${built}" for "${written}".`),
    level: 'info',
  };
}

/**
 * The file of a root (`ManifestSource.kustomizeRoots`): the root without the object that builds it, which a GitOps build
 * names after its file (`apps.yaml (Application east)`, and a kustomization that several GitOps objects build
 * `k.yaml (apps.yaml (Kustomization x))`): the parenthesized text that ends it, after a space. One pass from the end
 * (a regular expression ` \(.*\)$` tries each ` (` of a long path to its end: 3 ms for a path of 1,000 folders `x (`,
 * at each root of each finding).
 */
export function rootFile(root: string): string {
  if (!root.endsWith(')')) return root;
  let depth = 0;
  for (let i = root.length - 1; i > 0; i--) {
    const c = root.charCodeAt(i);
    if (c === 0x29) { // `)`
      depth++;
    } else if (c === 0x28 && --depth === 0) { // the `(` of the last `)`
      return root.charCodeAt(i - 1) === 0x20 ? root.slice(0, i - 1) : root;
    }
  }
  return root;
}

/** The folder `kustomize build` is given for a root: its kustomization's folder (`.` for a file without one). */
export function kustomizeFolder(root: string): string {
  const slash = Math.max(root.lastIndexOf('/'), root.lastIndexOf('\\'));
  return slash === -1 ? '.' : slash === 0 ? '/' : root.slice(0, slash);
}
