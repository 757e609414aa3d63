/**
 * Cloud instance-metadata endpoints, in every form an ExternalName could reach them (internal, pure).
 *
 * An ExternalName Service is a CNAME that any pod in the cluster follows. Pointed at the node's metadata service it
 * turns an innocent-looking in-cluster name into a path to the node's cloud credentials: "bad actors could create
 * ExternalName configurations that connect Pods to malicious endpoints, ensure that only trusted admins can create
 * this type of Service" (../shared/background/externalname-how-and-when.txt, "Restrict access to ExternalName
 * configurations" and "DNS spoofing risks"). `cloudMetadataTarget(host)` recognizes:
 *
 * 1. the providers' metadata host names and their subdomains (`METADATA_HOSTS`);
 * 2. the single labels `metadata` and `instance-data` (resolved through the node's search path, e.g. GCE's
 *    `google.internal`) and any `metadata.*` / `instance-data.*` name under the `.internal` top-level domain
 *    (`instance-data.us-west-2.compute.internal`);
 * 3. metadata IP addresses in any notation the resolver or HTTP client accepts: link-local 169.254.0.0/16 (AWS, GCP,
 *    Azure, Oracle, DigitalOcean, OpenStack, ECS task metadata 169.254.170.2), Alibaba's 100.100.100.200, AWS's
 *    IPv6 fd00:ec2::254, IPv6 link-local fe80::/10, in dotted, integer (`2852039166`), hex (`0xa9fea9fe`), octal
 *    (`0251.0376.0251.0376`) and IPv4-mapped IPv6 (`::ffff:169.254.169.254`) forms;
 * 4. names that embed such an address for wildcard DNS services and rebinding tricks: `169.254.169.254.nip.io`,
 *    `169-254-169-254.sslip.io`, `a9fea9fe.nip.io`, `100-100-100-200.example.net`.
 */
import * as ipaddr from 'ipaddr.js';

/** Metadata host names (exact name or any subdomain) and their provider. */
export const METADATA_HOSTS: ReadonlyArray<readonly [string, string]> = [
  ['metadata.google.internal', 'Google Cloud instance metadata'],
  ['metadata.goog', 'Google Cloud instance metadata'],
  ['metadata.azure.com', 'Azure instance metadata'],
  ['instance-data.ec2.internal', 'AWS EC2 instance metadata'],
  ['metadata.tencentyun.com', 'Tencent Cloud instance metadata'],
];

const METADATA_LABELS = new Set(['metadata', 'instance-data']);

/** 169.254.x.y (link-local) or 100.100.100.200 written as dotted or dashed labels inside a longer name. */
const EMBEDDED_DOTTED = /(^|[.-])(169[.-]254[.-]\d{1,3}[.-]\d{1,3}|100[.-]100[.-]100[.-]200)($|[.-])/;
/** The same addresses as 8 hex digits in one label (nip.io's hex form). */
const EMBEDDED_HEX = /(^|[.-])(a9fe[0-9a-f]{4}|646464c8)($|[.-])/;

/**
 * What cloud metadata endpoint `host` reaches (e.g. "Google Cloud instance metadata"), or `undefined`.
 * `host` is compared in lower case without one trailing dot or IPv6 brackets.
 */
export function cloudMetadataTarget(host: string): string | undefined {
  const h = host.trim().toLowerCase().replace(/\.$/, '').replace(/^\[(.*)\]$/, '$1');
  if (h === '') return undefined;
  for (const [name, provider] of METADATA_HOSTS) {
    if (h === name || h.endsWith(`.${name}`)) return provider;
  }
  const labels = h.split('.');
  if (labels.length === 1 && METADATA_LABELS.has(h)) {
    return 'the node\'s instance metadata (a single label resolved through the node\'s DNS search path)';
  }
  if (labels.length > 1 && METADATA_LABELS.has(labels[0]) && labels[labels.length - 1] === 'internal') {
    return 'cloud instance metadata (a metadata name under the .internal domain)';
  }
  const ip = metadataIp(h);
  if (ip) return `instance metadata at the address ${ip}`;
  if (EMBEDDED_DOTTED.test(h) || EMBEDDED_HEX.test(h)) {
    return 'instance metadata (the name embeds a metadata IP address, as wildcard DNS services such as nip.io resolve it)';
  }
  return undefined;
}

/** The canonical metadata address `text` denotes in any accepted notation, or undefined. */
function metadataIp(text: string): string | undefined {
  let addr: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    addr = ipaddr.parse(text.split('%')[0]);
  } catch {
    return undefined;
  }
  if (addr.kind() === 'ipv6' && (addr as ipaddr.IPv6).isIPv4MappedAddress()) {
    addr = (addr as ipaddr.IPv6).toIPv4Address();
  }
  const canonical = addr.toString();
  if (addr.kind() === 'ipv4') {
    return addr.range() === 'linkLocal' || canonical === '100.100.100.200' ? canonical : undefined;
  }
  return addr.range() === 'linkLocal' || canonical === 'fd00:ec2::254' ? canonical : undefined;
}
