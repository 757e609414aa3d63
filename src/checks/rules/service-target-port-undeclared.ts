/**
 * service-target-port-undeclared (info): a numeric targetPort that the selected containers do not list, while they
 * list other ports. Kubernetes routes a numeric targetPort to the pod whether or not a container declares it
 * (container ports are informational: thockin in kubernetes/website#26790; dns-rules 12), and real operators listen on
 * ports they do not list (KEDA's metrics server, Istio's echo servers, RabbitMQ's epmd, etcd's peer port), so this is
 * a note: the checklist's "targetPort 8080, app listens on 3000" mistake looks the same, and only the container knows.
 * Only the templates the Service selects are judged (lib/target-ports.ts). A named targetPort must be declared:
 * service-target-port-name-missing. The ports of a mesh's injected proxy (Istio's `istio-proxy`, Linkerd's
 * `linkerd-proxy`) count as declared, but are not compared with: an application that declares no port of its own is
 * not judged once Istio injects its sidecar with Envoy's metrics port 15090.
 */
import type { ServicePortRecord } from '../../model/records';
import type { DeclaredPort, PodTemplate } from '../context/pod-templates';
import { listFindings } from '../fold';
import { appDeclared, declared, declaredText, hasInterfacePorts, portLabel, portTargets } from '../lib/target-ports';
import { finding, Finding, Rule } from '../rule';

export const serviceTargetPortUndeclared: Rule = {
  id: 'service-target-port-undeclared',
  level: 'info',
  description: 'Numeric targetPort not among the ports the selected containers declare',
  explanation: 'Traffic goes to a numeric targetPort on the pod whether or not a container declares it (container ports are informational), and many containers listen on ports they do not list (KEDA\'s metrics server, Istio\'s echo servers, RabbitMQ\'s epmd, etcd\'s peer port); if the container does not listen there, connections are refused (Service debugging checklist, step 3; anchors E.1). Only pods the Service selects are judged, less a chart\'s Helm test Pod (`helm.sh/hook: test`), which only `helm test` makes and which runs to completion, never as an endpoint. The ports of a mesh\'s injected proxy (Istio\'s istio-proxy sidecar, Linkerd\'s linkerd-proxy) are not compared with: traffic reaches the application through the proxy\'s redirect, so an application that declares no port of its own is not judged.',
  fix: 'Check that the container listens on targetPort; if not, set targetPort to the port it listens on. Declaring the port documents it.',
  check(ctx) {
    const out: Finding[] = [];
    for (const svc of ctx.model.services()) {
      if (!svc.ports.some((p) => typeof p.targetPort === 'number')) continue; // no numeric targetPort: no templates to look up
      const { templates: targets } = portTargets(ctx, svc);
      // per target, read once per Service: the application's ports, and every declared `<number>/<protocol>` to look up
      let declaredBy: { app: readonly DeclaredPort[]; all: ReadonlySet<string> }[] | undefined;
      const undeclared: { p: ServicePortRecord; n: number; t: PodTemplate; app: readonly DeclaredPort[] }[] = [];
      for (const p of svc.ports) {
        const n = typeof p.targetPort === 'number' ? (p.targetPort === 0 ? p.port : p.targetPort) : undefined;
        if (n === undefined) continue;
        declaredBy ??= targets.map((t) => ({ app: appDeclared(t), all: new Set(declared(t).map((d) => `${d.containerPort}/${d.protocol}`)) }));
        for (let i = 0; i < targets.length; i++) {
          const { app, all } = declaredBy[i];
          if (app.length === 0) continue; // nothing declared by the application: nothing to compare with
          if (!all.has(`${n}/${p.protocol}`)) undeclared.push({ p, n, t: targets[i], app });
        }
      }
      // a Service of 100,000 ports and a pod of 20,000: the first findings only are built (fold.ts)
      for (const f of listFindings(undeclared, () => this.level, ({ p, n, t, app }) => {
        const only = app.filter((d) => d.protocol === p.protocol);
        const suggestion = only.length === 1 ? String(only[0].containerPort) : 'the port the container listens on';
        const resource = `Service/${svc.namespace}/${svc.name}`;
        if (hasInterfacePorts(t)) {
          // KubeVirt's masquerade binding forwards only the listed ports, when its interface lists any.
          return finding(this, resource,
            `Service "${svc.name}" ${portLabel(p)} sends traffic to targetPort ${n}/${p.protocol}, which ${t.kind} "${t.name}" does not list among its interface ports (${declaredText(app)}); this works only if the VM listens on ${n} and its interface passes it on (a masquerade interface forwards only the ports it lists). Fix: if it does not listen there, set targetPort to ${suggestion}; if it does, add ${n} to the ports of its interface (spec.domain.devices.interfaces[].ports).`);
        }
        return finding(this, resource,
          `Service "${svc.name}" ${portLabel(p)} sends traffic to targetPort ${n}/${p.protocol}, which ${t.kind} "${t.name}" does not list among its container ports (${declaredText(app)}); Kubernetes routes it there anyway, so this works only if the container listens on ${n}. Fix: if it does not, set targetPort to ${suggestion}; if it does, declare containerPort ${n}.`);
      }, ctx.options.allFindings)) out.push(f);
    }
    return out;
  },
};
