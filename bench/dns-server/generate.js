#!/usr/bin/env node
/**
 * The model and the query file of the DNS server benchmark (bench/dns-server/run.sh). Deterministic.
 *
 * Usage: node bench/dns-server/generate.js OUT_DIR [SERVICES]   (default 20000 Services)
 * Writes OUT_DIR/manifests/ns-<n>.yaml (100 Services per namespace: 80 ClusterIP with two named ports, 10 headless
 * with 3 ready endpoints each in an EndpointSlice, 10 ExternalName to a name outside the cluster) and
 * OUT_DIR/queries.txt (dnsperf format `name type`), one line per Service in a shuffled order:
 *   60% A of a ClusterIP or headless Service, 15% SRV `_http._tcp` of one, 10% CNAME of an ExternalName Service,
 *   15% A of a name that does not exist (NXDOMAIN).
 * CNAME is asked as CNAME, not A: a server that chases the target outside the cluster would otherwise go out to the
 * internet (unbound would try to recurse), which is not what is measured here.
 */
const fs = require('fs');
const path = require('path');

const out = process.argv[2];
const total = Number(process.argv[3] ?? 20000);
if (!out || !Number.isInteger(total) || total < 100) {
  console.error('usage: node bench/dns-server/generate.js OUT_DIR [SERVICES>=100]');
  process.exit(2);
}
const PER_NS = 100;
const namespaces = Math.ceil(total / PER_NS);
fs.mkdirSync(path.join(out, 'manifests'), { recursive: true });

const withAddresses = []; // FQDNs of ClusterIP and headless Services
const external = []; // FQDNs of ExternalName Services
let serviceIndex = 0;
for (let n = 0; n < namespaces; n++) {
  const ns = `team-${n}`;
  const docs = [`apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${ns}\n`];
  for (let i = 0; i < PER_NS && serviceIndex < total; i++, serviceIndex++) {
    const name = `svc-${i}`;
    const fqdn = `${name}.${ns}.svc.cluster.local.`;
    if (i % 10 === 8) {
      external.push(fqdn);
      docs.push([
        'apiVersion: v1', 'kind: Service', 'metadata:', `  name: ${name}`, `  namespace: ${ns}`, 'spec:',
        '  type: ExternalName', `  externalName: db-${i}.${ns}.example.com`, '',
      ].join('\n'));
      continue;
    }
    withAddresses.push(fqdn);
    const headless = i % 10 === 9;
    // ClusterIPs 10.96.0.0/12 by service index (never .0): unique.
    const ipNum = (10 << 24) + (96 << 16) + serviceIndex + 1;
    const ip = [ipNum >>> 24, (ipNum >> 16) & 255, (ipNum >> 8) & 255, ipNum & 255].join('.');
    docs.push([
      'apiVersion: v1', 'kind: Service', 'metadata:', `  name: ${name}`, `  namespace: ${ns}`, 'spec:',
      `  clusterIP: ${headless ? 'None' : ip}`, `  selector: { app: ${name} }`,
      '  ports:', '    - { name: http, port: 80, targetPort: 8080 }', '    - { name: grpc, port: 9090 }', '',
    ].join('\n'));
    if (headless) {
      const eps = [1, 2, 3].map((k) => `    - addresses: ["10.${200 + (n >> 8)}.${n & 255}.${i * 3 + k}"]\n      conditions: { ready: true }`);
      docs.push([
        'apiVersion: discovery.k8s.io/v1', 'kind: EndpointSlice', 'metadata:', `  name: ${name}-abcde`, `  namespace: ${ns}`,
        `  labels: { kubernetes.io/service-name: ${name} }`, 'addressType: IPv4', 'endpoints:', ...eps,
        'ports:', '  - { name: http, port: 8080, protocol: TCP }', '',
      ].join('\n'));
    }
  }
  fs.writeFileSync(path.join(out, 'manifests', `ns-${n}.yaml`), docs.join('---\n'));
}

// One query per Service: 12 of 20 A, 3 SRV, 2 CNAME, 3 missing; names taken in turn from each list.
const queries = [];
let a = 0;
let srv = 0;
let cname = 0;
for (let k = 0; k < serviceIndex; k++) {
  const r = k % 20;
  if (r < 12) queries.push(`${withAddresses[a++ % withAddresses.length]} A`);
  else if (r < 15) queries.push(`_http._tcp.${withAddresses[srv++ % withAddresses.length]} SRV`);
  else if (r < 17) queries.push(`${external[cname++ % external.length]} CNAME`);
  else queries.push(`missing-${k}.team-${k % namespaces}.svc.cluster.local. A`);
}

// Deterministic shuffle (LCG), so consecutive queries do not hit neighbouring names.
let seed = 42;
const rand = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
for (let i = queries.length - 1; i > 0; i--) {
  const j = Math.floor(rand() * (i + 1));
  [queries[i], queries[j]] = [queries[j], queries[i]];
}
fs.writeFileSync(path.join(out, 'queries.txt'), `${queries.join('\n')}\n`);
console.log(`${serviceIndex} Services in ${namespaces} namespaces, ${queries.length} queries -> ${out}`);
