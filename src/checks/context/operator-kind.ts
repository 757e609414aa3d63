/**
 * The shape of the operator tables of context/operator-services*.ts: an operator's resource kind and the Services its
 * operator makes from a resource of that kind, with the small readers the tables share. Not a rule.
 */
import { asRecord } from '../../model/manifest';

/** A Service that an operator makes in another namespace than its resource's (an IstioOperator's, in `istio-system`). */
export interface ServiceIn {
  readonly namespace: string;
  readonly name: string;
}

/**
 * An operator's resource kind and the Services it makes from a resource named `name` in `namespace` (the whole object:
 * untyped YAML): a name is a Service in the resource's namespace, a ServiceIn one in the namespace it gives.
 */
export interface OperatorKind {
  /** The API group (exact). */
  readonly group: string;
  readonly kind: string;
  readonly services: (name: string, object: Record<string, unknown>, namespace: string) => readonly (string | ServiceIn)[];
}

/** Lists read from a resource: at most this many entries (datacenters, clusters, hosts, nodes). */
export const MAX_ENTRIES = 64;

/** `<name><suffix>` for each suffix. */
export const suffixed = (...suffixes: string[]) => (name: string) => suffixes.map((s) => `${name}${s}`);

/** The value at `path` under `object`, each step read defensively (undefined where a step is missing or no map). */
export function field(object: unknown, ...path: string[]): unknown {
  let at: unknown = object;
  for (const key of path) at = asRecord(at)?.[key];
  return at;
}

/** Whether the spec holds a map at `key` (a component the resource configures: `spec.pd` of a TidbCluster). */
export function specHas(object: Record<string, unknown>, key: string): boolean {
  return asRecord(field(object, 'spec', key)) !== undefined;
}
