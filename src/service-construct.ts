/**
 * What the Service constructs of this library share (internal: index.ts does not export this file, so jsii erases
 * `ServiceApiObject` and lists its members on each subclass, whose public API stays `extends k8s.KubeService`).
 *
 * - `brandConstruct`: a brand on the prototype, `Symbol.for("cdk8s-service-discovery.<Class>")` (the mark the value
 *   types carry, see `markValueType`), so that the static `isX()` and `instanceof X` also recognize an instance made
 *   by another copy of this library.
 * - `resolveServiceAddress`: the Service's name, namespace, cluster domain and FQDN, validated and computed one way.
 * - `ServiceApiObject`: the base of the constructs that are themselves a `k8s.KubeService` (ExternalDependency,
 *   SelectorlessIpService): `namespace`, `fqdn`, the `IServiceReference` getters and an `instanceof` that is not
 *   ApiObject's. The constructs that own several objects (HeadlessStatefulSet, MigratingDatabase) extend `Construct`,
 *   which jsii cannot mix with `KubeService` in one base class; they implement `IServiceReference` themselves.
 */
import { k8s } from 'cdk8s-plus-28';
import { Construct, IConstruct } from 'constructs';
import { constructLabel, PendingConstruct } from './construct-errors';
import { isValueType, markValueType } from './prop-check';
import { IServiceReference, normalizeClusterDomain, resolveNamespace, serviceFqdn, validateServiceName } from './service-reference';

/**
 * Brands the construct class `type` as `name`: `hasConstructBrand(x, name)` is then true for its instances (also
 * those of another copy of this library), and so is `x instanceof type`. A subclass of `type` keeps the ordinary
 * prototype-chain `instanceof`.
 */
export function brandConstruct(type: Function, name: string): void {
  markValueType(type, name);
  Object.defineProperty(type, Symbol.hasInstance, {
    value: function hasInstance(this: Function, x: unknown): boolean {
      return this === type ? isValueType(x, name) : Function.prototype[Symbol.hasInstance].call(this, x);
    },
  });
}

/** Whether `x` is an instance of the construct class branded `name` (the body of every static `isX`). */
export function hasConstructBrand(x: unknown, name: string): boolean {
  return isValueType(x, name);
}

/** A Service's DNS identity: `<name>.<namespace>.svc.<clusterDomain>`. */
export interface ServiceAddress {
  readonly name: string;
  readonly namespace: string;
  readonly clusterDomain: string;
  readonly fqdn: string;
}

/**
 * Validates the Service name (`props.name`, else the construct id), the namespace and the cluster domain of the
 * construct `at`, in that order, and computes the Service's FQDN; throws the first problem found.
 */
export function resolveServiceAddress(
  at: IConstruct | PendingConstruct,
  props: { readonly name?: string; readonly namespace?: string; readonly clusterDomain?: string },
  id: string,
): ServiceAddress {
  const name = validateServiceName(at, props.name ?? id);
  const namespace = resolveNamespace(at, props.namespace);
  const clusterDomain = normalizeClusterDomain(props.clusterDomain, () => `${constructLabel(at)}: clusterDomain`);
  return { name, namespace, clusterDomain, fqdn: serviceFqdn(name, namespace, clusterDomain) };
}

/**
 * The base of the constructs that are a v1 Service themselves (internal; see the file comment).
 *
 * @internal
 */
export abstract class ServiceApiObject extends k8s.KubeService implements IServiceReference {
  /**
   * The ordinary prototype-chain `instanceof`, for subclasses: the inherited `ApiObject[Symbol.hasInstance]` answers
   * true for every ApiObject. A branded class answers by its brand instead (`brandConstruct`).
   *
   * @internal
   */
  public static [Symbol.hasInstance]<T>(this: abstract new (...args: any[]) => T, x: unknown): x is T {
    return Function.prototype[Symbol.hasInstance].call(this, x);
  }

  /** The Service's namespace. */
  public readonly namespace: string;

  /** The fully qualified in-cluster name: `<name>.<namespace>.svc.<clusterDomain>`. */
  public readonly fqdn: string;

  protected constructor(scope: Construct, id: string, props: k8s.KubeServiceProps, address: ServiceAddress) {
    super(scope, id, props);
    this.namespace = address.namespace;
    this.fqdn = address.fqdn;
  }

  /** The Service name (`IServiceReference`): `name`. */
  public get serviceName(): string {
    return this.name;
  }

  /** The Service's namespace (`IServiceReference`). */
  public get serviceNamespace(): string {
    return this.namespace;
  }

  /** The fully qualified in-cluster name (`IServiceReference`). */
  public get serviceFqdn(): string {
    return this.fqdn;
  }
}
