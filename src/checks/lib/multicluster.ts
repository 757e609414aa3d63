/**
 * Pure reads of the multi-cluster service discovery that manifests show: Cilium Cluster Mesh global Services, the
 * Services that Linkerd's service mirror writes, and the names of the Multi-Cluster Services DNS zone (KEP-1645). The
 * per-run index of the Linkerd Links and MCS objects of the input is context/multicluster.ts.
 */
import { asRecord } from '../../model/manifest';
import type { ServiceRecord } from '../../model/records';

/**
 * The annotations that make a Service a Cilium Cluster Mesh global Service: `service.cilium.io/global`, and the older
 * `io.cilium/global-service` that Cilium still reads (docs.cilium.io, Cluster Mesh, Load-balancing & Service Discovery;
 * cilium/cilium examples/kubernetes/clustermesh/global-service-example).
 */
export const CILIUM_GLOBAL_ANNOTATIONS: readonly string[] = ['service.cilium.io/global', 'io.cilium/global-service'];

/**
 * Whether Cilium load-balances the Service to the backends of every cluster of the mesh: a global Service that is not
 * headless. Each cluster defines the Service under the same name and namespace, and Cilium adds the remote clusters'
 * backends to the local ones, so a cluster that runs none of the pods still reaches them. A headless global Service
 * gets no remote backends from this: CoreDNS answers from the local EndpointSlices only, unless the operator's
 * EndpointSlice synchronization (off by default) copies them (cilium/cilium#32021), so it is judged as any other.
 */
export function ciliumGlobalService(svc: ServiceRecord): boolean {
  if (svc.headless) return false;
  const annotations = asRecord(asRecord(svc.object.metadata)?.annotations);
  return CILIUM_GLOBAL_ANNOTATIONS.some((a) => String(annotations?.[a] ?? '').toLowerCase() === 'true');
}

/**
 * The labels with which Linkerd's service mirror marks the Services it writes, and whose Endpoints it keeps itself:
 * the mirrors of the target cluster's exported Services and the probe Service of its gateway (`linkerd multicluster
 * link` output; linkerd2 multicluster/service-mirror). Such a Service has no selector on purpose.
 */
export const LINKERD_MIRROR_LABELS: readonly string[] = ['mirror.linkerd.io/mirrored-service', 'mirror.linkerd.io/mirrored-gateway'];

/** Whether the Service is one that Linkerd's service mirror writes and fills with endpoints (LINKERD_MIRROR_LABELS). */
export function linkerdMirrorOutput(svc: ServiceRecord): boolean {
  const labels = asRecord(asRecord(svc.object.metadata)?.labels);
  return LINKERD_MIRROR_LABELS.some((l) => labels?.[l] === 'true');
}

/** The DNS zone of the Multi-Cluster Services API (KEP-1645): `<service>.<namespace>.svc.clusterset.local`. */
export const CLUSTERSET_ZONE = 'clusterset.local';

/**
 * The ServiceImport a name of the clusterset zone asks for: `<service>.<namespace>.svc.clusterset.local`, or a pod of a
 * headless one, `<hostname>.<cluster id>.<service>.<namespace>.svc.clusterset.local` (KEP-1645, DNS). Undefined for
 * any other name. Case-insensitive, a final dot allowed.
 */
export function clustersetService(host: string): { readonly service: string; readonly namespace: string } | undefined {
  const name = host.toLowerCase().replace(/\.$/, '');
  const suffix = `.svc.${CLUSTERSET_ZONE}`;
  if (!name.endsWith(suffix)) return undefined;
  const labels = name.slice(0, -suffix.length).split('.');
  if (labels.length !== 2 && labels.length !== 4) return undefined;
  const [service, namespace] = labels.slice(-2);
  return service && namespace ? { service, namespace } : undefined;
}
