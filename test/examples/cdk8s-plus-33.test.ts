import { Testing } from 'cdk8s';
import { ShopChart } from '../../examples/cdk8s-plus-33/app';
import { ServiceChecker } from '../../src/checks/service-checker';
import { testApp } from '../test-app';

type Obj = { [key: string]: any };

// GIVEN the example app that uses cdk8s-plus-33 (what `cdk8s init typescript-app` installs) next to this library
const objects: Obj[] = Testing.synth(new ShopChart(testApp(), 'shop'));
const get = (kind: string, name: string): Obj => {
  const found = objects.find((o) => o.kind === kind && o.metadata.name === name);
  if (!found) throw new Error(`no ${kind} ${name}`);
  return found;
};
const container = (kind: string, name: string): Obj => get(kind, name).spec.template.spec.containers[0];
const envOf = (kind: string, name: string): Record<string, string> =>
  Object.fromEntries(container(kind, name).env.map((e: Obj) => [e.name, e.value]));

describe('examples/cdk8s-plus-33: cdk8s-plus-33 objects next to this library (cdk8s-plus-28 types)', () => {
  test.each([
    { variable: 'ORDERS_DB_HOST', value: 'orders-db.shop.svc.cluster.local' },
    { variable: 'ORDERS_DB_TLS_SERVER_NAME', value: 'orders.abc123.eu-west-1.rds.amazonaws.com' },
    { variable: 'REDIS_HOST', value: 'cache.shop.svc.cluster.local' },
    { variable: 'REDIS_PRIMARY', value: 'cache-0.cache-headless.shop.svc.cluster.local' },
    // MigratingDatabase.connectionEnvVariables(): cdk8s-plus-28 EnvValues in a cdk8s-plus-33 container
    { variable: 'LEDGER_DB_HOST', value: 'ledger-db.shop.svc.cluster.local' },
    { variable: 'LEDGER_DB_PORT', value: '5432' },
  ])('the plus-33 Deployment gets $variable = $value', ({ variable, value }) => {
    expect(envOf('Deployment', 'api')[variable]).toBe(value);
  });

  test('plus-33 EnvValue and Cpu values given to HeadlessStatefulSet reach its StatefulSet', () => {
    expect(envOf('StatefulSet', 'cache').REDIS_ARGS).toBe('--appendonly yes');
    expect(container('StatefulSet', 'cache').resources).toEqual({ requests: { cpu: '100m' }, limits: { cpu: '500m' } });
  });

  test('the checker finds nothing: the names the Deployment uses resolve', () => {
    const report = ServiceChecker.check(objects, { defaultNamespace: 'shop' });
    expect(report.findings.map((f) => `${f.rule}: ${f.message}`)).toEqual([]);
  });
});
