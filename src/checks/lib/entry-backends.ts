/**
 * Message texts about entry point backends (and other references to Services) for the rules (the backends themselves
 * are read by src/model/entry-points.ts; what a run shares is kept by the CheckContext, `entryBackends`).
 */
import { monitoredHeadlessKeys } from './monitors';
import type { ServiceRef } from '../../model/entry-points';
import type { ServicePortRecord, ServiceRecord } from '../../model/records';
import type { CheckContext } from '../context/check-context';

export type { BackendRef, ServiceRef } from '../../model/entry-points';

/**
 * `namespace/name` of every Service that something of the input reaches by Service port: an entry point sends traffic
 * to it (`ctx.entryBackends`), or, headless, a ServiceMonitor scrapes it (lib/monitors.ts monitoredHeadlessKeys).
 */
export function portUserKeys(ctx: CheckContext): Set<string> {
  const keys = new Set(ctx.entryBackends.map((r) => `${r.namespace}/${r.service}`));
  for (const k of monitoredHeadlessKeys(ctx)) keys.add(k);
  return keys;
}

/**
 * Whether `svc` is headless and no Ingress, route or ServiceMonitor of the input uses it (`backends`: `portUserKeys`, read only for a
 * headless Service):
 * kube-proxy does not route a headless Service (pkg/proxy/util ShouldSkipService: no ClusterIP), and cluster DNS answers
 * its A/AAAA records from the endpoint addresses and its SRV records from the endpoint ports, never from the Service
 * ports (dns-rules 26-28), so clients reach the pods on the port they dial whatever the Service's ports map to; only an
 * Ingress, Gateway API route, mesh or ServiceMonitor that picks endpoints by Service port depends on that mapping.
 */
export function unroutedHeadless(svc: ServiceRecord, backends: () => ReadonlySet<string>): boolean {
  return svc.headless && !backends().has(`${svc.namespace}/${svc.name}`);
}

/** What still works for an `unroutedHeadless` Service, as a clause: `Service "x" is headless, so ... port names)`. */
export function headlessText(svc: ServiceRecord): string {
  return `Service "${svc.name}" is headless, so kube-proxy does not route it and cluster DNS publishes the endpoint addresses whatever the ports are called (A records; SRV records by the endpoint port names)`;
}

/** `spec.rules[0].backendRefs[0]`, or `spec.rules[0].backendRefs[0] (and 2 more places)`. */
export function placesText(refs: readonly GroupableRef[]): string {
  return refs.length > 1 ? `${refs[0].where} (and ${refs.length - 1} more place${refs.length > 2 ? 's' : ''})` : refs[0].where;
}

/** A reference to any object, as `groupRefs`, `placesText` and `refText` read it. */
export type GroupableRef = Pick<ServiceRef, 'from' | 'fromKind' | 'fromName' | 'where'>;

/** The references grouped by the object that makes them and `key` (in first-seen order), for one finding per group. */
export function groupRefs<R extends GroupableRef>(refs: readonly R[], key: (r: R) => string): R[][] {
  const groups = new Map<string, R[]>();
  const ids = new Map<ServiceRef['from'], number>();
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
export function refText(refs: readonly GroupableRef[]): string {
  return `${refs[0].fromKind} "${refs[0].fromName}" ${placesText(refs)}`;
}

/** At most this many namespaces are listed in one message; the rest are counted. */
export const MAX_LISTED_NAMESPACES = 10;

/**
 * `"a", "b"` for messages: the namespaces of the first MAX_LISTED_NAMESPACES Services (in quotes), then `and 990 more` (a Service named
 * alike in thousands of namespaces made each finding list them all).
 */
export function namespacesText(services: readonly { readonly namespace: string }[]): string {
  const shown = services.slice(0, MAX_LISTED_NAMESPACES).map((s) => `"${s.namespace}"`).join(', ');
  return services.length > MAX_LISTED_NAMESPACES ? `${shown} and ${services.length - MAX_LISTED_NAMESPACES} more` : shown;
}

/** At most this many of a Service's ports are listed in one message; the rest are counted. */
export const MAX_LISTED_PORTS = 20;

/**
 * `"http", "metrics"` for messages: the first `max` texts, then `and 4980 more` (one Service or pod of thousands of
 * ports may be named in a message per monitor that selects it). `count`: how many there are, when `texts` holds only
 * the first (so that thousands of texts need not be made to name ten).
 */
export function listed(texts: readonly string[], max: number = MAX_LISTED_PORTS, count = texts.length): string {
  const more = count > max ? ` and ${count - max} more` : '';
  return texts.slice(0, max).join(', ') + more;
}

/**
 * `ports: 80 "http", 443` for messages: the first MAX_LISTED_PORTS, then `and 4980 more` (a message per wrong backend
 * that listed all of a Service's 5,000 ports made 5,000 backends 2 GB of findings).
 */
export function declaredPortsText(ports: readonly ServicePortRecord[]): string {
  return `ports: ${listed(ports.slice(0, MAX_LISTED_PORTS).map((p) => (p.name ? `${p.port ?? '?'} "${p.name}"` : `${p.port ?? '?'}`)), MAX_LISTED_PORTS, ports.length)}`;
}

/**
 * A rule run's lookups of Service ports by number, name and targetPort, indexed once per Service: a backend per port of
 * a Service with thousands of ports would otherwise scan them all for each backend.
 */
export class ServicePortLookup {
  private readonly index = new Map<ServiceRecord, {
    byPort: Set<number>; byName: Set<string>; byTarget: Map<number | string, ServicePortRecord>; unnumbered: boolean;
  }>();

  /** Whether the Service declares the port: a number (its `port`) or a name. */
  public declares(svc: ServiceRecord, port: number | string): boolean {
    const i = this.of(svc);
    return typeof port === 'number' ? i.byPort.has(port) : i.byName.has(port);
  }

  /** Whether a port of the Service has no number (a `${PORT}` placeholder that Flux substitutes may be any). */
  public hasUnnumbered(svc: ServiceRecord): boolean {
    return this.of(svc).unnumbered;
  }

  /** The first port of the Service whose targetPort is `port`: a number, or a container port's name. */
  public withTargetPort(svc: ServiceRecord, port: number | string): ServicePortRecord | undefined {
    return this.of(svc).byTarget.get(port);
  }

  private of(svc: ServiceRecord) {
    let i = this.index.get(svc);
    if (!i) {
      i = { byPort: new Set(), byName: new Set(), byTarget: new Map(), unnumbered: false };
      for (const p of svc.ports) {
        if (p.port !== undefined) i.byPort.add(p.port);
        else i.unnumbered = true;
        if (p.name) i.byName.add(p.name);
        if (p.targetPort !== undefined && !i.byTarget.has(p.targetPort)) i.byTarget.set(p.targetPort, p);
      }
      this.index.set(svc, i);
    }
    return i;
  }
}
