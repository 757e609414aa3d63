// GIVEN Services that ask the API server's allocators for node ports and cluster IPs, in files, kustomize roots and
// live exports, WHEN checked, THEN two different Services applied together on one value are one finding (an error when
// one file or one kustomize build holds them, a warning across plain files), one Service asking for one node port
// twice is an error, and node ports outside 30000-32767 warn.
import * as path from 'path';
import { check } from '../../../src/checks/engine';
import type { Finding } from '../../../src/checks/rule';
import { MAX_LISTED_SERVICES, serviceAllocationConflict } from '../../../src/checks/rules/service-allocation-conflict';
import { ClusterModel } from '../../../src/model/cluster-model';
import { loadManifests } from '../../../src/model/load';
import type { ManifestDocument } from '../../../src/model/manifest';
import { cpuClock } from '../../cpu-clock';
import { tempDirEach, writeTree } from '../../model/file-tree';
import { service } from '../builders';

type Obj = { [key: string]: any };

/** A NodePort Service with one TCP port 80 on `nodePort`. */
const nodePort = (name: string, np: number, meta: Obj = {}, spec: Obj = {}) => service(name, { type: 'NodePort', ports: [{ port: 80, nodePort: np }], ...spec }, meta);
/** A ClusterIP Service pinned to `ip` (clusterIP only) or `ips` (clusterIPs too). */
const pinned = (name: string, ips: string[], meta: Obj = {}, spec: Obj = {}) => service(name, ips.length === 1 ? { clusterIP: ips[0], ...spec } : { clusterIP: ips[0], clusterIPs: ips, ipFamilyPolicy: 'PreferDualStack', ...spec }, meta);
/** A LoadBalancer with externalTrafficPolicy `policy` and `healthCheckNodePort`. */
const healthChecked = (name: string, hc: number, policy = 'Local') => service(name, { type: 'LoadBalancer', externalTrafficPolicy: policy, healthCheckNodePort: hc });
const uid = (n: number) => ({ uid: `0e7c-${n}`, resourceVersion: `${n}` });

/** Objects placed in files: `[object, file]` (line 1 + 10 per earlier document of the file). */
function placed(objects: [Obj, string][], roots: (readonly string[] | undefined)[] = []): ManifestDocument[] {
  const count = new Map<string, number>();
  return objects.map(([object, file], i) => {
    const n = (count.get(file) ?? 0) + 1;
    count.set(file, n);
    const kustomizeRoots = roots[i];
    return { object, source: { file, document: n, line: 1 + 10 * (n - 1), ...kustomizeRoots ? { kustomizeRoots } : {} } };
  });
}

function findings(docs: ManifestDocument[]): Finding[] {
  return [...check(ClusterModel.fromDocuments(docs), { rules: [serviceAllocationConflict] }).findings];
}

const TAKEN_PORT = (name: string, field: string, port: number) => `"Service \\\\?"${name}\\\\?" is invalid: ${field.replace(/[[\].]/g, '\\$&')}: Invalid value: ${port}: provided port is already allocated"`;

describe('service-allocation-conflict', () => {
  test.each<[string, [Obj, string][], { level: string; resource: string; message: string }[]]>([
    ['a nodePort twice in one file: an error naming both places, the API server\'s error and the fix',
      [[nodePort('a', 30080), 'svc.yaml'], [nodePort('b', 30080, { namespace: 'shop' }), 'svc.yaml']],
      [{ level: 'error', resource: 'Service/default/a', message: `^Service default/a asks for node port 30080 \\(spec\\.ports\\[0\\]\\.nodePort at svc\\.yaml:1\\), and so does Service shop/b \\(spec\\.ports\\[0\\]\\.nodePort at svc\\.yaml:11\\): one file holds them, and the cluster allocates each node port once, whatever the namespace and protocol, so the API server rejects whichever is created later \\(${TAKEN_PORT('b', 'spec.ports[0].nodePort', 30080)}\\)\\. Fix: remove nodePort \\(or healthCheckNodePort\\) from all but one of them to let the cluster allocate a free one, or give each its own\\.$` }]],
    ['a nodePort in two plain files: a warning (the files may be for different clusters)',
      [[nodePort('a', 30080), 'dev/a.yaml'], [nodePort('b', 30080), 'prod/b.yaml']],
      [{ level: 'warning', resource: 'Service/default/a', message: '^Service default/a asks for node port 30080 \\(spec\\.ports\\[0\\]\\.nodePort at dev/a\\.yaml:1\\), and so does Service default/b \\(spec\\.ports\\[0\\]\\.nodePort at prod/b\\.yaml:1\\): when their files are applied to one cluster \\(a repository may hold the folders of several\\), the cluster allocates each node port once.*\\. Fix: .*$' }]],
    ['two in one file and one in another: the error in the file, and a warning across files',
      [[nodePort('a', 30080), 'a.yaml'], [nodePort('b', 30080), 'b.yaml'], [nodePort('c', 30080), 'b.yaml']],
      [{ level: 'warning', resource: 'Service/default/a', message: '^Service default/a asks for node port 30080 \\(.*a\\.yaml:1\\), and so do Service default/b \\(.*b\\.yaml:1\\), Service default/c \\(.*b\\.yaml:11\\): when their files' },
        { level: 'error', resource: 'Service/default/b', message: '^Service default/b asks for node port 30080 \\(.*b\\.yaml:1\\), and so does Service default/c \\(.*b\\.yaml:11\\): one file holds them' }]],
    ['one Service with one nodePort for TCP and UDP of port 53 (initNodePorts allocates it once)',
      [[service('dns', { type: 'NodePort', ports: [{ name: 'tcp', port: 53, protocol: 'TCP', nodePort: 30053 }, { name: 'udp', port: 53, protocol: 'UDP', nodePort: 30053 }] }), 'dns.yaml']], []],
    ['one Service with one nodePort under two port numbers of two protocols: allocated twice, so rejected',
      [[service('dns', { type: 'NodePort', ports: [{ name: 'tcp', port: 53, protocol: 'TCP', nodePort: 30053 }, { name: 'metrics', port: 9153, protocol: 'UDP', nodePort: 30053 }] }), 'dns.yaml']],
      [{ level: 'error', resource: 'Service/default/dns', message: `^Service default/dns asks for node port 30053 twice \\(spec\\.ports\\[0\\]\\.nodePort and spec\\.ports\\[1\\]\\.nodePort at dns\\.yaml:1\\): the cluster allocates each node port once, and one Service shares a nodePort only between the protocols of one port number, so the API server rejects the Service \\(${TAKEN_PORT('dns', 'spec.ports[1].nodePort', 30053)}\\)\\. Fix: give spec\\.ports\\[1\\]\\.nodePort a port of its own, or remove it to let the cluster allocate one\\.$` }]],
    ['one Service with one nodePort under two port numbers of one protocol (service-invalid: Duplicate value)',
      [[service('web', { type: 'NodePort', ports: [{ name: 'a', port: 80, nodePort: 30080 }, { name: 'b', port: 81, nodePort: 30080 }] }), 'web.yaml']], []],
    ['a LoadBalancer whose healthCheckNodePort is one of its own nodePorts: allocated after them, so rejected',
      [[service('lb', { type: 'LoadBalancer', externalTrafficPolicy: 'Local', healthCheckNodePort: 30080, ports: [{ port: 80, nodePort: 30080 }] }), 'lb.yaml']],
      [{ level: 'error', resource: 'Service/default/lb', message: '^Service default/lb asks for node port 30080 twice \\(spec\\.ports\\[0\\]\\.nodePort and spec\\.healthCheckNodePort at lb\\.yaml:1\\): the cluster allocates the nodePorts first and then the healthCheckNodePort, each node port once, so the API server rejects the Service \\("Internal error occurred: failed to allocate requested HealthCheck NodePort 30080: provided port is already allocated"\\)\\. Fix: give spec\\.healthCheckNodePort a port of its own, or remove it to let the cluster allocate one\\.$' }]],
    ['one Service with two nodePorts for TCP and UDP of one port number (each allocated once)',
      [[service('dns', { type: 'NodePort', ports: [{ name: 'tcp', port: 53, protocol: 'TCP', nodePort: 30053 }, { name: 'udp', port: 53, protocol: 'UDP', nodePort: 30054 }] }), 'dns.yaml']], []],
    ['a healthCheckNodePort (LoadBalancer, externalTrafficPolicy Local) on another Service\'s nodePort: the same allocator',
      [[nodePort('a', 30080), 'svc.yaml'], [healthChecked('lb', 30080), 'svc.yaml']],
      [{ level: 'error', resource: 'Service/default/a', message: '^Service default/a asks for node port 30080 .*, and so does Service default/lb \\(spec\\.healthCheckNodePort at svc\\.yaml:11\\): one file holds them.*\\("Internal error occurred: failed to allocate requested HealthCheck NodePort 30080: provided port is already allocated"\\)' }]],
    ['a healthCheckNodePort under externalTrafficPolicy Cluster (not allocated; service-invalid rejects it)',
      [[nodePort('a', 30080), 'svc.yaml'], [healthChecked('lb', 30080, 'Cluster'), 'svc.yaml']], []],
    ['a nodePort on a ClusterIP Service (rejected by service-invalid, allocates nothing)',
      [[nodePort('a', 30080), 'svc.yaml'], [service('b', { ports: [{ port: 80, nodePort: 30080 }] }), 'svc.yaml']], []],
    ['a Service the API server rejects anyway (an invalid name) allocates nothing',
      [[nodePort('a', 30080), 'svc.yaml'], [nodePort('B_bad', 30080), 'svc.yaml']], []],
    ['different nodePorts', [[nodePort('a', 30080), 'svc.yaml'], [nodePort('b', 30081), 'svc.yaml']], []],
    ['a static clusterIP twice in one file: an error with the API server\'s error',
      [[pinned('a', ['10.96.0.50']), 'svc.yaml'], [pinned('b', ['10.96.0.50']), 'svc.yaml']],
      [{ level: 'error', resource: 'Service/default/a', message: '^Service default/a asks for cluster IP 10\\.96\\.0\\.50 \\(spec\\.clusterIP at svc\\.yaml:1\\), and so does Service default/b \\(spec\\.clusterIP at svc\\.yaml:11\\): one file holds them, and the cluster allocates each cluster IP once per IP family, so the API server rejects whichever is created later \\("Service "b" is invalid: spec\\.clusterIPs: Invalid value: \\[\\]string\\{"10\\.96\\.0\\.50"\\}: failed to allocate IP 10\\.96\\.0\\.50: provided IP is already allocated"\\)\\. Fix: remove clusterIP and clusterIPs from all but one of them .*$' }]],
    ['the same IP written with leading zeros (ParseIPSloppy reads 010 as 10)',
      [[pinned('a', ['10.96.0.50']), 'svc.yaml'], [pinned('b', ['010.96.0.050']), 'svc.yaml']],
      [{ level: 'error', resource: 'Service/default/a', message: '^Service default/a asks for cluster IP 10\\.96\\.0\\.50 .*Service default/b \\(spec\\.clusterIP at svc\\.yaml:11\\).*failed to allocate IP 010\\.96\\.0\\.050: provided IP is already allocated' }]],
    ['clusterIP None twice (headless: nothing allocated)', [[pinned('a', ['None']), 'svc.yaml'], [pinned('b', ['None']), 'svc.yaml']], []],
    ['dual-stack: the IPv6 entry of clusterIPs is taken by another Service (written otherwise)',
      [[pinned('a', ['10.96.0.50', 'fd00:10:96::50']), 'svc.yaml'], [pinned('b', ['fd00:10:96:0::50'], {}, { ipFamilies: ['IPv6'] }), 'svc.yaml']],
      [{ level: 'error', resource: 'Service/default/a', message: '^Service default/a asks for cluster IP fd00:10:96::50 \\(spec\\.clusterIPs\\[1\\] at svc\\.yaml:1\\), and so does Service default/b \\(spec\\.clusterIP at svc\\.yaml:11\\).*once per IP family.*\\[\\]string\\{"fd00:10:96:0::50"\\}' }]],
    ['dual-stack: different IPs of each family', [[pinned('a', ['10.96.0.50', 'fd00:10:96::50']), 'svc.yaml'], [pinned('b', ['10.96.0.51', 'fd00:10:96::51']), 'svc.yaml']], []],
    ['an ExternalName Service allocates no cluster IP', [[service('a', { type: 'ExternalName', externalName: 'db.example.com', ports: [] }), 'svc.yaml'], [pinned('b', ['10.96.0.50']), 'svc.yaml']], []],
    ['the same Service defined twice (object-defined-twice, not a conflict)', [[nodePort('a', 30080), 'a.yaml'], [nodePort('a', 30080, {}, { selector: { app: 'v2' } }), 'a.yaml']], []],
    ['a live export (metadata.uid): a cluster\'s own allocations',
      [[nodePort('a', 30080, uid(1)), 'dump.yaml'], [nodePort('b', 30080, uid(2)), 'dump.yaml'], [pinned('c', ['10.96.0.50'], uid(3)), 'dump.yaml'], [pinned('d', ['10.96.0.50'], uid(4)), 'dump.yaml']], []],
    ['a nodePort outside 30000-32767: a warning naming --service-node-port-range',
      [[nodePort('web', 8080), 'svc.yaml']],
      [{ level: 'warning', resource: 'Service/default/web', message: '^Service default/web asks for node port outside 30000-32767, kube-apiserver\'s default --service-node-port-range \\(spec\\.ports\\[0\\]\\.nodePort 8080\\): unless the cluster sets a range that holds it, the API server rejects the Service \\("Service "web" is invalid: spec\\.ports\\[0\\]\\.nodePort: Invalid value: 8080: provided port is not in the valid range\\. The range of valid ports is 30000-32767"\\)\\. Fix: remove the nodePort to let the cluster allocate one, or pick a port in the cluster\'s range\\.$' }]],
    ['a healthCheckNodePort outside the range: the API server\'s internal error',
      [[healthChecked('lb', 80), 'svc.yaml']],
      [{ level: 'warning', resource: 'Service/default/lb', message: '^Service default/lb asks for node port outside .*\\(spec\\.healthCheckNodePort 80\\).*\\("Internal error occurred: failed to allocate requested HealthCheck NodePort 80: provided port is not in the valid range\\. The range of valid ports is 30000-32767"\\)' }]],
    ['a nodePort the field validation rejects (70000) is service-invalid\'s', [[nodePort('web', 70000), 'svc.yaml']], []],
    ['the range edges 30000 and 32767', [[service('web', { type: 'NodePort', ports: [{ name: 'a', port: 80, nodePort: 30000 }, { name: 'b', port: 81, nodePort: 32767 }] }), 'svc.yaml']], []],
  ])('%s', (_what, objects, expected) => {
    const found = findings(placed(objects));
    expect(found.map((f) => [f.level, f.resource])).toEqual(expected.map((e) => [e.level, e.resource]));
    found.forEach((f, i) => expect(f.message).toMatch(new RegExp(expected[i].message)));
  });

  test.each<[string, (readonly string[] | undefined)[], string[]]>([
    ['two files of one kustomize root: an error', [['app/kustomization.yaml'], ['app/kustomization.yaml']], ['error']],
    ['a base two roots build and a file of one of them: an error (one build holds both)', [['dev/kustomization.yaml', 'prod/kustomization.yaml'], ['prod/kustomization.yaml']], ['error']],
    ['two kustomize roots (built and applied on their own)', [['dev/kustomization.yaml'], ['prod/kustomization.yaml']], []],
    ['a kustomize root and a file outside every kustomization (applied on their own)', [['dev/kustomization.yaml'], undefined], []],
  ])('kustomize roots: %s', (_what, roots, levels) => {
    const docs = placed([[nodePort('a', 30080), 'a.yaml'], [nodePort('b', 30080), 'b.yaml']], roots);
    expect(findings(docs).map((f) => f.level)).toEqual(levels);
  });

  test('a nodePort that 3,000 Services share: one finding with a capped list of the others', () => {
    // GIVEN 3,000 Services of one file on node port 30080
    const objects: [Obj, string][] = Array.from({ length: 3000 }, (_, i) => [nodePort(`s${String(i).padStart(4, '0')}`, 30080), 'many.yaml']);

    // WHEN checked
    const found = findings(placed(objects));

    // THEN one finding on the first, naming MAX_LISTED_SERVICES others and counting the rest
    expect(found).toHaveLength(1);
    expect(found[0].resource).toBe('Service/default/s0000');
    expect(found[0].message).toMatch(/and so do Service default\/s0001 .*, Service default\/s0010 \(spec\.ports\[0\]\.nodePort at many\.yaml:101\) and 2989 more: one file holds them/);
    expect(found[0].message.match(/Service default\//g)).toHaveLength(1 + MAX_LISTED_SERVICES);
  });
});

describe('service-allocation-conflict on many roots of one base', () => {
  test('1,000 Services of 50 node ports each, which 1,000 overlays build alike: a finding per port, the overlays judged once', () => {
    // GIVEN 1,000 Services that each ask for node ports 30000-30049, in a base that 1,000 overlays build (2 MB: one copy
    // of each Service, whose roots are the 1,000 overlays)
    const roots = Array.from({ length: 1000 }, (_, i) => `o${i}/kustomization.yaml`);
    const ports = Array.from({ length: 50 }, (_, p) => ({ name: `p${p}`, port: p + 1, nodePort: 30000 + p }));
    const objects: [Obj, string][] = Array.from({ length: 1000 }, (_, i) => [service(`s${i}`, { type: 'NodePort', ports }), 'base/s.yaml']);
    // WHEN checked
    const cpuMs = cpuClock();
    const found = findings(placed(objects, objects.map(() => roots)));
    // THEN one error per port, on the first Service, naming ten others and counting the rest
    expect(found).toHaveLength(50);
    expect(new Set(found.map((f) => `${f.level} ${f.resource}`))).toEqual(new Set(['error Service/default/s0']));
    expect(found[0].message).toMatch(/and 989 more: one kustomize build holds them/);
    expect(cpuMs()).toBeLessThan(5000); // 16 s when each overlay's group was judged and all 999 others written out
  });
});

describe('service-allocation-conflict on a kustomize tree', () => {
  let dir: string;
  tempDirEach('cdk8s-dns-alloc-', (d) => { dir = d; });

  const SVC = (name: string, np: number) => `apiVersion: v1\nkind: Service\nmetadata:\n  name: ${name}\nspec:\n  type: NodePort\n  selector: {app: ${name}}\n  ports: [{port: 80, nodePort: ${np}}]\n`;
  const overlay = (env: string, extra = '') => ({ [`overlays/${env}/kustomization.yaml`]: `namespace: ${env}\nresources: [../../base${extra}]\n` });

  test.each<[string, Record<string, string>, { level: string; resource: string; message: RegExp }[]]>([
    ['copies of one base in two overlay namespaces: different roots, no conflict',
      { 'base/kustomization.yaml': 'resources: [svc.yaml]\n', 'base/svc.yaml': SVC('web', 30080), ...overlay('dev'), ...overlay('prod') }, []],
    ['an overlay\'s own Service on the base\'s nodePort: an error in that build only',
      {
        'base/kustomization.yaml': 'resources: [svc.yaml]\n',
        'base/svc.yaml': SVC('web', 30080),
        ...overlay('dev'),
        ...overlay('prod', ', admin.yaml'),
        'overlays/prod/admin.yaml': SVC('admin', 30080),
      },
      [{ level: 'error', resource: 'Service/prod/web', message: /^Service prod\/web asks for node port 30080 \(spec\.ports\[0\]\.nodePort at base\/svc\.yaml:1\), and so does Service prod\/admin \(spec\.ports\[0\]\.nodePort at overlays\/prod\/admin\.yaml:1\): one kustomize build holds them, .*\.$/ }]],
    ['two Services of a base on one nodePort, built by two overlays: one finding at the base, naming both builds',
      { 'base/kustomization.yaml': 'resources: [svc.yaml]\n', 'base/svc.yaml': `${SVC('web', 30080)}---\n${SVC('api', 30080)}`, ...overlay('dev'), ...overlay('prod') },
      [{ level: 'error', resource: 'Service/dev/web', message: /^Service dev\/web asks for node port 30080 .*Service dev\/api .*one kustomize build holds them.* The same holds in the kustomize builds of overlays\/dev, overlays\/prod \(namespaces dev, prod\)\.$/ }]],
  ])('%s', (_what, files, expected) => {
    writeTree(dir, files);
    const found = check(ClusterModel.fromDocuments(loadManifests([dir])), { rules: [serviceAllocationConflict] }).findings;
    const rel = (text: string) => text.split(`${dir}${path.sep}`).join('').split(path.sep).join('/');
    expect(found.map((f) => [f.level, f.resource])).toEqual(expected.map((e) => [e.level, e.resource]));
    found.forEach((f, i) => expect(rel(f.message)).toMatch(expected[i].message));
  });
});
