/**
 * The Services that the API server itself calls (pure): an admission webhook's (`webhooks[].clientConfig.service` of a
 * ValidatingWebhookConfiguration or MutatingWebhookConfiguration, admissionregistration.k8s.io), a CRD's conversion
 * webhook's (`spec.conversion.webhook.clientConfig.service` of a CustomResourceDefinition with `strategy: Webhook`,
 * apiextensions.k8s.io; `spec.conversion.webhookClientConfig.service` in v1beta1) and an aggregated API's
 * (`spec.service` of an APIService, apiregistration.k8s.io; none: served by kube-apiserver itself). An APIService
 * whose `status.conditions` say Available True (a dump of a live cluster) is not read: the API server calls its Service;
 * one whose Available False says why is judged by that reason only (`liveFailure`).
 *
 * kube-apiserver resolves each by namespace, name and port (k8s.io/apiserver pkg/util/proxy ResolveCluster, the
 * default service resolver of webhooks and aggregated APIs): a Service that does not exist fails the call; a headless
 * one fails it (`cannot route to service with ClusterIP "None"`); of a ClusterIP, NodePort or LoadBalancer Service the
 * port must be one of its `ports[].port` (`no service port 443 found for service "x"`); an ExternalName Service is
 * called at its externalName and that port. `port` defaults to 443 in every one of these APIs.
 *
 * A reference without name or namespace is one the API server rejects (both are required): it is not read, nor is a
 * port that is not a number of 1-65535 (a `${PORT}` placeholder).
 */
import type { ServiceRef } from './entry-points';
import { apiGroup } from './indexes';
import { asArray, asRecord, KubeObject, nonEmptyString } from './manifest';
import type { NamespacedObject } from './pods';

/** The port the API server calls when a reference names none. */
export const DEFAULT_CALLED_PORT = 443;

/** The kinds whose objects name Services the API server calls. */
const CALLER_KINDS = new Set(['ValidatingWebhookConfiguration', 'MutatingWebhookConfiguration', 'CustomResourceDefinition', 'APIService']);

/** What calls the Service. */
export type ServiceCaller = 'admission' | 'conversion' | 'aggregation';

/** One reference from a webhook configuration, a CRD or an APIService to the Service the API server calls. */
export interface CalledServiceRef extends ServiceRef {
  readonly caller: ServiceCaller;
  /** The port called: the one written, or DEFAULT_CALLED_PORT; undefined when the one written is no number. */
  readonly port?: number;
  /**
   * Whether the API server goes on when the call fails: an admission webhook with `failurePolicy: Ignore` (the default
   * of admissionregistration.k8s.io/v1beta1), or a CRD that serves only its storage version and stores no object in
   * another, which it never converts (`convertsOnRead`).
   */
  readonly failOpen: boolean;
  /**
   * The one failure a live APIService's Available condition reports (`liveFailure`): `service` (ServiceNotFound) or
   * `port` (ServicePortError), the only one then judged. @default - no status: every failure is judged
   */
  readonly live?: LiveFailure;
}

/** A failure of the call that a live APIService's status reports. */
export type LiveFailure = 'service' | 'port';

/** Whether an object is of a kind that names Services the API server calls (`calledServiceRefs` reads it); no allocation. */
export function namesCalledService(o: KubeObject): boolean {
  const kind = o?.kind;
  return typeof kind === 'string' && CALLER_KINDS.has(kind);
}

/** The Services an object makes the API server call (nothing for another object), in the object's order. */
export function calledServiceRefs(o: NamespacedObject): CalledServiceRef[] {
  if (!namesCalledService(o.object)) return [];
  const kind = o.object.kind;
  const group = apiGroup(typeof o.object.apiVersion === 'string' ? o.object.apiVersion : '');
  const fromName = nonEmptyString(asRecord(o.object?.metadata)?.name) ?? '';
  if ((kind === 'ValidatingWebhookConfiguration' || kind === 'MutatingWebhookConfiguration') && group === 'admissionregistration.k8s.io') {
    const ignoreByDefault = o.object.apiVersion === 'admissionregistration.k8s.io/v1beta1';
    const out: CalledServiceRef[] = [];
    asArray(o.object.webhooks).forEach((w, i) => {
      const webhook = asRecord(w);
      const policy = webhook?.failurePolicy;
      const failOpen = policy === 'Ignore' || (policy === undefined && ignoreByDefault);
      const ref = refOf(o, kind, fromName, `webhooks[${i}].clientConfig.service`, asRecord(webhook?.clientConfig)?.service, 'admission', failOpen);
      if (ref) out.push(ref);
    });
    return out;
  }
  if (kind === 'CustomResourceDefinition' && group === 'apiextensions.k8s.io') {
    const spec = asRecord(o.object.spec);
    const conversion = asRecord(spec?.conversion);
    if (conversion?.strategy !== 'Webhook') return [];
    const failOpen = !convertsOnRead(spec, asRecord(o.object.status));
    const v1 = asRecord(asRecord(conversion.webhook)?.clientConfig)?.service;
    const [where, service] = v1 !== undefined
      ? ['spec.conversion.webhook.clientConfig.service', v1]
      : ['spec.conversion.webhookClientConfig.service', asRecord(conversion.webhookClientConfig)?.service];
    const ref = refOf(o, kind, fromName, where, service, 'conversion', failOpen);
    return ref ? [ref] : [];
  }
  if (kind === 'APIService' && group === 'apiregistration.k8s.io') {
    const live = liveFailure(asRecord(o.object.status));
    // Available True: the API server found the Service and called it; another reason: it found the Service and its port
    if (live === 'none') return [];
    const ref = refOf(o, kind, fromName, 'spec.service', asRecord(o.object.spec)?.service, 'aggregation', false);
    if (!ref) return [];
    return live === undefined ? [ref] : [{ ...ref, live }];
  }
  return [];
}

/**
 * Whether the API server asks a CRD's conversion webhook for anything: a request names a served version, and an object
 * is converted when the version it is stored in differs from the one asked for (apiextensions-apiserver
 * pkg/apiserver/conversion: no call when they are the same). So every request for a served version other than the
 * storage one is converted (a second served version, or one served while the storage version is not); when only the
 * storage version is served the webhook is called only for objects stored in another version, which
 * `status.storedVersions` lists; without a status (a manifest, not a live object) nothing says there are any. A
 * v1beta1 CRD without `versions` serves and stores its one `spec.version`.
 */
function convertsOnRead(spec: { readonly [key: string]: unknown } | undefined, status: { readonly [key: string]: unknown } | undefined): boolean {
  const versions = asArray(spec?.versions).map(asRecord);
  const storage = versions.length > 0 ? nonEmptyString(versions.find((v) => v?.storage === true)?.name) : nonEmptyString(spec?.version);
  if (versions.some((v) => v?.served === true && nonEmptyString(v?.name) !== storage)) return true;
  return asArray(status?.storedVersions).some((v) => typeof v === 'string' && v !== '' && v !== storage);
}

/**
 * What a live APIService's Available condition (a dump of a live cluster) says of its Service: `none` when it is True
 * (the API server calls the Service) or False or Unknown for a reason found after the Service and its port
 * (MissingEndpoints, FailedDiscoveryCheck, EndpointsNotFound...), `service` for ServiceNotFound, `port` for
 * ServicePortError (kube-aggregator pkg/controllers/status available_controller.go sets them in that order);
 * undefined without such a condition or reason (a manifest), when every failure is judged.
 */
function liveFailure(status: { readonly [key: string]: unknown } | undefined): LiveFailure | 'none' | undefined {
  const available = asArray(status?.conditions).map(asRecord).find((c) => c?.type === 'Available');
  if (available === undefined) return undefined;
  if (available.status === 'True') return 'none';
  const reason = nonEmptyString(available.reason);
  if (reason === undefined) return undefined;
  return reason === 'ServiceNotFound' ? 'service' : reason === 'ServicePortError' ? 'port' : 'none';
}

/** The reference a `service` mapping makes (undefined without one, or without its required name and namespace). */
function refOf(o: NamespacedObject, fromKind: string, fromName: string, where: string, value: unknown, caller: ServiceCaller,
  failOpen: boolean): CalledServiceRef | undefined {
  const service = asRecord(value);
  const name = nonEmptyString(service?.name);
  const namespace = nonEmptyString(service?.namespace);
  if (name === undefined || namespace === undefined) return undefined;
  const written = service?.port;
  // a port out of 1-65535 is the API server's to reject
  const port = written === undefined || written === null ? DEFAULT_CALLED_PORT
    : Number.isInteger(written) && (written as number) >= 1 && (written as number) <= 65535 ? written as number : undefined;
  return { from: o, fromKind, fromName, where, namespace, service: name, caller, port, failOpen };
}
