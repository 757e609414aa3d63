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
 * - k3s/RKE2 `HelmChart` (helm.cattle.io): into `spec.targetNamespace`, else its own namespace; release name its name
 *   (k3s docs, "Helm": the HelmChart's name is the release's);
 * - Argo CD `Application` (argoproj.io) with a Helm source (`chart`, or `helm` settings): into
 *   `spec.destination.namespace`; release name `helm.releaseName`, else the Application's name (Argo CD docs, "Helm":
 *   "By default, the Helm release name is equal to the Application name").
 *
 * Which Services a chart makes is the chart's choice; by Helm's own convention (`helm create`'s `fullname`: the release
 * name, or `<release>-<chart>`) and app-template's (`<release>`, `<release>-<identifier>`) their names are the
 * release name or start with it and a dash, or with `fullnameOverride` from the release's values. A name of that
 * shape in the release's namespace counts as made by the release (`maker`); any other missing name there is still
 * reported, as a warning that names the releases (`into`), since a chart may name a Service otherwise.
 */
import type { ClusterModel } from '../../model/cluster-model';
import { apiGroup } from '../../model/indexes';
import { asArray, asRecord, nonEmptyString } from '../../model/manifest';
import type { NamespacedObject } from '../../model/pods';

/** A release: its object, the name prefixes of the Services its chart makes, and fixed names it makes besides. */
interface Release {
  readonly object: NamespacedObject;
  readonly prefixes: readonly string[];
  readonly names: readonly string[];
}

/**
 * Charts whose custom resources make Services of fixed names through an operator: kube-prometheus-stack (and the
 * prometheus-operator chart before it) renders a Prometheus and an Alertmanager unless `prometheus.enabled` /
 * `alertmanager.enabled` is false, whose governing Services the operator names `prometheus-operated` and
 * `alertmanager-operated` (prometheus-operator Documentation, "Exposing Prometheus and Alertmanager"; the chart's
 * values.yaml). ThanosRuler is off by default there and is left out.
 */
const OPERATED_CHARTS = new Set(['kube-prometheus-stack', 'prometheus-operator']);

/** At most this many Helm sources are read per Application (`spec.sources`). */
const MAX_SOURCES = 20;

/** The chart releases of a run, by target namespace (`ctx.chartReleasesInto`, `ctx.serviceMadeInCluster`). */
export class ChartReleases {
  private readonly byNamespace = new Map<string, Release[]>();

  public constructor(model: ClusterModel) {
    const objects = model.objects;
    for (let i = 0; i < objects.length; i++) { // indexed: see src/model/scan.ts
      const o = objects[i];
      const apiVersion = nonEmptyString(o.object?.apiVersion);
      const kind = nonEmptyString(o.object?.kind);
      if (!apiVersion || !kind || !apiVersion.includes('.')) continue;
      const group = apiGroup(apiVersion);
      const found = group === 'helm.toolkit.fluxcd.io' && kind === 'HelmRelease' ? fluxRelease(o)
        : group === 'helm.cattle.io' && kind === 'HelmChart' ? k3sChart(o)
          : group === 'argoproj.io' && kind === 'Application' ? argoApplication(o)
            : undefined;
      if (!found) continue;
      const list = this.byNamespace.get(found.namespace);
      if (list) list.push(found.release);
      else this.byNamespace.set(found.namespace, [found.release]);
    }
  }

  /** The release objects that deploy a chart into `namespace`, in input order. */
  public into(namespace: string): readonly NamespacedObject[] {
    return (this.byNamespace.get(namespace) ?? []).map((r) => r.object);
  }

  /** The release whose chart makes Service `name` in `namespace` by Helm's naming convention, if any. */
  public maker(namespace: string, name: string): NamespacedObject | undefined {
    for (const r of this.byNamespace.get(namespace) ?? []) {
      if (r.names.includes(name)) return r.object;
      if (r.prefixes.some((p) => name === p || (name.length > p.length && name.startsWith(p) && name.charCodeAt(p.length) === 0x2d))) return r.object;
    }
    return undefined;
  }
}

type Found = { readonly namespace: string; readonly release: Release } | undefined;

function release(object: NamespacedObject, namespace: string | undefined, names: readonly string[], ...prefixes: (string | undefined)[]): Found {
  if (!namespace) return undefined;
  const kept = [...new Set(prefixes.filter((p): p is string => p !== undefined))];
  return { namespace, release: { object, prefixes: kept, names } };
}

/** The fixed Service names that chart `chart` makes through an operator, with the release's `values` (OPERATED_CHARTS). */
function operatedNames(chart: string | undefined, values: Record<string, unknown> | undefined): readonly string[] {
  if (chart === undefined || !OPERATED_CHARTS.has(chart)) return [];
  const on = (key: string) => asRecord(values?.[key])?.enabled !== false;
  return [...(on('prometheus') ? ['prometheus-operated'] : []), ...(on('alertmanager') ? ['alertmanager-operated'] : [])];
}

function fluxRelease(o: NamespacedObject): Found {
  const name = nonEmptyString(asRecord(o.object.metadata)?.name);
  const spec = asRecord(o.object.spec);
  const target = nonEmptyString(spec?.targetNamespace);
  const releaseName = nonEmptyString(spec?.releaseName) ?? (name && target ? `${target}-${name}` : name);
  const values = asRecord(spec?.values);
  // the chart: `spec.chart.spec.chart`, or the name of the `chartRef` source (an OCIRepository is named after its chart)
  const chart = nonEmptyString(asRecord(asRecord(spec?.chart)?.spec)?.chart) ?? nonEmptyString(asRecord(spec?.chartRef)?.name);
  return release(o, target ?? o.namespace, operatedNames(chart, values), releaseName, fullnameOverride(values));
}

function k3sChart(o: NamespacedObject): Found {
  const spec = asRecord(o.object.spec);
  return release(o, nonEmptyString(spec?.targetNamespace) ?? o.namespace, operatedNames(nonEmptyString(spec?.chart), undefined),
    nonEmptyString(asRecord(o.object.metadata)?.name));
}

function argoApplication(o: NamespacedObject): Found {
  const spec = asRecord(o.object.spec);
  const name = nonEmptyString(asRecord(o.object.metadata)?.name);
  const sources = [spec?.source, ...asArray(spec?.sources).slice(0, MAX_SOURCES)].map(asRecord)
    .filter((s) => s !== undefined && (nonEmptyString(s.chart) !== undefined || asRecord(s.helm) !== undefined));
  if (sources.length === 0) return undefined;
  const prefixes = sources.flatMap((s) => {
    const helm = asRecord(s!.helm);
    return [nonEmptyString(helm?.releaseName) ?? name, fullnameOverride(asRecord(helm?.valuesObject))];
  });
  const names = sources.flatMap((s) => operatedNames(nonEmptyString(s!.chart), asRecord(asRecord(s!.helm)?.valuesObject)));
  return release(o, nonEmptyString(asRecord(spec?.destination)?.namespace), names, ...prefixes);
}

/** `fullnameOverride` of a chart's values: the name most charts give their Services instead of the release name. */
function fullnameOverride(values: Record<string, unknown> | undefined): string | undefined {
  return nonEmptyString(values?.fullnameOverride);
}
