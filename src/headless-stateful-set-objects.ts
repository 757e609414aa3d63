/**
 * The Kubernetes objects of a HeadlessStatefulSet: the governing headless Service, the optional client Service and the
 * StatefulSet with its pod and claim templates (internal, not part of the jsii surface).
 */
import * as kplus from 'cdk8s-plus-28';
import { k8s } from 'cdk8s-plus-28';
import { constructError, quote } from './construct-errors';
import { UpdateStrategy } from './container-options';
import type { HeadlessStatefulSet, HeadlessStatefulSetProps } from './headless-stateful-set';
import { PodTemplateBuilder } from './stateful-pod-template';
import { AccessMode, ClaimRetention } from './stateful-storage';

/** The L1 objects a HeadlessStatefulSet owns. */
export interface StatefulSetObjects {
  readonly headlessService: k8s.KubeService;
  readonly clientService?: k8s.KubeService;
  readonly statefulSet: k8s.KubeStatefulSet;
}

/**
 * Creates the objects of `owner`, whose names, ports, replicas and selector labels are already resolved, with
 * `labels` on every object and pod; throws the first problem found in the props they read.
 */
export function createStatefulSetObjects(
  owner: HeadlessStatefulSet, image: string, props: HeadlessStatefulSetProps, labels: { [key: string]: string },
): StatefulSetObjects {
  const template = new PodTemplateBuilder(owner, image, props).build();
  const servicePorts = owner.ports.map((p): k8s.ServicePort => ({
    name: p.name,
    port: p.port,
    targetPort: k8s.IntOrString.fromString(p.name),
    protocol: p.protocol,
    appProtocol: p.appProtocol,
  }));
  const metadata = (name: string): k8s.ObjectMeta => ({ name, namespace: props.namespace, labels: { ...labels } });

  const headlessService = new k8s.KubeService(owner, 'HeadlessService', {
    metadata: metadata(owner.headlessServiceName),
    spec: {
      clusterIp: 'None',
      selector: { ...owner.selectorLabels },
      ports: servicePorts,
      publishNotReadyAddresses: props.publishNotReadyAddresses ?? true,
    },
  });
  const clientService = owner.clientServiceName === undefined ? undefined : new k8s.KubeService(owner, 'ClientService', {
    metadata: metadata(owner.clientServiceName),
    spec: { type: 'ClusterIP', selector: { ...owner.selectorLabels }, ports: servicePorts },
  });

  const policy = props.podManagementPolicy ?? kplus.PodManagementPolicy.ORDERED_READY;
  if (!Object.values(kplus.PodManagementPolicy).includes(policy)) {
    throw constructError(owner, `podManagementPolicy ${quote(policy)} is not supported; use PodManagementPolicy.ORDERED_READY or PodManagementPolicy.PARALLEL.`);
  }
  const storage = template.storage;
  const statefulSet = new k8s.KubeStatefulSet(owner, 'Resource', {
    metadata: metadata(owner.name),
    spec: {
      serviceName: owner.headlessServiceName,
      replicas: owner.replicas,
      selector: { matchLabels: { ...owner.selectorLabels } },
      podManagementPolicy: policy,
      updateStrategy: (props.updateStrategy ?? UpdateStrategy.rollingUpdate())._toKube(),
      persistentVolumeClaimRetentionPolicy: storage ? {
        whenDeleted: storage.whenDeleted ?? ClaimRetention.RETAIN,
        whenScaled: storage.whenScaled ?? ClaimRetention.RETAIN,
      } : undefined,
      template: { metadata: { labels: { ...labels } }, spec: template.podSpec },
      volumeClaimTemplates: storage ? [{
        // Only the name-derived selector labels: claim templates cannot change on a live StatefulSet.
        metadata: { name: template.claimName, labels: { ...owner.selectorLabels } },
        spec: {
          accessModes: storage.accessModes ?? [AccessMode.READ_WRITE_ONCE],
          storageClassName: storage.storageClassName,
          resources: { requests: { storage: k8s.Quantity.fromString(storage.size) } },
        },
      }] : undefined,
    },
  });
  return { headlessService, clientService, statefulSet };
}
