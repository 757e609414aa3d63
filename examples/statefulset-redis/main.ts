// The Redis StatefulSet of the background article "Headless Services and ExternalName", made to run:
//
//   cdk8s synth      # -> dist/statefulset-redis.k8s.yaml
//
// Three pods redis-0..2 behind the headless Service redis-headless. Every pod has a stable DNS name
// (redis-<n>.redis-headless.cache.svc.cluster.local) and the configuration is built from those names: the
// ConfigMap "redis-peers" lists the primary and every peer (for the pods, Sentinel or a cluster-aware client),
// redis-0 is the primary and the other pods replicate from it by its stable name.
import { App, Chart } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { k8s } from 'cdk8s-plus-28';
import { ContainerProbe, HeadlessStatefulSet } from '../../src';

const app = new App();
const chart = new Chart(app, 'statefulset-redis', { namespace: 'cache' });

// The pods read their peers from this ConfigMap (filled in below from the set's getters).
const peersConfig = kplus.ConfigMap.fromConfigMapName(chart, 'peers-ref', 'redis-peers');
const fromPeers = (key: string) => kplus.EnvValue.fromConfigMap(peersConfig, key);

// Each pod decides its role from its own stable name; replicas follow the primary by DNS name, not by pod IP,
// so a rescheduled primary (new IP, same name) is found again.
const roleScript = [
  'set -e',
  'if [ "$POD_NAME" = "$REDIS_PRIMARY_POD" ]; then',
  '  exec redis-server --appendonly yes',
  'fi',
  'exec redis-server --appendonly yes --replicaof "$REDIS_PRIMARY_HOST" "$REDIS_PORT"',
].join('\n');

const redis = new HeadlessStatefulSet(chart, 'redis', {
  image: 'redis:7',
  ports: [{ name: 'redis', port: 6379, appProtocol: 'redis' }],
  replicas: 3,
  // One PersistentVolumeClaim per pod (data-redis-0, ...), mounted at the image's /data, kept on delete and scale-down.
  storage: { size: '1Gi' },
  // Read-only clients may use the load-balanced ClusterIP Service "redis"; peers use the per-pod names.
  clientService: {},
  command: ['sh', '-c', roleScript],
  env: {
    POD_NAME: kplus.EnvValue.fromFieldRef(kplus.EnvFieldPaths.POD_NAME),
    REDIS_PRIMARY_POD: fromPeers('primary-pod'),
    REDIS_PRIMARY_HOST: fromPeers('primary-host'),
    REDIS_PORT: fromPeers('port'),
  },
  readinessProbe: ContainerProbe.exec(['redis-cli', 'ping'], { periodSeconds: 5 }),
  livenessProbe: ContainerProbe.tcp('redis', { initialDelaySeconds: 10 }),
  labels: { 'app.kubernetes.io/name': 'redis', 'app.kubernetes.io/part-of': 'shop' },
});

const port = redis.port('redis').port;

new k8s.KubeConfigMap(chart, 'peers', {
  metadata: { name: 'redis-peers' },
  data: {
    'primary-pod': redis.podNames[0],
    'primary-host': redis.podDnsName(0),
    'port': String(port),
    // "redis-0.redis-headless.cache.svc.cluster.local:6379,redis-1...:6379,redis-2...:6379"
    'peers': redis.joinPeerAddresses(),
    'peer-domain': redis.headlessServiceFqdn,
  },
});

// Writes go to the primary only: a ClusterIP Service that selects pod redis-0 by its pod-name label.
new k8s.KubeService(chart, 'primary', {
  metadata: { name: 'redis-primary', labels: { 'app.kubernetes.io/name': 'redis' } },
  spec: {
    selector: redis.podSelectorLabels(0),
    ports: [{ name: 'redis', port, targetPort: k8s.IntOrString.fromString('redis'), protocol: 'TCP' }],
  },
});

app.synth();
