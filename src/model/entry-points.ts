/**
 * The traffic entry points and the Services their backends name: Ingress backends (networking.k8s.io/v1, and the
 * removed extensions/v1beta1 and networking.k8s.io/v1beta1 shapes), Gateway API route backendRefs (HTTPRoute,
 * GRPCRoute, TLSRoute, TCPRoute, UDPRoute, any version), OpenShift Route backends (`spec.to`,
 * `spec.alternateBackends`) and the ingress controllers' own route kinds (Traefik IngressRoute, Contour HTTPProxy,
 * NGINX VirtualServer, Emissary Mapping: model/controller-routes.ts), read into one shape; and whether a ReferenceGrant allows a cross-namespace backendRef. The
 * one reading of these objects: the checker's rules (its CheckContext keeps the run's list as `entryBackends`),
 * `cdk8s-dns graph` and `cdk8s-dns resolve` all use it. Pure.
 */
import { CONTROLLER_ROUTE_KINDS, controllerRouteBackends, ControllerRouteSettings, emissaryResolvesInOwnNamespace } from './controller-routes';
import { shortValue } from './display';
import { asArray, GATEWAY_GROUP, asNumber, asRecord, builtinKind, nonEmptyString } from './manifest';
import { isUnfilled } from './placeholders';
import type { NamespacedObject } from './pods';
import { removedApi } from './removed-apis';
import { isDns1123Label, isDns1123Subdomain } from '../k8s-syntax/names';

/** The Gateway API route kinds whose backendRefs are read. */
export const ROUTE_KINDS = ['HTTPRoute', 'GRPCRoute', 'TLSRoute', 'TCPRoute', 'UDPRoute'] as const;

/** OpenShift's Route (route.openshift.io): its backends name Services of its namespace, as an Ingress's do. */
export const OPENSHIFT_ROUTE = 'Route';

/**
 * The entry point kinds, in the order their backends are listed: Ingress, the Gateway API routes (ROUTE_KINDS), Route,
 * the ingress controllers' route kinds (CONTROLLER_ROUTE_KINDS).
 */
export const ENTRY_POINT_KINDS: readonly string[] = ['Ingress', ...ROUTE_KINDS, OPENSHIFT_ROUTE, ...CONTROLLER_ROUTE_KINDS];

/** Whether an entry point kind is a Gateway API route (ROUTE_KINDS), not an Ingress or an OpenShift Route. */
export function isGatewayRoute(kind: string): boolean {
  return (ROUTE_KINDS as readonly string[]).includes(kind);
}

/** What a backend is to its entry point. */
export type BackendRole = 'rule' | 'default' | 'mirror';

/** One reference from an object to a Service that a controller looks up (an entry point's backend, a Rollout's Service). */
export interface ServiceRef {
  /** The object that names the Service. */
  readonly from: NamespacedObject;
  /** Its kind: `Ingress`, `HTTPRoute`, `Route`, `Rollout`, ... */
  readonly fromKind: string;
  /** Its name. */
  readonly fromName: string;
  /** Where in the object: `spec.rules[0].http.paths[1].backend`, `spec.to`, `spec.strategy.canary.stableService`. */
  readonly where: string;
  /** The Service's namespace: the object's own, or a route backendRef's `namespace`. */
  readonly namespace: string;
  /** The Service's name. */
  readonly service: string;
}

/** One reference from an entry point to a Service. */
export interface BackendRef extends ServiceRef {
  /**
   * The Service port: its number, or its name (an Ingress's, a Traefik service's); undefined when the reference sets none. A Gateway API
   * route's port is a number, and text written there (a `${PORT}` placeholder that Flux post-build substitution
   * replaces, a quoted number that the API server rejects) is kept as written.
   */
  readonly port?: number | string;
  /**
   * OpenShift Route: `spec.port.targetPort`, which names no Service port but the endpoints' port, by name (a Service
   * port's name) or by number (the port the pods listen on); undefined when the Route sets none (every endpoint port).
   */
  readonly targetPort?: number | string;
  /**
   * `default`: an Ingress's default backend (traffic no rule matches); `mirror`: a route's `requestMirror` backendRef
   * (a copy of the traffic); `rule`: an Ingress path's backend, a route rule's backendRef, an OpenShift Route's `to` or
   * alternate backend.
   */
  readonly role: BackendRole;
  /** Ingress: the rule's `host`; OpenShift Route: its `spec.host`; when it sets one. */
  readonly host?: string;
  /** Ingress: the path's `path`; OpenShift Route: its `spec.path`; when it sets one. */
  readonly path?: string;
  /** Route: its `spec.hostnames` (empty when it sets none, and for TCPRoute and UDPRoute, which have none). */
  readonly hostnames: readonly string[];
  /**
   * Emissary Mapping: true when the namespace comes from a `name.namespace` host, which may as well be a host outside
   * the cluster (judged only where the input holds that namespace).
   */
  readonly namespaceFromHost?: boolean;
}

/**
 * The Service backends of every entry point: the Ingresses', then the routes' kind by kind (ROUTE_KINDS order), then the
 * OpenShift Routes', then the controllers' route kinds (CONTROLLER_ROUTE_KINDS order), each kind in the order `objectsOfKind` gives (input order). `objectsOfKind` returns the objects whose `builtinKind` is the
 * kind: a Knative `networking.internal.knative.dev` Ingress is no Ingress. `settings`: what the input says of the
 * controllers' configuration (Emissary's Module, `emissaryResolvesInOwnNamespace`).
 */
export function readEntryBackends(
  objectsOfKind: (kind: string) => readonly NamespacedObject[], settings: ControllerRouteSettings = {},
): BackendRef[] {
  return [
    ...objectsOfKind('Ingress').flatMap(ingressBackends),
    ...ROUTE_KINDS.flatMap((kind) => objectsOfKind(kind).flatMap((o) => routeBackends(o, kind))),
    ...objectsOfKind(OPENSHIFT_ROUTE).flatMap(openshiftRouteBackends),
    ...CONTROLLER_ROUTE_KINDS.flatMap((kind) => objectsOfKind(kind).flatMap((o) => controllerRouteBackends(o, kind, settings))),
  ];
}

/** `readEntryBackends` over a list of objects (a model's `objects`), reading each object's `builtinKind` once. */
export function entryBackendsOf(objects: readonly NamespacedObject[]): BackendRef[] {
  const byKind = new Map<string, NamespacedObject[]>();
  for (const o of objects) {
    const kind = builtinKind(o.object);
    if (kind === undefined || !ENTRY_POINT_KINDS.includes(kind)) continue;
    const list = byKind.get(kind);
    if (list) list.push(o);
    else byKind.set(kind, [o]);
  }
  return readEntryBackends((kind) => byKind.get(kind) ?? [], { emissaryOwnNamespace: emissaryResolvesInOwnNamespace(objects) });
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
  if (spec === undefined) return [];
  const out: BackendRef[] = [];
  const fromName = nameOf(o);
  const defaultAt = old ? 'spec.backend' : 'spec.defaultBackend';
  mapIngressBackends(spec, (backend, { where, role, host, path }) => {
    if (role === 'default' && where !== defaultAt) return backend; // the other version's field
    const b = asRecord(backend);
    const ref = old ? { service: nonEmptyString(b?.serviceName), port: oldPort(b?.servicePort) } : newBackend(b);
    if (ref.service && ref.port !== 'use-annotation') {
      out.push({ from: o, fromKind: 'Ingress', fromName, where, namespace: o.namespace, service: ref.service, port: ref.port, role, host, path, hostnames: [] });
    }
    return backend;
  });
  return out;
}

/** Where a backend is in an Ingress (`mapIngressBackends`). */
export interface IngressBackendAt {
  /** `spec.defaultBackend`, `spec.backend` (the removed versions'), `spec.rules[0].http.paths[1].backend`. */
  readonly where: string;
  /** `default` for `spec.defaultBackend` and `spec.backend`, `rule` for a path's backend. */
  readonly role: 'default' | 'rule';
  /** A path's backend: the rule's `host`, when it sets one. */
  readonly host?: string;
  /** A path's backend: the path's `path`, when it sets one. */
  readonly path?: string;
}

/**
 * The one walk of an Ingress's backends (`ingressBackends` reads them, kustomize-names.ts renames their Services): each
 * backend that is set, `spec.defaultBackend`, `spec.backend`, then `spec.rules[].http.paths[].backend` in order, is
 * given to `f` with where it is, and replaced by what `f` returns. Returns `spec` itself when `f` returns every backend
 * as given; else a copy, with copies of the rules and paths that changed.
 */
export function mapIngressBackends(spec: Readonly<Record<string, unknown>>,
  f: (backend: unknown, at: IngressBackendAt) => unknown): Record<string, unknown> {
  let out = spec as Record<string, unknown>;
  const set = (key: string, value: unknown) => {
    if (value === spec[key]) return;
    if (out === spec) out = { ...spec };
    out[key] = value;
  };
  for (const key of ['defaultBackend', 'backend']) {
    if (spec[key] !== undefined) set(key, f(spec[key], { where: `spec.${key}`, role: 'default' }));
  }
  if (!Array.isArray(spec.rules)) return out;
  const rules: unknown[] = spec.rules;
  let rulesOut: unknown[] | undefined;
  rules.forEach((rule, i) => {
    const r = asRecord(rule);
    const http = asRecord(r?.http);
    if (r === undefined || http === undefined || !Array.isArray(http.paths)) return;
    const paths: unknown[] = http.paths;
    const host = nonEmptyString(r.host);
    let pathsOut: unknown[] | undefined;
    paths.forEach((p, j) => {
      const at = asRecord(p);
      if (at === undefined || at.backend === undefined) return;
      const backend = f(at.backend, { where: `spec.rules[${i}].http.paths[${j}].backend`, role: 'rule', host, path: nonEmptyString(at.path) });
      if (backend === at.backend) return;
      pathsOut ??= [...paths];
      pathsOut[j] = { ...at, backend };
    });
    if (pathsOut === undefined) return;
    rulesOut ??= [...rules];
    rulesOut[i] = { ...r, http: { ...http, paths: pathsOut } };
  });
  if (rulesOut !== undefined) set('rules', rulesOut);
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
  const fromName = nameOf(o);
  const spec = asRecord(o.object?.spec);
  const hostnames = asArray(spec?.hostnames).map(nonEmptyString).filter((h): h is string => h !== undefined);
  const add = (ref: unknown, where: string, role: BackendRole) => {
    const r = asRecord(ref);
    if (!r || (nonEmptyString(r.group) ?? '') !== '' || (nonEmptyString(r.kind) ?? 'Service') !== 'Service') return;
    const service = nonEmptyString(r.name);
    if (!service) return;
    const port = typeof r.port === 'number' ? r.port : nonEmptyString(r.port);
    out.push({ from: o, fromKind: kind, fromName, where, namespace: nonEmptyString(r.namespace) ?? o.namespace, service, port, role, hostnames });
  };
  const mirrors = (filters: unknown, where: string) => asArray(filters).forEach((f, k) =>
    add(asRecord(asRecord(f)?.requestMirror)?.backendRef, `${where}.filters[${k}].requestMirror.backendRef`, 'mirror'));
  asArray(spec?.rules).forEach((rule, i) => {
    const r = asRecord(rule);
    asArray(r?.backendRefs).forEach((b, j) => {
      add(b, `spec.rules[${i}].backendRefs[${j}]`, 'rule');
      mirrors(asRecord(b)?.filters, `spec.rules[${i}].backendRefs[${j}]`);
    });
    mirrors(r?.filters, `spec.rules[${i}]`);
  });
  return out;
}

/**
 * The Service backends of an OpenShift Route: `spec.to` and `spec.alternateBackends[]`, each of kind Service (the
 * default, and the only kind the API server accepts), in the Route's namespace; `spec.port.targetPort` (a quoted number
 * is read as the number, as the router compares it as text with the endpoints' port numbers).
 */
export function openshiftRouteBackends(o: NamespacedObject): BackendRef[] {
  const spec = asRecord(o.object?.spec);
  const fromName = nameOf(o);
  const rawPort = asRecord(spec?.port)?.targetPort;
  const targetPort = asNumber(rawPort) ?? nonEmptyString(rawPort);
  const host = nonEmptyString(spec?.host);
  const path = nonEmptyString(spec?.path);
  const out: BackendRef[] = [];
  const add = (backend: unknown, where: string) => {
    const b = asRecord(backend);
    const service = nonEmptyString(b?.name);
    if (!service || (nonEmptyString(b?.kind) ?? 'Service') !== 'Service') return;
    out.push({ from: o, fromKind: OPENSHIFT_ROUTE, fromName, where, namespace: o.namespace, service, targetPort, role: 'rule', host, path, hostnames: [] });
  };
  add(spec?.to, 'spec.to');
  asArray(spec?.alternateBackends).forEach((b, i) => add(b, `spec.alternateBackends[${i}]`));
  return out;
}

/**
 * The API server rejects a ReferenceGrant with more than this many `from` or `to` entries (the CRD's
 * `+kubebuilder:validation:MaxItems=16` on both lists, every version of the Gateway API).
 */
export const MAX_GRANT_ENTRIES = 16;

/**
 * The ReferenceGrants of a run, indexed for `allows`: `target namespace NUL route kind NUL route namespace` -> the
 * Services the grants with that `from` entry allow (any, or by name). A grant allows a reference when one `from` entry
 * of group gateway.networking.k8s.io has the route's kind and namespace and one `to` entry of group "" and kind
 * Service has no name or the Service's (Gateway API ReferenceGrant spec); so the Services allowed to one `from` are
 * the union of the `to` entries of the grants that list it.
 *
 * A grant the API server rejects allows nothing (`rejectionOf` says why): more than MAX_GRANT_ENTRIES `from` or `to`
 * entries, a `from` entry without its required group, kind or namespace, a `to` entry without its required group or
 * kind, or an empty `to` name (the CRD's `required`, `maxItems: 16` and `minLength: 1`, every served version). What
 * such a grant would have allowed is indexed apart (`refusedFor`), so that a finding names it only where it matters.
 * A grant with a `${VAR}` placeholder or `{{ }}` template where a namespace, kind, group or Service name belongs is
 * judged by what it may allow once Flux post-build substitution (or the template) fills it in: such a field matches
 * anything, and is no reason to reject the grant. Building the index takes at most 16 x 16 steps per grant, and each
 * question at most eight lookups, whatever the number of grants and references.
 */
export class ReferenceGrants {
  private readonly allowed = new Map<string, Allowed>();
  /** The same index for the grants the API server rejects, with the grants. */
  private readonly refused = new Map<string, Allowed>();
  private readonly reasons = new Map<NamespacedObject, string>();

  /**
   * The grants with a `${VAR}` placeholder or `{{ }}` template in a field that decides what they allow, which Flux
   * post-build substitution (or a template) fills in before they are applied: indexed as `allowed`, with `*` for such a
   * namespace or kind, so that what they may allow is not reported as refused.
   */
  private readonly unfilled = new Map<string, Allowed>();

  /** `grants`: every ReferenceGrant of the input. */
  public constructor(grants: readonly NamespacedObject[]) {
    for (const g of grants) {
      const spec = asRecord(g.object?.spec);
      const from = asArray(spec?.from);
      const to = asArray(spec?.to);
      const reason = grantRejection(from, to);
      if (reason !== undefined) this.reasons.set(g, reason);
      if (from.length > MAX_GRANT_ENTRIES || to.length > MAX_GRANT_ENTRIES) {
        // too many to index: the finding names it when it is of the Service's namespace (`refusedFor`)
        this.add(this.refused, `${g.namespace}\u0000*`, true, [], g);
        continue;
      }
      let vague = isUnfilled(g.namespace); // a field of the grant or of its `to` entries yet to be filled in
      let any = false;
      const names: string[] = [];
      for (const t of to) {
        const r = asRecord(t);
        const [group, kind, name] = [r?.group, r?.kind, r?.name];
        vague ||= isUnfilled(group) || isUnfilled(kind) || isUnfilled(name);
        if (!isUnfilled(group) && (nonEmptyString(group) ?? '') !== '' || !isUnfilled(kind) && nonEmptyString(kind) !== 'Service') continue;
        if (nonEmptyString(name) === undefined || isUnfilled(name)) any = true;
        else names.push(name);
      }
      if (!any && names.length === 0) continue;
      for (const f of from) {
        const r = asRecord(f);
        const [group, kind, namespace] = [r?.group, nonEmptyString(r?.kind), nonEmptyString(r?.namespace)];
        if (!isUnfilled(group) && nonEmptyString(group) !== GATEWAY_GROUP || kind === undefined || namespace === undefined) continue;
        const key = [g.namespace, kind, namespace].map((v) => (isUnfilled(v) ? '*' : v)).join('\u0000');
        if (reason !== undefined) this.add(this.refused, key, any, names, g);
        else this.add(vague || isUnfilled(group) || isUnfilled(kind) || isUnfilled(namespace) ? this.unfilled : this.allowed, key, any, names);
      }
    }
  }

  private add(index: Map<string, Allowed>, key: string, any: boolean, names: readonly string[], grant?: NamespacedObject): void {
    let entry = index.get(key);
    if (!entry) index.set(key, (entry = { any: false, names: new Set<string>(), grants: [] }));
    entry.any ||= any;
    for (const n of names) entry.names.add(n);
    if (grant && entry.grants[entry.grants.length - 1] !== grant) entry.grants.push(grant); // (a grant adds its entries in a row)
  }

  /**
   * Whether a ReferenceGrant of the backend's namespace allows the route's reference, or may once its placeholders or
   * the route's namespace placeholder are filled in (at most eight lookups: each of the three fields as written or `*`).
   */
  public allows(ref: BackendRef): boolean {
    if (isUnfilled(ref.from.namespace)) return true; // `namespace: ${APP_NS}`: maybe the Service's own, maybe granted
    if (matches(this.allowed.get(`${ref.namespace}\u0000${ref.fromKind}\u0000${ref.from.namespace}`), ref)) return true;
    if (this.unfilled.size === 0) return false;
    for (const target of [ref.namespace, '*']) {
      for (const kind of [ref.fromKind, '*']) {
        for (const namespace of [ref.from.namespace, '*']) {
          if (matches(this.unfilled.get(`${target}\u0000${kind}\u0000${namespace}`), ref)) return true;
        }
      }
    }
    return false;
  }

  /** Whether a route's reference into another namespace lacks the ReferenceGrant it needs. */
  public denies(ref: BackendRef): boolean {
    if (!isGatewayRoute(ref.fromKind) || ref.namespace === ref.from.namespace) return false;
    return !this.allows(ref);
  }

  /**
   * The first grant of the backend's namespace that the API server rejects and that would have allowed the reference
   * (one with too many entries to read counts whatever it lists), or undefined.
   */
  public refusedFor(ref: BackendRef): NamespacedObject | undefined {
    const listed = this.refused.get(`${ref.namespace}\u0000${ref.fromKind}\u0000${ref.from.namespace}`);
    if (listed && matches(listed, ref)) return listed.grants[0];
    return this.refused.get(`${ref.namespace}\u0000*`)?.grants[0];
  }

  /** Why the API server rejects a grant (for `refusedFor`'s grants), or undefined. */
  public rejectionOf(grant: NamespacedObject): string | undefined {
    return this.reasons.get(grant);
  }
}

interface Allowed {
  any: boolean;
  readonly names: Set<string>;
  /** The grants behind the entry (kept for the refused ones, which findings name). */
  readonly grants: NamespacedObject[];
}

function matches(entry: Allowed | undefined, ref: BackendRef): boolean {
  return entry !== undefined && (entry.any || entry.names.has(ref.service));
}

/** The Gateway API's `Kind` pattern (a kind is no DNS name: upper case allowed, at most 63 characters). */
const KIND_RE = /^[a-zA-Z]([-a-zA-Z0-9]*[a-zA-Z0-9])?$/;

/** The CRD's patterns of the fields of `from` and `to` entries (Gateway API `Group`, `Kind`, `Namespace`). */
const GRANT_FIELD: { readonly [field: string]: { readonly ok: (v: string) => boolean; readonly what: string } } = {
  group: { ok: (v) => v === '' || isDns1123Subdomain(v), what: 'a lower-case DNS subdomain, or "" for core' },
  kind: { ok: (v) => v.length <= 63 && KIND_RE.test(v), what: 'a kind such as Service' },
  namespace: { ok: isDns1123Label, what: 'a DNS label' },
};

/**
 * Why the API server rejects a grant of these `from` and `to` lists (its CRD's schema: `maxItems: 16`; `required`
 * group, kind and namespace in `from`, group and kind in `to`; their patterns and lengths; `to.name` of at least one
 * character), or undefined.
 */
function grantRejection(from: readonly unknown[], to: readonly unknown[]): string | undefined {
  if (from.length > MAX_GRANT_ENTRIES || to.length > MAX_GRANT_ENTRIES) {
    return `it lists more than ${MAX_GRANT_ENTRIES} from or to entries (maxItems: 16): split it into grants of at most ${MAX_GRANT_ENTRIES} each`;
  }
  const invalid = (list: readonly unknown[], keys: readonly string[], field: string): string | undefined => {
    for (let i = 0; i < list.length; i++) {
      const r = asRecord(list[i]);
      for (const key of keys) {
        const v = r?.[key];
        const at = `spec.${field}[${i}].${key}`;
        if (v === undefined || v === null) return `${at} is required: add it (${key === 'group' ? 'group: "" for core Services' : `the ${key}`})`;
        if (isUnfilled(v)) continue; // a value yet to be filled in
        const rule = GRANT_FIELD[key];
        if (typeof v !== 'string' || !rule.ok(v)) return `${at} ${shortValue(v, 40)} is not ${rule.what}`;
      }
    }
    return undefined;
  };
  const emptyName = to.findIndex((t) => asRecord(t)?.name === '');
  return invalid(from, ['group', 'kind', 'namespace'], 'from') ?? invalid(to, ['group', 'kind'], 'to')
    ?? (emptyName >= 0 ? `spec.to[${emptyName}].name is empty (minLength: 1): remove it to allow every Service, or name one` : undefined);
}

function nameOf(o: NamespacedObject): string {
  return nonEmptyString(asRecord(o.object?.metadata)?.name) ?? '';
}
