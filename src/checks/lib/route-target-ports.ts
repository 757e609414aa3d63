/**
 * route-backend-port-missing's judgement of OpenShift Routes: whether `spec.port.targetPort` matches a port of each
 * backend's endpoints, as the router matches it (openshift/router endpointsForAlias: the endpoint's port name, or its
 * port number as text). Not a rule.
 */
import type { BackendRef } from '../../model/entry-points';
import type { CheckContext } from '../context/check-context';
import { resourceId } from '../helpers';
import type { Level } from '../rule';
import { declaredPortsText, groupRefs, refText } from './entry-backends';
import { serviceMissing } from './missing-services';
import { isUnfilled } from './placeholders';
import { endpointPorts } from './target-ports';

/** At most this many endpoint port numbers are listed in one message. */
const MAX_LISTED = 20;

/** A finding's resource, message and level, for the rule to make its finding of. */
export interface TargetPortFinding {
  readonly resource: string;
  readonly message: string;
  readonly level: Level;
}

/** Whether a backend's endpoints have the Route's targetPort: yes, no, or not known from the input. */
type Verdict = 'yes' | 'no' | 'unknown';

/**
 * The backends of OpenShift Routes (`refs`, every backend of each Route) whose endpoints have no port the Route's
 * `spec.port.targetPort` names: an error when no backend of the Route has it (the router answers 503), a warning when
 * another one has it or may have it (the router sends the traffic there). Backends whose Service the input lacks are
 * route-backend-missing's; Services whose endpoint ports the input does not tell (`endpointPorts`) are not judged.
 */
export function routeTargetPortFindings(ctx: CheckContext, refs: readonly BackendRef[]): TargetPortFinding[] {
  const out: TargetPortFinding[] = [];
  for (const route of groupRefs(refs, () => '')) {
    const targetPort = route[0].targetPort;
    // none: every endpoint port; `${APP_PORT}` (Flux post-build substitution) or `{{ }}`: a value yet to be filled in
    if (targetPort === undefined || isUnfilled(targetPort)) continue;
    const verdicts = route.map((r): Verdict => {
      const svc = ctx.model.service(r.namespace, r.service);
      // none in the input: no endpoints (route-backend-missing reports it), unless the cluster may have it (a chart's)
      if (!svc) return serviceMissing(ctx, r) ? 'no' : 'unknown';
      const ports = endpointPorts(ctx, svc);
      if (!ports) return 'unknown';
      if (typeof targetPort === 'string') return ports.names.has(targetPort) ? 'yes' : 'no';
      if (!ports.numbers) return 'unknown';
      return ports.numbers.has(targetPort) ? 'yes' : 'no';
    });
    const served = verdicts.some((v) => v !== 'no');
    route.forEach((r, i) => {
      const svc = ctx.model.service(r.namespace, r.service);
      if (verdicts[i] !== 'no' || !svc) return;
      const effect = served
        ? `the router has no endpoints of Service "${r.service}" for the Route and sends its share of the requests to the Route's other backends`
        : 'the router has no endpoints for the Route and answers its requests with 503';
      let what: string;
      let hint = '';
      let fix: string;
      if (typeof targetPort === 'string') {
        what = `whose ports have no name "${targetPort}" (${declaredPortsText(svc.ports)}), and the Route's spec.port.targetPort "${targetPort}" keeps only the endpoints whose port has that name`;
        fix = `set spec.port.targetPort to the name of a port of Service "${r.service}" or to the number its pods listen on, or name a port of the Service "${targetPort}"`;
      } else {
        const numbers = [...endpointPorts(ctx, svc)!.numbers!].sort((a, b) => a - b);
        const listed = numbers.slice(0, MAX_LISTED).join(', ') + (numbers.length > MAX_LISTED ? ` and ${numbers.length - MAX_LISTED} more` : '');
        what = `whose endpoints have no port ${targetPort} (they have ${listed}), and the Route's spec.port.targetPort ${targetPort} keeps only the endpoints with that port number`;
        const servicePort = svc.ports.find((p) => p.port === targetPort);
        const forwardsTo = servicePort?.targetPort ?? servicePort?.port;
        if (servicePort && forwardsTo !== undefined) {
          hint = ` ${targetPort} is the number of the Service's ${servicePort.name ? `port "${servicePort.name}"` : 'port'}, which forwards to ${forwardsTo}; a Route's targetPort is the port the pods listen on, or the Service port's name.`;
          const choices = [servicePort.name ? `"${servicePort.name}" (the Service port's name)` : '', typeof forwardsTo === 'number' ? `${forwardsTo}` : ''].filter((c) => c !== '');
          fix = choices.length > 0 ? `set spec.port.targetPort to ${choices.join(' or ')}` : 'set spec.port.targetPort to the number its pods listen on';
        } else {
          fix = `set spec.port.targetPort to the name of a port of Service "${r.service}" or to the number its pods listen on`;
        }
      }
      out.push({
        resource: resourceId(r.from),
        message: `${refText([r])} names Service "${r.service}", ${what}, so ${effect}.${hint} Fix: ${fix}.`,
        level: served ? 'warning' : 'error',
      });
    });
  }
  return out;
}
