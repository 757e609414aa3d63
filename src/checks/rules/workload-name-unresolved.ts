/**
 * workload-name-unresolved (warning): host names that workloads use and that do not resolve in the cluster.
 *
 * Sources: container `env[].value`, `command`/`args` (also the value of `--flag=value`), and ConfigMap `data` values
 * of the same namespace. Only whole values that look like an in-cluster address are checked: a URL of a network
 * scheme (`http://api.payments`, not `s3://bucket`), `host:port` (`redis:6379`, not `user:uid` such as
 * `--user=app:1000`), or a name containing `.svc` (`db.other.svc`); and only hosts
 * that are in-cluster by shape (one label, `...svc...`, in the cluster domain, or `<name>.<existing namespace>`),
 * since other names go to upstream DNS, which cannot be checked offline. Each host is expanded with the pod's
 * ClusterFirst search path (dns-rules 43-46). A pod that cannot use cluster DNS (`dnsPolicy: Default`, or
 * `hostNetwork: true` without `ClusterFirstWithHostNet`) is reported when it uses an in-cluster name at all.
 */
import { parseQuery } from '../../dns/parse';
import type { ClusterModel } from '../../model/cluster-model';
import { rec, str } from '../../model/manifest';
import { ClusterLookup } from '../dns';
import { nameOf, coveredNamespaces, objectsOfKind, podTemplates, resourceId, servicesNamed } from '../helpers';
import { finding, Finding, Rule } from '../rule';
import { parseIp } from '../validation/ip';
import { isDns1123Subdomain } from '../validation/names';

const URL_RE = /^([a-z][a-z0-9+.-]*):\/\/(?:[^@/?#\s]*@)?([^/:?#\s[\]]+)(?::(\d{1,5}))?(?:[/?#]\S*)?$/i;
const HOST_PORT_RE = /^([a-z0-9][-a-z0-9.]*[a-z0-9]|[a-z0-9]):(\d{1,5})$/i;
const SVC_NAME_RE = /^[a-z0-9][-a-z0-9.]*\.svc(\.[-a-z0-9.]+)?\.?$/i;

/** URL schemes whose authority is a network host (`s3://bucket`, `file://`, `gs://` name no host). */
const NETWORK_SCHEMES = new Set([
  'http', 'https', 'grpc', 'grpcs', 'ws', 'wss', 'redis', 'rediss', 'postgres', 'postgresql', 'mysql', 'mongodb', 'amqp',
  'amqps', 'kafka', 'nats', 'tcp', 'udp', 'ldap', 'ldaps', 'memcached',
]);
/** Env var / flag names that say the value is an address. */
const HOST_NAME_HINT = /HOST|ADDR|URL|URI|ENDPOINT|SERVER|BROKER|DSN/i;
/** Env var / flag names whose `x:n` values are users, groups, images or versions (`--user=app:1000`, `BASE=node:22`). */
const NOT_HOST_NAME_HINT = /USER|RUN_?AS|UID|GID|GROUP|OWNER|CHOWN|IMAGE|BASE|TAG|VERSION/i;
/** Account names of `user:uid` values (`nobody:65534`). */
const ACCOUNTS = new Set(['root', 'nobody', 'nogroup', 'daemon', 'www-data']);

/**
 * The host a value addresses, if the whole value is a URL of a network scheme, a `.svc` name, or `host:port`. A bare
 * `host:port` counts when `name` (the env var, flag or key) says it is an address, or else when nothing marks it as a
 * `user:uid`, image or version pair (by the name or a well-known account).
 */
export function hostOf(value: string, name = ''): string | undefined {
  const v = value.trim();
  if (v.length === 0 || v.length > 2048) return undefined;
  const url = URL_RE.exec(v);
  if (url && !NETWORK_SCHEMES.has(url[1].toLowerCase().split('+')[0])) return undefined;
  const hp = url ? null : HOST_PORT_RE.exec(v);
  // `redis:7`, `postgres:16`: image tags, not ports (no service listens below 20 in practice)
  const portLike = hp && Number(hp[2]) >= 20 && Number(hp[2]) <= 65535;
  const userLike = !!hp && (NOT_HOST_NAME_HINT.test(name) || ACCOUNTS.has(hp[1].toLowerCase()));
  const hostPort = hp && portLike && (HOST_NAME_HINT.test(name) || !userLike) ? hp[1] : undefined;
  const host = url?.[2] ?? hostPort ?? (SVC_NAME_RE.test(v) ? v : undefined);
  if (!host) return undefined;
  const h = host.toLowerCase();
  const bare = h.endsWith('.') ? h.slice(0, -1) : h;
  if (bare === 'localhost' || parseIp(bare) || !/[a-z]/.test(bare) || isDns1123Subdomain(bare).length > 0) return undefined;
  return h;
}

/** Whether a host can only be meant for cluster DNS. */
export function inClusterShape(model: ClusterModel, host: string): boolean {
  const bare = host.replace(/\.$/, '');
  const labels = bare.split('.');
  const zone = model.options.clusterDomain;
  if (labels.length === 1) return !host.endsWith('.');
  if (labels.includes('svc') || bare === zone || bare.endsWith(`.${zone}`)) return true;
  return labels.length === 2 && model.namespaceExists(labels[1]) && !host.endsWith('.');
}

/** The namespace an in-cluster name points into (`svc.ns`, `svc.ns.svc[.zone]`), if it names one. */
function namespaceOfName(bare: string, zone: string): string | undefined {
  const labels = (bare.endsWith(`.${zone}`) ? bare.slice(0, -zone.length - 1) : bare).split('.');
  const svc = labels.lastIndexOf('svc');
  if (svc >= 1) return labels[svc - 1];
  return labels.length === 2 ? labels[1] : undefined;
}

/** Where a value is used, the env var / flag / key name it is given under (empty for a positional arg), and the value. */
interface Use { readonly where: string; readonly name: string; readonly value: string }

function argValues(args: readonly string[]): Use[] {
  return args.map((a, i) => {
    const flag = a.startsWith('-') && a.includes('=');
    const name = flag ? a.slice(0, a.indexOf('=')) : '';
    return { where: flag ? `args[${i}] ${name}` : `args[${i}]`, name, value: flag ? a.slice(a.indexOf('=') + 1) : a };
  });
}

/** The Service a name would reach from `ns` if it had ready endpoints: `namespace/name`, when the model has it. */
function serviceBehind(dns: ClusterLookup, model: ClusterModel, host: string, ns: string): { namespace: string; name: string } | undefined {
  for (const c of dns.candidates(host, ns)) {
    const q = parseQuery(c, model.options.clusterDomain);
    if (q.kind === 'service' && q.endpoint === undefined && q.port === undefined && model.service(q.namespace, q.service)) {
      return { namespace: q.namespace, name: q.service };
    }
  }
  return undefined;
}

export const workloadNameUnresolved: Rule = {
  id: 'workload-name-unresolved',
  level: 'warning',
  description: 'Host name used by a workload does not resolve in the cluster',
  explanation: 'A pod resolves names through its search path <ns>.svc.<zone>, svc.<zone>, <zone> (ndots 5); a short name only finds Services of the pod\'s own namespace, and a missing Service means NXDOMAIN at run time (dns-rules 43-46; Service debugging checklist, step 4). Pods with dnsPolicy Default or hostNetwork without ClusterFirstWithHostNet do not use cluster DNS at all.',
  fix: 'Create the Service the name refers to, qualify it with the namespace (<svc>.<ns>), or fix the name.',
  check(model) {
    const out: Finding[] = [];
    const dns = new ClusterLookup(model);
    const covered = coveredNamespaces(model);
    const zone = model.options.clusterDomain;
    const report = (resource: string, subject: string, ns: string, use: Use, clusterDns: boolean) => {
      if (/image/i.test(use.where)) return; // IMAGE=redis:7.2, --image=nginx:1.27: container images, not hosts
      const host = hostOf(use.value, use.name);
      if (!host || !inClusterShape(model, host)) return;
      const bare = host.replace(/\.$/, '');
      const found = dns.resolveFromPod(host, ns);
      if (!clusterDns) {
        if (found) {
          out.push(finding(this, resource, `${subject} ${use.where} uses "${use.value}", an in-cluster name, but the pod does not use cluster DNS (dnsPolicy Default, or hostNetwork without dnsPolicy ClusterFirstWithHostNet), so it does not resolve. Fix: set dnsPolicy: ClusterFirstWithHostNet (with hostNetwork) or ClusterFirst.`));
        }
        return;
      }
      if (found) return;
      const target = namespaceOfName(bare, zone);
      if (target !== undefined && !covered.has(target)) return; // another app's namespace: cannot judge
      const behind = serviceBehind(dns, model, host, ns);
      if (behind) {
        out.push(finding(this, resource,
          `${subject} ${use.where} uses "${use.value}": Service "${behind.name}" exists in namespace "${behind.namespace}" but has no ready endpoints, so host "${bare}" does not resolve (a headless Service without ready endpoints is NXDOMAIN). Fix: make the Service's pods ready (check its selector and the pods' readiness), or give its EndpointSlices ready endpoints.`));
        return;
      }
      const first = bare.split('.')[0];
      const elsewhere = servicesNamed(model, first).filter((s) => s.namespace !== ns).map((s) => s.namespace).slice(0, 3);
      const hint = elsewhere.length > 0 && !bare.includes('.') ? ` A Service "${first}" exists in namespace ${elsewhere.map((n) => `"${n}"`).join(', ')}: use "${first}.${elsewhere[0]}".` : '';
      const tried = dns.candidates(host, ns).slice(0, 4).join(', ');
      out.push(finding(this, resource,
        `${subject} ${use.where} uses "${use.value}", but host "${bare}" does not resolve from namespace "${ns}" (tried ${tried}).${hint} Fix: create the Service it names, or correct the name (<service>.<namespace> for another namespace).`));
    };
    for (const t of podTemplates(model)) {
      const spec = t.spec;
      const policy = str(spec.dnsPolicy) ?? 'ClusterFirst';
      const hostNet = spec.hostNetwork === true;
      const clusterDns = policy === 'ClusterFirstWithHostNet' || (policy === 'ClusterFirst' && !hostNet) || policy === 'None';
      for (const c of t.containers) {
        const subject = `${t.kind} "${t.name}" container "${c.name}"`;
        for (const e of c.env) report(t.ownerId, subject, t.namespace, { where: `env ${e.name}`, name: e.name, value: e.value }, clusterDns);
        for (const a of argValues(c.args)) report(t.ownerId, subject, t.namespace, a, clusterDns);
      }
    }
    for (const cm of objectsOfKind(model, 'ConfigMap')) {
      const data = rec(cm.object.data);
      if (!data) continue;
      for (const [k, v] of Object.entries(data).slice(0, 1000)) {
        if (typeof v !== 'string' || v.includes('\n')) continue;
        report(resourceId(cm), `ConfigMap "${nameOf(cm) ?? ''}"`, cm.namespace, { where: `key ${k}`, name: k, value: v }, true);
      }
    }
    return out;
  },
};
