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
import type { NamespacedObject } from '../../model/pods';
import { ClusterLookup } from '../dns';
import { nameOf, coveredNamespaces, objectsOfKind, PodTemplate, podTemplates, resourceId, servicesNamed } from '../helpers';
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
  return hostFromShape(valueShape(value), name);
}

/**
 * What a value says about a host without its name: none, a host, or a `host:port` pair whose host counts depending on
 * the name (see hostOf). The host is already checked (lower case, not localhost or an IP, a DNS-1123 subdomain).
 */
type ValueShape =
  | { readonly kind: 'none' }
  | { readonly kind: 'host'; readonly host: string | undefined }
  | { readonly kind: 'hostPort'; readonly host: string | undefined; readonly account: boolean };

const NO_HOST: ValueShape = { kind: 'none' };

function valueShape(value: string): ValueShape {
  const v = value.trim();
  if (v.length === 0 || v.length > 2048) return NO_HOST;
  const url = URL_RE.exec(v);
  if (url) return NETWORK_SCHEMES.has(url[1].toLowerCase().split('+')[0]) ? { kind: 'host', host: checkedHost(url[2]) } : NO_HOST;
  const hp = HOST_PORT_RE.exec(v);
  if (hp) {
    // `redis:7`, `postgres:16`: image tags, not ports (no service listens below 20 in practice). A value with a colon
    // is never a `.svc` name.
    const port = Number(hp[2]);
    if (port < 20 || port > 65535) return NO_HOST;
    return { kind: 'hostPort', host: checkedHost(hp[1]), account: ACCOUNTS.has(hp[1].toLowerCase()) };
  }
  return SVC_NAME_RE.test(v) ? { kind: 'host', host: checkedHost(v) } : NO_HOST;
}

function hostFromShape(shape: ValueShape, name: string): string | undefined {
  if (shape.kind === 'none') return undefined;
  if (shape.kind === 'host') return shape.host;
  const userLike = NOT_HOST_NAME_HINT.test(name) || shape.account;
  return HOST_NAME_HINT.test(name) || !userLike ? shape.host : undefined;
}

/** The host in lower case, unless it is localhost, an IP, has no letter or is not a DNS-1123 subdomain. */
function checkedHost(host: string): string | undefined {
  const h = host.toLowerCase();
  const bare = h.endsWith('.') ? h.slice(0, -1) : h;
  if (bare === 'localhost' || parseIp(bare) || !/[a-z]/.test(bare) || isDns1123Subdomain(bare).length > 0) return undefined;
  return h;
}

const DOT = 46;

/**
 * Whether a host can only be meant for cluster DNS: one label (not absolute), a `svc` label, in the cluster domain,
 * or `<name>.<existing namespace>` (not absolute). Reads the text in place (no label list): every host a workload
 * uses is asked once per namespace.
 */
export function inClusterShape(model: ClusterModel, host: string): boolean {
  const absolute = host.endsWith('.');
  const bare = absolute ? host.slice(0, -1) : host;
  const firstDot = bare.indexOf('.');
  if (firstDot === -1) return !absolute;
  const zone = model.options.clusterDomain;
  if (hasSvcLabel(bare) || bare === zone || (bare.endsWith(zone) && bare.charCodeAt(bare.length - zone.length - 1) === DOT)) return true;
  // two labels: `<name>.<namespace>`
  return !absolute && bare.indexOf('.', firstDot + 1) === -1 && model.namespaceExists(bare.slice(firstDot + 1));
}

/** Whether one of the dot-separated labels of `name` is `svc`. */
function hasSvcLabel(name: string): boolean {
  return name === 'svc' || name.startsWith('svc.') || name.endsWith('.svc') || name.includes('.svc.');
}

/** The namespace an in-cluster name points into (`svc.ns`, `svc.ns.svc[.zone]`), if it names one. */
function namespaceOfName(bare: string, zone: string): string | undefined {
  const labels = (bare.endsWith(`.${zone}`) ? bare.slice(0, -zone.length - 1) : bare).split('.');
  const svc = labels.lastIndexOf('svc');
  if (svc >= 1) return labels[svc - 1];
  return labels.length === 2 ? labels[1] : undefined;
}

/** Where a value is used: an env var, an argument (`index` in command + args) or a ConfigMap key. */
type Place = 'env' | 'arg' | 'key';

/**
 * `env NAME`, `args[3] --flag` (`args[3]` for a positional argument, whose name is empty) or `key NAME`, for messages.
 * Built only for findings.
 */
function whereText(place: Place, index: number, name: string): string {
  if (place === 'env') return `env ${name}`;
  if (place === 'key') return `key ${name}`;
  return name === '' ? `args[${index}]` : `args[${index}] ${name}`;
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

/**
 * What a host means from one namespace, the same for every value that names it (a check asks the same few hosts from
 * thousands of workloads, so each (namespace, host) is judged once per run).
 */
type Verdict =
  | { readonly kind: 'skip' } // not in-cluster by shape, or resolves with cluster DNS and needs no message
  | { readonly kind: 'resolves' } // resolves: reported only for pods without cluster DNS
  | { readonly kind: 'unknown' } // in another app's namespace: cannot judge
  | { readonly kind: 'no-ready-endpoints'; readonly bare: string; readonly namespace: string; readonly name: string }
  | { readonly kind: 'missing'; readonly bare: string; readonly hint: string; readonly tried: string };

/** Names of values that are container images, not hosts. */
const IMAGE_RE = /image/i;
/** What the name of a value (env var, flag, key) says about it: IMAGE_RE, HOST_NAME_HINT, NOT_HOST_NAME_HINT. */
interface NameHints {
  readonly image: boolean;
  readonly host: boolean;
  readonly user: boolean;
}

/** `hostOf` and the verdicts of one run, memoized (both are pure in their arguments). */
class HostJudge {
  private readonly shapes = new Map<string, ValueShape>();
  private readonly nameHints = new Map<string, NameHints>();
  private readonly verdicts = new Map<string, Map<string, Verdict>>();
  private readonly dns: ClusterLookup;
  private covered?: Set<string>;

  public constructor(private readonly model: ClusterModel) {
    this.dns = new ClusterLookup(model);
  }

  /**
   * `hostOf(value, name)`, unless `name` says the value is a container image (`IMAGE=redis:7.2`, `--image=nginx:1.27`:
   * the name is the only part of the place text that can contain "image"). Reads each value and each name once.
   */
  public hostUsed(value: string, name: string): string | undefined {
    // A URL and `host:port` have a colon, a `.svc` name a dot: values with neither (`info`, `30s`) name no host, and
    // are a third of all values, so they are not looked up.
    if (value.indexOf(':') === -1 && value.indexOf('.') === -1) return undefined;
    let shape = this.shapes.get(value);
    if (!shape) this.shapes.set(value, shape = valueShape(value));
    if (shape.kind === 'none') return undefined;
    const hints = this.hintsOf(name);
    if (hints.image) return undefined;
    if (shape.kind === 'host') return shape.host;
    // hostFromShape, with the name's hints read once
    const userLike = hints.user || shape.account;
    return hints.host || !userLike ? shape.host : undefined;
  }

  /** What a name says about its values, read once per name: the same names recur in every workload. */
  private hintsOf(name: string): NameHints {
    let hints = this.nameHints.get(name);
    if (!hints) {
      hints = { image: IMAGE_RE.test(name), host: HOST_NAME_HINT.test(name), user: NOT_HOST_NAME_HINT.test(name) };
      this.nameHints.set(name, hints);
    }
    return hints;
  }

  /** The verdicts for pods in `ns`, by host: asked once per container or ConfigMap, then by host for each value. */
  public verdictsIn(ns: string): Map<string, Verdict> {
    let byHost = this.verdicts.get(ns);
    if (!byHost) this.verdicts.set(ns, byHost = new Map());
    return byHost;
  }

  /** The verdict on `host` (from `hostOf`) used by a pod in `ns`; `byHost` is `verdictsIn(ns)`. */
  public verdict(host: string, ns: string, byHost: Map<string, Verdict>): Verdict {
    let v = byHost.get(host);
    if (!v) byHost.set(host, v = this.judge(host, ns));
    return v;
  }

  private judge(host: string, ns: string): Verdict {
    const model = this.model;
    if (!inClusterShape(model, host)) return { kind: 'skip' };
    if (this.dns.resolveFromPod(host, ns)) return { kind: 'resolves' };
    const bare = host.replace(/\.$/, '');
    const target = namespaceOfName(bare, model.options.clusterDomain);
    this.covered ??= coveredNamespaces(model);
    if (target !== undefined && !this.covered.has(target)) return { kind: 'unknown' };
    const behind = serviceBehind(this.dns, model, host, ns);
    if (behind) return { kind: 'no-ready-endpoints', bare, ...behind };
    const first = bare.split('.')[0];
    const elsewhere = servicesNamed(model, first).filter((s) => s.namespace !== ns).map((s) => s.namespace).slice(0, 3);
    const hint = elsewhere.length > 0 && !bare.includes('.') ? ` A Service "${first}" exists in namespace ${elsewhere.map((n) => `"${n}"`).join(', ')}: use "${first}.${elsewhere[0]}".` : '';
    const tried = this.dns.candidates(host, ns).slice(0, 4).join(', ');
    return { kind: 'missing', bare, hint, tried };
  }
}

/** Where values come from: a container of a pod template, or a ConfigMap; `verdicts` is `verdictsIn(namespace)`. */
type Source = { readonly namespace: string; readonly verdicts: Map<string, Verdict> } & (
  | { readonly template: PodTemplate; readonly container: string; readonly clusterDns: boolean }
  | { readonly configMap: NamespacedObject; readonly clusterDns: true });

/** The finding's resource (built only for findings). */
function resourceOf(src: Source): string {
  return 'template' in src ? src.template.ownerId : resourceId(src.configMap);
}

/** The message's subject (built only for findings). */
function subjectOf(src: Source): string {
  return 'template' in src ? `${src.template.kind} "${src.template.name}" container "${src.container}"` : `ConfigMap "${nameOf(src.configMap) ?? ''}"`;
}


export const workloadNameUnresolved: Rule = {
  id: 'workload-name-unresolved',
  level: 'warning',
  description: 'Host name used by a workload does not resolve in the cluster',
  explanation: 'A pod resolves names through its search path <ns>.svc.<zone>, svc.<zone>, <zone> (ndots 5); a short name only finds Services of the pod\'s own namespace, and a missing Service means NXDOMAIN at run time (dns-rules 43-46; Service debugging checklist, step 4). Pods with dnsPolicy Default or hostNetwork without ClusterFirstWithHostNet do not use cluster DNS at all.',
  fix: 'Create the Service the name refers to, qualify it with the namespace (<svc>.<ns>), or fix the name.',
  check(model) {
    const out: Finding[] = [];
    const judge = new HostJudge(model);
    /** Checks one value; `name` is the env var, flag or key it is given under (empty for a positional argument). */
    const report = (src: Source, place: Place, index: number, name: string, value: string) => {
      const host = judge.hostUsed(value, name);
      if (!host) return;
      const v = judge.verdict(host, src.namespace, src.verdicts);
      if (!src.clusterDns) {
        if (v.kind === 'resolves') {
          out.push(finding(this, resourceOf(src), `${subjectOf(src)} ${whereText(place, index, name)} uses "${value}", an in-cluster name, but the pod does not use cluster DNS (dnsPolicy Default, or hostNetwork without dnsPolicy ClusterFirstWithHostNet), so it does not resolve. Fix: set dnsPolicy: ClusterFirstWithHostNet (with hostNetwork) or ClusterFirst.`));
        }
        return;
      }
      if (v.kind === 'no-ready-endpoints') {
        out.push(finding(this, resourceOf(src),
          `${subjectOf(src)} ${whereText(place, index, name)} uses "${value}": Service "${v.name}" exists in namespace "${v.namespace}" but has no ready endpoints, so host "${v.bare}" does not resolve (a headless Service without ready endpoints is NXDOMAIN). Fix: make the Service's pods ready (check its selector and the pods' readiness), or give its EndpointSlices ready endpoints.`));
      } else if (v.kind === 'missing') {
        out.push(finding(this, resourceOf(src),
          `${subjectOf(src)} ${whereText(place, index, name)} uses "${value}", but host "${v.bare}" does not resolve from namespace "${src.namespace}" (tried ${v.tried}).${v.hint} Fix: create the Service it names, or correct the name (<service>.<namespace> for another namespace).`));
      }
    };
    for (const t of podTemplates(model)) {
      const spec = t.spec;
      const policy = str(spec.dnsPolicy) ?? 'ClusterFirst';
      const hostNet = spec.hostNetwork === true;
      const clusterDns = policy === 'ClusterFirstWithHostNet' || (policy === 'ClusterFirst' && !hostNet) || policy === 'None';
      for (const c of t.containers) {
        const src: Source = { template: t, container: c.name, namespace: t.namespace, clusterDns, verdicts: judge.verdictsIn(t.namespace) };
        for (const e of c.env) report(src, 'env', 0, e.name, e.value);
        for (let i = 0; i < c.args.length; i++) {
          const a = c.args[i];
          // `--flag=value`: the flag names the value
          const eq = a.startsWith('-') ? a.indexOf('=') : -1;
          if (eq >= 0) report(src, 'arg', i, a.slice(0, eq), a.slice(eq + 1));
          else report(src, 'arg', i, '', a);
        }
      }
    }
    for (const cm of objectsOfKind(model, 'ConfigMap')) {
      const data = rec(cm.object.data);
      if (!data) continue;
      const src: Source = { configMap: cm, namespace: cm.namespace, clusterDns: true, verdicts: judge.verdictsIn(cm.namespace) };
      const keys = Object.keys(data);
      for (let i = 0; i < keys.length && i < 1000; i++) {
        const v = data[keys[i]];
        if (typeof v !== 'string' || v.includes('\n')) continue;
        report(src, 'key', 0, keys[i], v);
      }
    }
    return out;
  },
};
