/**
 * The ports that a container's probes and lifecycle hooks reach (`readinessProbe.httpGet.port`,
 * `lifecycle.postStart.httpGet.port`, ...), read from a raw pod spec for the probe rules: the API server's syntax check
 * (validation/probe-ports.ts) and the kubelet's lookup of a named port (rules/probe-port-undeclared.ts). Pure.
 */
import { asArray, asRecord } from '../../model/manifest';

/** The container fields that hold a handler with a port, in the order findings name them. */
export const HANDLER_FIELDS = ['readinessProbe', 'livenessProbe', 'startupProbe', 'lifecycle.postStart', 'lifecycle.preStop'] as const;

/** One of `HANDLER_FIELDS`. */
export type HandlerField = typeof HANDLER_FIELDS[number];

/** The actions of a handler that take a port: a probe has all three, a lifecycle hook `httpGet` and `tcpSocket`. */
export type PortAction = 'httpGet' | 'tcpSocket' | 'grpc';

/** One port reference of a container's probe or hook. */
export interface HandlerPort {
  readonly field: HandlerField;
  readonly action: PortAction;
  /** `readinessProbe.httpGet.port`, relative to the container. */
  readonly path: string;
  /** The value as written; undefined when the action has no `port`. */
  readonly port: unknown;
}

/** A container that may carry probes and hooks, with its field path in the pod spec. */
export interface ProbedContainer {
  /** `containers[0]`, `initContainers[1]`. */
  readonly path: string;
  readonly container: { readonly [key: string]: any };
  /** True for a native sidecar (an init container with `restartPolicy: Always`). */
  readonly sidecar: boolean;
}

/**
 * The containers of a pod spec that may carry probes and lifecycle hooks: the containers and the native sidecars. The
 * API server forbids both on other init containers and on ephemeral containers (validateInitContainers,
 * validateEphemeralContainers), so those are not read.
 */
export function probedContainers(spec: { readonly [key: string]: any }): ProbedContainer[] {
  const out: ProbedContainer[] = [];
  asArray(spec.containers).forEach((c, i) => {
    const cr = asRecord(c);
    if (cr) out.push({ path: `containers[${i}]`, container: cr, sidecar: false });
  });
  asArray(spec.initContainers).forEach((c, i) => {
    const cr = asRecord(c);
    if (cr?.restartPolicy === 'Always') out.push({ path: `initContainers[${i}]`, container: cr, sidecar: true });
  });
  return out;
}

/** The port references of one container's probes and hooks, in `HANDLER_FIELDS` order. */
export function handlerPorts(container: { readonly [key: string]: any }): HandlerPort[] {
  const out: HandlerPort[] = [];
  for (const field of HANDLER_FIELDS) {
    const handler = field.startsWith('lifecycle.')
      ? asRecord(asRecord(container.lifecycle)?.[field.slice('lifecycle.'.length)])
      : asRecord(container[field]);
    if (!handler) continue;
    const actions: readonly PortAction[] = field.startsWith('lifecycle.') ? ['httpGet', 'tcpSocket'] : ['httpGet', 'tcpSocket', 'grpc'];
    for (const action of actions) {
      const a = asRecord(handler[action]);
      if (a) out.push({ field, action, path: `${field}.${action}.port`, port: a.port });
    }
  }
  return out;
}

