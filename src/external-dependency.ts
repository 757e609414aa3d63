import { ApiObject } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { constructError, PendingConstruct, quote, validateAnnotations, validateLabels } from './construct-errors';
import { checkExternalDependencyProps } from './external-dependency-check';
import { clusterServiceNameProblem, externalHostnameProblem, normalizeExternalHostname } from './external-dependency-hostname';
import { brandConstruct, hasConstructBrand, resolveServiceAddress, ServiceAddress, ServiceApiObject } from './service-construct';
import { ServicePort } from './service-port';
import { ResolvedServicePort, resolveServicePorts } from './service-port-internal';
import { IServiceReference } from './service-reference';
import { showList } from './show-value';

// Re-exported so that other constructs (e.g. MigratingDatabase) validate external hosts the same way (internal).
export { externalHostnameProblem, normalizeExternalHostname } from './external-dependency-hostname';

/**
 * Props for `ExternalDependency`.
 *
 * Set exactly one target: `externalName` (a host outside the cluster), `targetService` (an alias to a Service in
 * another namespace) or `externalNameByEnvironment` (a host per environment, chosen at synth time).
 */
export interface ExternalDependencyProps {
  /**
   * The external host the in-cluster name points at, e.g. `db.example.com` or
   * `mydb.abc123.us-east-1.rds.amazonaws.com`.
   *
   * It must be a DNS host name of at least two labels; it is normalized to lower case without a trailing dot.
   * IP addresses are rejected (cluster DNS would serve a useless CNAME): use `SelectorlessIpService` for them.
   * URLs and `host:port` are rejected too: give the port in `ports`.
   *
   * @default - none; set exactly one of `externalName`, `targetService` or `externalNameByEnvironment`
   */
  readonly externalName?: string;

  /**
   * Another in-cluster Service this name is an alias for, typically in another namespace: one of this library's
   * constructs, or `ServiceReference.fromName('shared-infra', 'redis')`. The Service's `externalName` becomes that
   * Service's fully qualified name, e.g. `redis.shared-infra.svc.cluster.local`.
   *
   * @default - none; set exactly one of `externalName`, `targetService` or `externalNameByEnvironment`
   */
  readonly targetService?: IServiceReference;

  /**
   * One external host per environment, e.g. `{ dev: 'db.dev.example.com', prod: 'db.example.com' }`: the same
   * in-cluster name points at a different host in each environment. The environment is `environment`, else the
   * cdk8s context value `service-discovery.environment` (`ExternalDependency.ENVIRONMENT_CONTEXT_KEY`). Every host
   * is validated, not only the chosen one.
   *
   * @default - none; set exactly one of `externalName`, `targetService` or `externalNameByEnvironment`
   */
  readonly externalNameByEnvironment?: { [environment: string]: string };

  /**
   * The environment whose host `externalNameByEnvironment` selects. Only valid with `externalNameByEnvironment`.
   *
   * @default - the cdk8s context value `service-discovery.environment`
   * (`app.node.setContext('service-discovery.environment', 'prod')`); an error when neither is set
   */
  readonly environment?: string;

  /**
   * The Service name: the in-cluster DNS label clients use (a DNS-1035 label such as `database`). Never hashed.
   *
   * @default - the construct id
   */
  readonly name?: string;

  /**
   * The namespace of the Service.
   *
   * @default - the chart's namespace, else "default"
   */
  readonly namespace?: string;

  /**
   * Ports, kept in the output for documentation and tooling only: Kubernetes does no port mapping for
   * ExternalName, so clients connect to the external host's own port. Give the external port as `port`; a
   * `targetPort` different from `port` is rejected because it would never be applied.
   *
   * @default - no ports
   */
  readonly ports?: ServicePort[];

  /**
   * The cluster DNS domain, used for `fqdn`.
   *
   * @default "cluster.local"
   */
  readonly clusterDomain?: string;

  /**
   * Labels for the Service's metadata (qualified-name keys, label values; at most 1000).
   *
   * @default - no labels
   */
  readonly labels?: { [key: string]: string };

  /**
   * Annotations for the Service's metadata (qualified-name keys; at most 1000, and 256 KiB of keys and values in all,
   * the API server's limit).
   *
   * @default - no annotations
   */
  readonly annotations?: { [key: string]: string };
}

/**
 * A stable in-cluster name for a dependency reached by DNS name: an ExternalName Service.
 *
 * Cluster DNS answers `<name>.<namespace>.svc.<clusterDomain>` with a CNAME to the external host, so applications
 * use the same name in every environment, and the dependency can later move into the cluster under that name.
 * There is no proxy, no virtual IP and no port mapping. For IP addresses, use `SelectorlessIpService`.
 *
 * Clients still talk to the external host: TLS certificates and HTTP `Host` headers must use `tlsServerName`
 * (the external host), not the in-cluster alias.
 *
 * The construct is the Service: a `k8s.KubeService` (an `ApiObject`) whose props are checked when it is created.
 * `name` is the Service name; `metadata.addLabel()`, `addJsonPatch()` and `ApiObject.of()` work on it directly.
 *
 * @example
 * const db = new ExternalDependency(chart, 'database', {
 *   externalName: 'mydb.abc123.us-east-1.rds.amazonaws.com',
 *   ports: [{ name: 'postgres', port: 5432 }],
 * });
 * db.fqdn;          // 'database.<chart namespace>.svc.cluster.local'
 * db.tlsServerName; // 'mydb.abc123.us-east-1.rds.amazonaws.com'
 *
 * @see https://kubernetes.io/docs/concepts/services-networking/service/#externalname
 * @see https://kubernetes.io/docs/concepts/services-networking/dns-pod-service/#services
 */
export class ExternalDependency extends ServiceApiObject {
  /**
   * The cdk8s context key that chooses the environment for `externalNameByEnvironment`:
   * `service-discovery.environment`. `cdk8s synth` passes no context, so set it in the app, e.g.
   * `app.node.setContext(ExternalDependency.ENVIRONMENT_CONTEXT_KEY, process.env.DEPLOY_ENV ?? 'dev')`
   * before creating charts.
   */
  public static readonly ENVIRONMENT_CONTEXT_KEY = 'service-discovery.environment';

  /**
   * Whether `x` is an `ExternalDependency` (also one created by another copy of this library).
   *
   * @param x the object to test
   */
  public static isExternalDependency(x: any): x is ExternalDependency {
    return hasConstructBrand(x, 'ExternalDependency');
  }

  /** The normalized external host (lower case, no trailing dot) that cluster DNS returns as a CNAME. */
  public readonly externalName: string;

  /**
   * The name a client must verify the server's TLS certificate against and send as SNI and HTTP `Host`: the
   * external host, not the in-cluster alias (certificates for `db.example.com` do not cover
   * `database.prod.svc.cluster.local`). For an alias of a target that exposes a `tlsServerName` (another
   * ExternalDependency, a MigratingDatabase), that target's `tlsServerName` (the end of the CNAME chain, or the
   * external host while a MigratingDatabase is EXTERNAL or SYNC); for an alias of any other in-cluster Service,
   * that Service's FQDN.
   */
  public readonly tlsServerName: string;

  /**
   * The environment chosen from `externalNameByEnvironment`.
   *
   * @default - undefined unless `externalNameByEnvironment` is used
   */
  public readonly environment?: string;

  constructor(scope: Construct, id: string, props: ExternalDependencyProps) {
    // Everything is checked before super(): the Service's name and spec must be known to create it, and a bad prop
    // then leaves no half-built Service in the tree.
    const plan = planService(new PendingConstruct(new.target, scope, id), props);
    super(scope, id, plan.serviceProps, plan.address);
    this.externalName = plan.externalName;
    this.environment = plan.environment;
    this.tlsServerName = plan.tlsServerName;
  }

  /**
   * The synthesized v1 Service: this construct itself, which is a `k8s.KubeService` (use its `metadata`,
   * `addJsonPatch()` and `ApiObject.of()` directly).
   *
   * @deprecated this construct is the Service; use it directly
   */
  public get apiObject(): ApiObject {
    return this;
  }
}

brandConstruct(ExternalDependency, 'ExternalDependency');

/** What the constructor computes from the props before the Service exists. */
interface ServicePlan {
  readonly address: ServiceAddress;
  readonly externalName: string;
  readonly environment?: string;
  readonly tlsServerName: string;
  readonly serviceProps: k8s.KubeServiceProps;
}

/** Validates the props of the ExternalDependency `at` and computes its Service; throws the first problem found. */
function planService(at: PendingConstruct, given: ExternalDependencyProps): ServicePlan {
  const props = checkExternalDependencyProps(at, given);
  const address = resolveServiceAddress(at, props, at.id);
  const fqdn = address.fqdn;

  const target = resolveTarget(at, props);
  const externalName = target.externalName;
  if (externalName === fqdn) {
    throw constructError(at, `${target.prop} ${quote(externalName)} is this Service's own name; a CNAME to itself never resolves. Point it at another host or Service.`);
  }
  const inClusterProblem = props.targetService === undefined ? clusterServiceNameProblem(externalName) : undefined;
  if (inClusterProblem) throw constructError(at, `${target.prop} ${quote(externalName)} ${inClusterProblem}`);

  const ports = resolveServicePorts(at, props.ports ?? []);
  ports.forEach((p, i) => {
    if (p.targetPort !== p.port) {
      throw constructError(at, `ports[${i}].targetPort ${quote(p.targetPort)} differs from port ${quote(p.port)}; ExternalName does no port mapping, clients connect to the external host's port. Set port to the external port and drop targetPort.`);
    }
  });

  validateLabels(at, props.labels, { key: 'app.kubernetes.io/name', value: 'database' });
  validateAnnotations(at, props.annotations, 'app.kubernetes.io/name');

  return {
    address,
    externalName,
    environment: target.environment,
    tlsServerName: targetTlsServerName(props.targetService) ?? externalName,
    serviceProps: {
      metadata: {
        name: address.name,
        namespace: props.namespace,
        labels: sortedCopy(props.labels),
        annotations: sortedCopy(props.annotations),
      },
      spec: {
        type: 'ExternalName',
        externalName,
        ports: ports.length > 0 ? ports.map(toKubePort) : undefined,
      },
    },
  };
}

function resolveTarget(at: PendingConstruct, props: ExternalDependencyProps): { externalName: string; prop: string; environment?: string } {
  const given = [
    props.externalName !== undefined ? 'externalName' : undefined,
    props.targetService !== undefined ? 'targetService' : undefined,
    props.externalNameByEnvironment !== undefined ? 'externalNameByEnvironment' : undefined,
  ].filter((p): p is string => p !== undefined);
  if (given.length !== 1) {
    const got = given.length === 0 ? 'none is set' : `${given.join(' and ')} are set`;
    throw constructError(at, `needs exactly one target, but ${got}; set one of externalName, targetService or externalNameByEnvironment.`);
  }
  if (props.environment !== undefined && props.externalNameByEnvironment === undefined) {
    throw constructError(at, `environment ${quote(props.environment)} is set without externalNameByEnvironment; remove it or give a host per environment in externalNameByEnvironment.`);
  }
  if (props.externalName !== undefined) {
    return { externalName: validateHost(at, 'externalName', props.externalName), prop: 'externalName' };
  }
  if (props.targetService !== undefined) {
    const fqdn = props.targetService.serviceFqdn;
    return { externalName: validateHost(at, 'targetService.serviceFqdn', fqdn), prop: 'targetService' };
  }
  return resolveEnvironmentTarget(at, props.externalNameByEnvironment ?? {}, props.environment);
}

function resolveEnvironmentTarget(at: PendingConstruct, byEnvironment: { [environment: string]: string }, explicit: string | undefined) {
  const environments = Object.keys(byEnvironment).sort();
  if (environments.length === 0) {
    throw constructError(at, 'externalNameByEnvironment is empty; give at least one host, such as { prod: "db.example.com" }.');
  }
  const hosts: { [environment: string]: string } = {};
  for (const env of environments) {
    if (env.trim().length === 0) {
      throw constructError(at, `externalNameByEnvironment has an empty environment name ${quote(env)}; use names such as "dev" and "prod".`);
    }
    hosts[env] = validateHost(at, `externalNameByEnvironment[${quote(env)}]`, byEnvironment[env]);
  }
  const known = showList(environments);
  const key = ExternalDependency.ENVIRONMENT_CONTEXT_KEY;
  let environment = explicit;
  if (environment === undefined) {
    // The construct's own context is still empty, so its scope's context is what it would read.
    const fromContext: unknown = at.scope.node.tryGetContext(key);
    if (fromContext === undefined || fromContext === null || fromContext === '') {
      throw constructError(at, `no environment is chosen for externalNameByEnvironment (${known}); set the environment prop or the cdk8s context "${key}", e.g. app.node.setContext("${key}", process.env.DEPLOY_ENV) before creating charts.`);
    }
    if (typeof fromContext !== 'string') {
      throw constructError(at, `context "${key}" ${quote(fromContext)} is not a string; set it to one of ${known}.`);
    }
    environment = fromContext;
  }
  if (!Object.prototype.hasOwnProperty.call(hosts, environment)) {
    throw constructError(at, `environment ${quote(environment)} has no target in externalNameByEnvironment (${known}); add a host for ${quote(environment)} or choose one of those environments.`);
  }
  return { externalName: hosts[environment], prop: `externalNameByEnvironment[${quote(environment)}]`, environment };
}

function validateHost(at: PendingConstruct, prop: string, value: string): string {
  if (typeof value !== 'string') {
    throw constructError(at, `${prop} ${quote(value)} is not a string; ExternalName needs a DNS name such as "db.example.com".`);
  }
  // In-cluster Service names are checked after the self-alias check (its message is more specific).
  const problem = externalHostnameProblem(value, { allowClusterServiceName: true });
  if (problem) throw constructError(at, `${prop} ${quote(value)} ${problem}`);
  return normalizeExternalHostname(value);
}

function toKubePort(p: ResolvedServicePort): k8s.ServicePort {
  return { name: p.name, port: p.port, protocol: p.protocol, appProtocol: p.appProtocol };
}

function sortedCopy(values: { [key: string]: string } | undefined): { [key: string]: string } | undefined {
  if (values === undefined || Object.keys(values).length === 0) return undefined;
  const out: { [key: string]: string } = {};
  for (const key of Object.keys(values).sort()) out[key] = values[key];
  return out;
}

/**
 * The `tlsServerName` a target Service exposes (ExternalDependency, MigratingDatabase, or any other construct with
 * a string `tlsServerName`), read structurally so this file need not import every construct that has one.
 */
function targetTlsServerName(target: IServiceReference | undefined): string | undefined {
  const name = (target as { tlsServerName?: unknown } | undefined)?.tlsServerName;
  return typeof name === 'string' ? name : undefined;
}
