import * as kplus from 'cdk8s-plus-28';
import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import {
  constructError, dns1035LabelProblem, dns1123LabelProblem, ianaSvcNameProblem, isIntegerInRange, qualifiedNameProblem, quote, validateLabels,
} from './construct-errors';
import { ContainerPort, UpdateStrategy } from './container-options';
import { checkHeadlessStatefulSetProps } from './headless-stateful-set-check';
import { HeadlessStatefulSetProps, PeerAddressOptions } from './headless-stateful-set-props';
import { hasOwn, optionalString, optionalStruct } from './prop-check';
import { Protocol } from './service-port';
import { IServiceReference, normalizeClusterDomain, resolveNamespace, serviceFqdn, validateServiceName } from './service-reference';
import { PodTemplateBuilder } from './stateful-pod-template';
import { AccessMode, ClaimRetention } from './stateful-storage';

/** The largest StatefulSet name whose `controller-revision-hash` label (`<name>-<hash of up to 10>`) fits 63. */
const MAX_NAME_LENGTH = 52;
const INT32_MAX = 2 ** 31 - 1;
const POD_NAME_LABEL = 'statefulset.kubernetes.io/pod-name';
const PEER_PLACEHOLDERS = ['{host}', '{port}', '{pod}', '{ordinal}', '{ordinalPlusOne}'];

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
    this.replicas = this.validateReplicas(props.replicas ?? 1);
    this.containerName = this.name;
    const image = (props.image ?? '').trim();
    if (image === '' || /\s/.test(image)) {
      throw constructError(this, `image ${quote(props.image ?? '')} is not an image reference; give one such as "redis:7" or "postgres:16".`);
    }
    this.ports = this.validatePorts(props.ports ?? []);

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

    const template = new PodTemplateBuilder(this, image, props).build();
    const servicePorts = this.ports.map((p): k8s.ServicePort => ({
      name: p.name,
      port: p.port,
      targetPort: k8s.IntOrString.fromString(p.name),
      protocol: p.protocol,
      appProtocol: p.appProtocol,
    }));
    const metadata = (name: string): k8s.ObjectMeta => ({ name, namespace: props.namespace, labels: { ...labels } });

    this.headlessService = new k8s.KubeService(this, 'HeadlessService', {
      metadata: metadata(this.headlessServiceName),
      spec: {
        clusterIp: 'None',
        selector: { ...this.selectorLabels },
        ports: servicePorts,
        publishNotReadyAddresses: props.publishNotReadyAddresses ?? true,
      },
    });
    if (this.clientServiceName !== undefined) {
      this.clientService = new k8s.KubeService(this, 'ClientService', {
        metadata: metadata(this.clientServiceName),
        spec: { type: 'ClusterIP', selector: { ...this.selectorLabels }, ports: servicePorts },
      });
    }

    const policy = props.podManagementPolicy ?? kplus.PodManagementPolicy.ORDERED_READY;
    if (!Object.values(kplus.PodManagementPolicy).includes(policy)) {
      throw constructError(this, `podManagementPolicy ${quote(policy)} is not supported; use PodManagementPolicy.ORDERED_READY or PodManagementPolicy.PARALLEL.`);
    }
    const storage = template.storage;
    this.statefulSet = new k8s.KubeStatefulSet(this, 'Resource', {
      metadata: metadata(this.name),
      spec: {
        serviceName: this.headlessServiceName,
        replicas: this.replicas,
        selector: { matchLabels: { ...this.selectorLabels } },
        podManagementPolicy: policy,
        updateStrategy: (props.updateStrategy ?? UpdateStrategy.rollingUpdate())._toKube(),
        persistentVolumeClaimRetentionPolicy: storage ? {
          whenDeleted: storage.whenDeleted ?? ClaimRetention.RETAIN,
          whenScaled: storage.whenScaled ?? ClaimRetention.RETAIN,
        } : undefined,
        template: { metadata: { labels: { ...labels } }, spec: template.podSpec },
        volumeClaimTemplates: storage ? [{
          // Only the name-derived selector labels: claim templates cannot change on a live StatefulSet.
          metadata: { name: template.claimName, labels: { ...this.selectorLabels } },
          spec: {
            accessModes: storage.accessModes ?? [AccessMode.READ_WRITE_ONCE],
            storageClassName: storage.storageClassName,
            resources: { requests: { storage: k8s.Quantity.fromString(storage.size) } },
          },
        }] : undefined,
      },
    });
  }

  /** The pod names, `<name>-0` to `<name>-<replicas-1>`. */
  public get podNames(): string[] {
    return Array.from({ length: this.replicas }, (_, i) => `${this.name}-${i}`);
  }

  /** The pods' stable DNS names, `<pod>.<headlessService>.<namespace>.svc.<clusterDomain>`. */
  public get podDnsNames(): string[] {
    return this.podNames.map((pod) => `${pod}.${this.headlessServiceFqdn}`);
  }

  /**
   * The stable DNS name of the pod with the given ordinal (which may be beyond the current replicas).
   *
   * @param ordinal a whole number >= 0
   */
  public podDnsName(ordinal: number): string {
    if (!isIntegerInRange(ordinal, 0, INT32_MAX)) {
      throw constructError(this, `podDnsName: ordinal ${quote(ordinal)} is not a whole number >= 0; pods are numbered from 0.`);
    }
    return `${this.name}-${ordinal}.${this.headlessServiceFqdn}`;
  }

  /**
   * The labels that select only the pod with the given ordinal: the selector labels plus
   * `statefulset.kubernetes.io/pod-name`, for a Service that routes to one pod (for example a primary).
   *
   * @param ordinal a whole number >= 0
   */
  public podSelectorLabels(ordinal: number): { [key: string]: string } {
    if (!isIntegerInRange(ordinal, 0, INT32_MAX)) {
      throw constructError(this, `podSelectorLabels: ordinal ${quote(ordinal)} is not a whole number >= 0; pods are numbered from 0.`);
    }
    return { ...this.selectorLabels, [POD_NAME_LABEL]: `${this.name}-${ordinal}` };
  }

  /**
   * `host:port` of every pod, for the configuration of clustered systems (Redis, ZooKeeper, Kafka, etcd), e.g.
   * `['redis-0.redis-headless.default.svc.cluster.local:6379', ...]`.
   *
   * @param portName the container port to use. Default: the first port
   */
  public peerAddresses(portName?: string): string[] {
    const port = this.findPort(portName, 'peerAddresses');
    return this.podDnsNames.map((host) => `${host}:${port.port}`);
  }

  /**
   * One string listing every peer, for configuration values: `host:port` joined by commas by default, or any
   * `format` and `separator` (Kafka voters, etcd initial cluster, ZooKeeper servers).
   *
   * @param options port, format and separator. Default: `{}`, `{host}:{port}` of the first port joined by ","
   */
  public joinPeerAddresses(options: PeerAddressOptions = {}): string {
    const at = 'joinPeerAddresses options';
    const given = optionalStruct(this, at, options, 'give options such as { format: "{host}:{port}" }.') ?? {};
    const port = this.findPort(optionalString(this, `${at}.portName`, given.portName, 'give a container port name.'), 'joinPeerAddresses');
    const format = optionalString(this, `${at}.format`, given.format, 'give a format such as "{host}:{port}".') ?? '{host}:{port}';
    const separator = optionalString(this, `${at}.separator`, given.separator, 'give a separator such as ",".') ?? ',';
    const unknown = (format.match(/\{[^}]*\}/g) ?? []).find((p) => !PEER_PLACEHOLDERS.includes(p));
    if (unknown !== undefined) {
      throw constructError(this, `joinPeerAddresses: format ${quote(format)} has the unknown placeholder ${quote(unknown)}; use ${PEER_PLACEHOLDERS.join(', ')}.`);
    }
    const values = (ordinal: number): { [placeholder: string]: string } => ({
      '{host}': this.podDnsName(ordinal),
      '{port}': String(port.port),
      '{pod}': `${this.name}-${ordinal}`,
      '{ordinal}': String(ordinal),
      '{ordinalPlusOne}': String(ordinal + 1),
    });
    return Array.from({ length: this.replicas }, (_, i) => {
      const v = values(i);
      return format.replace(/\{[^}]*\}/g, (p) => v[p]);
    }).join(separator);
  }

  /**
   * The container port with the given name.
   *
   * @param name the port name; the first port when omitted
   */
  public port(name?: string): ContainerPort {
    return this.findPort(name, 'port');
  }

  private findPort(name: string | undefined, where: string): ContainerPort {
    if (name === undefined || name === null) return this.ports[0];
    const found = this.ports.find((p) => p.name === name);
    if (!found) {
      const known = this.ports.map((p) => quote(p.name)).join(', ');
      throw constructError(this, `${where}: port name ${quote(name)} is not one of the container ports (${known}); use one of those names.`);
    }
    return found;
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

  private validateReplicas(replicas: number): number {
    if (!isIntegerInRange(replicas, 0, INT32_MAX)) {
      throw constructError(this, `replicas ${quote(replicas)} is not a whole number >= 0; use for example 3.`);
    }
    // The pod name `<name>-<ordinal>` is also its hostname, a DNS-1123 label (k8s-validation.md rule 5):
    // len(name) + 1 + digits(replicas - 1) <= 63 always holds here, as name <= 52 and replicas - 1 has <= 10 digits.
    return replicas;
  }

  private validatePorts(ports: ContainerPort[]): ContainerPort[] {
    if (ports.length === 0) {
      throw constructError(this, 'ports is empty; declare at least one named container port such as { name: "redis", port: 6379 }.');
    }
    const names = new Set<string>();
    const pairs = new Set<string>();
    return ports.map((p, i) => {
      const at = `ports[${i}]`;
      const nameProblem = ianaSvcNameProblem(p.name ?? '');
      if (nameProblem) {
        throw constructError(this, `${at}.name ${quote(p.name ?? '')} ${nameProblem}; container port names are IANA service names such as "redis" or "tcp-postgresql".`);
      }
      if (names.has(p.name)) {
        throw constructError(this, `${at}.name ${quote(p.name)} is used by more than one port; port names must be unique.`);
      }
      names.add(p.name);
      if (!isIntegerInRange(p.port, 1, 65535)) {
        throw constructError(this, `${at}.port ${quote(p.port)} is out of range; a port is an integer from 1 to 65535.`);
      }
      const protocol = p.protocol ?? Protocol.TCP;
      if (!Object.values(Protocol).includes(protocol)) {
        throw constructError(this, `${at}.protocol ${quote(protocol)} is not supported; use Protocol.TCP, Protocol.UDP or Protocol.SCTP.`);
      }
      const pair = `${p.port}/${protocol}`;
      if (pairs.has(pair)) {
        throw constructError(this, `${at} repeats port ${pair}; each (port, protocol) pair must be unique.`);
      }
      pairs.add(pair);
      if (p.appProtocol !== undefined) {
        const problem = qualifiedNameProblem(p.appProtocol);
        if (problem) {
          throw constructError(this, `${at}.appProtocol ${quote(p.appProtocol)} ${problem}; use a name such as "redis" or "kubernetes.io/h2c".`);
        }
      }
      return { name: p.name, port: p.port, protocol, appProtocol: p.appProtocol };
    });
  }
}
