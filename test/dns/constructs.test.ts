// The background articles' names, built with this library's constructs and resolved in-process through
// ClusterDns.fromChart (no files written): what `kubectl exec ... host -v` / `nslookup` would show after a deploy.
import { App, Chart } from 'cdk8s';
import { EXTERNAL_HOST, MigrationChart } from '../../examples/migration/app';
import { ExternalDependency, HeadlessStatefulSet, MigratingDatabase, MigrationPhase, SelectorlessIpService } from '../../src';
import { ClusterDns, DnsRecordType } from '../../src/dns/cluster-dns';

const short = (r: { rcode: string; answers: { type: string; data: string }[] }) =>
  ({ rcode: r.rcode, answers: r.answers.map((a) => `${a.type} ${a.data}`) });

describe('ExternalDependency (ExternalName)', () => {
  const app = new App();
  const chart = new Chart(app, 'default', { namespace: 'default' });
  new ExternalDependency(chart, 'external-service', { externalName: 'github.com', name: 'external-service' });
  const production = new Chart(app, 'production', { namespace: 'production' });
  new ExternalDependency(production, 'database', { externalName: 'mydb.abc123.us-east-1.rds.amazonaws.com', name: 'database' });
  const dns = ClusterDns.fromChart(app);

  test('external-service from default: the CNAME to github.com (host -v -t a external-service)', () => {
    const r = dns.resolve('external-service', { namespace: 'default' });
    expect(r.tried).toEqual(['external-service.default.svc.cluster.local.']);
    expect(short(r)).toEqual({ rcode: 'NOERROR', answers: ['CNAME github.com.'] });
  });
  test('external-service -t cname', () => {
    expect(short(dns.resolve('external-service', { namespace: 'default', type: DnsRecordType.CNAME })).answers).toEqual(['CNAME github.com.']);
  });
  test('database.production.svc.cluster.local: the CNAME to the RDS host', () => {
    expect(short(dns.resolve('database.production.svc.cluster.local')).answers).toEqual(['CNAME mydb.abc123.us-east-1.rds.amazonaws.com.']);
  });
  test('a short name does not reach another namespace (rule 46)', () => {
    expect(dns.resolve('database', { namespace: 'default' }).rcode).toBe('NXDOMAIN');
  });
});

describe('HeadlessStatefulSet', () => {
  const app = new App();
  const chart = new Chart(app, 'redis', { namespace: 'default' });
  new HeadlessStatefulSet(chart, 'redis', { name: 'redis', headlessServiceName: 'redis-headless', image: 'redis:7', ports: [{ name: 'redis', port: 6379 }], replicas: 3 });
  new HeadlessStatefulSet(chart, 'db', { name: 'db', headlessServiceName: 'db-headless', image: 'postgres:16', ports: [{ name: 'postgres', port: 5432 }], replicas: 3 });
  const dns = ClusterDns.fromChart(chart);

  test('redis-0.redis-headless: one A record (nslookup redis-0.redis-headless)', () => {
    const r = dns.resolve('redis-0.redis-headless', { namespace: 'default' });
    expect(r.question.name).toBe('redis-0.redis-headless.default.svc.cluster.local.');
    expect(r.answers.map((a) => a.type)).toEqual(['A']);
    expect(r.answers[0].simulated).toBe(true);
  });
  test('db-headless: the pod IPs, one per replica (nslookup db-headless)', () => {
    const r = dns.resolve('db-headless', { namespace: 'default' });
    expect(r.answers).toHaveLength(3);
    const perPod = [0, 1, 2].map((i) => dns.resolve(`db-${i}.db-headless`, { namespace: 'default' }).answers[0].data);
    expect(r.answers.map((a) => a.data).sort()).toEqual(perPod.sort());
  });
  test('SRV of the named port lists every pod name', () => {
    const r = dns.resolve('_redis._tcp.redis-headless.default.svc.cluster.local', { type: DnsRecordType.SRV });
    expect(r.answers.map((a) => a.data.split(' ').slice(2).join(' ')).sort()).toEqual(
      [0, 1, 2].map((i) => `6379 redis-${i}.redis-headless.default.svc.cluster.local.`));
  });
  test('redis-3 does not exist', () => {
    expect(dns.resolve('redis-3.redis-headless', { namespace: 'default' }).rcode).toBe('NXDOMAIN');
  });
});

describe('MigratingDatabase: database.production across phases', () => {
  const build = (phase: MigrationPhase) => {
    const app = new App();
    const chart = new Chart(app, 'production', { namespace: 'production' });
    new MigratingDatabase(chart, 'database', {
      name: 'database',
      externalName: 'prod-db.abc123.us-east-1.rds.amazonaws.com',
      port: 5432,
      phase,
      inCluster: { image: 'postgres:16', name: 'postgres', ports: [{ name: 'postgres', port: 5432 }], storage: { size: '1Gi' } },
    });
    return ClusterDns.fromChart(chart);
  };
  test('EXTERNAL: a CNAME', () => {
    const r = build(MigrationPhase.EXTERNAL).resolve('database.production', { namespace: 'default' });
    expect(short(r)).toEqual({ rcode: 'NOERROR', answers: ['CNAME prod-db.abc123.us-east-1.rds.amazonaws.com.'] });
  });
  test('INTERNAL: an A record', () => {
    const r = build(MigrationPhase.INTERNAL).resolve('database.production', { namespace: 'default' });
    expect(r.rcode).toBe('NOERROR');
    expect(r.answers.map((a) => a.type)).toEqual(['A']);
  });
});

describe('SelectorlessIpService', () => {
  const app = new App();
  const chart = new Chart(app, 'production', { namespace: 'production' });
  new SelectorlessIpService(chart, 'external-api', {
    name: 'external-api', addresses: ['203.0.113.10', '203.0.113.11'], ports: [{ name: 'https', port: 443, targetPort: 8443 }],
  });
  new SelectorlessIpService(chart, 'external-api-hs', {
    name: 'external-api-hs', headless: true, addresses: ['203.0.113.10', '203.0.113.11'], ports: [{ name: 'https', port: 443 }],
  });
  const dns = ClusterDns.fromChart(chart);

  test('a ClusterIP Service: one A record (the ClusterIP)', () => {
    expect(dns.resolve('external-api.production.svc.cluster.local').answers.map((a) => a.type)).toEqual(['A']);
  });
  test('headless: every address', () => {
    expect(short(dns.resolve('external-api-hs.production.svc.cluster.local')).answers.sort()).toEqual(['A 203.0.113.10', 'A 203.0.113.11']);
  });
  test('each address has a PTR back to the Service', () => {
    expect(dns.resolve('203.0.113.10', { type: DnsRecordType.PTR }).answers.map((a) => a.data).join(' ')).toMatch(/\.external-api(-hs)?\.production\.svc\.cluster\.local\./);
  });
});

describe('the migration example app (examples/migration/app.ts): database.production per phase', () => {
  const build = (phase: string) => {
    const app = new App();
    app.node.setContext(MigratingDatabase.PHASE_CONTEXT_KEY, phase);
    return ClusterDns.fromChart(new MigrationChart(app, 'migration'));
  };
  test.each([
    ['external', [`CNAME ${EXTERNAL_HOST}.`]],
    ['sync', [`CNAME ${EXTERNAL_HOST}.`]],
  ])('phase %s: the orders pod finds a CNAME to the managed database', (phase, answers) => {
    const r = build(phase).resolve('database', { namespace: 'production' });
    expect(short(r)).toEqual({ rcode: 'NOERROR', answers });
  });
  test('phase internal: the orders pod finds one A record (the in-cluster Service)', () => {
    const r = build('internal').resolve('database', { namespace: 'production' });
    expect(r.answers.map((a) => a.type)).toEqual(['A']);
  });
  test('phase internal: database.production from another namespace too', () => {
    expect(build('internal').resolve('database.production', { namespace: 'default' }).answers.map((a) => a.type)).toEqual(['A']);
  });
});
