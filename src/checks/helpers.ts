/**
 * Pure read helpers over the objects of a `ClusterModel` for the checker rules: resource ids, names and labels, the
 * well-known labels and annotations of the discovery API, and message texts. Nothing here keeps state; what rules
 * share about one run (pod templates, indexes, DNS answers) is in the `CheckContext` (./context/check-context.ts).
 */
import { SERVICE_NAME_LABEL, SKIP_MIRROR_LABEL } from '../k8s-syntax/well-known';
import { isClusterScoped } from '../model/cluster-scoped';
import { cmp } from '../model/compare';
import { asArray, asRecord, KubeObject, nonEmptyString, stringMap, stringMapGet } from '../model/manifest';
import type { NamespacedObject } from '../model/pods';

/** `Kind/namespace/name` of an object (namespace defaulted by the model). */
export function resourceId(o: NamespacedObject): string {
  const kind = nonEmptyString(o.object?.kind) ?? '(no kind)';
  const name = nonEmptyString(asRecord(o.object?.metadata)?.name) ?? nonEmptyString(asRecord(o.object?.metadata)?.generateName) ?? '(no name)';
  return `${kind}/${isClusterScoped(kind, nonEmptyString(o.object?.apiVersion)) ? '' : o.namespace}/${name}`;
}

/**
 * `Service "web" has no metadata.namespace: if you apply it with kubectl -n shop, pass --default-namespace shop` for a
 * message (`subject` first), when `object` names no namespace of its own, so the checker put it in the default
 * namespace, and `namespace` is the one where a reference looks for it; undefined when `object` names one. `kubectl apply -n` (and
 * `helm template -n`, which leaves the namespace to it) puts such an object where the flag says.
 */
export function defaultNamespaceHint(subject: string, object: KubeObject, namespace: string): string | undefined {
  if (nonEmptyString(asRecord(object?.metadata)?.namespace) !== undefined) return undefined;
  return `${subject} has no metadata.namespace: if you apply it with kubectl -n ${namespace}, pass --default-namespace ${namespace}`;
}

/** The object's name, or undefined. */
export function nameOf(o: NamespacedObject): string | undefined {
  return nonEmptyString(asRecord(o.object?.metadata)?.name);
}

/** The object's labels (non-string values dropped). */
export function labelsOf(o: NamespacedObject): { [key: string]: string } {
  return stringMap(asRecord(o.object?.metadata)?.labels);
}

/** `labelsOf(o)[key]` for a label key (without building the map). */
export function labelOf(o: NamespacedObject, key: string): string | undefined {
  return stringMapGet(asRecord(o.object?.metadata)?.labels, key);
}

/** Whether a Service-style equality selector selects the labels. */
export function selects(selector: { readonly [key: string]: string }, labels: { readonly [key: string]: string }): boolean {
  for (const [k, v] of Object.entries(selector)) if (labels[k] !== v) return false;
  return true;
}

/** `app=api,tier=web` for messages (sorted). */
export function selectorText(selector: { readonly [key: string]: string }): string {
  return Object.entries(selector).sort(([a], [b]) => cmp(a, b)).map(([k, v]) => `${k}=${v}`).join(',');
}

/** `Service/<ns>/<name>`. */
export function serviceId(namespace: string, name: string): string {
  return `Service/${namespace}/${name}`;
}


/** True when the object has owner references (made by a controller: a live export). */
export function hasOwner(o: NamespacedObject): boolean {
  return asArray(asRecord(o.object?.metadata)?.ownerReferences).length > 0;
}

/** Annotation listing the rule ids not to report on an object (comma-separated; `*` for every rule). */
export const IGNORE_ANNOTATION = 'checks.cdk8s-service-discovery.io/ignore';

/** The rule ids an object's ignore annotation lists (`*` included as is). */
export function ignoredRules(object: any): Set<string> {
  const value = asRecord(asRecord(object?.metadata)?.annotations)?.[IGNORE_ANNOTATION];
  return new Set(typeof value === 'string' ? value.split(',').map((v) => v.trim()).filter((v) => v.length > 0) : []);
}

/** Annotation the Endpoints controller sets on the Endpoints it writes (kubernetes/api core/v1 annotation_key_constants.go). */
export const LAST_CHANGE_TRIGGER_ANNOTATION = 'endpoints.kubernetes.io/last-change-trigger-time';

/**
 * True for the Endpoints or EndpointSlice `kubernetes` of namespace `default`, which the API server writes for the
 * `kubernetes` Service with its own addresses and rewrites whatever the input says (pkg/controlplane/reconcilers
 * endpointsadapter.go). Neither says so: the Endpoints carry only `skip-mirror`, the slice only the service-name label,
 * no owner and no managed-by; dumps of every cluster hold them (`kubectl get ep,endpointslices -A`).
 */
export function apiServerEndpoints(o: NamespacedObject): boolean {
  if (o.namespace !== 'default' || nameOf(o) !== 'kubernetes') return false;
  return o.object?.kind !== 'EndpointSlice' || labelOf(o, SERVICE_NAME_LABEL) === 'kubernetes';
}

/**
 * True when every address names the object behind it, as controllers write them: a Pod (the Endpoints controller), or
 * a Node (prometheus-operator's kubelet Endpoints and EndpointSlices list node IPs so). Hand-written endpoints do not
 * carry a `targetRef`. False for an empty list.
 */
export function addressesOfObjects(targetRefs: readonly unknown[]): boolean {
  return targetRefs.length > 0 && targetRefs.every((r) => {
    const kind = nonEmptyString(asRecord(r)?.kind);
    return kind === 'Pod' || kind === 'Node';
  });
}

/** Whether an object comes from a live cluster's export (`kubectl get -o yaml`): the API server set its `metadata.uid`. */
export function exported(o: NamespacedObject): boolean {
  return nonEmptyString(asRecord(o.object?.metadata)?.uid) !== undefined;
}

/**
 * True when an Endpoints object is controller output of a live export (`kubectl get -o yaml`): it has an owner, the
 * Endpoints controller's `last-change-trigger-time` annotation, addresses that all point at Pods or Nodes
 * (`targetRef.kind`), or it is the API server's own (`apiServerEndpoints`). The Endpoints controller sets no owner
 * reference, so the owner alone misses its output. With `exportedTargetsOnly` (the CVE-2021-25740 check), targetRefs
 * to Nodes count only in a live export (`exported`), where the API server wrote them: in written manifests only the
 * Endpoints controller's own shape (every address naming a Pod, as `kubectl neat` leaves a dump) counts, as before.
 */
export function controllerMadeEndpoints(o: NamespacedObject, exportedTargetsOnly = false): boolean {
  if (hasOwner(o) || apiServerEndpoints(o)) return true;
  if (asRecord(asRecord(o.object?.metadata)?.annotations)?.[LAST_CHANGE_TRIGGER_ANNOTATION] !== undefined) return true;
  const addresses = asArray(o.object?.subsets).flatMap((ss) => [...asArray(asRecord(ss)?.addresses), ...asArray(asRecord(ss)?.notReadyAddresses)]);
  const targetRefs = addresses.map((a) => asRecord(a)?.targetRef);
  if (exportedTargetsOnly && !exported(o)) {
    // written (or `kubectl neat`-ed) Endpoints: only the Endpoints controller's own shape, addresses that all name a Pod
    return targetRefs.length > 0 && targetRefs.every((r) => asRecord(r)?.kind === 'Pod');
  }
  return addressesOfObjects(targetRefs);
}

/**
 * True when some subset of an Endpoints object lists a ready or not-ready address. One without (no `subsets`, as the
 * controller writes it for a Service without ready pods, and as placeholders to be filled at run time read) has no
 * endpoints, hence no ports to compare: the API server rejects a subset without addresses.
 */
export function endpointsListAddresses(object: any): boolean {
  return asArray(object?.subsets).some((ss) => asArray(asRecord(ss)?.addresses).length > 0
    || asArray(asRecord(ss)?.notReadyAddresses).length > 0);
}

/** True when the Endpoints carries `skip-mirror: "true"`. */
export function skipsMirror(o: NamespacedObject): boolean {
  return labelOf(o, SKIP_MIRROR_LABEL) === 'true';
}

/** Appends `value` to the list of `key`. */
export function pushTo<V>(map: Map<string, V[]>, key: string, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
