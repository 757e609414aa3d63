/**
 * core/v1 Service validation as kube-apiserver performs it on create, after v1 defaulting
 * (reference/k8s-validation.md rules 1, 7-28; source `pkg/apis/core/validation/validation.go` `validateService`,
 * `validateServicePort`, `ValidateServiceClusterIPsRelatedFields`; defaults `pkg/apis/core/v1/defaults.go`).
 */
import { FieldErrors } from './field';
import { addIpSyntaxErrors } from './ip';
import { isInt, isRecord, validateLabelMap, validateMetadata, ValidKeys } from './metadata';
import { parseIp, specialIpDetail } from '../../k8s-syntax/ip';
import {
  dns1035LabelErrors, dns1123LabelErrors, dns1123SubdomainErrors, qualifiedNameErrors, portNameErrors, portNumberErrors,
  firstLongLabel, isDns1035Label, isDns1123Label, isDns1123Subdomain, isPortName, isPortNumber, isQualifiedName,
} from '../../k8s-syntax/names';
import { safeString } from '../../model/manifest';

const TYPES = ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'];
const PROTOCOLS = ['SCTP', 'TCP', 'UDP'];

function supported(values: string[]): string {
  return `supported values: ${values.map((v) => `"${v}"`).join(', ')}`;
}

/** The Service type after defaulting (ClusterIP when absent). */
export function serviceType(obj: any): string {
  const t = obj?.spec?.type;
  return t === undefined || t === null || t === '' ? 'ClusterIP' : safeString(t);
}

/** The cluster IPs as the server normalises them on create (`clusterIP` copied into an empty `clusterIPs`). */
export function clusterIps(spec: any): unknown[] {
  if (Array.isArray(spec?.clusterIPs) && spec.clusterIPs.length > 0) return spec.clusterIPs;
  if (spec?.clusterIP !== undefined && spec?.clusterIP !== null && spec?.clusterIP !== '') return [spec.clusterIP];
  return [];
}

/** Headless: `clusterIPs == ["None"]` after normalisation (rule 17). */
export function isHeadless(obj: any): boolean {
  const ips = clusterIps(obj?.spec);
  return ips.length > 0 && ips[0] === 'None';
}

/** Everything the API server rejects in a Service. */
export function serviceRejections(obj: any, keys = new ValidKeys()): FieldErrors {
  const errs = new FieldErrors();
  const name = validateMetadata(obj, errs, keys);
  if (name !== undefined && !isDns1035Label(name)) errs.each('metadata.name', name, dns1035LabelErrors(name), 'rename it to a lower-case DNS-1035 label (letters, digits, "-", starting with a letter)');
  const spec = obj?.spec;
  if (!isRecord(spec)) {
    errs.add('spec', 'Required value', undefined, 'a Service needs a spec', 'add spec.ports and spec.selector');
    return errs;
  }
  const type = serviceType(obj);
  if (!TYPES.includes(type)) errs.add('spec.type', 'Unsupported value', spec.type, supported(TYPES), 'use ClusterIP (with clusterIP: None for headless), NodePort, LoadBalancer or ExternalName');
  const headless = isHeadless(obj);
  const ports = spec.ports;
  if (ports !== undefined && ports !== null && !Array.isArray(ports)) {
    errs.add('spec.ports', 'Invalid value', ports, 'must be a list of ports', 'write ports as a list');
  }
  const portList: any[] = Array.isArray(ports) ? ports : [];
  if (portList.length === 0 && !headless && type !== 'ExternalName') {
    errs.add('spec.ports', 'Required value', undefined, 'a non-headless Service needs at least one port', 'add spec.ports, or set clusterIP: None for a headless Service');
  }
  validatePorts(portList, type, errs);
  if (isWorkloadSelector(spec.selector)) {
    // `selector: {matchLabels: {app: web}}`, copied from a Deployment: the API server cannot decode it into labels
    errs.add('spec.selector', 'Invalid value', spec.selector, 'a Service selector is a plain map of labels, not a workload selector with matchLabels or matchExpressions', `write the labels directly under spec.selector (${selectorHint(spec.selector)})`);
  } else {
    validateLabelMap(spec.selector, 'spec.selector', errs, keys);
  }
  if (type === 'ExternalName') {
    validateExternalName(spec, errs);
  } else {
    validateClusterIps(spec, type, errs);
  }
  validateAffinityAndPolicies(spec, type, errs);
  if (spec.externalIPs !== undefined) {
    if (!Array.isArray(spec.externalIPs)) {
      errs.add('spec.externalIPs', 'Invalid value', spec.externalIPs, 'must be a list of IP addresses', 'write externalIPs as a list');
    } else {
      spec.externalIPs.forEach((ip: unknown, i: number) => {
        const p = `spec.externalIPs[${i}]`;
        const parsed = addIpSyntaxErrors(errs, p, ip, 'use a plain, canonical IP address');
        const special = parsed && specialIpDetail(parsed);
        if (special !== undefined) errs.add(p, 'Invalid value', ip, special, 'use a routable address, not loopback, link-local or unspecified');
      });
    }
  }
  return errs;
}

function validatePorts(ports: any[], type: string, errs: FieldErrors): void {
  // Duplicates need two ports; most Services have one, so the sets are made only for more.
  const seen = ports.length > 1 ? { names: new Set<string>(), pairs: new Set<string>(), nodePorts: new Set<string>() } : undefined;
  ports.forEach((port, i) => {
    if (!isRecord(port)) {
      errs.add(`spec.ports[${i}]`, 'Invalid value', port, 'must be an object with port, protocol, name and targetPort', 'write the port as a map');
      return;
    }
    const name = port.name === undefined || port.name === null ? '' : port.name;
    if (typeof name !== 'string') {
      errs.add(`spec.ports[${i}].name`, 'Invalid value', name, 'must be a string', 'quote the port name');
    } else if (name === '') {
      if (ports.length > 1) errs.add(`spec.ports[${i}].name`, 'Required value', undefined, 'every port needs a name when a Service has more than one port', 'give each port a unique DNS-1123 name such as http');
    } else {
      if (!isDns1123Label(name)) errs.each(`spec.ports[${i}].name`, name, dns1123LabelErrors(name), 'use a lower-case DNS-1123 label as the port name');
      if (seen) {
        if (seen.names.has(name)) errs.add(`spec.ports[${i}].name`, 'Duplicate value', name, 'port names must be unique', 'give each port its own name');
        seen.names.add(name);
      }
    }
    // a port without `port` decodes as 0, the value the API server quotes (k8s-validation rule 9) and compares (rule 12)
    const number = port.port === undefined || port.port === null ? 0 : port.port;
    if (!isInt(number)) {
      errs.add(`spec.ports[${i}].port`, 'Invalid value', number, 'must be between 1 and 65535, inclusive', 'set port to a number between 1 and 65535');
    } else if (!isPortNumber(number)) {
      errs.each(`spec.ports[${i}].port`, number, portNumberErrors(number), 'set port to a number between 1 and 65535');
    }
    const protocol = port.protocol === undefined || port.protocol === null || port.protocol === '' ? 'TCP' : port.protocol;
    if (!PROTOCOLS.includes(protocol)) {
      errs.add(`spec.ports[${i}].protocol`, 'Unsupported value', protocol, supported(PROTOCOLS), 'write the protocol in upper case: TCP, UDP or SCTP');
    }
    if (seen) {
      const key = `${safeString(protocol)}/${safeString(number)}`; // junk such as {toString: false} must not throw
      if (seen.pairs.has(key)) errs.add(`spec.ports[${i}]`, 'Duplicate value', { port: number, protocol }, 'each (protocol, port) pair must be unique', 'remove the duplicate port or change its protocol');
      seen.pairs.add(key);
    }
    const tp = port.targetPort;
    if (tp !== undefined && tp !== null && tp !== 0 && tp !== '') {
      if (typeof tp === 'number') {
        if (!isPortNumber(tp)) errs.each(`spec.ports[${i}].targetPort`, tp, portNumberErrors(tp), 'use a container port number between 1 and 65535 or a container port name');
      } else if (typeof tp === 'string') {
        if (!isPortName(tp)) errs.each(`spec.ports[${i}].targetPort`, tp, portNameErrors(tp), 'use a container port number or a container port name of at most 15 lower-case letters, digits and single hyphens');
      } else {
        errs.add(`spec.ports[${i}].targetPort`, 'Invalid value', tp, 'must be a port number or a port name', 'use a number or a name');
      }
    }
    if (port.appProtocol !== undefined && port.appProtocol !== null) {
      if (typeof port.appProtocol !== 'string') errs.add(`spec.ports[${i}].appProtocol`, 'Invalid value', port.appProtocol, 'must be a string', 'quote appProtocol');
      else if (!isQualifiedName(port.appProtocol)) errs.each(`spec.ports[${i}].appProtocol`, port.appProtocol, qualifiedNameErrors(port.appProtocol), 'use a qualified name such as http or kubernetes.io/h2c');
    }
    if (port.nodePort !== undefined && port.nodePort !== null && port.nodePort !== 0) {
      if (type === 'ClusterIP') {
        errs.add(`spec.ports[${i}].nodePort`, 'Forbidden', undefined, "may not be used when `type` is 'ClusterIP'", 'remove nodePort, or set type: NodePort');
      } else if (!isInt(port.nodePort) || !isPortNumber(port.nodePort)) {
        errs.add(`spec.ports[${i}].nodePort`, 'Invalid value', port.nodePort, 'must be between 1 and 65535, inclusive', 'remove nodePort to let the cluster pick one');
      } else if (seen) {
        const npKey = `${protocol}/${port.nodePort}`;
        if (seen.nodePorts.has(npKey)) errs.add(`spec.ports[${i}].nodePort`, 'Duplicate value', port.nodePort, 'nodePorts must be unique per protocol', 'use a different nodePort');
        seen.nodePorts.add(npKey);
      }
    }
  });
}

function validateExternalName(spec: any, errs: FieldErrors): void {
  const en = spec.externalName;
  if (en === undefined || en === null || en === '') {
    errs.add('spec.externalName', 'Required value', undefined, 'an ExternalName Service needs externalName', 'set externalName to a DNS name such as db.example.com');
  } else if (typeof en !== 'string') {
    errs.add('spec.externalName', 'Invalid value', en, 'must be a string', 'quote externalName');
  } else {
    const cname = en.endsWith('.') ? en.slice(0, -1) : en;
    if (!isDns1123Subdomain(cname)) errs.each('spec.externalName', en, dns1123SubdomainErrors(cname), 'use a lower-case DNS name without scheme, port or path, e.g. db.example.com');
  }
  if (clusterIps(spec).length > 0) {
    errs.add('spec.clusterIPs', 'Forbidden', undefined, 'may not be set for ExternalName services', 'remove clusterIP and clusterIPs from the ExternalName Service');
  }
  if (spec.ipFamilies !== undefined && spec.ipFamilies !== null && !(Array.isArray(spec.ipFamilies) && spec.ipFamilies.length === 0)) {
    errs.add('spec.ipFamilies', 'Forbidden', undefined, 'may not be set for ExternalName services', 'remove ipFamilies');
  }
  if (spec.ipFamilyPolicy !== undefined && spec.ipFamilyPolicy !== null && spec.ipFamilyPolicy !== '') {
    errs.add('spec.ipFamilyPolicy', 'Forbidden', undefined, 'may not be set for ExternalName services', 'remove ipFamilyPolicy');
  }
}

function validateClusterIps(spec: any, type: string, errs: FieldErrors): void {
  const single = spec.clusterIP;
  const plural = spec.clusterIPs;
  if (plural !== undefined && plural !== null && !Array.isArray(plural)) {
    errs.add('spec.clusterIPs', 'Invalid value', plural, 'must be a list', 'write clusterIPs as a list or remove it');
    return;
  }
  const hasSingle = single !== undefined && single !== null && single !== '';
  if (Array.isArray(plural) && plural.length > 0) {
    if (hasSingle && plural[0] !== single) errs.add('spec.clusterIPs', 'Invalid value', plural, 'first value must match `clusterIP`', 'make clusterIPs[0] equal clusterIP, or remove clusterIPs');
    if (!hasSingle && spec.clusterIP === '') errs.add('spec.clusterIPs', 'Invalid value', plural, 'must be empty when `clusterIP` is not specified', 'remove clusterIPs or set clusterIP');
  }
  const ips = clusterIps(spec);
  if (ips.length === 0) return;
  if (ips.length > 2) errs.add('spec.clusterIPs', 'Invalid value', ips, 'may only hold up to 2 values', 'keep one IPv4 and at most one IPv6 cluster IP');
  if (ips.includes('None')) {
    if (ips[0] !== 'None' || ips.length > 1) {
      errs.add('spec.clusterIPs', 'Invalid value', ips, "'None' must be the first and only value", 'use clusterIP: None alone for a headless Service');
    } else if (type === 'NodePort' || type === 'LoadBalancer') {
      errs.add('spec.clusterIPs[0]', 'Invalid value', 'None', `may not be set to 'None' for ${type} services`, 'use type ClusterIP for a headless Service');
    }
    return;
  }
  const families = new Set<number>();
  ips.forEach((ip, i) => {
    const parsed = addIpSyntaxErrors(errs, `spec.clusterIPs[${i}]`, ip, 'use a canonical IP address from the service CIDR, or omit clusterIP');
    if (parsed) {
      if (families.has(parsed.family)) errs.add('spec.clusterIPs', 'Invalid value', ips, 'may specify no more than one IP for each IP family', 'keep one IPv4 and one IPv6 address');
      families.add(parsed.family);
    }
  });
}

function validateAffinityAndPolicies(spec: any, type: string, errs: FieldErrors): void {
  const affinity = spec.sessionAffinity ?? 'None';
  if (affinity !== 'None' && affinity !== 'ClientIP') {
    errs.add('spec.sessionAffinity', 'Unsupported value', affinity, supported(['ClientIP', 'None']), 'use None or ClientIP');
  } else if (affinity === 'ClientIP') {
    const t = spec.sessionAffinityConfig?.clientIP?.timeoutSeconds;
    if (t !== undefined && t !== null && (!isInt(t) || t <= 0 || t > 86400)) {
      errs.add('spec.sessionAffinityConfig.clientIP.timeoutSeconds', 'Invalid value', t, 'must be greater than 0 and less than 86400', 'use a timeout between 1 and 86400 seconds');
    }
  }
  if (type !== 'ExternalName') {
    const itp = spec.internalTrafficPolicy;
    if (itp !== undefined && itp !== null && itp !== '' && itp !== 'Cluster' && itp !== 'Local') {
      errs.add('spec.internalTrafficPolicy', 'Unsupported value', itp, supported(['Cluster', 'Local']), 'use Cluster or Local');
    }
  }
  const etp = spec.externalTrafficPolicy;
  if (etp !== undefined && etp !== null && etp !== '') {
    const external = type === 'NodePort' || type === 'LoadBalancer' || (Array.isArray(spec.externalIPs) && spec.externalIPs.length > 0);
    if (etp !== 'Cluster' && etp !== 'Local') {
      errs.add('spec.externalTrafficPolicy', 'Unsupported value', etp, supported(['Cluster', 'Local']), 'use Cluster or Local');
    } else if (!external) {
      errs.add('spec.externalTrafficPolicy', 'Invalid value', etp, 'may only be set for externally-accessible services', 'remove externalTrafficPolicy, or use type NodePort or LoadBalancer');
    }
  }
  if (type !== 'ExternalName') {
    const fam = spec.ipFamilies;
    if (fam !== undefined && fam !== null) {
      if (!Array.isArray(fam)) {
        errs.add('spec.ipFamilies', 'Invalid value', fam, 'must be a list', 'write ipFamilies as a list');
      } else {
        const seen = new Set<unknown>();
        fam.forEach((f, i) => {
          if (f !== 'IPv4' && f !== 'IPv6') errs.add(`spec.ipFamilies[${i}]`, 'Unsupported value', f, supported(['IPv4', 'IPv6']), 'write IPv4 or IPv6 exactly');
          else if (seen.has(f)) errs.add(`spec.ipFamilies[${i}]`, 'Duplicate value', f, 'each IP family may be listed once', 'remove the duplicate family');
          seen.add(f);
        });
        if (fam.length > 2) errs.add('spec.ipFamilies', 'Invalid value', fam, 'may only hold up to 2 values', 'list at most IPv4 and IPv6');
      }
    }
    const pol = spec.ipFamilyPolicy;
    if (pol !== undefined && pol !== null && pol !== '') {
      if (!['SingleStack', 'PreferDualStack', 'RequireDualStack'].includes(pol)) {
        errs.add('spec.ipFamilyPolicy', 'Unsupported value', pol, supported(['PreferDualStack', 'RequireDualStack', 'SingleStack']), 'use SingleStack, PreferDualStack or RequireDualStack');
      } else if (pol === 'SingleStack' && ((Array.isArray(fam) && fam.length > 1) || clusterIps(spec).length > 1)) {
        errs.add('spec.ipFamilyPolicy', 'Invalid value', pol, "must be 'RequireDualStack' or 'PreferDualStack' when multiple IP families are specified", 'use PreferDualStack, or list one family');
      }
    }
  }
}

/** Settings the API server accepts but that do nothing, or make the Service not work (SILENT cases). */
export function serviceIneffective(obj: any): FieldErrors {
  const errs = new FieldErrors();
  const spec = obj?.spec;
  if (!isRecord(spec)) return errs;
  const type = serviceType(obj);
  if (type !== 'ExternalName' && typeof spec.externalName === 'string' && spec.externalName !== '') {
    errs.add('spec.externalName', 'Invalid value', spec.externalName, 'spec.externalName is ignored when spec.type is not "ExternalName"', 'set type: ExternalName, or remove externalName');
  }
  if (type === 'ExternalName') {
    if (isRecord(spec.selector) && Object.keys(spec.selector).length > 0) {
      errs.add('spec.selector', 'Invalid value', spec.selector, 'ExternalName Services receive no endpoints; the selector is ignored (https://issues.k8s.io/105986)', 'remove the selector, or use a ClusterIP Service to reach pods');
    }
    if (Array.isArray(spec.externalIPs) && spec.externalIPs.length > 0) {
      errs.add('spec.externalIPs', 'Invalid value', spec.externalIPs, 'spec.externalIPs is ignored when spec.type is "ExternalName"', 'remove externalIPs');
    }
    const en = spec.externalName;
    if (typeof en === 'string' && en !== '' && parseIp(en) === undefined) {
      const cname = en.endsWith('.') ? en.slice(0, -1) : en;
      if (isDns1123Subdomain(cname)) {
        const long = firstLongLabel(cname);
        if (long) {
          errs.add('spec.externalName', 'Invalid value', en, `label "${long.slice(0, 20)}..." is ${long.length} characters; a DNS label has at most 63, so the name never resolves`, 'use a real host name');
        } else if (!cname.includes('.')) {
          errs.add('spec.externalName', 'Invalid value', en, 'a single-label externalName becomes the CNAME target "' + cname + '." (a top-level name) and does not resolve to a host', 'use a fully qualified name such as db.example.com, or <service>.<namespace>.svc.<cluster domain> for an in-cluster target');
        }
      }
    }
  }
  if (isHeadless(obj) && type === 'ClusterIP') {
    // GetWarningsForService (pkg/api/service/warnings.go): kube-proxy programs no virtual IP for a headless Service
    if (typeof spec.loadBalancerIP === 'string' && spec.loadBalancerIP !== '') {
      errs.add('spec.loadBalancerIP', 'Invalid value', spec.loadBalancerIP, 'spec.loadBalancerIP is ignored for headless services', 'remove loadBalancerIP; a headless Service gets no load balancer (use type: LoadBalancer without clusterIP: None for one)');
    }
    if (Array.isArray(spec.externalIPs) && spec.externalIPs.length > 0) {
      errs.add('spec.externalIPs', 'Invalid value', spec.externalIPs, 'spec.externalIPs is ignored for headless services', 'remove externalIPs; kube-proxy forwards external IPs only to a Service with a cluster IP');
    }
    if (spec.sessionAffinity === 'ClientIP') {
      errs.add('spec.sessionAffinity', 'Invalid value', 'ClientIP', 'spec.SessionAffinity is ignored for headless services', 'remove sessionAffinity; clients of a headless Service connect to pod IPs directly');
    }
  }
  if ((spec.sessionAffinity === undefined || spec.sessionAffinity === 'None') && isRecord(spec.sessionAffinityConfig)) {
    errs.add('spec.sessionAffinityConfig', 'Invalid value', spec.sessionAffinityConfig, 'is dropped by v1 defaulting when sessionAffinity is None', 'set sessionAffinity: ClientIP, or remove sessionAffinityConfig');
  }
  return errs;
}

/** A Deployment-style `{matchLabels: {...}}` / `{matchExpressions: [...]}` where a Service's label map belongs. */
export function isWorkloadSelector(selector: unknown): boolean {
  return isRecord(selector) && (isRecord(selector.matchLabels) || Array.isArray(selector.matchExpressions));
}

/** `app: web` for the fix of a workload selector in a Service (its matchLabels), or `app: web` as an example. */
function selectorHint(selector: { [key: string]: any }): string {
  const labels = isRecord(selector.matchLabels) ? Object.entries(selector.matchLabels).filter(([, v]) => typeof v === 'string').slice(0, 3) : [];
  return labels.length > 0 ? labels.map(([k, v]) => `${k}: ${v}`).join(', ') : 'e.g. app: web';
}
