/**
 * Container ports of a pod template as kube-apiserver judges them on create (docs/k8s-validation-workloads.md rules
 * 80-84): the errors of `validateContainerPorts` and `checkHostPortConflicts` (pkg/apis/core/validation/validation.go)
 * and the warnings of `warningsForPodSpecAndMeta` (pkg/api/pod/warnings.go), for every kind that carries a pod spec.
 */
import { FieldErrors } from './field';
import { isInt, isRecord } from './metadata';
import { isPortName, isPortNumber, portNameErrors, portNumberErrors } from '../../k8s-syntax/names';

const PROTOCOLS: readonly unknown[] = ['SCTP', 'TCP', 'UDP'];

/** Where a kind keeps its pod spec, as a field path. */
const POD_SPEC_PATHS: { readonly [kind: string]: readonly string[] } = {
  Pod: ['spec'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template', 'spec'],
};
const TEMPLATE_PATH = ['spec', 'template', 'spec'];

/** The pod spec of an object of `kind` and its field path (`spec.template.spec`), or undefined when it has none. */
export function podSpecOf(obj: any, kind: string): { readonly spec: { [key: string]: any }; readonly path: string } | undefined {
  const steps = POD_SPEC_PATHS[kind] ?? TEMPLATE_PATH;
  let v: any = obj;
  for (const s of steps) v = isRecord(v) ? v[s] : undefined;
  return isRecord(v) ? { spec: v, path: steps.join('.') } : undefined;
}

/** One declared port with its field path, after v1 defaulting (protocol TCP). */
interface PortAt {
  readonly path: string;
  /** The index of its container in the visiting order. */
  readonly container: number;
  readonly port: { [key: string]: any };
  readonly protocol: unknown;
}

/**
 * The ports of the containers, in `pods.VisitContainersWithPath` order: init containers, then containers (ephemeral
 * containers may not declare ports). `sidecarsOnly`: of the init containers, only native sidecars (`restartPolicy:
 * Always`), as the duplicate-name warning reads them.
 */
function portsOf(spec: { [key: string]: any }, path: string, sidecarsOnly: boolean): PortAt[] {
  const out: PortAt[] = [];
  let container = 0;
  for (const list of ['initContainers', 'containers']) {
    const containers: unknown[] = Array.isArray(spec[list]) ? spec[list] : [];
    containers.forEach((c, ci) => {
      container++;
      if (!isRecord(c) || !Array.isArray(c.ports)) return;
      if (sidecarsOnly && list === 'initContainers' && c.restartPolicy !== 'Always') return;
      c.ports.forEach((p: unknown, pi: number) => {
        if (!isRecord(p)) return;
        const protocol = p.protocol === undefined || p.protocol === null || p.protocol === '' ? 'TCP' : p.protocol;
        out.push({ path: `${path}.${list}[${ci}].ports[${pi}]`, container, port: p, protocol });
      });
    });
  }
  return out;
}

/** What the API server rejects in the container ports of `obj` (a `kind` object). */
export function containerPortRejections(obj: any, kind: string): FieldErrors {
  const errs = new FieldErrors();
  const at = podSpecOf(obj, kind);
  if (!at) return errs;
  for (const list of ['initContainers', 'containers']) {
    const containers: unknown[] = Array.isArray(at.spec[list]) ? at.spec[list] : [];
    containers.forEach((c, ci) => {
      if (isRecord(c) && Array.isArray(c.ports)) validateContainerPorts(c.ports, `${at.path}.${list}[${ci}].ports`, errs);
    });
  }
  checkHostPortConflicts(at.spec.containers, `${at.path}.containers`, errs);
  return errs;
}

/** `validateContainerPorts`: one container's ports; port names are unique within the container. */
function validateContainerPorts(ports: unknown[], path: string, errs: FieldErrors): void {
  const names = new Set<string>();
  ports.forEach((p, i) => {
    const pp = `${path}[${i}]`;
    if (!isRecord(p)) {
      errs.add(pp, 'Invalid value', p, 'must be an object with containerPort', 'write the port as a map with containerPort');
      return;
    }
    const name = p.name;
    if (name !== undefined && name !== null && name !== '') {
      if (typeof name !== 'string') {
        errs.add(`${pp}.name`, 'Invalid value', name, 'must be a string', 'quote the port name');
      } else if (!isPortName(name)) {
        errs.each(`${pp}.name`, name, portNameErrors(name), 'use at most 15 lower-case letters, digits and single hyphens, with at least one letter');
      } else if (names.has(name)) {
        errs.add(`${pp}.name`, 'Duplicate value', name, 'port names must be unique within a container', 'give each port its own name');
      } else {
        names.add(name);
      }
    }
    const cp = p.containerPort;
    if (cp === undefined || cp === null || cp === 0) {
      errs.add(`${pp}.containerPort`, 'Required value', undefined, 'every container port needs its number', 'set containerPort to the port the process listens on');
    } else if (!isInt(cp)) {
      errs.add(`${pp}.containerPort`, 'Invalid value', cp, 'must be between 1 and 65535, inclusive', 'set containerPort to a number between 1 and 65535');
    } else if (!isPortNumber(cp)) {
      errs.each(`${pp}.containerPort`, cp, portNumberErrors(cp), 'set containerPort to a number between 1 and 65535');
    }
    const hp = p.hostPort;
    if (hp !== undefined && hp !== null && hp !== 0 && !(isInt(hp) && isPortNumber(hp))) {
      errs.add(`${pp}.hostPort`, 'Invalid value', hp, 'must be between 1 and 65535, inclusive', 'remove hostPort, or set it to a number between 1 and 65535');
    }
    const protocol = p.protocol === undefined || p.protocol === null || p.protocol === '' ? 'TCP' : p.protocol;
    if (!PROTOCOLS.includes(protocol)) {
      errs.add(`${pp}.protocol`, 'Unsupported value', protocol, 'supported values: "SCTP", "TCP", "UDP"', 'write the protocol in upper case: TCP, UDP or SCTP');
    }
  });
}

/** `checkHostPortConflicts`: a host port (with its protocol and host IP) is used once among the containers. */
function checkHostPortConflicts(containers: unknown, path: string, errs: FieldErrors): void {
  if (!Array.isArray(containers)) return;
  const seen = new Set<string>();
  containers.forEach((c, ci) => {
    if (!isRecord(c) || !Array.isArray(c.ports)) return;
    c.ports.forEach((p: unknown, pi: number) => {
      if (!isRecord(p) || !isInt(p.hostPort) || p.hostPort === 0) return;
      const protocol = p.protocol === undefined || p.protocol === null || p.protocol === '' ? 'TCP' : String(p.protocol);
      const key = `${protocol}/${typeof p.hostIP === 'string' ? p.hostIP : ''}/${p.hostPort}`;
      if (seen.has(key)) errs.add(`${path}[${ci}].ports[${pi}].hostPort`, 'Duplicate value', key, 'a host port may be used by one container only', 'use another hostPort');
      seen.add(key);
    });
  });
}

/** One warning the API server returns with its response (`Warning: <path>: <detail>`) and how to fix it. */
export interface PortWarning {
  readonly path: string;
  readonly detail: string;
  readonly fix: string;
}

/**
 * The API server's warnings on the container ports of `obj`: a port name used by two containers (a name unique per
 * container but not per pod: Services and probes that select the port by name use the first), and a port declared
 * twice with the same protocol and host binding. Two ports of one container with one name are an error instead
 * (`containerPortRejections`), so they are not repeated here.
 */
export function containerPortWarnings(obj: any, kind: string): PortWarning[] {
  const at = podSpecOf(obj, kind);
  if (!at) return [];
  const out: PortWarning[] = [];
  const named = new Map<string, PortAt>();
  for (const p of portsOf(at.spec, at.path, true)) {
    const name = p.port.name;
    if (typeof name !== 'string' || name === '') continue;
    const first = named.get(name);
    if (!first) {named.set(name, p);} else if (first.container !== p.container) {
      out.push({
        path: p.path,
        detail: `duplicate port name "${name}" with ${first.path}, services and probes that select ports by name will use ${first.path}`,
        fix: 'give each container port of the pod its own name',
      });
    }
  }
  const defined = new Map<string, PortAt[]>();
  for (const p of portsOf(at.spec, at.path, false)) {
    if (typeof p.port.containerPort !== 'number' || typeof p.protocol !== 'string') continue; // the errors' business
    const key = `${p.port.containerPort}/${p.protocol}`;
    const others = defined.get(key) ?? [];
    for (const o of others) {
      if ((o.port.hostIP ?? '') === (p.port.hostIP ?? '') && (o.port.hostPort ?? 0) === (p.port.hostPort ?? 0)) {
        out.push({ path: p.path, detail: `duplicate port definition with ${o.path}`, fix: 'remove the second declaration of the port' });
      }
    }
    others.push(p);
    defined.set(key, others);
  }
  return out;
}
