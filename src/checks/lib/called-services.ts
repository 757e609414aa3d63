/**
 * The Services the API server calls (model/webhook-services.ts), as the kustomize build of the referring object leaves
 * the reference, for webhook-service-missing and webhook-service-port-missing. Not a rule.
 *
 * kustomize changes these references where the checker does not: its NameReferenceTransformer
 * (api/konfig/builtinpluginconsts/namereference.go) renames a webhook's `clientConfig.service` to a Service of the build
 * of that name, name and namespace both, and an APIService's `spec.service.name`; its NamespaceTransformer sets the
 * build's namespace in an APIService's `spec.service.namespace` and a CRD's conversion webhook Service, whatever Service
 * they name (checked against kustomize v5.5.0). So in an object of a kustomize build:
 * - a reference that names a Service of the build (the first root of the object) by its written name is taken to name
 *   that Service, in the namespace the build gives it (the one of the written namespace when the build holds several);
 * - else a webhook's names what is written (kustomize leaves it so), and an APIService's or CRD's is not judged: the
 *   build may set a namespace that a cluster-scoped object does not show;
 * - a build that gives names a prefix or suffix, or whose patches, replacements, vars or `configurations` may set
 *   names (`ManifestSource.kustomizeNameEdits`), is not judged at all.
 * Matching by name alone may take a reference kustomize leaves as written (a webhook naming another namespace than the
 * Service's) for one that names the build's Service: the rules then say nothing, never a false finding.
 */
import type { NamespacedObject } from '../../model/pods';
import type { ServiceRecord } from '../../model/records';
import { calledServiceRefs, CalledServiceRef, namesCalledService } from '../../model/webhook-services';

/**
 * The references of `objects` to the Services the API server calls, as their kustomize builds leave them (see the file
 * comment), in input order; those the checker cannot tell are left out.
 */
export function readCalledServices(objects: readonly NamespacedObject[], services: readonly ServiceRecord[]): CalledServiceRef[] {
  const refs: CalledServiceRef[] = [];
  for (let i = 0; i < objects.length; i++) { // indexed, and no array for the objects that name none: see src/model/scan.ts
    if (!namesCalledService(objects[i].object)) continue;
    for (const r of calledServiceRefs(objects[i])) refs.push(r);
  }
  // first root NUL written name -> the Services of that name the root builds (only the roots of referring objects)
  const wanted = new Set<string>();
  for (const r of refs) {
    const root = r.from.source?.kustomizeRoots?.[0];
    if (root !== undefined) wanted.add(root);
  }
  const inRoot = new Map<string, ServiceRecord[]>();
  if (wanted.size > 0) {
    for (const s of services) {
      for (const root of s.source?.kustomizeRoots ?? []) {
        if (!wanted.has(root)) continue;
        const key = `${root}\u0000${s.name}`;
        const list = inRoot.get(key);
        if (list) list.push(s);
        else inRoot.set(key, [s]);
      }
    }
  }
  const out: CalledServiceRef[] = [];
  for (const r of refs) {
    const built = asBuilt(r, inRoot);
    if (built) out.push(built);
  }
  return out;
}

/** `r` as its kustomize build leaves it, or undefined when the checker cannot tell (see the file comment). */
function asBuilt(r: CalledServiceRef, inRoot: ReadonlyMap<string, readonly ServiceRecord[]>): CalledServiceRef | undefined {
  const source = r.from.source;
  const root = source?.kustomizeRoots?.[0];
  if (source === undefined || root === undefined) return r;
  if ((source.kustomizePrefix ?? '') !== '' || (source.kustomizeSuffix ?? '') !== '' || source.kustomizeNameEdits !== undefined) return undefined;
  const candidates = inRoot.get(`${root}\u0000${r.service}`) ?? [];
  const named = candidates.find((s) => s.namespace === r.namespace) ?? (candidates.length === 1 ? candidates[0] : undefined);
  if (named !== undefined) return named.namespace === r.namespace ? r : { ...r, namespace: named.namespace };
  return candidates.length === 0 && r.caller === 'admission' ? r : undefined;
}

/**
 * What the API server does when its call to `r`'s Service fails with `error` (its own error text), for messages:
 * `the API server cannot call the webhook ("...") ...`.
 */
export function callFailureText(r: CalledServiceRef, error: string): string {
  const quoted = JSON.stringify(error);
  if (r.caller === 'admission') {
    return r.failOpen
      ? `the API server cannot call the webhook (${quoted}), and with failurePolicy Ignore admits the requests its rules match without it, so the webhook never acts`
      : `the API server cannot call the webhook (${quoted}), so it rejects every request the webhook's rules match (failurePolicy Fail)`;
  }
  if (r.caller === 'conversion') {
    return r.failOpen
      ? `the API server cannot call the conversion webhook (${quoted}); the CRD serves only its storage version and stores no object in another, so it asks for no conversion until it serves a second`
      : `the API server cannot convert the custom resources between versions (${quoted}), so requests for them in a version other than the stored one fail`;
  }
  return `the aggregated API is unavailable (APIService condition Available is False: ${quoted}): its requests fail, and so does API discovery for kubectl and controllers (the namespace controller cannot finish deleting namespaces)`;
}
