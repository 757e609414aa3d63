/**
 * The Service backends of ingress controllers' own route kinds, read into the entry points' one shape (`BackendRef`,
 * model/entry-points.ts): Traefik's IngressRoute, IngressRouteTCP and IngressRouteUDP (traefik.io, and the older
 * traefik.containo.us) and the Services of its TraefikService (weighted and mirroring), Contour's HTTPProxy
 * (projectcontour.io), NGINX Inc's VirtualServer and VirtualServerRoute (k8s.nginx.org) and Emissary-ingress's
 * (Ambassador's) Mapping (getambassador.io). Only what names a Service of the cluster plainly is read: a reference to
 * a `TraefikService` (read as a kind of its own), a Contour `include` (another HTTPProxy), an Emissary URL to an
 * outside host are not Services. Pure.
 */
import type { BackendRef } from './entry-points';
import { asArray, asBoolean, asNumber, asRecord, nonEmptyString } from './manifest';
import type { NamespacedObject } from './pods';
import { isDns1035Label } from '../k8s-syntax/names';

/** Traefik's route kinds (traefik.io, traefik.containo.us). */
export const TRAEFIK_ROUTE_KINDS = ['IngressRoute', 'IngressRouteTCP', 'IngressRouteUDP'] as const;

/** Traefik's weighted and mirroring service (traefik.io, traefik.containo.us): its Services are read like a route's. */
export const TRAEFIK_SERVICE = 'TraefikService';

/** The Traefik kinds whose Services Traefik reads alike (`getServicePort`: a port number or name, required). */
export const TRAEFIK_KINDS: readonly string[] = [...TRAEFIK_ROUTE_KINDS, TRAEFIK_SERVICE];

/** The ingress controllers' route kinds whose Service backends are read, in the order they are listed. */
export const CONTROLLER_ROUTE_KINDS: readonly string[] = [...TRAEFIK_KINDS, 'HTTPProxy', 'VirtualServer', 'VirtualServerRoute', 'Mapping'];

/** Whether an entry point kind is one of CONTROLLER_ROUTE_KINDS. */
export function isControllerRoute(kind: string): boolean {
  return CONTROLLER_ROUTE_KINDS.includes(kind);
}

/** What the input says of a controller's configuration that changes how its routes name Services. */
export interface ControllerRouteSettings {
  /**
   * Emissary's `ambassador` Module sets `use_ambassador_namespace_for_service_resolution`: a Mapping's bare service
   * name is a Service of Emissary's own namespace, not the Mapping's (`emissaryResolvesInOwnNamespace`).
   */
  readonly emissaryOwnNamespace?: boolean;
}

/** The Service backends of one object of a CONTROLLER_ROUTE_KINDS kind. */
export function controllerRouteBackends(o: NamespacedObject, kind: string, settings: ControllerRouteSettings = {}): BackendRef[] {
  if ((TRAEFIK_ROUTE_KINDS as readonly string[]).includes(kind)) return traefikBackends(o, kind);
  if (kind === TRAEFIK_SERVICE) return traefikServiceBackends(o);
  if (kind === 'HTTPProxy') return contourBackends(o);
  if (kind === 'VirtualServer' || kind === 'VirtualServerRoute') return nginxBackends(o, kind);
  if (kind === 'Mapping') return mappingBackends(o, settings.emissaryOwnNamespace === true);
  return [];
}

/**
 * Whether the objects hold Emissary's Module `ambassador` (getambassador.io) with
 * `spec.config.use_ambassador_namespace_for_service_resolution: true`: Emissary then takes a service name without a
 * namespace for a Service of its own namespace, whatever the Mapping's (Emissary docs, Module "Use Emissary namespace
 * for service resolution"; emissary qualify_service_name). Which namespace that is, the input does not say for sure.
 */
export function emissaryResolvesInOwnNamespace(objects: readonly NamespacedObject[]): boolean {
  return objects.some(({ object }) => object?.kind === 'Module' && typeof object.apiVersion === 'string'
    && object.apiVersion.startsWith('getambassador.io/') && asRecord(object.metadata)?.name === 'ambassador'
    && asBoolean(asRecord(asRecord(object.spec)?.config)?.use_ambassador_namespace_for_service_resolution) === true);
}

type Backend = Pick<BackendRef, 'where' | 'namespace' | 'service' | 'port'> & Partial<Pick<BackendRef, 'namespaceFromHost'>>;

function refsOf(o: NamespacedObject, kind: string, backends: readonly Backend[]): BackendRef[] {
  const fromName = nonEmptyString(asRecord(o.object?.metadata)?.name) ?? '';
  return backends.map((b) => ({ from: o, fromKind: kind, fromName, role: 'rule', hostnames: [], ...b }));
}

/**
 * Traefik: `spec.routes[].services[]` of kind `Service` (the default; a `TraefikService` is Traefik's own), named by
 * `name`, in `namespace` or the route's; `port` is the Service port's number or name (traefik
 * pkg/provider/kubernetes/crd getServicePort). A port written as a quoted number is left out (Traefik reads it as a
 * name); so are names with `@` (another provider's).
 */
function traefikBackends(o: NamespacedObject, kind: string): BackendRef[] {
  const out: Backend[] = [];
  asArray(asRecord(o.object?.spec)?.routes).forEach((r, i) => asArray(asRecord(r)?.services).forEach((s, j) => {
    const b = traefikService(o, s, `spec.routes[${i}].services[${j}]`);
    if (b) out.push(b);
  }));
  return refsOf(o, kind, out);
}

/**
 * Traefik's TraefikService: the entries of `spec.weighted.services[]`, and `spec.mirroring` (the main service) with its
 * `mirrors[]`, each read as a route's service (`nameAndService`: of kind `Service`, the default, in `namespace` or the
 * TraefikService's; one whose Service or port is missing fails the whole TraefikService). Entries of kind
 * `TraefikService` name another TraefikService, not a Service.
 */
function traefikServiceBackends(o: NamespacedObject): BackendRef[] {
  const spec = asRecord(o.object?.spec);
  const out: Backend[] = [];
  const add = (s: unknown, where: string) => {
    const b = traefikService(o, s, where);
    if (b) out.push(b);
  };
  asArray(asRecord(spec?.weighted)?.services).forEach((s, i) => add(s, `spec.weighted.services[${i}]`));
  const mirroring = asRecord(spec?.mirroring);
  if (mirroring) {
    add(mirroring, 'spec.mirroring');
    asArray(mirroring.mirrors).forEach((s, i) => add(s, `spec.mirroring.mirrors[${i}]`));
  }
  return refsOf(o, TRAEFIK_SERVICE, out);
}

/** One Traefik service entry (a LoadBalancerSpec) that names a Service, or undefined (see `traefikBackends`). */
function traefikService(o: NamespacedObject, s: unknown, where: string): Backend | undefined {
  const svc = asRecord(s);
  const service = nonEmptyString(svc?.name);
  if (!service || service.includes('@') || (nonEmptyString(svc?.kind) ?? 'Service') !== 'Service') return undefined;
  const raw = svc?.port;
  if (typeof raw === 'string' && asNumber(raw) !== undefined) return undefined;
  const port = typeof raw === 'number' ? raw : nonEmptyString(raw);
  return { where, namespace: nonEmptyString(svc?.namespace) ?? o.namespace, service, port };
}

/**
 * Contour: `spec.routes[].services[]` and `spec.tcpproxy.services[]`, `name` and `port` (a Service port number),
 * always of the HTTPProxy's namespace (Contour looks them up as `{Name: service.Name, Namespace: proxy.Namespace}`).
 */
function contourBackends(o: NamespacedObject): BackendRef[] {
  const spec = asRecord(o.object?.spec);
  const out: Backend[] = [];
  const add = (s: unknown, where: string) => {
    const service = nonEmptyString(asRecord(s)?.name);
    if (service) out.push({ where, namespace: o.namespace, service, port: asIntPort(asRecord(s)?.port) });
  };
  asArray(spec?.routes).forEach((r, i) => asArray(asRecord(r)?.services).forEach((s, j) => add(s, `spec.routes[${i}].services[${j}]`)));
  asArray(asRecord(spec?.tcpproxy)?.services).forEach((s, j) => add(s, `spec.tcpproxy.services[${j}]`));
  return refsOf(o, 'HTTPProxy', out);
}

/**
 * NGINX Inc's VirtualServer and VirtualServerRoute: `spec.upstreams[].service` (a Service of the resource's namespace,
 * or `namespace/name` in the releases that read that form) and `port` (a Service port number).
 */
function nginxBackends(o: NamespacedObject, kind: string): BackendRef[] {
  const out: Backend[] = [];
  asArray(asRecord(o.object?.spec)?.upstreams).forEach((u, i) => {
    const ref = nonEmptyString(asRecord(u)?.service);
    if (!ref) return;
    const slash = ref.indexOf('/');
    const namespace = slash > 0 ? ref.slice(0, slash) : o.namespace;
    const service = slash > 0 ? ref.slice(slash + 1) : ref;
    if (service && !service.includes('/')) out.push({ where: `spec.upstreams[${i}]`, namespace, service, port: asIntPort(asRecord(u)?.port) });
  });
  return refsOf(o, kind, out);
}

/** A URL scheme, as an Emissary Mapping's `service` may start with one (`http://`, `https://`). */
const SCHEME_RE = /^[a-z][a-z0-9+.-]*:\/\//i;

/**
 * Emissary-ingress: `spec.service`, `[scheme://]host[:port]`, when the host plainly names a Service: a bare name (a
 * Service of the Mapping's namespace, as Emissary qualifies a name without a dot), `name.namespace` (which may as
 * well be an outside host: `namespaceFromHost`), `name.namespace.svc` or `name.namespace.svc.cluster.local`. Left
 * out: Mappings with a `resolver` (Consul and other resolvers name no Service) or `host_redirect`, IP addresses,
 * `localhost`, paths, other names; a bare name when `ownNamespace` (Emissary's Module resolves it in Emissary's own
 * namespace, which the input does not say for sure: `emissaryResolvesInOwnNamespace`). The port is the Service port
 * when written; Emissary's default (80, 443 for https) is not read.
 */
function mappingBackends(o: NamespacedObject, ownNamespace: boolean): BackendRef[] {
  const spec = asRecord(o.object?.spec);
  const raw = nonEmptyString(spec?.service);
  if (!raw || spec?.resolver !== undefined || asBoolean(spec?.host_redirect) === true) return [];
  const rest = raw.replace(SCHEME_RE, '');
  const m = /^([^:/@[\]]+)(?::(\d{1,5}))?$/.exec(rest);
  if (!m) return [];
  const labels = m[1].split('.');
  const name = labels[0];
  if (!isDns1035Label(name) || name === 'localhost') return [];
  const svcForm = labels.length >= 3 && labels[2] === 'svc' && (labels.length === 3 || labels.slice(3).join('.') === 'cluster.local');
  if (labels.length > 2 && !svcForm || labels.length === 1 && ownNamespace) return [];
  const port = m[2] !== undefined ? Number(m[2]) : undefined;
  const namespace = labels.length === 1 ? o.namespace : labels[1];
  const backend: Backend = { where: 'spec.service', namespace, service: name, port };
  return refsOf(o, 'Mapping', [labels.length === 2 ? { ...backend, namespaceFromHost: true } : backend]);
}

/** A Contour or NGINX port: an integer (a quoted number is read as the number), or undefined. */
function asIntPort(v: unknown): number | undefined {
  const n = asNumber(v);
  return n !== undefined && Number.isInteger(n) ? n : undefined;
}
