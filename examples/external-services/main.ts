// Stable in-cluster names for dependencies outside the cluster: the cases of the background articles.
//
//   cdk8s synth                      # per-environment targets resolve for "prod"
//   DEPLOY_ENV=dev cdk8s synth       # ... or for "dev"
//
// `cdk8s synth` passes no cdk8s context, so the environment is read from DEPLOY_ENV here and put into the context
// key that ExternalDependency reads ("service-discovery.environment").
import { App, Chart } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import { ExternalDependency, SelectorlessIpService, ServiceReference } from '../../src';

const app = new App();
app.node.setContext(ExternalDependency.ENVIRONMENT_CONTEXT_KEY, process.env.DEPLOY_ENV ?? 'prod');

// ---------------------------------------------------------------------------------------------------------------
// Namespace "production": dependencies reached by DNS name -> ExternalDependency (ExternalName Services).
// ---------------------------------------------------------------------------------------------------------------
const production = new Chart(app, 'production', { namespace: 'production' });

// A managed Postgres by DNS name: pods connect to database.production.svc.cluster.local:5432.
const database = new ExternalDependency(production, 'database', {
  externalName: 'prod-db.abc123.us-east-1.rds.amazonaws.com',
  ports: [{ name: 'postgres', port: 5432 }],
  labels: { 'app.kubernetes.io/name': 'postgres', 'type': 'external' },
});

// A third-party payment API.
const paymentApi = new ExternalDependency(production, 'payment-api', {
  externalName: 'api.stripe.com',
  ports: [{ name: 'https', port: 443, appProtocol: 'https' }],
});

// The same in-cluster name, a different host per environment (DEPLOY_ENV chooses).
const externalDb = new ExternalDependency(production, 'external-db', {
  externalNameByEnvironment: {
    dev: 'db.dev.example.com',
    prod: 'db.example.com',
  },
  ports: [{ name: 'postgres', port: 5432 }],
});

// What the application gets: the in-cluster names to connect to, and the external names its TLS clients must
// verify certificates against (and send as SNI / HTTP Host), because certificates never cover the alias.
new k8s.KubeConfigMap(production, 'app-config', {
  metadata: { name: 'app-config' },
  data: {
    DATABASE_HOST: database.fqdn,
    DATABASE_PORT: '5432',
    DATABASE_TLS_SERVER_NAME: database.tlsServerName,
    PAYMENT_API_HOST: paymentApi.fqdn,
    PAYMENT_API_TLS_SERVER_NAME: paymentApi.tlsServerName,
    EXTERNAL_DB_HOST: externalDb.fqdn,
    EXTERNAL_DB_TLS_SERVER_NAME: externalDb.tlsServerName,
  },
});

// ---------------------------------------------------------------------------------------------------------------
// Namespace "app-team-a": a cross-namespace alias to the shared Redis in "shared-infra".
// ---------------------------------------------------------------------------------------------------------------
const teamA = new Chart(app, 'app-team-a', { namespace: 'app-team-a' });

new ExternalDependency(teamA, 'shared-cache', {
  targetService: ServiceReference.fromName('shared-infra', 'redis'),
  ports: [{ name: 'redis', port: 6379 }],
});

// ---------------------------------------------------------------------------------------------------------------
// Dependencies reached by IP address -> SelectorlessIpService (a Service without selector plus EndpointSlices, and
// v1 Endpoints labelled skip-mirror for legacy readers).
// ---------------------------------------------------------------------------------------------------------------

// An external API on two IPs, load-balanced by kube-proxy behind one virtual IP:
// external-api.production.svc.cluster.local:443 -> 203.0.113.10:8443 or 203.0.113.11:8443.
new SelectorlessIpService(production, 'external-api', {
  addresses: ['203.0.113.10', '203.0.113.11'],
  ports: [{ name: 'https', port: 443, targetPort: 8443, appProtocol: 'https' }],
});

// A headless IP-based service: DNS returns every address (clients choose), and each host gets its own name,
// e.g. ldap-0.legacy-ldap.production.svc.cluster.local.
const legacyLdap = new SelectorlessIpService(production, 'legacy-ldap', {
  headless: true,
  ports: [{ name: 'ldaps', port: 636 }],
});
legacyLdap.addAddress('198.51.100.20', { hostname: 'ldap-0' });
legacyLdap.addAddress('198.51.100.21', { hostname: 'ldap-1' });

app.synth();
