/**
 * The type checks of ExternalDependency's props (internal, not part of the jsii surface), at the entry of its
 * constructor: every prop of the wrong type throws a sentence naming it (see prop-check.ts); the values are checked
 * by the construct after.
 */
import { PendingConstruct } from './construct-errors';
import type { ExternalDependencyProps } from './external-dependency';
import { checkStruct, optionalList, optionalMetadataRecord, optionalString, optionalStringRecord, optionalStruct } from './prop-check';

/** The props with every value's type checked and `null` as not set. */
export function checkExternalDependencyProps(at: PendingConstruct, given: ExternalDependencyProps): ExternalDependencyProps {
  const props = checkStruct(at, 'props', given, 'pass props such as { externalName: "db.example.com" }.');
  const host = 'ExternalName needs a DNS name such as "db.example.com".';
  const targetService = optionalStruct(at, 'targetService', props.targetService,
    'give a Service such as ServiceReference.fromName("shared-infra", "redis") or another construct of this library.');
  return {
    externalName: optionalString(at, 'externalName', props.externalName, host),
    targetService,
    externalNameByEnvironment: optionalStringRecord(at, 'externalNameByEnvironment', props.externalNameByEnvironment,
      'give a host per environment such as { prod: "db.example.com" }.', host),
    environment: optionalString(at, 'environment', props.environment, 'give an environment name such as "prod".'),
    name: optionalString(at, 'name', props.name, 'give a DNS-1035 label such as "database".'),
    namespace: optionalString(at, 'namespace', props.namespace, 'give a DNS-1123 label such as "production".'),
    ports: optionalList(at, 'ports', props.ports, 'give ports such as [{ name: "postgres", port: 5432 }].'),
    clusterDomain: optionalString(at, 'clusterDomain', props.clusterDomain, 'use a DNS domain such as "cluster.local".'),
    labels: optionalMetadataRecord(at, 'labels', props.labels, 'give labels such as { team: "payments" }.', 'metadata values are strings.'),
    annotations: optionalMetadataRecord(at, 'annotations', props.annotations, 'give annotations such as { owner: "payments" }.',
      'metadata values are strings.'),
  };
}
