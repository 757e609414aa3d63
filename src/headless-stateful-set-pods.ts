/**
 * The pods of a HeadlessStatefulSet: how many, their container ports, their ordinals and the peer addresses built from
 * them (internal, not part of the jsii surface). The checks name the HeadlessStatefulSet.
 */
import { IConstruct } from 'constructs';
import { constructError, ianaSvcNameProblem, isIntegerInRange, qualifiedNameProblem, quote } from './construct-errors';
import { ContainerPort } from './container-options';
import type { HeadlessStatefulSet } from './headless-stateful-set';
import { PeerAddressOptions } from './headless-stateful-set-options';
import { optionalString, optionalStruct } from './prop-check';
import { Protocol } from './service-port';
import { showList } from './show-value';

const INT32_MAX = 2 ** 31 - 1;
const PEER_PLACEHOLDERS = ['{host}', '{port}', '{pod}', '{ordinal}', '{ordinalPlusOne}'];

/** A construct with container ports. */
interface PortOwner extends IConstruct {
  readonly ports: ContainerPort[];
}

/** The number of pods, checked; throws when it is not a whole number from 0 to 2147483647 (int32). */
export function validateReplicas(owner: IConstruct, replicas: number): number {
  if (!isIntegerInRange(replicas, 0, INT32_MAX)) {
    throw constructError(owner, `replicas ${quote(replicas)} is not a whole number from 0 to 2147483647; use for example 3.`);
  }
  // The pod name `<name>-<ordinal>` is also its hostname, a DNS-1123 label (k8s-validation.md rule 5):
  // len(name) + 1 + digits(replicas - 1) <= 63 always holds here, as name <= 52 and replicas - 1 has <= 10 digits.
  return replicas;
}

/**
 * The most pods a per-pod list (`podNames`, `podDnsNames`, `peerAddresses`, `joinPeerAddresses`) is built for: the
 * largest cluster Kubernetes supports has 150,000 pods (kubernetes.io "Considerations for large clusters"). Without a
 * bound, `replicas: 1e9` ran out of memory building the list.
 */
export const MAX_LISTED_PODS = 150_000;

/** Throws when `owner` has more replicas than a per-pod list is built for; `where` names the method. */
export function checkListedPods(owner: IConstruct & { readonly replicas: number }, where: string): void {
  if (owner.replicas > MAX_LISTED_PODS) {
    throw constructError(owner, `${where}: replicas ${quote(owner.replicas)} is more pods than a cluster runs (Kubernetes supports at most ${MAX_LISTED_PODS.toLocaleString('en-US')} pods in a cluster), so no list of every pod is built; lower replicas.`);
  }
}

/** Throws when `ordinal` is not a pod ordinal (a whole number from 0 to 2147483647); `where` names the method. */
export function checkOrdinal(owner: IConstruct, where: string, ordinal: number): void {
  if (!isIntegerInRange(ordinal, 0, INT32_MAX)) {
    throw constructError(owner, `${where}: ordinal ${quote(ordinal)} is not a whole number from 0 to 2147483647; pods are numbered from 0.`);
  }
}

/** The ports with defaults filled in; throws the first problem found. */
export function validateContainerPorts(owner: IConstruct, ports: ContainerPort[]): ContainerPort[] {
  if (ports.length === 0) {
    throw constructError(owner, 'ports is empty; declare at least one named container port such as { name: "redis", port: 6379 }.');
  }
  const names = new Set<string>();
  const pairs = new Set<string>();
  return ports.map((p, i) => {
    const at = `ports[${i}]`;
    const nameProblem = ianaSvcNameProblem(p.name ?? '');
    if (nameProblem) {
      throw constructError(owner, `${at}.name ${quote(p.name ?? '')} ${nameProblem}; container port names are IANA service names such as "redis" or "tcp-postgresql".`);
    }
    if (names.has(p.name)) {
      throw constructError(owner, `${at}.name ${quote(p.name)} is used by more than one port; port names must be unique.`);
    }
    names.add(p.name);
    if (!isIntegerInRange(p.port, 1, 65535)) {
      throw constructError(owner, `${at}.port ${quote(p.port)} is out of range; a port is an integer from 1 to 65535.`);
    }
    const protocol = p.protocol ?? Protocol.TCP;
    if (!Object.values(Protocol).includes(protocol)) {
      throw constructError(owner, `${at}.protocol ${quote(protocol)} is not supported; use Protocol.TCP, Protocol.UDP or Protocol.SCTP.`);
    }
    const pair = `${p.port}/${protocol}`;
    if (pairs.has(pair)) {
      throw constructError(owner, `${at} repeats port ${pair}; each (port, protocol) pair must be unique.`);
    }
    pairs.add(pair);
    if (p.appProtocol !== undefined) {
      const problem = qualifiedNameProblem(p.appProtocol);
      if (problem) {
        throw constructError(owner, `${at}.appProtocol ${quote(p.appProtocol)} ${problem}; use a name such as "redis" or "kubernetes.io/h2c".`);
      }
    }
    return { name: p.name, port: p.port, protocol, appProtocol: p.appProtocol };
  });
}

/** The port named `name` of `owner`, or its first port when `name` is not given; `where` prefixes the error. */
export function findContainerPort(owner: PortOwner, name: string | undefined, where: string): ContainerPort {
  if (name === undefined || name === null) return owner.ports[0];
  const found = owner.ports.find((p) => p.name === name);
  if (!found) {
    const known = showList(owner.ports.map((p) => p.name));
    throw constructError(owner, `${where}: port name ${quote(name)} is not one of the container ports (${known}); use one of those names.`);
  }
  return found;
}

/** `HeadlessStatefulSet.joinPeerAddresses`: every pod's address in `options.format`, joined by `options.separator`. */
export function joinPeerAddresses(owner: HeadlessStatefulSet, options: PeerAddressOptions): string {
  const at = 'joinPeerAddresses options';
  checkListedPods(owner, 'joinPeerAddresses');
  const given = optionalStruct(owner, at, options, 'give options such as { format: "{host}:{port}" }.') ?? {};
  const port = findContainerPort(owner, optionalString(owner, `${at}.portName`, given.portName, 'give a container port name.'), 'joinPeerAddresses');
  const format = optionalString(owner, `${at}.format`, given.format, 'give a format such as "{host}:{port}".') ?? '{host}:{port}';
  const separator = optionalString(owner, `${at}.separator`, given.separator, 'give a separator such as ",".') ?? ',';
  const unknown = (format.match(/\{[^}]*\}/g) ?? []).find((p) => !PEER_PLACEHOLDERS.includes(p));
  if (unknown !== undefined) {
    throw constructError(owner, `joinPeerAddresses: format ${quote(format)} has the unknown placeholder ${quote(unknown)}; use ${PEER_PLACEHOLDERS.join(', ')}.`);
  }
  const values = (ordinal: number): { [placeholder: string]: string } => ({
    '{host}': owner.podDnsName(ordinal),
    '{port}': String(port.port),
    '{pod}': `${owner.name}-${ordinal}`,
    '{ordinal}': String(ordinal),
    '{ordinalPlusOne}': String(ordinal + 1),
  });
  return Array.from({ length: owner.replicas }, (_, i) => {
    const v = values(i);
    return format.replace(/\{[^}]*\}/g, (p) => v[p]);
  }).join(separator);
}
