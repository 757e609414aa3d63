import * as kplus from 'cdk8s-plus-28';
import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { constructError, dns1123LabelProblem, isIntegerInRange, quote, validateLabels } from './construct-errors';
import { ContainerPort } from './container-options';
import { clusterServiceNameProblem, externalHostnameProblem, normalizeExternalHostname } from './external-dependency-hostname';
import { HeadlessStatefulSet, HeadlessStatefulSetProps } from './headless-stateful-set';
import { checkMigratingDatabaseProps } from './migrating-database-check';
import { createInClusterDatabase } from './migrating-database-in-cluster';
import { ConnectionEnvOptions, DatabaseConnection } from './migrating-database-options';
import { MIGRATION_PHASE_CONTEXT_KEY, MigrationPhase, resolveMigrationPhase } from './migration-phase';
import { InternalTarget, stableServiceProps } from './migration-service';
import { optionalBoolean, optionalStruct } from './prop-check';
import { brandConstruct, hasConstructBrand, resolveServiceAddress } from './service-construct';
import { IServiceReference } from './service-reference';

/**
 * Props for `MigratingDatabase`.
 */
export interface MigratingDatabaseProps {
  /**
   * The external database host the stable name points at while external, e.g.
   * `prod-db.abc123.us-east-1.rds.amazonaws.com`: a DNS host name (validated like `ExternalDependency`'s
   * `externalName`; IP addresses, URLs and `host:port` are rejected), normalized to lower case without a trailing
   * dot. Kept in every phase, so a rollback needs no other change.
   */
  readonly externalName: string;

  /**
   * The stable port: the port the external database listens on (ExternalName does no port mapping) and the port
   * of the stable Service in every phase. Once internal it maps to the in-cluster container port serving it.
   */
  readonly port: number;

  /**
   * The phase: where the stable name points.
   *
   * @default - the cdk8s context value `service-discovery.migration-phase` (`MigratingDatabase.PHASE_CONTEXT_KEY`:
   * "external", "sync" or "internal"); an error when neither is set
   */
  readonly phase?: MigrationPhase;

  /**
   * The stable Service name applications connect to (a DNS-1035 label such as `database`). Never hashed, the same
   * in every phase.
   *
   * @default - the construct id
   */
  readonly name?: string;

  /**
   * The namespace of the stable Service and the in-cluster database.
   *
   * @default - the chart's namespace, else "default"
   */
  readonly namespace?: string;

  /**
   * The in-cluster database the data moves into: a HeadlessStatefulSet with these props. Required for SYNC and
   * INTERNAL; once given it is synthesized in every phase (with 0 replicas in EXTERNAL) so that no phase change
   * removes it. It must have persistent `storage` whose claims are retained, in the same namespace.
   *
   * @default - none: only the EXTERNAL phase is possible
   */
  readonly inCluster?: HeadlessStatefulSetProps;

  /**
   * The name of the in-cluster container port the stable port maps to once internal.
   *
   * @default - the in-cluster TCP port with the same number as `port`
   */
  readonly inClusterPort?: string;

  /**
   * The ordinal of the in-cluster pod that accepts writes (a single-primary database): the stable Service selects
   * this pod once internal. A whole number from 0 to 2147483647, below `inCluster.replicas`.
   *
   * @default 0
   */
  readonly writerOrdinal?: number;

  /**
   * The name of the stable Service's port (a DNS-1123 label such as "postgres"), for SRV records
   * (`_postgres._tcp.<name>...`).
   *
   * @default - unnamed
   */
  readonly portName?: string;

  /**
   * The cluster DNS domain, used for `fqdn` and the TLS server name once internal.
   *
   * @default "cluster.local"
   */
  readonly clusterDomain?: string;

  /**
   * Labels for the stable Service (qualified-name keys, label values; at most 1000).
   *
   * @default - no labels
   */
  readonly labels?: { [key: string]: string };
}

const ENV_PREFIX = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * A database that moves into the cluster behind one stable name.
 *
 * One Service name (`database`), namespace and port stay the same while the database moves, so applications change
 * nothing:
 * - `MigrationPhase.EXTERNAL`: the Service is an ExternalName alias of the external host;
 * - `MigrationPhase.SYNC`: still external, while the in-cluster database (a `HeadlessStatefulSet`) runs beside it
 *   under its own name, so data can be copied and checked;
 * - `MigrationPhase.INTERNAL`: the same Service becomes a ClusterIP Service routing the stable port to the writer
 *   pod's container port.
 *
 * Every phase's YAML applies over the previous one with `kubectl apply` in both directions (no `clusterIP` fields on
 * the ExternalName form, none pinned on the ClusterIP form). A rollback is a phase change: once configured, the
 * in-cluster StatefulSet is synthesized in every phase (0 replicas in EXTERNAL), its claims are retained, and it
 * carries annotations that stop Argo CD, Flux and Helm from pruning it. The stable Service records the phase and
 * both targets in `service-discovery.cdk8s.io/*` annotations.
 *
 * @example
 * const db = new MigratingDatabase(chart, 'database', {
 *   externalName: 'prod-db.abc123.us-east-1.rds.amazonaws.com',
 *   port: 5432,
 *   phase: MigrationPhase.SYNC,
 *   inCluster: {
 *     image: 'postgres:16',
 *     ports: [{ name: 'postgres', port: 5432 }],
 *     storage: { size: '50Gi' },
 *   },
 * });
 * db.connectionEnv(); // DATABASE_HOST=database.<ns>.svc.cluster.local, DATABASE_PORT=5432, ...
 *
 * @see https://kubernetes.io/docs/concepts/services-networking/service/#externalname
 * @see https://kubernetes.io/docs/concepts/services-networking/service/#type-clusterip
 * @see https://kubernetes.io/docs/concepts/workloads/controllers/statefulset/#persistentvolumeclaim-retention
 */
export class MigratingDatabase extends Construct implements IServiceReference {
  /**
   * The cdk8s context key that chooses the phase when the `phase` prop is not set:
   * `service-discovery.migration-phase`, with the value "external", "sync" or "internal". `cdk8s synth` passes no
   * context, so set it in the app before creating charts, e.g.
   * `app.node.setContext(MigratingDatabase.PHASE_CONTEXT_KEY, process.env.MIGRATION_PHASE)`.
   */
  public static readonly PHASE_CONTEXT_KEY = MIGRATION_PHASE_CONTEXT_KEY;

  /**
   * Whether `x` is a `MigratingDatabase` (also one created by another copy of this library).
   *
   * @param x the object to test
   */
  public static isMigratingDatabase(x: any): x is MigratingDatabase {
    return hasConstructBrand(x, 'MigratingDatabase');
  }

  /** The stable Service name. */
  public readonly name: string;
  /** The namespace of the stable Service and the in-cluster database. */
  public readonly namespace: string;
  /** The stable Service's fully qualified name: `<name>.<namespace>.svc.<clusterDomain>`. */
  public readonly fqdn: string;
  /** The stable Service name (`IServiceReference`). */
  public readonly serviceName: string;
  /** The stable Service's namespace (`IServiceReference`). */
  public readonly serviceNamespace: string;
  /** The stable Service's fully qualified name (`IServiceReference`). */
  public readonly serviceFqdn: string;
  /** The phase this construct was synthesized in. */
  public readonly phase: MigrationPhase;
  /** The stable port. */
  public readonly port: number;
  /** The normalized external host. */
  public readonly externalName: string;
  /** The stable Service (L1 object): ExternalName in EXTERNAL and SYNC, ClusterIP in INTERNAL. */
  public readonly service: k8s.KubeService;
  /**
   * The in-cluster database, when `inCluster` is configured (in every phase; 0 replicas in EXTERNAL).
   *
   * @default - none
   */
  public readonly inClusterDatabase?: HeadlessStatefulSet;
  /**
   * The in-cluster container port the stable port maps to, when `inCluster` is configured.
   *
   * @default - none
   */
  public readonly inClusterPort?: ContainerPort;

  constructor(scope: Construct, id: string, props: MigratingDatabaseProps) {
    super(scope, id);
    props = checkMigratingDatabaseProps(this, props);
    const { name, namespace, clusterDomain, fqdn } = resolveServiceAddress(this, props, id);
    this.name = this.serviceName = name;
    this.namespace = this.serviceNamespace = namespace;
    this.fqdn = this.serviceFqdn = fqdn;
    this.phase = resolveMigrationPhase(this, props.phase);
    this.externalName = this.validateExternalName(props.externalName);
    this.port = this.validatePort(props.port);
    if (props.portName !== undefined) {
      const problem = dns1123LabelProblem(props.portName);
      if (problem) throw constructError(this, `portName ${quote(props.portName)} ${problem}; use a port name such as "postgres".`);
    }
    validateLabels(this, props.labels, { key: 'app.kubernetes.io/name', value: 'postgres' });

    let internal: InternalTarget | undefined;
    if (props.inCluster === undefined) {
      if (this.phase !== MigrationPhase.EXTERNAL) {
        throw constructError(this, `phase ${quote(this.phase)} needs an in-cluster database, but inCluster is not set; configure inCluster (image, ports, storage) or use MigrationPhase.EXTERNAL.`);
      }
      for (const prop of ['inClusterPort', 'writerOrdinal'] as const) {
        if (props[prop] !== undefined) {
          throw constructError(this, `${prop} ${quote(props[prop])} is set without inCluster; remove it or configure the in-cluster database.`);
        }
      }
    } else {
      const inCluster = createInClusterDatabase(this, { ...props, inCluster: props.inCluster }, clusterDomain);
      this.inClusterDatabase = inCluster.database;
      this.inClusterPort = inCluster.port;
      internal = inCluster.target;
    }

    this.service = new k8s.KubeService(this, 'Resource', stableServiceProps({
      name: this.name,
      namespace: props.namespace,
      port: this.port,
      portName: props.portName,
      phase: this.phase,
      externalName: this.externalName,
      internal,
      labels: props.labels,
    }));
  }

  /**
   * The name clients verify the server certificate against: the external host in EXTERNAL and SYNC, the stable
   * Service's fully qualified name in INTERNAL (the in-cluster database's certificate must cover it).
   */
  public get tlsServerName(): string {
    return this.phase === MigrationPhase.INTERNAL ? this.fqdn : this.externalName;
  }

  /** Host, port and TLS server name for applications. */
  public get connection(): DatabaseConnection {
    return { host: this.fqdn, port: this.port, tlsServerName: this.tlsServerName };
  }

  /**
   * The connection as container environment variables, in this order: `<prefix>_HOST`, `<prefix>_PORT` and
   * `<prefix>_TLS_SERVER_NAME` (for L1 containers: `env: db.connectionEnv()`).
   *
   * @param options prefix and whether to include the TLS server name. Default: `{}`, prefix "DATABASE" with the TLS
   *   server name
   */
  public connectionEnv(options: ConnectionEnvOptions = {}): k8s.EnvVar[] {
    options = optionalStruct(this, 'connectionEnv options', options, 'give options such as { prefix: "DATABASE" }.') ?? {};
    const includeTlsServerName = optionalBoolean(this, 'connectionEnv options.includeTlsServerName', options.includeTlsServerName);
    const prefix = options.prefix ?? 'DATABASE';
    if (typeof prefix !== 'string' || !ENV_PREFIX.test(prefix)) {
      throw constructError(this, `connectionEnv: prefix ${quote(prefix)} is not a variable name prefix (letters, digits and '_', not starting with a digit); use for example "DATABASE".`);
    }
    const c = this.connection;
    const env: k8s.EnvVar[] = [
      { name: `${prefix}_HOST`, value: c.host },
      { name: `${prefix}_PORT`, value: String(c.port) },
    ];
    if (includeTlsServerName ?? true) env.push({ name: `${prefix}_TLS_SERVER_NAME`, value: c.tlsServerName });
    return env;
  }

  /**
   * The same variables as `connectionEnv`, as cdk8s-plus values (for `envVariables` of a cdk8s-plus container or
   * `env` of a HeadlessStatefulSet).
   *
   * @param options prefix and whether to include the TLS server name. Default: `{}`, prefix "DATABASE" with the TLS
   *   server name
   */
  public connectionEnvVariables(options: ConnectionEnvOptions = {}): { [name: string]: kplus.EnvValue } {
    const out: { [name: string]: kplus.EnvValue } = {};
    for (const v of this.connectionEnv(options)) out[v.name] = kplus.EnvValue.fromValue(v.value ?? '');
    return out;
  }

  private validateExternalName(value: string): string {
    if (typeof value !== 'string') {
      throw constructError(this, `externalName ${quote(value)} is not a string; give the external database's DNS name such as "db.example.com".`);
    }
    const problem = externalHostnameProblem(value, { allowClusterServiceName: true });
    if (problem) throw constructError(this, `externalName ${quote(value)} ${problem}`);
    const host = normalizeExternalHostname(value);
    if (host === this.fqdn) {
      throw constructError(this, `externalName ${quote(value)} is the stable Service's own name; a CNAME to itself never resolves. Give the external database's host.`);
    }
    const inClusterProblem = clusterServiceNameProblem(host);
    if (inClusterProblem) throw constructError(this, `externalName ${quote(value)} ${inClusterProblem}`);
    return host;
  }

  private validatePort(port: number): number {
    if (!isIntegerInRange(port, 1, 65535)) {
      throw constructError(this, `port ${quote(port)} is out of range; a port is an integer from 1 to 65535, such as 5432.`);
    }
    return port;
  }
}

brandConstruct(MigratingDatabase, 'MigratingDatabase');
