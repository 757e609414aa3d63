/**
 * The check context (after kube-linter's lint context): what the rules of one check run share. The engine builds one
 * per run and passes it to every rule's `check(ctx)`; it holds the model, the resolved options, and the indexes and
 * answers that several rules need, each built on first use and kept until the run ends (a model never changes; bench/:
 * every rule filtering all objects again was a tenth of the check). Nothing outlives the run, and nothing is shared
 * between runs.
 */
import { ChartRelease, ChartReleases } from './chart-releases';
import { ExternalNames } from './external-names';
import { IstioConfig } from './istio-config';
import { Multicluster } from './multicluster';
import { OperatorServices } from './operator-services';
import { PodMaker, PodMakers } from './pod-makers';
import { isHelmTestTemplate, PodTemplate, readPodTemplates } from './pod-templates';
import { ResolverMemo } from './resolver-memo';
import { StatefulSets } from './stateful-sets';
import { TemplateIndex } from './template-index';
import { Unjudged } from './unjudged';
import { NameUse, readWorkloadNameUses } from './workload-name-uses';
import { CONTROLLER_MANAGERS, excludedFromEndpoints, LEADER_ANNOTATION, MANAGED_BY_LABEL } from '../../k8s-syntax/well-known';
import type { ClusterModel } from '../../model/cluster-model';
import { isClusterScoped, namespaceMadeBy } from '../../model/cluster-scoped';
import { emissaryResolvesInOwnNamespace } from '../../model/controller-routes';
import { BackendRef, readEntryBackends, ROUTE_KINDS, ServiceRef } from '../../model/entry-points';
import { builtinKind, asRecord, nonEmptyString } from '../../model/manifest';
import type { NamespacedObject } from '../../model/pods';
import type { ServiceRecord } from '../../model/records';
import { rolloutServiceRefs, rolloutTrafficRefs, TrafficObjectRef } from '../../model/rollout-services';
import type { CalledServiceRef } from '../../model/webhook-services';
import { workloadKind } from '../../model/workload-kinds';
import { apiServerEndpoints, hasOwner, labelOf, nameOf, pushTo } from '../helpers';
import { readCalledServices } from '../lib/called-services';
import { KustomizeBuiltMatch } from '../lib/kustomize-labels';
import { MonitorIndex } from '../lib/monitors';
import type { ResolvedCheckOptions } from '../options';
import { ValidKeys } from '../validation/metadata';

/** The built-in kinds that rules read by kind (`builtinKind`, src/model/manifest.ts). */
export type RuleKind = 'Service' | 'Endpoints' | 'EndpointSlice' | 'StatefulSet' | 'ConfigMap' | 'Ingress' | 'ReferenceGrant'
| typeof ROUTE_KINDS[number] | typeof POD_KINDS[number];

/** The built-in kinds that carry a pod spec, in the order the workload rules read them. */
export const POD_KINDS = ['Pod', 'Deployment', 'ReplicaSet', 'DaemonSet', 'StatefulSet', 'ReplicationController', 'Job', 'CronJob', 'DeploymentConfig'] as const;

/** The namespaces of the input's Services and workloads (pod templates). */
function appNamespaces(services: readonly ServiceRecord[], templates: readonly PodTemplate[]): Set<string> {
  const out = new Set<string>();
  for (const s of services) out.add(s.namespace);
  for (const t of templates) out.add(t.namespace);
  return out;
}

/** The model's objects by built-in kind, and those with pod templates, read in one pass. */
interface ObjectIndex {
  /** Built-in objects by kind (`builtinKind`: a Knative `Service` is not among the Services), in input order. */
  readonly byKind: Map<string, NamespacedObject[]>;
  /** Pods and workloads (the objects that have pod templates), in input order. */
  readonly templateSources: readonly NamespacedObject[];
}

/** What the rules of one check run share. */
export class CheckContext {
  /**
   * Label and annotation keys found valid, for the API-server rules' metadata checks: manifests use a few keys on
   * thousands of objects.
   */
  public readonly validKeys = new ValidKeys();
  /**
   * What the bounds met while the rules run left unjudged (context/unjudged.ts): the one way for a rule or a helper
   * that stops at a bound to say so; the engine reports it after the rules.
   */
  public readonly unjudged = new Unjudged();
  private objectIndex?: ObjectIndex;
  private templates?: readonly PodTemplate[];
  private index?: TemplateIndex;
  private readonly selectedBy = new Map<ServiceRecord, PodTemplate[]>();
  private servicesByName?: Map<string, ServiceRecord[]>;
  private covered?: ReadonlySet<string>;
  private slices?: readonly NamespacedObject[];
  private endpoints?: readonly NamespacedObject[];
  private endpointsByName?: Map<string, NamespacedObject[]>;
  private resolverMemo?: ResolverMemo;
  private externalNameIndex?: ExternalNames;
  private statefulSetIndex?: StatefulSets;
  private nameUses?: readonly NameUse[];
  private podMakerIndex?: PodMakers;
  private operatorServiceIndex?: OperatorServices;
  private chartReleaseIndex?: ChartReleases;
  private multiclusterIndex?: Multicluster;
  private kustomizeBuiltIndex?: KustomizeBuiltMatch;
  private backendRefs?: readonly BackendRef[];
  private rolloutRefs?: readonly ServiceRef[];
  private trafficRefs?: readonly TrafficObjectRef[];
  private calledRefs?: readonly CalledServiceRef[];
  private istioConfig?: IstioConfig;
  private monitorIndex?: MonitorIndex;
  private backendNamespaces?: ReadonlySet<string>;

  public constructor(
    /** The cluster model of the input (never changed by a rule). */
    public readonly model: ClusterModel,
    /** The model options plus the run's options (CIDRs parsed, the ExternalName policy, `complete`). */
    public readonly options: ResolvedCheckOptions,
  ) {}

  /**
   * The objects of one built-in kind in its own API group (any version of it: apps/v1beta1 StatefulSets are read as
   * apps/v1, see removed-apis.ts), in input order; a new array, callers may change it. Kinds that other groups reuse are
   * not theirs: a Knative or ACK `Service`, an OpenKruise `StatefulSet` is judged by its own controller and webhook, not
   * by the rules of the built-in kind.
   */
  public objectsOfKind(kind: RuleKind): NamespacedObject[] {
    return this.objects().byKind.get(kind)?.slice() ?? [];
  }

  /** Every pod template of the input (see pod-templates.ts), in input order; frozen. */
  public get podTemplates(): readonly PodTemplate[] {
    return this.templates ??= Object.freeze(readPodTemplates(this.model, this.objects().templateSources));
  }

  /** The `TemplateIndex` of `podTemplates`. */
  public get templateIndex(): TemplateIndex {
    return this.index ??= new TemplateIndex(this.podTemplates);
  }

  /**
   * The templates whose pods become the Service's endpoints: `templateIndex.selected(svc.namespace, svc.selector)`
   * (nothing without a selector) less Helm test Pods and Jobs, kept per Service record: several rules ask it for every
   * Service. A chart's test Pod carries the release's labels, so the Services select it, but it exists only while
   * `helm test` runs it (Argo CD never applies it), and the model gives the Service no endpoint from it, unless the
   * Service is a test hook too; a live export's pods (with `status`) are taken literally: the predicates are
   * well-known.ts isHelmTestRun and excludedFromEndpoints. A new list each call.
   */
  public endpointTemplatesOf(svc: ServiceRecord): PodTemplate[] {
    let selected = this.selectedBy.get(svc);
    if (!selected) {
      const metadata = svc.object.metadata;
      selected = svc.selector
        ? this.templateIndex.selected(svc.namespace, svc.selector).filter((t) => !excludedFromEndpoints(isHelmTestTemplate(t), metadata))
        : [];
      this.selectedBy.set(svc, selected);
    }
    return selected.slice();
  }

  /** The Services named `name` in every namespace, in `model.services()` order (findings that say where else a name exists). */
  public servicesNamed(name: string): readonly ServiceRecord[] {
    if (!this.servicesByName) {
      this.servicesByName = new Map();
      const services = this.model.services();
      for (let i = 0; i < services.length; i++) pushTo(this.servicesByName, services[i].name, services[i]); // see scan.ts
    }
    return this.servicesByName.get(name) ?? [];
  }

  /** The `NamespacedObject` of a Service record's object (for resource ids). */
  public serviceObject(namespace: string, name: string): NamespacedObject | undefined {
    return this.objects().byKind.get('Service')?.find((o) => o.namespace === namespace && nameOf(o) === name);
  }

  /**
   * Input EndpointSlices written by hand: not exported controller output (an owner and a built-in managed-by), and not
   * the API server's slice of the `kubernetes` Service (`apiServerEndpoints`); a new array.
   */
  public handWrittenSlices(): NamespacedObject[] {
    this.slices ??= (this.objects().byKind.get('EndpointSlice') ?? [])
      .filter((o) => !(hasOwner(o) && CONTROLLER_MANAGERS.includes(labelOf(o, MANAGED_BY_LABEL) ?? '')) && !apiServerEndpoints(o));
    return this.slices.slice();
  }

  /** Input Endpoints that are not leader-election locks; a new array. */
  public endpointsObjects(): NamespacedObject[] {
    this.endpoints ??= (this.objects().byKind.get('Endpoints') ?? [])
      .filter((o) => asRecord(asRecord(o.object?.metadata)?.annotations)?.[LEADER_ANNOTATION] === undefined);
    return this.endpoints.slice();
  }

  /** The input Endpoints (of `endpointsObjects`) named `name` in `namespace`, by an index built on first use. */
  public endpointsNamed(namespace: string, name: string): readonly NamespacedObject[] {
    if (!this.endpointsByName) {
      this.endpointsByName = new Map();
      for (const o of this.endpointsObjects()) pushTo(this.endpointsByName, `${o.namespace}/${nameOf(o)}`, o);
    }
    return this.endpointsByName.get(`${namespace}/${name}`) ?? [];
  }

  /**
   * The namespaces the input describes at all: those of its namespaced objects and of its Namespace objects. RBAC
   * Roles and RoleBindings do not count: installs put them into the namespaces of the components they plug into
   * (Linkerd viz's `linkerd-web` Role in `linkerd`, cert-manager's and KEDA's leader-election and
   * `extension-apiserver-authentication-reader` grants in `kube-system`), whose Services other manifests describe.
   * Names that point into a namespace the input does not cover (another app's, another team's) cannot be judged
   * offline, so the DNS rules leave them alone.
   */
  public get coveredNamespaces(): ReadonlySet<string> {
    return this.covered ??= readCoveredNamespaces(this.model);
  }

  /**
   * The Service backends of the entry points (model/entry-points.ts): the Ingresses', then the routes' kind by kind
   * (ROUTE_KINDS order), each kind in input order; frozen.
   */
  public get entryBackends(): readonly BackendRef[] {
    return this.backendRefs ??= Object.freeze(readEntryBackends((kind) => this.objects().byKind.get(kind) ?? [],
      { emissaryOwnNamespace: emissaryResolvesInOwnNamespace(this.model.objects) }));
  }

  /**
   * The Services that the input's Argo Rollouts name (model/rollout-services.ts: blue-green active and preview, canary
   * stable, canary, ping and pong), which the Rollout controller looks up before it makes any pod; input order, frozen.
   */
  public get rolloutServices(): readonly ServiceRef[] {
    return this.rolloutRefs ??= Object.freeze(this.objects().templateSources.flatMap(rolloutServiceRefs));
  }

  /**
   * The Ingresses, VirtualServices and DestinationRules that the canary strategies of the input's Argo Rollouts name
   * in their traffic routing (model/rollout-services.ts rolloutTrafficRefs); input order, frozen.
   */
  public get rolloutTrafficObjects(): readonly TrafficObjectRef[] {
    return this.trafficRefs ??= Object.freeze(this.objects().templateSources.flatMap(rolloutTrafficRefs));
  }

  /**
   * The Services the API server calls (model/webhook-services.ts: admission webhooks', CRD conversion webhooks',
   * APIServices'), as the kustomize builds of the referring objects leave them (lib/called-services.ts); input order,
   * frozen.
   */
  public get calledServices(): readonly CalledServiceRef[] {
    return this.calledRefs ??= Object.freeze(readCalledServices(this.model.objects, this.model.services()));
  }

  /** The Istio networking objects of the input: Service hosts, ServiceEntry hosts, VirtualServices by name. */
  public get istio(): IstioConfig {
    return this.istioConfig ??= new IstioConfig(this.model);
  }

  /** prometheus-operator's monitors and what they may select (lib/monitors.ts), read once per run for the four monitor rules. */
  public get monitors(): MonitorIndex {
    return this.monitorIndex ??= new MonitorIndex(this);
  }

  /**
   * Whether the entry points' backends in `namespace` can be judged: the run is `complete`, or the input holds an
   * application of the namespace, a Service or a workload (a pod template) there. An Ingress or a Gateway and its
   * routes shipped without their Services (they come from another repository or chart), even beside the namespace's
   * Namespace object, ConfigMaps, Secrets, certificates or a controller's routing policies, are not judged.
   */
  public judgesBackendsIn(namespace: string): boolean {
    if (this.options.complete) return true;
    return (this.backendNamespaces ??= appNamespaces(this.model.services(), this.podTemplates)).has(namespace);
  }

  /**
   * Whether the input can be taken to hold every Service of `namespace`, so that a Service it lacks is missing:
   * `judgesBackendsIn`, and `kube-system` with `--complete` only, where the distribution and the control plane put
   * Services that no manifest of the input shows (kube-dns; metrics-server, which k3s, AKS, GKE and EKS install).
   */
  public judgesAllServicesIn(namespace: string): boolean {
    return this.options.complete || (namespace !== 'kube-system' && this.judgesBackendsIn(namespace));
  }

  /** The resolver over the model, with its answers kept for the run (existence of names, a pod's search path). */
  public get resolver(): ResolverMemo {
    return this.resolverMemo ??= new ResolverMemo(this.model);
  }

  /** The ExternalName Services, their chains and targets. */
  public get externalNames(): ExternalNames {
    return this.externalNameIndex ??= new ExternalNames(this);
  }

  /** The StatefulSets, their governing Services and the uses of their pods' names. */
  public get statefulSets(): StatefulSets {
    return this.statefulSetIndex ??= new StatefulSets(this);
  }

  /** The uses of host names in workloads and ConfigMaps that a rule may report, in input order; frozen. */
  public get workloadNameUses(): readonly NameUse[] {
    return this.nameUses ??= Object.freeze(readWorkloadNameUses(this));
  }

  /**
   * The custom resources of the namespace whose spec carries every pair of the selector (the operators that most
   * likely make the selected pods), in input order, then those whose operator puts every pair on the pods it makes
   * (`madeBy`); undefined past the run's bound on that search (`asker`, the object whose selector it is, is then
   * recorded as left unjudged: context/pod-makers.ts `MAX_POD_MAKER_SCAN`).
   */
  public podMakers(namespace: string, selector: { readonly [key: string]: string }, asker: string): PodMaker[] | undefined {
    if (Object.keys(selector).length === 0) return [];
    this.podMakerIndex ??= new PodMakers(this.model, this.unjudged);
    return this.podMakerIndex.find(namespace, selector, asker);
  }

  /**
   * Whether a custom resource of the namespace carries a label with one of the selector's keys in its spec (an
   * operator may make the namespace's pods; `podMakers` is those that carry every pair).
   */
  public hasPodMakers(namespace: string, selector: { readonly [key: string]: string }): boolean {
    this.podMakerIndex ??= new PodMakers(this.model, this.unjudged);
    return this.podMakerIndex.anyWithKeys(namespace, Object.keys(selector));
  }

  /**
   * The Flux HelmReleases, k3s HelmCharts, Argo CD Applications and ApplicationSets with a Helm source or manifests
   * from outside the input, and kustomize `helmCharts` entries that deploy into `namespace` (context/chart-releases.ts):
   * the cluster has their Services and pods, the input does not.
   */
  public chartReleasesInto(namespace: string): readonly ChartRelease[] {
    return this.chartReleases().into(namespace);
  }

  /** The Service names that the chart releases into `namespace` are known to make, for "did you mean" hints. */
  public chartReleaseNames(namespace: string): readonly string[] {
    return this.chartReleases().madeNames(namespace);
  }

  /**
   * The object of the input that makes Service `name` in `namespace` in the cluster although the input does not hold
   * it: an operator's resource, under a documented name (`operatorService`), or a chart release into the namespace,
   * under its release name or `fullnameOverride` (alone or followed by `-`; context/chart-releases.ts), or a Linkerd
   * Link, whose service mirror copies the target cluster's exported Services as `<service>-<cluster>`
   * (context/multicluster.ts).
   */
  public serviceMadeInCluster(namespace: string, name: string): NamespacedObject | undefined {
    return this.operatorService(namespace, name) ?? this.chartReleases().maker(namespace, name) ?? this.multicluster.mirrorMaker(name);
  }

  /** The input's Linkerd Links, ServiceImports and ServiceExports (context/multicluster.ts). */
  public get multicluster(): Multicluster {
    return this.multiclusterIndex ??= new Multicluster(this.model);
  }

  /** Whether templates match a selector once the input's kustomizations add their labels (lib/kustomize-labels.ts). */
  public get kustomizeBuilt(): KustomizeBuiltMatch {
    return this.kustomizeBuiltIndex ??= new KustomizeBuiltMatch(this.options.skippedInputs, this.templateIndex, this.unjudged);
  }

  /**
   * The resource of the input whose operator makes Service `name` in `namespace` under a documented, fixed name
   * (`prometheus-operated` beside a Prometheus, `<name>-kb-http` beside a Kibana; context/operator-services.ts): the
   * cluster has that Service although the input does not hold it.
   */
  private operatorService(namespace: string, name: string): NamespacedObject | undefined {
    return (this.operatorServiceIndex ??= new OperatorServices(this.model)).maker(namespace, name);
  }

  private chartReleases(): ChartReleases {
    return this.chartReleaseIndex ??= new ChartReleases(this.model, this.options.skippedInputs);
  }

  private objects(): ObjectIndex {
    return this.objectIndex ??= indexObjects(this.model);
  }
}

/** The objects of the model by built-in kind, and the Pods and workloads, in one pass. */
function indexObjects(model: ClusterModel): ObjectIndex {
  const byKind = new Map<string, NamespacedObject[]>();
  const templateSources: NamespacedObject[] = [];
  let lastKind: string | undefined;
  let list: NamespacedObject[] = [];
  const objects = model.objects;
  for (let i = 0; i < objects.length; i++) { // indexed: see src/model/scan.ts
    const o = objects[i];
    const kind = builtinKind(o.object);
    if (kind !== undefined) {
      // Objects of one kind often come in a row: their list is looked up once per run of them.
      if (kind !== lastKind) {
        lastKind = kind;
        list = byKind.get(kind) ?? [];
        if (list.length === 0) byKind.set(kind, list);
      }
      list.push(o);
    }
    if (kind === 'Pod' || workloadKind(o.object) !== undefined) templateSources.push(o);
  }
  return { byKind, templateSources };
}

/** Whether an object is an RBAC Role or RoleBinding (rbac.authorization.k8s.io, any version). */
function isRbacGrant(kind: string, apiVersion: unknown): boolean {
  return (kind === 'Role' || kind === 'RoleBinding') && typeof apiVersion === 'string' && apiVersion.startsWith('rbac.authorization.k8s.io/');
}

/** See `CheckContext.coveredNamespaces`. */
function readCoveredNamespaces(model: ClusterModel): Set<string> {
  const out = new Set<string>();
  const objects = model.objects;
  for (let i = 0; i < objects.length; i++) { // indexed: see src/model/scan.ts
    const o = objects[i];
    const kind = nonEmptyString(o.object?.kind) ?? '';
    const made = namespaceMadeBy(o.object);
    if (made !== undefined) {
      out.add(made);
    } else if (!isClusterScoped(kind, nonEmptyString(o.object?.apiVersion)) && !isRbacGrant(kind, o.object?.apiVersion)) {
      out.add(o.namespace);
    }
  }
  return out;
}
