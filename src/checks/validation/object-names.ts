/**
 * Object names and namespaces as kube-apiserver validates them on create, for the built-in kinds whose name rule is
 * known and that no other validator here judges (Services, Endpoints, EndpointSlices, StatefulSets and Ingresses are
 * judged with the rest of their fields: service.ts, endpoints.ts, stateful-set.ts, ingress.ts). Each kind's
 * `ValidateObjectMeta(meta, namespaced, nameFn, ...)` call names its rule (reference/k8s-validation.md rule 6,
 * pkg/apis/<group>/validation/validation.go): a DNS-1123 subdomain for most (`NameIsDNSSubdomain`: ConfigMap, Secret,
 * Deployment, ...), a DNS-1123 label for a Namespace (`ValidateNamespaceName`), a path segment for the RBAC kinds
 * (`ValidateRBACName = path.IsValidPathSegmentName`: `system:controller:foo` is fine), and for a CronJob a subdomain of
 * at most 52 characters (`ValidateCronJobCreate`). `metadata.namespace` is a DNS-1123 label (`ValidateNamespaceName`)
 * on namespaced kinds; on cluster-scoped ones the API server drops it (`rest.BeforeCreate`). Custom resources are
 * judged by their CRD and webhooks, and other kinds not at all.
 */
import { FieldErrors } from './field';
import { isRecord } from './metadata';
import {
  dns1123LabelErrors, dns1123SubdomainErrors, isDns1123Label, isDns1123Subdomain, pathSegmentNameErrors,
} from '../../k8s-syntax/names';

/** How a kind's name is validated. */
interface NameRule {
  readonly syntax: 'subdomain' | 'label' | 'path-segment';
  /** Objects of the kind have no namespace. */
  readonly clusterScoped?: boolean;
  /** A shorter limit than the syntax's (CronJob: 52). */
  readonly maxLength?: number;
}

const SUBDOMAIN: NameRule = { syntax: 'subdomain' };
const CLUSTER_SUBDOMAIN: NameRule = { syntax: 'subdomain', clusterScoped: true };

/** `<group>/<kind>` ('' for the core group) -> its name rule. */
const NAME_RULES = new Map<string, NameRule>([
  // core (pkg/apis/core/validation: ValidateConfigMapName, ValidateSecretName, ValidateServiceAccountName, ValidatePodName,
  // ValidateReplicationControllerName, ValidatePersistentVolumeName, ValidateLimitRangeName, ValidateResourceQuotaName,
  // ValidateNodeName: NameIsDNSSubdomain; ValidateNamespaceName: NameIsDNSLabel)
  ...['ConfigMap', 'Secret', 'ServiceAccount', 'Pod', 'ReplicationController', 'PersistentVolumeClaim', 'LimitRange', 'ResourceQuota']
    .map((k): [string, NameRule] => [`/${k}`, SUBDOMAIN]),
  ['/PersistentVolume', CLUSTER_SUBDOMAIN],
  ['/Node', CLUSTER_SUBDOMAIN],
  ['/Namespace', { syntax: 'label', clusterScoped: true }],
  // apps and the removed extensions versions (ValidateDeploymentName, ValidateReplicaSetName, ValidateDaemonSetName)
  ...['apps', 'extensions'].flatMap((g) => ['Deployment', 'ReplicaSet', 'DaemonSet'].map((k): [string, NameRule] => [`${g}/${k}`, SUBDOMAIN])),
  // batch (ValidateJob and ValidateCronJobCreate use ValidateReplicationControllerName; a CronJob's Jobs are named
  // <cronjob>-<11 characters>, at most 63)
  ['batch/Job', SUBDOMAIN],
  ['batch/CronJob', { syntax: 'subdomain', maxLength: 52 }],
  // networking (ValidateNetworkPolicyName, ValidateIngressClassName)
  ['networking.k8s.io/NetworkPolicy', SUBDOMAIN],
  ['extensions/NetworkPolicy', SUBDOMAIN],
  ['networking.k8s.io/IngressClass', CLUSTER_SUBDOMAIN],
  // autoscaling (ValidateHorizontalPodAutoscalerName), storage (ValidateClassName), scheduling (ValidatePriorityClass)
  ['autoscaling/HorizontalPodAutoscaler', SUBDOMAIN],
  ['storage.k8s.io/StorageClass', CLUSTER_SUBDOMAIN],
  ['scheduling.k8s.io/PriorityClass', CLUSTER_SUBDOMAIN],
  // rbac (ValidateRBACName)
  ['rbac.authorization.k8s.io/Role', { syntax: 'path-segment' }],
  ['rbac.authorization.k8s.io/RoleBinding', { syntax: 'path-segment' }],
  ['rbac.authorization.k8s.io/ClusterRole', { syntax: 'path-segment', clusterScoped: true }],
  ['rbac.authorization.k8s.io/ClusterRoleBinding', { syntax: 'path-segment', clusterScoped: true }],
]);

/** The name rule of a kind in an API group, or undefined when this module does not judge it. */
export function nameRuleOf(group: string, kind: string): NameRule | undefined {
  return NAME_RULES.get(`${group}/${kind}`);
}

/**
 * What the API server rejects in the name and namespace of `obj`, whose kind has name rule `rule`. An object without a
 * name (one with `generateName`, or a partial one) is not judged; a name or namespace yet to be filled in (`${APP}`,
 * `{{ .Values.name }}`) is the caller's to leave or note (lib/api-rule.ts placeholdersNoted).
 */
export function objectNameRejections(obj: any, kind: string, rule: NameRule): FieldErrors {
  const errs = new FieldErrors();
  const md = obj?.metadata;
  if (!isRecord(md)) return errs;
  const name = md.name;
  if (typeof name === 'string' && name !== '') {
    const a = /^[aeiou]/i.test(kind) ? 'an' : 'a';
    const refs = 'and every reference to it';
    switch (rule.syntax) {
      case 'label':
        if (!isDns1123Label(name)) errs.each('metadata.name', name, dns1123LabelErrors(name), `rename the ${kind} to a lower-case DNS-1123 label (at most 63 lower-case letters, digits and "-", no dots) ${refs}`);
        break;
      case 'path-segment':
        errs.each('metadata.name', name, pathSegmentNameErrors(name), `rename the ${kind} without "/" or "%" (and not "." or "..") ${refs}`);
        break;
      default:
        if (!isDns1123Subdomain(name)) {
          errs.each('metadata.name', name, dns1123SubdomainErrors(name), `rename the ${kind} to a lower-case DNS-1123 subdomain (at most 253 lower-case letters, digits, "-" and ".") ${refs}`);
        } else if (rule.maxLength !== undefined && name.length > rule.maxLength) {
          errs.add('metadata.name', 'Invalid value', name, `must be no more than ${rule.maxLength} characters`, `shorten the name of ${a} ${kind} to at most ${rule.maxLength} characters: each Job it creates is named <cronjob>-<11-character schedule time>, at most 63`);
        }
    }
  }
  const ns = md.namespace;
  if (!rule.clusterScoped && typeof ns === 'string' && ns !== '' && !isDns1123Label(ns)) {
    errs.each('metadata.namespace', ns, dns1123LabelErrors(ns), 'use a lower-case DNS-1123 label as the namespace (namespace names are at most 63 lower-case letters, digits and "-")');
  }
  return errs;
}
