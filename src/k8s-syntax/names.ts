/**
 * Name and label syntax exactly as kube-apiserver checks it (kubernetes/apimachinery
 * `pkg/util/validation/validation.go`; reference/k8s-validation.md rules 1-7, 9, 11, 13, 14). Pure, no imports.
 *
 * Each rule has two functions:
 * - `isDns1123Label(value)` and the other `is*`: the fast boolean, one scan without allocating (every object has a
 *   name and labels; few are invalid);
 * - `dns1123LabelErrors(value)` and the other `*Errors`: the API server's own detail texts (empty when valid), like
 *   the Go `Is*` helpers, for the checker, which quotes them. They start with the boolean, so the texts are built only
 *   for invalid values.
 * The constructs word their own one-sentence errors on top of the booleans (src/construct-errors.ts).
 * test/k8s-syntax/names-fast-path.test.ts pins each boolean and each text list to the regular expressions they stand for.
 */

const DNS1123_LABEL_FMT = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
const DNS1123_LABEL_RE = new RegExp(`^${DNS1123_LABEL_FMT}$`);
const DNS1123_SUBDOMAIN_FMT = `${DNS1123_LABEL_FMT}(\\.${DNS1123_LABEL_FMT})*`;
const DNS1123_SUBDOMAIN_RE = new RegExp(`^${DNS1123_SUBDOMAIN_FMT}$`);
const WILDCARD_DNS1123_SUBDOMAIN_FMT = `\\*\\.${DNS1123_SUBDOMAIN_FMT}`;
const WILDCARD_DNS1123_SUBDOMAIN_RE = new RegExp(`^${WILDCARD_DNS1123_SUBDOMAIN_FMT}$`);
const DNS1035_LABEL_FMT = '[a-z]([-a-z0-9]*[a-z0-9])?';
const DNS1035_LABEL_RE = new RegExp(`^${DNS1035_LABEL_FMT}$`);
const QUALIFIED_NAME_FMT = '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]';
const QUALIFIED_NAME_RE = new RegExp(`^${QUALIFIED_NAME_FMT}$`);
const LABEL_VALUE_FMT = `(${QUALIFIED_NAME_FMT})?`;
const LABEL_VALUE_RE = new RegExp(`^${LABEL_VALUE_FMT}$`);

const HYPHEN = 45;
const DOT = 46;
const UNDERSCORE = 95;

function isLowerAlnum(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 48 && c <= 57);
}

function isAlnum(c: number): boolean {
  return isLowerAlnum(c) || (c >= 65 && c <= 90);
}

/** `value[start, end)` is a DNS-1123 subdomain of at most 253 characters (`DNS1123_SUBDOMAIN_RE`). */
function subdomainAt(value: string, start: number, end: number): boolean {
  if (end <= start || end - start > 253) return false;
  let prev = DOT; // as if after a dot: a label may not start with "-" or "."
  for (let i = start; i < end; i++) {
    const c = value.charCodeAt(i);
    if (c === DOT) {
      if (prev === DOT || prev === HYPHEN) return false;
    } else if (c === HYPHEN) {
      if (prev === DOT) return false;
    } else if (!isLowerAlnum(c)) {
      return false;
    }
    prev = c;
  }
  return prev !== DOT && prev !== HYPHEN;
}

/** `value[start, end)` is a qualified-name part of 1-63 characters (`QUALIFIED_NAME_RE`). */
function qualifiedPartAt(value: string, start: number, end: number): boolean {
  if (end <= start || end - start > 63) return false;
  if (!isAlnum(value.charCodeAt(start)) || !isAlnum(value.charCodeAt(end - 1))) return false;
  for (let i = start + 1; i < end - 1; i++) {
    const c = value.charCodeAt(i);
    if (!(isAlnum(c) || c === HYPHEN || c === UNDERSCORE || c === DOT)) return false;
  }
  return true;
}

/** True when `dns1123LabelErrors(value)` is empty. */
export function isDns1123Label(value: string): boolean {
  return value.length <= 63 && value.indexOf('.') === -1 && subdomainAt(value, 0, value.length);
}

/** True when `dns1123SubdomainErrors(value)` is empty. */
export function isDns1123Subdomain(value: string): boolean {
  return subdomainAt(value, 0, value.length);
}

/** True when `dns1035LabelErrors(value)` is empty. */
export function isDns1035Label(value: string): boolean {
  if (value.length === 0) return false;
  const first = value.charCodeAt(0);
  return first >= 97 && first <= 122 && isDns1123Label(value);
}

/**
 * True when `wildcardDns1123SubdomainErrors(value)` is empty: `*.` followed by a DNS-1123 subdomain, 253 characters in
 * all (RFC 1034 4.3.3: the wildcard is the whole leftmost label, and there is one).
 */
export function isWildcardDns1123Subdomain(value: string): boolean {
  return value.length <= 253 && value.charCodeAt(0) === 42 && value.charCodeAt(1) === DOT && subdomainAt(value, 2, value.length);
}

/** True when `qualifiedNameErrors(value)` is empty. */
export function isQualifiedName(value: string): boolean {
  const slash = value.indexOf('/');
  if (slash === -1) return qualifiedPartAt(value, 0, value.length);
  if (value.indexOf('/', slash + 1) !== -1) return false;
  return subdomainAt(value, 0, slash) && qualifiedPartAt(value, slash + 1, value.length);
}

/** True when `labelValueErrors(value)` is empty. */
export function isLabelValue(value: string): boolean {
  return value.length === 0 || qualifiedPartAt(value, 0, value.length);
}

/** True when `portNameErrors(value)` is empty. */
export function isPortName(value: string): boolean {
  if (value.length === 0 || value.length > 15) return false;
  let letter = false;
  let prev = HYPHEN; // a name may not start with "-"
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c >= 97 && c <= 122) {
      letter = true;
    } else if (c === HYPHEN) {
      if (prev === HYPHEN) return false;
    } else if (!(c >= 48 && c <= 57)) {
      return false;
    }
    prev = c;
  }
  return letter && prev !== HYPHEN;
}

/** `must be no more than N characters` (apimachinery `MaxLenError`). */
export function maxLenError(n: number): string {
  return `must be no more than ${n} characters`;
}

/** DNS-1123 label (rule 4, 6, 11): StatefulSet and Namespace names, Service port names, hostnames. */
export function dns1123LabelErrors(value: string): string[] {
  if (isDns1123Label(value)) return [];
  const errs: string[] = [];
  if (value.length > 63) errs.push(maxLenError(63));
  if (!DNS1123_LABEL_RE.test(value)) {
    errs.push("a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '" + DNS1123_LABEL_FMT + "')");
  }
  return errs;
}

/** DNS-1123 subdomain (rules 2, 3, 23): Endpoints and EndpointSlice names, ExternalName values. */
export function dns1123SubdomainErrors(value: string): string[] {
  if (isDns1123Subdomain(value)) return [];
  const errs: string[] = [];
  if (value.length > 253) errs.push(maxLenError(253));
  if (!DNS1123_SUBDOMAIN_RE.test(value)) {
    errs.push("a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '" + DNS1123_SUBDOMAIN_FMT + "')");
  }
  return errs;
}

/** Wildcard DNS-1123 subdomain (`*.example.com`): Ingress rule and TLS hosts with a `*` (apimachinery `IsWildcardDNS1123Subdomain`). */
export function wildcardDns1123SubdomainErrors(value: string): string[] {
  if (isWildcardDns1123Subdomain(value)) return [];
  const errs: string[] = [];
  if (value.length > 253) errs.push(maxLenError(253));
  if (!WILDCARD_DNS1123_SUBDOMAIN_RE.test(value)) {
    errs.push("a wildcard DNS-1123 subdomain must start with '*.', followed by a valid DNS subdomain, which must consist of lower case alphanumeric characters, '-' or '.' and end with an alphanumeric character (e.g. '*.example.com', regex used for validation is '" + WILDCARD_DNS1123_SUBDOMAIN_FMT + "')");
  }
  return errs;
}

/** DNS-1035 label (rule 1): Service names. */
export function dns1035LabelErrors(value: string): string[] {
  if (isDns1035Label(value)) return [];
  const errs: string[] = [];
  if (value.length > 63) errs.push(maxLenError(63));
  if (!DNS1035_LABEL_RE.test(value)) {
    errs.push("a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '" + DNS1035_LABEL_FMT + "')");
  }
  return errs;
}

/** Qualified name (rule 7 keys, rule 14 appProtocol): `[prefix/]name`. */
export function qualifiedNameErrors(value: string): string[] {
  if (isQualifiedName(value)) return [];
  const errs: string[] = [];
  const slash = value.indexOf('/');
  let name: string;
  if (slash === -1) {
    name = value;
  } else if (value.indexOf('/', slash + 1) === -1) {
    const prefix = value.slice(0, slash);
    name = value.slice(slash + 1);
    if (prefix.length === 0) {
      errs.push('prefix part must be non-empty');
    } else {
      for (const e of dns1123SubdomainErrors(prefix)) errs.push(`prefix part ${e}`);
    }
  } else {
    return ["a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '" + QUALIFIED_NAME_FMT + "') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')"];
  }
  if (name.length === 0) {
    errs.push('name part must be non-empty');
  } else if (name.length > 63) {
    errs.push(`name part ${maxLenError(63)}`);
  }
  if (name.length > 0 && !QUALIFIED_NAME_RE.test(name)) {
    errs.push("name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '" + QUALIFIED_NAME_FMT + "')");
  }
  return errs;
}

/** Label value (rule 7): empty, or at most 63 characters of `[-A-Za-z0-9_.]` with alphanumeric ends. */
export function labelValueErrors(value: string): string[] {
  if (isLabelValue(value)) return [];
  const errs: string[] = [];
  if (value.length > 63) errs.push(maxLenError(63));
  if (!LABEL_VALUE_RE.test(value)) {
    errs.push("a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '" + LABEL_VALUE_FMT + "')");
  }
  return errs;
}

/** IANA_SVC_NAME (rule 13): container port names and named targetPorts. */
export function portNameErrors(value: string): string[] {
  if (isPortName(value)) return [];
  const errs: string[] = [];
  if (value.length > 15) errs.push(maxLenError(15));
  let allowed = true;
  let letter = false;
  for (const ch of value) {
    if (ch >= 'a' && ch <= 'z') letter = true;
    else if (!(ch >= '0' && ch <= '9') && ch !== '-') allowed = false;
  }
  if (!allowed) errs.push('must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)');
  if (!letter) errs.push('must contain at least one letter (a-z)');
  if (value.includes('--')) errs.push('must not contain consecutive hyphens');
  if (value.startsWith('-') || value.endsWith('-')) errs.push('must not begin or end with a hyphen');
  return errs;
}

/**
 * A name that must be safe as a REST path segment (apimachinery `content.IsPathSegmentName`): not `.` or `..`, no `/`
 * or `%`; any length, and empty is the caller's to judge. An Ingress resource backend's kind and name.
 */
export function pathSegmentNameErrors(value: string): string[] {
  if (value === '.' || value === '..') return [`may not be '${value}'`];
  const errs: string[] = [];
  for (const c of ['/', '%']) if (value.includes(c)) errs.push(`may not contain '${c}'`);
  return errs;
}

/** Port number (rule 9): `must be between 1 and 65535, inclusive`. */
export function portNumberErrors(value: number): string[] {
  return isPortNumber(value) ? [] : ['must be between 1 and 65535, inclusive'];
}

/** True when `portNumberErrors(value)` is empty. */
export function isPortNumber(value: number): boolean {
  return Number.isInteger(value) && value >= 1 && value <= 65535;
}

/**
 * The first dot-separated label of `name` longer than 63 characters, or undefined. The API server's DNS-1123 subdomain
 * does not limit its labels, but DNS does (RFC 1035 2.3.4): such a name never resolves.
 */
export function firstLongLabel(name: string): string | undefined {
  for (let start = 0; start <= name.length;) {
    const dot = name.indexOf('.', start);
    const end = dot === -1 ? name.length : dot;
    if (end - start > 63) return name.slice(start, end);
    start = end + 1;
  }
  return undefined;
}
