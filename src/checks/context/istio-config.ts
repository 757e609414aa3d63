/**
 * The Istio networking objects of a check run (model/istio-hosts.ts): the Service hosts that VirtualServices and
 * DestinationRules name, the hosts that ServiceEntries add to Istio's registry, and the VirtualServices and
 * DestinationRules by namespace and name (for the Rollouts that name them). Built once per run by the CheckContext.
 */
import type { ClusterModel } from '../../model/cluster-model';
import { IstioHostRef, istioHostRefs, isIstioKind, ServiceEntryHosts } from '../../model/istio-hosts';
import type { NamespacedObject } from '../../model/pods';
import { nameOf, pushTo } from '../helpers';

/** The Istio kinds looked up by name. */
export type IstioKind = 'VirtualService' | 'DestinationRule';

/** What a run knows of its Istio networking objects. */
export class IstioConfig {
  /** The Service hosts of the VirtualServices and DestinationRules, in input order. */
  public readonly hostRefs: readonly IstioHostRef[];
  /** The hosts of the ServiceEntries. */
  public readonly serviceEntries: ServiceEntryHosts;
  private readonly byName = new Map<string, NamespacedObject[]>();

  public constructor(model: ClusterModel) {
    const zone = model.options.clusterDomain;
    const refs: IstioHostRef[] = [];
    const objects = model.objects;
    for (let i = 0; i < objects.length; i++) { // indexed: see src/model/scan.ts
      const o = objects[i];
      for (const kind of ['VirtualService', 'DestinationRule'] as const) {
        if (!isIstioKind(o, kind)) continue;
        pushTo(this.byName, `${kind}\u0000${nameOf(o) ?? ''}`, o);
        for (const r of istioHostRefs(o, zone)) refs.push(r);
      }
    }
    this.hostRefs = Object.freeze(refs);
    this.serviceEntries = new ServiceEntryHosts(objects, zone);
  }

  /** The objects of the kind named `name`, in every namespace, in input order. */
  public named(kind: IstioKind, name: string): readonly NamespacedObject[] {
    return this.byName.get(`${kind}\u0000${name}`) ?? [];
  }

  /** Whether the input holds an object of the kind in `namespace` named `name`. */
  public has(kind: IstioKind, namespace: string, name: string): boolean {
    return this.named(kind, name).some((o) => o.namespace === namespace);
  }

  /** The names of the objects of the kind in `namespace`. */
  public namesIn(kind: IstioKind, namespace: string): string[] {
    const out: string[] = [];
    for (const [key, list] of this.byName) {
      if (!key.startsWith(`${kind}\u0000`)) continue;
      if (list.some((o) => o.namespace === namespace)) out.push(key.slice(kind.length + 1));
    }
    return out;
  }
}
