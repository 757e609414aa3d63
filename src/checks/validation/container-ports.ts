/**
 * Container ports of a pod template as kube-apiserver judges them on create (docs/k8s-validation-workloads.md rules
 * 80-85): the errors of `validateContainerPorts`, `checkHostPortConflicts` and `validatePodHostNetworkDeps`
 * (pkg/apis/core/validation/validation.go) and the warnings of `warningsForPodSpecAndMeta` (pkg/api/pod/warnings.go),
 * for every kind that carries a pod spec. With `hostNetwork: true` a port's hostPort defaults to its containerPort
 * (`SetDefaults_Pod`, pkg/apis/core/v1/defaults.go): on a Pod before validation, on a template's pods when they are
 * created (`effectiveHostPort`).
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
  /** Whether its container is an init container. */
  readonly init: boolean;
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
        out.push({ path: `${path}.${list}[${ci}].ports[${pi}]`, container, init: list === 'initContainers', port: p, protocol });
      });
    });
  }
  return out;
}

/**
 * The host port a port binds: its hostPort, or with `hostNetwork: true` its containerPort when hostPort is 0 or missing
 * (`defaultHostNetworkPorts`); 0 when it binds none.
 */
function effectiveHostPort(p: { [key: string]: any }, hostNetwork: boolean): number {
  if (isInt(p.hostPort) && p.hostPort !== 0) return p.hostPort;
  return hostNetwork && isInt(p.containerPort) ? p.containerPort : 0;
}

/** What the API server rejects in the container ports of `obj` (a `kind` object). */
export function containerPortRejections(obj: any, kind: string): FieldErrors {
  const errs = new FieldErrors();
  const at = podSpecOf(obj, kind);
  if (!at) return errs;
  const hostNetwork = at.spec.hostNetwork === true;
  const where = kind === 'Pod' ? 'Pod' : `pods of the ${kind}`;
  for (const list of ['initContainers', 'containers']) {
    const containers: unknown[] = Array.isArray(at.spec[list]) ? at.spec[list] : [];
    containers.forEach((c, ci) => {
      if (!isRecord(c) || !Array.isArray(c.ports)) return;
      validateContainerPorts(c.ports, `${at.path}.${list}[${ci}].ports`, errs);
      if (list === 'containers' && hostNetwork) validateHostNetworkPorts(c.ports, `${at.path}.${list}[${ci}].ports`, errs);
      // init containers run one at a time: each is checked on its own (`validateInitContainers`)
      if (list === 'initContainers') checkHostPortConflicts([c], `${at.path}.${list}`, hostNetwork, where, errs, ci);
    });
  }
  checkHostPortConflicts(at.spec.containers, `${at.path}.containers`, hostNetwork, where, errs);
  return errs;
}

/**
 * `validatePodHostNetworkDeps`: with `hostNetwork: true` a container's hostPort, when set, equals its containerPort
 * (regular containers only; a missing hostPort is defaulted to the containerPort, not an error).
 */
function validateHostNetworkPorts(ports: unknown[], path: string, errs: FieldErrors): void {
  ports.forEach((p, i) => {
    if (!isRecord(p) || !isInt(p.hostPort) || p.hostPort === 0 || p.hostPort === p.containerPort) return;
    errs.add(`${path}[${i}].hostPort`, 'Invalid value', p.hostPort, 'must match `containerPort` when `hostNetwork` is true', 'remove hostPort (with hostNetwork the container listens on the node\'s containerPort itself), or set it equal to containerPort');
  });
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

/**
 * `checkHostPortConflicts`: a host port (with its protocol and host IP) is used once among `containers`, after the
 * hostNetwork default. A Pod holding it twice is rejected; a template (`where` is not `Pod`) only where both ports
 * bind it as written: one that binds it by the default is accepted (templates are not defaulted since v1.28) and its
 * pods are rejected (`FieldError.created`). `offset` is the index of the first container in its list (an init
 * container is checked alone).
 */
function checkHostPortConflicts(containers: unknown, path: string, hostNetwork: boolean, where: string, errs: FieldErrors, offset = 0): void {
  if (!Array.isArray(containers)) return;
  const seen = new Map<string, boolean>(); // key -> whether its first port's hostPort is defaulted
  containers.forEach((c, i) => {
    if (!isRecord(c) || !Array.isArray(c.ports)) return;
    c.ports.forEach((p: unknown, pi: number) => {
      if (!isRecord(p)) return;
      const hostPort = effectiveHostPort(p, hostNetwork);
      if (hostPort === 0) return;
      const protocol = p.protocol === undefined || p.protocol === null || p.protocol === '' ? 'TCP' : String(p.protocol);
      const key = `${protocol}/${typeof p.hostIP === 'string' ? p.hostIP : ''}/${hostPort}`;
      const defaulted = !(isInt(p.hostPort) && p.hostPort !== 0);
      const first = seen.get(key);
      if (first === undefined) {
        seen.set(key, defaulted);
        return;
      }
      const at = `${path}[${offset + i}].ports[${pi}].hostPort`;
      const detail = 'a host port may be used by one container only';
      if (!defaulted && !first) {
        errs.add(at, 'Duplicate value', key, detail, 'use another hostPort');
        return;
      }
      const fix = 'give each container its own port: with hostNetwork every containerPort is also a port of the node (hostPort defaults to it)';
      // a template is validated as written: only the pods, defaulted, hold the port twice
      if (where === 'Pod') errs.add(at, 'Duplicate value', key, detail, fix);
      else errs.addCreated('pods', at, 'Duplicate value', key, detail, fix);
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
 * The API server's warnings on the container ports of `obj` (`warningsForPodSpecAndMeta`, pkg/api/pod/warnings.go): a
 * port name used by two containers (a name unique per container but not per pod: Services and probes that select the
 * port by name use the first); a hostIP without a hostPort; and a port whose containerPort and protocol an earlier
 * port declares too: with the same hostIP and hostPort a "duplicate", with a hostPort on one of them only (or two
 * hostIPs without one) an "overlapping", with one hostPort bound on one hostIP and on all of them a "dangerously
 * ambiguous" port definition. Two ports of one container with one name are an error instead
 * (`containerPortRejections`), so they are not repeated here; nor is a port declared twice with one host port by
 * containers that may not share it (a rejected object gets no warnings). A Pod's ports are compared after the
 * hostNetwork default, a template's as written (templates are not defaulted).
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
  const hostNetwork = at.spec.hostNetwork === true;
  // The API server warns for every earlier port with the same containerPort and protocol whose host binding repeats,
  // overlaps or makes it ambiguous (a Pod's after defaulting, a template's as written), unless the pair is a host-port
  // conflict, an error already (`checkHostPortConflicts`). Here each port is compared with the first such earlier port
  // of each warning: one warning of a kind per port, whatever the number of copies (a pairwise loop made n²/2
  // warnings: 10,000 copies of one port took gigabytes), and the same warnings wherever a port has at most one copy
  // before it. The earlier ports are kept per binding (hostIP and hostPort), and a few bindings per hostPort: a port
  // is in conflict with one binding at most, so the first ones hold a partner whenever one exists.
  const groups = new Map<string, PortGroup>();
  for (const p of portsOf(at.spec, at.path, false)) {
    if (typeof p.port.containerPort !== 'number' || typeof p.protocol !== 'string') continue; // the errors' business
    const written = kind === 'Pod' ? effectiveHostPort(p.port, hostNetwork) : p.port.hostPort ?? 0;
    const hostIP = String(p.port.hostIP ?? '');
    const key = `${p.port.containerPort}/${p.protocol}`;
    let group = groups.get(key);
    if (!group) {
      group = { bindings: new Map(), head: [], byHostPort: new Map() };
      groups.set(key, group);
    }
    if (hostIP !== '' && written === 0) {
      out.push({ path: p.path, detail: `hostIP set without hostPort: ${goPortText(p)}`, fix: 'remove hostIP: without a hostPort the port is not published on the node, on that address or any other (or set hostPort)' });
    }
    const binding = `${hostIP}/${String(written)}`;
    const partner = (b: Binding | undefined) => (b && b.key !== binding ? partnerIn(b, p, hostNetwork) : undefined);
    const same = group.bindings.get(binding);
    const duplicate = same && partnerIn(same, p, hostNetwork);
    if (duplicate) out.push({ path: p.path, detail: `duplicate port definition with ${duplicate.path}`, fix: 'remove the second declaration of the port' });
    if (typeof written === 'number') {
      const overlap = firstOf(written === 0 ? group.head : group.byHostPort.get(0)?.head ?? [], partner);
      if (overlap) out.push({ path: p.path, detail: `overlapping port definition with ${overlap.path}`, fix: 'declare the port once, with the hostPort it needs (a port without hostPort is not published on the node)' });
      const onHostPort = group.byHostPort.get(written);
      const ambiguous = written === 0 ? undefined : partner(hostIP === '' ? onHostPort?.bound : onHostPort?.all);
      if (ambiguous) out.push({ path: p.path, detail: `dangerously ambiguous port definition with ${ambiguous.path}`, fix: 'bind the hostPort on the same hostIP in both declarations (or on none), or use another hostPort' });
    }
    if (same) {
      if (p.init && !same.firstInit) same.firstInit = p;
      if (!same.otherContainer && p.container !== same.first.container) same.otherContainer = p;
      continue;
    }
    const b: Binding = { key: binding, hostIP, first: p, firstInit: p.init ? p : undefined };
    group.bindings.set(binding, b);
    if (typeof written !== 'number') continue;
    if (group.head.length < 3) group.head.push(b);
    let h = group.byHostPort.get(written);
    if (!h) {
      h = { head: [] };
      group.byHostPort.set(written, h);
    }
    if (h.head.length < 2) h.head.push(b);
    if (hostIP === '') h.all ??= b;
    else h.bound ??= b;
  }
  return out;
}

/**
 * The port of binding `b` that `p` is warned against: its first, unless the two bind one host port after the
 * hostNetwork default, a host-port conflict (`checkHostPortConflicts`, an error): a container conflicts with the
 * containers before it, not with init containers, an init container only with itself.
 */
function partnerIn(b: Binding, p: PortAt, hostNetwork: boolean): PortAt | undefined {
  const hostPort = effectiveHostPort(p.port, hostNetwork);
  if (hostPort === 0 || b.hostIP !== String(p.port.hostIP ?? '') || effectiveHostPort(b.first.port, hostNetwork) !== hostPort) return b.first;
  if (!p.init) return b.firstInit;
  return b.first.container !== p.container ? b.first : b.otherContainer;
}

/** The first defined result of `f` over `items`, in order. */
function firstOf<T, R>(items: Iterable<T>, f: (item: T) => R | undefined): R | undefined {
  for (const item of items) {
    const r = f(item);
    if (r !== undefined) return r;
  }
  return undefined;
}

/** A port as the API server prints it in a warning (Go's `%+v` of a ContainerPort, after defaulting). */
function goPortText(p: PortAt): string {
  const v = (x: unknown) => (x === undefined || x === null ? '' : String(x));
  return `{Name:${v(p.port.name)} HostPort:${v(p.port.hostPort ?? 0)} ContainerPort:${v(p.port.containerPort)} Protocol:${v(p.protocol)} HostIP:${v(p.port.hostIP)}}`;
}

/** The earlier ports of one containerPort and protocol, by binding and by hostPort. */
interface PortGroup {
  /** By `<hostIP>/<hostPort>`. */
  readonly bindings: Map<string, Binding>;
  /** The first three bindings with a numeric hostPort: a port's own, one in conflict with it, and another. */
  readonly head: Binding[];
  /** Of each (numeric) hostPort, some bindings. */
  readonly byHostPort: Map<number, HostPortBindings>;
}

/** Some bindings of one hostPort. */
interface HostPortBindings {
  /** The first two: one may be in conflict with a port, the other is not. */
  readonly head: Binding[];
  /** The first on all addresses (no hostIP). */
  all?: Binding;
  /** The first on one hostIP. */
  bound?: Binding;
}

/** The earlier ports of one containerPort, protocol, hostIP and hostPort that a later one is warned against. */
interface Binding {
  readonly key: string;
  readonly hostIP: string;
  readonly first: PortAt;
  /** The first of an init container. */
  firstInit?: PortAt;
  /** The first of another container than `first`'s. */
  otherContainer?: PortAt;
}
