/**
 * Services that database and search operators make from their custom resources (the table shape and the rules of
 * context/operator-services.ts: each name counts in the resource's namespace, names over 63 characters are none).
 *
 * Sources:
 * - Opstree Redis Operator (OT-CONTAINER-KIT/redis-operator, group redis.redis.opstreelabs.in): Redis `<name>`,
 *   `<name>-headless`, `<name>-additional` (pkg/k8sutils/redis-standalone.go CreateStandaloneService); RedisCluster
 *   `<name>-<role>`, `-<role>-headless`, `-<role>-additional` for the roles `leader` and `follower`, and `<name>-master`
 *   (redis-cluster.go CreateRedisClusterService: `cr.ObjectMeta.Name + "-" + service.RedisServiceRole`, and its
 *   master Service); RedisReplication `<name>`, `-headless`, `-additional`, `-master`, `-replica`
 *   (redis-replication.go CreateReplicationService); RedisSentinel `<name>-sentinel`, `-sentinel-headless`,
 *   `-sentinel-additional` (redis-sentinel.go CreateRedisSentinelService, role `sentinel`). The additional Services
 *   can be switched off; they are listed all the same.
 * - Apache Solr Operator (solr.apache.org): SolrCloud `<name>-solrcloud-common` (api/v1beta1 solrcloud_types.go
 *   CommonServiceName, InternalURLForCloud), `<name>-solrcloud-headless` (HeadlessServiceName) unless the nodes are
 *   exposed one by one (`spec.solrAddressability.external.method` Ingress or LoadBalancer without `hideNodes`:
 *   UsesIndividualNodeServices), when each pod `<name>-solrcloud-<i>` has a Service of its name (NodeServiceUrl; only
 *   read for an explicit `spec.replicas`, at most 64); and `<name>-solrcloud-zookeeper-client` when
 *   `spec.zookeeperRef.provided` is set (ProvidedZookeeperAddress).
 * - TiDB Operator (pingcap.com): TidbCluster `<name>-pd` and `<name>-pd-peer` with `spec.pd`, `<name>-tikv-peer` with
 *   `spec.tikv`, `<name>-tidb` and `<name>-tidb-peer` with `spec.tidb`, `<name>-tiflash-peer` with `spec.tiflash`,
 *   `<name>-pump` with `spec.pump` (pkg/controller/controller.go PDMemberName, PDPeerMemberName, TiKVPeerMemberName,
 *   TiDBMemberName, TiDBPeerMemberName, TiFlashPeerMemberName, PumpPeerMemberName: "pump peer member name do not has
 *   -peer suffix").
 * - Crunchy PGO v5 (postgres-operator.crunchydata.com): PostgresCluster `<name>-primary`, `-replicas`, `-pods` (the
 *   pods' headless Service), `-pgbouncer` (internal/naming names.go ClusterPrimaryService, ClusterReplicaService,
 *   ClusterPodService, ClusterPGBouncer; listed without `spec.proxy.pgBouncer` too, as before, since an overlay's patch
 *   may add it), `-pgadmin` with `spec.userInterface.pgAdmin` (ClusterPGAdmin), and Patroni's `<name>-ha` and
 *   `<name>-ha-config` (PatroniScope `<name>-ha`, PatroniLeaderEndpoints; PatroniDistributedConfiguration `-config`,
 *   whose Service Patroni makes beside its Endpoints: patroni/dcs/kubernetes.py _create_config_service); and a
 *   standalone PGAdmin's `spec.serviceName` when set (internal/controller/standalone_pgadmin service.go: no Service
 *   without it).
 * - ScyllaDB Operator (scylla.scylladb.com): ScyllaCluster `<name>-client`, the identity Service (pkg/naming names.go
 *   IdentityServiceNameForScyllaCluster), and a member Service named after each pod, `<name>-<dc>-<rack>-<i>` for
 *   each rack of `spec.datacenter.racks` and each `i` below its `members`, where `<dc>` is `spec.datacenter.name`
 *   (MemberServiceNameForScyllaCluster, StatefulSetNameForRackForScyllaCluster; pkg/controller/scyllacluster
 *   resource.go MemberService); at most 64 member Services per resource (MAX_ENTRIES). ScyllaDBDatacenter
 *   `<name>-client` (IdentityServiceName); its member Services are left out.
 */
import { field, MAX_ENTRIES, OperatorKind, specHas, suffixed } from './operator-kind';
import { asArray, asNumber, asRecord, nonEmptyString } from '../../model/manifest';

const OT_REDIS = 'redis.redis.opstreelabs.in';
const CRUNCHY = 'postgres-operator.crunchydata.com';

/** `<name>-<role>`, `-<role>-headless`, `-<role>-additional` for each role. */
const redisRoles = (...roles: string[]) => (name: string) =>
  roles.flatMap((role) => suffixed('', '-headless', '-additional')(`${name}-${role}`));

/** SolrCloud: its common Service, the headless one or one Service per node, and the provided ZooKeeper's client. */
function solrCloud(name: string, object: Record<string, unknown>): readonly string[] {
  const out = [`${name}-solrcloud-common`];
  const external = asRecord(field(object, 'spec', 'solrAddressability', 'external'));
  const perNode = external !== undefined && external.hideNodes !== true && (external.method === 'Ingress' || external.method === 'LoadBalancer');
  if (!perNode) {out.push(`${name}-solrcloud-headless`);} else {
    const replicas = asNumber(field(object, 'spec', 'replicas'));
    const count = replicas !== undefined && Number.isInteger(replicas) && replicas > 0 ? Math.min(replicas, MAX_ENTRIES) : 0;
    for (let i = 0; i < count; i++) out.push(`${name}-solrcloud-${i}`);
  }
  if (asRecord(field(object, 'spec', 'zookeeperRef', 'provided')) !== undefined) out.push(`${name}-solrcloud-zookeeper-client`);
  return out;
}

/** PostgresCluster: the Services of PGO v5 and of Patroni, and pgAdmin's when the spec configures it. */
function crunchyPostgres(name: string, object: Record<string, unknown>): readonly string[] {
  const out = suffixed('-primary', '-replicas', '-pods', '-pgbouncer', '-ha', '-ha-config')(name);
  return asRecord(field(object, 'spec', 'userInterface', 'pgAdmin')) !== undefined ? [...out, `${name}-pgadmin`] : out;
}

/** A rack's `members`: a whole number above 0, else 0. */
function memberCount(value: unknown): number {
  const n = asNumber(value);
  return n !== undefined && Number.isInteger(n) && n > 0 ? n : 0;
}

/** ScyllaCluster: its identity Service, and a member Service per pod of each rack (at most MAX_ENTRIES). */
function scyllaCluster(name: string, object: Record<string, unknown>): readonly string[] {
  const out = [`${name}-client`];
  const dc = nonEmptyString(field(object, 'spec', 'datacenter', 'name'));
  if (dc === undefined) return out;
  let members = 0;
  for (const entry of asArray(field(object, 'spec', 'datacenter', 'racks')).slice(0, MAX_ENTRIES)) {
    const rack = nonEmptyString(asRecord(entry)?.name);
    if (rack === undefined) continue;
    const count = memberCount(asRecord(entry)?.members);
    for (let i = 0; i < count && members < MAX_ENTRIES; i++, members++) out.push(`${name}-${dc}-${rack}-${i}`);
  }
  return out;
}

/** TidbCluster: the Services of each component its spec configures. */
function tidbCluster(name: string, object: Record<string, unknown>): readonly string[] {
  const out: string[] = [];
  if (specHas(object, 'pd')) out.push(`${name}-pd`, `${name}-pd-peer`);
  if (specHas(object, 'tikv')) out.push(`${name}-tikv-peer`);
  if (specHas(object, 'tidb')) out.push(`${name}-tidb`, `${name}-tidb-peer`);
  if (specHas(object, 'tiflash')) out.push(`${name}-tiflash-peer`);
  if (specHas(object, 'pump')) out.push(`${name}-pump`);
  return out;
}

export const OPERATOR_KINDS_DATABASES: readonly OperatorKind[] = [
  { group: OT_REDIS, kind: 'Redis', services: suffixed('', '-headless', '-additional') },
  { group: OT_REDIS, kind: 'RedisCluster', services: (name) => [...redisRoles('leader', 'follower')(name), `${name}-master`] },
  { group: OT_REDIS, kind: 'RedisReplication', services: suffixed('', '-headless', '-additional', '-master', '-replica') },
  { group: OT_REDIS, kind: 'RedisSentinel', services: redisRoles('sentinel') },
  { group: 'solr.apache.org', kind: 'SolrCloud', services: solrCloud },
  { group: 'pingcap.com', kind: 'TidbCluster', services: tidbCluster },
  { group: CRUNCHY, kind: 'PostgresCluster', services: crunchyPostgres },
  { group: 'scylla.scylladb.com', kind: 'ScyllaCluster', services: scyllaCluster },
  { group: 'scylla.scylladb.com', kind: 'ScyllaDBDatacenter', services: suffixed('-client') },
  { group: CRUNCHY, kind: 'PGAdmin', services: (_name, object) => { const s = nonEmptyString(field(object, 'spec', 'serviceName')); return s ? [s] : []; } },
];
