/**
 * The simulated values of the model, recorded as they are made but written out only when asked for: most callers
 * (the checker) never read `ClusterModel.simulated`, and its texts are a large share of the model's allocations.
 * `materialize` appends exactly the values (and order) that pushing them one by one would have given. Pure.
 */
import { EndpointSliceRecord, PodRecord, ServiceRecord, SimulatedValue } from './records';

const NOTE = 0;
const POD = 1;
const POD_IPS = 2;
const SLICE = 3;
const CLUSTER_IPS = 4;

/** An append-only log of simulated values: ready values, or the records they are made from. */
export class SimulatedLog {
  /** Pairs: an entry code, then its payload. */
  private readonly entries: unknown[] = [];

  /** A ready value (notes: caps, pods without an IP). */
  public note(value: SimulatedValue): void {
    this.entries.push(NOTE, value);
  }

  /** The pod itself (simulated from its workload's template). */
  public pod(record: PodRecord): void {
    this.entries.push(POD, record);
  }

  /** One value per (simulated) IP of the pod, in `ips` order. */
  public podIps(record: PodRecord): void {
    this.entries.push(POD_IPS, record);
  }

  /** A derived EndpointSlice. */
  public slice(slice: EndpointSliceRecord): void {
    this.entries.push(SLICE, slice);
  }

  /** One value per (simulated) ClusterIP of the Service, in `clusterIPs` order. */
  public clusterIps(service: ServiceRecord): void {
    this.entries.push(CLUSTER_IPS, service);
  }

  /** Appends the values to `out`, in the order they were logged. */
  public materialize(out: SimulatedValue[]): SimulatedValue[] {
    const e = this.entries;
    for (let i = 0; i < e.length; i += 2) {
      const code = e[i];
      if (code === NOTE) {
        out.push(e[i + 1] as SimulatedValue);
      } else if (code === POD) {
        const p = e[i + 1] as PodRecord;
        const object = `${p.origin} ${p.namespace}/${p.owner}`;
        out.push({ kind: 'Pod', object, value: p.name, text: `${p.namespace}/${p.name}: Pod of ${object} (simulated from its template)` });
      } else if (code === POD_IPS) {
        const p = e[i + 1] as PodRecord;
        const key = `${p.namespace}/${p.name}`;
        for (const ip of p.ips) {
          out.push({ kind: 'PodIP', object: `Pod ${key}`, value: ip, text: `${ip}: IP of Pod ${key} (simulated from the pod CIDR)` });
        }
      } else if (code === SLICE) {
        const s = e[i + 1] as EndpointSliceRecord;
        const key = `${s.namespace}/${s.serviceName}`;
        out.push({
          kind: 'EndpointSlice',
          object: `Service ${key}`,
          value: s.name,
          text: `${s.name}: EndpointSlice of Service ${key} (simulated from ${s.endpoints.length} matching pod(s))`,
        });
      } else if (code === CLUSTER_IPS) {
        const s = e[i + 1] as ServiceRecord;
        const obj = `Service ${s.namespace}/${s.name}`;
        for (const ip of s.clusterIPs) {
          out.push({ kind: 'ClusterIP', object: obj, value: ip, text: `${ip}: ClusterIP of ${obj} (simulated: the input has no spec.clusterIP)` });
        }
      }
    }
    return out;
  }
}
