import { check } from '../../../src/checks/engine';
import { hostOf } from '../../../src/checks/lib/workload-values';
import { workloadNameUnresolved } from '../../../src/checks/rules/workload-name-unresolved';
import { ClusterModel } from '../../../src/model/cluster-model';
import { cpuClock } from '../../cpu-clock';
import { all as allRules, configMap, deployment, messages, run, runAll, service, statefulSet } from '../builders';

const app = (env: object[], extra: object = {}, labels = { app: 'app' }) => deployment('app', labels, [], { env, ...extra });

describe('workload-name-unresolved', () => {
  test.each([
    ['redis:6379', 'redis'],
    ['http://api.payments', 'api.payments'],
    ['db.other.svc', 'db.other.svc'],
    ['postgres://u:p@db:5432/x', 'db'],
    ['https://api.github.com', 'api.github.com'],
    ['10.0.0.1:80', undefined],
    ['hello world', undefined],
    ['localhost:8080', undefined],
    ['redis:7', undefined],
    ['postgres:16', undefined],
  ])('hostOf(%p) is %p', (value, host) => {
    expect(hostOf(value)).toBe(host);
  });

  test.each<[string, string, string | undefined]>([
    ['an s3 bucket URL', 's3://bucket/key', undefined],
    ['a gs bucket URL', 'gs://bucket', undefined],
    ['a grpc URL', 'grpc://api:9090', 'api'],
    ['a mongodb+srv URL', 'mongodb+srv://db.data.svc/x', 'db.data.svc'],
  ])('hostOf treats %s by its scheme', (_, value, host) => {
    expect(hostOf(value)).toBe(host);
  });

  test.each<[string, string, string, string | undefined]>([
    ['a user:uid flag', '--user', 'app:1000', undefined],
    ['a RUNAS user:uid', 'RUNAS', 'nobody:65534', undefined],
    ['a base image tag', 'BASE', 'node:22', undefined],
    ['a well-known account without a name', '', 'nobody:65534', undefined],
    ['an address var', 'REDIS_ADDR', 'redis:6379', 'redis'],
    ['a host var that mentions a user', 'USER_SERVICE_HOST', 'users:8080', 'users'],
    ['a neutral name', 'CACHE', 'redis:6379', 'redis'],
    ['a TLS server name var', 'DB_TLS_SERVER_NAME', 'db.data.svc', undefined],
    ['a Secret name flag', '--caSecretName', 'webhook.data.svc.webhook-tls-ca', undefined],
    ['an external URL flag', '--web.external-url', 'http://alertmanager.data.svc/', undefined],
  ])('hostOf with %s (%s=%s)', (_, name, value, host) => {
    expect(hostOf(value, name)).toBe(host);
  });

  test('reports nothing for user:uid, image and bucket values of a workload', () => {
    const objs = [app([{ name: 'RUNAS', value: 'nobody:65534' }, { name: 'BASE', value: 'node:22' }, { name: 'BUCKET', value: 's3://bucket' }], { args: ['--user=app:1000'] })];
    expect(run(workloadNameUnresolved, objs)).toEqual([]);
  });

  test('reports a Service that exists but has no ready endpoints, without telling to create it', () => {
    const headless = service('db', { clusterIP: 'None', selector: { app: 'db' }, ports: [{ port: 5432 }] });
    const msgs = messages(workloadNameUnresolved, [headless, app([{ name: 'DB', value: 'postgres://db:5432/x' }])]);
    expect(msgs).toHaveLength(1);
    expect(msgs[0]).toMatch(/env DB uses "postgres:\/\/db:5432\/x": Service "db" exists in namespace "default" but has no ready endpoints.*Fix: make the Service's pods ready/);
    expect(msgs[0]).not.toMatch(/create the Service/);
  });

  /** A pod template labelled `app: emoji-svc` that serves gRPC on 8080 (emojivoto-job.yml runs its servers as Jobs). */
  const emojiTemplate = {
    metadata: { labels: { app: 'emoji-svc' } },
    spec: { restartPolicy: 'OnFailure', containers: [{ name: 'emoji-svc', image: 'buoyantio/emojivoto-emoji-svc:v7', ports: [{ name: 'grpc', containerPort: 8080 }] }] },
  };
  test.each<[string, object]>([
    ['a Job (manualSelector)', { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'emoji' }, spec: { manualSelector: true, selector: { matchLabels: { app: 'emoji-svc' } }, template: emojiTemplate } }],
    ['a CronJob', { apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'emoji' }, spec: { schedule: '*/5 * * * *', jobTemplate: { spec: { template: emojiTemplate } } } }],
    ['a ReplicationController', { apiVersion: 'v1', kind: 'ReplicationController', metadata: { name: 'emoji' }, spec: { replicas: 1, selector: { app: 'emoji-svc' }, template: emojiTemplate } }],
  ])('reports nothing for a headless Service whose pods %s runs (the resolver does not simulate them; they are endpoints while they run)', (_case, workload) => {
    const headless = service('emoji-svc', { clusterIP: 'None', selector: { app: 'emoji-svc' }, ports: [{ name: 'grpc', port: 8080, targetPort: 8080 }] });
    expect(run(workloadNameUnresolved, [headless, workload, app([{ name: 'EMOJISVC_HOST', value: 'emoji-svc.default:8080' }])])).toEqual([]);
  });

  test('reports a headless Service whose Job pods of a live export have completed (their status is the truth)', () => {
    const headless = service('emoji-svc', { clusterIP: 'None', selector: { app: 'emoji-svc' }, ports: [{ name: 'grpc', port: 8080 }] });
    const job = { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'emoji', uid: 'u1' }, spec: { template: emojiTemplate } };
    const pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'emoji-x7k2p', labels: { 'app': 'emoji-svc', 'job-name': 'emoji' }, ownerReferences: [{ apiVersion: 'batch/v1', kind: 'Job', name: 'emoji', uid: 'u1', controller: true }] },
      spec: emojiTemplate.spec,
      status: { phase: 'Succeeded', podIP: '10.244.0.7', conditions: [{ type: 'Ready', status: 'False' }] },
    };
    const msgs = messages(workloadNameUnresolved, [headless, job, pod, app([{ name: 'EMOJISVC_HOST', value: 'emoji-svc.default:8080' }])]);
    expect(msgs).toEqual([expect.stringMatching(/Service "emoji-svc" exists in namespace "default" but has no ready endpoints/)]);
  });

  test('reports nothing for names of existing Services (short, namespaced, .svc)', () => {
    const objs = [
      service('redis', { selector: { app: 'redis' } }), deployment('redis'),
      service('api', { selector: { app: 'api' } }, { namespace: 'payments' }), deployment('api', { app: 'api' }, undefined, {}, { namespace: 'payments' }),
      app([{ name: 'A', value: 'redis:6379' }, { name: 'B', value: 'http://api.payments/v1' }, { name: 'C', value: 'api.payments.svc' }, { name: 'D', value: 'https://api.github.com' }]),
    ];
    expect(run(workloadNameUnresolved, objs)).toEqual([]);
  });

  test.each([
    ['ECK\'s <name>-es-http beside an Elasticsearch', { apiVersion: 'elasticsearch.k8s.elastic.co/v1', kind: 'Elasticsearch', metadata: { name: 'logs' } }, 'https://logs-es-http:9200'],
    ['the MinIO Operator\'s "minio" beside a Tenant, fully qualified', { apiVersion: 'minio.min.io/v2', kind: 'Tenant', metadata: { name: 'store', namespace: 'objects' } }, 'https://minio.objects.svc.cluster.local'],
    ['a pod name under a Tenant\'s headless <name>-hl', { apiVersion: 'minio.min.io/v2', kind: 'Tenant', metadata: { name: 'store' } }, 'https://store-pool-0-0.store-hl:9000'],
    ['prometheus-operated beside a Prometheus', { apiVersion: 'monitoring.coreos.com/v1', kind: 'Prometheus', metadata: { name: 'k8s' } }, 'http://prometheus-operated:9090'],
    ['CloudNativePG\'s <name>-rw beside a Cluster', { apiVersion: 'postgresql.cnpg.io/v1', kind: 'Cluster', metadata: { name: 'pg' } }, 'postgres://pg-rw:5432/app'],
    ['ECK\'s <name>-ls-<service> beside a Logstash that lists the Service', {
      apiVersion: 'logstash.k8s.elastic.co/v1alpha1',
      kind: 'Logstash',
      metadata: { name: 'logstash' },
      spec: { services: [{ name: 'beats', service: { spec: { ports: [{ port: 5044, name: 'filebeat' }] } } }] },
    }, 'logstash-ls-beats:5044'],
  ])('reports nothing for the Service an operator makes from a resource of the input: %s', (_case, resource, value) => {
    expect(run(workloadNameUnresolved, [resource, service('other'), app([{ name: 'ENDPOINT', value }])])).toEqual([]);
  });

  /** A custom resource of an operator, in namespace `shop`. */
  const cr = (apiVersion: string, kind: string, name: string, spec: object = {}) => ({ apiVersion, kind, metadata: { name, namespace: 'shop' }, spec });
  /** The Deployment `app` in namespace `shop` with env ENDPOINT=`value`. */
  const shopApp = (value: string) => deployment('app', { app: 'app' }, [], { env: [{ name: 'ENDPOINT', value }] }, { namespace: 'shop' });
  /** A Deployment `checkout` in namespace `shop` whose pod template is annotated for Dapr with app id `orders`. */
  const daprDeployment = deployment('checkout', { app: 'checkout' }, [], {}, { namespace: 'shop' });
  daprDeployment.spec.template.metadata.annotations = { 'dapr.io/enabled': 'true', 'dapr.io/app-id': 'orders' };
  const operatorCases: [string, object, string, string][] = [
    ['an OpenTelemetryCollector (<name>-collector)', cr('opentelemetry.io/v1beta1', 'OpenTelemetryCollector', 'otel'), 'http://otel-collector:4318', 'http://otel-colector:4318'],
    ['an OpenTelemetryCollector v1alpha1 (<name>-collector-headless)', cr('opentelemetry.io/v1alpha1', 'OpenTelemetryCollector', 'otel'), 'otel-collector-headless:4317', 'otel-collector-headles:4317'],
    ['an OpenTelemetryCollector\'s Target Allocator', cr('opentelemetry.io/v1beta1', 'OpenTelemetryCollector', 'otel', { targetAllocator: { enabled: true } }), 'http://otel-targetallocator:80', 'http://otel-target-allocator:80'],
    ['a Jaeger (<name>-collector)', cr('jaegertracing.io/v1', 'Jaeger', 'tracing'), 'http://tracing-collector:14268/api/traces', 'http://tracing-colector:14268/api/traces'],
    ['a Jaeger (<name>-query)', cr('jaegertracing.io/v1', 'Jaeger', 'tracing'), 'http://tracing-query.shop.svc:16686', 'http://tracing-querry.shop.svc:16686'],
    ['a Knative Service (its own name)', cr('serving.knative.dev/v1', 'Service', 'hello'), 'http://hello.shop.svc.cluster.local', 'http://helo.shop.svc.cluster.local'],
    ['a Grafana (<name>-service)', cr('grafana.integreatly.org/v1beta1', 'Grafana', 'grafana'), 'http://grafana-service:3000', 'http://grafana:3000'],
    ['a MariaDB with replication (<name>-primary)', cr('k8s.mariadb.com/v1alpha1', 'MariaDB', 'mariadb', { replication: { enabled: true } }),
      'jdbc:mariadb://mariadb-primary:3306/app', 'jdbc:mariadb://mariadb-master:3306/app'],
    ['a MariaDB without replication (its own name, not <name>-primary)', cr('k8s.mariadb.com/v1alpha1', 'MariaDB', 'mariadb'),
      'jdbc:mariadb://mariadb:3306/app', 'jdbc:mariadb://mariadb-primary:3306/app'],
    ['a MaxScale (its own name)', cr('k8s.mariadb.com/v1alpha1', 'MaxScale', 'maxscale-galera'), 'maxscale-galera:3306', 'maxscale-galera-rw:3306'],
    ['a MongoDBCommunity (a pod under <name>-svc)', cr('mongodbcommunity.mongodb.com/v1', 'MongoDBCommunity', 'mongo'), 'mongodb://mongo-0.mongo-svc.shop.svc.cluster.local:27017/app', 'mongodb://mongo-0.mongo-sv.shop.svc.cluster.local:27017/app'],
    ['a PerconaXtraDBCluster with HAProxy (<name>-haproxy)', cr('pxc.percona.com/v1', 'PerconaXtraDBCluster', 'cluster1', { haproxy: { enabled: true } }),
      'mysql://cluster1-haproxy:3306/app', 'mysql://cluster1-haproxi:3306/app'],
    ['a PerconaXtraDBCluster with ProxySQL (<name>-proxysql, not -haproxy)', cr('pxc.percona.com/v1', 'PerconaXtraDBCluster', 'cluster1', { proxysql: { enabled: true } }),
      'mysql://cluster1-proxysql:3306/app', 'mysql://cluster1-haproxy:3306/app'],
    ['a ScyllaCluster (<name>-client)', cr('scylla.scylladb.com/v1', 'ScyllaCluster', 'scylla', { datacenter: { name: 'dc1', racks: [{ name: 'rack1', members: 3 }] } }),
      'scylla-client.shop.svc.cluster.local', 'scylla.shop.svc.cluster.local'],
    ['a ScyllaCluster (a member Service)', cr('scylla.scylladb.com/v1', 'ScyllaCluster', 'scylla', { datacenter: { name: 'dc1', racks: [{ name: 'rack1', members: 3 }] } }),
      'scylla-dc1-rack1-2:9042', 'scylla-dc1-rack1-3:9042'],
    ['a SparkApplication (<name>-ui-svc)', cr('sparkoperator.k8s.io/v1beta2', 'SparkApplication', 'spark-pi'), 'http://spark-pi-ui-svc:4040', 'http://spark-pi-ui:4040'],
    ['a Kubeflow Notebook (its own name)', cr('kubeflow.org/v1', 'Notebook', 'jupyter'), 'http://jupyter.shop.svc.cluster.local/notebook', 'http://jupyter-svc.shop.svc.cluster.local/notebook'],
    ['a Keycloak (<name>-service)', cr('k8s.keycloak.org/v2alpha1', 'Keycloak', 'kc'), 'https://kc-service:8443/realms/app', 'https://kc:8443/realms/app'],
    ['a RedisFailover (rfs-<name>)', cr('databases.spotahome.com/v1', 'RedisFailover', 'cache'), 'rfs-cache:26379', 'rfs-cach:26379'],
    ['a CassandraDatacenter (<cluster>-<dc>-service)', cr('cassandra.datastax.com/v1beta1', 'CassandraDatacenter', 'dc1', { clusterName: 'prod' }),
      'prod-dc1-service.shop.svc.cluster.local:9042', 'prod-dc1-svc.shop.svc.cluster.local:9042'],
    ['a CassandraDatacenter (<cluster>-seed-service)', cr('cassandra.datastax.com/v1beta1', 'CassandraDatacenter', 'dc1', { clusterName: 'prod' }), 'prod-seed-service:7000', 'prod-seeds-service:7000'],
    ['a K8ssandraCluster (<cluster>-<dc>-service)', cr('k8ssandra.io/v1alpha1', 'K8ssandraCluster', 'demo', { cassandra: { datacenters: [{ metadata: { name: 'dc1' } }] } }),
      'demo-dc1-service:9042', 'demo-dc2-service:9042'],
    ['a ClickHouseInstallation (clickhouse-<name>)', cr('clickhouse.altinity.com/v1', 'ClickHouseInstallation', 'events'), 'http://clickhouse-events:8123', 'http://clickhouse-event:8123'],
    ['a ClickHouseInstallation (a host Service)', cr('clickhouse.altinity.com/v1', 'ClickHouseInstallation', 'events', { configuration: { clusters: [{ name: 'main', layout: { replicasCount: 2 } }] } }),
      'tcp://chi-events-main-0-1:9000', 'tcp://chi-events-main-0-2:9000'],
    ['a Dragonfly (its own name)', cr('dragonflydb.io/v1alpha1', 'Dragonfly', 'cache'), 'redis://cache:6379', 'redis://cache-0:6379'],
    ['a Deployment annotated for Dapr (<app-id>-dapr)', daprDeployment, 'http://orders-dapr:3500', 'http://checkout-dapr:3500'],
  ];

  test.each(operatorCases)('reports nothing for the Service an operator makes from %s', (_case, resource, value) => {
    expect(run(workloadNameUnresolved, [resource, shopApp(value)])).toEqual([]);
  });

  test.each(operatorCases)('reports a near miss of the Service an operator makes from %s', (_case, resource, _value, nearMiss) => {
    const found = run(workloadNameUnresolved, [resource, shopApp(nearMiss)]);
    expect(found.map((f) => f.message)).toEqual([expect.stringMatching(/env ENDPOINT uses .* does not resolve from namespace "shop"/)]);
  });

  test('reports an operator\'s Service name used from another namespace by its short name', () => {
    const found = run(workloadNameUnresolved, [
      cr('opentelemetry.io/v1beta1', 'OpenTelemetryCollector', 'otel'), service('other'),
      app([{ name: 'OTEL_EXPORTER_OTLP_ENDPOINT', value: 'http://otel-collector:4318' }]),
    ]);
    expect(found.map((f) => f.message)).toEqual([expect.stringMatching(/host "otel-collector" does not resolve from namespace "default"/)]);
  });

  test('reads a Knative Service as the operator\'s resource, not as a core Service: no other rule reports it', () => {
    const found = allRules([cr('serving.knative.dev/v1', 'Service', 'hello', { template: { spec: { containers: [{ image: 'hello' }] } } }), shopApp('http://hello')]);
    expect(found.filter((f) => f.level !== 'info')).toEqual([]);
  });

  test('reports a name that only starts with an operator resource\'s name', () => {
    const found = run(workloadNameUnresolved, [
      { apiVersion: 'elasticsearch.k8s.elastic.co/v1', kind: 'Elasticsearch', metadata: { name: 'logs' } },
      app([{ name: 'ES', value: 'https://logs-es-htp:9200' }]),
    ]);
    expect(found.map((f) => f.message)).toEqual([expect.stringMatching(/host "logs-es-htp" does not resolve from namespace "default"/)]);
  });

  test('reports a short name whose Service is in another namespace', () => {
    const found = run(workloadNameUnresolved, [
      service('redis', {}, { namespace: 'cache' }),
      app([{ name: 'REDIS', value: 'redis:6379' }]),
    ]);
    expect(found[0]).toMatchObject({ level: 'warning', resource: 'Deployment/default/app' });
    expect(found[0].message).toMatch(/container "main" env REDIS uses "redis:6379", but host "redis" does not resolve from namespace "default" \(tried redis.default.svc.cluster.local., .*A Service "redis" exists in namespace "cache": use "redis.cache"/);
  });

  test.each<[string, object, RegExp]>([
    ['without metadata.namespace, says which flag places it (kubectl apply -n)', {}, /use "opentelemetry-demo-otelcol\.otel-demo"\. Deployment "app" has no metadata\.namespace: if you apply it with kubectl -n otel-demo, pass --default-namespace otel-demo\. Fix:/],
    ['with an empty metadata.namespace (kubectl takes it as unset), says which flag places it', { namespace: '' }, /Deployment "app" has no metadata\.namespace: if you apply it with kubectl -n otel-demo, pass --default-namespace otel-demo\. Fix:/],
    ['with metadata.namespace, only names the Service', { namespace: 'shop' }, /use "opentelemetry-demo-otelcol\.otel-demo"\. Fix:(?!.*metadata\.namespace)/],
  ])('reports a short name whose Service is only in another namespace: a workload %s', (_case, meta, expected) => {
    // GIVEN opentelemetry-demo.yaml's shape: the collector's Service names namespace otel-demo, the apps name none
    const collector = service('opentelemetry-demo-otelcol', { selector: { app: 'otelcol' }, ports: [{ port: 4317 }] }, { namespace: 'otel-demo' });
    const workload = deployment('app', { app: 'app' }, [], { env: [{ name: 'OTEL_EXPORTER_OTLP_ENDPOINT', value: 'http://opentelemetry-demo-otelcol:4317' }] }, meta);
    const found = run(workloadNameUnresolved, [collector, deployment('otelcol', { app: 'otelcol' }, undefined, {}, { namespace: 'otel-demo' }), workload]);
    expect(found).toHaveLength(1);
    expect(found[0].message).toMatch(expected);
  });

  test('reports nothing for a name in a namespace the manifests do not describe (another app)', () => {
    expect(run(workloadNameUnresolved, [app([{ name: 'Q', value: 'amqp://rabbit.messaging.svc:5672' }])])).toEqual([]);
  });

  test('reports nothing for container images in env and flags', () => {
    expect(run(workloadNameUnresolved, [app([{ name: 'SIDECAR_IMAGE', value: 'envoy:1234' }], { args: ['--image=busybox:1337'] })])).toEqual([]);
  });

  test.each<[string, object[], object]>([
    ['a TLS server name env var (hubble-ui\'s TLS_RELAY_SERVER_NAME)', [{ name: 'TLS_RELAY_SERVER_NAME', value: 'relay.default.svc.cluster.local' }], {}],
    ['a MigratingDatabase connectionEnv TLS server name', [{ name: 'DB_TLS_SERVER_NAME', value: 'db.default.svc.cluster.local' }], {}],
    ['an SNI env var', [{ name: 'UPSTREAM_SNI', value: 'api.default.svc' }], {}],
    ['a --tls-server-name flag', [], { args: ['--tls-server-name=relay.default.svc'] }],
    ['a gRPC target name override', [{ name: 'GRPC_SSL_TARGET_NAME_OVERRIDE', value: 'api.default.svc:443' }], {}],
  ])('reports nothing for %s: the name is checked against the certificate, never looked up', (_case, env, extra) => {
    expect(run(workloadNameUnresolved, [app(env, extra)])).toEqual([]);
  });

  test.each<[string, object[], object]>([
    ['Kyverno\'s --caSecretName flag (a Secret named after its Service)', [], { args: ['--caSecretName=webhook.default.svc.webhook-tls-ca'] }],
    ['a --tlsSecretName flag', [], { args: ['--tlsSecretName=webhook.default.svc.webhook-tls-pair'] }],
    ['a --webhook-secret-name flag', [], { args: ['--webhook-secret-name=webhook.default.svc'] }],
    ['a TLS_SECRET_NAME env var', [{ name: 'TLS_SECRET_NAME', value: 'webhook.default.svc.tls' }], {}],
    ['a ..._SECRET env var', [{ name: 'WEBHOOK_SECRET', value: 'webhook.default.svc' }], {}],
    ['a ConfigMap name env var', [{ name: 'BUNDLE_CONFIGMAP_NAME', value: 'trust.default.svc' }], {}],
  ])('reports nothing for %s: it names a Kubernetes object, which is never looked up', (_case, env, extra) => {
    expect(run(workloadNameUnresolved, [app(env, extra)])).toEqual([]);
  });

  test.each<[string, object[], object]>([
    // the shape of Mimir's jsonnet output: `-alertmanager.web.external-url=http://test/alertmanager` on the Alertmanager
    ['Mimir\'s -alertmanager.web.external-url flag', [], { args: ['-alertmanager.web.external-url=http://test/alertmanager'] }],
    ['Prometheus\' --web.external-url flag', [], { args: ['--web.external-url=http://prometheus:9090/'] }],
    ['an EXTERNAL_URL env var', [{ name: 'EXTERNAL_URL', value: 'http://gitlab' }], {}],
    ['an externalUrl ConfigMap-style key', [{ name: 'externalUrl', value: 'https://grafana.default.svc' }], {}],
  ])('reports nothing for %s: it is the URL users reach the app at, which the app never looks up', (_case, env, extra) => {
    expect(run(workloadNameUnresolved, [app(env, extra)])).toEqual([]);
  });

  test.each<[string, object[]]>([
    // the shape of Paperless-ngx's env (PAPERLESS_ALLOWED_HOSTS beside PAPERLESS_REDIS) in a homelab's manifests
    ['Paperless-ngx\'s PAPERLESS_ALLOWED_HOSTS', [{ name: 'PAPERLESS_ALLOWED_HOSTS', value: 'paperless.default.svc' }]],
    ['gethomepage\'s HOMEPAGE_ALLOWED_HOSTS with a port', [{ name: 'HOMEPAGE_ALLOWED_HOSTS', value: 'homepage.default.svc.cluster.local:3000' }]],
    ['Django\'s CSRF_TRUSTED_ORIGINS', [{ name: 'CSRF_TRUSTED_ORIGINS', value: 'http://web:8000' }]],
    ['a CORS_ALLOWED_ORIGINS origin', [{ name: 'CORS_ALLOWED_ORIGINS', value: 'http://frontend:3000' }]],
    ['a CORS_ALLOW_ORIGINS origin', [{ name: 'CORS_ALLOW_ORIGINS', value: 'http://frontend:3000' }]],
    ['Nextcloud\'s NEXTCLOUD_TRUSTED_DOMAINS', [{ name: 'NEXTCLOUD_TRUSTED_DOMAINS', value: 'nextcloud.default.svc' }]],
    ['ALLOWED_HOSTS', [{ name: 'ALLOWED_HOSTS', value: 'web:8000' }]],
    ['an allowedHosts key', [{ name: 'allowedHosts', value: 'web:8000' }]],
    ['a corsAllowedOrigins key (a camelCase boundary)', [{ name: 'corsAllowedOrigins', value: 'http://frontend:3000' }]],
  ])('reports nothing for %s: the app compares the Host or Origin header of requests with it, and never looks it up', (_case, env) => {
    expect(run(workloadNameUnresolved, [app(env)])).toEqual([]);
  });

  test('reports nothing for a ConfigMap key of the origins an app accepts', () => {
    expect(run(workloadNameUnresolved, [configMap('cfg', { PAPERLESS_CORS_ALLOWED_HOSTS: 'http://paperless.default.svc' })])).toEqual([]);
  });

  test.each<[string, object[]]>([
    ['an external host the app connects to', [{ name: 'EXTERNAL_DB_HOST', value: 'db:5432' }]],
    ['a URL var that only mentions external', [{ name: 'EXTERNAL_API_URL_TIMEOUT_HOST', value: 'http://api:80' }]],
    ['a URL var that only mentions allowed hosts', [{ name: 'ALLOWED_HOSTS_SOURCE_URL', value: 'http://api:80' }]],
    ['a host var that only mentions trusted origins', [{ name: 'TRUSTED_ORIGINS_SERVICE_HOST', value: 'api:80' }]],
    // "allow" inside another word: the hosts of a shallow cache, not the ones the app accepts requests for
    ['SHALLOW_HOSTS', [{ name: 'SHALLOW_HOSTS', value: 'cache-missing:6379' }]],
    ['swallowHost', [{ name: 'swallowHost', value: 'cache-missing:6379' }]],
  ])('still reports %s', (_case, env) => {
    expect(run(workloadNameUnresolved, [app(env)])).toHaveLength(1);
  });

  test('reports nothing for a ConfigMap key that names a Secret', () => {
    expect(run(workloadNameUnresolved, [configMap('cfg', { 'tls.secretName': 'webhook.default.svc.tls' })])).toEqual([]);
  });

  test.each<[string, string, string]>([
    ['an address env var', 'RELAY_ADDR', 'relay.default.svc:443'],
    ['a secret store address (secret, then more words)', 'SECRET_STORE_ADDR', 'relay.default.svc:8200'],
    ['a name with SECRET_NAMESPACE, not SECRET_NAME', 'SECRET_NAMESPACE_HOST', 'relay.default.svc:443'],
    ['a URL under a secret-name-looking name', 'UPSTREAM_SECRET', 'https://relay.default.svc'],
    ['a host:port under a secret-name-looking name (an object name has no port)', 'VAULT_ADDR_SECRET', 'relay.default.svc:8200'],
    ['a host:port under a config-map-name-looking name', 'RELAY_CONFIGMAP', 'relay.default.svc:443'],
    ['a server name env var without TLS', 'SERVER_NAME', 'relay.default.svc.cluster.local'],
    ['a TLS env var that names the host to connect to', 'TLS_RELAY_HOST', 'relay.default.svc.cluster.local'],
    ['a name containing "sni" inside a word', 'SNIPPET_URL', 'http://relay.default.svc'],
    ['an SNI proxy address (sni, then more words)', 'SNI_PROXY_ADDR', 'relay.default.svc:8443'],
    ['a URL, whatever its name says', 'EGRESS_SNI', 'https://relay.default.svc:443'],
    ['a URL under a TLS server-name-looking name', 'TLS_PROXY_SERVER_NAME', 'https://relay.default.svc'],
    ['a name with SERVER_NAMESPACE, not SERVER_NAME', 'TLS_PROXY_SERVER_NAMESPACE_ADDR', 'relay.default.svc:443'],
    ['a name with "ssl" inside a word', 'CLASSLOADER_SERVER_NAME', 'relay.default.svc:80'],
  ])('still reports a missing Service in %s (%s)', (_case, name, value) => {
    expect(messages(workloadNameUnresolved, [app([{ name, value }])])[0]).toMatch(new RegExp(`env ${name} uses .*host "relay\\.default\\.svc[^"]*" does not resolve`));
  });

  test('reports a ConfigMap URL naming a missing Service', () => {
    const msgs = messages(workloadNameUnresolved, [configMap('cfg', { DB_URL: 'postgres://db.data.svc:5432/app' }, { namespace: 'data' })]);
    expect(msgs[0]).toMatch(/ConfigMap "cfg" key DB_URL uses "postgres:\/\/db.data.svc:5432\/app", but host "db.data.svc" does not resolve/);
  });

  test('reports an in-cluster name used by a hostNetwork pod without ClusterFirstWithHostNet', () => {
    const objs = [service('redis', { selector: { app: 'redis' } }), deployment('redis'), deployment('agent', { app: 'agent' }, [], { args: ['--redis=redis:6379'] })];
    objs[2].spec.template.spec.hostNetwork = true;
    expect(messages(workloadNameUnresolved, objs)[0]).toMatch(/args\[0\] --redis uses "redis:6379", an in-cluster name, but the pod does not use cluster DNS.*ClusterFirstWithHostNet/);
  });

  test('reports each use with its place: env var, positional argument and flag (indexes count command, then args; sorted)', () => {
    const d = deployment('app', { app: 'app' }, [], { command: ['run', 'http://ghost:8080'], args: ['--upstream=ghost:9000', 'ghost:9001'], env: [{ name: 'GHOST_URL', value: 'http://ghost' }] });
    expect(messages(workloadNameUnresolved, [d]).map((m) => m.match(/container "main" (.*) uses "([^"]*)"/)!.slice(1, 3))).toEqual([
      ['args[1]', 'http://ghost:8080'], ['args[2] --upstream', 'ghost:9000'], ['args[3]', 'ghost:9001'], ['env GHOST_URL', 'http://ghost'],
    ]);
  });

  test('judges a host once per namespace: the same name resolves in one namespace and is reported in another', () => {
    const objs = [
      service('redis', { selector: { app: 'redis' } }, { namespace: 'a' }), deployment('redis', { app: 'redis' }, undefined, {}, { namespace: 'a' }),
      deployment('app', { app: 'app' }, [], { env: [{ name: 'REDIS', value: 'redis:6379' }] }, { namespace: 'a' }),
      deployment('app', { app: 'app' }, [], { env: [{ name: 'REDIS', value: 'redis:6379' }] }, { namespace: 'b' }),
      deployment('app2', { app: 'app2' }, [], { env: [{ name: 'REDIS', value: 'redis:6379' }] }, { namespace: 'b' }),
    ];
    expect(run(workloadNameUnresolved, objs).map((f) => f.resource)).toEqual(['Deployment/b/app', 'Deployment/b/app2']);
  });

  test.each([
    ['https://kubernetes.default.svc:443'],
    ['https://kubernetes.default.svc'],
    ['kubernetes.default.svc.cluster.local:443'],
    ['https://kubernetes.default'],
  ])('reports nothing for the built-in kubernetes Service in env (%s)', (value) => {
    const d = deployment('app', { app: 'app' }, [{ containerPort: 8080 }], { env: [{ name: 'K8S_API', value }] });
    expect(run(workloadNameUnresolved, [d])).toEqual([]);
  });

  describe('names as workloads write them', () => {
    /** A headless Service kafka and its StatefulSet of 2 pods (kafka-0, kafka-1) in namespace default. */
    const kafka = () => [service('kafka', { clusterIP: 'None', ports: [{ port: 9092 }] }), statefulSet('kafka', 'kafka')];

    test('reports a name built with $(VAR) from the container\'s env, showing the value as written and expanded', () => {
      const d = app([{ name: 'DB_HOST', value: 'mysq' }, { name: 'DB_URL', value: 'jdbc:mysql://$(DB_HOST):3306/app' }]);
      const msgs = messages(workloadNameUnresolved, [service('mysql'), deployment('mysql'), d]);
      expect(msgs).toHaveLength(1);
      expect(msgs[0]).toMatch(/env DB_URL uses "jdbc:mysql:\/\/\$\(DB_HOST\):3306\/app" \(expanded: "jdbc:mysql:\/\/mysq:3306\/app"\), but host "mysq" does not resolve/);
    });

    test('reports a name in an argument expanded from env, and not an escaped $$(VAR)', () => {
      const d = app([{ name: 'UPSTREAM', value: 'ghost:8080' }], { args: ['--upstream=$(UPSTREAM)', '--literal=$$(UPSTREAM)'] });
      const msgs = messages(workloadNameUnresolved, [d]);
      expect(msgs.map((m) => m.match(/container "main" (.*?) uses/)![1])).toEqual(['args[0] --upstream', 'env UPSTREAM']);
      expect(msgs[0]).toMatch(/uses "\$\(UPSTREAM\)" \(expanded: "ghost:8080"\)/);
    });

    test('reports nothing for a name built from a variable set from a Secret or defined later', () => {
      const d = app([
        { name: 'EARLY', value: 'http://$(HOST):80' },
        { name: 'HOST', value: 'ghost' },
        { name: 'SECRET_HOST', valueFrom: { secretKeyRef: { name: 'db', key: 'host' } } },
        { name: 'DB', value: 'postgres://$(SECRET_HOST):5432/x' },
      ]);
      expect(messages(workloadNameUnresolved, [d])).toEqual([]);
    });

    test.each<[string, string, string[]]>([
      ['a Kafka bootstrap list of StatefulSet pods that exist', 'kafka-0.kafka:9092,kafka-1.kafka:9092', []],
      ['a Kafka bootstrap list with a pod beyond the replicas', 'kafka-0.kafka:9092,kafka-2.kafka:9092', ['kafka-2.kafka']],
      ['a jdbc URL of an existing Service', 'jdbc:mysql://kafka:3306/app', []],
      ['a MongoDB replica set URL with a missing host', 'mongodb://u:p@kafka-1.kafka:27017,mongo-1.kafka:27017/db?replicaSet=rs', ['mongo-1.kafka']],
      ['a two-label name that is not below a Service (may be upstream)', 'api.example:443', []],
    ])('judges %s', (_, value, missing) => {
      const found = messages(workloadNameUnresolved, [...kafka(), app([{ name: 'BROKERS', value }])]);
      expect(found.map((m) => m.match(/host "([^"]*)" (does not resolve|names a pod that does not exist)/)![1])).toEqual(missing);
    });
  });

  describe('names into namespaces the input does not describe', () => {
    const objs = () => [
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'messaging' } },
      app([{ name: 'AMQP_URL', value: 'amqp://rabbitmq.mesaging.svc.cluster.local:5672' }]),
    ];
    const findings = (objects: object[], complete?: boolean) =>
      check(ClusterModel.fromObjects(objects), { rules: [workloadNameUnresolved], complete }).findings;

    test('reports nothing by default (another repository may own the namespace)', () => {
      expect(findings(objs())).toEqual([]);
    });

    test('reports a warning with complete (the input is the whole cluster), with a near namespace', () => {
      const found = findings(objs(), true);
      expect(found).toHaveLength(1);
      expect(found[0]).toMatchObject({ level: 'warning', resource: 'Deployment/default/app' });
      expect(found[0].message).toMatch(/host "rabbitmq.mesaging.svc.cluster.local" does not resolve from namespace "default" .*the input, which --complete declares to be the whole cluster, has nothing in namespace "mesaging". Did you mean namespace "messaging"\?/);
    });

    test.each([
      ['the cluster DNS Service', 'kube-dns.kube-system.svc.cluster.local:53'],
      ['the API server', 'https://kubernetes.default.svc'],
    ])('reports nothing for %s with complete', (_, value) => {
      expect(findings([app([{ name: 'ADDR', value }])], true)).toEqual([]);
    });
  });
});

describe('a StatefulSet pod name that fails because of its governing Service gives one finding, at the StatefulSet', () => {
  const sts = statefulSet('web', 'nginx');
  /** A Deployment "client" whose env PEER is `value`. */
  const client = (value: string) => deployment('client', { app: 'client' }, [], { env: [{ name: 'PEER', value }] });
  const nginx = (spec: object) => service('nginx', { ports: [{ port: 80 }], ...spec });
  const all = (objects: object[]) => check(ClusterModel.fromObjects(objects)).findings
    // not the Service that selects nothing (reported on its own) and not the notes
    .filter((f) => f.rule !== 'service-selector-no-match' && f.level !== 'info')
    .map((f) => `${f.level} ${f.rule} ${f.resource}`);

  test.each<[string, object[], string]>([
    ['no governing Service, the name with .svc', [client('web-0.nginx.default.svc:80')], 'error statefulset-service-missing StatefulSet/default/web'],
    ['no governing Service, the full name in a URL', [client('http://web-1.nginx.default.svc.cluster.local:80')], 'error statefulset-service-missing StatefulSet/default/web'],
    ['no governing Service, used from a ConfigMap', [configMap('settings', { PEER_URL: 'http://web-0.nginx.default.svc.cluster.local' })], 'error statefulset-service-missing StatefulSet/default/web'],
    ['a governing Service that selects other pods', [nginx({ clusterIP: 'None', selector: { app: 'other' } }), client('web-0.nginx:80')], 'error statefulset-service-not-selecting StatefulSet/default/web'],
    ['an ExternalName governing Service', [nginx({ type: 'ExternalName', externalName: 'example.com', selector: undefined }), client('web-0.nginx:80')], 'error statefulset-service-not-headless StatefulSet/default/web'],
  ])('%s', (_case, objects, only) => {
    expect(all([sts, ...objects])).toEqual([only]);
  });

  test.each<[string, object[], string[]]>([
    ['a pod the StatefulSet does not have, under a correct Service', [nginx({ clusterIP: 'None', selector: { app: 'web' } }), client('web-5.nginx:80')],
      ['warning workload-name-unresolved Deployment/default/client']],
    ['a pod of a StatefulSet the input does not have', [client('cache-0.memcached.default.svc:11211')],
      ['warning workload-name-unresolved Deployment/default/client', 'warning statefulset-service-missing StatefulSet/default/web']],
  ])('workload-name-unresolved still reports %s', (_case, objects, expected) => {
    expect(all([sts, ...objects])).toEqual(expected);
  });
});

describe('a StatefulSet pod name past its replicas, under its governing Service', () => {
  /** A headless governing Service consul, a StatefulSet consul with `spec`, and a Deployment "client" whose env JOIN is `value`. */
  const objects = (spec: object, value: string, ns = 'default') => [
    service('consul', { clusterIP: 'None', ports: [{ port: 8301 }] }, { namespace: ns }),
    statefulSet('consul', 'consul', { app: 'consul' }, spec, { namespace: ns }),
    deployment('client', { app: 'client' }, [], { env: [{ name: 'JOIN', value }] }),
  ];

  test.each<[string, object, string, string, RegExp]>([
    ['3 replicas, pod 5', { replicas: 3 }, 'consul-5.consul.default.svc.cluster.local', 'default',
      /host "consul-5.consul.default.svc.cluster.local" names a pod that does not exist: StatefulSet "consul" has 3 replicas, so its pods are consul-0 to consul-2\. Fix: raise the StatefulSet's replicas, or use the name of one of its pods\.$/],
    ['no replicas field (1 replica), pod 1 by its short name', { replicas: undefined }, 'consul-1.consul:8301', 'default',
      /host "consul-1.consul" names a pod that does not exist: StatefulSet "consul" \(spec\.replicas is not set: 1, unless an autoscaler scales it\) has 1 replica, so its only pod is consul-0\./],
    ['ordinals start at 1, pod 0', { replicas: 3, ordinals: { start: 1 } }, 'consul-0.consul:8301', 'default',
      /StatefulSet "consul" has 3 replicas from ordinal 1, so its pods are consul-1 to consul-3\./],
    ['ordinals start at 1, pod 4', { replicas: 3, ordinals: { start: 1 } }, 'consul-4.consul:8301', 'default',
      /StatefulSet "consul" has 3 replicas from ordinal 1, so its pods are consul-1 to consul-3\./],
    ['0 replicas', { replicas: 0 }, 'consul-0.consul:8301', 'default', /StatefulSet "consul" has 0 replicas, so it has no pods\./],
    ['in another namespace', { replicas: 2 }, 'consul-2.consul.infra.svc:8301', 'infra',
      /host "consul-2.consul.infra.svc" names a pod that does not exist: StatefulSet "consul" in namespace "infra" has 2 replicas, so its pods are consul-0 to consul-1\./],
  ])('reports %s as a pod the StatefulSet does not have, not as a Service to create', (_, spec, value, ns, message) => {
    const found = run(workloadNameUnresolved, objects(spec, value, ns));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ level: 'warning', resource: 'Deployment/default/client' });
    expect(found[0].message).toMatch(message);
    expect(found[0].message).not.toMatch(/create the Service/);
  });

  test.each<[string, object, string]>([
    ['the last of 3 pods', { replicas: 3 }, 'consul-2.consul:8301'],
    ['the first pod from ordinal 1', { replicas: 3, ordinals: { start: 1 } }, 'consul-1.consul:8301'],
    ['any pod of replicas that Flux substitutes (${CONSUL_REPLICAS})', { replicas: '${CONSUL_REPLICAS}' }, 'consul-2.consul:8301'],
    ['any pod of an ordinals start that Flux substitutes', { replicas: 3, ordinals: { start: '${START}' } }, 'consul-0.consul:8301'],
  ])('reports nothing for %s', (_, spec, value) => {
    expect(run(workloadNameUnresolved, objects(spec, value))).toEqual([]);
  });

  test('reads a null replicas (YAML `replicas:`) as not set: 1 replica, as the API server defaults it', () => {
    expect(messages(workloadNameUnresolved, objects({ replicas: null }, 'consul-1.consul:8301')))
      .toEqual([expect.stringMatching(/StatefulSet "consul" \(spec\.replicas is not set: 1, unless an autoscaler scales it\) has 1 replica, so its only pod is consul-0\./)]);
  });
});

describe('a StatefulSet pod name under a HorizontalPodAutoscaler of the input', () => {
  // The Bitnami Kafka chart's controller-eligible StatefulSet leaves spec.replicas out when controller.autoscaling.hpa
  // is on and adds an HPA, while its quorum voters name every pod up to controller.replicaCount.
  /** The consul StatefulSet with `spec`, its headless Service, an HPA `hpa` (when given) and a client whose env JOIN is `value`. */
  const objects = (spec: object, value: string, hpa?: object) => [
    service('consul', { clusterIP: 'None', ports: [{ port: 8301 }] }),
    statefulSet('consul', 'consul', { app: 'consul' }, spec),
    deployment('client', { app: 'client' }, [], { env: [{ name: 'JOIN', value }] }),
    ...(hpa ? [{ apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: 'consul', namespace: 'default' }, spec: hpa }] : []),
  ];
  const scales = (minReplicas: unknown, maxReplicas: unknown, kind = 'StatefulSet', name = 'consul') =>
    ({ scaleTargetRef: { apiVersion: 'apps/v1', kind, name }, minReplicas, maxReplicas });

  test.each<[string, object, string, object]>([
    ['no replicas field, pods 0 to 2 of an HPA of 3 to 5', { replicas: undefined }, 'consul-0.consul:8301,consul-1.consul:8301,consul-2.consul:8301', scales(3, 5)],
    ['3 replicas, pod 4 of an HPA of at most 5', { replicas: 3 }, 'consul-4.consul:8301', scales(1, 5)],
    ['ordinals from 1, pod 5 of an HPA of at most 5', { replicas: 1, ordinals: { start: 1 } }, 'consul-5.consul:8301', scales(1, 5)],
    ['an HPA whose maxReplicas Flux substitutes', { replicas: undefined }, 'consul-7.consul:8301', scales(1, '${MAX}')],
  ])('reports nothing for %s', (_, spec, value, hpa) => {
    expect(run(workloadNameUnresolved, objects(spec, value, hpa))).toEqual([]);
  });

  test.each<[string, object, string, object | undefined, RegExp]>([
    ['a pod past maxReplicas', { replicas: undefined }, 'consul-5.consul:8301', scales(3, 5),
      /host "consul-5.consul" names a pod that does not exist: StatefulSet "consul" is scaled by HorizontalPodAutoscaler "consul" to at most 5 replicas, so its last possible pod is consul-4\./],
    ['a pod past maxReplicas from ordinal 1', { ordinals: { start: 1 } }, 'consul-6.consul:8301', scales(1, 5),
      /StatefulSet "consul" is scaled by HorizontalPodAutoscaler "consul" to at most 5 replicas from ordinal 1, so its last possible pod is consul-5\./],
    ['0 replicas, which the HPA controller leaves alone', { replicas: 0 }, 'consul-0.consul:8301', scales(1, 5),
      /StatefulSet "consul" has 0 replicas, so it has no pods\./],
    ['an HPA of a Deployment of that name', { replicas: undefined }, 'consul-1.consul:8301', scales(1, 5, 'Deployment'),
      /StatefulSet "consul" \(spec\.replicas is not set: 1, unless an autoscaler scales it\) has 1 replica/],
    ['an HPA of another StatefulSet', { replicas: undefined }, 'consul-1.consul:8301', scales(1, 5, 'StatefulSet', 'vault'),
      /StatefulSet "consul" \(spec\.replicas is not set: 1, unless an autoscaler scales it\) has 1 replica/],
  ])('reports %s', (_, spec, value, hpa, message) => {
    const found = run(workloadNameUnresolved, objects(spec, value, hpa));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ level: 'warning', resource: 'Deployment/default/client' });
    expect(found[0].message).toMatch(message);
  });

  test('reads a KEDA ScaledObject of the StatefulSet as the HPA it makes (maxReplicaCount, 100 when not set)', () => {
    const scaledObject = (spec: object) => ({
      apiVersion: 'keda.sh/v1alpha1',
      kind: 'ScaledObject',
      metadata: { name: 'consul', namespace: 'default' },
      spec: { scaleTargetRef: { kind: 'StatefulSet', name: 'consul' }, triggers: [], ...spec },
    });
    const withKeda = (value: string, spec: object) => [...objects({ replicas: undefined }, value), scaledObject(spec)];
    expect(run(workloadNameUnresolved, withKeda('consul-4.consul:8301', { maxReplicaCount: 5 }))).toEqual([]);
    expect(run(workloadNameUnresolved, withKeda('consul-99.consul:8301', {}))).toEqual([]);
    expect(messages(workloadNameUnresolved, withKeda('consul-5.consul:8301', { maxReplicaCount: 5 }))[0])
      .toMatch(/StatefulSet "consul" is scaled by ScaledObject "consul" to at most 5 replicas, so its last possible pod is consul-4\. Fix: raise maxReplicaCount of ScaledObject "consul", or use the name of one of its pods\./);
  });

  test('says to raise the HPA\'s maxReplicas, which the HPA controller keeps, not the replicas, which it undoes', () => {
    const found = messages(workloadNameUnresolved, objects({ replicas: 2 }, 'consul-3.consul:8301', scales(1, 3)));
    expect(found).toEqual([expect.stringMatching(/is scaled by HorizontalPodAutoscaler "consul" to at most 3 replicas, so its last possible pod is consul-2\. Fix: raise maxReplicas of HorizontalPodAutoscaler "consul", or use the name of one of its pods\.$/)]);
    // replicas above maxReplicas bound the pods as written; the HPA still sets them
    expect(messages(workloadNameUnresolved, objects({ replicas: 5 }, 'consul-5.consul:8301', scales(1, 3))))
      .toEqual([expect.stringMatching(/StatefulSet "consul" has 5 replicas, so its pods are consul-0 to consul-4\. Fix: raise maxReplicas of HorizontalPodAutoscaler "consul",/)]);
  });

  test.each<[string, string | undefined]>([
    ['no apiVersion (the core group has no StatefulSet: FailedGetScale)', undefined],
    ['OpenKruise\'s apps.kruise.io/v1beta1 (another object than the apps/v1 StatefulSet)', 'apps.kruise.io/v1beta1'],
  ])('reports a pod past the replicas when the HPA\'s scaleTargetRef has %s', (_, apiVersion) => {
    const hpa = { scaleTargetRef: { apiVersion, kind: 'StatefulSet', name: 'consul' }, minReplicas: 1, maxReplicas: 5 };
    expect(messages(workloadNameUnresolved, objects({ replicas: 2 }, 'consul-3.consul:8301', hpa)))
      .toEqual([expect.stringMatching(/StatefulSet "consul" has 2 replicas, so its pods are consul-0 to consul-1\. Fix: raise the StatefulSet's replicas,/)]);
  });

  test('reads any version of the apps group in the HPA\'s scaleTargetRef', () => {
    const hpa = { scaleTargetRef: { apiVersion: 'apps/v1beta2', kind: 'StatefulSet', name: 'consul' }, minReplicas: 1, maxReplicas: 5 };
    expect(run(workloadNameUnresolved, objects({ replicas: 2 }, 'consul-3.consul:8301', hpa))).toEqual([]);
  });

  test('counts the pods a KEDA ScaledObject scales a StatefulSet of 0 replicas up to (KEDA scales from zero; an HPA does not)', () => {
    const scaledObject = (scaleTargetRef: object) => ({
      apiVersion: 'keda.sh/v1alpha1',
      kind: 'ScaledObject',
      metadata: { name: 'consul', namespace: 'default' },
      spec: { scaleTargetRef, minReplicaCount: 0, maxReplicaCount: 5, triggers: [{ type: 'kafka', metadata: { topic: 't' } }] },
    });
    const withKeda = (value: string, ref: object) => [...objects({ replicas: 0 }, value), scaledObject(ref)];
    expect(run(workloadNameUnresolved, withKeda('consul-0.consul:8301', { kind: 'StatefulSet', name: 'consul' }))).toEqual([]);
    expect(run(workloadNameUnresolved, withKeda('consul-4.consul:8301', { apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'consul' }))).toEqual([]);
    expect(messages(workloadNameUnresolved, withKeda('consul-5.consul:8301', { kind: 'StatefulSet', name: 'consul' })))
      .toEqual([expect.stringMatching(/is scaled by ScaledObject "consul" to at most 5 replicas, so its last possible pod is consul-4\. Fix: raise maxReplicaCount of ScaledObject "consul"/)]);
    // a ScaledObject of another group's StatefulSet scales no StatefulSet of the input
    expect(messages(workloadNameUnresolved, withKeda('consul-0.consul:8301', { apiVersion: 'apps.kruise.io/v1beta1', kind: 'StatefulSet', name: 'consul' })))
      .toEqual([expect.stringMatching(/StatefulSet "consul" has 0 replicas, so it has no pods\. Fix: raise the StatefulSet's replicas,/)]);
  });

  test('counts the pods an HPA of minReplicas 0 scales a StatefulSet of 0 replicas up to (HPAScaleToZero: the API server accepts minReplicas 0 only with it)', () => {
    expect(run(workloadNameUnresolved, objects({ replicas: 0 }, 'consul-0.consul:8301', scales(0, 5)))).toEqual([]);
  });
});

describe('hostile env values', () => {
  test.each([28, 40])('%i env entries that each refer twice to the one before (2^n characters expanded): every rule runs, the plain values are still judged', (n) => {
    const env = [{ name: 'V0', value: 'x' }, ...Array.from({ length: n - 1 }, (_, i) => ({ name: `V${i + 1}`, value: `$(V${i})$(V${i})` }))];
    const cpuMs = cpuClock();
    const objects = [service('redis', {}, { namespace: 'cache' }), app([...env, { name: 'REDIS_URL', value: 'redis://redis:6379' }])];
    const findings = [...check(ClusterModel.fromObjects(objects)).findings];
    expect(findings.filter((f) => /checker bug/.test(f.message))).toEqual([]);
    expect(findings.filter((f) => f.rule === 'workload-name-unresolved').map((f) => f.message)).toEqual([expect.stringMatching(/env REDIS_URL uses "redis:\/\/redis:6379"/)]);
    expect(cpuMs()).toBeLessThan(10_000); // was: 2^28 characters (0.5 GB) before the fix, or a throw at 40
  });
});

describe('hostile containers', () => {
  test('a pod of many containers whose env uses $(VAR) reads its container list a few times per container, not once per pair', () => {
    // GIVEN 300 containers, each with an env value built from $(A); the list counts how often an entry is read
    const n = 300;
    let reads = 0;
    const list = Array.from({ length: n }, (_, i) => ({ name: `c${i}`, image: 'x', env: [{ name: 'A', value: 'mysq' }, { name: 'URL', value: 'http://$(A):3306' }] }));
    const containers = new Proxy(list, {
      get(target, key, receiver) {
        if (typeof key === 'string' && /^\d+$/.test(key)) reads++;
        return Reflect.get(target, key, receiver);
      },
    });
    const d = deployment('app');
    d.spec.template.spec.containers = containers;
    // WHEN (every finding listed: past the engine's 100 of one object they would be folded)
    const msgs = runAll(workloadNameUnresolved, [service('mysql'), deployment('mysql'), d]).map((f) => f.message);
    // THEN every container's expanded value is judged, and the list is read linearly (a search per container read
    // n²/2 = 45,000 entries; 40,000 such containers took 6 s)
    expect(msgs).toHaveLength(n);
    expect(msgs).toContainEqual(expect.stringMatching(/container "c299" env URL uses "http:\/\/\$\(A\):3306" \(expanded: "http:\/\/mysq:3306"\)/));
    expect(reads).toBeLessThan(10 * n);
  });
});
