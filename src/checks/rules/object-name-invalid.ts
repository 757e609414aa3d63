import { apiGroup } from '../../model/indexes';
import { apiFindings } from '../lib/api-rule';
import { Finding, Rule } from '../rule';
import { nameRuleOf, objectNameRejections } from '../validation/object-names';

/**
 * object-name-invalid: the name or namespace of a built-in object that kube-apiserver rejects on create, for the kinds
 * whose name rule is known and that no rule of their own judges (validation/object-names.ts). Services,
 * Endpoints, EndpointSlices, StatefulSets and Ingresses are judged by service-invalid, endpoints-invalid,
 * endpointslice-invalid, statefulset-invalid and ingress-invalid; custom resources by their CRD.
 */
export const objectNameInvalid: Rule = {
  id: 'object-name-invalid',
  level: 'error',
  description: 'Built-in object whose name or namespace the API server rejects (ConfigMap, Secret, workloads, Namespace, RBAC kinds and more)',
  explanation: 'Each built-in kind names its rule for metadata.name: a DNS-1123 subdomain (at most 253 lower-case letters, digits, "-" and ".") for ConfigMaps, Secrets, ServiceAccounts, Pods, Deployments, ReplicaSets, DaemonSets, Jobs, ReplicationControllers, PersistentVolumeClaims, PersistentVolumes, Nodes, LimitRanges, ResourceQuotas, NetworkPolicies, IngressClasses, HorizontalPodAutoscalers, StorageClasses and PriorityClasses; a DNS-1123 label (at most 63, no dots) for a Namespace; a path segment (no "/" or "%", not "." or "..": `system:controller:foo` is fine) for Roles, ClusterRoles and their bindings; and a subdomain of at most 52 characters for a CronJob, whose Jobs are named <cronjob>-<11 characters>. metadata.namespace is a DNS-1123 label, as every namespace name (k8s-validation rule 6; pkg/apis/core/validation ValidateConfigMapName, ValidateSecretName, ValidateNamespaceName and the like: NameIsDNSSubdomain, NameIsDNSLabel; pkg/apis/rbac/validation ValidateRBACName: path.IsValidPathSegmentName; pkg/apis/batch/validation ValidateCronJobCreate; apimachinery pkg/api/validation ValidateObjectMetaAccessor). Services, Endpoints, EndpointSlices, StatefulSets and Ingresses are judged by their own rules (service-invalid, endpoints-invalid, endpointslice-invalid, statefulset-invalid, ingress-invalid), custom resources by their CRD; an object with generateName and no name gets its name from the API server.',
  fix: 'Rename the object (and every reference to it) as the message says, or put it in a namespace whose name is a lower-case DNS label.',
  check(ctx) {
    const out: Finding[] = [];
    const objects = ctx.model.objects;
    for (let i = 0; i < objects.length; i++) { // indexed: see src/model/scan.ts
      const o = objects[i];
      const kind = o.object?.kind;
      const apiVersion = o.object?.apiVersion;
      if (typeof kind !== 'string' || typeof apiVersion !== 'string') continue;
      const rule = nameRuleOf(apiGroup(apiVersion), kind);
      if (rule === undefined) continue;
      const errs = objectNameRejections(o.object, kind, rule).list;
      if (errs.length > 0) apiFindings({ id: objectNameInvalid.id, level: 'error', verdict: 'rejects' }, errs, o, kind, out, ctx);
    }
    return out;
  },
};
