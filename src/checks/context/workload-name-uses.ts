/**
 * The host names that workloads use, and what each means from the pod's namespace: the scan behind
 * workload-name-unresolved and namespace-not-in-input, done once per run (`ctx.workloadNameUses`).
 *
 * Sources: container `env[].value`, `command`/`args` (also the value of `--flag=value` and `-Dkey=value`), after
 * Kubernetes' `$(VAR)` expansion, and ConfigMap `data` values of the same namespace. The value shapes are those of
 * lib/workload-values.ts. Only hosts that are in-cluster by shape are judged (one label, `...svc...`, in the cluster
 * domain, `<name>.<existing namespace>`, or `<pod>.<Service>[.<namespace>]` for a Service that exists), since other
 * names go to upstream DNS, which cannot be checked offline. Each host is expanded with the pod's ClusterFirst search
 * path (dns-rules 43-46).
 */
import type { CheckContext } from './check-context';
import type { PodTemplate, TemplateContainer } from './pod-templates';
import type { ResolverMemo } from './resolver-memo';
import type { PodRange } from './stateful-sets';
import { CLUSTERSET_BOUND, CONFIGMAP_KEYS_BOUND, EXPANSION_BOUND, MAX_CONFIGMAP_KEYS } from './workload-name-bounds';
import { parseQuery } from '../../dns/parse';
import type { ClusterModel } from '../../model/cluster-model';
import { asArray, asRecord, nonEmptyString } from '../../model/manifest';
import type { NamespacedObject } from '../../model/pods';
import { isSimulatedKind } from '../../model/workload-kinds';
import { nameOf, resourceId, selects } from '../helpers';
import { renamedHost, RenamedService } from '../lib/kustomize-renames';
import { CLUSTERSET_ZONE, clustersetService } from '../lib/multicluster';
import { NameHints as HintWork } from '../lib/nearest-name';
import {
  expandContainer, ExpandedValue, HOST_NAME_HINT, IMAGE_RE, inClusterShape, isExternalUrlName, NO_HOST, NOT_HOST_NAME_HINT, notLookedUp,
  OBJECT_NAME_RE, TLS_NAME_RE, valueShape, ValueShape,
} from '../lib/workload-values';

/**
 * Whether a host is `<pod>.<service>` (a Service of `ns`) or `<pod>.<service>.<namespace>`: a StatefulSet pod's name
 * below its governing Service, found through the search path (`kafka-0.kafka:9092` from the pod's namespace).
 */
function belowService(model: ClusterModel, host: string, ns: string): boolean {
  if (host.endsWith('.')) return false;
  const labels = host.split('.');
  if (labels.length === 2) return model.service(ns, labels[1]) !== undefined;
  return labels.length === 3 && model.namespaceExists(labels[2]) && model.service(labels[2], labels[1]) !== undefined;
}

/** The namespace an in-cluster name points into (`svc.ns`, `svc.ns.svc[.zone]`), if it names one. */
function namespaceOfName(bare: string, zone: string): string | undefined {
  const labels = (bare.endsWith(`.${zone}`) ? bare.slice(0, -zone.length - 1) : bare).split('.');
  const svc = labels.lastIndexOf('svc');
  if (svc >= 1) return labels[svc - 1];
  return labels.length === 2 ? labels[1] : undefined;
}

/** The Service a name would reach from `ns` if it had ready endpoints: `namespace/name`, when the model has it. */
function serviceBehind(resolver: ResolverMemo, model: ClusterModel, host: string, ns: string): { namespace: string; name: string } | undefined {
  for (const c of resolver.candidates(host, ns)) {
    const q = parseQuery(c, model.options.clusterDomain);
    if (q.kind === 'service' && q.endpoint === undefined && q.port === undefined && model.service(q.namespace, q.service)) {
      return { namespace: q.namespace, name: q.service };
    }
  }
  return undefined;
}

/**
 * Whether the Service selects the pods of a workload whose pods the resolver does not simulate (Job, CronJob,
 * ReplicationController; model/workload-kinds.ts): they are its endpoints while they run (emojivoto-job.yml serves
 * its gRPC APIs from Jobs behind headless Services), so the checker cannot say the Service has none. A live export
 * that holds such pods (with their status) is left to the resolver, which reads their readiness.
 */
function servedByUnsimulatedPods(ctx: CheckContext, behind: { namespace: string; name: string }): boolean {
  const svc = ctx.model.service(behind.namespace, behind.name);
  const selector = svc?.selector;
  if (!svc || !selector || !ctx.endpointTemplatesOf(svc).some((t) => t.kind !== 'Pod' && !isSimulatedKind(t.owner.object))) return false;
  return !ctx.model.podsIn(svc.namespace).some((p) => !p.simulated && selects(selector, p.labels));
}

/**
 * What a host means from one namespace, the same for every value that names it (a check asks the same few hosts from
 * thousands of workloads, so each (namespace, host) is judged once per run).
 */
export type Verdict =
  /** Not in-cluster by shape, or resolves with cluster DNS and needs no message; `cut`: not judged, as a bound cut it. */
  | { readonly kind: 'skip'; readonly cut?: true }
  | { readonly kind: 'resolves' } // resolves: reported only for pods without cluster DNS
  | { readonly kind: 'no-ready-endpoints'; readonly bare: string; readonly namespace: string; readonly name: string }
  /** `elsewhere`: a namespace of the input with a Service of the host's name (a short name only; its `hint`). */
  | { readonly kind: 'missing'; readonly bare: string; readonly hint: string; readonly tried: string; readonly elsewhere?: string }
  /** Names a pod of a StatefulSet of the input that it does not have (`consul-5.consul` for 3 replicas). */
  | { readonly kind: 'no-such-pod'; readonly bare: string; readonly pods: PodRange }
  /** Does not resolve, and points into `target`, a namespace the input does not describe (another repository's?). */
  | { readonly kind: 'not-in-input'; readonly bare: string; readonly target: string; readonly similar?: string; readonly tried: string };

const SKIP: Verdict = { kind: 'skip' };
/** Not judged: a `clusterset.local` name whose search for a near miss the run's hint work cut (`CLUSTERSET_BOUND`). */
const SKIP_PAST_BOUND: Verdict = { kind: 'skip', cut: true };

const RESOLVES: Verdict = { kind: 'resolves' };

/** What the name of a value (env var, flag, key) says about it: IMAGE_RE, TLS_NAME_RE, OBJECT_NAME_RE, isExternalUrlName, HOST_NAME_HINT, NOT_HOST_NAME_HINT. */
interface NameHints {
  readonly image: boolean;
  /** A TLS server name (TLS_NAME_RE), an object name (OBJECT_NAME_RE): see notLookedUp. */
  readonly tlsName: boolean;
  readonly objectName: boolean;
  readonly externalUrl: boolean;
  readonly host: boolean;
  readonly user: boolean;
}

/** `hostsOf` and the verdicts of one run, memoized (both are pure in their arguments). */
class HostJudge {
  private readonly shapes = new Map<string, ValueShape>();
  private readonly nameHints = new Map<string, NameHints>();
  private readonly verdicts = new Map<string, Map<string, Verdict>>();
  /** The run's "did you mean" work (MAX_HINT_WORK): thousands of missing names, each against thousands of others. */
  private readonly similar = new HintWork();

  public constructor(private readonly ctx: CheckContext) {}

  /**
   * `hostsOf(value, name)`, unless `name` says the value is a container image (`IMAGE=redis:7.2`, `--image=nginx:1.27`:
   * the name is the only part of the place text that can contain "image"), an external URL, a TLS server name or an
   * object name, which are never looked up (`TLS_RELAY_SERVER_NAME=relay.obs.svc.cluster.local`, `--caSecretName=x.ns.svc.ca`). Reads each
   * value and each name once.
   */
  public hostsUsed(value: string, name: string): readonly string[] {
    // A URL and `host:port` have a colon, a `.svc` name a dot: values with neither (`info`, `30s`) name no host, and
    // are a third of all values, so they are not looked up.
    if (value.indexOf(':') === -1 && value.indexOf('.') === -1) return NO_HOST.hosts;
    let shape = this.shapes.get(value);
    if (!shape) this.shapes.set(value, shape = valueShape(value));
    if (shape.hosts.length === 0) return NO_HOST.hosts;
    const hints = this.hintsOf(name);
    if (hints.image || hints.externalUrl) return NO_HOST.hosts;
    if ((hints.tlsName || hints.objectName) && notLookedUp(name, value, hints.tlsName, hints.objectName, false)) return NO_HOST.hosts;
    if (shape.sure) return shape.hosts;
    // hostsFromShape, with the name's hints read once
    const userLike = hints.user || shape.account;
    return hints.host || !userLike ? shape.hosts : NO_HOST.hosts;
  }

  /** What a name says about its values, read once per name: the same names recur in every workload. */
  private hintsOf(name: string): NameHints {
    let hints = this.nameHints.get(name);
    if (!hints) {
      hints = {
        image: IMAGE_RE.test(name),
        tlsName: TLS_NAME_RE.test(name),
        objectName: OBJECT_NAME_RE.test(name),
        externalUrl: isExternalUrlName(name),
        host: HOST_NAME_HINT.test(name),
        user: NOT_HOST_NAME_HINT.test(name),
      };
      this.nameHints.set(name, hints);
    }
    return hints;
  }

  /** The verdicts for pods in `ns`, by host: asked once per container or ConfigMap, then by host for each value. */
  public verdictsIn(ns: string): Map<string, Verdict> {
    let byHost = this.verdicts.get(ns);
    if (!byHost) this.verdicts.set(ns, byHost = new Map());
    return byHost;
  }

  /** The verdict on `host` (from `hostsUsed`) used by a pod in `ns`; `byHost` is `verdictsIn(ns)`. */
  public verdict(host: string, ns: string, byHost: Map<string, Verdict>): Verdict {
    let v = byHost.get(host);
    if (!v) byHost.set(host, v = this.judge(host, ns));
    return v;
  }

  private judge(host: string, ns: string): Verdict {
    const ctx = this.ctx;
    const model = ctx.model;
    const shaped = inClusterShape(model, host);
    if (!shaped && !belowService(model, host, ns)) return SKIP;
    const clusterset = clustersetService(host);
    if (clusterset) return judgeClusterset(ctx, host, ns, clusterset, this.similar);
    const resolver = ctx.resolver;
    if (resolver.resolveFromPod(host, ns)) return RESOLVES;
    if (madeInCluster(ctx, resolver.candidates(host, ns))) return RESOLVES;
    const bare = host.replace(/\.$/, '');
    const behind = serviceBehind(resolver, model, host, ns);
    if (behind) return servedByUnsimulatedPods(ctx, behind) ? RESOLVES : { kind: 'no-ready-endpoints', bare, ...behind };
    const pods = ctx.statefulSets.podOutOfRange(ns, bare);
    if (pods === 'unknown') return SKIP;
    if (pods) return { kind: 'no-such-pod', bare, pods };
    const tried = resolver.candidates(host, ns).slice(0, 4).join(', ');
    // below a Service of the input: in a namespace it describes
    const target = shaped ? namespaceOfName(bare, model.options.clusterDomain) : undefined;
    const covered = ctx.coveredNamespaces;
    if (target !== undefined && !covered.has(target)) {
      return { kind: 'not-in-input', bare, target, similar: this.similar.nearest(target, () => [...covered]), tried };
    }
    const first = bare.split('.')[0];
    const elsewhere = ctx.servicesNamed(first).filter((s) => s.namespace !== ns).map((s) => s.namespace).slice(0, 3);
    if (elsewhere.length === 0 || bare.includes('.')) return { kind: 'missing', bare, hint: '', tried };
    const hint = ` A Service "${first}" exists in namespace ${elsewhere.map((n) => `"${n}"`).join(', ')}: use "${first}.${elsewhere[0]}".`;
    return { kind: 'missing', bare, hint, tried, elsewhere: elsewhere[0] };
  }
}

/**
 * The verdict on a name of the Multi-Cluster Services zone (`<service>.<namespace>.svc.clusterset.local`), which the
 * cluster DNS answers from the ServiceImports the MCS controller makes when a cluster of the clusterset exports the
 * Service (KEP-1645; context/multicluster.ts): it resolves when the input has a ServiceImport or ServiceExport of that
 * name and namespace; it is missing when one of the namespace is a near miss of the name (a typo, looked for within
 * the run's hint work: MAX_HINT_WORK), or, with `--complete`, when there is none; otherwise another cluster may export
 * it, which the input cannot tell (and when the hint work ran out before the namespace's names were compared, whether
 * it is a typo cannot be told either: `SKIP_PAST_BOUND`, reported as left unjudged; a namespace with no ServiceImport
 * or ServiceExport has nothing to compare, so no cut).
 */
function judgeClusterset(ctx: CheckContext, host: string, ns: string, wanted: { readonly service: string; readonly namespace: string },
  similarWork: HintWork): Verdict {
  const mc = ctx.multicluster;
  if (mc.clustersetObject(wanted.namespace, wanted.service)) return RESOLVES;
  const bare = host.replace(/\.$/, '');
  const tried = ctx.resolver.candidates(host, ns).slice(0, 4).join(', ');
  const search = similarWork.search(wanted.service, () => mc.clustersetNamesIn(wanted.namespace));
  if (search.kind === 'found') {
    const similar = search.name;
    return {
      kind: 'missing',
      bare,
      tried,
      hint: ` Namespace "${wanted.namespace}" exports or imports "${similar}" (ServiceExport or ServiceImport), not "${wanted.service}": did you mean "${similar}.${wanted.namespace}.svc.${CLUSTERSET_ZONE}"?`,
    };
  }
  if (!ctx.options.complete) return search.kind === 'cut' ? SKIP_PAST_BOUND : SKIP;
  return {
    kind: 'missing',
    bare,
    tried,
    hint: ` A ${CLUSTERSET_ZONE} name resolves only where the cluster has a ServiceImport "${wanted.service}" in namespace "${wanted.namespace}", which the Multi-Cluster Services controller makes when a cluster of the clusterset exports the Service (ServiceExport); the input, which --complete declares to be the whole cluster, has neither.`,
  };
}

/**
 * Whether a name the pod tries is `<service>.<ns>.svc.<zone>`, or a host below it, of a Service that the cluster makes
 * from a resource of the input (`ctx.serviceMadeInCluster`): an operator's (`prometheus-operated`, `<name>-es-http`;
 * context/operator-services.ts) or a chart release's (context/chart-releases.ts). The cluster has it although the
 * input does not.
 */
function madeInCluster(ctx: CheckContext, candidates: readonly string[]): boolean {
  const suffix = `.svc.${ctx.model.options.clusterDomain.toLowerCase().replace(/\.$/, '')}.`;
  for (const c of candidates) {
    const name = c.toLowerCase();
    if (!name.endsWith(suffix)) continue;
    const labels = name.slice(0, -suffix.length).split('.');
    if (labels.length !== 2 && labels.length !== 3) continue;
    if (ctx.serviceMadeInCluster(labels[labels.length - 1], labels[labels.length - 2])) return true;
  }
  return false;
}

/** One use of a host that a rule may report: its object, where it is written, and the verdict on the host. */
export interface NameUse {
  /** The workload, Pod or ConfigMap. */
  readonly object: NamespacedObject;
  /** `resourceId(object)`. */
  readonly resource: string;
  /** `Deployment "app"`, `ConfigMap "urls"`: the object, for messages. */
  readonly owner: string;
  /** `Deployment "app" container "main" env DB_URL uses "<value>"` (with the expansion when it differs). */
  readonly text: string;
  /** The namespace of the pod or ConfigMap. */
  readonly namespace: string;
  /** False for pods that do not use cluster DNS (`dnsPolicy: Default`, `hostNetwork` without ClusterFirstWithHostNet). */
  readonly clusterDns: boolean;
  readonly verdict: Verdict;
  /**
   * A `missing` host that names a Service the object's kustomize build renamed (`web`, when the build has `dev-web`:
   * lib/kustomize-renames.ts). @default - none
   */
  readonly renamed?: RenamedService;
}

/** Where values come from: a container of a pod template, or a ConfigMap; `verdicts` is `verdictsIn(namespace)`. */
type Source = { readonly namespace: string; readonly verdicts: Map<string, Verdict>; readonly clusterDns: boolean } & (
  | { readonly template: PodTemplate; readonly container: string }
  | { readonly configMap: NamespacedObject });

/** The uses worth a message: with cluster DNS, hosts that do not resolve; without it, hosts that would. */
function worthReporting(v: Verdict, clusterDns: boolean): boolean {
  return clusterDns ? v.kind !== 'skip' && v.kind !== 'resolves' : v.kind === 'resolves';
}

/** Where a value is used: an env var, an argument (`index` in command + args) or a ConfigMap key. */
type Place = 'env' | 'arg' | 'key';

/**
 * `env NAME`, `args[3] --flag` (`args[3]` for a positional argument, whose name is empty) or `key NAME`, for messages.
 * Built only for findings.
 */
function whereText(place: Place, index: number, name: string): string {
  if (place === 'env') return `env ${name}`;
  if (place === 'key') return `key ${name}`;
  return name === '' ? `args[${index}]` : `args[${index}] ${name}`;
}

/** The uses of hosts in the input that a rule may report, in input order (read once per run: `ctx.workloadNameUses`). */
export function readWorkloadNameUses(ctx: CheckContext): NameUse[] {
  const out: NameUse[] = [];
  const judge = new HostJudge(ctx);
  /**
   * Checks one value; `name` is the env var, flag or key it is given under (empty for a positional argument),
   * `written` the value as written when `$(VAR)` expansion changed it.
   */
  const use = (src: Source, place: Place, index: number, name: string, value: string, written: string | undefined) => {
    const hosts = judge.hostsUsed(value, name);
    for (let i = 0; i < hosts.length; i++) {
      const v = judge.verdict(hosts[i], src.namespace, src.verdicts);
      if (v.kind === 'skip' && v.cut === true) ctx.unjudged.record(CLUSTERSET_BOUND, 'template' in src ? src.template.ownerId : resourceId(src.configMap));
      if (!worthReporting(v, src.clusterDns)) continue;
      const object = 'template' in src ? src.template.owner : src.configMap;
      const owner = 'template' in src ? `${src.template.kind} "${src.template.name}"` : `ConfigMap "${nameOf(src.configMap) ?? ''}"`;
      const subject = 'template' in src ? `${owner} container "${src.container}"` : owner;
      const shown = written === undefined ? `"${value}"` : `"${written}" (expanded: "${value}")`;
      const resource = 'template' in src ? src.template.ownerId : resourceId(src.configMap);
      const renamed = v.kind === 'missing' && src.clusterDns ? renamedHost(ctx, object.source, hosts[i], src.namespace) : undefined;
      out.push({
        object,
        resource,
        owner,
        text: `${subject} ${whereText(place, index, name)} uses ${shown}`,
        namespace: src.namespace,
        clusterDns: src.clusterDns,
        verdict: v,
        ...(renamed ? { renamed } : {}),
      });
    }
  };
  for (const t of ctx.podTemplates) {
    const spec = t.spec;
    const policy = nonEmptyString(spec.dnsPolicy) ?? 'ClusterFirst';
    const hostNet = spec.hostNetwork === true;
    const clusterDns = policy === 'ClusterFirstWithHostNet' || (policy === 'ClusterFirst' && !hostNet) || policy === 'None';
    let raw: Map<string, { [key: string]: any }> | undefined; // the template's raw containers by name, read once
    for (const c of t.containers) {
      const src: Source = { template: t, container: c.name, namespace: t.namespace, clusterDns, verdicts: judge.verdictsIn(t.namespace) };
      const values: ContainerValues = hasDollar(c) ? expandedValues((raw ??= rawContainers(t)).get(c.name), c) : c;
      if (values.cut === true) ctx.unjudged.record(EXPANSION_BOUND, t.ownerId);
      for (const e of values.env) use(src, 'env', 0, e.name, e.value, e.written);
      const args = values.args;
      for (let i = 0; i < args.length; i++) {
        const a = args[i];
        const w = values.argsWritten?.[i];
        // `--flag=value`, `-Dkey=value`: the flag names the value
        const eq = a.startsWith('-') ? a.indexOf('=') : -1;
        if (eq === -1) {
          use(src, 'arg', i, '', a, w);
        } else {
          const flag = a.slice(0, eq);
          use(src, 'arg', i, flag, a.slice(eq + 1), w?.startsWith(`${flag}=`) ? w.slice(eq + 1) : w);
        }
      }
    }
  }
  for (const cm of ctx.objectsOfKind('ConfigMap')) {
    const data = asRecord(cm.object.data);
    if (!data) continue;
    const src: Source = { configMap: cm, namespace: cm.namespace, clusterDns: true, verdicts: judge.verdictsIn(cm.namespace) };
    let read = 0; // the keys read: only one-line strings are (a multi-line value is a file's contents)
    for (const key of Object.keys(data)) {
      const v = data[key];
      if (typeof v !== 'string' || v.includes('\n')) continue;
      if (read++ === MAX_CONFIGMAP_KEYS) { // a key that would be read, past the bound
        ctx.unjudged.record(CONFIGMAP_KEYS_BOUND, resourceId(cm));
        break;
      }
      use(src, 'key', 0, key, v, undefined);
    }
  }
  return out;
}

/** A container's values as it sees them; `argsWritten[i]`: argument `i` as written, when expansion changed it. */
interface ContainerValues {
  readonly env: readonly ExpandedValue[];
  readonly args: readonly string[];
  readonly argsWritten?: readonly (string | undefined)[];
  /** True when a value was too long to expand and is kept as written (`expandContainer`). */
  readonly cut?: boolean;
}

/**
 * The env values and arguments of a container whose values have a `$`, as it sees them: with `$(VAR)` expanded, read
 * from its raw container `raw`, else (no raw container of its name) as the template read them.
 */
function expandedValues(raw: { [key: string]: any } | undefined, c: TemplateContainer): ContainerValues {
  if (!raw) return c;
  const { env, args, cut } = expandContainer(raw);
  return { env, args: args.map((a) => a.value), argsWritten: args.map((a) => a.written), cut };
}

function hasDollar(c: TemplateContainer): boolean {
  for (let i = 0; i < c.env.length; i++) if (c.env[i].value.includes('$')) return true;
  for (let i = 0; i < c.args.length; i++) if (c.args[i].includes('$')) return true;
  return false;
}

/**
 * The containers of the pod spec by name (regular, init, then ephemeral; names are unique in a pod, and the first of a
 * name is kept), read once per template: a search per container made a pod of 40,000 containers that use `$(VAR)`
 * take 6 s.
 */
function rawContainers(t: PodTemplate): Map<string, { [key: string]: any }> {
  const out = new Map<string, { [key: string]: any }>();
  for (const key of ['containers', 'initContainers', 'ephemeralContainers']) {
    const list = asArray(t.spec[key]);
    for (let i = 0; i < list.length; i++) {
      const c = asRecord(list[i]);
      if (c && typeof c.name === 'string' && !out.has(c.name)) out.set(c.name, c);
    }
  }
  return out;
}
