import { Chart } from 'cdk8s';
import { IConstruct } from 'constructs';
import { constructError, dns1035LabelProblem, dns1123LabelProblem, dns1123SubdomainProblem, PendingConstruct, quote } from './construct-errors';
import { checkString, isAbsent, optionalStruct } from './prop-check';
import { kindOf, showValue } from './show-value';

/** The default Kubernetes cluster DNS domain. */
export const DEFAULT_CLUSTER_DOMAIN = 'cluster.local';

/** The namespace objects without one end up in. */
export const DEFAULT_NAMESPACE = 'default';

/**
 * A Service that has a stable in-cluster DNS name. Every construct of this library implements it, so one can point
 * at another (for example an ExternalDependency alias in another namespace).
 */
export interface IServiceReference {
  /** The Service's name (its first DNS label). */
  readonly serviceName: string;
  /** The Service's namespace. */
  readonly serviceNamespace: string;
  /** The fully qualified in-cluster name: `<name>.<namespace>.svc.<clusterDomain>`. */
  readonly serviceFqdn: string;
}

/**
 * Options for `ServiceReference.fromName`.
 */
export interface ServiceReferenceOptions {
  /**
   * The cluster DNS domain.
   *
   * @default "cluster.local"
   */
  readonly clusterDomain?: string;
}

/**
 * A reference to a Service by namespace and name, for Services this app does not define.
 *
 * @example
 * const redis = ServiceReference.fromName('cache', 'redis');
 * redis.serviceFqdn; // 'redis.cache.svc.cluster.local'
 */
export class ServiceReference implements IServiceReference {
  /**
   * References the Service `name` in `namespace`.
   *
   * @param namespace the Service's namespace (a DNS-1123 label)
   * @param name the Service's name (a DNS-1035 label)
   * @param options the cluster domain. Default: `{}`, cluster domain "cluster.local"
   */
  public static fromName(namespace: string, name: string, options: ServiceReferenceOptions = {}): ServiceReference {
    const at = 'ServiceReference.fromName';
    checkString(at, 'namespace', namespace, 'give the Service\'s namespace, a DNS-1123 label such as "cache".');
    checkString(at, 'name', name, 'give the Service\'s name, a DNS-1035 label such as "redis".');
    const opts = optionalStruct(at, 'options', options, 'give options such as { clusterDomain: "cluster.local" }.') ?? {};
    const nameProblem = dns1035LabelProblem(name);
    if (nameProblem) {
      throw new Error(`ServiceReference: name ${quote(name)} ${nameProblem}; Service names are DNS-1035 labels such as "redis".`);
    }
    const nsProblem = dns1123LabelProblem(namespace);
    if (nsProblem) {
      throw new Error(`ServiceReference: namespace ${quote(namespace)} ${nsProblem}; namespaces are DNS-1123 labels such as "cache".`);
    }
    const clusterDomain = normalizeClusterDomain(opts.clusterDomain, 'ServiceReference: clusterDomain');
    return new ServiceReference(name, namespace, clusterDomain);
  }

  public readonly serviceFqdn: string;

  private constructor(public readonly serviceName: string, public readonly serviceNamespace: string, clusterDomain: string) {
    this.serviceFqdn = serviceFqdn(serviceName, serviceNamespace, clusterDomain);
  }
}

/** `<name>.<namespace>.svc.<clusterDomain>` (internal). */
export function serviceFqdn(name: string, namespace: string, clusterDomain: string): string {
  return `${name}.${namespace}.svc.${clusterDomain}`;
}

/**
 * Validates and normalizes (lower case, no trailing dot) a cluster domain; `where` prefixes errors, or builds the
 * prefix only when there is an error (internal).
 */
export function normalizeClusterDomain(value: string | undefined, where: string | (() => string)): string {
  if (isAbsent(value)) return DEFAULT_CLUSTER_DOMAIN;
  if (typeof value !== 'string') {
    const prefix = typeof where === 'string' ? where : where();
    throw new Error(`${prefix} ${showValue(value)} is not a string (it is ${kindOf(value)}); use a DNS domain such as "cluster.local".`);
  }
  const domain = value.toLowerCase().replace(/\.$/, '');
  const problem = dns1123SubdomainProblem(domain);
  if (problem) {
    const prefix = typeof where === 'string' ? where : where();
    throw new Error(`${prefix} ${quote(value)} ${problem}; use a DNS domain such as "cluster.local".`);
  }
  return domain;
}

/**
 * The namespace a construct's objects land in: the explicit one, else the chart's, else "default" (internal).
 * Throws when the explicit namespace is not a DNS-1123 label.
 */
export function resolveNamespace(construct: IConstruct | PendingConstruct, explicit: string | undefined): string {
  if (!isAbsent(explicit)) {
    checkString(construct, 'namespace', explicit, 'give a DNS-1123 label such as "production".');
    const problem = dns1123LabelProblem(explicit);
    if (problem) {
      throw constructError(construct, `namespace ${quote(explicit)} ${problem}; namespaces are DNS-1123 labels such as "production".`);
    }
    return explicit;
  }
  return Chart.of(construct instanceof PendingConstruct ? construct.scope : construct).namespace ?? DEFAULT_NAMESPACE;
}

/**
 * Validates a user-chosen Service name (DNS-1035 label, the portable rule for every supported cluster) and returns
 * it; `prop` names the prop in errors (internal).
 */
export function validateServiceName(construct: IConstruct | PendingConstruct, name: string, prop = 'name'): string {
  checkString(construct, prop, name, 'give a DNS-1035 label such as "database".');
  const problem = dns1035LabelProblem(name);
  if (problem) {
    throw constructError(construct, `${prop} ${quote(name)} ${problem}; Service names become DNS labels, so use a name such as "database".`);
  }
  return name;
}
