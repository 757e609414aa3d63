import * as kplus from 'cdk8s-plus-28';
import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { constructError, dns1035LabelProblem, dns1123LabelProblem, quote, validateLabels } from './construct-errors';
import { ContainerPort, ContainerProbe, PodSecurity, UpdateStrategy } from './container-options';
import { checkHeadlessStatefulSetProps } from './headless-stateful-set-check';
import { createStatefulSetObjects } from './headless-stateful-set-objects';
import { ClientServiceOptions, PeerAddressOptions } from './headless-stateful-set-options';
import { checkListedPods, checkOrdinal, findContainerPort, joinPeerAddresses, validateContainerPorts, validateReplicas } from './headless-stateful-set-pods';
import { imageReferenceProblem } from './k8s-syntax/image';
import { hasOwn } from './prop-check';
import { brandConstruct, hasConstructBrand } from './service-construct';
import { IServiceReference, normalizeClusterDomain, resolveNamespace, serviceFqdn, validateServiceName } from './service-reference';
import { StatefulStorage } from './stateful-storage';

/**
 * Properties of a HeadlessStatefulSet.
 */
export interface HeadlessStatefulSetProps {
  /**
   * The container image, for example "redis:7" or "postgres:16": a reference the kubelet can parse
   * (`[registry/]path[:tag][@digest]`, the path in lower case), else synth fails, as the pods would stay in
   * InvalidImageName.
   */
  readonly image: string;

  /**
   * The named ports the container listens on (at least one). Both Services expose them under the same names.
   */
  readonly ports: ContainerPort[];

  /**
   * The number of pods: a whole number from 0 to 2147483647 (the API's int32).
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
   * CPU, memory and ephemeral-storage requests and limits: finite, non-negative quantities, each request at most its
   * limit (the API server rejects the StatefulSet otherwise, and so does synth).
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
   * Seconds a pod gets to shut down cleanly before it is killed: a whole number from 0 to 2147483647.
   *
   * @default 30
   */
  readonly terminationGracePeriodSeconds?: number;

  /**
   * Extra labels for every object and the pods (at most 1000). They cannot replace the selector labels.
   *
   * @default - only the selector labels
   */
  readonly labels?: { [key: string]: string };
}

/** The largest StatefulSet name whose `controller-revision-hash` label (`<name>-<hash of up to 10>`) fits 63. */
const MAX_NAME_LENGTH = 52;
const POD_NAME_LABEL = 'statefulset.kubernetes.io/pod-name';

/**
 * A StatefulSet with its governing headless Service: every pod gets a stable DNS name
 * `<name>-<ordinal>.<headlessService>.<namespace>.svc.<clusterDomain>` that peers use to find each other, and
 * optionally a ClusterIP Service for clients.
 *
 * Unlike cdk8s-plus-28's StatefulSet, the Service name is stable and unhashed, it publishes not-ready pods, the
 * set supports volume claim templates with a retain-everything policy, and the default security settings let
 * the official postgres and redis images start as a non-root user.
 *
 * As an IServiceReference it names the client Service when there is one, else the headless Service.
 *
 * @example
 * const redis = new HeadlessStatefulSet(chart, 'redis', {
 *   image: 'redis:7',
 *   ports: [{ name: 'redis', port: 6379 }],
 *   replicas: 3,
 *   storage: { size: '1Gi' },
 * });
 * redis.podDnsNames; // ['redis-0.redis-headless.default.svc.cluster.local', ...]
 *
 * @see https://kubernetes.io/docs/concepts/workloads/controllers/statefulset/
 * @see https://kubernetes.io/docs/concepts/services-networking/service/#headless-services
 * @see https://kubernetes.io/docs/concepts/services-networking/dns-pod-service/#stable-ids
 */
export class HeadlessStatefulSet extends Construct implements IServiceReference {
  /**
   * Whether `x` is a `HeadlessStatefulSet` (also one created by another copy of this library).
   *
   * @param x the object to test
   */
  public static isHeadlessStatefulSet(x: any): x is HeadlessStatefulSet {
    return hasConstructBrand(x, 'HeadlessStatefulSet');
  }

  /** The StatefulSet name, also the pod name prefix. */
  public readonly name: string;
  /** The namespace of every object. */
  public readonly namespace: string;
  /** The cluster DNS domain used in DNS names. */
  public readonly clusterDomain: string;
  /** The number of pods. */
  public readonly replicas: number;
  /** The container name (the same as `name`). */
  public readonly containerName: string;
  /** The container ports, with defaults filled in. */
  public readonly ports: ContainerPort[];
  /** The name of the governing headless Service. */
  public readonly headlessServiceName: string;
  /**
   * The name of the client Service, if there is one.
   *
   * @default - undefined when `clientService` is not set
   */
  public readonly clientServiceName?: string;
  /** The labels that select this set's pods (and only them). */
  public readonly selectorLabels: { [key: string]: string };
  /** The governing headless Service (L1 object). */
  public readonly headlessService: k8s.KubeService;
  /**
   * The client ClusterIP Service (L1 object), if requested.
   *
   * @default - undefined when `clientService` is not set
   */
  public readonly clientService?: k8s.KubeService;
  /** The StatefulSet (L1 object). */
  public readonly statefulSet: k8s.KubeStatefulSet;
  /** The client Service's name if there is one, else the headless Service's. */
  public readonly serviceName: string;
  /** The namespace of the Services. */
  public readonly serviceNamespace: string;
  /** `<serviceName>.<namespace>.svc.<clusterDomain>`. */
  public readonly serviceFqdn: string;
  /** The headless Service's fully qualified name. */
  public readonly headlessServiceFqdn: string;

  constructor(scope: Construct, id: string, props: HeadlessStatefulSetProps) {
    super(scope, id);
    props = checkHeadlessStatefulSetProps(this, props);
    this.name = this.validateName(props.name ?? id, props.name === undefined);
    this.namespace = resolveNamespace(this, props.namespace);
    this.clusterDomain = normalizeClusterDomain(props.clusterDomain, `HeadlessStatefulSet "${this.node.path}": clusterDomain`);
    this.replicas = validateReplicas(this, props.replicas ?? 1);
    this.containerName = this.name;
    const image = (props.image ?? '').trim();
    if (image === '' || /\s/.test(image)) {
      throw constructError(this, `image ${quote(props.image ?? '')} is not an image reference; give one such as "redis:7" or "postgres:16".`);
    }
    const imageProblem = imageReferenceProblem(image);
    if (imageProblem !== undefined) {
      throw constructError(this, `image ${quote(image)} ${imageProblem}; the API server accepts it, but the kubelet cannot parse it, so the pods stay in InvalidImageName. Give a reference such as "redis:7" or "ghcr.io/acme/db:1.2".`);
    }
    this.ports = validateContainerPorts(this, props.ports ?? []);

    this.headlessServiceName = props.headlessServiceName !== undefined
      ? validateServiceName(this, props.headlessServiceName, 'headlessServiceName')
      : this.validateDerivedServiceName(`${this.name}-headless`, 'headlessServiceName');
    if (props.clientService) {
      this.clientServiceName = props.clientService.name !== undefined
        ? validateServiceName(this, props.clientService.name, 'clientService.name')
        : this.validateDerivedServiceName(this.name, 'clientService.name');
      if (this.clientServiceName === this.headlessServiceName) {
        throw constructError(this, `clientService.name ${quote(this.clientServiceName)} is also the headless Service's name; give the two Services different names.`);
      }
    }
    this.serviceName = this.clientServiceName ?? this.headlessServiceName;
    this.serviceNamespace = this.namespace;
    this.serviceFqdn = serviceFqdn(this.serviceName, this.namespace, this.clusterDomain);
    this.headlessServiceFqdn = serviceFqdn(this.headlessServiceName, this.namespace, this.clusterDomain);

    this.selectorLabels = {
      'app.kubernetes.io/instance': this.name,
      'app.kubernetes.io/component': 'headless-stateful-set',
    };
    const ownLabels = props.labels ?? {};
    validateLabels(this, ownLabels, { key: 'app.kubernetes.io/part-of', value: 'cache', valueIntro: 'value ' },
      (key) => hasOwn(this.selectorLabels, key) || key === POD_NAME_LABEL);
    const labels = { ...ownLabels, ...this.selectorLabels };

    const objects = createStatefulSetObjects(this, image, props, labels);
    this.headlessService = objects.headlessService;
    this.clientService = objects.clientService;
    this.statefulSet = objects.statefulSet;
  }

  /** The pod names, `<name>-0` to `<name>-<replicas-1>`; throws when replicas is over 150,000 (no cluster runs more pods). */
  public get podNames(): string[] {
    checkListedPods(this, 'podNames');
    return Array.from({ length: this.replicas }, (_, i) => `${this.name}-${i}`);
  }

  /**
   * The pods' stable DNS names, `<pod>.<headlessService>.<namespace>.svc.<clusterDomain>`; throws when replicas is
   * over 150,000 (no cluster runs more pods).
   */
  public get podDnsNames(): string[] {
    checkListedPods(this, 'podDnsNames');
    return this.podNames.map((pod) => `${pod}.${this.headlessServiceFqdn}`);
  }

  /**
   * The stable DNS name of the pod with the given ordinal (which may be beyond the current replicas).
   *
   * @param ordinal a whole number from 0 to 2147483647
   */
  public podDnsName(ordinal: number): string {
    checkOrdinal(this, 'podDnsName', ordinal);
    return `${this.name}-${ordinal}.${this.headlessServiceFqdn}`;
  }

  /**
   * The labels that select only the pod with the given ordinal: the selector labels plus
   * `statefulset.kubernetes.io/pod-name`, for a Service that routes to one pod (for example a primary).
   *
   * @param ordinal a whole number from 0 to 2147483647
   */
  public podSelectorLabels(ordinal: number): { [key: string]: string } {
    checkOrdinal(this, 'podSelectorLabels', ordinal);
    return { ...this.selectorLabels, [POD_NAME_LABEL]: `${this.name}-${ordinal}` };
  }

  /**
   * `host:port` of every pod, for the configuration of clustered systems (Redis, ZooKeeper, Kafka, etcd), e.g.
   * `['redis-0.redis-headless.default.svc.cluster.local:6379', ...]`. Throws when replicas is over 150,000.
   *
   * @param portName the container port to use. Default: the first port
   */
  public peerAddresses(portName?: string): string[] {
    checkListedPods(this, 'peerAddresses');
    const port = findContainerPort(this, portName, 'peerAddresses');
    return this.podDnsNames.map((host) => `${host}:${port.port}`);
  }

  /**
   * One string listing every peer, for configuration values: `host:port` joined by commas by default, or any
   * `format` and `separator` (Kafka voters, etcd initial cluster, ZooKeeper servers). Throws when replicas is over
   * 150,000.
   *
   * @param options port, format and separator. Default: `{}`, `{host}:{port}` of the first port joined by ","
   */
  public joinPeerAddresses(options: PeerAddressOptions = {}): string {
    return joinPeerAddresses(this, options);
  }

  /**
   * The container port with the given name.
   *
   * @param name the port name; the first port when omitted
   */
  public port(name?: string): ContainerPort {
    return findContainerPort(this, name, 'port');
  }

  private validateName(name: string, fromId: boolean): string {
    const prop = fromId ? 'name (the construct id, as no name was given)' : 'name';
    const problem = dns1123LabelProblem(name);
    if (problem) {
      throw constructError(this, `${prop} ${quote(name)} ${problem}; a StatefulSet name is a DNS-1123 label such as "redis".`);
    }
    if (name.length > MAX_NAME_LENGTH) {
      throw constructError(this, `${prop} ${quote(name)} is ${name.length} characters long; a StatefulSet name may have at most ${MAX_NAME_LENGTH}, or the controller-revision-hash label of every pod exceeds 63 characters and no pod is created. Use a shorter name.`);
    }
    return name;
  }

  /** Validates a Service name this construct derived from `name`, naming the prop that overrides it. */
  private validateDerivedServiceName(derived: string, prop: string): string {
    const problem = dns1035LabelProblem(derived);
    if (problem) {
      throw constructError(this, `${prop} is not set and its default ${quote(derived)}, derived from name ${quote(this.name)}, ${problem}; set ${prop} to a name such as "redis-peers", or use a name that starts with a letter.`);
    }
    return derived;
  }
}

brandConstruct(HeadlessStatefulSet, 'HeadlessStatefulSet');
