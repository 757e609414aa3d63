/**
 * core/v1 Endpoints and discovery.k8s.io/v1 EndpointSlice validation as kube-apiserver performs it
 * (reference/k8s-validation.md rules 2-3, 37-41, 50-54; source `pkg/apis/core/validation/validation.go`
 * `validateEndpointSubsets`, `validateEndpointAddress`, `validateEndpointPort`; `pkg/apis/discovery/validation/validation.go`).
 */
import { FieldErrors } from './field';
import { addIpSyntaxErrors } from './ip';
import { isInt, isRecord, validateMetadata, ValidKeys } from './metadata';
import { ipv4ToNumber, ParsedIp, specialIpDetail, specialIpv4Range } from '../../k8s-syntax/ip';
import {
  dns1123LabelErrors, dns1123SubdomainErrors, qualifiedNameErrors, labelValueErrors, portNumberErrors,
  isDns1123Label, isDns1123Subdomain, isLabelValue, isPortNumber, isQualifiedName,
} from '../../k8s-syntax/names';
import { HEADLESS_LABEL, LEADER_ANNOTATION } from '../../k8s-syntax/well-known';

const PROTOCOLS = ['SCTP', 'TCP', 'UDP'];
const ADDRESS_TYPES = ['FQDN', 'IPv4', 'IPv6'];

/** Limits from `pkg/apis/discovery/validation/validation.go`. */
export const MAX_SLICE_ENDPOINTS = 1000;
export const MAX_ENDPOINT_ADDRESSES = 100;
export const MAX_SLICE_PORTS = 20000;

function protocolOf(port: any): unknown {
  return port.protocol === undefined || port.protocol === null || port.protocol === '' ? 'TCP' : port.protocol;
}

/** The IP errors of one endpoint address (rules 37-38), in the API server's order; returns the parsed address. */
function validateIp(path: string, ip: unknown, errs: FieldErrors): ParsedIp | undefined {
  const parsed = addIpSyntaxErrors(errs, path, ip, 'use a plain, canonical IP address');
  if (parsed) {
    const special = specialIpDetail(parsed);
    if (special !== undefined) errs.add(path, 'Invalid value', ip, special, 'use a routable address of the backend, not loopback, link-local or unspecified');
  }
  return parsed;
}

/**
 * True when `ip` is a plain dotted quad (no leading zeros) outside the ranges `specialIpDetail` names: `validateIp`
 * finds nothing to report and its address is IPv4. Nearly every address is one, and this reads it without parsing
 * (no objects, no path texts: bench/).
 */
function ordinaryIpv4(ip: unknown): boolean {
  const n = typeof ip === 'string' ? ipv4ToNumber(ip) : -1;
  if (n < 0) return false; // not a plain dotted quad
  return specialIpv4Range(Math.floor(n / 16777216), Math.floor(n / 65536) % 256, Math.floor(n / 256) % 256, n % 256) === undefined;
}

function validateAppProtocol(path: string, v: unknown, errs: FieldErrors): void {
  if (v === undefined || v === null) return;
  if (typeof v !== 'string') errs.add(path, 'Invalid value', v, 'must be a string', 'quote appProtocol');
  else if (!isQualifiedName(v)) errs.each(path, v, qualifiedNameErrors(v), 'use a qualified name such as http or kubernetes.io/h2c');
}

/** The `addresses` or `notReadyAddresses` of one subset; `path` is e.g. `subsets[0].addresses`. */
function validateAddresses(path: string, list: any[], errs: FieldErrors): void {
  list.forEach((a: any, j: number) => {
    if (!isRecord(a)) {
      errs.add(`${path}[${j}]`, 'Invalid value', a, 'must be an object with ip', 'write the address as {ip: ...}');
      return;
    }
    // Most addresses are ordinary with no hostname or nodeName: nothing to report, no path to write.
    const hasHostname = a.hostname !== undefined && a.hostname !== null && a.hostname !== '';
    const hasNodeName = a.nodeName !== undefined && a.nodeName !== null && a.nodeName !== '';
    const ordinary = ordinaryIpv4(a.ip);
    if (ordinary && !hasHostname && !hasNodeName) return;
    const ap = `${path}[${j}]`;
    if (!ordinary) validateIp(`${ap}.ip`, a.ip, errs);
    if (hasHostname) {
      if (typeof a.hostname !== 'string' || !isDns1123Label(a.hostname)) {
        errs.each(`${ap}.hostname`, a.hostname, typeof a.hostname === 'string' ? dns1123LabelErrors(a.hostname) : ['must be a string'], 'use a single DNS label as hostname (no dots)');
      }
    }
    if (hasNodeName) {
      if (typeof a.nodeName !== 'string' || !isDns1123Subdomain(a.nodeName)) {
        errs.each(`${ap}.nodeName`, a.nodeName, typeof a.nodeName === 'string' ? dns1123SubdomainErrors(a.nodeName) : ['must be a string'], 'use the node name as Kubernetes shows it');
      }
    }
  });
}

/** Everything the API server rejects in an Endpoints object. */
export function endpointsRejections(obj: any, keys = new ValidKeys()): FieldErrors {
  const errs = new FieldErrors();
  const name = validateMetadata(obj, errs, keys);
  if (name !== undefined && !isDns1123Subdomain(name)) errs.each('metadata.name', name, dns1123SubdomainErrors(name), 'name the Endpoints exactly like its Service');
  const subsets = obj?.subsets;
  if (subsets === undefined || subsets === null) return errs;
  if (!Array.isArray(subsets)) {
    errs.add('subsets', 'Invalid value', subsets, 'must be a list', 'write subsets as a list');
    return errs;
  }
  subsets.forEach((ss: any, i: number) => {
    const p = `subsets[${i}]`;
    if (!isRecord(ss)) {
      errs.add(p, 'Invalid value', ss, 'must be an object with addresses and ports', 'write the subset as a map');
      return;
    }
    const ready = Array.isArray(ss.addresses) ? ss.addresses : [];
    const notReady = Array.isArray(ss.notReadyAddresses) ? ss.notReadyAddresses : [];
    if (ready.length === 0 && notReady.length === 0) {
      errs.add(p, 'Required value', undefined, 'must specify `addresses` or `notReadyAddresses`', 'add the backend addresses, or remove the empty subset');
    }
    validateAddresses(`${p}.addresses`, ready, errs);
    validateAddresses(`${p}.notReadyAddresses`, notReady, errs);
    const ports = Array.isArray(ss.ports) ? ss.ports : [];
    if (ss.ports !== undefined && ss.ports !== null && !Array.isArray(ss.ports)) errs.add(`${p}.ports`, 'Invalid value', ss.ports, 'must be a list', 'write ports as a list');
    ports.forEach((port: any, j: number) => {
      const pp = `${p}.ports[${j}]`;
      if (!isRecord(port)) {
        errs.add(pp, 'Invalid value', port, 'must be an object with port, protocol and name', 'write the port as a map');
        return;
      }
      const pname = port.name ?? '';
      if (typeof pname !== 'string') {
        errs.add(`${pp}.name`, 'Invalid value', pname, 'must be a string', 'quote the port name');
      } else if (pname === '') {
        if (ports.length > 1) errs.add(`${pp}.name`, 'Required value', undefined, 'every port needs a name when a subset has more than one port', "give each port the name of the Service's matching port");
      } else {
        if (!isDns1123Label(pname)) errs.each(`${pp}.name`, pname, dns1123LabelErrors(pname), "use the Service port's name");
      }
      if (!isInt(port.port)) errs.add(`${pp}.port`, 'Invalid value', port.port, 'must be between 1 and 65535, inclusive', 'set the port the backend listens on');
      else if (!isPortNumber(port.port)) errs.each(`${pp}.port`, port.port, portNumberErrors(port.port), 'set the port the backend listens on');
      const proto = protocolOf(port);
      if (!PROTOCOLS.includes(proto as string)) errs.add(`${pp}.protocol`, 'Unsupported value', proto, 'supported values: "SCTP", "TCP", "UDP"', 'write the protocol in upper case');
      if (port.appProtocol !== undefined && port.appProtocol !== null) validateAppProtocol(`${pp}.appProtocol`, port.appProtocol, errs);
    });
  });
  return errs;
}

/** Everything the API server rejects in an EndpointSlice. */
export function endpointSliceRejections(obj: any, keys = new ValidKeys()): FieldErrors {
  const errs = new FieldErrors();
  const name = validateMetadata(obj, errs, keys);
  if (name !== undefined && !isDns1123Subdomain(name)) errs.each('metadata.name', name, dns1123SubdomainErrors(name), 'use a lower-case DNS subdomain as the slice name, e.g. <service>-ipv4');
  const at = obj?.addressType;
  if (at === undefined || at === null || at === '') {
    errs.add('addressType', 'Required value', undefined, 'an EndpointSlice needs addressType', 'set addressType: IPv4 or IPv6');
  } else if (!ADDRESS_TYPES.includes(at)) {
    errs.add('addressType', 'Unsupported value', at, 'supported values: "FQDN", "IPv4", "IPv6"', 'use IPv4 or IPv6 (the old "IP" type is gone)');
  }
  const endpoints = obj?.endpoints;
  if (endpoints !== undefined && endpoints !== null && !Array.isArray(endpoints)) errs.add('endpoints', 'Invalid value', endpoints, 'must be a list', 'write endpoints as a list');
  const eps: any[] = Array.isArray(endpoints) ? endpoints : [];
  if (eps.length > MAX_SLICE_ENDPOINTS) errs.add('endpoints', 'Too many', eps.length, `must have at most ${MAX_SLICE_ENDPOINTS} items`, 'split the endpoints over several slices of at most 1000');
  eps.slice(0, MAX_SLICE_ENDPOINTS + 1).forEach((ep, i) => {
    // The path is written only for errors (most endpoints have none).
    const p = (): string => `endpoints[${i}]`;
    if (!isRecord(ep)) {
      errs.add(p(), 'Invalid value', ep, 'must be an object with addresses', 'write the endpoint as {addresses: [...]}');
      return;
    }
    const addrs: any[] = Array.isArray(ep.addresses) ? ep.addresses : [];
    if (addrs.length === 0) errs.add(`${p()}.addresses`, 'Required value', undefined, 'must contain at least 1 address', 'add the backend address');
    if (addrs.length > MAX_ENDPOINT_ADDRESSES) errs.add(`${p()}.addresses`, 'Too many', addrs.length, `must have at most ${MAX_ENDPOINT_ADDRESSES} items`, 'use one endpoint per backend');
    addrs.slice(0, MAX_ENDPOINT_ADDRESSES + 1).forEach((a, j) => {
      // An ordinary dotted quad is valid in an IPv4 slice (nearly every address): no parse, no path text.
      if (at === 'IPv4' && ordinaryIpv4(a)) return;
      const ap = `${p()}.addresses[${j}]`;
      if (at === 'IPv4' || at === 'IPv6') {
        const parsed = validateIp(ap, a, errs);
        if (parsed && !parsed.leadingZeros && !parsed.ipv4Mapped && ((at === 'IPv4') !== (parsed.family === 4))) {
          errs.add(ap, 'Invalid value', a, at === 'IPv4' ? 'must be an IPv4 address' : 'must be an IPv6 address', `put ${at === 'IPv4' ? 'IPv6' : 'IPv4'} addresses in a separate slice with addressType ${at === 'IPv4' ? 'IPv6' : 'IPv4'}`);
        }
      } else if (at === 'FQDN') {
        const text = typeof a === 'string' && a.endsWith('.') ? a.slice(0, -1) : a;
        if (typeof text !== 'string') {
          errs.add(ap, 'Invalid value', a, 'must be a string', 'quote the address');
        } else {
          if (!isDns1123Subdomain(text)) errs.each(ap, a, dns1123SubdomainErrors(text), 'use a fully qualified host name');
          if (!text.includes('.')) errs.add(ap, 'Invalid value', a, 'should be a domain with at least two segments separated by dots', 'use a fully qualified host name');
          else if (text.split('.').some((l) => l.length > 63)) errs.add(ap, 'Invalid value', a, 'must be no more than 63 characters', 'use labels of at most 63 characters');
        }
      }
    });
    if (ep.hostname !== undefined && ep.hostname !== null) {
      if (typeof ep.hostname !== 'string' || !isDns1123Label(ep.hostname)) {
        errs.each(`${p()}.hostname`, ep.hostname, typeof ep.hostname === 'string' ? dns1123LabelErrors(ep.hostname) : ['must be a string'], 'use a single DNS label as hostname (no dots)');
      }
    }
    if (ep.nodeName !== undefined && ep.nodeName !== null) {
      if (typeof ep.nodeName !== 'string' || !isDns1123Subdomain(ep.nodeName)) {
        errs.each(`${p()}.nodeName`, ep.nodeName, typeof ep.nodeName === 'string' ? dns1123SubdomainErrors(ep.nodeName) : ['must be a string'], 'use the node name as Kubernetes shows it');
      }
    }
    const zones = ep.hints?.forZones;
    if (Array.isArray(zones)) {
      if (zones.length > 8) errs.add(`${p()}.hints.forZones`, 'Too many', zones.length, 'must have at most 8 items', 'list at most 8 zones');
      const seen = new Set<string>();
      zones.forEach((z: any, k: number) => {
        const zn = z?.name;
        if (typeof zn !== 'string') return;
        if (!isLabelValue(zn)) errs.each(`${p()}.hints.forZones[${k}].name`, zn, labelValueErrors(zn), 'use the zone label value');
        if (seen.has(zn)) errs.add(`${p()}.hints.forZones[${k}].name`, 'Duplicate value', zn, 'zones must be unique', 'remove the duplicate zone');
        seen.add(zn);
      });
    }
  });
  const ports = obj?.ports;
  if (ports !== undefined && ports !== null && !Array.isArray(ports)) errs.add('ports', 'Invalid value', ports, 'must be a list', 'write ports as a list');
  const plist: any[] = Array.isArray(ports) ? ports : [];
  if (plist.length > MAX_SLICE_PORTS) errs.add('ports', 'Too many', plist.length, `must have at most ${MAX_SLICE_PORTS} items`, 'use fewer ports');
  const names = new Set<string>();
  plist.slice(0, MAX_SLICE_PORTS + 1).forEach((port, i) => {
    const p = `ports[${i}]`;
    if (!isRecord(port)) {
      errs.add(p, 'Invalid value', port, 'must be an object with port, protocol and name', 'write the port as a map');
      return;
    }
    const pname = port.name === undefined || port.name === null ? '' : port.name;
    if (typeof pname !== 'string') {
      errs.add(`${p}.name`, 'Invalid value', pname, 'must be a string', 'quote the port name');
    } else {
      if (pname !== '' && !isDns1123Label(pname)) errs.each(`${p}.name`, pname, dns1123LabelErrors(pname), "use the Service port's name");
      if (names.has(pname)) errs.add(`${p}.name`, 'Duplicate value', pname, 'port names must be unique within a slice (including "")', "give each port the name of the Service's matching port");
      names.add(pname);
    }
    const proto = protocolOf(port);
    if (!PROTOCOLS.includes(proto as string)) errs.add(`${p}.protocol`, 'Unsupported value', proto, 'supported values: "SCTP", "TCP", "UDP"', 'write the protocol in upper case');
    if (port.port !== undefined && port.port !== null && !isInt(port.port)) errs.add(`${p}.port`, 'Invalid value', port.port, 'must be an integer', 'set the port the backend listens on');
    if (port.appProtocol !== undefined && port.appProtocol !== null) validateAppProtocol(`${p}.appProtocol`, port.appProtocol, errs);
  });
  return errs;
}

/** Labels that make kube-proxy ignore a slice (rule 58); copied from Endpoints by the mirroring controller (rule 45). */
export const PROXY_IGNORE_LABELS = [HEADLESS_LABEL, 'service.kubernetes.io/service-proxy-name'];

/**
 * Endpoints that are accepted but never reach kube-proxy or DNS correctly (rules 41, 44, 45). `proxied` is true when
 * the same-named Service is one kube-proxy serves (not headless): only then do the proxy-ignore labels matter.
 * `served` is true when a Service of the same name exists: without one, Endpoints with the leader-election annotation
 * are a lock (client-go's endpoints lock, kube-scheduler's before v1.24), which nothing should mirror.
 */
export function endpointsNotMirrored(obj: any, proxied = true, served = true): FieldErrors {
  const errs = new FieldErrors();
  const md = obj?.metadata;
  if (served && isRecord(md?.annotations) && md.annotations[LEADER_ANNOTATION] !== undefined) {
    errs.add(`metadata.annotations[${LEADER_ANNOTATION}]`, 'Invalid value', md.annotations[LEADER_ANNOTATION], 'marks a leader-election lock, which the EndpointSliceMirroring controller never mirrors', 'remove the annotation, or use a Lease for leader election');
  }
  if (isRecord(md?.labels) && proxied) {
    for (const l of PROXY_IGNORE_LABELS) {
      if (md.labels[l] !== undefined) {
        errs.add(`metadata.labels[${l}]`, 'Invalid value', md.labels[l], 'is copied to the mirrored EndpointSlices, and kube-proxy ignores slices with this label', 'remove the label');
      }
    }
  }
  const subsets: any[] = Array.isArray(obj?.subsets) ? obj.subsets : [];
  subsets.forEach((ss, i) => {
    const seen = new Set<string>();
    (Array.isArray(ss?.ports) ? ss.ports : []).forEach((port: any, j: number) => {
      const n = typeof port?.name === 'string' ? port.name : '';
      if (seen.has(n)) {
        errs.add(`subsets[${i}].ports[${j}].name`, 'Duplicate value', n, 'Endpoints accept duplicate port names but the mirrored EndpointSlice is rejected, so mirroring fails forever', 'give each port a unique name matching the Service port');
      }
      seen.add(n);
    });
  });
  return errs;
}

/**
 * EndpointSlice content that the API server accepts and kube-proxy ignores (rules 50, 51, 53, 58). `proxied` is true
 * when the slice's Service is one kube-proxy serves (not headless): only then do the proxy-ignore labels, the
 * addresses after an endpoint's first and ports without a number matter. Cluster DNS, all that serves a headless
 * Service, publishes every address of an endpoint and needs no port for A records (coredns plugin/kubernetes/object
 * endpoint.go EndpointSliceToEndpoints: every `end.Addresses`, port -1 for a missing number; dns-rules 26-29).
 */
export function endpointSliceIgnored(obj: any, proxied = true): FieldErrors {
  const errs = new FieldErrors();
  const labels = obj?.metadata?.labels;
  if (isRecord(labels) && proxied) {
    for (const l of PROXY_IGNORE_LABELS) {
      if (labels[l] !== undefined) {
        errs.add(`metadata.labels[${l}]`, 'Invalid value', labels[l], 'kube-proxy ignores slices with this label, so its Service gets no traffic from them', 'remove the label (it belongs only on controller slices of headless Services)');
      }
    }
  }
  if (obj?.addressType === 'FQDN') {
    errs.add('addressType', 'Invalid value', 'FQDN', 'FQDN slices are deprecated and ignored by kube-proxy and cluster DNS, so no traffic reaches these endpoints', 'use an ExternalName Service for a DNS target, or IPv4/IPv6 slices with addresses');
  }
  const eps: any[] = Array.isArray(obj?.endpoints) ? obj.endpoints : [];
  (proxied ? eps.slice(0, MAX_SLICE_ENDPOINTS) : []).forEach((ep, i) => {
    if (Array.isArray(ep?.addresses) && ep.addresses.length > 1) {
      errs.add(`endpoints[${i}].addresses`, 'Invalid value', ep.addresses, `kube-proxy uses only the first address; the other ${ep.addresses.length - 1} get no traffic`, 'put each backend address in its own endpoint');
    }
  });
  const ports: any[] = Array.isArray(obj?.ports) ? obj.ports : [];
  ports.slice(0, MAX_SLICE_PORTS).forEach((p, i) => {
    if (!isRecord(p)) return;
    if (p.port === undefined || p.port === null || p.port === 0) {
      if (proxied) errs.add(`ports[${i}].port`, 'Required value', undefined, 'the API allows a slice port without a number, but kube-proxy ignores it ("Ignoring invalid endpoint port")', 'set the port the backends listen on');
    } else if (isInt(p.port) && !isPortNumber(p.port)) {
      errs.add(`ports[${i}].port`, 'Invalid value', p.port, 'must be between 1 and 65535, inclusive (the API does not check it; traffic cannot use it)', 'set the port the backends listen on');
    }
  });
  return errs;
}
