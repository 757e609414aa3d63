/**
 * The jsii-visible facade of the resolver: `ClusterDns` with its option structs and enums (exported from
 * `src/index.ts`). Build it from a cdk8s `App`/`Chart` (`ClusterDns.fromChart`) or from parsed objects
 * (`ClusterDns.fromObjects`), then `resolve(name, options)` and `records()`. File loading is Node-only and lives
 * in `src/model/load.ts` (used by the CLI), not here.
 */
import { IConstruct } from 'constructs';
import { EntryPointIndex, EntryPointUse } from './entry-points';
import { askQuestion } from './query';
import { listingResolver, listRecords } from './records';
import { Resolver } from './resolver';
import { ResourceRecord } from './types';
import { ClusterModel, ClusterModelOptions } from '../model/cluster-model';
import { documentsFromScope } from '../model/from-cdk8s';
import { ModelOptionsError, modelOptionProblems, ttlProblem } from '../model/model-options';

/** Record types the resolver answers. */
export enum DnsRecordType {
  /** IPv4 address. */
  A = 'A',
  /** IPv6 address. */
  AAAA = 'AAAA',
  /** Alias (ExternalName Services). */
  CNAME = 'CNAME',
  /** Service ports. */
  SRV = 'SRV',
  /** Reverse look-up. */
  PTR = 'PTR',
  /** Text (`dns-version`). */
  TXT = 'TXT',
}

/** CoreDNS `pods` option: whether `<a-b-c-d>.<ns>.pod.<zone>` names are served. */
export enum DnsPodsMode {
  /** Not served (the plugin default). */
  DISABLED = 'disabled',
  /** Any well-formed IP in an existing namespace (kubeadm's Corefile). */
  INSECURE = 'insecure',
  /** Only IPs of Pods in that namespace. */
  VERIFIED = 'verified',
}

/** How to build the cluster DNS view. */
export interface ClusterDnsOptions {
  /**
   * Cluster domain (the DNS zone).
   * @default 'cluster.local'
   */
  readonly clusterDomain?: string;
  /**
   * Namespace of objects that have none.
   * @default 'default'
   */
  readonly defaultNamespace?: string;
  /**
   * Service CIDR(s) for simulated ClusterIPs; comma-separated for dual-stack (`10.96.0.0/12,fd00:10:96::/112`).
   * @default '10.96.0.0/12'
   */
  readonly serviceCidr?: string;
  /**
   * Pod CIDR(s) for simulated pod IPs; comma-separated for dual-stack.
   * @default '10.244.0.0/16'
   */
  readonly podCidr?: string;
  /**
   * CoreDNS `pods` mode.
   * @default DnsPodsMode.DISABLED
   */
  readonly pods?: DnsPodsMode;
  /**
   * CoreDNS `endpoint_pod_names`: name endpoints without hostname after their pod.
   * @default false
   */
  readonly endpointPodNames?: boolean;
  /**
   * Record TTL in seconds (CoreDNS `ttl`): an integer from 0 to 3600, else `fromChart`/`fromObjects` throw.
   * @default 5
   */
  readonly ttl?: number;
}

/** One question. */
export interface ResolveOptions {
  /**
   * Record type.
   * @default DnsRecordType.A
   */
  readonly type?: DnsRecordType;
  /**
   * Expand the name with the search path of a ClusterFirst pod in this namespace.
   * @default - no search path: the name is taken as absolute
   */
  readonly namespace?: string;
  /**
   * `options ndots` of the pod's resolv.conf (with `namespace`).
   * @default 5
   */
  readonly ndots?: number;
}

/** One resource record. */
export interface DnsAnswer {
  /** Owner name, absolute, in the question's spelling. */
  readonly name: string;
  /** Record type (`A`, `AAAA`, `CNAME`, `SRV`, `PTR`, `TXT`, `SOA`). */
  readonly type: string;
  /** TTL in seconds. */
  readonly ttl: number;
  /** Presentation data: an IP, an absolute name, `priority weight port target.`, or the TXT string. */
  readonly data: string;
  /** Whether the record depends on a value the input does not contain (simulated). */
  readonly simulated: boolean;
}

/** The question as asked. */
export interface DnsQuestion {
  /** The name whose response is reported (the last candidate tried), absolute. */
  readonly name: string;
  /** Record type. */
  readonly type: string;
  /**
   * Namespace of the search path.
   * @default - no search path
   */
  readonly namespace?: string;
}

/**
 * An Ingress or Gateway API route whose backend names a Service the question reaches (the `;; ENTRY POINTS` of
 * `cdk8s-dns resolve`): the question's Service, or the in-cluster Service its CNAME or PTR answer names.
 */
export interface DnsEntryPoint {
  /** The entry point's kind: `Ingress`, `HTTPRoute`, `GRPCRoute`, `TLSRoute`, `TCPRoute` or `UDPRoute`. */
  readonly kind: string;
  /** The entry point's namespace. */
  readonly namespace: string;
  /** The entry point's name. */
  readonly name: string;
  /** The namespace of the Service its backend names. */
  readonly serviceNamespace: string;
  /** The name of the Service its backend names. */
  readonly serviceName: string;
  /** Where in the entry point: `spec.rules[0].http.paths[1].backend`, `spec.rules[0].backendRefs[0]`. */
  readonly where: string;
  /** `rule`, `default` (an Ingress's default backend) or `mirror` (a route's requestMirror). */
  readonly role: string;
  /**
   * The Service port the backend names by number.
   * @default - none: named by `portName`, or not set
   */
  readonly port?: number;
  /**
   * The Service port an Ingress backend names by name.
   * @default - none: named by `port`, or not set
   */
  readonly portName?: string;
  /**
   * An Ingress rule's host.
   * @default - none: a route, a default backend, or a rule without host
   */
  readonly host?: string;
  /**
   * An Ingress path.
   * @default - none: a route, or a default backend
   */
  readonly path?: string;
  /** A route's `hostnames` (empty for an Ingress). */
  readonly hostnames: string[];
  /** False for a route's reference into another namespace that no ReferenceGrant of the input allows: not used. */
  readonly permitted: boolean;
}

/** The outcome of `ClusterDns.resolve`. */
export interface DnsResult {
  /** The question of the reported response. */
  readonly question: DnsQuestion;
  /** Every candidate name tried, in order, absolute. */
  readonly tried: string[];
  /** `NOERROR` or `NXDOMAIN` (NODATA = `NOERROR` without answers). */
  readonly rcode: string;
  /** Answer section. */
  readonly answers: DnsAnswer[];
  /** Additional section (SRV targets' addresses). */
  readonly additional: DnsAnswer[];
  /** Authority section (the zone SOA on negative answers). */
  readonly authority: DnsAnswer[];
  /** Simulated values the answers depend on, one line each. */
  readonly simulated: string[];
  /**
   * Set when the name stands for more records than one answer lists (4,096, more than any DNS message holds): the
   * answers are the first ones, and this says so. @default - nothing left out
   */
  readonly cut?: string;
  /** The Ingresses and Gateway API routes whose backends name the Service the question reaches, sorted. */
  readonly entryPoints: DnsEntryPoint[];
}

/**
 * Answers DNS questions about Kubernetes objects as cluster DNS (CoreDNS's kubernetes plugin) would, without a cluster.
 *
 * @example
 * const dns = ClusterDns.fromChart(chart);
 * dns.resolve('redis-0.redis-headless', { namespace: 'default' }).answers;
 */
export class ClusterDns {
  /** From a cdk8s App, a Chart (with nested charts), or a construct inside a chart; no files are written. */
  public static fromChart(scope: IConstruct, options?: ClusterDnsOptions): ClusterDns {
    return new ClusterDns(ClusterModel.fromDocuments(documentsFromScope(scope), modelOptions(options)), options);
  }

  /** From Kubernetes objects (parsed YAML/JSON; `kind: List` items are expanded). */
  public static fromObjects(objects: any[], options?: ClusterDnsOptions): ClusterDns {
    return new ClusterDns(ClusterModel.fromObjects(objects ?? [], modelOptions(options)), options);
  }

  /** @internal */
  public static _fromModel(model: ClusterModel, options?: ClusterDnsOptions): ClusterDns {
    return new ClusterDns(model, options);
  }

  /** @internal */
  public readonly _model: ClusterModel;
  private readonly resolver: Resolver;
  private readonly ttl?: number;
  private entryPointIndex?: EntryPointIndex;

  private constructor(model: ClusterModel, options?: ClusterDnsOptions) {
    this._model = model;
    this.ttl = options?.ttl;
    this.resolver = new Resolver(model, { ttl: this.ttl });
  }

  /** The cluster domain in use (no trailing dot). */
  public get clusterDomain(): string {
    return this._model.options.clusterDomain;
  }

  /** Every simulated value of the model (ClusterIPs, pods, pod IPs, derived EndpointSlices), one line each. */
  public get simulated(): string[] {
    return this._model.simulated.map((s) => s.text);
  }

  /** Answers one question. For PTR the name may be an IP address. Never throws. */
  public resolve(name: string, options: ResolveOptions = {}): DnsResult {
    const r = askQuestion(this.resolver, this.clusterDomain, name, options);
    return {
      question: { ...r.question },
      tried: [...r.tried],
      rcode: r.response.rcode,
      answers: r.response.answers.map(toAnswer),
      additional: r.response.additional.map(toAnswer),
      authority: r.response.authority.map(toAnswer),
      simulated: [...r.response.simulated],
      ...(r.response.cut !== undefined ? { cut: r.response.cut } : {}),
      entryPoints: (this.entryPointIndex ??= new EntryPointIndex(this._model)).uses(r).map(toEntryPoint),
    };
  }

  /**
   * Every record cluster DNS would serve, sorted, one zone-file line each (`; simulated` marks made-up values); when a
   * bound left records out, `; ` comment lines at the end say what.
   */
  public records(): string[] {
    return listRecords(this._model, listingResolver(this._model, this.ttl));
  }
}

function toEntryPoint(u: EntryPointUse): DnsEntryPoint {
  return {
    kind: u.kind,
    namespace: u.namespace,
    name: u.name,
    serviceNamespace: u.service.namespace,
    serviceName: u.service.name,
    where: u.where,
    role: u.role,
    ...(typeof u.port === 'number' ? { port: u.port } : typeof u.port === 'string' ? { portName: u.port } : {}),
    ...(u.host !== undefined ? { host: u.host } : {}),
    ...(u.path !== undefined ? { path: u.path } : {}),
    hostnames: [...u.hostnames],
    permitted: u.permitted,
  };
}

function toAnswer(rr: ResourceRecord): DnsAnswer {
  return { name: rr.name, type: rr.type, ttl: rr.ttl, data: rr.data, simulated: (rr.simulated?.length ?? 0) > 0 };
}

/**
 * The model's options from ClusterDns's. Throws `ModelOptionsError` listing every option that breaks its rule, `ttl`
 * (the one option the model does not take) included: never clamped or replaced, since records with a TTL the user
 * did not ask for are a silent surprise.
 */
function modelOptions(o?: ClusterDnsOptions): ClusterModelOptions {
  const options: ClusterModelOptions = {
    clusterDomain: o?.clusterDomain,
    defaultNamespace: o?.defaultNamespace,
    serviceCidr: o?.serviceCidr,
    podCidr: o?.podCidr,
    pods: o?.pods as ClusterModelOptions['pods'],
    endpointPodNames: o?.endpointPodNames,
  };
  const problems = modelOptionProblems(options);
  const ttl = ttlProblem(o?.ttl);
  if (ttl) problems.push(ttl);
  if (problems.length > 0) throw new ModelOptionsError(problems);
  return options;
}
