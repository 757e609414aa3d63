/**
 * Services that MySQL-family operators make from their custom resources (the table shape and the rules of
 * context/operator-services.ts: each name counts in the resource's namespace, names over 63 characters are none). A
 * Service that the operator makes only when a field of the spec switches it on counts only when that field is on.
 *
 * Sources:
 * - MariaDB Operator (k8s.mariadb.com, and the older group mariadb.mmontes.io): MariaDB `<name>` and `<name>-internal`
 *   (api/v1alpha1 mariadb_types.go InternalServiceKey), and `<name>-primary`, `<name>-secondary` (PrimaryServiceKey,
 *   SecondaryServiceKey) only with high availability (IsHAEnabled: `spec.replication.enabled` or
 *   `spec.galera.enabled`; internal/controller/mariadb_controller.go reconcileService makes them only then). They
 *   count where the spec has a `replication` or `galera` section whose `enabled` is not false: the examples of the
 *   older mariadb.mmontes.io releases configure replication without `enabled`, and a false error costs more than a
 *   missed one. With
 *   `spec.maxScale.enabled` true the operator makes a MaxScale `<name>-maxscale` (MaxScaleKey;
 *   pkg/controller/maxscale MaxScaleReconciler.Reconcile) and so its Services. MaxScale `<name>`, `<name>-internal`
 *   and `<name>-gui` (maxscale_types.go InternalServiceKey, GuiServiceKey; maxscale_controller.go
 *   reconcileInternalService, reconcileKubernetesService, and reconcileGuiKubernetesService unless
 *   `spec.admin.guiEnabled` is false: MaxScaleAdmin.SetDefaults makes it true).
 * - Percona Operator for MySQL based on Percona XtraDB Cluster (pxc.percona.com): PerconaXtraDBCluster `<name>-pxc`
 *   and `<name>-pxc-unready` (pkg/pxc/service.go NewServicePXC, NewServicePXCUnready); with `spec.haproxy.enabled`
 *   true `<name>-haproxy`, and `<name>-haproxy-replicas` unless `spec.haproxy.exposeReplicas.enabled` or the older
 *   `spec.haproxy.replicasServiceEnabled` is false (pkg/apis/pxc/v1 pxc_types.go HAProxyEnabled,
 *   HAProxyReplicasServiceEnabled, CheckNSetDefaults makes it true when unset; pkg/controller/pxc controller.go
 *   deletes the replicas Service when it is off); with `spec.proxysql.enabled` true `<name>-proxysql` and
 *   `<name>-proxysql-unready` (ProxySQLEnabled; NewServiceProxySQL, NewServiceProxySQLUnready).
 */
import { field, OperatorKind, suffixed } from './operator-kind';
import { asRecord } from '../../model/manifest';

/** MaxScale named `name` whose admin settings are `admin`: its Service, the headless one, and the GUI's unless off. */
function maxScaleServices(name: string, admin: unknown): string[] {
  const out = [name, `${name}-internal`];
  if (field(admin, 'guiEnabled') !== false) out.push(`${name}-gui`);
  return out;
}

/** Whether the spec configures the section `key` (a map) and does not switch it off (`enabled: false`). */
function sectionOn(object: Record<string, unknown>, key: string): boolean {
  const section = asRecord(field(object, 'spec', key));
  return section !== undefined && section.enabled !== false;
}

/** MariaDB: its Services, the primary and secondary ones with replication or Galera, and its MaxScale's when enabled. */
function mariaDb(name: string, object: Record<string, unknown>): readonly string[] {
  const out = [name, `${name}-internal`];
  if (sectionOn(object, 'replication') || sectionOn(object, 'galera')) {
    out.push(`${name}-primary`, `${name}-secondary`);
  }
  const maxScale = field(object, 'spec', 'maxScale');
  return field(maxScale, 'enabled') === true ? [...out, ...maxScaleServices(`${name}-maxscale`, field(maxScale, 'admin'))] : out;
}

/** PerconaXtraDBCluster: the PXC Services, and HAProxy's or ProxySQL's where the spec enables them. */
function perconaXtraDb(name: string, object: Record<string, unknown>): readonly string[] {
  const out = suffixed('-pxc', '-pxc-unready')(name);
  const haproxy = field(object, 'spec', 'haproxy');
  if (field(haproxy, 'enabled') === true) {
    out.push(`${name}-haproxy`);
    if (field(haproxy, 'exposeReplicas', 'enabled') !== false && field(haproxy, 'replicasServiceEnabled') !== false) out.push(`${name}-haproxy-replicas`);
  }
  if (field(object, 'spec', 'proxysql', 'enabled') === true) out.push(`${name}-proxysql`, `${name}-proxysql-unready`);
  return out;
}

export const OPERATOR_KINDS_SQL: readonly OperatorKind[] = [
  { group: 'k8s.mariadb.com', kind: 'MariaDB', services: mariaDb },
  { group: 'mariadb.mmontes.io', kind: 'MariaDB', services: mariaDb },
  { group: 'k8s.mariadb.com', kind: 'MaxScale', services: (name, object) => maxScaleServices(name, field(object, 'spec', 'admin')) },
  { group: 'mariadb.mmontes.io', kind: 'MaxScale', services: (name, object) => maxScaleServices(name, field(object, 'spec', 'admin')) },
  { group: 'pxc.percona.com', kind: 'PerconaXtraDBCluster', services: perconaXtraDb },
];
