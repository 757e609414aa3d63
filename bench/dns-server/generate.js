#!/usr/bin/env node
/**
 * The model and the query file of the DNS server benchmark (bench/dns-server/run.sh). Deterministic.
 *
 * Usage: node bench/dns-server/generate.js OUT_DIR [SERVICES]   (default 10000 Services)
 * Writes OUT_DIR/manifests/ns-<n>.yaml (100 Services per namespace: 90 ClusterIP with two named ports, 10 headless
 * with 3 ready endpoints each in an EndpointSlice) and OUT_DIR/queries.txt (dnsperf format `name type`): one line
 * per Service in a shuffled order, A for 80%, SRV `_http._tcp` for 10%, PTR of the ClusterIP for 5%, and an unknown
 * name (NXDOMAIN) for 5%, the mix of a cluster's internal look-ups.
 */
const fs = require('fs');
const path = require('path');

const out = process.argv[2];
const total = Number(process.argv[3] ?? 10000);
if (!out || !Number.isInteger(total) || total < 100) {
  console.error('usage: node bench/dns-server/generate.js OUT_DIR [SERVICES>=100]');
  process.exit(2);
}
const PER_NS = 100;
const namespaces = Math.ceil(total / PER_NS);
fs.mkdirSync(path.join(out, 'manifests'), { recursive: true });

const queries = [];
let serviceIndex = 0;
for (let n = 0; n < namespaces; n++) {
  const ns = `team-${n}`;
  const docs = [`apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${ns}\n`];
  for (let i = 0; i < PER_NS && serviceIndex < total; i++, serviceIndex++) {
    const name = `svc-${i}`;
    const fqdn = `${name}.${ns}.svc.cluster.local.`;
    const headless = i % 10 === 9;
    // ClusterIPs 10.96.0.0/12 by service index (never .0): unique and known, so PTR queries can be generated.
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
    const r = serviceIndex % 20;
    if (r < 16) queries.push(`${fqdn} A`);
    else if (r < 18) queries.push(`_http._tcp.${fqdn} SRV`);
    else if (r === 18 && !headless) queries.push(`${ip.split('.').reverse().join('.')}.in-addr.arpa. PTR`);
    else if (r === 18) queries.push(`${fqdn} A`);
    else queries.push(`missing-${i}.${ns}.svc.cluster.local. A`);
  }
  fs.writeFileSync(path.join(out, 'manifests', `ns-${n}.yaml`), docs.join('---\n'));
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
