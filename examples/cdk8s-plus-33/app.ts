// An app as `cdk8s init typescript-app` makes it today, with cdk8s-plus-33, next to this library (whose peer is
// cdk8s-plus-28; npm installs both, README "Compatibility"):
//
//   cdk8s synth      # main.ts -> dist/shop.k8s.yaml
//
// A cdk8s-plus-33 Deployment connects to a managed database (ExternalDependency) and to a Redis HeadlessStatefulSet
// by their stable names. Types of the two cdk8s-plus versions meet in two places, and TypeScript accepts both
// because the types have the same shape: a plus-33 EnvValue and Cpu go into the HeadlessStatefulSet's props
// (typed with plus-28), and the plus-28 EnvValues of MigratingDatabase.connectionEnvVariables() go into a plus-33
// container. This holds in TypeScript only: in Python, Java, .NET and Go the props want cdk8s-plus-28's classes.
import { Chart } from 'cdk8s';
import * as kplus from 'cdk8s-plus-33';
import { Construct } from 'constructs';
import { ExternalDependency, HeadlessStatefulSet, MigratingDatabase, MigrationPhase } from '../../src';

/** The shop: namespace "shop". */
export class ShopChart extends Chart {
  constructor(scope: Construct, id: string) {
    super(scope, id, { namespace: 'shop' });
    const chart = this;

    // orders-db.shop.svc.cluster.local -> CNAME orders.abc123.eu-west-1.rds.amazonaws.com
    const ordersDb = new ExternalDependency(chart, 'orders-db', {
      externalName: 'orders.abc123.eu-west-1.rds.amazonaws.com',
      ports: [{ name: 'postgres', port: 5432 }],
    });

    // cache-0.cache-headless.shop.svc.cluster.local, cache-1...; its env and resources are cdk8s-plus-33 values.
    const cache = new HeadlessStatefulSet(chart, 'cache', {
      image: 'redis:7',
      ports: [{ name: 'redis', port: 6379 }],
      replicas: 2,
      clientService: {},
      env: { REDIS_ARGS: kplus.EnvValue.fromValue('--appendonly yes') },
      resources: { cpu: { request: kplus.Cpu.millis(100), limit: kplus.Cpu.millis(500) } },
    });

    // A database on its way into the cluster; its connection variables are cdk8s-plus-28 EnvValues.
    const ledgerDb = new MigratingDatabase(chart, 'ledger-db', {
      externalName: 'ledger.abc123.eu-west-1.rds.amazonaws.com',
      port: 5432,
      phase: MigrationPhase.EXTERNAL,
      inCluster: { image: 'postgres:16', ports: [{ name: 'postgres', port: 5432 }], storage: { size: '20Gi' } },
    });

    const deployment = new kplus.Deployment(chart, 'api', {
      metadata: { name: 'api' },
      replicas: 2,
      containers: [{
        image: 'ghcr.io/example/shop-api:1.4.2',
        portNumber: 8080,
        envVariables: {
          ORDERS_DB_HOST: kplus.EnvValue.fromValue(ordersDb.fqdn),
          ORDERS_DB_TLS_SERVER_NAME: kplus.EnvValue.fromValue(ordersDb.tlsServerName),
          REDIS_HOST: kplus.EnvValue.fromValue(cache.serviceFqdn ?? cache.headlessServiceFqdn),
          REDIS_PRIMARY: kplus.EnvValue.fromValue(cache.podDnsName(0)),
          ...ledgerDb.connectionEnvVariables({ prefix: 'LEDGER_DB' }),
        },
      }],
    });
    deployment.exposeViaService({ name: 'api', ports: [{ port: 80, targetPort: 8080 }] });
  }
}
