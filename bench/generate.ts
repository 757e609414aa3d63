/**
 * Generates realistic manifests for the checker and resolver benchmarks: one YAML file per namespace ("chart"),
 * 100 objects each, like `cdk8s synth` writes one file per chart.
 *
 * Every namespace holds every Service type (ClusterIP with selector, headless for StatefulSets, NodePort,
 * LoadBalancer, ExternalName to outside and to in-cluster names, selectorless with EndpointSlices and skip-mirror
 * Endpoints), the workloads they select (Deployments, StatefulSets, a DaemonSet), ConfigMaps whose values name
 * Services, and a realistic share of mistakes (about 5 findings per 100 objects: a selector that matches nothing, an
 * ExternalName to an IP, a named targetPort the pods do not declare, a workload env var naming a missing Service, a
 * selectorless Service without endpoints).
 *
 * Deterministic: the same size always gives the same bytes.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as yaml from 'js-yaml';

/** Objects per namespace (per file). */
export const OBJECTS_PER_NAMESPACE = 100;

type Obj = { [key: string]: any };

/** The 100 objects of namespace number `n`. */
export function namespaceObjects(n: number): Obj[] {
  const ns = `team-${n}`;
  const out: Obj[] = [];
  const meta = (name: string, labels?: Obj) => ({ name, namespace: ns, ...(labels ? { labels } : {}) });
  const appLabels = (app: string) => ({ 'app.kubernetes.io/name': app, 'app.kubernetes.io/part-of': ns });
  const container = (name: string, port: number, env: Obj[]) => ({
    name,
    image: `registry.example.com/${name}:1.${n % 7}.0`,
    ports: [{ name: 'http', containerPort: port, protocol: 'TCP' }, { name: 'metrics', containerPort: 9090 }],
    env,
    resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '256Mi' } },
  });

  // 12 Deployments, each with a ClusterIP Service (24 objects). Env vars name sibling Services in every shape
  // the checker reads: URL, host:port, <svc>.<ns>.svc, and one in another namespace.
  for (let i = 0; i < 12; i++) {
    const app = `api-${i}`;
    const env = [
      { name: 'UPSTREAM_URL', value: `http://api-${(i + 1) % 12}:8080/v1` },
      { name: 'CACHE_ADDR', value: `cache-0.cache-headless.${ns}.svc.cluster.local:6379` },
      { name: 'PEER', value: `api-${(i + 2) % 12}.${ns}.svc` },
      { name: 'SHARED', value: `api-0.team-${(n + 1) % 3}:8080` },
      { name: 'LOG_LEVEL', value: 'info' },
    ];
    // finding: a workload env var naming a Service that exists nowhere
    if (i === 0) env.push({ name: 'SEARCH_URL', value: 'http://search-backend:9200' });
    out.push({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: meta(app, appLabels(app)),
      spec: {
        replicas: 2,
        selector: { matchLabels: appLabels(app) },
        template: { metadata: { labels: appLabels(app) }, spec: { containers: [container(app, 8080, env)] } },
      },
    });
    // finding (i = 1): a selector that matches no template; (i = 2): a named targetPort no container declares
    const selector = i === 1 ? { 'app.kubernetes.io/name': 'api-one' } : appLabels(app);
    out.push({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: meta(app, appLabels(app)),
      spec: { selector, ports: [{ name: 'http', port: 8080, targetPort: i === 2 ? 'web' : 'http', protocol: 'TCP' }] },
    });
  }

  // 2 StatefulSets with their headless Services (4 objects).
  for (const [app, port] of [['cache', 6379], ['queue', 5672]] as const) {
    out.push({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: meta(`${app}-headless`, appLabels(app)),
      spec: { clusterIP: 'None', publishNotReadyAddresses: true, selector: appLabels(app), ports: [{ name: 'http', port, targetPort: 'http' }] },
    });
    out.push({
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: meta(app, appLabels(app)),
      spec: {
        serviceName: `${app}-headless`,
        replicas: 3,
        selector: { matchLabels: appLabels(app) },
        template: { metadata: { labels: appLabels(app) }, spec: { containers: [container(app, port, [])] } },
      },
    });
  }

  // A DaemonSet behind a NodePort Service, and a LoadBalancer in front of api-0 (3 objects).
  out.push({
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: meta('agent', appLabels('agent')),
    spec: { selector: { matchLabels: appLabels('agent') }, template: { metadata: { labels: appLabels('agent') }, spec: { containers: [container('agent', 8125, [])] } } },
  });
  out.push({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: meta('agent'),
    spec: { type: 'NodePort', selector: appLabels('agent'), ports: [{ name: 'http', port: 8125, targetPort: 8125, nodePort: 30000 + (n % 2000) }] },
  });
  out.push({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: meta('public'),
    spec: { type: 'LoadBalancer', selector: appLabels('api-0'), ports: [{ name: 'https', port: 443, targetPort: 'http' }] },
  });

  // 12 ExternalName Services: 10 to outside hosts, 1 alias of an in-cluster Service, 1 to an IP (finding) (12).
  for (let i = 0; i < 10; i++) {
    out.push({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: meta(`ext-${i}`),
      spec: { type: 'ExternalName', externalName: `svc-${i}.${ns}.example.com`, ports: [{ name: 'https', port: 443 }] },
    });
  }
  out.push({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: meta('cache-alias'),
    spec: { type: 'ExternalName', externalName: `cache-headless.${ns}.svc.cluster.local` },
  });
  out.push({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: meta('legacy-db'),
    spec: { type: 'ExternalName', externalName: `203.0.113.${n % 250}` },
  });

  // 8 selectorless Services with an EndpointSlice and skip-mirror Endpoints each (24), and one without
  // endpoints at all (finding) (1).
  for (let i = 0; i < 8; i++) {
    const name = `vm-${i}`;
    const ips = [0, 1, 2, 3].map((k) => `192.0.${(n * 8 + i) % 250}.${10 + k}`);
    out.push({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: meta(name),
      spec: { ports: [{ name: 'https', port: 443, targetPort: 8443, protocol: 'TCP' }] },
    });
    out.push({
      apiVersion: 'discovery.k8s.io/v1',
      kind: 'EndpointSlice',
      metadata: meta(`${name}-ipv4`, { 'kubernetes.io/service-name': name, 'endpointslice.kubernetes.io/managed-by': 'cdk8s-service-discovery' }),
      addressType: 'IPv4',
      endpoints: ips.map((ip) => ({ addresses: [ip], conditions: { ready: true } })),
      ports: [{ name: 'https', port: 8443, protocol: 'TCP' }],
    });
    out.push({
      apiVersion: 'v1',
      kind: 'Endpoints',
      metadata: meta(name, { 'endpointslice.kubernetes.io/skip-mirror': 'true' }),
      subsets: [{ addresses: ips.map((ip) => ({ ip })), ports: [{ name: 'https', port: 8443, protocol: 'TCP' }] }],
    });
  }
  out.push({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: meta('vm-missing'),
    spec: { ports: [{ name: 'https', port: 443, targetPort: 8443 }] },
  });

  // ConfigMaps naming Services, then filler ConfigMaps up to 100 objects.
  let c = 0;
  while (out.length < OBJECTS_PER_NAMESPACE) {
    out.push({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: meta(`config-${c}`),
      data: { API_URL: `http://api-${c % 12}:8080`, CACHE: `cache-headless.${ns}.svc:6379`, FEATURE_FLAGS: 'a,b,c', TIMEOUT: '30s' },
    });
    c++;
  }
  return out;
}

/** Writes `count` objects (rounded up to whole namespaces) to `dir`, one file per namespace. Returns the count. */
export function writeManifests(dir: string, count: number): { files: number; objects: number; bytes: number } {
  const namespaces = Math.ceil(count / OBJECTS_PER_NAMESPACE);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  let objects = 0;
  let bytes = 0;
  for (let n = 0; n < namespaces; n++) {
    const docs = namespaceObjects(n);
    objects += docs.length;
    const text = docs.map((d) => yaml.dump(d, { noRefs: true, lineWidth: -1 })).join('---\n');
    bytes += Buffer.byteLength(text);
    fs.writeFileSync(path.join(dir, `team-${String(n).padStart(4, '0')}.k8s.yaml`), text);
  }
  return { files: namespaces, objects, bytes };
}

/** All objects of `count` (rounded up to whole namespaces), in memory. */
export function generateObjects(count: number): Obj[] {
  const out: Obj[] = [];
  for (let n = 0; n < Math.ceil(count / OBJECTS_PER_NAMESPACE); n++) out.push(...namespaceObjects(n));
  return out;
}
