/**
 * service-allocation-conflict (error): two different Services that are applied together ask for the same node port
 * (`spec.ports[].nodePort`, or `spec.healthCheckNodePort`, which takes a port from the same allocator) or pin the same
 * cluster IP (`clusterIP`/`clusterIPs`, not `None`). The cluster allocates each once (lib/service-allocations.ts), so
 * the API server rejects whichever Service is created later, and a GitOps sync stops there. Field validation and every
 * schema validator accept each Service on its own.
 *
 * Which definitions are applied together is object-defined-twice's notion (lib/applies.ts): those one kustomize root
 * builds (an error), and those outside every kustomization, an error within one file and a warning across files ("when
 * applied to one cluster": a repository may hold the folders of several clusters). Definitions of one object (one
 * name, namespace and kind) never conflict with each other: that is object-defined-twice. Not reported: Services of a
 * live export (`metadata.uid`: a cluster's own allocations do not collide), and Services that service-invalid finds
 * the API server rejecting anyway (they allocate nothing).
 *
 * An error too: one Service that asks for one node port twice: under two Service port numbers (initNodePorts
 * allocates once per port number, so TCP and UDP of port 53 may share one), or as its healthCheckNodePort too.
 *
 * A warning too: a node port outside 30000-32767, kube-apiserver's default `--service-node-port-range`, which the API
 * server rejects unless the cluster sets a range that holds it (ports the field validation rejects, outside 1-65535,
 * are service-invalid's).
 *
 * Cost: one pass over the Services' claims, indexed by value; a value many Services share is one finding per apply
 * (and file) with a capped list of the others, never a finding per pair.
 */
import { sourceText } from '../../model/manifest';
import type { NamespacedObject } from '../../model/pods';
import { exported, nameOf, resourceId } from '../helpers';
import { groupsByApply, OUTSIDE_KUSTOMIZE } from '../lib/applies';
import { listed } from '../lib/entry-backends';
import { AllocationClaim, DEFAULT_NODE_PORT_RANGE, OwnConflict, outsideDefaultRange, serviceAllocations } from '../lib/service-allocations';
import { Finding, Level, Rule } from '../rule';
import { serviceRejections } from '../validation/service';

/** At most this many other Services are named in one finding; the rest are counted. */
export const MAX_LISTED_SERVICES = 10;

/** One claim of one Service definition. */
interface Claimed {
  readonly service: NamespacedObject;
  /** `Kind/namespace/name`: the object's identity (claims of one identity never conflict). */
  readonly id: string;
  readonly claim: AllocationClaim;
}

export const serviceAllocationConflict: Rule = {
  id: 'service-allocation-conflict',
  level: 'error',
  description: 'Services applied together, or one Service, that ask for the same nodePort or cluster IP twice (a **warning** across files, and for a nodePort outside 30000-32767)',
  explanation: 'kube-apiserver allocates each node port once per cluster, whatever the protocol and namespace (`spec.ports[].nodePort`, and `spec.healthCheckNodePort` of a LoadBalancer with externalTrafficPolicy Local, from the same allocator), and each static cluster IP once per IP family; the Service created later is rejected: "spec.ports[0].nodePort: Invalid value: 30080: provided port is already allocated", "spec.clusterIPs: Invalid value: []string{\\"10.96.0.50\\"}: failed to allocate IP 10.96.0.50: provided IP is already allocated" (pkg/registry/core/service/storage/alloc.go `initNodePorts`, `allocHealthCheckNodePort`, `allocIPs`; pkg/registry/core/service/portallocator and ipallocator; k8s-validation rule 19). Field validation and schema validators check one object at a time and accept both. One Service may use one nodePort for TCP and UDP of one port number, but not for two port numbers nor as its own healthCheckNodePort ("provided port is already allocated"). Definitions that one kustomize root builds, or that one file holds, are applied to one cluster (an error); files outside every kustomization may be for different clusters (a warning); separate kustomize roots are not compared (as object-defined-twice). Live exports (`metadata.uid`) are not judged. A nodePort outside 30000-32767, kube-apiserver\'s default --service-node-port-range, is rejected ("provided port is not in the valid range") unless the cluster sets another range (a warning).',
  fix: 'Remove nodePort, healthCheckNodePort or clusterIP from all but one Service to let the cluster allocate a free value, or give each its own.',
  check(ctx) {
    const byKey = new Map<string, Claimed[]>();
    const out: Finding[] = [];
    const earlier = new Map<unknown, readonly NamespacedObject[]>();
    for (const r of ctx.model.redefined) earlier.set(r.object.object, r.earlier);
    for (const last of ctx.objectsOfKind('Service')) {
      // earlier definitions are applied too (kubectl apply creates, then overwrites): their claims count, in input order
      const defs = [...(earlier.get(last.object) ?? []).filter((d) => d.object?.kind === 'Service'), last];
      for (const o of defs) {
        if (exported(o)) continue;
        const { claims, own } = serviceAllocations(o);
        if (claims.length === 0 || rejected(o)) continue;
        if (o === last) for (const c of own) out.push(ownConflict(this, o, c));
        const id = resourceId(o);
        for (const claim of claims) {
          const list = byKey.get(claim.key);
          if (list) list.push({ service: o, id, claim });
          else byKey.set(claim.key, [{ service: o, id, claim }]);
        }
        if (o === last) for (const f of outOfRange(this, o, claims)) out.push(f);
      }
    }
    const seen = new Set<string>();
    const emit = (f: Finding) => {
      const k = `${f.level}\u0000${f.resource}\u0000${f.message}`;
      if (!seen.has(k)) out.push(f);
      seen.add(k);
    };
    for (const claims of byKey.values()) {
      if (claims.length < 2 || claims.every((c) => c.id === claims[0].id)) continue;
      // roots that hold the same claims (overlays of one base) give the same findings: one group for them all
      for (const { applies, items: group } of groupsByApply(claims, (c) => c.service.source)) {
        const services = distinct(group);
        if (services.length < 2) continue;
        if (applies[0] !== OUTSIDE_KUSTOMIZE) {
          emit(conflict(this, 'error', services[0], services.slice(1), 'one kustomize build holds them'));
          continue;
        }
        const byFile = new Map<string, Claimed[]>();
        for (const c of services) {
          const file = c.service.source?.file ?? '';
          const list = byFile.get(file);
          if (list) list.push(c);
          else byFile.set(file, [c]);
        }
        for (const inFile of byFile.values()) {
          if (inFile.length > 1) emit(conflict(this, 'error', inFile[0], inFile.slice(1), 'one file holds them'));
        }
        if (byFile.size > 1) {
          const file = services[0].service.source?.file ?? '';
          const others = services.filter((c) => (c.service.source?.file ?? '') !== file);
          emit(conflict(this, 'warning', services[0], others, 'when their files are applied to one cluster (a repository may hold the folders of several)'));
        }
      }
    }
    return out;
  },
};

/** The first claim of each identity, in order (an object defined twice is object-defined-twice's, not a conflict). */
function distinct(group: readonly Claimed[]): Claimed[] {
  const ids = new Set<string>();
  return group.filter((c) => {
    if (ids.has(c.id)) return false;
    ids.add(c.id);
    return true;
  });
}

/** Whether service-invalid finds the API server rejecting the Service (then it allocates nothing). */
function rejected(o: NamespacedObject): boolean {
  return serviceRejections(o.object).list.some((e) => !e.strictIp && e.created === undefined);
}

/** `Service ns/name`. */
function serviceText(o: NamespacedObject): string {
  return `Service ${o.namespace}/${nameOf(o) ?? '(no name)'}`;
}

/** `spec.ports[0].nodePort at a.yaml:3` (the place as the input gives it). */
function placeText(c: Claimed): string {
  const s = c.service.source;
  if (s === undefined) return c.claim.field;
  return `${c.claim.field} at ${s.line !== undefined && s.file !== '<objects>' ? `${s.file}:${s.line}` : sourceText(s)}`;
}

/** The finding on `first` for the claims of `others` on its value (`why`: why they are applied to one cluster). */
function conflict(rule: Rule, level: Level, first: Claimed, others: readonly Claimed[], why: string): Finding {
  const c = first.claim;
  const what = c.allocator === 'node-port' ? `node port ${c.value}` : `cluster IP ${c.value}`;
  const once = c.allocator === 'node-port' ? 'each node port once, whatever the namespace and protocol' : 'each cluster IP once per IP family';
  // the texts of those listed only: thousands of Services may share a value
  const texts = others.slice(0, MAX_LISTED_SERVICES).map((o) => `${serviceText(o.service)} (${placeText(o)})`);
  const also = `${others.length > 1 ? 'and so do' : 'and so does'} ${listed(texts, MAX_LISTED_SERVICES, others.length)}`;
  const error = others[0].claim.error(c.allocator === 'node-port' ? 'provided port is already allocated' : 'provided IP is already allocated');
  const context = level === 'error' ? `${why}, and the cluster allocates ${once}` : `${why}, the cluster allocates ${once}`;
  const field = c.allocator === 'node-port' ? 'nodePort (or healthCheckNodePort)' : 'clusterIP and clusterIPs';
  return {
    rule: rule.id,
    level,
    resource: resourceId(first.service),
    message: `${serviceText(first.service)} asks for ${what} (${placeText(first)}), ${also}: ${context}, so the API server rejects whichever is created later ("${error}"). Fix: remove ${field} from all but one of them to let the cluster allocate a free one, or give each its own.`,
  };
}

/** The error on a Service that asks for one node port under two fields that the API server allocates one by one. */
function ownConflict(rule: Rule, o: NamespacedObject, c: OwnConflict): Finding {
  const place = (claim: AllocationClaim) => placeText({ service: o, id: '', claim });
  const why = c.again.field === 'spec.healthCheckNodePort'
    ? 'the cluster allocates the nodePorts first and then the healthCheckNodePort, each node port once'
    : 'the cluster allocates each node port once, and one Service shares a nodePort only between the protocols of one port number';
  return {
    rule: rule.id,
    level: 'error',
    resource: resourceId(o),
    message: `${serviceText(o)} asks for node port ${c.first.value} twice (${c.first.field} and ${place(c.again)}): ${why}, so the API server rejects the Service ("${c.again.error('provided port is already allocated')}"). Fix: give ${c.again.field} a port of its own, or remove it to let the cluster allocate one.`,
  };
}

/** The warning on a Service's node ports outside kube-apiserver's default range, if any. */
function outOfRange(rule: Rule, o: NamespacedObject, claims: readonly AllocationClaim[]): Finding[] {
  const outside = outsideDefaultRange(claims);
  if (outside.length === 0) return [];
  const { base, last } = DEFAULT_NODE_PORT_RANGE;
  const first = outside[0];
  const fields = listed(outside.map((c) => `${c.field} ${c.value}`));
  return [{
    rule: rule.id,
    level: 'warning',
    resource: resourceId(o),
    message: `${serviceText(o)} asks for node port${outside.length > 1 ? 's' : ''} outside ${base}-${last}, kube-apiserver's default --service-node-port-range (${fields}): unless the cluster sets a range that holds ${outside.length > 1 ? 'them' : 'it'}, the API server rejects the Service ("${first.error(`provided port is not in the valid range. The range of valid ports is ${base}-${last}`)}"). Fix: remove the nodePort to let the cluster allocate one, or pick a port in the cluster's range.`,
  }];
}
