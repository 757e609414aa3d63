/**
 * The records of the cluster model: what `ClusterModel` (cluster-model.ts) extracts from Kubernetes objects.
 * Plain readonly data, sorted and canonical (IPs in canonical text, protocols upper case), safe to share.
 *
 * - `ServiceRecord`: one Service (type, headless, ClusterIPs (maybe simulated), ExternalName target, selector, ports).
 * - `EndpointSliceRecord` / `EndpointRecord` / `EndpointPortRecord`: the EndpointSlices cluster DNS would see for a
 *   Service: from the input (authoritative), mirrored from v1 Endpoints (dns-rules 9), or derived from Pods
 *   and workload templates (dns-rules 10-12, simulated).
 * - `PodRecord`: a real Pod or a Pod simulated from a workload template (dns-rules 13).
 * - `SimulatedValue`: a value the input does not contain and the model made up (ClusterIP, pod IP, pod, endpoints).
 */
import { IpFamily } from './ip';
import { ManifestSource, KubeObject } from './manifest';

export type { IpFamily } from './ip';

/** CoreDNS `pods` option (dns-rules 40). */
export type PodsMode = 'disabled' | 'insecure' | 'verified';

/** One Service port. */
export interface ServicePortRecord {
  /** Port name, '' when unnamed. */
  readonly name: string;
  /** The Service port; undefined when missing or malformed. */
  readonly port?: number;
  /** Upper case, default `TCP`. */
  readonly protocol: string;
  /** targetPort: a number or a container-port name; API default = `port`. */
  readonly targetPort?: number | string;
}

/** One Service. */
export interface ServiceRecord {
  readonly namespace: string;
  readonly name: string;
  /** `ClusterIP`, `NodePort`, `LoadBalancer` or `ExternalName` (default `ClusterIP`; other junk kept as given). */
  readonly type: string;
  /** `clusterIP: None` and not ExternalName (dns-rules 6). */
  readonly headless: boolean;
  /** `spec.externalName` of an ExternalName Service, as written. */
  readonly externalName?: string;
  /** ClusterIPs in canonical text (empty for headless/ExternalName). */
  readonly clusterIPs: readonly string[];
  /** True when `clusterIPs` were allocated by the model (the input has none). */
  readonly clusterIPsSimulated: boolean;
  /** `spec.ipFamilies` as the API server would default them. */
  readonly ipFamilies: readonly IpFamily[];
  /** The selector; undefined when absent or empty (an empty selector selects nothing, like a missing one). */
  readonly selector?: { readonly [key: string]: string };
  readonly ports: readonly ServicePortRecord[];
  readonly publishNotReadyAddresses: boolean;
  readonly object: KubeObject;
  readonly source?: ManifestSource;
}

/** One address of an EndpointSlice endpoint (CoreDNS flattens endpoints to addresses). */
export interface EndpointRecord {
  /** Canonical IP. */
  readonly ip: string;
  readonly family: IpFamily;
  /** `hostname` of the endpoint, if any. */
  readonly hostname?: string;
  /** `conditions.ready`, unset counting as true (dns-rules 8). */
  readonly ready: boolean;
  /** `targetRef.name` when it refers to a Pod. */
  readonly targetRefName?: string;
}

/** One port of an EndpointSlice. */
export interface EndpointPortRecord {
  readonly name: string;
  /** undefined when the slice port has no number. */
  readonly port?: number;
  readonly protocol: string;
}

/** Where an EndpointSlice comes from. */
export type EndpointSliceOrigin = 'input' | 'mirrored' | 'derived';

/** One EndpointSlice as cluster DNS sees it. */
export interface EndpointSliceRecord {
  readonly namespace: string;
  /** Slice name (generated for mirrored/derived slices). */
  readonly name: string;
  /** Its `kubernetes.io/service-name` label. */
  readonly serviceName: string;
  readonly addressType: string;
  readonly endpoints: readonly EndpointRecord[];
  readonly ports: readonly EndpointPortRecord[];
  readonly origin: EndpointSliceOrigin;
  /** True for derived slices (simulated from Pods or workload templates). */
  readonly simulated: boolean;
  readonly source?: ManifestSource;
}

/** A container port of a pod. */
export interface ContainerPortRecord {
  readonly name?: string;
  readonly containerPort: number;
  readonly protocol: string;
}

/**
 * Where a pod comes from: `Pod`, or the kind of the workload it is simulated for (`StatefulSet`, `Deployment`,
 * `ReplicaSet`, `DaemonSet`, `Rollout`, `DeploymentConfig`, `Prometheus`, ...: src/model/workload-kinds.ts).
 */
export type PodOrigin = string;

/** A Pod, real or simulated. */
export interface PodRecord {
  readonly namespace: string;
  readonly name: string;
  readonly labels: { readonly [key: string]: string };
  /** Canonical pod IPs (status.podIPs, or simulated). */
  readonly ips: readonly string[];
  /** True when `ips` were allocated by the model. */
  readonly ipsSimulated: boolean;
  readonly hostname?: string;
  readonly subdomain?: string;
  readonly phase?: string;
  /** The Pod Ready condition (simulated pods and pods without status: true). */
  readonly ready: boolean;
  /** `metadata.deletionTimestamp` set. */
  readonly terminating: boolean;
  readonly containerPorts: readonly ContainerPortRecord[];
  readonly origin: PodOrigin;
  /** The workload name for simulated pods. */
  readonly owner?: string;
  /** True when the pod itself does not exist in the input (simulated from a workload template). */
  readonly simulated: boolean;
  readonly source?: ManifestSource;
  /**
   * A Helm test Pod without `status` (well-known.ts isHelmTestRun): it exists only while `helm test` runs it, so it is
   * an endpoint of no Service but a Helm test hook itself (endpoints.ts deriveSlices). @default false
   */
  readonly helmTest?: boolean;
}

/** A value the input does not contain, made up deterministically by the model. */
export interface SimulatedValue {
  readonly kind: 'ClusterIP' | 'PodIP' | 'Pod' | 'EndpointSlice';
  /** `Service ns/name`, `Pod ns/name`, ... */
  readonly object: string;
  /** The made-up value (an IP, a pod name, a slice name). */
  readonly value: string;
  /** One line for outputs: `10.96.0.12: ClusterIP of Service default/db (simulated: no spec.clusterIP)`. */
  readonly text: string;
}

/** Options of the cluster model. */
export interface ClusterModelOptions {
  /** Namespace of objects without one. @default 'default' */
  readonly defaultNamespace?: string;
  /** Cluster domain. @default 'cluster.local' */
  readonly clusterDomain?: string;
  /** Service CIDR(s), comma-separated for dual-stack. @default '10.96.0.0/12' */
  readonly serviceCidr?: string;
  /** Pod CIDR(s), comma-separated for dual-stack. @default '10.244.0.0/16' */
  readonly podCidr?: string;
  /** CoreDNS `pods` mode. @default 'disabled' */
  readonly pods?: PodsMode;
  /** CoreDNS `endpoint_pod_names`. @default false */
  readonly endpointPodNames?: boolean;
}

/** Options with defaults applied. */
export interface ResolvedModelOptions {
  readonly defaultNamespace: string;
  /** Lower case, without trailing dot. */
  readonly clusterDomain: string;
  readonly serviceCidr: string;
  readonly podCidr: string;
  /** True when `serviceCidr` is the default, not given: a guess at this cluster's range. */
  readonly serviceCidrAssumed: boolean;
  /** True when `podCidr` is the default, not given. */
  readonly podCidrAssumed: boolean;
  readonly pods: PodsMode;
  readonly endpointPodNames: boolean;
}
