/**
 * Validation of external host names: the value of an ExternalName Service's `spec.externalName` (internal, not part
 * of the jsii surface).
 *
 * The API server only strips one trailing dot and checks the DNS-1123 subdomain regex (k8s-validation.md rule 23),
 * so it accepts values that cluster DNS cannot serve usefully: IP literals (CoreDNS answers with a CNAME to a name
 * made of digits), single labels (resolved through each pod's search path), labels over 63 characters. These helpers
 * enforce the construct rule instead (rule 72): a lowercase host name of at least two labels, each at most 63
 * characters, at most 253 in total, after one optional trailing dot; no IP address, URL, port, path, `_` or `*`.
 */
import * as ipaddr from 'ipaddr.js';
import { isDns1123Label } from './k8s-syntax/names';
import { showValue } from './show-value';

const ALL_DIGITS = /^[0-9]+$/;
/** Every character ipaddr.js's IPv4 forms can contain (decimal, octal, 0x hex): a cheap test before its parser. */
const IPV4_CHARS = /^[0-9a-fx.]+$/i;
const IP_FIX = 'ExternalName needs a DNS name. Use SelectorlessIpService for IP targets.';
/** Two or more lower-case RFC 1123 labels of at most 63 characters, no trailing dot: what most targets look like. */
const PLAIN_HOST = /^[a-z0-9](?:[-a-z0-9]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[-a-z0-9]{0,61}[a-z0-9])?)+$/;

/**
 * Normalizes an external host name the way the API server and DNS compare it: lower case, one trailing dot removed.
 * The result still needs `externalHostnameProblem`.
 */
export function normalizeExternalHostname(value: string): string {
  return value.toLowerCase().replace(/\.$/, '');
}

/**
 * Why `value` cannot be the target of an ExternalName Service, or `undefined` when it can.
 *
 * The value is checked as given, with upper case letters and one trailing dot allowed (see
 * `normalizeExternalHostname`). The answer is the end of an error sentence: the rule the value breaks and the fix,
 * ending with a period, so a caller writes `` `${prop} ${showValue(value)} ${problem}` ``, e.g.
 * `externalName "54.23.100.55" is an IP address; ExternalName needs a DNS name. Use SelectorlessIpService for IP targets.`
 *
 * In-cluster Service names (`db.svc`, `redis.shared.svc.cluster.local`) are rejected unless
 * `options.allowClusterServiceName` is set: see `clusterServiceNameProblem`.
 *
 * @param value the host name, e.g. "db.example.com"
 * @param options what else to accept
 */
export function externalHostnameProblem(value: string, options: ExternalHostnameOptions = {}): string | undefined {
  // One regular expression settles the common case (bench/: synth 1); the full checks below give the same answer.
  if (isPlainHostName(value)) return options.allowClusterServiceName ? undefined : clusterServiceNameProblem(value);
  return fullExternalHostnameProblem(value, options);
}

/**
 * Whether `value` passes every check of `fullExternalHostnameProblem` up to the in-cluster name check: plain
 * lower-case labels, at most 253 characters, a last label that is not all digits (so no IPv4 literal and no numeric
 * top-level domain), and not made only of the characters of ipaddr.js's hex and octal IPv4 forms.
 */
function isPlainHostName(value: string): boolean {
  if (typeof value !== 'string' || value.length > 253 || !PLAIN_HOST.test(value) || IPV4_CHARS.test(value)) return false;
  return !ALL_DIGITS.test(value.slice(value.lastIndexOf('.') + 1));
}

/**
 * `externalHostnameProblem` without its shortcut for plain host names: every check, in order (internal; tests compare
 * the two).
 */
export function fullExternalHostnameProblem(value: string, options: ExternalHostnameOptions = {}): string | undefined {
  if (value.trim().length === 0) {
    return 'is empty; ExternalName needs a DNS name such as "db.example.com".';
  }
  if (/\s/.test(value)) {
    return 'contains whitespace; give only the host name, such as "db.example.com".';
  }
  if (/^[a-z][-a-z0-9+.]*:\/\//i.test(value) || value.includes('://')) {
    return 'is a URL; ExternalName takes only the host name, without scheme, port or path, such as "api.example.com".';
  }
  const unbracketed = value.replace(/^\[(.*)\]$/, '$1');
  if (ipaddr.IPv6.isValid(unbracketed) || ipaddr.IPv6.isValid(unbracketed.split('%')[0])) {
    return `is an IPv6 address; ${IP_FIX}`;
  }
  const hostPort = /^(.*):([0-9]*)$/.exec(value);
  if (hostPort) {
    if (ipaddr.IPv4.isValid(hostPort[1])) return `is an IPv4 address with a port; ${IP_FIX}`;
    return `includes a port; ExternalName takes only the host name (such as ${showValue(hostPort[1] || 'db.example.com')}): Kubernetes does no port mapping for ExternalName, so list the external port in ports for documentation.`;
  }
  if (value.includes(':')) {
    return 'contains \':\', which is not allowed in a host name; give only the host name, such as "db.example.com".';
  }
  if (value.includes('/')) {
    return 'contains \'/\'; ExternalName takes only the host name, without path, such as "api.example.com".';
  }
  if (/[^\x00-\x7f]/.test(value)) {
    return 'contains non-ASCII characters; use the ASCII (punycode, "xn--...") form of an internationalized host name.';
  }
  const host = normalizeExternalHostname(value);
  if (host.length === 0) {
    return 'is empty; ExternalName needs a DNS name such as "db.example.com".';
  }
  // ipaddr's isValid throws and catches on every non-IP; skip it for names it cannot accept (bench/: synth 1).
  if (IPV4_CHARS.test(host) && ipaddr.IPv4.isValid(host)) {
    return `is an IPv4 address; ${IP_FIX}`;
  }
  const labels = host.split('.');
  if (labels.every((l) => ALL_DIGITS.test(l))) {
    return `looks like an IPv4 address; ${IP_FIX}`;
  }
  if (host.length > 253) {
    return `is ${host.length} characters long; a DNS name has at most 253. Use a shorter host name.`;
  }
  for (const label of labels) {
    const problem = labelProblem(label);
    if (problem) return problem;
  }
  if (labels.length < 2) {
    return `is a single-label name; ExternalName needs a fully qualified host name such as "${host}.example.com" (a single label is resolved through each pod's DNS search path).`;
  }
  if (ALL_DIGITS.test(labels[labels.length - 1])) {
    return `ends in the all-digit label ${showValue(labels[labels.length - 1])}; top-level domains are never numeric, so resolvers may take it for an IP address. ${IP_FIX}`;
  }
  return options.allowClusterServiceName ? undefined : clusterServiceNameProblem(host);
}

/** Options of `externalHostnameProblem`. */
export interface ExternalHostnameOptions {
  /** Accept in-cluster Service names (for a target the construct derived itself, such as `targetService`). */
  readonly allowClusterServiceName?: boolean;
}

/**
 * Why a valid host name must not be written as an ExternalName target because it names an in-cluster Service, or
 * `undefined`. A CNAME target is not expanded through the pod's DNS search path, so `db.svc` never resolves, and a
 * hand-written `<name>.<namespace>.svc.<cluster domain>` breaks on clusters with another domain and hides the
 * dependency from the checker; `targetService` derives the name instead.
 *
 * @param host a normalized host name (see `normalizeExternalHostname`)
 */
export function clusterServiceNameProblem(host: string): string | undefined {
  if (!host.includes('.svc')) return undefined; // no "svc" label after the first
  const labels = host.split('.');
  const svc = labels.indexOf('svc');
  if (svc < 0 || svc === 0) return undefined;
  const fix = 'Use ExternalDependency\'s targetService with ServiceReference.fromName(namespace, name) to alias an in-cluster Service.';
  if (svc === labels.length - 1) {
    return `ends in ".svc", a partial in-cluster Service name; a CNAME target is not expanded through the pod's DNS search path, so it never resolves. ${fix}`;
  }
  return `names an in-cluster Service (".svc." followed by a cluster domain); a hand-written cluster domain is not expanded through the search path and breaks on clusters with another domain. ${fix}`;
}

function labelProblem(label: string): string | undefined {
  if (label.length === 0) {
    return 'has an empty label (two dots in a row, or a leading dot); write the host name as dot-separated labels, such as "db.example.com".';
  }
  if (label.length > 63) {
    return `has a label ${showValue(label)} of ${label.length} characters; a DNS label has at most 63. Use a shorter host name.`;
  }
  if (label.includes('_')) {
    return `has a label ${showValue(label)} with '_', which RFC 1123 host names do not allow; use the host's DNS name (letters, digits and '-').`;
  }
  if (label.includes('*')) {
    return `has a wildcard label ${showValue(label)}; ExternalName needs one concrete host name, such as "db.example.com".`;
  }
  if (!isDns1123Label(label)) {
    return `has a label ${showValue(label)} that is not an RFC 1123 label (letters, digits and '-', starting and ending with a letter or digit); fix the host name.`;
  }
  return undefined;
}
