/**
 * The multi-cluster service discovery of one run's input (after the operators' Services, context/operator-services.ts):
 * Services that a controller of this cluster makes from another cluster's, under names derived from objects the input
 * holds, and the ServiceImports and ServiceExports behind the names of the Multi-Cluster Services zone.
 *
 * - A Linkerd `Link` (multicluster.linkerd.io, any version) makes the service mirror copy each Service that the target
 *   cluster exports as `<service>-<targetClusterName>` into the namespace of the same name, and a federated Service as
 *   `<service>-federated` (linkerd.io, Multi-cluster communication; linkerd2 multicluster/service-mirror). The input
 *   holds the Link, not the target cluster's Services, so any name with that suffix counts as made; a name without it
 *   (a typo of a local Service, or of the cluster name) does not.
 * - `<service>.<namespace>.svc.clusterset.local` resolves where the cluster has a ServiceImport `<service>` in
 *   `<namespace>`, which the MCS controller makes when a cluster of the clusterset exports the Service with a
 *   ServiceExport of that name (KEP-1645). A ServiceImport or ServiceExport of the input (any API group: the MCS API's
 *   multicluster.x-k8s.io, GKE's net.gke.io) shows it.
 */
import type { ClusterModel } from '../../model/cluster-model';
import { asRecord, nonEmptyString } from '../../model/manifest';
import type { NamespacedObject } from '../../model/pods';
import { pushTo } from '../helpers';

/** The API group of Linkerd's multicluster resources. */
const LINKERD_MULTICLUSTER_GROUP = 'multicluster.linkerd.io/';

/** The suffix of the Services that Linkerd makes for federated Services (`mirror.linkerd.io/federated=member`). */
const FEDERATED_SUFFIX = '-federated';

/** The Linkerd Links and MCS objects of one run's input. */
export class Multicluster {
  /** `-<targetClusterName>` (and `-federated`) -> the Link whose service mirror makes Services with that suffix. */
  private readonly mirrorSuffixes = new Map<string, NamespacedObject>();
  /** `namespace\0name` -> the first ServiceImport or ServiceExport of that name. */
  private readonly mcsObjects = new Map<string, NamespacedObject>();
  /** The ServiceImport and ServiceExport names of each namespace, for "did you mean" hints. */
  private readonly mcsNames = new Map<string, string[]>();

  public constructor(model: ClusterModel) {
    for (const o of model.objects) {
      const kind = o.object?.kind;
      if (kind === 'Link' && String(o.object?.apiVersion ?? '').startsWith(LINKERD_MULTICLUSTER_GROUP)) {
        const metadata = asRecord(o.object.metadata);
        const target = nonEmptyString(asRecord(o.object.spec)?.targetClusterName) ?? nonEmptyString(metadata?.name);
        if (target !== undefined && !this.mirrorSuffixes.has(`-${target}`)) this.mirrorSuffixes.set(`-${target}`, o);
        if (!this.mirrorSuffixes.has(FEDERATED_SUFFIX)) this.mirrorSuffixes.set(FEDERATED_SUFFIX, o);
      } else if (kind === 'ServiceImport' || kind === 'ServiceExport') {
        const name = nonEmptyString(asRecord(o.object.metadata)?.name);
        if (name === undefined) continue;
        const key = `${o.namespace}\u0000${name}`;
        if (this.mcsObjects.has(key)) continue;
        this.mcsObjects.set(key, o);
        pushTo(this.mcsNames, o.namespace, name);
      }
    }
  }

  /**
   * The Link whose service mirror makes Service `name` (`web-svc-east` beside a Link to cluster `east`), in whatever
   * namespace the target cluster exports it from.
   */
  public mirrorMaker(name: string): NamespacedObject | undefined {
    if (this.mirrorSuffixes.size === 0) return undefined;
    // each `-` of the name (not its first character) starts a suffix to look up: linear in the name, whatever the
    // number of Links; the first match from the left is the longest suffix, which the target names decide the same way
    for (let i = name.indexOf('-', 1); i > 0; i = name.indexOf('-', i + 1)) {
      const link = this.mirrorSuffixes.get(name.slice(i));
      if (link !== undefined) return link;
    }
    return undefined;
  }

  /** The ServiceImport or ServiceExport `name` of `namespace` (`<name>.<namespace>.svc.clusterset.local`), if any. */
  public clustersetObject(namespace: string, name: string): NamespacedObject | undefined {
    return this.mcsObjects.get(`${namespace}\u0000${name}`);
  }

  /** The names of the ServiceImports and ServiceExports of `namespace`, in input order. */
  public clustersetNamesIn(namespace: string): readonly string[] {
    return this.mcsNames.get(namespace) ?? [];
  }
}
