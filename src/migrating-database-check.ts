/**
 * The type checks of MigratingDatabase's props (internal, not part of the jsii surface), at the entry of its
 * constructor: every prop of the wrong type throws a sentence naming it (see prop-check.ts); the values are checked
 * by the construct after. `inCluster` is checked here as far as MigratingDatabase reads it; the HeadlessStatefulSet
 * it becomes checks the rest, under its own path (`<path>/InCluster`).
 */
import { IConstruct } from 'constructs';
import type { MigratingDatabaseProps } from './migrating-database';
import { checkStruct, isAbsent, optionalNumber, optionalString, optionalMetadataRecord, optionalStruct } from './prop-check';

/** The props with every value's type checked and `null` as not set. */
export function checkMigratingDatabaseProps(at: IConstruct, given: MigratingDatabaseProps): MigratingDatabaseProps {
  const props = checkStruct(at, 'props', given, 'pass props such as { externalName: "db.example.com", port: 5432 }.');
  const inCluster = optionalStruct(at, 'inCluster', props.inCluster,
    'give the in-cluster database\'s props such as { image: "postgres:16", ports: [{ name: "postgres", port: 5432 }], storage: { size: "50Gi" } }.');
  return {
    externalName: props.externalName, // required: its type is checked with its value
    port: props.port, // required: its type is checked with its range
    phase: isAbsent(props.phase) ? undefined : props.phase, // an enum: checked by value
    name: optionalString(at, 'name', props.name, 'give a DNS-1035 label such as "database".'),
    namespace: optionalString(at, 'namespace', props.namespace, 'give a DNS-1123 label such as "production".'),
    inCluster: inCluster && {
      ...inCluster,
      name: optionalString(at, 'inCluster.name', inCluster.name, 'give a DNS-1123 label such as "database-internal".'),
      namespace: optionalString(at, 'inCluster.namespace', inCluster.namespace, 'remove it (the stable Service\'s namespace is used).'),
      clusterDomain: optionalString(at, 'inCluster.clusterDomain', inCluster.clusterDomain, 'remove it and set clusterDomain.'),
      replicas: optionalNumber(at, 'inCluster.replicas', inCluster.replicas, 'use a whole number such as 1.'),
      storage: optionalStruct(at, 'inCluster.storage', inCluster.storage, 'give storage such as { size: "50Gi" }.'),
    },
    inClusterPort: optionalString(at, 'inClusterPort', props.inClusterPort, 'give the name of an in-cluster container port such as "postgres".'),
    writerOrdinal: optionalNumber(at, 'writerOrdinal', props.writerOrdinal, 'use a whole number such as 0.'),
    portName: optionalString(at, 'portName', props.portName, 'give a DNS-1123 label such as "postgres".'),
    clusterDomain: optionalString(at, 'clusterDomain', props.clusterDomain, 'use a DNS domain such as "cluster.local".'),
    labels: optionalMetadataRecord(at, 'labels', props.labels, 'give labels such as { team: "payments" }.', 'label values are strings such as "postgres".'),
  };
}
