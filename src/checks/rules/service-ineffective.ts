import { apiRule } from '../lib/api-rule';
import { serviceIneffective } from '../validation/service';

/**
 * service-ineffective: Service settings the API server accepts but that do nothing or cannot work
 * (k8s-validation rules 23, 25, 26, 21; pkg/api/service/warnings.go, v1 defaulting).
 */
export const serviceIneffectiveRule = apiRule({
  id: 'service-ineffective',
  level: 'warning',
  kind: 'Service',
  verdict: 'silent',
  description: 'Service setting that is accepted but ignored or cannot resolve',
  explanation: 'The API server accepts externalName on non-ExternalName Services, selectors and externalIPs on ExternalName Services, loadBalancerIP, externalIPs and ClientIP affinity on headless Services (kube-proxy programs nothing for a Service without a cluster IP), sessionAffinityConfig with affinity None, and externalNames with over-long or single labels, but none of them has an effect; most get a warning on apply, whose text the message quotes (pkg/api/service/warnings.go GetWarningsForService; endpoints controllers skip ExternalName, issues.k8s.io/105986).',
  fix: 'Remove the ignored field, or change the Service type so that it applies.',
  validate: (o) => serviceIneffective(o),
});
