/**
 * service-target-port-undeclared (warning): a numeric targetPort that the selected containers do not declare,
 * while they declare other ports. Legal (container ports are informational: thockin in kubernetes/website#26790),
 * but it is the checklist's classic "targetPort 8080, app listens on 3000" mistake.
 */
import type { DeclaredPort } from '../helpers';
import { finding, Finding, Rule } from '../rule';
import { declared, declaredText, portLabel, portTargets } from './target-port-helpers';

export const serviceTargetPortUndeclared: Rule = {
  id: 'service-target-port-undeclared',
  level: 'warning',
  description: 'Numeric targetPort not among the ports the selected containers declare',
  explanation: 'Traffic goes to targetPort on the pod whether or not a container declares it; when the containers declare other ports, the Service most likely points at a port nothing listens on and connections are refused (Service debugging checklist, step 3; anchors E.1).',
  fix: 'Set targetPort to the port the container listens on (and declares).',
  check(model) {
    const out: Finding[] = [];
    for (const svc of model.services()) {
      if (!svc.ports.some((p) => typeof p.targetPort === 'number')) continue; // no numeric targetPort: no templates to look up
      const { templates: targets, nearMiss } = portTargets(model, svc);
      let declaredBy: (readonly DeclaredPort[])[] | undefined; // per target, read once per Service
      for (const p of svc.ports) {
        const n = typeof p.targetPort === 'number' ? (p.targetPort === 0 ? p.port : p.targetPort) : undefined;
        if (n === undefined) continue;
        declaredBy ??= targets.map(declared);
        for (let i = 0; i < targets.length; i++) {
          const t = targets[i];
          const ports = declaredBy[i];
          if (ports.length === 0) continue; // nothing declared: nothing to compare with
          if (ports.some((d) => d.containerPort === n && d.protocol === p.protocol)) continue;
          const only = ports.filter((d) => d.protocol === p.protocol);
          const suggestion = only.length === 1 ? String(only[0].containerPort) : 'the port the container listens on';
          out.push(finding(this, `Service/${svc.namespace}/${svc.name}`,
            `Service "${svc.name}" ${portLabel(p)} sends traffic to targetPort ${n}/${p.protocol}, but ${t.kind} "${t.name}"${nearMiss ? ' (the workload its selector nearly matches)' : ''} declares only ${declaredText(ports)}, so connections will likely be refused. Fix: set targetPort to ${suggestion}, or declare containerPort ${n} if the container really listens there.`));
        }
      }
    }
    return out;
  },
};
