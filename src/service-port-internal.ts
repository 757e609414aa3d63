/**
 * Validation of Service ports and their defaults (internal, not part of the jsii surface: `index.ts` does not
 * export this module).
 */
import { IConstruct } from 'constructs';
import { constructError, dns1123LabelProblem, isIntegerInRange, PendingConstruct, qualifiedNameProblem, quote } from './construct-errors';
import { checkList, checkNumber, checkStruct, isAbsent, optionalNumber, optionalString } from './prop-check';
import { Protocol, ServicePort } from './service-port';

/** A validated port with every default filled in (internal). */
export interface ResolvedServicePort {
  readonly port: number;
  readonly name?: string;
  readonly protocol: Protocol;
  readonly targetPort: number;
  readonly appProtocol?: string;
}

const PROTOCOLS: ReadonlySet<string> = new Set(Object.values(Protocol));
const PORTS_FIX = 'give ports such as [{ name: "https", port: 443 }].';

/** The fields of one port, type-checked (`null` optional fields as not set); their values are checked after. */
function checkServicePort(construct: IConstruct | PendingConstruct, at: string, given: ServicePort): ServicePort {
  const p = checkStruct(construct, at, given, 'give a port such as { name: "https", port: 443 }.');
  return {
    port: checkNumber(construct, `${at}.port`, p.port, 'give a port number such as 443.'),
    name: optionalString(construct, `${at}.name`, p.name, 'give a DNS-1123 label such as "https".'),
    protocol: isAbsent(p.protocol) ? undefined : p.protocol,
    targetPort: optionalNumber(construct, `${at}.targetPort`, p.targetPort, 'give a port number such as 8443.'),
    appProtocol: optionalString(construct, `${at}.appProtocol`, p.appProtocol, 'give a name such as "http" or "kubernetes.io/h2c".'),
  };
}

/**
 * Validates ports against the API server's rules (k8s-validation.md rules 9-14) and fills in defaults.
 * Throws a construct error on the first problem.
 *
 * @param construct the owning construct, named in errors
 * @param ports the user's ports
 * @param prop the prop name used in errors
 */
export function resolveServicePorts(construct: IConstruct | PendingConstruct, ports: ServicePort[], prop = 'ports'): ResolvedServicePort[] {
  checkList(construct, prop, ports, PORTS_FIX);
  const names = new Set<string>();
  const pairs = new Set<string>();
  return ports.map((given, i) => {
    const at = `${prop}[${i}]`;
    const p = checkServicePort(construct, at, given);
    if (!isIntegerInRange(p.port, 1, 65535)) {
      throw constructError(construct, `${at}.port ${quote(p.port)} is out of range; a port is an integer from 1 to 65535.`);
    }
    const targetPort = p.targetPort ?? p.port;
    if (!isIntegerInRange(targetPort, 1, 65535)) {
      throw constructError(construct, `${at}.targetPort ${quote(p.targetPort)} is out of range; a port is an integer from 1 to 65535.`);
    }
    const protocol = p.protocol ?? Protocol.TCP;
    if (!PROTOCOLS.has(protocol)) {
      throw constructError(construct, `${at}.protocol ${quote(protocol)} is not supported; use Protocol.TCP, Protocol.UDP or Protocol.SCTP.`);
    }
    if (p.name !== undefined) {
      const problem = dns1123LabelProblem(p.name);
      if (problem) {
        throw constructError(construct, `${at}.name ${quote(p.name)} ${problem}; port names must be DNS-1123 labels such as "https".`);
      }
      if (names.has(p.name)) {
        throw constructError(construct, `${at}.name ${quote(p.name)} is used by more than one port; port names must be unique.`);
      }
      names.add(p.name);
    } else if (ports.length > 1) {
      throw constructError(construct, `${at} has no name; every port needs a unique name when a Service has more than one port.`);
    }
    const pair = `${p.port}/${protocol}`;
    if (pairs.has(pair)) {
      throw constructError(construct, `${at} repeats port ${p.port}/${protocol}; each (port, protocol) pair must be unique.`);
    }
    pairs.add(pair);
    if (p.appProtocol !== undefined) {
      const problem = qualifiedNameProblem(p.appProtocol);
      if (problem) {
        throw constructError(construct, `${at}.appProtocol ${quote(p.appProtocol)} ${problem}; use a name such as "http" or "kubernetes.io/h2c".`);
      }
    }
    return { port: p.port, name: p.name, protocol, targetPort, appProtocol: p.appProtocol };
  });
}
