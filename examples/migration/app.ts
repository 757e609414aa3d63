// The migration app: one chart that main.ts synthesizes once per phase and test/examples/migration.test.ts builds
// in-process. The phase is not a prop here: it comes from the cdk8s context key
// "service-discovery.migration-phase" (MigratingDatabase.PHASE_CONTEXT_KEY), which main.ts fills from the
// MIGRATION_PHASE environment variable, so a pipeline flips the phase with a one-line change.
import { Chart, ChartProps } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { ContainerProbe, MigratingDatabase } from '../../src';

/** The managed database the data moves out of (the article's RDS instance). */
export const EXTERNAL_HOST = 'prod-db.abc123.us-east-1.rds.amazonaws.com';

/**
 * Namespace "production": the stable `database` Service, the in-cluster Postgres it moves to, and an application
 * that reaches the database only through the stable name.
 */
export class MigrationChart extends Chart {
  /** The migrating database. */
  public readonly database: MigratingDatabase;
  /** The application that uses it. */
  public readonly application: k8s.KubeDeployment;

  constructor(scope: Construct, id: string, props: ChartProps = {}) {
    super(scope, id, { namespace: 'production', ...props });

    const password = kplus.EnvValue.fromSecretValue({
      secret: kplus.Secret.fromSecretName(this, 'postgres-credentials', 'postgres-credentials'),
      key: 'password',
    });

    // database.production.svc.cluster.local:5432 in every phase.
    this.database = new MigratingDatabase(this, 'database', {
      externalName: EXTERNAL_HOST,
      port: 5432,
      portName: 'postgres',
      inCluster: {
        name: 'postgres',
        image: 'postgres:16',
        ports: [{ name: 'postgres', port: 5432 }],
        storage: { size: '50Gi' },
        env: { POSTGRES_PASSWORD: password },
        readinessProbe: ContainerProbe.exec(['pg_isready', '-U', 'postgres', '-h', '127.0.0.1'], { periodSeconds: 5 }),
      },
    });

    // The psycopg2 application of the article: DATABASE_HOST and DATABASE_PORT never change; DATABASE_TLS_SERVER_NAME
    // follows the phase (the external host's certificate, then the in-cluster one's).
    const labels = { 'app.kubernetes.io/name': 'orders' };
    this.application = new k8s.KubeDeployment(this, 'orders', {
      metadata: { name: 'orders' },
      spec: {
        replicas: 2,
        selector: { matchLabels: labels },
        template: {
          metadata: { labels },
          spec: {
            containers: [{
              name: 'orders',
              image: 'ghcr.io/example/orders:1.4.2',
              env: [
                ...this.database.connectionEnv(),
                { name: 'DATABASE_NAME', value: 'myapp' },
                { name: 'DATABASE_PASSWORD', valueFrom: { secretKeyRef: { name: 'postgres-credentials', key: 'password' } } },
              ],
            }],
          },
        },
      },
    });
  }
}
