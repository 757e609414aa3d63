/**
 * The type checks of HeadlessStatefulSet's props (internal, not part of the jsii surface), at the entry of its
 * constructor: every prop of the wrong type throws a sentence naming it (see prop-check.ts); the values are checked
 * by the construct after.
 */
import * as kplus from 'cdk8s-plus-28';
import { IConstruct } from 'constructs';
import { ContainerPort, ContainerProbe, PodSecurity, UpdateStrategy } from './container-options';
import type { HeadlessStatefulSetProps } from './headless-stateful-set';
import {
  checkNumber, checkString, checkStruct, isAbsent, optionalBoundedStruct, optionalBoolean, optionalList, optionalNumber, optionalRecord,
  optionalString,
  optionalMetadataRecord, optionalStringList, optionalStruct, optionalValueType, typeError,
} from './prop-check';
import { StatefulStorage } from './stateful-storage';

const PROBE_FIX = 'use ContainerProbe.tcp(...), ContainerProbe.http(...) or ContainerProbe.exec(...).';

/** The props with every value's type checked and `null` as not set. */
export function checkHeadlessStatefulSetProps(at: IConstruct, given: HeadlessStatefulSetProps): HeadlessStatefulSetProps {
  const props = checkStruct(at, 'props', given, 'pass props such as { image: "redis:7", ports: [{ name: "redis", port: 6379 }] }.');
  const probe = (prop: string, value: ContainerProbe | undefined) => optionalValueType(at, prop, value, 'ContainerProbe', PROBE_FIX);
  const clientService = optionalStruct(at, 'clientService', props.clientService, 'give options such as { name: "redis" } or {}.');
  return {
    image: optionalString(at, 'image', props.image, 'give an image reference such as "redis:7" or "postgres:16".') as string,
    ports: checkPorts(at, props.ports) as ContainerPort[],
    replicas: optionalNumber(at, 'replicas', props.replicas, 'use a whole number such as 3.'),
    name: optionalString(at, 'name', props.name, 'give a DNS-1123 label such as "redis".'),
    namespace: optionalString(at, 'namespace', props.namespace, 'give a DNS-1123 label such as "production".'),
    clusterDomain: optionalString(at, 'clusterDomain', props.clusterDomain, 'use a DNS domain such as "cluster.local".'),
    headlessServiceName: optionalString(at, 'headlessServiceName', props.headlessServiceName, 'give a DNS-1035 label such as "redis-peers".'),
    publishNotReadyAddresses: optionalBoolean(at, 'publishNotReadyAddresses', props.publishNotReadyAddresses),
    clientService: clientService && {
      name: optionalString(at, 'clientService.name', clientService.name, 'give a DNS-1035 label such as "redis".'),
    },
    storage: checkStorage(at, props.storage),
    env: optionalRecord(at, 'env', props.env, 'give variables such as { LOG_LEVEL: EnvValue.fromValue("info") }.',
      (prop, value) => checkEnvValue(at, prop, value)),
    command: optionalStringList(at, 'command', props.command, 'give the command and its arguments such as ["redis-server", "/etc/redis.conf"].'),
    args: optionalStringList(at, 'args', props.args, 'give the arguments such as ["--appendonly", "yes"].'),
    resources: checkResources(at, props.resources),
    readinessProbe: probe('readinessProbe', props.readinessProbe),
    livenessProbe: probe('livenessProbe', props.livenessProbe),
    startupProbe: probe('startupProbe', props.startupProbe),
    podManagementPolicy: isAbsent(props.podManagementPolicy) ? undefined : props.podManagementPolicy, // an enum: checked by value
    updateStrategy: optionalValueType<UpdateStrategy>(at, 'updateStrategy', props.updateStrategy, 'UpdateStrategy',
      'use UpdateStrategy.rollingUpdate() or UpdateStrategy.onDelete().'),
    security: optionalValueType<PodSecurity>(at, 'security', props.security, 'PodSecurity',
      'use PodSecurity.nonRoot(...) or PodSecurity.imageDefault().'),
    terminationGracePeriodSeconds: optionalNumber(at, 'terminationGracePeriodSeconds', props.terminationGracePeriodSeconds,
      'use a whole number such as 30.'),
    labels: optionalMetadataRecord(at, 'labels', props.labels, 'give labels such as { tier: "cache" }.', 'label values are strings such as "cache".'),
  };
}

/** Each port's fields typed; a missing list stays missing (the construct reports it as empty). */
function checkPorts(at: IConstruct, ports: ContainerPort[] | undefined): ContainerPort[] | undefined {
  const list = optionalList(at, 'ports', ports, 'give named ports such as [{ name: "redis", port: 6379 }].');
  return list?.map((given, i) => {
    const p = checkStruct(at, `ports[${i}]`, given, 'give a port such as { name: "redis", port: 6379 }.');
    return {
      name: optionalString(at, `ports[${i}].name`, p.name, 'give an IANA service name such as "redis".') as string,
      port: checkNumber(at, `ports[${i}].port`, p.port, 'give a port number such as 6379.'),
      protocol: isAbsent(p.protocol) ? undefined : p.protocol, // an enum: checked by value
      appProtocol: optionalString(at, `ports[${i}].appProtocol`, p.appProtocol, 'give a name such as "redis" or "kubernetes.io/h2c".'),
    };
  });
}

function checkStorage(at: IConstruct, storage: StatefulStorage | undefined): StatefulStorage | undefined {
  const s = optionalStruct(at, 'storage', storage, 'give storage such as { size: "10Gi" }.');
  if (s === undefined) return undefined;
  const modes = optionalList(at, 'storage.accessModes', s.accessModes, 'give access modes such as [AccessMode.READ_WRITE_ONCE].');
  return {
    size: optionalString(at, 'storage.size', s.size, 'use a size such as "10Gi".') as string,
    mountPath: optionalString(at, 'storage.mountPath', s.mountPath, 'use an absolute path such as "/data".'),
    storageClassName: optionalString(at, 'storage.storageClassName', s.storageClassName, 'use the name of a StorageClass such as "standard".'),
    accessModes: modes && [...modes], // enums: checked by value
    claimName: optionalString(at, 'storage.claimName', s.claimName, 'use a DNS-1123 label such as "data".'),
    whenDeleted: isAbsent(s.whenDeleted) ? undefined : s.whenDeleted,
    whenScaled: isAbsent(s.whenScaled) ? undefined : s.whenScaled,
  };
}

/** An EnvValue: an object with a string `value` or an object `valueFrom` (a missing one is the construct's check). */
function checkEnvValue(at: IConstruct, prop: string, value: unknown): kplus.EnvValue {
  const fix = 'use EnvValue.fromValue(...) or another EnvValue factory.';
  if (isAbsent(value)) return value as unknown as kplus.EnvValue; // the construct reports it: "has no value"
  const v = checkStruct(at, prop, value as kplus.EnvValue, fix);
  optionalString(at, `${prop}.value`, v.value, fix);
  optionalBoundedStruct(at, `${prop}.valueFrom`, v.valueFrom, fix);
  return v;
}

/** Cpu amounts are strings, memory and ephemeral storage are Sizes. */
function checkResources(at: IConstruct, resources: kplus.ContainerResources | undefined): kplus.ContainerResources | undefined {
  const r = optionalStruct(at, 'resources', resources, 'give resources such as { memory: { limit: Size.mebibytes(256) } }.');
  if (r === undefined) return undefined;
  const cpu = optionalStruct(at, 'resources.cpu', r.cpu, 'give { request: Cpu.millis(100), limit: Cpu.units(1) }.');
  for (const key of ['request', 'limit'] as const) {
    const c = optionalStruct(at, `resources.cpu.${key}`, cpu?.[key], 'use Cpu.millis(...) or Cpu.units(...).');
    if (c !== undefined) checkString(at, `resources.cpu.${key}.amount`, c.amount, 'use Cpu.millis(...) or Cpu.units(...).');
  }
  for (const group of ['memory', 'ephemeralStorage'] as const) {
    const g = optionalStruct(at, `resources.${group}`, r[group], 'give { request: Size.mebibytes(256), limit: Size.gibibytes(1) }.');
    for (const key of ['request', 'limit'] as const) {
      const size = g?.[key];
      if (!isAbsent(size) && typeof (size as { toKibibytes?: unknown }).toKibibytes !== 'function') {
        throw typeError(at, `resources.${group}.${key}`, size, 'a Size', 'use Size.mebibytes(...) or Size.gibibytes(...).');
      }
    }
  }
  return r;
}
