/**
 * This library's four constructs and cdk8s-plus-28 objects in one app, the way a user composes them: the checker must
 * find nothing in what they synthesize, in memory (`ServiceChecker.check`) and as cdk8s-cli's validation plugin reads
 * the files of `cdk8s synth`, with and without `complete`. cdk8s-plus names its objects with hashes
 * (`shop-web-service-c8...`), selects pods by `cdk8s.io/metadata.addr`, makes Services with `exposeViaService()`,
 * Ingresses with `addRule`, NetworkPolicies with `connections.allowTo/allowFrom`, hashed ConfigMaps and ServiceAccounts.
 */
import * as fs from 'fs';
import * as path from 'path';
import { ApiObject, App, Chart, Cron } from 'cdk8s';
import { ValidationContext } from 'cdk8s-cli/plugins';
import * as kplus from 'cdk8s-plus-28';
import {
  ExternalDependency, HeadlessStatefulSet, MigratingDatabase, MigrationPhase, SelectorlessIpService, ServiceReference,
} from '../../src';
import { ServiceChecker } from '../../src/checks/service-checker';
import { ServiceDiscoveryValidation } from '../../src/plugin/service-discovery-validation';
import { testApp } from '../test-app';

type Obj = { [key: string]: any };

/** Two charts, each with its namespace and Namespace object: the shop, and an edge proxy in front of it. */
function composeApp(app: App, phase: MigrationPhase): Chart[] {
  const shop = new Chart(app, 'shop', { namespace: 'shop' });
  new kplus.Namespace(shop, 'namespace', { metadata: { name: 'shop' } });

  const ordersDb = new ExternalDependency(shop, 'orders-db', {
    externalName: 'orders.abc123.eu-west-1.rds.amazonaws.com',
    ports: [{ name: 'postgres', port: 5432 }],
  });
  const legacy = new SelectorlessIpService(shop, 'legacy-api', {
    addresses: ['203.0.113.10', '203.0.113.11'],
    ports: [{ name: 'https', port: 443 }],
  });
  const cache = new HeadlessStatefulSet(shop, 'cache', {
    image: 'redis:7', ports: [{ name: 'redis', port: 6379 }], replicas: 3, clientService: {},
  });
  const ledger = new MigratingDatabase(shop, 'ledger-db', {
    externalName: 'ledger.abc123.eu-west-1.rds.amazonaws.com',
    port: 5432,
    phase,
    inCluster: { image: 'postgres:16', ports: [{ name: 'postgres', port: 5432 }], storage: { size: '20Gi' } },
  });

  // cdk8s-plus objects with generated (hashed) names, using the constructs' names
  const config = new kplus.ConfigMap(shop, 'config', {
    data: { ORDERS_DB_HOST: ordersDb.fqdn, LEGACY_API_HOST: legacy.fqdn, REDIS_PRIMARY: cache.podDnsName(0) },
  });
  const web = new kplus.Deployment(shop, 'web', {
    replicas: 2,
    serviceAccount: new kplus.ServiceAccount(shop, 'web-sa'),
    containers: [{
      image: 'ghcr.io/example/web:1.0.0',
      portNumber: 8080,
      envFrom: [kplus.Env.fromConfigMap(config)],
      envVariables: { ...ledger.connectionEnvVariables({ prefix: 'LEDGER_DB' }) },
      securityContext: { user: 1000 },
    }],
  });
  const webService = web.exposeViaService();
  const api = new kplus.Deployment(shop, 'api', {
    containers: [{ image: 'ghcr.io/example/api:1.0.0', ports: [{ number: 9000, name: 'http' }], securityContext: { user: 1000 } }],
  });
  const apiService = api.exposeViaService({ ports: [{ port: 80, targetPort: 9000, name: 'http' }] });
  const ingress = new kplus.Ingress(shop, 'ingress');
  ingress.addRule('/', kplus.IngressBackend.fromService(webService));
  ingress.addHostRule('api.example.com', '/v1', kplus.IngressBackend.fromService(apiService));
  apiService.exposeViaIngress('/api');
  web.connections.allowTo(kplus.Pods.select(shop, 'cache-pods', { labels: cache.selectorLabels }), { ports: [kplus.NetworkPolicyPort.tcp(6379)] });
  web.connections.allowTo(kplus.NetworkPolicyIpBlock.ipv4(shop, 'legacy-block', '203.0.113.0/24'));
  // allowTo isolates web for egress: without DNS to the cluster DNS pods no name resolves (networkpolicy-blocks-dns)
  const dnsPods = kplus.Pods.select(shop, 'dns-pods', {
    labels: { 'k8s-app': 'kube-dns' }, namespaces: kplus.Namespaces.select(shop, 'dns-namespace', { names: ['kube-system'] }),
  });
  web.connections.allowTo(dnsPods, {
    ports: [kplus.NetworkPolicyPort.udp(53), kplus.NetworkPolicyPort.tcp(53)], isolation: kplus.PodConnectionsIsolation.POD,
  });
  api.connections.allowFrom(web);
  new kplus.StatefulSet(shop, 'search', {
    containers: [{ image: 'opensearchproject/opensearch:2', portNumber: 9200, securityContext: { user: 1000 } }],
  });
  new kplus.Service(shop, 'saas', { type: kplus.ServiceType.EXTERNAL_NAME, externalName: 'api.stripe.com', ports: [{ port: 443 }] });
  new kplus.CronJob(shop, 'report', {
    schedule: Cron.daily(),
    containers: [{ image: 'ghcr.io/example/report:1.0.0', securityContext: { user: 1000 } }],
  });

  // the edge: an alias to the shop's hashed web Service, a cdk8s-plus Deployment that uses it, an Ingress to that
  const edge = new Chart(app, 'edge', { namespace: 'edge' });
  new kplus.Namespace(edge, 'namespace', { metadata: { name: 'edge' } });
  const shopWeb = new ExternalDependency(edge, 'shop-web', {
    targetService: ServiceReference.fromName('shop', webService.name), ports: [{ name: 'http', port: 80 }],
  });
  const proxyService = new kplus.Deployment(edge, 'proxy', {
    containers: [{
      image: 'nginx:1.27',
      portNumber: 8080,
      securityContext: { user: 101 },
      envVariables: { UPSTREAM: kplus.EnvValue.fromValue(`http://${shopWeb.fqdn}`) },
    }],
  }).exposeViaService({ serviceType: kplus.ServiceType.NODE_PORT, ports: [{ port: 80, targetPort: 8080, name: 'http' }] });
  new ApiObject(edge, 'edge-ingress', {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: { name: 'edge' },
    spec: { rules: [{ host: 'www.example.com', http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: proxyService.name, port: { name: 'http' } } } }] } }] },
  });
  return [shop, edge];
}

const PHASES = [
  { phase: MigrationPhase.EXTERNAL },
  { phase: MigrationPhase.SYNC },
  { phase: MigrationPhase.INTERNAL },
];

describe('this library\'s constructs and cdk8s-plus-28 in one app', () => {
  test('synthesize the cdk8s-plus shapes the checker must read (hashed names, metadata.addr selectors)', () => {
    const objects = composeApp(testApp(), MigrationPhase.SYNC).flatMap((c) => c.toJson() as Obj[]);
    const names = (kind: string) => objects.filter((o) => o.kind === kind).map((o) => o.metadata.name);
    expect(names('Service')).toEqual(expect.arrayContaining([
      'orders-db', 'legacy-api', 'cache', 'cache-headless', 'ledger-db', expect.stringMatching(/^shop-web-service-c8[0-9a-f]{6}$/),
    ]));
    expect(names('NetworkPolicy')).toHaveLength(6);
    expect(names('Ingress')).toEqual([expect.stringMatching(/-c8[0-9a-f]{6}$/), expect.stringMatching(/-c8[0-9a-f]{6}$/), 'edge']);
    const webService = objects.find((o) => o.kind === 'Service' && /^shop-web-service-/.test(o.metadata.name));
    expect(Object.keys(webService?.spec.selector ?? {})).toEqual(['cdk8s.io/metadata.addr']);
  });

  test.each(PHASES)('the checker finds nothing in memory, partial and complete, migration phase $phase', ({ phase }) => {
    const objects = composeApp(testApp(), phase).flatMap((c) => c.toJson() as Obj[]);
    for (const complete of [false, true]) {
      const report = ServiceChecker.check(objects, { defaultNamespace: 'default', complete });
      expect({ complete, findings: report.findings.map((f) => `${f.rule} ${f.resource}: ${f.message}`) }).toEqual({ complete, findings: [] });
    }
  });

  test.each(PHASES)('the validation plugin passes `cdk8s synth`\'s files with complete and info, migration phase $phase', async ({ phase }) => {
    // GIVEN the app synthesized as `cdk8s synth` writes it: one file per chart
    const app = testApp();
    composeApp(app, phase);
    app.synth();
    const files = fs.readdirSync(app.outdir).filter((f) => f.endsWith('.k8s.yaml')).map((f) => path.join(app.outdir, f));
    expect(files.map((f) => path.basename(f)).sort()).toEqual(['edge.k8s.yaml', 'shop.k8s.yaml']);
    // WHEN
    const context = new ValidationContext(files, 'cdk8s-service-discovery', '0.0.0');
    await new ServiceDiscoveryValidation({ complete: true, reportInfo: true, failOnWarnings: true }).validate(context);
    // THEN
    expect(context.report.toJson().violations).toEqual([]);
    expect(context.report.success).toBe(true);
  });
});
