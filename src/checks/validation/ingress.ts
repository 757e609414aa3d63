/**
 * Ingress validation as kube-apiserver performs it on create (kubernetes/kubernetes
 * `pkg/apis/networking/validation/validation.go`: `ValidateIngressCreate`, `ValidateIngressSpec`,
 * `validateIngressRules`, `validateHTTPIngressRuleValue`, `validateHTTPIngressPath`, `validateIngressBackend`,
 * `validateIngressTypedLocalObjectReference`, `validateIngressTLS`, `ValidateIngressClassName`).
 *
 * An Ingress in a removed version (extensions/v1beta1, networking.k8s.io/v1beta1) is judged as its API server stored
 * it, with its fields named as written: `spec.backend` and `serviceName`/`servicePort`, converted as
 * `Convert_v1beta1_IngressBackend_To_networking_IngressBackend` does (a string servicePort is a port name, a number a
 * port number), and a missing pathType defaulted to ImplementationSpecific (v1beta1 `SetDefaults_HTTPIngressPath`):
 * api-version-removed reports the version, and that v1 needs a pathType, once.
 *
 * The API servers that served those versions let them keep two things v1 rejects (`IngressValidationOptions`
 * `AllowInvalidSecretName` and `AllowInvalidWildcardHostRule`, "backwards compatibility with released API versions"):
 * a TLS secretName that is no Secret name, and anything in the http paths of a rule with a wildcard host. Neither is
 * reported in those versions.
 *
 * One departure, so that one run lists every fix: the API server does not look at the backend of a path without a
 * pathType (it returns at the first error); the checker does.
 */
import { FieldErrors } from './field';
import { isInt, isRecord, validateMetadata, ValidKeys } from './metadata';
import { parseIp } from '../../k8s-syntax/ip';
import {
  dns1035LabelErrors, dns1123SubdomainErrors, isDns1035Label, isDns1123Subdomain, isPortName, isPortNumber,
  pathSegmentNameErrors, portNameErrors, portNumberErrors, wildcardDns1123SubdomainErrors,
} from '../../k8s-syntax/names';
import { shortValue } from '../../model/display';
import { removedApi } from '../../model/removed-apis';

/** `invalidPathSequences` and `invalidPathSuffixes` of the API server: an Exact or Prefix path must be normalized. */
const INVALID_PATH_SEQUENCES = ['//', '/./', '/../', '%2f', '%2F'];
const INVALID_PATH_SUFFIXES = ['/..', '/.'];

/** The path types, sorted as the API server lists them (`supportedPathTypes.List()`). */
const PATH_TYPES = ['Exact', 'ImplementationSpecific', 'Prefix'];

/** The annotation the API server compares with `ingressClassName` on create. */
export const INGRESS_CLASS_ANNOTATION = 'kubernetes.io/ingress.class';

const NORMALIZED_PATH_FIX = 'write the path in normalized form: no "//", "/./", "/../" or encoded "/" (%2F), and no trailing "/." or "/.."';
const HOST_FIX = 'use a lower-case DNS name such as app.example.com (a wildcard only as the whole leftmost label, *.example.com)';

/**
 * Whether the API server accepts `name` as an Ingress backend's Service name (`ValidateServiceName`, a DNS-1035 label,
 * as service-invalid judges Service names): the backend rules leave the others to ingress-invalid.
 */
export function isBackendServiceName(name: string): boolean {
  return isDns1035Label(name);
}

/** Whether the API server accepts `port` as an Ingress backend's port: a number 1-65535 or an IANA port name. */
export function isBackendPort(port: number | string | undefined): boolean {
  return typeof port === 'number' ? isPortNumber(port) : port !== undefined && isPortName(port);
}

/** Everything the API server rejects in an Ingress. */
export function ingressRejections(obj: any, keys = new ValidKeys()): FieldErrors {
  const errs = new FieldErrors();
  const name = validateMetadata(obj, errs, keys);
  if (name !== undefined && !isDns1123Subdomain(name)) errs.each('metadata.name', name, dns1123SubdomainErrors(name), 'rename it to a lower-case DNS-1123 subdomain');
  const old = removedApi(obj) !== undefined;
  const spec: { [key: string]: any } = isRecord(obj?.spec) ? obj.spec : {};
  const defaultKey = old ? 'backend' : 'defaultBackend';
  const rules = spec.rules;
  const defaultBackend = spec[defaultKey];
  const hasDefault = defaultBackend !== undefined && defaultBackend !== null;
  if (rules !== undefined && rules !== null && !Array.isArray(rules)) {
    errs.add('spec.rules', 'Invalid value', rules, 'must be a list of rules', 'write rules as a list (- host: ...)');
  } else if ((!Array.isArray(rules) || rules.length === 0) && !hasDefault) {
    errs.add('spec', 'Invalid value', rules ?? null, `either \`${defaultKey}\` or \`rules\` must be specified`, `add rules with http paths, or a ${defaultKey}`);
  }
  if (hasDefault) validateBackend(defaultBackend, `spec.${defaultKey}`, old, errs);
  if (Array.isArray(rules)) rules.forEach((r, i) => validateRule(r, `spec.rules[${i}]`, old, errs));
  validateTls(spec.tls, old, errs);
  validateClass(spec.ingressClassName, obj?.metadata?.annotations, errs);
  return errs;
}

/** `validateIngressRules` for one rule: its host, then its http paths. */
function validateRule(rule: unknown, p: string, old: boolean, errs: FieldErrors): void {
  const r: { [key: string]: any } = isRecord(rule) ? rule : {};
  const host = r.host;
  if (typeof host === 'string' && host.length > 0) {
    if (parseIp(host)) errs.add(`${p}.host`, 'Invalid value', host, 'must be a DNS name, not an IP address', 'use the DNS name that clients send, or leave host out to match every host');
    if (host.includes('*')) {
      errs.each(`${p}.host`, host, wildcardDns1123SubdomainErrors(host), HOST_FIX);
      if (old) return; // AllowInvalidWildcardHostRule: the old versions did not look at such a rule's paths
    } else if (!isDns1123Subdomain(host)) {errs.each(`${p}.host`, host, dns1123SubdomainErrors(host), HOST_FIX);}
  } else if (host !== undefined && host !== null && typeof host !== 'string') {
    errs.add(`${p}.host`, 'Invalid value', host, 'must be a string', 'quote the host');
  }
  const http = r.http;
  if (http === undefined || http === null) return; // a rule may name a host only
  const paths = isRecord(http) ? http.paths : undefined;
  if (!Array.isArray(paths) || paths.length === 0) {
    errs.add(`${p}.http.paths`, 'Required value', undefined, 'an http rule needs at least one path', 'add a path (path: /, pathType: Prefix, backend: ...), or remove http');
    return;
  }
  paths.forEach((path, j) => validatePath(path, `${p}.http.paths[${j}]`, old, errs));
}

/** `validateHTTPIngressPath`: pathType, the path's syntax for it, and the backend. */
function validatePath(entry: unknown, p: string, old: boolean, errs: FieldErrors): void {
  const e: { [key: string]: any } = isRecord(entry) ? entry : {};
  const path = e.path;
  if (path !== undefined && path !== null && typeof path !== 'string') errs.add(`${p}.path`, 'Invalid value', path, 'must be a string', 'quote the path');
  const text = typeof path === 'string' ? path : '';
  // the removed versions defaulted a missing pathType (v1beta1 SetDefaults_HTTPIngressPath)
  const pathType = e.pathType ?? (old ? 'ImplementationSpecific' : undefined);
  if (pathType === undefined) {
    errs.add(`${p}.pathType`, 'Required value', undefined, 'pathType must be specified', 'set pathType: Prefix (or Exact, or ImplementationSpecific)');
  } else if (pathType === 'Exact' || pathType === 'Prefix') {
    if (!text.startsWith('/')) errs.add(`${p}.path`, 'Invalid value', text, 'must be an absolute path', 'start the path with "/"');
    for (const seq of INVALID_PATH_SEQUENCES) if (text.includes(seq)) errs.add(`${p}.path`, 'Invalid value', text, `must not contain '${seq}'`, NORMALIZED_PATH_FIX);
    for (const suffix of INVALID_PATH_SUFFIXES) if (text.endsWith(suffix)) errs.add(`${p}.path`, 'Invalid value', text, `cannot end with '${suffix}'`, NORMALIZED_PATH_FIX);
  } else if (pathType === 'ImplementationSpecific') {
    if (text.length > 0 && !text.startsWith('/')) errs.add(`${p}.path`, 'Invalid value', text, 'must be an absolute path', 'start the path with "/"');
  } else {
    errs.add(`${p}.pathType`, 'Unsupported value', pathType, `supported values: ${PATH_TYPES.map((t) => `"${t}"`).join(', ')}`, 'use Exact, Prefix or ImplementationSpecific (case-sensitive)');
  }
  validateBackend(e.backend, `${p}.backend`, old, errs);
}

/** A backend's Service reference, read from either version, with the paths of its fields as written. */
interface ServiceBackend {
  readonly name: unknown;
  readonly portName: unknown;
  readonly portNumber: unknown;
  readonly namePath: string;
  readonly portNamePath: string;
  readonly portNumberPath: string;
}

/** The Service reference of a backend, or undefined when it has none (the API server's `backend.Service == nil`). */
function serviceBackend(b: { [key: string]: any }, p: string, old: boolean): ServiceBackend | undefined {
  if (old) {
    // Convert_v1beta1_IngressBackend_To_networking_IngressBackend: a service when any of its fields is set
    const sp = b.servicePort;
    const set = (typeof b.serviceName === 'string' && b.serviceName.length > 0) || (typeof sp === 'number' && sp !== 0) || typeof sp === 'string';
    if (!set) return undefined;
    const portPath = `${p}.servicePort`;
    return { name: b.serviceName ?? '', portName: typeof sp === 'string' ? sp : '', portNumber: typeof sp === 'number' ? sp : 0, namePath: `${p}.serviceName`, portNamePath: portPath, portNumberPath: portPath };
  }
  if (b.service === undefined || b.service === null) return undefined;
  const s: { [key: string]: any } = isRecord(b.service) ? b.service : {};
  const port: { [key: string]: any } = isRecord(s.port) ? s.port : {};
  return {
    name: s.name ?? '',
    portName: port.name ?? '',
    portNumber: port.number ?? 0,
    namePath: `${p}.service.name`,
    portNamePath: `${p}.service.port.name`,
    portNumberPath: `${p}.service.port.number`,
  };
}

/** `validateIngressBackend`: exactly one of service and resource, a valid Service name and exactly one port. */
function validateBackend(backend: unknown, p: string, old: boolean, errs: FieldErrors): void {
  const b: { [key: string]: any } = isRecord(backend) ? backend : {};
  const hasResource = b.resource !== undefined && b.resource !== null;
  const svc = serviceBackend(b, p, old);
  const serviceField = old ? 'serviceName and servicePort' : 'service.name and service.port';
  if (hasResource && svc) {
    errs.add(p, 'Invalid value', '', 'cannot set both resource and service backends', `keep either ${serviceField} or resource`);
    return;
  }
  if (hasResource) {
    validateResource(b.resource, `${p}.resource`, errs);
    return;
  }
  if (!svc) {
    errs.add(p, 'Invalid value', '', 'resource or service backend is required', `set ${serviceField} (or a resource)`);
    return;
  }
  const name = svc.name;
  if (name === '') {
    errs.add(svc.namePath, 'Required value', undefined, 'a service backend needs the name of a Service of the Ingress\'s namespace', 'name the Service');
  } else if (typeof name !== 'string') {
    errs.add(svc.namePath, 'Invalid value', name, 'must be a string', 'quote the Service name');
  } else if (!isBackendServiceName(name)) {
    errs.each(svc.namePath, name, dns1035LabelErrors(name), serviceNameFix(name));
  }
  validatePort(svc, p, old, errs);
}

/** The port of a service backend: a name or a number, exactly one. */
function validatePort(svc: ServiceBackend, p: string, old: boolean, errs: FieldErrors): void {
  const { portName, portNumber } = svc;
  const hasName = typeof portName === 'string' ? portName.length > 0 : portName !== undefined && portName !== null;
  const hasNumber = portNumber !== undefined && portNumber !== null && portNumber !== 0;
  if (hasName && hasNumber) {
    errs.add(p, 'Invalid value', '', 'cannot set both port name & port number', 'keep service.port.number or service.port.name, not both');
  } else if (hasName) {
    if (typeof portName !== 'string') {
      errs.add(svc.portNamePath, 'Invalid value', portName, 'must be a string', 'quote the port name');
    } else if (!isPortName(portName)) {
      const fix = old && /^[0-9]+$/.test(portName)
        ? `write servicePort as a number (${portName}), not a quoted string, which is read as a port name`
        : 'use the name of a port of the Service (at most 15 lower-case letters, digits and single inner hyphens, with a letter), or its number';
      errs.each(svc.portNamePath, portName, portNameErrors(portName), fix);
    }
  } else if (hasNumber) {
    if (!isInt(portNumber)) {
      errs.add(svc.portNumberPath, 'Invalid value', portNumber, 'must be an integer', 'write the Service port number without quotes');
    } else if (!isPortNumber(portNumber)) {
      errs.each(svc.portNumberPath, portNumber, portNumberErrors(portNumber), 'use the number of a port of the Service (1-65535)');
    }
  } else {
    const fix = old ? 'set servicePort to a port of the Service (its number or name)' : 'set service.port.number or service.port.name to a port of the Service';
    errs.add(p, 'Required value', undefined, 'port name or number is required', fix);
  }
}

/** `validateIngressTypedLocalObjectReference`: a resource backend's apiGroup, kind and name. */
function validateResource(resource: unknown, p: string, errs: FieldErrors): void {
  const r: { [key: string]: any } = isRecord(resource) ? resource : {};
  const group = r.apiGroup;
  if (group !== undefined && group !== null) {
    if (typeof group !== 'string') errs.add(`${p}.apiGroup`, 'Invalid value', group, 'must be a string', 'quote apiGroup');
    else if (!isDns1123Subdomain(group)) errs.each(`${p}.apiGroup`, group, dns1123SubdomainErrors(group), 'use the API group of the resource, such as k8s.example.com (leave apiGroup out for the core group)');
  }
  for (const f of ['kind', 'name'] as const) {
    const v = r[f];
    if (v === undefined || v === null || v === '') {
      errs.add(`${p}.${f}`, 'Required value', undefined, `a resource backend needs its ${f}`, `set resource.${f}`);
    } else if (typeof v !== 'string') {
      errs.add(`${p}.${f}`, 'Invalid value', v, 'must be a string', `quote resource.${f}`);
    } else {
      errs.each(`${p}.${f}`, v, pathSegmentNameErrors(v), `use a ${f} without "/" or "%"`);
    }
  }
}

/**
 * `validateIngressTLS`: each host a DNS-1123 subdomain (wildcard allowed), each secretName a Secret name (not in the
 * removed versions: AllowInvalidSecretName).
 */
function validateTls(tls: unknown, old: boolean, errs: FieldErrors): void {
  if (!Array.isArray(tls)) return;
  tls.forEach((entry, k) => {
    const t: { [key: string]: any } = isRecord(entry) ? entry : {};
    const p = `spec.tls[${k}]`;
    if (Array.isArray(t.hosts)) {
      t.hosts.forEach((host: unknown, i: number) => {
        const hp = `${p}.hosts[${i}]`;
        if (typeof host !== 'string') errs.add(hp, 'Invalid value', host, 'must be a string', 'quote the host');
        else if (host.includes('*')) errs.each(hp, host, wildcardDns1123SubdomainErrors(host), HOST_FIX);
        else if (!isDns1123Subdomain(host)) errs.each(hp, host, dns1123SubdomainErrors(host), HOST_FIX);
      });
    }
    const secret = t.secretName;
    if (!old && typeof secret === 'string' && secret.length > 0 && !isDns1123Subdomain(secret)) {
      errs.each(`${p}.secretName`, secret, dns1123SubdomainErrors(secret), 'use the name of the TLS Secret (a lower-case DNS-1123 subdomain)');
    }
  });
}

/** `ValidateIngressClassName`, and on create the legacy annotation, which must match it when both are set. */
function validateClass(className: unknown, annotations: unknown, errs: FieldErrors): void {
  if (className === undefined || className === null) return;
  if (typeof className !== 'string') {
    errs.add('spec.ingressClassName', 'Invalid value', className, 'must be a string', 'quote ingressClassName');
    return;
  }
  if (!isDns1123Subdomain(className)) {
    errs.each('spec.ingressClassName', className, dns1123SubdomainErrors(className), 'use the name of an IngressClass (a lower-case DNS-1123 subdomain), or leave ingressClassName out for the default class');
  }
  const legacy = isRecord(annotations) ? annotations[INGRESS_CLASS_ANNOTATION] : undefined;
  if (legacy !== undefined && legacy !== className) {
    errs.add(`annotations.${INGRESS_CLASS_ANNOTATION}`, 'Invalid value', legacy, 'must match `ingressClassName` when both are specified', `remove the ${INGRESS_CLASS_ANNOTATION} annotation (ingressClassName replaces it), or make the two equal`);
  }
}

/**
 * The fix for a backend Service name that is no DNS-1035 label. cdk8s names objects after their construct path joined
 * with "-", so a dot comes from a construct id (cdk8s-plus's `addHostRule('my.host', ...)` examples use the host as
 * the id of the Deployment they expose): the fix names that id.
 */
function serviceNameFix(name: string): string {
  const base = 'rename the Service to a DNS-1035 label (lower-case letters, digits and "-", starting with a letter, at most 63 characters) and name it here';
  const dotted = name.split('-').find((part) => part.includes('.'));
  if (dotted === undefined) return base;
  const id = shortValue(dotted, 40);
  return `${base}; with cdk8s, whose object names join construct ids with "-", use a construct id without dots instead of ${id}`;
}
