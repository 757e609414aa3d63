/**
 * endpoint-port-mismatch (error; info for an unrouted headless Service): a Service port with no endpoint port of the same name and protocol in a
 * hand-written EndpointSlice (union over all slices of the Service) or (mirrored) Endpoints (union over all
 * subsets) of a selectorless Service, or an endpoint port whose name matches no Service port. Endpoints that list no
 * address (no `subsets`: a placeholder that something fills at run time), and a Service's slices when none lists an
 * endpoint, have no ports to compare and are not judged; nor are those of Cilium's Ingress Services (routedByCilium).
 *
 * kube-proxy joins Service ports and endpoint ports on (name, protocol) (k8s-validation rule 60); a single unnamed
 * Service port needs an unnamed endpoint port. On mismatch the Service has "no endpoints" for that port and
 * connections are rejected, although every object is accepted (anchors E.3).
 *
 * A headless Service is the exception: kube-proxy skips it (pkg/proxy/util ShouldSkipService: no ClusterIP), and
 * CoreDNS answers its A/AAAA records from the endpoint addresses and its SRV records from the endpoint ports, never
 * from the Service ports (dns-rules 26-28). Clients that connect to the addresses it publishes work whatever the
 * ports are called (real-logic/benchmarks labels its slice port "" for a Service port "aeron": "Port/protocol is
 * irrelevant as this is a headless service"), so the finding is info, unless an Ingress or route of the input sends
 * traffic to the Service or a ServiceMonitor selects it: its controller picks endpoints by the Service port, as
 * kube-proxy does, and prometheus-operator keeps the targets whose endpoint port name matches the monitor's `port`.
 */
import { SERVICE_NAME_LABEL } from '../../k8s-syntax/well-known';
import { cmp } from '../../model/compare';
import { asArray, asRecord, nonEmptyString, stringMapGet } from '../../model/manifest';
import type { NamespacedObject } from '../../model/pods';
import type { ServiceRecord } from '../../model/records';
import { listFindings } from '../fold';
import { endpointsListAddresses, labelOf, nameOf, resourceId, skipsMirror } from '../helpers';
import { headlessText, listed, MAX_LISTED_PORTS, portUserKeys, unroutedHeadless } from '../lib/entry-backends';
import { finding, Finding, Level, Rule } from '../rule';

interface EpPort { readonly name: string; readonly protocol: string }

/** The ports of a `ports` list (entries that are not maps skipped), added to `into`. */
function readPorts(list: unknown, into: EpPort[] = []): EpPort[] {
  for (const p of asArray(list)) {
    const r = asRecord(p);
    if (r) into.push({ name: nonEmptyString(r.name) ?? '', protocol: nonEmptyString(r.protocol) ?? 'TCP' });
  }
  return into;
}

function show(p: EpPort): string {
  return `${p.name === '' ? '(unnamed)' : `"${p.name}"`}/${p.protocol}`;
}

function servicePorts(svc: ServiceRecord): EpPort[] {
  // the protocol of the first port of each name, as written (read once: a Service of 100,000 ports)
  const protocols = new Map<string, unknown>();
  for (const p of asArray(asRecord(svc.object?.spec)?.ports)) {
    const name = nonEmptyString(asRecord(p)?.name) ?? '';
    if (!protocols.has(name)) protocols.set(name, asRecord(p)?.protocol);
  }
  return svc.ports.map((sp) => ({ name: sp.name, protocol: (protocols.get(sp.name) as string) || 'TCP' }));
}

/**
 * Service ports missing from `ports`, the union of the endpoint ports over all slices (or all subsets) of the
 * Service: splitting ports across slices or subsets is legal (the mirroring controller writes one slice per port set).
 */
function mismatches(wanted: readonly EpPort[], ports: EpPort[]): EpPort[] {
  const exact = new Set(ports.map((p) => `${p.name}/${p.protocol}`));
  return wanted.filter((want) => !exact.has(`${want.name}/${want.protocol}`));
}

/** The text of a Service port missing from `ports` (as mismatches). */
function mismatchText(want: EpPort, ports: readonly EpPort[]): string {
  const sameName = ports.find((p) => p.name === want.name);
  return sameName
    ? `Service port ${show(want)} has protocol ${want.protocol} but the endpoint port is ${sameName.protocol}`
    : `Service port ${show(want)} has no endpoint port named ${want.name === '' ? '"" (unnamed)' : `"${want.name}"`} (endpoint ports: ${ports.length > 0 ? shown(ports) : 'none'})`;
}

/** `"http"/TCP, (unnamed)/UDP` for messages: the first MAX_LISTED_PORTS, then `and 4980 more`. */
function shown(ports: readonly EpPort[]): string {
  return listed(ports.slice(0, MAX_LISTED_PORTS).map(show), MAX_LISTED_PORTS, ports.length);
}

/** Endpoint ports whose name matches no Service port (`wanted`, its `servicePorts`): they serve nothing. */
function strays(wanted: readonly EpPort[], ports: EpPort[]): EpPort[] {
  const names = new Set(wanted.map((w) => w.name));
  const seen = new Set<string>();
  const out: EpPort[] = [];
  for (const p of ports) {
    if (names.has(p.name) || seen.has(show(p))) continue;
    seen.add(show(p));
    out.push(p);
  }
  return out;
}

/** The text of a stray endpoint port. */
function strayText(p: EpPort, wanted: readonly EpPort[]): string {
  return `endpoint port ${show(p)} matches no Service port (Service ports: ${shown(wanted)})`;
}

/**
 * Cilium's Ingress load-balancer Services (label `cilium.io/ingress: "true"`: the chart's `cilium-ingress` and the
 * operator's `cilium-ingress-<ingress>`): the Cilium agent sends their traffic to its Envoy proxy (a
 * CiliumEnvoyConfig), never to their Endpoints, which hold a placeholder that its load balancer ignores
 * (192.192.192.192, one unnamed port 9999: cilium install/kubernetes/cilium/templates/cilium-ingress-service.yaml,
 * operator/pkg/ingress; pkg/loadbalancer tests "should ignore the dummy ingress endpoint").
 */
function routedByCilium(svc: ServiceRecord): boolean {
  return stringMapGet(asRecord(svc.object?.metadata)?.labels, 'cilium.io/ingress') === 'true';
}

function uses(svc: ServiceRecord | undefined): svc is ServiceRecord {
  return !!svc && !svc.selector && svc.type !== 'ExternalName' && svc.ports.length > 0 && !routedByCilium(svc);
}

/** How a mismatch of one Service is reported: its level, and for a headless Service what still works. */
interface Verdict { readonly level: Level; readonly missing: string; readonly stray: string }

const ROUTED: Verdict = { level: 'error', missing: ', so that Service port gets no traffic', stray: ', so no traffic reaches it' };

/**
 * ROUTED, or for a headless Service that no Ingress, route or ServiceMonitor of the input uses (`backends`:
 * lib/entry-backends.ts portUserKeys), an info saying what DNS still answers.
 */
function verdictFor(svc: ServiceRecord, backends: () => ReadonlySet<string>): Verdict {
  if (!unroutedHeadless(svc, backends)) return ROUTED;
  const works = headlessText(svc);
  return {
    level: 'info',
    missing: `. ${works}: clients that connect to those addresses work; only an Ingress, Gateway API route, mesh or ServiceMonitor that picks endpoints by Service port finds none`,
    stray: `. ${works}: only an Ingress, Gateway API route, mesh or ServiceMonitor that picks endpoints by Service port ignores it`,
  };
}

export const endpointPortMismatch: Rule = {
  id: 'endpoint-port-mismatch',
  level: 'error',
  description: 'Endpoint port name or protocol differs from the Service port (an **info** for a headless Service that no Ingress, route or ServiceMonitor of the input uses)',
  explanation: 'kube-proxy matches Service ports to EndpointSlice/Endpoints ports by name and protocol, not by number; a port named differently (or unnamed on one side) or with another protocol has no endpoints and connections are rejected, silently at apply time (pkg/proxy/endpointslicecache.go endpointInfoByServicePort; k8s-validation rule 60). An **info** for a headless Service that no Ingress, route or ServiceMonitor of the input uses (prometheus-operator keeps the targets whose endpoint port name matches the ServiceMonitor endpoint\'s `port`): kube-proxy does not route headless Services, and cluster DNS answers from the endpoint addresses and endpoint ports, so clients of its names work (pkg/proxy/util ShouldSkipService; dns-rules 26-28). Endpoints that list no address (no `subsets`, a placeholder that a controller or script fills at run time, as in the Gateway API conformance tests), and a Service\'s EndpointSlices when none of them lists an endpoint, have no ports to compare and are not judged; nor are those of Cilium\'s Ingress Services (label `cilium.io/ingress: "true"`), whose traffic Cilium sends to its Envoy proxy, never to their placeholder endpoint 192.192.192.192:9999.',
  fix: 'Give each endpoint port exactly the name and protocol of the Service port it serves.',
  check(ctx) {
    const out: Finding[] = [];
    let users: ReadonlySet<string> | undefined;
    const backends = () => users ??= portUserKeys(ctx);
    // the findings of one object over its ports: a Service of 100,000 ports builds the first 100 and the fold (fold.ts)
    const report = <T>(v: Verdict, resource: string, items: readonly T[], message: (item: T) => string) => {
      const build = (item: T): Finding => ({ ...finding(this, resource, message(item)), level: v.level });
      for (const f of listFindings(items, () => v.level, build, ctx.options.allFindings)) out.push(f);
    };
    // The slices of each Service, in input order of the Services' first slices.
    const slicesOf = new Map<ServiceRecord, NamespacedObject[]>();
    for (const o of ctx.handWrittenSlices()) {
      const svcName = labelOf(o, SERVICE_NAME_LABEL);
      const svc = svcName ? ctx.model.service(o.namespace, svcName) : undefined;
      if (!uses(svc)) continue;
      const group = slicesOf.get(svc);
      if (group) group.push(o);
      else slicesOf.set(svc, [o]);
    }
    for (const [svc, slices] of slicesOf) {
      // slices without an endpoint have no endpoints to name ports of (placeholders, as address-less Endpoints below)
      if (!slices.some((o) => asArray(o.object.endpoints).length > 0)) continue;
      const sorted = slices.length > 1 ? [...slices].sort((a, b) => cmp(nameOf(a) ?? '', nameOf(b) ?? '')) : slices;
      const wanted = servicePorts(svc);
      const union: EpPort[] = [];
      for (const o of sorted) readPorts(o.object.ports, union);
      const missing = mismatches(wanted, union);
      const v = verdictFor(svc, backends);
      if (missing.length > 0) {
        const names = listed(sorted.slice(0, MAX_LISTED_PORTS).map((o) => `"${nameOf(o) ?? ''}"`), MAX_LISTED_PORTS, sorted.length);
        report(v, resourceId(sorted[0]), missing, (p) => `${sorted.length > 1 ? `EndpointSlices ${names}` : `EndpointSlice ${names}`} for Service "${svc.name}": ${mismatchText(p, union)}${v.missing}. Fix: name the slice port exactly like the Service port, with the same protocol.`);
        continue; // a missing Service port's message already lists every endpoint port
      }
      for (const o of sorted) {
        report(v, resourceId(o), strays(wanted, readPorts(o.object.ports)), (p) => `EndpointSlice "${nameOf(o) ?? ''}" for Service "${svc.name}": ${strayText(p, wanted)}${v.stray}. Fix: name the slice port exactly like the Service port it serves, or remove it.`);
      }
    }
    for (const o of ctx.endpointsObjects()) {
      const name = nameOf(o);
      const svc = name ? ctx.model.service(o.namespace, name) : undefined;
      // Endpoints without an address have no endpoints to name ports of (a placeholder that a controller or test fills)
      if (!uses(svc) || skipsMirror(o) || !endpointsListAddresses(o.object)) continue;
      const subsets = asArray(o.object.subsets);
      const wanted = servicePorts(svc);
      const union: EpPort[] = [];
      for (const ss of subsets) readPorts(asRecord(ss)?.ports, union);
      const missing = mismatches(wanted, union);
      const v = verdictFor(svc, backends);
      if (missing.length > 0) {
        report(v, resourceId(o), missing, (p) => `Endpoints "${name}"${subsets.length > 1 ? ` (all ${subsets.length} subsets)` : ''}: ${mismatchText(p, union)}${v.missing}. Fix: name the Endpoints port exactly like the Service port, with the same protocol.`);
        continue;
      }
      // every subset's strays are findings of this one object, folded together
      const stray = subsets.flatMap((ss, i) => strays(wanted, readPorts(asRecord(ss)?.ports)).map((p) => ({ p, i })));
      report(v, resourceId(o), stray, ({ p, i }) => `Endpoints "${name}" subset ${i}: ${strayText(p, wanted)}${v.stray}. Fix: name the Endpoints port exactly like the Service port it serves, or remove it.`);
    }
    return out;
  },
};
