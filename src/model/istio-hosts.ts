/**
 * The hosts that Istio's networking objects (networking.istio.io, any version: v1alpha3, v1beta1, v1) name, read into
 * references to Kubernetes Services, and the hosts that ServiceEntries add to Istio's registry. Pure.
 *
 * A `Destination.host` and a DestinationRule's `spec.host` name a host of Istio's service registry: the Kubernetes
 * Services (`<name>.<namespace>.svc.<cluster domain>`), the ServiceEntries' `spec.hosts`, and the hosts of other
 * registries and clusters of the mesh. A short name (no dot) is read relative to the namespace of the object that
 * holds it, not the Service's (`reviews` in a VirtualService of `default` is `reviews.default.svc.cluster.local`); any
 * name with a dot is taken as written (Istio docs, VirtualService `Destination`; istio pkg/config/analysis/analyzers
 * util ConvertHostToFQDN). The in-cluster shapes read here: a short name, `<name>.<namespace>.svc.<cluster domain>`,
 * and `<name>.<namespace>` / `<name>.<namespace>.svc` (names that Istio itself does not expand, so that such a host
 * matches no Service host, but that point at one Service nonetheless). Wildcards, IP addresses and other names with
 * dots (`api.example.com`) are not references to Services and are left out.
 */
import type { ServiceRef } from './entry-points';
import { asArray, asRecord, nonEmptyString } from './manifest';
import type { NamespacedObject } from './pods';
import { isDns1123Label } from '../k8s-syntax/names';

/** Istio's networking API group. */
export const ISTIO_NETWORKING_GROUP = 'networking.istio.io';

/** One reference from a VirtualService or DestinationRule to a host that names a Kubernetes Service. */
export interface IstioHostRef extends ServiceRef {
  /** The host as written (`reviews`, `reviews.prod.svc.cluster.local`). */
  readonly host: string;
  /** The host as Istio matches it against its registry: short names completed with the object's namespace and the cluster domain. */
  readonly fqdn: string;
  /** The destination's `port.number`, when it sets one (a DestinationRule's host has none). */
  readonly port?: number;
  /** Whether the host has a namespace part (`x.ns`, `x.ns.svc`, `x.ns.svc.<domain>`), not a short name. */
  readonly qualified: boolean;
}

/** Whether an object is of an Istio networking kind (`VirtualService`, `DestinationRule`, `ServiceEntry`). */
export function isIstioKind(o: NamespacedObject, kind: string): boolean {
  const apiVersion = o.object?.apiVersion;
  return o.object?.kind === kind && typeof apiVersion === 'string' && apiVersion.startsWith(`${ISTIO_NETWORKING_GROUP}/`);
}

/**
 * The Service `{ service, namespace }` an Istio host names from an object of namespace `ns`, or undefined for a host
 * that is no in-cluster Service name (a wildcard, an IP address, an external name). `zone` is the cluster domain.
 */
export function serviceOfHost(host: string, ns: string, zone: string): { service: string; namespace: string; qualified: boolean } | undefined {
  if (host.includes('*')) return undefined;
  const bare = host.toLowerCase().replace(/\.$/, '');
  const labels = (bare.endsWith(`.svc.${zone}`) ? bare.slice(0, -zone.length - 1) : bare).split('.');
  if (!labels.every(isDns1123Label)) return undefined;
  if (labels.length === 1) return { service: labels[0], namespace: ns, qualified: false };
  if (labels.length === 2 || (labels.length === 3 && labels[2] === 'svc')) return { service: labels[0], namespace: labels[1], qualified: true };
  return undefined;
}

/**
 * The Service hosts of a VirtualService (`spec.http[].route[].destination`, `spec.http[].mirror`,
 * `spec.http[].mirrors[].destination`, `spec.tcp[].route[].destination`, `spec.tls[].route[].destination`) or a
 * DestinationRule (`spec.host`), in that order; nothing for another object.
 */
export function istioHostRefs(o: NamespacedObject, zone: string): IstioHostRef[] {
  const isVs = isIstioKind(o, 'VirtualService');
  if (!isVs && !isIstioKind(o, 'DestinationRule')) return [];
  const spec = asRecord(o.object?.spec);
  const fromKind = isVs ? 'VirtualService' : 'DestinationRule';
  const fromName = nonEmptyString(asRecord(o.object?.metadata)?.name) ?? '';
  const out: IstioHostRef[] = [];
  const add = (destination: unknown, where: string) => {
    const d = asRecord(destination);
    const host = nonEmptyString(isVs ? d?.host : destination);
    if (host === undefined) return;
    const target = serviceOfHost(host, o.namespace, zone);
    if (!target) return;
    const number = asRecord(d?.port)?.number;
    const fqdn = target.qualified ? host.toLowerCase().replace(/\.$/, '') : `${target.service}.${target.namespace}.svc.${zone}`;
    out.push({
      from: o,
      fromKind,
      fromName,
      where,
      namespace: target.namespace,
      service: target.service,
      host,
      fqdn,
      port: typeof number === 'number' ? number : undefined,
      qualified: target.qualified,
    });
  };
  if (!isVs) {
    add(spec?.host, 'spec.host');
    return out;
  }
  for (const kind of ['http', 'tcp', 'tls'] as const) {
    asArray(spec?.[kind]).forEach((rule, i) => {
      const r = asRecord(rule);
      asArray(r?.route).forEach((route, j) => add(asRecord(route)?.destination, `spec.${kind}[${i}].route[${j}].destination`));
      if (kind !== 'http') return;
      add(r?.mirror, `spec.http[${i}].mirror`);
      asArray(r?.mirrors).forEach((m, j) => add(asRecord(m)?.destination, `spec.http[${i}].mirrors[${j}].destination`));
    });
  }
  return out;
}

/**
 * The hosts that the input's ServiceEntries add to Istio's registry, by the namespaces they are exported to: a host
 * named in `spec.hosts` (a short name completed with the entry's namespace and the cluster domain), visible from every
 * namespace unless `spec.exportTo` lists others (`.` is the entry's own namespace, `*` every one). A wildcard host
 * (`*.example.com`) covers the names below it, as Istio matches them.
 */
export class ServiceEntryHosts {
  private readonly exact = new Map<string, Set<string> | '*'>();
  /** The wildcard hosts `*.<suffix>` by `.<suffix>`: a host is looked up once per dot, not once per wildcard. */
  private readonly dotWildcards = new Map<string, Set<string> | '*'>();
  /** The other wildcard hosts (`*`, `*example.com`), matched by suffix. */
  private readonly wildcards: { suffix: string; scope: Set<string> | '*' }[] = [];

  /** `objects`: every object of the input (the ServiceEntries are picked out); `zone`: the cluster domain. */
  public constructor(objects: readonly NamespacedObject[], zone: string) {
    for (const o of objects) {
      if (!isIstioKind(o, 'ServiceEntry')) continue;
      const spec = asRecord(o.object?.spec);
      const exportTo = asArray(spec?.exportTo).map(nonEmptyString).filter((e): e is string => e !== undefined);
      const scope: Set<string> | '*' = exportTo.length === 0 || exportTo.includes('*') ? '*'
        : new Set(exportTo.map((e) => (e === '.' ? o.namespace : e)));
      for (const h of asArray(spec?.hosts).map(nonEmptyString)) {
        if (h === undefined) continue;
        const host = h.toLowerCase().replace(/\.$/, '');
        if (host.startsWith('*.')) addScope(this.dotWildcards, host.slice(1), scope);
        else if (host.startsWith('*')) this.wildcards.push({ suffix: host.slice(1), scope });
        else addScope(this.exact, host.includes('.') ? host : `${host}.${o.namespace}.svc.${zone}`, scope);
      }
    }
  }

  /** Whether a ServiceEntry exported to namespace `from` declares `host` (an FQDN, lower case), or a wildcard covers it. */
  public declares(host: string, from: string): boolean {
    const visible = (scope: Set<string> | '*' | undefined) => scope !== undefined && (scope === '*' || scope.has(from));
    if (visible(this.exact.get(host))) return true;
    for (let dot = host.indexOf('.'); dot >= 0; dot = host.indexOf('.', dot + 1)) {
      if (visible(this.dotWildcards.get(host.slice(dot)))) return true;
    }
    return this.wildcards.some((w) => host.endsWith(w.suffix) && visible(w.scope));
  }
}

/** Widens the namespaces that see `host` by `scope` (in place: the sets are the map's own). */
function addScope(map: Map<string, Set<string> | '*'>, host: string, scope: Set<string> | '*'): void {
  const known = map.get(host);
  if (known === '*') return;
  if (scope === '*') map.set(host, '*');
  else if (known) for (const ns of scope) known.add(ns);
  else map.set(host, new Set(scope));
}
