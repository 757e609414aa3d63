/**
 * prometheus-operator's ServiceMonitors and PodMonitors (monitoring.coreos.com) and what they select, for the rules
 * servicemonitor-selects-nothing, servicemonitor-port-missing, podmonitor-selects-nothing and podmonitor-port-missing.
 * Not a rule.
 *
 * A monitor discovers targets in the namespaces of `spec.namespaceSelector`: every namespace with `any: true`, the
 * `matchNames` when it lists any, else the monitor's own namespace (promcfg.go getNamespacesFromNamespaceSelector; a
 * Prometheus with `ignoreNamespaceSelectors` narrows that to the own namespace, which only removes targets). A monitor
 * is judged only where the input can show every candidate:
 * - every namespace it reads is one whose Services the run judges (`CheckContext.judgesAllServicesIn`: a Service or a
 *   workload there, or `--complete`; `kube-system` needs `--complete`: the distribution's and the control plane's
 *   Services live there); `any: true` needs `--complete`;
 * - no chart release deploys into those namespaces (a chart's Services and pods are not in the input);
 * - no custom resource of those namespaces may make Services or pods with labels the input does not show: every
 *   custom resource is such a maker except those of the groups in `INERT_GROUPS` and the kinds whose pods the
 *   checker reads (workload-kinds.ts: Prometheus, Alertmanager, Rollout, ...);
 * - nothing in the selector, the namespaces or the port is a Flux `${VAR}` placeholder.
 * The Services the cluster makes by itself count as candidates (`clusterServices`): `kubernetes` in `default`
 * (labels `component: apiserver`, `provider: kubernetes`, port `https`), `kube-dns` in `kube-system`, the kubelet
 * Service prometheus-operator keeps in the namespace of its `--kubelet-service` flag (labels `k8s-app: kubelet`,
 * `app.kubernetes.io/name: kubelet`, `app.kubernetes.io/managed-by: prometheus-operator`), and the governing Services
 * it makes beside each Prometheus, Alertmanager and ThanosRuler (`operated-prometheus: "true"`, ...; their ports are
 * not read: any port may match).
 */
import { apiGroup } from '../../model/indexes';
import { asArray, asRecord, builtinKind, nonEmptyString } from '../../model/manifest';
import type { NamespacedObject } from '../../model/pods';
import type { ServiceRecord } from '../../model/records';
import { workloadKind } from '../../model/workload-kinds';
import type { CheckContext } from '../context/check-context';
import { labelsOf, nameOf, pushTo } from '../helpers';
import { monitorMatcher, PatternMatcher, selectorHasPlaceholder } from './monitor-selectors';
import { isUnfilled } from './placeholders';

/** The API group of ServiceMonitor and PodMonitor. */
const MONITORING_GROUP = 'monitoring.coreos.com';

/**
 * Groups of custom resources that make neither Services nor pods (certificates, routing, policies, secrets,
 * autoscaling, monitoring configuration): a namespace that holds them is still judged.
 */
const INERT_GROUPS: ReadonlySet<string> = new Set([
  MONITORING_GROUP, 'cert-manager.io', 'acme.cert-manager.io', 'trust.cert-manager.io', 'networking.istio.io',
  'security.istio.io', 'telemetry.istio.io', 'traefik.io', 'traefik.containo.us', 'external-secrets.io', 'bitnami.com',
  'keda.sh', 'kyverno.io', 'policy.linkerd.io', 'gateway.networking.k8s.io', 'monitoring.googleapis.com',
]);

/** One ServiceMonitor or PodMonitor of the input. */
export interface Monitor {
  readonly object: NamespacedObject;
  readonly kind: 'ServiceMonitor' | 'PodMonitor';
  readonly name: string;
  readonly namespace: string;
  /** `spec.selector` as written. */
  readonly selector: unknown;
  /** The namespaces it discovers targets in; undefined for every namespace (`any: true`). */
  readonly namespaces?: readonly string[];
  /** The `port` names of `spec.endpoints` / `spec.podMetricsEndpoints`, with where they are. */
  readonly ports: readonly { readonly where: string; readonly port: string }[];
}

/** A Service a ServiceMonitor may select: the input's, or one the cluster makes (`ports` undefined: not known). */
export interface CandidateService {
  readonly namespace: string;
  readonly name: string;
  readonly labels: { readonly [key: string]: string };
  /** The port names its Endpoints carry; undefined when any may (a selectorless Service, a Service the cluster makes). */
  readonly ports?: readonly string[];
  /** The input's Service record, when the input holds it. */
  readonly record?: ServiceRecord;
}

/**
 * What the monitor rules read of a run's objects, in one pass (`CheckContext.monitors`): the ServiceMonitors and
 * PodMonitors, the namespaces with custom resources that may make Services or pods, and the governing Services
 * prometheus-operator makes beside each Prometheus, Alertmanager and ThanosRuler; the candidate Services of each
 * namespace are kept once read (a monitor reading every namespace asks for all of them), and so are the Services each
 * ServiceMonitor selects and the headless ones among them (two rules and each entry point's backends ask for them).
 */
export class MonitorIndex {
  /** The namespaces that hold a custom resource that may make Services or pods the input does not show. */
  public readonly makers = new Set<string>();
  private readonly monitors: { readonly [K in Monitor['kind']]: Monitor[] } = { ServiceMonitor: [], PodMonitor: [] };
  private readonly operated = new Map<string, { name: string; label: string }[]>();
  private readonly candidates = new Map<string, readonly CandidateService[]>();
  private readonly selected = new Map<Monitor, readonly CandidateService[]>();
  private headless?: ReadonlySet<string>;

  public constructor(private readonly ctx: CheckContext) {
    const objects = ctx.model.objects;
    for (let i = 0; i < objects.length; i++) { // indexed: see src/model/scan.ts
      const o = objects[i];
      const apiVersion = o.object?.apiVersion;
      if (typeof apiVersion !== 'string') continue;
      const group = apiGroup(apiVersion);
      if (group === MONITORING_GROUP) {
        const kind = o.object.kind;
        if (kind === 'ServiceMonitor' || kind === 'PodMonitor') {
          const m = readMonitor(o, kind);
          if (m) this.monitors[kind].push(m);
        }
        const label = OPERATED_LABELS[String(kind)];
        if (label) pushTo(this.operated, o.namespace, { name: `${label.slice('operated-'.length)}-operated`, label });
      }
      if (isMaker(o, group)) this.makers.add(o.namespace);
    }
  }

  /** The ServiceMonitors or PodMonitors of the input, in input order. */
  public of(kind: Monitor['kind']): readonly Monitor[] {
    return this.monitors[kind];
  }

  /** The Services a ServiceMonitor may select in `namespace`: the input's, then those the cluster makes. */
  public servicesIn(namespace: string): readonly CandidateService[] {
    let out = this.candidates.get(namespace);
    if (!out) {
      out = readCandidates(this.ctx, namespace, this.operated.get(namespace) ?? []);
      this.candidates.set(namespace, out);
    }
    return out;
  }

  /** `selectedServices`, read once per monitor. */
  public selectedBy(m: Monitor): readonly CandidateService[] {
    let out = this.selected.get(m);
    if (!out) {
      const selects = monitorMatcher(m.selector);
      out = (m.namespaces ?? this.ctx.model.namespaces()).flatMap((ns) => this.servicesIn(ns).filter((s) => selects(s.labels)));
      this.selected.set(m, out);
    }
    return out;
  }

  /** `monitoredHeadlessKeys`, read once per run. */
  public monitoredHeadless(): ReadonlySet<string> {
    if (this.headless === undefined) {
      const out = new Set<string>();
      for (const m of this.of('ServiceMonitor')) {
        for (const s of this.selectedBy(m)) if (s.record?.headless) out.add(`${s.namespace}/${s.name}`);
      }
      this.headless = out;
    }
    return this.headless;
  }
}

/** A ServiceMonitor or PodMonitor, or undefined without a name or spec. */
function readMonitor(o: NamespacedObject, kind: Monitor['kind']): Monitor | undefined {
  const name = nameOf(o);
  const spec = asRecord(o.object.spec);
  if (!name || !spec) return undefined;
  const nsel = asRecord(spec.namespaceSelector);
  const names = asArray(nsel?.matchNames).filter((n): n is string => typeof n === 'string' && n !== '');
  const namespaces = nsel?.any === true ? undefined : names.length > 0 ? [...new Set(names)] : [o.namespace];
  const field = kind === 'ServiceMonitor' ? 'endpoints' : 'podMetricsEndpoints';
  const ports = asArray(spec[field]).flatMap((e, i) => {
    const port = nonEmptyString(asRecord(e)?.port);
    return port === undefined ? [] : [{ where: `spec.${field}[${i}].port`, port }];
  });
  return { object: o, kind, name, namespace: o.namespace, selector: spec.selector, namespaces, ports };
}

/** The ServiceMonitors or PodMonitors of the input, in input order. */
export function readMonitors(ctx: CheckContext, kind: Monitor['kind']): readonly Monitor[] {
  return ctx.monitors.of(kind);
}

/**
 * The namespaces a monitor reads, when the run can judge all of them (see the file comment); undefined when it
 * cannot.
 */
export function judgedNamespaces(ctx: CheckContext, m: Monitor, makers: ReadonlySet<string>): readonly string[] | undefined {
  if (selectorHasPlaceholder(m.selector) || m.namespaces?.some(isUnfilled)) return undefined;
  const complete = ctx.options.complete;
  if (m.namespaces === undefined && !complete) return undefined;
  const namespaces = m.namespaces ?? ctx.model.namespaces();
  for (const ns of namespaces) {
    if (!ctx.judgesAllServicesIn(ns)) return undefined;
    if (ctx.chartReleasesInto(ns).length > 0 || makers.has(ns)) return undefined;
  }
  return namespaces;
}

/** The namespaces that hold a custom resource that may make Services or pods the input does not show. */
export function namespacesWithMakers(ctx: CheckContext): ReadonlySet<string> {
  return ctx.monitors.makers;
}

/** Whether an object of API group `group` is a custom resource that may make Services or pods. */
function isMaker(o: NamespacedObject, group: string): boolean {
  if (group === '' || !group.includes('.') || group.endsWith('.k8s.io') && group !== 'gateway.networking.k8s.io') return false; // built-in groups
  return !INERT_GROUPS.has(group) && builtinKind(o.object) === undefined && workloadKind(o.object) === undefined;
}

/** The labels of prometheus-operator's kubelet Service (pkg/kubelet/controller.go). */
const KUBELET_LABELS = { 'k8s-app': 'kubelet', 'app.kubernetes.io/name': 'kubelet', 'app.kubernetes.io/managed-by': 'prometheus-operator' };

/** The label prometheus-operator puts on the governing Service of each kind it runs. */
const OPERATED_LABELS: { readonly [kind: string]: string } = {
  Prometheus: 'operated-prometheus', Alertmanager: 'operated-alertmanager', ThanosRuler: 'operated-thanos-ruler',
};

/** The Services a ServiceMonitor may select in `namespace`: the input's, then those the cluster makes. */
export function candidateServices(ctx: CheckContext, namespace: string): readonly CandidateService[] {
  return ctx.monitors.servicesIn(namespace);
}

/** See `candidateServices`; `operated`: the governing Services of the namespace's Prometheus, Alertmanager, ThanosRuler. */
function readCandidates(ctx: CheckContext, namespace: string, operated: readonly { name: string; label: string }[]): CandidateService[] {
  const out: CandidateService[] = ctx.model.servicesIn(namespace).map((s) => ({
    namespace,
    name: s.name,
    labels: labelsOf({ namespace, object: s.object }),
    record: s,
    // an ExternalName Service has no endpoints; a selectorless one has those someone writes
    ports: s.type === 'ExternalName' ? [] : s.selector ? s.ports.map((p) => p.name) : undefined,
  }));
  const names = new Set(out.map((s) => s.name));
  const add = (s: CandidateService) => {
    if (names.has(s.name)) return;
    names.add(s.name);
    out.push(s);
  };
  if (namespace === 'default') add({ namespace, name: 'kubernetes', labels: { component: 'apiserver', provider: 'kubernetes' }, ports: ['https'] });
  if (namespace === 'kube-system') {
    add({ namespace, name: 'kube-dns', labels: { 'k8s-app': 'kube-dns', 'kubernetes.io/cluster-service': 'true', 'kubernetes.io/name': 'CoreDNS' }, ports: ['dns', 'dns-tcp', 'metrics'] });
  }
  add({ namespace, name: 'kubelet', labels: KUBELET_LABELS, ports: ['https-metrics', 'http-metrics', 'cadvisor'] });
  for (const { name, label } of operated) add({ namespace, name, labels: { [label]: 'true' } });
  return out;
}

/**
 * The Services that the monitor's selector keeps in every namespace it reads (`Monitor.namespaces`, or every namespace
 * of the input), the input's then those the cluster makes, namespace by namespace (read once per run).
 */
export function selectedServices(ctx: CheckContext, m: Monitor): readonly CandidateService[] {
  return ctx.monitors.selectedBy(m);
}

/**
 * `namespace/name` of every headless Service of the input that a ServiceMonitor of the input selects, in every
 * namespace it reads, judged or not: prometheus-operator keeps the targets whose EndpointSlice port name matches the
 * endpoint's `port` (promcfg.go), so it depends on the Service's ports as kube-proxy would (lib/entry-backends.ts
 * unroutedHeadless). Read once per run.
 */
export function monitoredHeadlessKeys(ctx: CheckContext): ReadonlySet<string> {
  return ctx.monitors.monitoredHeadless();
}

/** Whether an endpoint `port` (a regex, compiled by patternMatcher) may keep some port of the Service. */
export function servicePortKept(s: CandidateService, port: PatternMatcher): boolean {
  return s.ports === undefined || s.ports.some((name) => port(name) !== false);
}
