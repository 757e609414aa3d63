/**
 * externalname-target-missing (error): an ExternalName pointing at an in-cluster name that does not exist, or at a
 * shortened in-cluster name. CNAME targets are absolute and never searched, so `db.prod.svc` goes upstream and fails;
 * an in-zone target that is missing gives NODATA without the CNAME (dns-rules 31-32). A target in a namespace the
 * input does not describe is left to namespace-not-in-input, unless the run is `complete`. Which targets are worth a
 * message: context/external-names.ts `targets`.
 */
import { serviceId } from '../helpers';
import { renamedFinding, renamedHost } from '../lib/kustomize-renames';
import { finding, Finding, Rule } from '../rule';

export const externalNameTargetMissing: Rule = {
  id: 'externalname-target-missing',
  level: 'error',
  description: 'ExternalName points at an in-cluster name that does not resolve',
  explanation: 'For an in-zone target CoreDNS resolves the target itself and answers NODATA when it is missing; a shortened in-cluster name (<svc>.<ns>.svc, <svc>.<ns>) is not expanded with the search path because CNAME targets are absolute, so it resolves nowhere (dns-rules 31-32, 44). Targets in namespaces the input does not describe are judged only with `--complete`. A Service that an operator makes from a resource of the input under a documented name (`prometheus-operated`, ECK\'s `<name>-es-http`; src/checks/context/operator-services.ts) counts as existing. So does a Service named like a chart release into its namespace: a Flux HelmRelease, a k3s HelmChart, an Argo CD Application or ApplicationSet with a Helm source (an ApplicationSet template\'s `{{...}}` placeholders filled from its list generators, never taken as names) or a `helmCharts` entry of a kustomization.yaml in the input makes Services the input does not hold, usually named after the release (the release name or the values\' `fullnameOverride`, alone or followed by `-`; src/checks/context/chart-releases.ts).',
  fix: 'Use the full name <service>.<namespace>.svc.<cluster domain> of an existing Service.',
  check(ctx) {
    const out: Finding[] = [];
    for (const { svc, target } of ctx.externalNames.targets) {
      const en = svc.externalName!;
      if (target.kind === 'missing') {
        // a CNAME target is absolute: the name itself, never the search path
        out.push(renamedFinding(this, serviceId(svc.namespace, svc.name),
          `Service "${svc.name}" is an ExternalName for "${en}", inside the cluster domain, but no such name exists in these manifests (no matching Service, namespace or endpoint), so lookups return no address.`,
          'create the target Service, or correct externalName', renamedHost(ctx, svc.source, en.endsWith('.') ? en : `${en}.`, svc.namespace)));
      } else if (target.kind === 'not-in-input' && ctx.options.complete) {
        const similar = target.similar ? ` Did you mean namespace "${target.similar}"?` : '';
        out.push(finding(this, serviceId(svc.namespace, svc.name),
          `Service "${svc.name}" is an ExternalName for "${en}", inside the cluster domain, but the input, which --complete declares to be the whole cluster, has nothing in namespace "${target.namespace}", so lookups return no address.${similar} Fix: correct externalName, or add the target Service to the input.`));
      } else if (target.kind === 'shortened') {
        out.push(finding(this, serviceId(svc.namespace, svc.name),
          `Service "${svc.name}" is an ExternalName for "${en}", a shortened in-cluster name; CNAME targets are absolute and never expanded with the search path, so it does not resolve. Fix: set externalName to "${target.full}".`));
      }
    }
    return out;
  },
};
