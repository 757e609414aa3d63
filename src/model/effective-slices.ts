/**
 * The EndpointSlices cluster DNS sees per Service (dns-rules 7-12), for the cluster model: input slices, then slices
 * mirrored from v1 Endpoints, then slices derived from pods; worked out per Service on first use (the checker asks for
 * a few Services), with `lists()` giving every Service's list in the order building them all at once would.
 * A live dump's slices win over its Pods: a Service with input slices gets none derived, even where the Pods say
 * otherwise (a slice written before a Pod turned not Ready), because CoreDNS reads only the slices. Pure.
 *
 * Derived endpoints are bounded: Services times the pods each selects can be millions from a few kilobytes of YAML
 * (hundreds of Services over the same Deployments of 1,000 replicas). Past `MAX_DERIVED_ENDPOINTS` in one model,
 * `get` throws a `ModelLimitError` naming the Service that crossed it, instead of building them.
 */
import { mirrorEndpoints } from './endpoints';
import { NsNameMap, SliceIndex } from './indexes';
import { endpointSliceKey } from './keys';
import { asRecord, nonEmptyString } from './manifest';
import { NamespacedObject } from './pods';
import { EndpointSliceRecord, ServiceRecord } from './records';

/** Endpoints derived from pods (dns-rules 10-12) in one model, at most: beyond any real cluster's total. */
export const MAX_DERIVED_ENDPOINTS = 1_000_000;

/** The input asks the model for more than it builds (one line, naming what crossed the limit). */
export class ModelLimitError extends Error {
  public constructor(message: string) {
    super(message);
    this.name = 'ModelLimitError';
  }
}

/** Where mirrored slices come from (dns-rules 9): v1 Endpoints with their Service, by slice key (built on first use). */
interface MirrorSource {
  readonly o: NamespacedObject;
  readonly svc: ServiceRecord;
}

/** What the slices are made from (the model's indexes). */
export interface EffectiveSliceSources {
  readonly inputSlices: SliceIndex;
  /** v1 Endpoints objects, in input order. */
  readonly endpointsObjects: readonly NamespacedObject[];
  /** `endpointSliceKey`s of input slices written by the mirroring controller. */
  readonly hasMirroredInput: ReadonlySet<string>;
  /** Services sorted by `ns/name`. */
  readonly sortedServices: readonly ServiceRecord[];
  service(namespace: string, name: string): ServiceRecord | undefined;
  /** The derived slices of a selector Service (dns-rules 10-12). */
  derive(svc: ServiceRecord): readonly EndpointSliceRecord[];
}

/** Effective slices per (namespace, Service), each worked out once. */
export class EffectiveSlices {
  /** null = worked out, none. */
  private readonly byKey = new NsNameMap<EndpointSliceRecord[] | null>();
  private mirrorSourcesValue?: NsNameMap<MirrorSource[]>;
  /** Mirrored slices per Endpoints object (so every path shares the same records). */
  private readonly mirroredByObject = new Map<NamespacedObject, EndpointSliceRecord[]>();
  /** Endpoints derived so far (bounded by `maxDerived`). */
  private derivedEndpoints = 0;

  public constructor(private readonly src: EffectiveSliceSources, private readonly maxDerived = MAX_DERIVED_ENDPOINTS) {}

  /** v1 Endpoints that mirror into slices (dns-rules 9: only with their Service), by slice key. */
  private get mirrorSources(): NsNameMap<MirrorSource[]> {
    if (this.mirrorSourcesValue) return this.mirrorSourcesValue;
    const out = new NsNameMap<MirrorSource[]>();
    for (const o of this.src.endpointsObjects) {
      const name = nonEmptyString(asRecord(o.object.metadata)?.name);
      const svc = name ? this.src.service(o.namespace, name) : undefined;
      if (!svc) continue; // dns-rules 9: not mirrored when the Service is missing
      if (this.src.hasMirroredInput.size > 0 && this.src.hasMirroredInput.has(endpointSliceKey(o.namespace, svc.name))) continue;
      const list = out.get(o.namespace, svc.name);
      if (list) list.push({ o, svc });
      else out.set(o.namespace, svc.name, [{ o, svc }]);
    }
    return (this.mirrorSourcesValue = out);
  }

  /** The slices mirrored from one Endpoints object (once). */
  private mirrored(source: MirrorSource): EndpointSliceRecord[] {
    let slices = this.mirroredByObject.get(source.o);
    if (!slices) this.mirroredByObject.set(source.o, (slices = mirrorEndpoints(source.o.object, source.svc, source.o.source)));
    return slices;
  }

  /**
   * The slices cluster DNS sees for one key, worked out on first use: input (dns-rules 7), then mirrored
   * (dns-rules 9), then derived (dns-rules 10-12: only for a selector Service without input slices). Undefined: none.
   */
  public get(namespace: string, serviceName: string): EndpointSliceRecord[] | undefined {
    const known = this.byKey.get(namespace, serviceName);
    if (known !== undefined) return known ?? undefined;
    const input = this.src.inputSlices.get(namespace, serviceName);
    const list = input ? [...input] : [];
    for (const m of this.mirrorSources.get(namespace, serviceName) ?? []) for (const s of this.mirrored(m)) list.push(s);
    const svc = this.src.service(namespace, serviceName);
    if (svc?.selector && !input) {
      const derived = this.src.derive(svc);
      for (const s of derived) this.derivedEndpoints += s.endpoints.length;
      if (this.derivedEndpoints > this.maxDerived) {
        throw new ModelLimitError(`Service "${namespace}/${serviceName}" brings the endpoints derived from the pods its Services select to ${this.derivedEndpoints}, over the limit of ${this.maxDerived} (Services times the pods each selects); check fewer Services at once, or give each Service a selector for its own pods`);
      }
      for (const s of derived) list.push(s);
    }
    this.byKey.set(namespace, serviceName, list.length > 0 ? list : null);
    return list.length > 0 ? list : undefined;
  }

  /**
   * Every non-empty effective slice list, in the order the keys would get their first slice when building them all
   * at once: input keys, then keys of mirrored slices (Endpoints order), then of derived slices (Service order).
   */
  public lists(): EndpointSliceRecord[][] {
    const out: EndpointSliceRecord[][] = [];
    const added = new NsNameMap<true>();
    const add = (ns: string, name: string) => {
      if (added.get(ns, name)) return;
      added.set(ns, name, true);
      out.push(this.get(ns, name)!);
    };
    for (const list of this.src.inputSlices.lists()) add(list[0].namespace, list[0].serviceName);
    for (const o of this.src.endpointsObjects) {
      const name = nonEmptyString(asRecord(o.object.metadata)?.name);
      const svc = name ? this.src.service(o.namespace, name) : undefined;
      if (!svc) continue;
      const sources = this.mirrorSources.get(o.namespace, svc.name) ?? [];
      const m = sources.find((x) => x.o === o);
      if (m && this.mirrored(m).length > 0) add(o.namespace, svc.name);
    }
    for (const svc of this.src.sortedServices) {
      if (!svc.selector || this.src.inputSlices.has(svc.namespace, svc.name)) continue;
      if (this.get(svc.namespace, svc.name)) add(svc.namespace, svc.name);
    }
    return out;
  }
}
