/**
 * Helm charts that a controller in the cluster renders: their Services and pods exist in the cluster built from the
 * input, but the input holds only the release object, never the chart's manifests. GitOps repositories are made of
 * them (a home-lab or platform repository is mostly Flux HelmReleases beside a few plain manifests), so a route, an
 * Ingress or a pod that names the Service a release makes is normal input, not a missing Service. Not a rule.
 *
 * Releases read (each into its target namespace):
 * - Flux `HelmRelease` (helm.toolkit.fluxcd.io, any version): into `spec.targetNamespace`, else its own namespace;
 *   release name `spec.releaseName`, else `[<targetNamespace>-]<name>` (Flux API docs, HelmReleaseSpec.ReleaseName:
 *   "Defaults to a composition of '[TargetNamespace-]Name'");
 * - Flux v1's Helm Operator `HelmRelease` (helm.fluxcd.io, and flux.weave.works before it), which older home-lab
 *   repositories still hold: into `spec.targetNamespace` (helm.fluxcd.io only: the flux.weave.works v1beta1 spec has
 *   none, fluxcd/flux integrations/apis types.go), else its own namespace; release name `spec.releaseName`, else
 *   `<namespace>-<name>` (`<namespace>-<targetNamespace>-<name>` for another target: helm-operator GetReleaseName);
 *   and the `FluxHelmRelease` before it (helm.integrations.flux.weave.works v1alpha2, flux.weave.works v1beta1: Flux
 *   1.x's Helm operator, stefanprodan/openfaas-flux's OpenFaaS release), read the same way (fluxcd/flux
 *   integrations/helm/release GetReleaseName: `$Namespace-$CustomResourceName`), its chart `spec.chart.name` (a Helm
 *   repository's), else the last folder of `spec.chart.path`, of `spec.chart.gitPath` (the first revision of
 *   flux.weave.works v1beta1: fluxcd/flux integrations/apis/flux.weave.works/v1beta1 types.go GitChartSource) or of
 *   `spec.chartGitPath` (helm.integrations.flux.weave.works);
 * - k3s/RKE2 `HelmChart` (helm.cattle.io): into `spec.targetNamespace`, else its own namespace; release name its name
 *   (k3s docs, "Helm": the HelmChart's name is the release's);
 * - Argo CD `Application` and `ApplicationSet` (argoproj.io; context/argo-applications.ts): a Helm source into
 *   `spec.destination.namespace`, release name `helm.releaseName`, else the Application's name (Argo CD docs, "Helm":
 *   "By default, the Helm release name is equal to the Application name"); a source of manifests from outside the
 *   input into that namespace too, with no name taken as made (`into` only). An ApplicationSet's template is read for
 *   each parameter set its list generators give; a field that keeps a placeholder is never a name;
 * - kustomize `helmCharts` entries of a kustomization.yaml in the input (skipped as an object, kept by the loader in
 *   `SkippedInput.kustomization`; `kustomize build --enable-helm` renders them): into the kustomization's `namespace`,
 *   which kustomize sets on every object it emits, else into the entry's `namespace` (the chart's
 *   `.Release.Namespace`), and into the default namespace too (where the files beside it, read without kustomize's
 *   namespace, and objects without one land); release name
 *   `releaseName`, fullnameOverride from `valuesInline` (kustomize's HelmChart type; without `releaseName` helm
 *   template is run with `--generate-name`, a name no manifest can know: only `fullnameOverride` counts then).
 *
 * Which Services a chart makes is the chart's choice; by Helm's own convention (`helm create`'s `fullname`: the release
 * name, or `<release>-<chart>`) and app-template's (`<release>`, `<release>-<identifier>`) their names are the
 * release name or start with it and a dash, or with `fullnameOverride` from the release's values. A name of that
 * shape in the release's namespace counts as made by the release (`maker`); any other missing name there is still
 * reported, as a warning that names the releases (`into`), since a chart may name a Service otherwise.
 */
import { applicationDeployments, applicationSetDeployments, ArgoDeployment, InputDirs, MAX_SOURCES } from './argo-applications';
import type { ClusterModel } from '../../model/cluster-model';
import { groupKindKey } from '../../model/indexes';
import { asArray, asRecord, KubeObject, nonEmptyString, SkippedInput } from '../../model/manifest';
import { hasTemplate } from '../../model/placeholders';
import type { NamespacedObject } from '../../model/pods';

/**
 * Charts whose custom resources make Services of fixed names through an operator: kube-prometheus-stack (and the
 * prometheus-operator chart before it) renders a Prometheus and an Alertmanager unless `prometheus.enabled` /
 * `alertmanager.enabled` is false, whose governing Services the operator names `prometheus-operated` and
 * `alertmanager-operated` (prometheus-operator Documentation, "Exposing Prometheus and Alertmanager"; the chart's
 * values.yaml). ThanosRuler is off by default there and is left out.
 */
const OPERATED_CHARTS: ReadonlySet<string> = new Set(['kube-prometheus-stack', 'prometheus-operator']);

/** The longest Service name (a DNS-1035 label). */
const MAX_SERVICE_NAME = 63;

/**
 * The kind of the object that stands for a kustomize `helmCharts` entry (`into`, `maker`): kustomize runs each entry
 * as its builtin generator of that kind.
 */
export const KUSTOMIZE_HELM_KIND = 'HelmChartInflationGenerator';

/** A release object that deploys into a namespace (`ChartReleases.into`). */
export interface ChartRelease {
  /** The HelmRelease, HelmChart, Application, ApplicationSet, or the stand-in of a kustomize `helmCharts` entry. */
  readonly object: NamespacedObject;
  /**
   * For an Argo CD source of manifests from outside the input (no chart): its repoURL and path.
   * @default - a chart
   */
  readonly manifests?: { readonly repoURL: string; readonly path: string };
}

/** The chart releases of a run, by target namespace (`ctx.chartReleasesInto`, `ctx.serviceMadeInCluster`). */
export class ChartReleases {
  /** The releases by target namespace, in input order, each object once per namespace. */
  private readonly byNamespace = new Map<string, ChartRelease[]>();
  /** The release names and fixed names of each namespace, in input order (`madeNames`). */
  private readonly namesByNamespace = new Map<string, string[]>();
  /** `namespace NUL prefix` -> the first release with that name prefix. */
  private readonly byPrefix = new Map<string, NamespacedObject>();
  /** `namespace NUL name` -> the first release whose chart makes a Service of that fixed name (OPERATED_CHARTS). */
  private readonly byName = new Map<string, NamespacedObject>();

  /**
   * @param model the run's objects
   * @param skipped what the loader skipped: its kustomizations with `helmCharts` (`SkippedInput.kustomization`)
   */
  public constructor(model: ClusterModel, skipped: readonly SkippedInput[] = []) {
    const objects = model.objects;
    let dirs: InputDirs | undefined;
    const inputDirs = () => dirs ??= new InputDirs([...objects.map((o) => o.source?.file ?? ''), ...skipped.map((s) => s.file)]);
    for (let i = 0; i < objects.length; i++) { // indexed: see src/model/scan.ts
      const o = objects[i];
      const kindKey = groupKindKey(o.object);
      const read = kindKey === undefined ? undefined : RELEASE_KINDS.get(kindKey);
      if (read) for (const found of read(o, inputDirs)) this.add(o, found);
    }
    for (const s of skipped) {
      if (s.kustomization) for (const [o, found] of kustomizeCharts(s, model.options.defaultNamespace)) this.add(o, found);
    }
  }

  /** The releases that deploy a chart, or manifests from outside the input, into `namespace`, in input order. */
  public into(namespace: string): readonly ChartRelease[] {
    return this.byNamespace.get(namespace) ?? [];
  }

  /**
   * The names the releases into `namespace` give Services, as far as the input tells (release names,
   * `fullnameOverride`s, fixed names), for "did you mean" hints.
   */
  public madeNames(namespace: string): readonly string[] {
    return this.namesByNamespace.get(namespace) ?? [];
  }

  /**
   * The release whose chart makes Service `name` in `namespace`, if any: by Helm's naming convention (the name itself,
   * or the part before one of its dashes, is a release's prefix: one look-up per dash of the name), or a fixed name its
   * chart makes through an operator (OPERATED_CHARTS).
   */
  public maker(namespace: string, name: string): NamespacedObject | undefined {
    // a Service name is a DNS-1035 label: no longer name can be a Service (and a huge one costs no quadratic look-ups)
    if (name.length > MAX_SERVICE_NAME || !this.byNamespace.has(namespace)) return undefined;
    const exact = this.byPrefix.get(`${namespace}\u0000${name}`) ?? this.byName.get(`${namespace}\u0000${name}`);
    if (exact) return exact;
    for (let i = name.indexOf('-'); i > 0; i = name.indexOf('-', i + 1)) {
      const found = this.byPrefix.get(`${namespace}\u0000${name.slice(0, i)}`);
      if (found) return found;
    }
    return undefined;
  }

  private add(o: NamespacedObject, found: Found): void {
    let list = this.byNamespace.get(found.namespace);
    if (!list) this.byNamespace.set(found.namespace, list = []);
    // an ApplicationSet's elements or an Application's sources into one namespace: the object is listed once
    if (list[list.length - 1]?.object !== o) list.push(found.manifests ? { object: o, manifests: found.manifests } : { object: o });
    let made = this.namesByNamespace.get(found.namespace);
    if (!made) this.namesByNamespace.set(found.namespace, made = []);
    for (const p of found.prefixes) {
      const key = `${found.namespace}\u0000${p}`;
      if (!this.byPrefix.has(key)) {
        this.byPrefix.set(key, o);
        made.push(p);
      }
    }
    for (const n of found.names) {
      const key = `${found.namespace}\u0000${n}`;
      if (!this.byName.has(key)) {
        this.byName.set(key, o);
        made.push(n);
      }
    }
  }
}

/**
 * A release's target namespace, the name prefixes of the Services its chart makes, fixed names it makes besides, and
 * for manifests from outside the input (Argo CD) where they come from.
 */
interface Found {
  readonly namespace: string;
  readonly prefixes: readonly string[];
  readonly names: readonly string[];
  readonly manifests?: ChartRelease['manifests'];
}

/** The release into `namespace` (none without one); a prefix that holds a placeholder (`{{name}}`) is no name. */
function release(namespace: string | undefined, names: readonly string[], ...prefixes: (string | undefined)[]): Found[] {
  if (!namespace) return [];
  return [{ namespace, names, prefixes: prefixes.filter((p): p is string => p !== undefined && !hasTemplate(p)) }];
}

/**
 * The name prefixes of a release of `chart`: `prefixes`, and for kube-prometheus-stack (OPERATED_CHARTS) also each cut
 * to 26 characters without a final `-`, as its `kube-prometheus-stack.fullname` template cuts them to leave room for
 * its longest suffixes (a Flux release `monitoring-kube-prometheus-stack` makes `monitoring-kube-prometheus-operator`).
 */
function chartPrefixes(chart: string | undefined, ...prefixes: (string | undefined)[]): (string | undefined)[] {
  if (chart === undefined || !OPERATED_CHARTS.has(chart)) return prefixes;
  return [...prefixes, ...prefixes.map((p) => p?.slice(0, 26).replace(/-$/, ''))];
}

/** The fixed Service names that chart `chart` makes through an operator, with the release's `values` (OPERATED_CHARTS). */
function operatedNames(chart: string | undefined, values: Record<string, unknown> | undefined): readonly string[] {
  if (chart === undefined || !OPERATED_CHARTS.has(chart)) return [];
  const on = (key: string) => asRecord(values?.[key])?.enabled !== false;
  return [...(on('prometheus') ? ['prometheus-operated'] : []), ...(on('alertmanager') ? ['alertmanager-operated'] : [])];
}

function fluxRelease(o: NamespacedObject): Found[] {
  const name = nonEmptyString(asRecord(o.object.metadata)?.name);
  const spec = asRecord(o.object.spec);
  const target = nonEmptyString(spec?.targetNamespace);
  const releaseName = nonEmptyString(spec?.releaseName) ?? (name && target ? `${target}-${name}` : name);
  const values = asRecord(spec?.values);
  // the chart: `spec.chart.spec.chart`, or the name of the `chartRef` source (an OCIRepository is named after its chart)
  const chart = nonEmptyString(asRecord(asRecord(spec?.chart)?.spec)?.chart) ?? nonEmptyString(asRecord(spec?.chartRef)?.name);
  return release(target ?? o.namespace, operatedNames(chart, values), ...chartPrefixes(chart, releaseName, fullnameOverride(values)));
}

/**
 * A HelmRelease of Flux v1's Helm Operator (helm.fluxcd.io, and flux.weave.works before it): into `spec.targetNamespace`
 * (helm.fluxcd.io only: flux.weave.works v1beta1 has none), else its own namespace; release name `spec.releaseName`, else `<namespace>-<name>`, or `<namespace>-<target>-<name>`
 * when the target namespace is another (fluxcd/helm-operator pkg/apis/helm.fluxcd.io/v1 GetReleaseName); the chart is
 * `spec.chart.name` (a Helm repository's), or the last folder of a git repository's path: `spec.chart.path`, or a
 * FluxHelmRelease's `spec.chart.gitPath` (the first flux.weave.works v1beta1) or `spec.chartGitPath`
 * (helm.integrations.flux.weave.works v1alpha2). Each is read whatever the version: a field a version does not define
 * is absent from its objects.
 */
function helmOperatorRelease(o: NamespacedObject): Found[] {
  const name = nonEmptyString(asRecord(o.object.metadata)?.name);
  const spec = asRecord(o.object.spec);
  const chartSpec = asRecord(spec?.chart);
  // flux.weave.works v1beta1 has no targetNamespace (fluxcd/flux integrations/apis/flux.weave.works/v1beta1 types.go),
  // nor has the FluxHelmRelease before it
  const weave = /^(?:helm\.integrations\.)?flux\.weave\.works\//.test(String(o.object.apiVersion));
  const target = (weave ? undefined : nonEmptyString(spec?.targetNamespace)) ?? o.namespace;
  const generated = name === undefined ? undefined : target === o.namespace ? `${target}-${name}` : `${o.namespace}-${target}-${name}`;
  const releaseName = nonEmptyString(spec?.releaseName) ?? generated;
  const values = asRecord(spec?.values);
  const path = nonEmptyString(chartSpec?.path) ?? nonEmptyString(chartSpec?.gitPath) ?? nonEmptyString(spec?.chartGitPath);
  const chart = nonEmptyString(chartSpec?.name) ?? path?.split('/').filter((p) => p !== '').pop();
  return release(target, operatedNames(chart, values), ...chartPrefixes(chart, releaseName, fullnameOverride(values)));
}

function k3sChart(o: NamespacedObject): Found[] {
  const spec = asRecord(o.object.spec);
  const chart = nonEmptyString(spec?.chart);
  return release(nonEmptyString(spec?.targetNamespace) ?? o.namespace, operatedNames(chart, undefined),
    ...chartPrefixes(chart, nonEmptyString(asRecord(o.object.metadata)?.name)));
}

/** An Argo CD Application's or ApplicationSet's deployments (context/argo-applications.ts) as releases. */
function argoReleases(deployments: readonly ArgoDeployment[]): Found[] {
  return deployments.flatMap((d): Found[] => {
    if (d.manifests) return [{ namespace: d.namespace, prefixes: [], names: [], manifests: d.manifests }];
    const { chart, releaseName, values } = d.helm ?? {};
    return release(d.namespace, operatedNames(chart, values), ...chartPrefixes(chart, releaseName, fullnameOverride(values)));
  });
}

/**
 * The releases of a kustomization's `helmCharts` entries, each with an object that stands for it (kind
 * `KUSTOMIZE_HELM_KIND`, named after its release or chart, at the kustomization's file and document), once per target
 * namespace.
 */
function kustomizeCharts(s: SkippedInput, defaultNamespace: string): [NamespacedObject, Found][] {
  const namespace = nonEmptyString(s.kustomization?.namespace);
  const out: [NamespacedObject, Found][] = [];
  for (const entry of asArray(s.kustomization?.helmCharts).slice(0, MAX_SOURCES).map(asRecord)) {
    const chart = nonEmptyString(entry?.name);
    const releaseName = nonEmptyString(entry?.releaseName);
    const values = asRecord(entry?.valuesInline);
    const object: KubeObject = { apiVersion: 'kustomize.config.k8s.io/v1beta1', kind: KUSTOMIZE_HELM_KIND, metadata: { name: releaseName ?? chart } };
    const own = nonEmptyString(entry?.namespace);
    // kustomize puts every object into the kustomization's namespace, but the files beside it, read as they are, sit in
    // theirs or the default one: the release counts in both, as it does for an entry's own namespace
    const first = namespace ?? own;
    const into = first !== undefined && first !== defaultNamespace ? [first, defaultNamespace] : [defaultNamespace];
    for (const ns of into) {
      for (const found of release(ns, operatedNames(chart, values), ...chartPrefixes(chart, releaseName, fullnameOverride(values)))) {
        out.push([{ object, namespace: ns, source: { file: s.file, document: s.document ?? 1 } }, found]);
      }
    }
  }
  return out;
}

/** `fullnameOverride` of a chart's values: the name most charts give their Services instead of the release name. */
function fullnameOverride(values: Record<string, unknown> | undefined): string | undefined {
  return nonEmptyString(values?.fullnameOverride);
}

/** How a release kind is read (`dirs`: the input's folders, read once when first asked for). */
type ReadRelease = (o: NamespacedObject, dirs: () => InputDirs) => Found[];

/** The release kinds, by `group NUL kind` (groupKindKey), and how each is read. */
const RELEASE_KINDS: ReadonlyMap<string, ReadRelease> = new Map<string, ReadRelease>([
  ['helm.toolkit.fluxcd.io\u0000HelmRelease', fluxRelease],
  ['helm.fluxcd.io\u0000HelmRelease', helmOperatorRelease],
  ['flux.weave.works\u0000HelmRelease', helmOperatorRelease],
  ['flux.weave.works\u0000FluxHelmRelease', helmOperatorRelease],
  ['helm.integrations.flux.weave.works\u0000FluxHelmRelease', helmOperatorRelease],
  ['helm.cattle.io\u0000HelmChart', k3sChart],
  ['argoproj.io\u0000Application', (o, dirs) => argoReleases(applicationDeployments(o, dirs()))],
  ['argoproj.io\u0000ApplicationSet', (o, dirs) => argoReleases(applicationSetDeployments(o, dirs()))],
]);
