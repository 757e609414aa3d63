/**
 * The Service backends of the traffic entry points: Ingress backends (networking.k8s.io/v1, and the removed
 * extensions/v1beta1 and networking.k8s.io/v1beta1 shapes) and Gateway API route backendRefs (HTTPRoute, GRPCRoute,
 * TLSRoute, TCPRoute, UDPRoute), read into one shape; and whether a ReferenceGrant allows a cross-namespace backendRef.
 * Pure readers: what a run shares is kept by the CheckContext (`entryBackends`).
 */
import { asArray, GATEWAY_GROUP, asNumber, asRecord, nonEmptyString } from '../../model/manifest';
import type { NamespacedObject } from '../../model/pods';
import { removedApi } from '../../model/removed-apis';
import { nameOf } from '../helpers';

/** The Gateway API route kinds whose backendRefs are read. */
export const ROUTE_KINDS = ['HTTPRoute', 'GRPCRoute', 'TLSRoute', 'TCPRoute', 'UDPRoute'] as const;

/** One reference from an entry point to a Service. */
export interface BackendRef {
  /** The Ingress or route. */
  readonly from: NamespacedObject;
  /** Its kind: `Ingress`, `HTTPRoute`, ... */
  readonly fromKind: string;
  /** Its name. */
  readonly fromName: string;
  /** Where in the object: `spec.rules[0].http.paths[1].backend`, `spec.rules[0].backendRefs[0]`. */
  readonly where: string;
  /** The Service's namespace: the entry point's own, or a route backendRef's `namespace`. */
  readonly namespace: string;
  /** The Service's name. */
  readonly service: string;
  /** The Service port: its number, or (Ingress only) its name; undefined when the reference sets none. */
  readonly port?: number | string;
}

/**
 * The Service backends of an Ingress: `spec.defaultBackend` and `spec.rules[].http.paths[].backend` (`service.name`,
 * `service.port.number` or `.name`); in the removed versions `spec.backend` and `serviceName`/`servicePort`, as the
 * API server converted them. `resource` backends are not Services, and the AWS Load Balancer Controller's
 * `servicePort: use-annotation` names an action annotation, not a Service: both are left out.
 */
export function ingressBackends(o: NamespacedObject): BackendRef[] {
  const old = removedApi(o.object) !== undefined;
  const spec = asRecord(o.object?.spec);
  const out: BackendRef[] = [];
  const add = (backend: unknown, where: string) => {
    const b = asRecord(backend);
    const ref = old ? { service: nonEmptyString(b?.serviceName), port: oldPort(b?.servicePort) } : newBackend(b);
    if (!ref.service || ref.port === 'use-annotation') return;
    out.push({ from: o, fromKind: 'Ingress', fromName: nameOf(o) ?? '', where, namespace: o.namespace, service: ref.service, port: ref.port });
  };
  const defaultKey = old ? 'backend' : 'defaultBackend';
  add(spec?.[defaultKey], `spec.${defaultKey}`);
  asArray(spec?.rules).forEach((r, i) => {
    asArray(asRecord(asRecord(r)?.http)?.paths).forEach((p, j) => add(asRecord(p)?.backend, `spec.rules[${i}].http.paths[${j}].backend`));
  });
  return out;
}

/** `service.name` and `service.port.number` or `.name` of a networking.k8s.io/v1 backend. */
function newBackend(b: { [key: string]: any } | undefined): { service?: string; port?: number | string } {
  const service = asRecord(b?.service);
  const port = asRecord(service?.port);
  return { service: nonEmptyString(service?.name), port: typeof port?.number === 'number' ? port.number : nonEmptyString(port?.name) };
}

/** An old `servicePort` (IntOrString): a number, or a port name (a quoted number is read as the number). */
function oldPort(v: unknown): number | string | undefined {
  return asNumber(v) ?? nonEmptyString(v);
}

/**
 * The Service backendRefs of a route: `spec.rules[].backendRefs[]`, and the `requestMirror.backendRef` of the filters
 * of a rule and of a backendRef. A backendRef is a Service when its group is "" and its kind `Service` (the defaults);
 * other kinds (ServiceImport, an implementation's own) are left out.
 */
export function routeBackends(o: NamespacedObject, kind: string): BackendRef[] {
  const out: BackendRef[] = [];
  const add = (ref: unknown, where: string) => {
    const r = asRecord(ref);
    if (!r || (nonEmptyString(r.group) ?? '') !== '' || (nonEmptyString(r.kind) ?? 'Service') !== 'Service') return;
    const service = nonEmptyString(r.name);
    if (!service) return;
    const port = typeof r.port === 'number' ? r.port : undefined;
    out.push({ from: o, fromKind: kind, fromName: nameOf(o) ?? '', where, namespace: nonEmptyString(r.namespace) ?? o.namespace, service, port });
  };
  const mirrors = (filters: unknown, where: string) => asArray(filters).forEach((f, k) =>
    add(asRecord(asRecord(f)?.requestMirror)?.backendRef, `${where}.filters[${k}].requestMirror.backendRef`));
  asArray(asRecord(o.object?.spec)?.rules).forEach((rule, i) => {
    const r = asRecord(rule);
    asArray(r?.backendRefs).forEach((b, j) => {
      add(b, `spec.rules[${i}].backendRefs[${j}]`);
      mirrors(asRecord(b)?.filters, `spec.rules[${i}].backendRefs[${j}]`);
    });
    mirrors(r?.filters, `spec.rules[${i}]`);
  });
  return out;
}

/**
 * Whether a ReferenceGrant of the list (those of the backend's namespace) allows the route's reference: one `from`
 * entry of group gateway.networking.k8s.io, the route's kind and namespace, and one `to` entry of group "" and kind
 * Service, without a name or with the Service's (Gateway API ReferenceGrant spec).
 */
export function grantAllows(grants: readonly NamespacedObject[], ref: BackendRef): boolean {
  return grants.some((g) => {
    const spec = asRecord(g.object?.spec);
    const from = asArray(spec?.from).some((f) => {
      const r = asRecord(f);
      return nonEmptyString(r?.group) === GATEWAY_GROUP && nonEmptyString(r?.kind) === ref.fromKind
        && nonEmptyString(r?.namespace) === ref.from.namespace;
    });
    const to = asArray(spec?.to).some((t) => (nonEmptyString(asRecord(t)?.group) ?? '') === '' && nonEmptyString(asRecord(t)?.kind) === 'Service'
      && (nonEmptyString(asRecord(t)?.name) === undefined || nonEmptyString(asRecord(t)?.name) === ref.service));
    return from && to;
  });
}

/** `spec.rules[0].backendRefs[0]`, or `spec.rules[0].backendRefs[0] (and 2 more places)`. */
export function placesText(refs: readonly BackendRef[]): string {
  return refs.length > 1 ? `${refs[0].where} (and ${refs.length - 1} more place${refs.length > 2 ? 's' : ''})` : refs[0].where;
}

/** The references grouped by entry point and `key` (in first-seen order), for one finding per group. */
export function groupRefs(refs: readonly BackendRef[], key: (r: BackendRef) => string): BackendRef[][] {
  const groups = new Map<string, BackendRef[]>();
  const ids = new Map<NamespacedObject, number>();
  for (const r of refs) {
    if (!ids.has(r.from)) ids.set(r.from, ids.size);
    const k = `${ids.get(r.from)}\u0000${key(r)}`;
    const list = groups.get(k);
    if (list) list.push(r);
    else groups.set(k, [r]);
  }
  return [...groups.values()];
}

/** `port 8080` or `port "http"` for messages. */
export function portText(port: number | string): string {
  return typeof port === 'number' ? `port ${port}` : `port "${port}"`;
}

/** `Ingress "web" spec.defaultBackend` or `HTTPRoute "web" spec.rules[0].backendRefs[0] (and 1 more place)`. */
export function refText(refs: readonly BackendRef[]): string {
  return `${refs[0].fromKind} "${refs[0].fromName}" ${placesText(refs)}`;
}
