/**
 * The stable Service of a MigratingDatabase, per phase (internal, not part of the jsii surface).
 *
 * Every form is written so that `kubectl apply` of one phase over the previous phase's YAML succeeds, following the
 * type-transition rules in k8s-validation.md section D:
 * - the ExternalName form never carries `clusterIP`, `clusterIPs`, `ipFamilies` or `ipFamilyPolicy` (rule 24: a
 *   fresh create would fail, and on ClusterIP -> ExternalName the server wipes the allocated values only when the
 *   request leaves them untouched, rule 30-31), and no selector (ignored by ExternalName, rule 25);
 * - the ClusterIP form never pins a `clusterIP` (rule 19-20: the server allocates a fresh one on ExternalName ->
 *   ClusterIP, rule 32), always has a non-empty selector and its ports (rule 8), and no `externalName` (a leftover
 *   is only a warning, rule 25, but `kubectl apply` removes it from the live object because it was in the last
 *   applied configuration, rule 32);
 * - `type` is always explicit, so the flip is visible in a diff and does not depend on defaulting;
 * - the port entry (number, name, protocol) is the same in every phase; only `targetPort` appears in the ClusterIP
 *   form (the API server defaults it to `port` otherwise).
 */
import { k8s } from 'cdk8s-plus-28';
import { MigrationPhase } from './migration-phase';

/** Annotation prefix of this library. */
export const ANNOTATION_PREFIX = 'service-discovery.cdk8s.io';
/** Annotation recording the phase on the stable Service. */
export const PHASE_ANNOTATION = `${ANNOTATION_PREFIX}/phase`;
/** Annotation recording the external target (`<host>:<port>`) on the stable Service. */
export const EXTERNAL_TARGET_ANNOTATION = `${ANNOTATION_PREFIX}/external-target`;
/** Annotation recording the in-cluster target on the stable Service. */
export const INTERNAL_TARGET_ANNOTATION = `${ANNOTATION_PREFIX}/internal-target`;

/** Where the stable Service routes once internal (internal). */
export interface InternalTarget {
  /** Pod labels selecting the writer pods; never empty. */
  readonly selector: Record<string, string>;
  /** The container port (named) the stable port maps to. */
  readonly targetPort: string;
  /** Human-readable description for the internal-target annotation, e.g. `<pod dns name>:5432`. */
  readonly description: string;
}

/** Inputs of `stableServiceProps` (internal). */
export interface StableServiceOptions {
  readonly name: string;
  /** The namespace as given; undefined leaves it to the chart. */
  readonly namespace?: string;
  readonly port: number;
  readonly portName?: string;
  readonly phase: MigrationPhase;
  /** The normalized external host (lower case, no trailing dot). */
  readonly externalName: string;
  /** The in-cluster target, when an in-cluster database is configured. */
  readonly internal?: InternalTarget;
  readonly labels?: Record<string, string>;
}

/**
 * The L1 props of the stable Service for a phase. Throws (programming error) when INTERNAL has no internal target;
 * the construct checks that first and reports it to the user.
 */
export function stableServiceProps(options: StableServiceOptions): k8s.KubeServiceProps {
  const annotations: Record<string, string> = {
    [PHASE_ANNOTATION]: options.phase,
    [EXTERNAL_TARGET_ANNOTATION]: `${options.externalName}:${options.port}`,
  };
  if (options.internal) {
    annotations[INTERNAL_TARGET_ANNOTATION] = options.internal.description;
  }
  const metadata: k8s.ObjectMeta = {
    name: options.name,
    namespace: options.namespace,
    annotations,
    ...(options.labels && Object.keys(options.labels).length > 0 ? { labels: { ...options.labels } } : {}),
  };

  if (options.phase !== MigrationPhase.INTERNAL) {
    return {
      metadata,
      spec: {
        type: 'ExternalName',
        externalName: options.externalName,
        ports: [{ ...portIdentity(options) }],
      },
    };
  }

  const internal = options.internal;
  if (!internal || Object.keys(internal.selector).length === 0) {
    throw new Error('stableServiceProps: the INTERNAL phase needs an internal target with a non-empty selector');
  }
  return {
    metadata,
    spec: {
      type: 'ClusterIP',
      selector: { ...internal.selector },
      ports: [{ ...portIdentity(options), targetPort: k8s.IntOrString.fromString(internal.targetPort) }],
    },
  };
}

/** The parts of the port entry that never change between phases. */
function portIdentity(options: StableServiceOptions): k8s.ServicePort {
  return {
    ...(options.portName !== undefined ? { name: options.portName } : {}),
    port: options.port,
    protocol: 'TCP',
  };
}
