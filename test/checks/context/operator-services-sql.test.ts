// GIVEN a MySQL-family operator's resource in the input, WHEN the checker asks which Services operators make, THEN the
// names from the operator's source count in the resource's namespace, those a spec field switches on only when it is
// on, and near misses do not.
import { makerKindIn, Obj, operatorResource } from './operator-fixtures';

/** A custom resource named `name` in namespace `shop`. */
const resource = (apiVersion: string, kind: string, name: string, spec: Obj = {}): Obj => operatorResource(apiVersion, kind, name, spec, 'shop');

/** The kind of the input's maker of Service `name` in namespace `ns` (undefined: none). */
const makerKind = (objects: Obj[], name: string, ns = 'shop'): string | undefined => makerKindIn(objects, name, ns);

const MDB = 'k8s.mariadb.com/v1alpha1';
const PXC = 'pxc.percona.com/v1';

describe('OperatorServices: MySQL-family operators', () => {
  test.each<[string, Obj, string[]]>([
    ['a MariaDB', resource(MDB, 'MariaDB', 'mariadb'), ['mariadb', 'mariadb-internal']],
    ['a MariaDB with replication', resource(MDB, 'MariaDB', 'mariadb', { replication: { enabled: true } }),
      ['mariadb', 'mariadb-internal', 'mariadb-primary', 'mariadb-secondary']],
    ['a MariaDB with Galera', resource(MDB, 'MariaDB', 'galera', { galera: { enabled: true } }), ['galera-primary', 'galera-secondary']],
    ['a MariaDB of the older group whose replication section has no enabled field', resource('mariadb.mmontes.io/v1alpha1', 'MariaDB', 'mariadb-repl',
      { replication: { primary: { podIndex: 0, automaticFailover: true } } }), ['mariadb-repl-primary', 'mariadb-repl-secondary']],
    ['a MariaDB of the older group with replication', resource('mariadb.mmontes.io/v1alpha1', 'MariaDB', 'db', { replication: { enabled: true } }), ['db', 'db-primary']],
    ['a MariaDB with its own MaxScale', resource(MDB, 'MariaDB', 'mariadb', { galera: { enabled: true }, maxScale: { enabled: true } }),
      ['mariadb-maxscale', 'mariadb-maxscale-internal', 'mariadb-maxscale-gui']],
    ['a MaxScale', resource(MDB, 'MaxScale', 'maxscale-galera', { mariaDbRef: { name: 'mariadb-galera' } }),
      ['maxscale-galera', 'maxscale-galera-internal', 'maxscale-galera-gui']],
    ['a MaxScale of the older group', resource('mariadb.mmontes.io/v1alpha1', 'MaxScale', 'maxscale'), ['maxscale', 'maxscale-gui']],
    ['a PerconaXtraDBCluster', resource(PXC, 'PerconaXtraDBCluster', 'cluster1'), ['cluster1-pxc', 'cluster1-pxc-unready']],
    ['a PerconaXtraDBCluster with HAProxy', resource(PXC, 'PerconaXtraDBCluster', 'cluster1', { haproxy: { enabled: true, size: 3 }, proxysql: { enabled: false } }),
      ['cluster1-pxc', 'cluster1-haproxy', 'cluster1-haproxy-replicas']],
    ['a PerconaXtraDBCluster with ProxySQL', resource(PXC, 'PerconaXtraDBCluster', 'cluster1', { haproxy: { enabled: false }, proxysql: { enabled: true } }),
      ['cluster1-pxc', 'cluster1-proxysql', 'cluster1-proxysql-unready']],
  ])('counts the Services the operator makes from %s', (_case, cr, names) => {
    for (const name of names) expect([name, makerKind([cr], name)]).toEqual([name, cr.kind]);
  });

  test.each<[string, Obj, string]>([
    ['the primary of a MariaDB without replication or Galera', resource(MDB, 'MariaDB', 'mariadb'), 'mariadb-primary'],
    ['the primary of a MariaDB whose Galera is off', resource(MDB, 'MariaDB', 'mariadb', { galera: { enabled: false } }), 'mariadb-primary'],
    ['the secondary of a MariaDB whose replication is off', resource(MDB, 'MariaDB', 'mariadb', { replication: { enabled: false } }), 'mariadb-secondary'],
    ['a MariaDB Service the operator does not make', resource(MDB, 'MariaDB', 'mariadb', { replication: { enabled: true } }), 'mariadb-master'],
    ['the MaxScale of a MariaDB that does not enable it', resource(MDB, 'MariaDB', 'mariadb', { maxScale: { enabled: false } }), 'mariadb-maxscale'],
    ['the GUI of a MariaDB\'s MaxScale that turns it off', resource(MDB, 'MariaDB', 'mariadb', { maxScale: { enabled: true, admin: { guiEnabled: false } } }), 'mariadb-maxscale-gui'],
    ['the GUI of a MaxScale that turns it off', resource(MDB, 'MaxScale', 'mxs', { admin: { guiEnabled: false } }), 'mxs-gui'],
    ['a MaxScale of another group', resource('example.com/v1', 'MaxScale', 'mxs'), 'mxs'],
    ['the HAProxy of a PerconaXtraDBCluster without it', resource(PXC, 'PerconaXtraDBCluster', 'cluster1', { proxysql: { enabled: true } }), 'cluster1-haproxy'],
    ['the HAProxy of a PerconaXtraDBCluster whose section does not enable it', resource(PXC, 'PerconaXtraDBCluster', 'cluster1', { haproxy: { size: 3 } }), 'cluster1-haproxy'],
    ['the ProxySQL of a PerconaXtraDBCluster with HAProxy', resource(PXC, 'PerconaXtraDBCluster', 'cluster1', { haproxy: { enabled: true }, proxysql: { enabled: false } }),
      'cluster1-proxysql'],
    ['the HAProxy replicas Service that exposeReplicas turns off', resource(PXC, 'PerconaXtraDBCluster', 'cluster1',
      { haproxy: { enabled: true, exposeReplicas: { enabled: false } } }), 'cluster1-haproxy-replicas'],
    ['the HAProxy replicas Service that replicasServiceEnabled turns off (crVersion before 1.14)', resource(PXC, 'PerconaXtraDBCluster', 'cluster1',
      { haproxy: { enabled: true, replicasServiceEnabled: false } }), 'cluster1-haproxy-replicas'],
    ['a PerconaXtraDBCluster name without its -pxc suffix', resource(PXC, 'PerconaXtraDBCluster', 'cluster1'), 'cluster1'],
  ])('does not count %s', (_case, cr, name) => {
    expect(makerKind([cr], name)).toBeUndefined();
  });
});
