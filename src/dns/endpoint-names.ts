/**
 * The endpoints of one Service by the first label of their DNS name (dns-rules 27: hostname, else the pod name with
 * endpoint_pod_names, else the dashed IP), for questions such as `web-0.nginx.default.svc.cluster.local` (pure).
 *
 * The resolver builds one per Service on the first such question and keeps it, so a question costs a look-up of the
 * label instead of a pass over every endpoint of the Service: `cdk8s-dns serve` answered each new name below a
 * headless Service of 50,000 endpoints in about a millisecond, and `records`, which asks for each endpoint's name,
 * took time cubic in the input when many Services selected the same pods.
 */
import type { EndpointRecord, EndpointSliceRecord } from '../model/records';

/** One endpoint with the slice it is in. */
export interface SliceEndpoint {
  readonly slice: EndpointSliceRecord;
  readonly endpoint: EndpointRecord;
}

/** Endpoints by first label, lower case, in slice order then endpoint order (as a pass over the slices finds them). */
export function endpointsByLabel(slices: readonly EndpointSliceRecord[], labelOf: (e: EndpointRecord) => string): Map<string, SliceEndpoint[]> {
  const out = new Map<string, SliceEndpoint[]>();
  for (const slice of slices) {
    for (const endpoint of slice.endpoints) {
      const label = labelOf(endpoint).toLowerCase();
      const list = out.get(label);
      if (list) list.push({ slice, endpoint });
      else out.set(label, [{ slice, endpoint }]);
    }
  }
  return out;
}

/** Every endpoint of the slices with its slice, in order. */
export function* eachEndpoint(slices: readonly EndpointSliceRecord[]): Generator<SliceEndpoint> {
  for (const slice of slices) for (const endpoint of slice.endpoints) yield { slice, endpoint };
}
