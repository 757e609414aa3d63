/**
 * Shared by the two targetPort rules: which templates a Service port is checked against, and what they declare.
 * Not a rule.
 */
import { listed, MAX_LISTED_PORTS } from './entry-backends';
import { KUBEVIRT_KINDS } from '../../model/kubevirt';
import type { ServicePortRecord, ServiceRecord } from '../../model/records';
import type { CheckContext } from '../context/check-context';
import { DeclaredPort, isHelmTestTemplate, PodTemplate, TemplateContainer } from '../context/pod-templates';
import { templateSelects } from '../context/template-index';

/** The templates to check a Service's ports against. */
export interface PortTargets {
  readonly templates: readonly PodTemplate[];
}

/**
 * The templates whose pods the Service selects, and only those: traffic goes nowhere else, so another workload's ports
 * (one the selector nearly matches) say nothing about this Service, and a Service that selects nothing is reported
 * once, by service-selector-no-match; nor does a Helm test Pod, which is never an endpoint (`endpointTemplatesOf`).
 * `templates` may be given (every template, or those of the Service's namespace);
 * without it the run's shared look-up answers.
 */
export function portTargets(ctx: CheckContext, svc: ServiceRecord, templates?: readonly PodTemplate[]): PortTargets {
  if (!svc.selector || svc.type === 'ExternalName') return NO_TARGETS;
  const sel = svc.selector;
  const selected = templates
    ? templates.filter((t) => t.namespace === svc.namespace && templateSelects(t, sel) && !isHelmTestTemplate(t))
    : ctx.endpointTemplatesOf(svc);
  return selected.length > 0 ? { templates: selected } : NO_TARGETS;
}

const NO_TARGETS: PortTargets = Object.freeze({ templates: Object.freeze([]) });

/** Every container port a template declares (of a one-container template, nearly every one, its list as is). */
export function declared(t: PodTemplate): readonly DeclaredPort[] {
  return t.containers.length === 1 ? t.containers[0].ports : t.containers.flatMap((c) => c.ports);
}

/**
 * The container ports a template declares less those of a service mesh's injected proxy (`isMeshProxy`): the ports the
 * application declares. Traffic to a Service's targetPort reaches the application through the proxy's redirect, so the
 * proxy's own ports (Envoy's metrics on 15090, Linkerd's 4143 and 4191) say nothing about where the application listens.
 */
export function appDeclared(t: PodTemplate): readonly DeclaredPort[] {
  return t.containers.some(isMeshProxy) ? t.containers.filter((c) => !isMeshProxy(c)).flatMap((c) => c.ports) : declared(t);
}

/**
 * Whether a container is a service mesh's injected proxy, as the injectors write it into templates and Pods: Istio's
 * sidecar (`istio-proxy` run as `proxy sidecar`; a gateway runs `proxy router` and is the application itself) and
 * Linkerd's `linkerd-proxy`.
 */
export function isMeshProxy(c: TemplateContainer): boolean {
  if (c.name === 'linkerd-proxy') return true;
  return c.name === 'istio-proxy' && c.args[0] === 'proxy' && c.args[1] === 'sidecar';
}

/**
 * `3000/TCP, 9090/TCP (metrics)` (`3000, 9090 (metrics)` for ports read without their protocol) or `none`, for
 * messages: the first MAX_LISTED_PORTS, then `and 19980 more`, as `declaredPortsText` lists a Service's (a message per
 * Service port that listed all of a pod's 20,000 container ports made gigabytes of findings). The one text of a
 * container's declared ports.
 */
export function declaredText(ports: readonly { readonly name?: string; readonly containerPort: unknown; readonly protocol?: string }[]): string {
  if (ports.length === 0) return 'none';
  const texts = ports.slice(0, MAX_LISTED_PORTS).map((p) => `${String(p.containerPort)}${p.protocol ? `/${p.protocol}` : ''}${p.name ? ` (${p.name})` : ''}`);
  return listed(texts, MAX_LISTED_PORTS, ports.length);
}

/**
 * Whether a template's pods get their ports from a KubeVirt VM's interfaces (KubeVirt gives
 * `spec.domain.devices.interfaces[].ports` to the virt-launcher pod's container), for messages that say where to
 * declare a port.
 */
export function hasInterfacePorts(t: PodTemplate): boolean {
  return KUBEVIRT_KINDS.includes(t.kind);
}

/** `port 80` or `port "http" (80)` for messages. */
export function portLabel(p: ServicePortRecord): string {
  return p.name ? `port "${p.name}" (${p.port ?? '?'})` : `port ${p.port ?? '?'}`;
}

/** The ports of a Service's endpoints, as an OpenShift router matches a Route's `spec.port.targetPort` against them. */
export interface EndpointPorts {
  /** Their names: the Service ports' names. */
  readonly names: ReadonlySet<string>;
  /** Their numbers (the ports the pods listen on), or undefined when the input does not tell them all. */
  readonly numbers?: ReadonlySet<number>;
}

/**
 * The ports of the endpoints the Service gets, or undefined when the input cannot tell them (no selector: the endpoints
 * are written by hand or by a controller; an ExternalName; no ports). An endpoint port has the name of its Service port
 * and, as number, the Service port's `targetPort` (its `port` when unset); a named targetPort is the containerPort of
 * that name in each selected template, and when one is not found the numbers are unknown (the endpoints controllers'
 * FindPort, pkg/api/v1/pod/util.go).
 */
export function endpointPorts(ctx: CheckContext, svc: ServiceRecord): EndpointPorts | undefined {
  if (!svc.selector || svc.type === 'ExternalName' || svc.ports.length === 0) return undefined;
  const names = new Set(svc.ports.map((p) => p.name).filter((n) => n !== ''));
  let numbers: Set<number> | undefined = new Set<number>();
  for (const p of svc.ports) {
    const target = p.targetPort ?? p.port;
    if (typeof target === 'number') {
      numbers.add(target);
      continue;
    }
    const found = target === undefined ? [] : portTargets(ctx, svc).templates.flatMap((t) => declared(t).filter((d) => d.name === target));
    if (found.length === 0) {
      numbers = undefined;
      break;
    }
    for (const d of found) numbers.add(d.containerPort);
  }
  return { names, numbers };
}
