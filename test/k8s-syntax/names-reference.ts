// The regular-expression implementation of src/k8s-syntax/names.ts before its one-scan fast paths, kept as the
// reference that names-fast-path.test.ts compares them with. Do not optimise.

const DNS1123_LABEL_FMT = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
const DNS1123_LABEL_RE = new RegExp(`^${DNS1123_LABEL_FMT}$`);
const DNS1123_SUBDOMAIN_FMT = `${DNS1123_LABEL_FMT}(\\.${DNS1123_LABEL_FMT})*`;
const DNS1123_SUBDOMAIN_RE = new RegExp(`^${DNS1123_SUBDOMAIN_FMT}$`);
const DNS1035_LABEL_FMT = '[a-z]([-a-z0-9]*[a-z0-9])?';
const DNS1035_LABEL_RE = new RegExp(`^${DNS1035_LABEL_FMT}$`);
const QUALIFIED_NAME_FMT = '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]';
const QUALIFIED_NAME_RE = new RegExp(`^${QUALIFIED_NAME_FMT}$`);
const LABEL_VALUE_FMT = `(${QUALIFIED_NAME_FMT})?`;
const LABEL_VALUE_RE = new RegExp(`^${LABEL_VALUE_FMT}$`);

/** `must be no more than N characters` (apimachinery `MaxLenError`). */
export function maxLenError(n: number): string {
  return `must be no more than ${n} characters`;
}

/** DNS-1123 label (rule 4, 6, 11): StatefulSet and Namespace names, Service port names, hostnames. */
export function isDns1123Label(value: string): string[] {
  const errs: string[] = [];
  if (value.length > 63) errs.push(maxLenError(63));
  if (!DNS1123_LABEL_RE.test(value)) {
    errs.push("a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '" + DNS1123_LABEL_FMT + "')");
  }
  return errs;
}

/** DNS-1123 subdomain (rules 2, 3, 23): Endpoints and EndpointSlice names, ExternalName values. */
export function isDns1123Subdomain(value: string): string[] {
  const errs: string[] = [];
  if (value.length > 253) errs.push(maxLenError(253));
  if (!DNS1123_SUBDOMAIN_RE.test(value)) {
    errs.push("a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '" + DNS1123_SUBDOMAIN_FMT + "')");
  }
  return errs;
}

/** Wildcard DNS-1123 subdomain (apimachinery `IsWildcardDNS1123Subdomain`): Ingress hosts with a `*`. */
export function isWildcardDns1123Subdomain(value: string): string[] {
  const fmt = `\\*\\.${DNS1123_SUBDOMAIN_FMT}`;
  const errs: string[] = [];
  if (value.length > 253) errs.push(maxLenError(253));
  if (!new RegExp(`^${fmt}$`).test(value)) {
    errs.push("a wildcard DNS-1123 subdomain must start with '*.', followed by a valid DNS subdomain, which must consist of lower case alphanumeric characters, '-' or '.' and end with an alphanumeric character (e.g. '*.example.com', regex used for validation is '" + fmt + "')");
  }
  return errs;
}

/** DNS-1035 label (rule 1): Service names. */
export function isDns1035Label(value: string): string[] {
  const errs: string[] = [];
  if (value.length > 63) errs.push(maxLenError(63));
  if (!DNS1035_LABEL_RE.test(value)) {
    errs.push("a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '" + DNS1035_LABEL_FMT + "')");
  }
  return errs;
}

/** Qualified name (rule 7 keys, rule 14 appProtocol): `[prefix/]name`. */
export function isQualifiedName(value: string): string[] {
  const errs: string[] = [];
  const parts = value.split('/');
  let name: string;
  if (parts.length === 1) {
    name = parts[0];
  } else if (parts.length === 2) {
    const prefix = parts[0];
    name = parts[1];
    if (prefix.length === 0) {
      errs.push('prefix part must be non-empty');
    } else {
      for (const e of isDns1123Subdomain(prefix)) errs.push(`prefix part ${e}`);
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
export function isValidLabelValue(value: string): string[] {
  const errs: string[] = [];
  if (value.length > 63) errs.push(maxLenError(63));
  if (!LABEL_VALUE_RE.test(value)) {
    errs.push("a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '" + LABEL_VALUE_FMT + "')");
  }
  return errs;
}

/** IANA_SVC_NAME (rule 13): container port names and named targetPorts. */
export function isValidPortName(value: string): string[] {
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

/** Port number (rule 9): `must be between 1 and 65535, inclusive`. */
export function isValidPortNum(value: number): string[] {
  return Number.isInteger(value) && value >= 1 && value <= 65535 ? [] : ['must be between 1 and 65535, inclusive'];
}

/** True when `value` is a syntactically valid DNS-1123 label (convenience for cross-object rules). */
export function isLabel(value: string): boolean {
  return value.length <= 63 && DNS1123_LABEL_RE.test(value);
}
