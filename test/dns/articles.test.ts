// The background articles' manifests (test/fixtures/dns/articles/), read from files through the CLI: every name the
// articles look up resolves as they show (up to upstream answers, which an offline resolver does not have).
import * as path from 'path';
import { run } from '../../src/cli/main';

const DIR = path.join(__dirname, '..', 'fixtures', 'dns', 'articles');

function resolve(name: string, ...args: string[]): { code: number; json: any } {
  let out = '';
  const code = run(['resolve', name, '--json', ...args], { stdout: (t) => (out += t), stderr: () => undefined });
  return { code, json: out ? JSON.parse(out) : undefined };
}
const data = (r: { json: any }) => r.json.answers.map((a: any) => `${a.type} ${a.data}`);
const ARTICLES = ['-f', path.join(DIR, 'services.yaml'), '-f', path.join(DIR, 'production.yaml')];

describe('dns-search-and-externalname.txt', () => {
  test('host -v -t a github.com: four candidates, then (no upstream) NXDOMAIN', () => {
    const r = resolve('github.com', '--namespace', 'default', ...ARTICLES);
    expect(r.json.tried).toEqual([
      'github.com.default.svc.cluster.local.', 'github.com.svc.cluster.local.', 'github.com.cluster.local.', 'github.com.',
    ]);
    expect([r.code, r.json.rcode]).toEqual([1, 'NXDOMAIN']);
  });
  test('host -v -t a external-service: one candidate, the CNAME to github.com', () => {
    const r = resolve('external-service', '--namespace', 'default', ...ARTICLES);
    expect(r.json.tried).toEqual(['external-service.default.svc.cluster.local.']);
    expect(data(r)).toEqual(['CNAME github.com.']);
  });
  test('host -v -t cname external-service', () => {
    expect(data(resolve('external-service', '--type', 'CNAME', '-n', 'default', ...ARTICLES))).toEqual(['CNAME github.com.']);
  });
  test('ext-service.default.svc.cluster.local: CNAME database.mycompany.com', () => {
    expect(data(resolve('ext-service.default.svc.cluster.local', ...ARTICLES))).toEqual(['CNAME database.mycompany.com.']);
  });
});

describe('headless-selectorless-and-debugging.txt', () => {
  test('nslookup db-headless: the three pod IPs', () => {
    const r = resolve('db-headless', '-n', 'default', ...ARTICLES);
    expect(r.json.question.name).toBe('db-headless.default.svc.cluster.local.');
    expect(data(r).sort()).toEqual(['A 10.244.1.8', 'A 10.244.1.9', 'A 10.244.2.12']);
    expect(r.json.simulated).toEqual(expect.arrayContaining([expect.stringMatching(/EndpointSlice of Service default\/db-headless/)]));
  });
  test.each([['db-0', '10.244.1.8'], ['db-1', '10.244.2.12'], ['db-2', '10.244.1.9']])('%s.db-headless -> %s', (pod, ip) => {
    expect(data(resolve(`${pod}.db-headless`, '-n', 'default', ...ARTICLES))).toEqual([`A ${ip}`]);
  });
  test('nslookup redis-0.redis-headless: one A record (simulated pod IP in 10.244.0.0/16)', () => {
    const r = resolve('redis-0.redis-headless', '-n', 'default', ...ARTICLES);
    expect(r.json.question.name).toBe('redis-0.redis-headless.default.svc.cluster.local.');
    expect(data(r)).toEqual([expect.stringMatching(/^A 10\.244\.\d+\.\d+$/)]);
    expect(r.json.simulated.length).toBeGreaterThan(0);
  });
  test('prod-database: CNAME db.prod.example.com', () => {
    expect(data(resolve('prod-database', '-n', 'default', ...ARTICLES))).toEqual(['CNAME db.prod.example.com.']);
  });
  test('external-api: a (simulated) ClusterIP; its Endpoints are mirrored (PTR of 203.0.113.10)', () => {
    expect(resolve('external-api', '-n', 'default', ...ARTICLES).json.answers).toHaveLength(1);
    expect(data(resolve('203.0.113.10', '--type', 'PTR', ...ARTICLES))).toEqual(['PTR 203-0-113-10.external-api.default.svc.cluster.local.']);
  });
});

describe('externalname-examples-and-migration.md', () => {
  test('psql -h database (phase 1, from production): the CNAME to RDS', () => {
    const r = resolve('database', '-n', 'production', '-f', path.join(DIR, 'phase-1.yaml'));
    expect(data(r)).toEqual(['CNAME prod-db.abc123.us-east-1.rds.amazonaws.com.']);
  });
  test('database.production (phase 3): an A record, same name', () => {
    const r = resolve('database.production', '-n', 'default', '-f', path.join(DIR, 'phase-3.yaml'));
    expect(r.json.tried).toEqual(['database.production.default.svc.cluster.local.', 'database.production.svc.cluster.local.']);
    expect(data(r)).toEqual([expect.stringMatching(/^A 10\.\d+\.\d+\.\d+$/)]);
  });
  test('postgres and payment-api in production', () => {
    expect(data(resolve('postgres', '-n', 'production', ...ARTICLES))).toEqual(['CNAME prod-db.abc123.us-east-1.rds.amazonaws.com.']);
    expect(data(resolve('payment-api', '-n', 'production', ...ARTICLES))).toEqual(['CNAME api.stripe.com.']);
  });
  test('shared-cache in app-team-a: the cross-namespace CNAME, chased to the Redis ClusterIP', () => {
    const answers = data(resolve('shared-cache', '-n', 'app-team-a', ...ARTICLES));
    expect(answers[0]).toBe('CNAME redis.shared-infra.svc.cluster.local.');
    expect(answers.slice(1)).toEqual([expect.stringMatching(/^A 10\./)]);
  });
  test('external-db: a selectorless ClusterIP Service', () => {
    expect(resolve('external-db.production.svc.cluster.local', ...ARTICLES).code).toBe(0);
  });
  test('an ExternalName holding an IP "will NOT work": NXDOMAIN', () => {
    expect(resolve('ip-alias', '-n', 'production', ...ARTICLES).json.rcode).toBe('NXDOMAIN');
  });
});
