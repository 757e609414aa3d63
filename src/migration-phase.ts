import { Construct } from 'constructs';
import { constructError, quote } from './construct-errors';

/**
 * The phase of a `MigratingDatabase`: where its stable Service name points.
 *
 * The values are the lower-case strings accepted by the cdk8s context key
 * `service-discovery.migration-phase` and recorded in the `service-discovery.cdk8s.io/phase` annotation.
 *
 * @see https://kubernetes.io/docs/concepts/services-networking/service/#externalname
 */
export enum MigrationPhase {
  /**
   * The stable Service is an ExternalName alias of the external database host. No in-cluster database runs (when
   * one is configured, its StatefulSet is kept at 0 replicas so its volumes survive a rollback).
   */
  EXTERNAL = 'external',

  /**
   * The stable Service still points at the external host; the in-cluster database runs beside it under its own name,
   * so data can be copied and checked before the flip.
   */
  SYNC = 'sync',

  /**
   * The stable Service, with the same name, namespace and port, is a ClusterIP Service routing to the in-cluster
   * database pods that accept writes.
   */
  INTERNAL = 'internal',
}

/** The cdk8s context key a pipeline can set to choose the phase (internal; exposed as a static of the construct). */
export const MIGRATION_PHASE_CONTEXT_KEY = 'service-discovery.migration-phase';

const PHASES: ReadonlyMap<string, MigrationPhase> = new Map(
  Object.values(MigrationPhase).map((p) => [p as string, p as MigrationPhase]),
);

/**
 * The phase a construct is in: the explicit prop, else the context value `service-discovery.migration-phase`
 * (case-insensitive `external`, `sync` or `internal`). Throws when neither is set or a value is not a phase
 * (internal).
 */
export function resolveMigrationPhase(construct: Construct, explicit: MigrationPhase | undefined): MigrationPhase {
  if (explicit !== undefined) {
    if (!PHASES.has(explicit)) {
      throw constructError(construct, `phase ${quote(explicit)} is not a migration phase; use MigrationPhase.EXTERNAL, MigrationPhase.SYNC or MigrationPhase.INTERNAL.`);
    }
    return explicit;
  }
  const fromContext: unknown = construct.node.tryGetContext(MIGRATION_PHASE_CONTEXT_KEY);
  if (fromContext === undefined || fromContext === null || fromContext === '') {
    throw constructError(construct, `phase is not set; pass the phase prop or set the cdk8s context value "${MIGRATION_PHASE_CONTEXT_KEY}" to "external", "sync" or "internal" (there is no default, so a missing value can never flip a live Service).`);
  }
  const phase = typeof fromContext === 'string' ? PHASES.get(fromContext.trim().toLowerCase()) : undefined;
  if (phase === undefined) {
    throw constructError(construct, `context value "${MIGRATION_PHASE_CONTEXT_KEY}" ${quote(fromContext)} is not a migration phase; set it to "external", "sync" or "internal".`);
  }
  return phase;
}
