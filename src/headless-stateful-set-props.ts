/**
 * The props of `HeadlessStatefulSet` and the options its methods take (the construct is in headless-stateful-set.ts).
 */
import * as kplus from 'cdk8s-plus-28';
import { ContainerPort, ContainerProbe, PodSecurity, UpdateStrategy } from './container-options';
import { StatefulStorage } from './stateful-storage';

/**
 * Options of the client-facing ClusterIP Service of a HeadlessStatefulSet.
 */
export interface ClientServiceOptions {
  /**
   * The Service name (a DNS-1035 label).
   *
   * @default - the StatefulSet's name
   */
  readonly name?: string;
}

/**
 * Options of `HeadlessStatefulSet.joinPeerAddresses`.
 */
export interface PeerAddressOptions {
  /**
   * The container port whose number follows each host name.
   *
   * @default - the first port
   */
  readonly portName?: string;

  /**
   * The text between two addresses.
   *
   * @default ","
   */
  readonly separator?: string;

  /**
   * How each peer is written. Placeholders: `{host}` (the pod's DNS name), `{port}` (the port number), `{pod}` (the
   * pod name), `{ordinal}` and `{ordinalPlusOne}` (for 1-based ids such as ZooKeeper's). Examples:
   * Kafka `controller.quorum.voters`: `"{ordinal}@{host}:{port}"`; etcd `--initial-cluster`:
   * `"{pod}=http://{host}:{port}"`; ZooKeeper `ZOO_SERVERS` (separator " "):
   * `"server.{ordinalPlusOne}={host}:2888:3888;2181"`.
   *
   * @default "{host}:{port}"
   */
  readonly format?: string;
}

/**
 * Properties of a HeadlessStatefulSet.
 */
export interface HeadlessStatefulSetProps {
  /**
   * The container image, for example "redis:7" or "postgres:16".
   */
  readonly image: string;

  /**
   * The named ports the container listens on (at least one). Both Services expose them under the same names.
   */
  readonly ports: ContainerPort[];

  /**
   * The number of pods (a whole number >= 0).
   *
   * @default 1
   */
  readonly replicas?: number;

  /**
   * The StatefulSet name and pod name prefix: a DNS-1123 label of at most 52 characters (the
   * `controller-revision-hash` pod label adds up to 11 characters and must stay within 63).
   *
   * @default - the construct id
   */
  readonly name?: string;

  /**
   * The namespace of every object.
   *
   * @default - the chart's namespace, else "default" (the objects then carry no namespace)
   */
  readonly namespace?: string;

  /**
   * The cluster DNS domain used in `podDnsNames` and `serviceFqdn`.
   *
   * @default "cluster.local"
   */
  readonly clusterDomain?: string;

  /**
   * The name of the governing headless Service (a DNS-1035 label). It becomes every pod's DNS subdomain and
   * cannot change on a live StatefulSet.
   *
   * @default - `<name>-headless`
   */
  readonly headlessServiceName?: string;

  /**
   * Whether the headless Service publishes DNS records for pods that are not ready yet, so peers can find each
   * other while they form a cluster (kubernetes/kubernetes#92559).
   *
   * @default true
   */
  readonly publishNotReadyAddresses?: boolean;

  /**
   * Adds a ClusterIP Service for clients beside the headless one: clients get one stable virtual IP that
   * load-balances across ready pods, while peers use the per-pod names.
   *
   * @default - no client Service
   */
  readonly clientService?: ClientServiceOptions;

  /**
   * Per-pod persistent storage (a volume claim template).
   *
   * @default - no persistent storage; images this library knows get an emptyDir at their data directory
   */
  readonly storage?: StatefulStorage;

  /**
   * Environment variables, in order (later ones may refer to earlier ones with `$(NAME)`). Names are C identifiers
   * (letters, digits and `_`, not starting with a digit), which every Kubernetes version accepts.
   *
   * @default - none, except PGDATA for postgres images
   */
  readonly env?: { [name: string]: kplus.EnvValue };

  /**
   * The entrypoint (replaces the image's ENTRYPOINT).
   *
   * @default - the image's entrypoint
   */
  readonly command?: string[];

  /**
   * The arguments (replace the image's CMD).
   *
   * @default - the image's command
   */
  readonly args?: string[];

  /**
   * CPU, memory and ephemeral-storage requests and limits.
   *
   * @default - none (the namespace's LimitRange, if any, applies)
   */
  readonly resources?: kplus.ContainerResources;

  /**
   * Decides when a pod receives client traffic and, with OrderedReady, when the next pod starts.
   *
   * @default - none: a pod is ready as soon as its container runs
   */
  readonly readinessProbe?: ContainerProbe;

  /**
   * Restarts the container when it fails.
   *
   * @default - none
   */
  readonly livenessProbe?: ContainerProbe;

  /**
   * Holds off the other probes until the container has started.
   *
   * @default - none
   */
  readonly startupProbe?: ContainerProbe;

  /**
   * Whether pods start and stop one at a time in ordinal order, or all at once.
   *
   * @default kplus.PodManagementPolicy.ORDERED_READY
   */
  readonly podManagementPolicy?: kplus.PodManagementPolicy;

  /**
   * How pods are replaced when the template changes.
   *
   * @default UpdateStrategy.rollingUpdate()
   */
  readonly updateStrategy?: UpdateStrategy;

  /**
   * The pods' security settings.
   *
   * @default PodSecurity.nonRoot()
   */
  readonly security?: PodSecurity;

  /**
   * Seconds a pod gets to shut down cleanly before it is killed.
   *
   * @default 30
   */
  readonly terminationGracePeriodSeconds?: number;

  /**
   * Extra labels for every object and the pods. They cannot replace the selector labels.
   *
   * @default - only the selector labels
   */
  readonly labels?: { [key: string]: string };
}
