/**
 * The in-cluster database of a MigratingDatabase (internal, not part of the jsii surface): the HeadlessStatefulSet
 * the data moves into, the container port the stable port maps to, and the writer pod the stable Service selects
 * once internal. Its checks run in the MigratingDatabase's constructor and name the MigratingDatabase.
 */
import { constructError, isIntegerInRange, quote } from './construct-errors';
import { ContainerPort } from './container-options';
import { HeadlessStatefulSet, HeadlessStatefulSetProps } from './headless-stateful-set';
import type { MigratingDatabase, MigratingDatabaseProps } from './migrating-database';
import { MigrationPhase } from './migration-phase';
import { InternalTarget } from './migration-service';
import { Protocol } from './service-port';
import { normalizeClusterDomain } from './service-reference';
import { showList } from './show-value';
import { ClaimRetention } from './stateful-storage';

/** What `createInClusterDatabase` creates and resolves. */
export interface InClusterDatabase {
  readonly database: HeadlessStatefulSet;
  readonly port: ContainerPort;
  /** Where the stable Service routes once internal: the writer pod's port. */
  readonly target: InternalTarget;
}

/**
 * Creates the in-cluster database of `owner` (its name, namespace, phase and port already set) from the checked
 * props, in every phase; throws the first problem found.
 */
export function createInClusterDatabase(
  owner: MigratingDatabase, props: MigratingDatabaseProps & { readonly inCluster: HeadlessStatefulSetProps }, clusterDomain: string,
): InClusterDatabase {
  const database = createDatabase(owner, props.inCluster, props.namespace, clusterDomain);
  const port = resolveInClusterPort(owner, database, props.inClusterPort);
  const writer = resolveWriterOrdinal(owner, database, props.inCluster.replicas ?? 1, props.writerOrdinal ?? 0);
  return {
    database,
    port,
    target: {
      selector: database.podSelectorLabels(writer),
      targetPort: port.name,
      description: `${database.podDnsName(writer)}:${port.port}`,
    },
  };
}

/** Annotations that keep GitOps tools and Helm from deleting the in-cluster data (see docs/migrating-database.md). */
const KEEP_ANNOTATIONS: Readonly<Record<string, string>> = {
  'argocd.argoproj.io/sync-options': 'Prune=false,Delete=false',
  'helm.sh/resource-policy': 'keep',
  'kustomize.toolkit.fluxcd.io/prune': 'disabled',
};

function createDatabase(
  owner: MigratingDatabase, inCluster: HeadlessStatefulSetProps, namespace: string | undefined, clusterDomain: string,
): HeadlessStatefulSet {
  if (inCluster.namespace !== undefined && inCluster.namespace !== owner.namespace) {
    throw constructError(owner, `inCluster.namespace ${quote(inCluster.namespace)} differs from the stable Service's namespace ${quote(owner.namespace)}; a Service selects pods of its own namespace only, so remove inCluster.namespace.`);
  }
  if (inCluster.clusterDomain !== undefined
    && normalizeClusterDomain(inCluster.clusterDomain, `MigratingDatabase "${owner.node.path}": inCluster.clusterDomain`) !== clusterDomain) {
    throw constructError(owner, `inCluster.clusterDomain ${quote(inCluster.clusterDomain)} differs from clusterDomain ${quote(clusterDomain)}; set only clusterDomain.`);
  }
  const dbName = inCluster.name ?? `${owner.name}-internal`;
  if (inCluster.name === undefined && dbName.length > 52) {
    throw constructError(owner, `inCluster.name is not set and the default ${quote(dbName)} is ${dbName.length} characters long; a StatefulSet name has at most 52. Set inCluster.name.`);
  }
  const storage = inCluster.storage;
  if (storage === undefined) {
    throw constructError(owner, 'inCluster.storage is not set; the database the data moves into needs persistent storage, or a pod restart or the 0 replicas of the EXTERNAL phase lose the copied data. Set inCluster.storage, for example { size: "50Gi" }.');
  }
  for (const key of ['whenDeleted', 'whenScaled'] as const) {
    if (storage[key] === ClaimRetention.DELETE) {
      throw constructError(owner, `inCluster.storage.${key} ${quote(storage[key])} would delete the in-cluster data on ${key === 'whenScaled' ? 'the scale-down to 0 replicas of a rollback to EXTERNAL' : 'removal of the StatefulSet'}; a migrating database keeps its claims. Remove it (the default is Retain).`);
    }
  }
  const replicas = inCluster.replicas ?? 1;
  if (!isIntegerInRange(replicas, 0, 2 ** 31 - 1)) {
    throw constructError(owner, `inCluster.replicas ${quote(replicas)} is not a whole number from 0 to 2147483647; use for example 1.`);
  }

  const db = new HeadlessStatefulSet(owner, 'InCluster', {
    ...inCluster,
    name: dbName,
    namespace: namespace ?? inCluster.namespace,
    clusterDomain,
    replicas: owner.phase === MigrationPhase.EXTERNAL ? 0 : replicas,
  });

  const own = [
    ['StatefulSet', db.name],
    ['headless Service', db.headlessServiceName],
    ['client Service', db.clientServiceName],
  ] as const;
  for (const [what, value] of own) {
    if (value === owner.name) {
      throw constructError(owner, `name ${quote(owner.name)} is also the in-cluster database's ${what} name; the stable name and the in-cluster database's own names must differ. Rename one of them (inCluster.name, inCluster.headlessServiceName, inCluster.clientService.name).`);
    }
  }

  // The data-bearing StatefulSet and the Service that governs its pods' identity: never pruned by Argo CD, Flux or
  // Helm when a later manifest leaves them out. Not on the claim templates: those are immutable on a live set, and
  // the claims the controller creates are in no GitOps inventory (the Retain policy keeps them).
  for (const obj of [db.statefulSet, db.headlessService]) {
    for (const [key, value] of Object.entries(KEEP_ANNOTATIONS)) obj.metadata.addAnnotation(key, value);
  }
  return db;
}

function resolveInClusterPort(owner: MigratingDatabase, db: HeadlessStatefulSet, name: string | undefined): ContainerPort {
  const known = showList(db.ports, (p) => `${quote(p.name)} ${p.port}/${p.protocol ?? Protocol.TCP}`);
  const found = name !== undefined
    ? db.ports.find((p) => p.name === name)
    : db.ports.find((p) => p.port === owner.port && (p.protocol ?? Protocol.TCP) === Protocol.TCP);
  if (found === undefined) {
    throw constructError(owner, name !== undefined
      ? `inClusterPort ${quote(name)} is not a port of the in-cluster database (${known}); use one of those names.`
      : `port ${quote(owner.port)} is not served by the in-cluster database (${known}); add a container port ${owner.port} to inCluster.ports or set inClusterPort to the port that serves it.`);
  }
  if ((found.protocol ?? Protocol.TCP) !== Protocol.TCP) {
    throw constructError(owner, `inClusterPort ${quote(found.name)} is ${found.protocol}; the stable Service port is TCP, so map it to a TCP container port.`);
  }
  return found;
}

/** Checked against the configured replicas in every phase, so that EXTERNAL already reports a writer SYNC lacks. */
function resolveWriterOrdinal(owner: MigratingDatabase, db: HeadlessStatefulSet, replicas: number, ordinal: number): number {
  if (!isIntegerInRange(ordinal, 0, 2 ** 31 - 1)) {
    throw constructError(owner, `writerOrdinal ${quote(ordinal)} is not a whole number from 0 to 2147483647; use the ordinal of the pod that accepts writes, usually 0.`);
  }
  if (ordinal >= replicas) {
    throw constructError(owner, `writerOrdinal ${quote(ordinal)} names pod ${quote(`${db.name}-${ordinal}`)}, but inCluster.replicas is ${replicas}; the stable Service would have no endpoints once internal. Raise inCluster.replicas or lower writerOrdinal.`);
  }
  return ordinal;
}
