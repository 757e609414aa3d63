// GIVEN a database or search operator's resource in the input, WHEN the checker asks which Services operators make,
// THEN the names from the operator's source count in the resource's namespace, and near misses do not.
import { makerKindIn, Obj, operatorResource } from './operator-fixtures';

/** A custom resource named `name` in namespace `shop`. */
const resource = (apiVersion: string, kind: string, name: string, spec: Obj = {}): Obj => operatorResource(apiVersion, kind, name, spec, 'shop');

/** The kind of the input's maker of Service `name` in namespace `ns` (undefined: none). */
const makerKind = (objects: Obj[], name: string, ns = 'shop'): string | undefined => makerKindIn(objects, name, ns);

const OT = 'redis.redis.opstreelabs.in/v1beta2';
const PGO = 'postgres-operator.crunchydata.com/v1beta1';
const SCYLLA = 'scylla.scylladb.com/v1';

describe('OperatorServices: database and search operators', () => {
  test.each<[string, Obj, string[]]>([
    ['an Opstree Redis', resource(OT, 'Redis', 'cache'), ['cache', 'cache-headless', 'cache-additional']],
    ['an Opstree RedisCluster', resource(OT, 'RedisCluster', 'rc'),
      ['rc-leader', 'rc-leader-headless', 'rc-leader-additional', 'rc-follower', 'rc-follower-headless', 'rc-follower-additional', 'rc-master']],
    ['an Opstree RedisReplication', resource(OT, 'RedisReplication', 'repl'),
      ['repl', 'repl-headless', 'repl-additional', 'repl-master', 'repl-replica']],
    ['an Opstree RedisSentinel', resource(OT, 'RedisSentinel', 'sent'), ['sent-sentinel', 'sent-sentinel-headless', 'sent-sentinel-additional']],
    ['a SolrCloud', resource('solr.apache.org/v1beta1', 'SolrCloud', 'search'), ['search-solrcloud-common', 'search-solrcloud-headless']],
    ['a SolrCloud with a provided ZooKeeper', resource('solr.apache.org/v1beta1', 'SolrCloud', 'search', { zookeeperRef: { provided: { replicas: 3 } } }),
      ['search-solrcloud-zookeeper-client']],
    ['a SolrCloud whose nodes are exposed one by one (Ingress)', resource('solr.apache.org/v1beta1', 'SolrCloud', 'search',
      { replicas: 2, solrAddressability: { external: { method: 'Ingress', domainName: 'example.com' } } }),
    ['search-solrcloud-common', 'search-solrcloud-0', 'search-solrcloud-1']],
    ['a SolrCloud exposed by Ingress with hidden nodes', resource('solr.apache.org/v1beta1', 'SolrCloud', 'search',
      { solrAddressability: { external: { method: 'Ingress', hideNodes: true } } }), ['search-solrcloud-headless']],
    ['a TidbCluster', resource('pingcap.com/v1alpha1', 'TidbCluster', 'basic', { pd: { replicas: 1 }, tikv: { replicas: 1 }, tidb: { replicas: 1 } }),
      ['basic-pd', 'basic-pd-peer', 'basic-tikv-peer', 'basic-tidb', 'basic-tidb-peer']],
    ['a TidbCluster with TiFlash and Pump', resource('pingcap.com/v1alpha1', 'TidbCluster', 'basic', { tiflash: {}, pump: {} }), ['basic-tiflash-peer', 'basic-pump']],
    ['a SolrCloud with 100 nodes exposed one by one: its first 64', resource('solr.apache.org/v1beta1', 'SolrCloud', 's',
      { replicas: 100, solrAddressability: { external: { method: 'LoadBalancer' } } }), ['s-solrcloud-0', 's-solrcloud-63']],
    ['a Crunchy PostgresCluster', resource(PGO, 'PostgresCluster', 'hippo'),
      ['hippo-primary', 'hippo-replicas', 'hippo-pods', 'hippo-pgbouncer', 'hippo-ha', 'hippo-ha-config']],
    ['a Crunchy PostgresCluster with pgAdmin', resource(PGO, 'PostgresCluster', 'hippo', { userInterface: { pgAdmin: { image: 'pgadmin' } } }), ['hippo-pgadmin']],
    ['a Crunchy PGAdmin with a serviceName', resource(PGO, 'PGAdmin', 'rhino', { serviceName: 'pgadmin-service' }), ['pgadmin-service']],
    ['a ScyllaCluster', resource(SCYLLA, 'ScyllaCluster', 'scylla', { datacenter: { name: 'dc1', racks: [{ name: 'rack1', members: 2 }, { name: 'rack2', members: 1 }] } }),
      ['scylla-client', 'scylla-dc1-rack1-0', 'scylla-dc1-rack1-1', 'scylla-dc1-rack2-0']],
    ['a ScyllaCluster of 100 members: its first 64 member Services', resource(SCYLLA, 'ScyllaCluster', 's', { datacenter: { name: 'dc', racks: [{ name: 'r', members: 100 }] } }),
      ['s-dc-r-0', 's-dc-r-63']],
    ['a ScyllaDBDatacenter', resource('scylla.scylladb.com/v1alpha1', 'ScyllaDBDatacenter', 'dc1'), ['dc1-client']],
  ])('counts the Services the operator makes from %s', (_case, cr, names) => {
    for (const name of names) expect([name, makerKind([cr], name)]).toEqual([name, cr.kind]);
  });

  test.each<[string, Obj[], string, string?]>([
    ['a Redis Service with a typo', [resource(OT, 'Redis', 'cache')], 'cache-headles'],
    ['a Redis Service from another namespace', [resource(OT, 'Redis', 'cache')], 'cache', 'default'],
    ['a RedisCluster\'s own name (its Services are per role)', [resource(OT, 'RedisCluster', 'rc')], 'rc'],
    ['a RedisCluster role the operator does not have', [resource(OT, 'RedisCluster', 'rc')], 'rc-replica'],
    ['a RedisSentinel\'s own name', [resource(OT, 'RedisSentinel', 'sent')], 'sent'],
    ['a Redis of another group', [resource('example.com/v1', 'Redis', 'cache')], 'cache-headless'],
    ['a SolrCloud\'s name without the solrcloud infix', [resource('solr.apache.org/v1beta1', 'SolrCloud', 'search')], 'search-common'],
    ['the ZooKeeper client of a SolrCloud that names its own ZooKeeper',
      [resource('solr.apache.org/v1beta1', 'SolrCloud', 'search', { zookeeperRef: { connectionInfo: { internalConnectionString: 'zk:2181' } } })], 'search-solrcloud-zookeeper-client'],
    ['the headless Service of a SolrCloud whose nodes are exposed one by one',
      [resource('solr.apache.org/v1beta1', 'SolrCloud', 'search', { solrAddressability: { external: { method: 'LoadBalancer' } } })], 'search-solrcloud-headless'],
    ['a SolrCloud node past its replicas', [resource('solr.apache.org/v1beta1', 'SolrCloud', 'search',
      { replicas: 2, solrAddressability: { external: { method: 'Ingress' } } })], 'search-solrcloud-2'],
    ['a SolrCloud node Service of a SolrCloud with a headless Service', [resource('solr.apache.org/v1beta1', 'SolrCloud', 'search', { replicas: 2 })], 'search-solrcloud-0'],
    ['the TiDB Service of a TidbCluster without spec.tidb', [resource('pingcap.com/v1alpha1', 'TidbCluster', 'basic', { pd: {}, tikv: {} })], 'basic-tidb'],
    ['a TidbCluster\'s TiKV name without -peer', [resource('pingcap.com/v1alpha1', 'TidbCluster', 'basic', { tikv: {} })], 'basic-tikv'],
    ['a TidbCluster\'s pump with -peer', [resource('pingcap.com/v1alpha1', 'TidbCluster', 'basic', { pump: {} })], 'basic-pump-peer'],
    ['a Crunchy PostgresCluster\'s own name', [resource(PGO, 'PostgresCluster', 'hippo')], 'hippo'],
    ['a Crunchy PostgresCluster replica Service without the plural', [resource(PGO, 'PostgresCluster', 'hippo')], 'hippo-replica'],
    ['the pgAdmin of a PostgresCluster without a user interface', [resource(PGO, 'PostgresCluster', 'hippo')], 'hippo-pgadmin'],
    ['a Crunchy PGAdmin without a serviceName', [resource(PGO, 'PGAdmin', 'rhino')], 'rhino'],
    ['a Redis Service name longer than 63 characters', [resource(OT, 'Redis', 'r'.repeat(60))], `${'r'.repeat(60)}-headless`],
    ['a ScyllaCluster\'s own name', [resource(SCYLLA, 'ScyllaCluster', 'scylla', { datacenter: { name: 'dc1', racks: [{ name: 'r', members: 1 }] } })], 'scylla'],
    ['a ScyllaCluster member past its rack\'s members', [resource(SCYLLA, 'ScyllaCluster', 'scylla', { datacenter: { name: 'dc1', racks: [{ name: 'r', members: 2 }] } })],
      'scylla-dc1-r-2'],
    ['a ScyllaCluster member without the datacenter', [resource(SCYLLA, 'ScyllaCluster', 'scylla', { datacenter: { name: 'dc1', racks: [{ name: 'r', members: 1 }] } })],
      'scylla-r-0'],
    ['a ScyllaCluster member past the first 64', [resource(SCYLLA, 'ScyllaCluster', 's', { datacenter: { name: 'dc', racks: [{ name: 'r', members: 100 }] } })], 's-dc-r-64'],
    ['a ScyllaCluster\'s client Service from another namespace', [resource(SCYLLA, 'ScyllaCluster', 'scylla')], 'scylla-client', 'default'],
  ])('does not count %s', (_case, objects, name, ns = 'shop') => {
    expect(makerKind(objects, name, ns)).toBeUndefined();
  });
});
