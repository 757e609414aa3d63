/**
 * What the StatefulSet rules share about one run (`ctx.statefulSets`): the governing Service of each StatefulSet, and
 * where the input uses the pods' own DNS names.
 */
import { asRecord, nonEmptyString, stringMap } from '../../model/manifest';
import { NamespacedObject, statefulSetOrdinals } from '../../model/pods';
import type { ServiceRecord } from '../../model/records';
import { nameOf } from '../helpers';
import type { CheckContext } from './check-context';
import { Autoscaler, PodTemplate, scaledOrdinals } from './pod-templates';
import { templateSelects } from './template-index';

/** A StatefulSet with its serviceName and the Service it names (same namespace), if any. */
export interface Governed {
  readonly sts: NamespacedObject;
  readonly name: string;
  readonly serviceName?: string;
  readonly service?: ServiceRecord;
  readonly templateLabels: { [key: string]: string };
}

/** Where the input names one pod of a StatefulSet: `web-0.nginx` in the env of Deployment "client". */
export interface PodNameUse {
  /** The name as written (`web-0.nginx.db.svc.cluster.local`). */
  readonly name: string;
  /**
   * `Deployment "client"`, `ConfigMap "settings"` or `ExternalName Service "db-primary"`, followed by
   * ` (and N more places)` when other objects use names of the same pods.
   */
  readonly where: string;
}

/** The pods a StatefulSet has: ordinals `start` to `start + replicas - 1`, named `<sts>-<ordinal>` (dns-rules 13). */
export interface PodRange {
  readonly governed: Governed;
  /** `spec.replicas`, 1 when it is not set. */
  readonly replicas: number;
  /** Whether `spec.replicas` is set (when it is not, an autoscaler may set it). */
  readonly replicasSet: boolean;
  /**
   * The autoscaler of the input that scales the StatefulSet, unless it leaves its 0 replicas alone: the pods that may
   * exist are then those from `start` below the larger of `replicas` and its `max` (a number here: with an unknown
   * most, `podOutOfRange` says `unknown`).
   */
  readonly autoscaler?: Autoscaler;
  /** `spec.ordinals.start`, 0 when it is not set. */
  readonly start: number;
}

/** The StatefulSets of one run, their governing Services and the uses of their pods' names, each read on first use. */
export class StatefulSets {
  /** Every named StatefulSet with its governing Service, in input order. */
  public readonly governed: readonly Governed[];
  /** The cluster domain, lower case, without a final dot. */
  private readonly zone: string;
  /** The template of each StatefulSet, by owner. */
  private templates?: Map<unknown, PodTemplate>;
  /** `namespace NUL sts NUL serviceName` (lower case) -> the StatefulSet. */
  private byKey?: Map<string, Governed>;
  /** `namespace NUL sts NUL serviceName` (lower case) -> the first use of one of those pods' names. */
  private uses?: Map<string, PodNameUse>;

  public constructor(private readonly ctx: CheckContext) {
    this.governed = readGoverned(ctx);
    this.zone = ctx.model.options.clusterDomain.toLowerCase().replace(/\.$/, '');
  }

  /**
   * Whether the governing Service selects the StatefulSet's pods (its template), so that they become its endpoints and
   * get their names (dns-rules 11, 30). False without a selector; true for a StatefulSet without a template of its own.
   */
  public selectsPods(g: Governed): boolean {
    const tpl = this.templateOf(g);
    // No template of its own: an owner in the input (the Prometheus an operator made it for) stands for its pods
    // (pod-templates.ts readPodTemplates), and the operator wrote both the StatefulSet and its Service: nothing to judge.
    if (tpl === undefined) return true;
    const svc = g.service;
    return svc?.selector !== undefined && templateSelects(tpl, svc.selector);
  }

  /** The template of the StatefulSet's pods, if it has one of its own. */
  private templateOf(g: Governed): PodTemplate | undefined {
    if (!this.templates) {
      // The template of each StatefulSet, looked up by owner (no scan per StatefulSet; bench/: 50,000 objects).
      const templates = this.templates = new Map();
      for (const t of this.ctx.podTemplates) if (!templates.has(t.owner)) templates.set(t.owner, t);
    }
    return this.templates.get(g.sts);
  }

  /**
   * Whether the pods of `g` have no DNS names because of their governing Service: it is missing, an ExternalName, or
   * does not select them. The StatefulSet rules report each case (statefulset-service-missing, -not-headless,
   * -not-selecting), as an error when the input uses the names (`podNameUse`).
   */
  public podNamesMissing(g: Governed): boolean {
    if (!g.serviceName) return false;
    return !g.service || g.service.type === 'ExternalName' || !this.selectsPods(g);
  }

  /**
   * The StatefulSet whose pod `host` names, seen from `namespace` (`web-0.nginx`, `web-0.nginx.db.svc.cluster.local`),
   * when a StatefulSet rule reports that name as used and failing: its governing Service is missing, an ExternalName or
   * does not select the pods (`podNamesMissing`) and the input uses its pods' names (`podNameUse`). workload-name-unresolved
   * leaves such a host to that rule, whose message names the cause, so one mistake gives one finding.
   */
  public failingPodName(namespace: string, host: string): Governed | undefined {
    const g = this.governing(podNameOf(host, namespace, this.zone, false));
    return g && this.podNamesMissing(g) && this.podNameUse(g) ? g : undefined;
  }

  /**
   * The StatefulSet and its pods when `host`, seen from `namespace`, names a pod of it that it does not have: an ordinal
   * past its replicas (`consul-5.consul` for 3 replicas) or before `spec.ordinals.start`, under its governing Service,
   * which gives its pods their names. Undefined when the Service does not (`podNamesMissing`: a StatefulSet rule says why);
   * `unknown` when `spec.replicas` or `spec.ordinals.start` is set but is no number (a variable placeholder), or when a
   * HorizontalPodAutoscaler or KEDA ScaledObject of the input scales the StatefulSet and may give it the pod
   * (`possibleOrdinals`).
   */
  public podOutOfRange(namespace: string, host: string): PodRange | 'unknown' | undefined {
    const pod = podNameOf(host, namespace, this.zone, false);
    const g = this.governing(pod);
    if (!pod || !g || this.podNamesMissing(g)) return undefined;
    const own = statefulSetOrdinals(g.sts.object.spec);
    // a count that is set but no number (a `${REPLICAS}` that Flux substitutes) says nothing of which pods exist
    if (own.placeholder) return 'unknown';
    const { start, replicas, replicasSet } = own;
    if (pod.ordinal >= start && pod.ordinal < start + replicas) return undefined;
    const range = { governed: g, replicas, start, replicasSet };
    // a pod below what the autoscaler may scale to exists whenever it scales that far: which of them run, the input
    // cannot tell (pod-templates.ts possibleOrdinals)
    const { to, autoscaler } = scaledOrdinals(own, this.templateOf(g)?.autoscaler);
    if (autoscaler === undefined) return range;
    if (pod.ordinal >= start && pod.ordinal < to) return 'unknown';
    return { ...range, autoscaler };
  }

  /** The StatefulSet whose pods `pod` names under its governing Service, if the input has it. */
  private governing(pod: PodName | undefined): Governed | undefined {
    if (!pod) return undefined;
    if (!this.byKey) {
      const byKey = this.byKey = new Map();
      for (const g of this.governed) {
        if (g.serviceName) byKey.set(`${g.sts.namespace}\u0000${g.name}\u0000${g.serviceName}`.toLowerCase(), g);
      }
    }
    return this.byKey.get(pod.key);
  }

  /**
   * The first place where the input uses the DNS name of one of the StatefulSet's pods, `<sts>-<n>.<serviceName>` (in the
   * user's namespace; elsewhere followed by `.<ns>`, `.<ns>.svc` or `.<ns>.svc.<zone>`): in a container's env value,
   * command or args, a one-line ConfigMap value (the values workload-name-unresolved reads), or as an ExternalName target
   * (qualified with the namespace: a CNAME target is absolute). Those names
   * exist only through the governing Service (dns-rules 13, 30), so with a wrong one they fail; without any use, only
   * the pods' own names are missing and the pods run.
   */
  public podNameUse(g: Governed): PodNameUse | undefined {
    if (!g.serviceName) return undefined;
    this.uses ??= collectUses(this.ctx, this.zone);
    return this.uses.get(`${g.sts.namespace}\u0000${g.name}\u0000${g.serviceName}`.toLowerCase());
  }
}

/** Every named StatefulSet with its governing Service. */
function readGoverned(ctx: CheckContext): Governed[] {
  const out: Governed[] = [];
  for (const o of ctx.objectsOfKind('StatefulSet')) {
    const name = nameOf(o);
    if (!name) continue;
    const spec = asRecord(o.object.spec);
    const serviceName = nonEmptyString(spec?.serviceName);
    out.push({
      sts: o,
      name,
      serviceName,
      service: serviceName ? ctx.model.service(o.namespace, serviceName) : undefined,
      templateLabels: stringMap(asRecord(asRecord(spec?.template)?.metadata)?.labels),
    });
  }
  return out;
}

/** Host-name-like tokens; each is read by `podName`. */
const TOKEN = /[A-Za-z0-9][A-Za-z0-9.-]*/g;
/** `<sts>-<ordinal>` (a DNS label). */
const POD_LABEL = /^([a-z0-9]([-a-z0-9]*[a-z0-9])?)-(0|[1-9][0-9]*)$/;

function collectUses(ctx: CheckContext, zone: string): Map<string, PodNameUse> {
  /** key -> the first name used and every place (in input order) that uses one. */
  const found = new Map<string, { name: string; places: Set<string> }>();
  const add = (text: string, namespace: string, where: string, qualifiedOnly: boolean) => {
    for (const token of text.match(TOKEN) ?? []) {
      const key = podNameOf(token, namespace, zone, qualifiedOnly)?.key;
      if (!key) continue;
      const use = found.get(key);
      if (use) use.places.add(where);
      else found.set(key, { name: token.replace(/\.$/, ''), places: new Set([where]) });
    }
  };
  for (const t of ctx.podTemplates) {
    for (const c of t.containers) {
      for (const e of c.env) add(e.value, t.namespace, `${t.kind} "${t.name}"`, false);
      for (const a of c.args) add(a, t.namespace, `${t.kind} "${t.name}"`, false);
    }
  }
  for (const cm of ctx.objectsOfKind('ConfigMap')) {
    const data = asRecord(cm.object.data);
    if (!data) continue;
    const keys = Object.keys(data);
    for (let i = 0; i < keys.length && i < 1000; i++) { // as workload-name-uses.ts reads ConfigMaps
      const v = data[keys[i]];
      if (typeof v === 'string' && !v.includes('\n')) add(v, cm.namespace, `ConfigMap "${nameOf(cm) ?? ''}"`, false);
    }
  }
  for (const svc of ctx.model.services()) {
    if (svc.type === 'ExternalName' && svc.externalName) add(svc.externalName, svc.namespace, `ExternalName Service "${svc.name}"`, true);
  }
  const out = new Map<string, PodNameUse>();
  for (const [key, { name, places }] of found) {
    const [first] = places;
    out.set(key, { name, where: places.size > 1 ? `${first} (and ${places.size - 1} more place${places.size > 2 ? 's' : ''})` : first });
  }
  return out;
}

/** A StatefulSet pod's name: `key` is `namespace NUL sts NUL service` (lower case), `ordinal` the pod's number. */
interface PodName {
  readonly key: string;
  readonly ordinal: number;
}

/** The pod `token` names, seen from `namespace` (`web-0.nginx`, `web-0.nginx.db.svc.cluster.local`), else undefined. */
function podNameOf(token: string, namespace: string, zone: string, qualifiedOnly: boolean): PodName | undefined {
  const labels = token.toLowerCase().replace(/\.$/, '').split('.');
  if (labels.length < 2) return undefined;
  const pod = POD_LABEL.exec(labels[0]);
  if (!pod) return undefined;
  const rest = labels.slice(2);
  let ns: string;
  if (rest.length === 0) {
    if (qualifiedOnly) return undefined;
    ns = namespace;
  } else {
    const tail = rest.slice(1).join('.');
    if (tail !== '' && tail !== 'svc' && tail !== `svc.${zone}`) return undefined;
    ns = rest[0];
  }
  return { key: `${ns}\u0000${pod[1]}\u0000${labels[1]}`.toLowerCase(), ordinal: Number(pod[3]) };
}
