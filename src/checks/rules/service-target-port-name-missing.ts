/**
 * service-target-port-name-missing (error): a named targetPort that a selected container does not declare.
 * The EndpointSlice controller resolves the name per pod and drops the port for pods that lack it (dns-rules 12,
 * FindPort), so those pods get no traffic on this port. Nobody else checks this (anchors E.1). Only the templates the
 * Service selects are judged (lib/target-ports.ts). A template or Service of a kustomize build whose kustomizations
 * have patches (or replacements, vars), or whose GitOps object has patches of its own, which the checker does not
 * apply, is not judged (when every build of its copy has them: kustomize-builds.ts): an info, since a patch often
 * adds the container that declares the port (kubebuilder's kube-rbac-proxy sidecar, named `https`).
 *
 * A headless Service that no Ingress, route or ServiceMonitor of the input uses is an info (lib/entry-backends.ts unroutedHeadless):
 * the pods stay its endpoints with the ports they do resolve (an endpoint of no port is still listed), kube-proxy does
 * not route it and its clients connect to the pod addresses on the port they dial, so only the port's SRV record is
 * missing. The Temporal chart's `temporal-worker-headless` names `rpc`, which its worker pods do not declare.
 */
import type { ServicePortRecord } from '../../model/records';
import type { DeclaredPort, PodTemplate } from '../context/pod-templates';
import { listFindings } from '../fold';
import { headlessText, portUserKeys, unroutedHeadless } from '../lib/entry-backends';
import { notJudgedForEdits } from '../lib/kustomize-renames';
import { isUnfilled } from '../lib/placeholders';
import { declared, declaredText, hasInterfacePorts, portLabel, portTargets } from '../lib/target-ports';
import { finding, Finding, Rule } from '../rule';

export const serviceTargetPortNameMissing: Rule = {
  id: 'service-target-port-name-missing',
  level: 'error',
  description: 'Named targetPort not declared by the selected containers (an **info** in a kustomize build with patches, replacements or vars, which may add it, and for a headless Service that no Ingress, route or ServiceMonitor of the input uses)',
  explanation: 'A string targetPort is looked up among the pod\'s container port names (with the Service port\'s protocol); a pod without it is left out of that port\'s endpoints (staging/src/k8s.io/endpointslice/utils.go getEndpointPorts/FindPort; Service debugging checklist, step 3). An **info** for a headless Service that no Ingress, route or ServiceMonitor of the input uses (prometheus-operator keeps the targets whose endpoint port name matches the ServiceMonitor endpoint\'s `port`, so it scrapes none): the pod stays an endpoint with the ports it does resolve, kube-proxy does not route headless Services and cluster DNS publishes the pod addresses, so clients reach the pods on the port they dial; only the port\'s SRV record, and an entry point, mesh or ServiceMonitor that picks endpoints by Service port, miss it (pkg/proxy/util ShouldSkipService; dns-rules 26-28). Only pods the Service selects are judged: a Service that selects nothing is reported once, by `service-selector-no-match`. A chart\'s Helm test Pod (annotation `helm.sh/hook: test`, `test-success` or `test-failure`), which carries the release\'s labels, is not judged: only `helm test` makes it, and it runs to completion, never as an endpoint (Argo CD does not apply it). In a kustomize build whose kustomizations have `patches`, `patchesStrategicMerge`, `patchesJson6902`, `replacements` or `vars`, or whose Flux Kustomization or Argo CD Application has patches of its own (`spec.patches`, `kustomize.patches`), which the checker does not apply, a port the workload lacks as written is an **info** that it is not judged: a patch often adds the container that declares it (kubebuilder\'s kube-rbac-proxy sidecar and its `https` port). A base that several builds hold (in one namespace, with one prefix) is judged so only when every one of them has such patches: one without applies the workload as written, and the error stands.',
  fix: 'Name the container port like the targetPort, or use the container port number.',
  check(ctx) {
    const out: Finding[] = [];
    let users: ReadonlySet<string> | undefined;
    const backends = () => users ??= portUserKeys(ctx);
    for (const svc of ctx.model.services()) {
      if (!svc.ports.some((p) => typeof p.targetPort === 'string')) continue; // no named targetPort: no templates to look up
      const { templates: targets } = portTargets(ctx, svc);
      // per target, read once per Service: its ports, and every declared `<name>/<protocol>` to look up
      let declaredBy: { ports: readonly DeclaredPort[]; named: ReadonlySet<string> }[] | undefined;
      const missing: { p: ServicePortRecord; name: string; t: PodTemplate; ports: readonly DeclaredPort[] }[] = [];
      for (const p of svc.ports) {
        // a value yet to be filled in (`${APP_PORT}`, `{{ .Values.port }}`): service-invalid leaves or names it (lib/api-rule.ts)
        if (typeof p.targetPort !== 'string' || isUnfilled(p.targetPort)) continue;
        const name = p.targetPort;
        declaredBy ??= targets.map((t) => {
          const ports = declared(t);
          return { ports, named: new Set(ports.flatMap((d) => (d.name ? [`${d.name}/${d.protocol}`] : []))) };
        });
        for (let i = 0; i < targets.length; i++) {
          if (!declaredBy[i].named.has(`${name}/${p.protocol}`)) missing.push({ p, name, t: targets[i], ports: declaredBy[i].ports });
        }
      }
      if (missing.length === 0) continue;
      const resource = `Service/${svc.namespace}/${svc.name}`;
      const headless = unroutedHeadless(svc, backends);
      // the build patches what the checker reads as written: the port may be there after it
      const editsOf = (t: PodTemplate) => t.owner.source?.kustomizeEdits ?? svc.source?.kustomizeEdits;
      // a Service of 100,000 named targetPorts: the first findings only are built (fold.ts)
      for (const f of listFindings(missing, ({ t }) => (editsOf(t) === undefined && !headless ? this.level : 'info'), ({ p, name, t, ports }) => {
        const other = ports.find((d) => d.name === name);
        const vm = hasInterfacePorts(t);
        const what = vm ? 'interface port' : 'container port';
        const why = other ? `declares "${name}" only for ${other.protocol}, not ${p.protocol}` : `declares no ${what} named "${name}" (declared: ${declaredText(ports)})`;
        const cause = `Service "${svc.name}" ${portLabel(p)} has targetPort "${name}", but ${t.kind} "${t.name}" ${why}`;
        const fix = vm
          ? `name a port of its interface (spec.domain.devices.interfaces[].ports) "${name}" or set targetPort to the port number`
          : `add a container port named "${name}" or set targetPort to the container port number`;
        const edits = editsOf(t);
        if (edits === undefined && headless) {
          return { ...finding(this, resource, `${cause}, so its endpoints list no port for it. ${headlessText(svc)}: clients that connect to those addresses reach the pods on the port they dial; only an Ingress, Gateway API route, mesh or ServiceMonitor that picks endpoints by Service port, or a lookup of this port's SRV record, finds none. Fix: ${fix}.`), level: 'info' };
        }
        if (edits === undefined) return finding(this, resource, `${cause}, so its pods get no traffic on this port. Fix: ${fix}.`);
        return { ...finding(this, resource, notJudgedForEdits(cause, edits, `add the port to ${t.kind} "${t.name}"`, fix)), level: 'info' };
      }, ctx.options.allFindings)) out.push(f);
    }
    return out;
  },
};
